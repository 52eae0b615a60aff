/*
 * swig/python/opt.i - Python's typemaps for the shapes of Hop-by-Hop and
 * Destination options headers (swig/xapi.i names the shapes and declares
 * the calls; this file is included before it).
 *
 *   option list in   an iterable of (type, align, data) tuples; data is a
 *                    bytes-like object or an iterable of bytes-like pieces
 *                    written one after another
 *   option list out  a list of (type, bytes)
 *   one option out   (type, bytes, offset), or None
 *   header out       bytes
 *   header in place  a writable buffer (bytearray, memoryview), or None
 *   value out        an int length in, bytes out
 *
 * The lists are copied into C before the call: a type's __index__ may run
 * code that changes the caller's list.  Wrong types are TypeError naming
 * the argument; wrong values are the core's ValueError.
 */

#define XAPI_OPT_SHAPES

%{
/* One call's option list: one PyMem block holds the n structs and then
 * the bytes they point to (each option's data copied to its own 255-byte
 * place). */
typedef struct xapi_py_optlist {
    xapi_opt *opts;
    size_t n;
} xapi_py_optlist;

static int xapi_py_optlist_in(PyObject *o, const char *fn,
                              xapi_py_optlist *l)
{
    PyObject *seq = xapi_py_tuple(o, fn, "options", "an iterable of (type, "
                                  "align, data) tuples", XAPI_OPT_MAXOPTS);
    Py_ssize_t n, i;
    int rc = -1;

    if (seq == NULL)
        return -1;
    n = PyTuple_GET_SIZE(seq);
    l->n = (size_t)n;
    l->opts = PyMem_Calloc(1, (size_t)n * (sizeof *l->opts + 255) + 1);
    if (l->opts == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    for (i = 0; i < n; i++) {
        PyObject *item = PyTuple_GET_ITEM(seq, i), *data, *pieces;
        xapi_opt *op = &l->opts[i];
        unsigned char *place = (unsigned char *)(l->opts + n) +
                               (size_t)i * 255;
        long long v;
        Py_ssize_t k;

        if (!PyTuple_Check(item) || PyTuple_GET_SIZE(item) != 3) {
            PyErr_Format(PyExc_TypeError, "%s(): argument 'options': item %zd "
                         "must be a (type, align, data) tuple, not %.100s", fn,
                         i, Py_TYPE(item)->tp_name);
            goto done;
        }
        if (xapi_py_long(PyTuple_GET_ITEM(item, 0), fn, "options[].type",
                         INT_MIN, INT_MAX, PyExc_ValueError, &v) < 0)
            goto done;
        op->type = (int)v;
        if (xapi_py_long(PyTuple_GET_ITEM(item, 1), fn, "options[].align",
                         0, UINT_MAX, PyExc_ValueError, &v) < 0)
            goto done;
        op->align = (unsigned)v;
        op->data = place;
        /* Each piece is appended to the option's place (255 bytes);
         * op->len counts every byte, so a total past 255 reaches the
         * core, which refuses it before reading the data. */
        data = PyTuple_GET_ITEM(item, 2);
        pieces = PyObject_CheckBuffer(data) ? PyTuple_Pack(1, data) :
                 xapi_py_tuple(data, fn, "options[].data", "bytes-like or a "
                               "sequence of bytes-like pieces", 255);
        for (k = 0; pieces != NULL && k < PyTuple_GET_SIZE(pieces); k++) {
            Py_buffer pv;
            if (PyObject_GetBuffer(PyTuple_GET_ITEM(pieces, k), &pv,
                                   PyBUF_SIMPLE) < 0)
                break;
            if (op->len < 255)
                memcpy(place + op->len, pv.buf, (size_t)pv.len < 255 - op->len
                                                ? (size_t)pv.len : 255 - op->len);
            op->len += (size_t)pv.len;
            PyBuffer_Release(&pv);
        }
        Py_XDECREF(pieces);
        if (PyErr_Occurred())
            goto done;
    }
    rc = 0;
done:
    Py_DECREF(seq);
    return rc;
}

/* One option as (type, data, offset); None when there is none. */
static PyObject *xapi_py_opt_obj(const xapi_opt *o, int with_offset)
{
    if (o->data == NULL)
        Py_RETURN_NONE;
    if (with_offset)
        return Py_BuildValue("(iy#n)", o->type, (const char *)o->data,
                             (Py_ssize_t)o->len, (Py_ssize_t)o->offset);
    return Py_BuildValue("(iy#)", o->type, (const char *)o->data,
                         (Py_ssize_t)o->len);
}
%}

/* ---- option list in --------------------------------------------------- */
%typemap(in) (const xapi_opt *OPT_LIST_IN, size_t OPT_LIST_LEN)
    (xapi_py_optlist list = { NULL, 0 }) {
  if (xapi_py_optlist_in($input, "$symname", &list) < 0) SWIG_fail;
  $1 = list.opts;
  $2 = list.n;
}
%typemap(freearg) (const xapi_opt *OPT_LIST_IN, size_t OPT_LIST_LEN) {
  PyMem_Free(list$argnum.opts);
}

/* ---- option list out: [(type, data), ...] ----------------------------- */
%typemap(in, numinputs=0) (xapi_opt *OPT_LIST_OUT, size_t OPT_LIST_CAP,
                           size_t *OPT_LIST_COUNT)
    (xapi_opt *opts = NULL, size_t count = 0) {
  opts = PyMem_Calloc(XAPI_OPT_MAXOPTS, sizeof *opts);
  if (opts == NULL) { PyErr_NoMemory(); SWIG_fail; }
  $1 = opts;
  $2 = XAPI_OPT_MAXOPTS;
  $3 = &count;
}
%typemap(argout) (xapi_opt *OPT_LIST_OUT, size_t OPT_LIST_CAP,
                  size_t *OPT_LIST_COUNT) {
  PyObject *list = PyList_New((Py_ssize_t)count$argnum);
  size_t i;
  for (i = 0; list != NULL && i < count$argnum; i++) {
    PyObject *o = xapi_py_opt_obj(&$1[i], 0);
    if (o == NULL) Py_CLEAR(list);
    else PyList_SET_ITEM(list, (Py_ssize_t)i, o);
  }
  if (list == NULL) SWIG_fail;
  $result = SWIG_Python_AppendOutput($result, list);
}
%typemap(freearg) (xapi_opt *OPT_LIST_OUT, size_t OPT_LIST_CAP,
                   size_t *OPT_LIST_COUNT) {
  PyMem_Free(opts$argnum);
}

/* ---- one option out: (type, data, offset) or None --------------------- */
%typemap(in, numinputs=0) xapi_opt *OPT_OUT (xapi_opt tmp) {
  memset(&tmp, 0, sizeof tmp);
  $1 = &tmp;
}
%typemap(argout) xapi_opt *OPT_OUT {
  PyObject *o = xapi_py_opt_obj($1, 1);
  if (o == NULL) SWIG_fail;
  $result = SWIG_Python_AppendOutput($result, o);
}

/* ---- a whole header out, as bytes ------------------------------------- */
%typemap(in, numinputs=0) (void *OPT_HDR_OUT, size_t OPT_HDR_CAP,
                           size_t *OPT_HDR_LEN)
    (unsigned char hdr[XAPI_OPT_HDR_MAX], size_t hdrlen = 0) {
  $1 = hdr;
  $2 = sizeof hdr;
  $3 = &hdrlen;
}
%typemap(argout) (void *OPT_HDR_OUT, size_t OPT_HDR_CAP, size_t *OPT_HDR_LEN) {
  PyObject *b = PyBytes_FromStringAndSize((const char *)$1,
                                          (Py_ssize_t)hdrlen$argnum);
  if (b == NULL) SWIG_fail;
  $result = SWIG_Python_AppendOutput($result, b);
}

/* ---- a header changed in place: a writable buffer, or None ------------- */
%typemap(in) (void *OPT_HDR_INOUT, size_t OPT_HDR_INOUT_LEN)
    (Py_buffer view, int have_view = 0) {
  if ($input == Py_None) {
    $1 = NULL;
    $2 = 0;
  } else {
    if (PyObject_GetBuffer($input, &view, PyBUF_WRITABLE) < 0) {
      PyErr_Clear();
      PyErr_Format(PyExc_TypeError, "$symname(): argument 'extbuf' must be a "
                   "writable contiguous buffer (bytearray, memoryview) or "
                   "None, not %.100s", Py_TYPE($input)->tp_name);
      SWIG_fail;
    }
    have_view = 1;
    $1 = view.buf;
    $2 = (size_t)view.len;
  }
}
%typemap(freearg) (void *OPT_HDR_INOUT, size_t OPT_HDR_INOUT_LEN) {
  if (have_view$argnum) PyBuffer_Release(&view$argnum);
}

/* ---- a value out: its length in (0..2048), bytes out ------------------- */
%typemap(in) (void *OPT_VAL_OUT, size_t OPT_VAL_LEN)
    (PyObject *bytes = NULL, long long v) {
  if (xapi_py_long($input, "$symname", "$2_name", 0, XAPI_OPT_HDR_MAX,
                   PyExc_ValueError, &v) < 0) SWIG_fail;
  bytes = PyBytes_FromStringAndSize(NULL, (Py_ssize_t)v);
  if (bytes == NULL) SWIG_fail;
  $1 = PyBytes_AS_STRING(bytes);
  $2 = (size_t)v;
}
%typemap(argout) (void *OPT_VAL_OUT, size_t OPT_VAL_LEN) {
  $result = SWIG_Python_AppendOutput($result, bytes$argnum);
  bytes$argnum = NULL;
}
%typemap(freearg) (void *OPT_VAL_OUT, size_t OPT_VAL_LEN) {
  Py_XDECREF(bytes$argnum);
}

/* ---- an offset out ----------------------------------------------------- */
%typemap(in, numinputs=0) size_t *OPT_OFFSET_OUT (size_t tmp = 0) {
  $1 = &tmp;
}
%typemap(argout) size_t *OPT_OFFSET_OUT {
  $result = SWIG_Python_AppendOutput($result, PyLong_FromSize_t(*$1));
}

/* ---- bytes in: any contiguous buffer ----------------------------------- */
%apply (const void *buf, size_t len)
  { (const void *OPT_BYTES_IN, size_t OPT_BYTES_LEN) };

/* ---- sizes and option types: plain integers --------------------------- */
%apply size_t { size_t OPT_SIZE };
%apply int { int OPT_TYPE };

/* ---- a result that only says "no error": the outputs are the result ---- */
%typemap(out) int OPT_STATUS "$result = SWIG_Py_Void();"
