/*
 * swig/python/fdpass.i - Python's one descriptor shape (unix(7)
 * SCM_RIGHTS), both ways:
 *   (const int *FD_LIST, size_t FD_COUNT)  an iterable of descriptors in:
 *       ints or objects with fileno() (sockets, files), read with
 *       PyObject_AsFileDescriptor;
 *   a received SCM_RIGHTS item's value: a tuple of ints, read from the
 *       core's view with xapi_fds_at by msg.i's item builder.
 *       xapi.recvmsg(..., fds="socket") turns them into socket.socket
 *       objects (xapi/__init__.py).
 * Included before swig/xapi.i.
 */
%{
/* Tentative definitions of msg.i's result types (defined there). */
static PyTypeObject *xapi_py_MessageType;
static PyTypeObject *xapi_py_CmsgType;
%}

%typemap(in) (const int *FD_LIST, size_t FD_COUNT)
    (int fdbuf[XAPI_FDS_MAX], PyObject *seq = NULL) {
  Py_ssize_t i, n;

  seq = PySequence_Fast($input, "Cmsg.fds(): expected an iterable of "
                        "descriptors (ints or objects with fileno())");
  if (seq == NULL)
    SWIG_fail;
  n = PySequence_Fast_GET_SIZE(seq);
  for (i = 0; i < n && i < XAPI_FDS_MAX; i++) {
    int fd = PyObject_AsFileDescriptor(PySequence_Fast_GET_ITEM(seq, i));
    if (fd < 0)
      SWIG_fail;
    fdbuf[i] = fd;
  }
  /* More than XAPI_FDS_MAX: the core refuses the count, reading none. */
  $1 = fdbuf;
  $2 = (size_t)n;
}
%typemap(freearg) (const int *FD_LIST, size_t FD_COUNT) {
  Py_XDECREF(seq$argnum);
}

/* The typed constructors' status is not their result: the item is. */
XAPI_PY_STATUS(xapi_typed_creds)
XAPI_PY_STATUS(xapi_typed_fds)

/* The struct sequences (Message, Cmsg) are immutable and their hidden
 * fields cannot be given from Python: recvmsg(..., fds="socket") makes
 * its copies, with the descriptors as objects, through this one call. */
%feature("nothreadallow") xapi_struct_replace;
%feature("nothreadallow") xapi_typed_creds;
%feature("nothreadallow") xapi_typed_fds;
%inline %{
static PyObject *xapi_struct_replace(PyObject *obj, long index,
                                     PyObject *value)
{
    PyTypeObject *tp = Py_TYPE(obj);
    Py_ssize_t n = tp == xapi_py_CmsgType ? 6 : 5, i; /* n_fields */
    PyObject *o;

    if (tp != xapi_py_CmsgType && tp != xapi_py_MessageType) {
        PyErr_SetString(PyExc_TypeError, "expected a Cmsg or a Message");
        return NULL;
    }
    if (index < 0 || index >= n) {
        PyErr_SetString(PyExc_IndexError, "no such field");
        return NULL;
    }
    o = PyStructSequence_New(tp);
    for (i = 0; o != NULL && i < n; i++) {
        PyObject *f = i == index ? value : PyStructSequence_GetItem(obj, i);
        PyStructSequence_SetItem(o, i, Py_NewRef(f ? f : Py_None));
    }
    return o;
}
%}
