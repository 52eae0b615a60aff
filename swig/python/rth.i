/*
 * swig/python/rth.i - Python's typemaps for the shapes of routing headers
 * (type 0 and SRH), the ICMPv6 filter, path MTU and next hop (swig/xapi.i
 * declares the calls and includes this file ahead of them).
 *
 * Only shapes and object builders: the core checks every value and words
 * every error; here a Python object becomes a C array and back.  Lists
 * in take any sequence (a str or a bytes-like object is refused: it is one
 * address, not a list); address elements must be str (TypeError naming
 * the argument otherwise).  Ints the core range-checks are refused here
 * only when they do not fit a C int, with ValueError as the core would.
 */
#ifndef XAPI_PY_RTH_I
#define XAPI_PY_RTH_I

%{
/* The most items a list argument is read for (the core refuses more
 * addresses or types than any header holds long before). */
#define XAPI_PY_MAX_LIST 4096

/* A list's items as a C array (PyMem_Free it): the address texts of its
 * str items (pointing into them, alive as long as seq is) when texts is
 * set, else its ints. */
static void *xapi_py_array(PyObject *seq, const char *fn, const char *arg,
                           int texts)
{
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq), i;
    void *v = PyMem_Calloc(n > 0 ? (size_t)n : 1,
                           texts ? sizeof(const char *) : sizeof(int));

    if (v == NULL)
        return PyErr_NoMemory();
    for (i = 0; i < n; i++) {
        PyObject *item = PySequence_Fast_GET_ITEM(seq, i);
        const char *t = NULL;
        long long x = 0;

        if (texts && !PyUnicode_Check(item))
            PyErr_Format(PyExc_TypeError, "%s(): argument '%s' must hold str, "
                         "not %.100s (element %zd)", fn, arg,
                         Py_TYPE(item)->tp_name, i);
        else if (texts)
            t = xapi_py_text(item, fn, arg);
        else
            (void)xapi_py_long(item, fn, arg, INT_MIN, INT_MAX,
                               PyExc_ValueError, &x);
        if (PyErr_Occurred()) {
            PyMem_Free(v);
            return NULL;
        }
        if (texts)
            ((const char **)v)[i] = t;
        else
            ((int *)v)[i] = (int)x;
    }
    return v;
}

/* A whole routing header as a dict: its fields, "segments" (the address
 * texts in the order the call gives them) and "tlv" (bytes). */
static PyObject *xapi_py_rth_dict(const xapi_rth_info *in,
                                  const xapi_in6_text *addrs, size_t n)
{
    PyObject *segs = PyList_New((Py_ssize_t)n), *d;
    size_t i;
    if (segs == NULL)
        return NULL;
    for (i = 0; i < n; i++) {
        PyObject *s = PyUnicode_FromString(addrs[i].s);
        if (s == NULL) {
            Py_DECREF(segs);
            return NULL;
        }
        PyList_SET_ITEM(segs, (Py_ssize_t)i, s);
    }
    d = Py_BuildValue("{si,sI,sI,sI,sI,sI,sI,sk,sn,sN,sy#}",
                      "type", in->type, "next_header", in->next_header,
                      "hdr_ext_len", in->hdr_ext_len,
                      "segments_left", in->segments_left,
                      "last_entry", in->last_entry, "flags", in->flags,
                      "tag", in->tag, "reserved", (unsigned long)in->reserved,
                      "length", (Py_ssize_t)in->length, "segments", segs,
                      "tlv", (const char *)in->tlv, (Py_ssize_t)in->tlv_len);
    return d;
}
%}

/* The scalar shapes are this block's only. */
%define XAPI_RTH_END
%clear int type, int segments, int index, int passing, int segments_left,
       int next_header, int flags, int tag;
%enddef

/* Status calls: None, or what their argouts give. */
%define XAPI_RTH_STATUS(fn)
%typemap(out) int fn "$result = SWIG_Py_Void();"
%enddef
%define XAPI_RTH_BOOL(fn)
%typemap(out) int fn "$result = PyBool_FromLong($1);"
%enddef

/* ---- ints the core range-checks ----------------------------------------- */
/* (Locals belong to each pattern of a list, so every name carries its own.) */
%typemap(in) int type (long long v), int segments (long long v),
             int index (long long v), int passing (long long v),
             int segments_left (long long v), int next_header (long long v),
             int flags (long long v), int tag (long long v) {
  if (xapi_py_long($input, "$symname", "$1_name", INT_MIN, INT_MAX,
                   PyExc_ValueError, &v) < 0) SWIG_fail;
  $1 = (int)v;
}

/* ---- lists in ------------------------------------------------------------ */
%typemap(in) (const char *const *addrs, size_t naddrs)
                 (PyObject *seq = NULL, const char **texts = NULL),
             (const char *const *segments, size_t nsegments)
                 (PyObject *seq = NULL, const char **texts = NULL) {
  seq = xapi_py_tuple($input, "$symname", "$1_name",
                      "an iterable of IPv6 address strings", XAPI_PY_MAX_LIST);
  if (seq == NULL) SWIG_fail;
  texts = xapi_py_array(seq, "$symname", "$1_name", 1);
  if (texts == NULL) SWIG_fail;
  $1 = (char **)texts;
  $2 = (size_t)PySequence_Fast_GET_SIZE(seq);
}
%typemap(freearg) (const char *const *addrs, size_t naddrs),
                  (const char *const *segments, size_t nsegments) {
  PyMem_Free((void *)texts$argnum);
  Py_XDECREF(seq$argnum);
}

%typemap(in) (const int *types, size_t ntypes)
    (PyObject *seq = NULL, int *ints = NULL) {
  seq = xapi_py_tuple($input, "$symname", "$1_name", "an iterable of ints",
                      XAPI_PY_MAX_LIST);
  if (seq == NULL) SWIG_fail;
  ints = xapi_py_array(seq, "$symname", "$1_name", 0);
  if (ints == NULL) SWIG_fail;
  $1 = ints;
  $2 = (size_t)PySequence_Fast_GET_SIZE(seq);
}
%typemap(freearg) (const int *types, size_t ntypes) {
  PyMem_Free(ints$argnum);
  Py_XDECREF(seq$argnum);
}

/* ---- out ------------------------------------------------------------------ */
%typemap(in, numinputs=0) (void *hdr_out, size_t hdr_cap, size_t *hdr_len)
    (unsigned char bytes[XAPI_RTH_MAX], size_t got = 0) {
  $1 = bytes;
  $2 = sizeof bytes;
  $3 = &got;
}
%typemap(argout) (void *hdr_out, size_t hdr_cap, size_t *hdr_len) {
  PyObject *o = PyBytes_FromStringAndSize((const char *)bytes$argnum,
                                          (Py_ssize_t)got$argnum);
  if (o == NULL) SWIG_fail;
  $result = SWIG_Python_AppendOutput($result, o);
}

%typemap(in, numinputs=0) xapi_in6_text *addr_out (xapi_in6_text text) {
  text.s[0] = '\0';
  $1 = &text;
}
%typemap(argout) xapi_in6_text *addr_out {
  PyObject *o = PyUnicode_FromString($1->s);
  if (o == NULL) SWIG_fail;
  $result = SWIG_Python_AppendOutput($result, o);
}

%typemap(in, numinputs=0) unsigned *ifindex_out (unsigned u = 0) {
  $1 = &u;
}
%typemap(argout) unsigned *ifindex_out {
  $result = SWIG_Python_AppendOutput($result, PyLong_FromUnsignedLong(*$1));
}

/* (addr, ifindex, mtu), which xapi.MtuInfo takes. */
%typemap(in, numinputs=0) xapi_mtuinfo *mtu_out (xapi_mtuinfo m) {
  memset(&m, 0, sizeof m);
  $1 = &m;
}
%typemap(argout) xapi_mtuinfo *mtu_out {
  PyObject *o = Py_BuildValue("(sIk)", $1->addr, $1->ifindex,
                              (unsigned long)$1->mtu);
  if (o == NULL) SWIG_fail;
  $result = SWIG_Python_AppendOutput($result, o);
}

%typemap(in, numinputs=0)
    (xapi_rth_info *info_out, xapi_in6_text *addrs_out, size_t addrs_cap,
     size_t *naddrs)
    (xapi_rth_info info, xapi_in6_text addrs[127], size_t n = 0) {
  $1 = &info;
  $2 = addrs;
  $3 = sizeof addrs / sizeof addrs[0];
  $4 = &n;
}
%typemap(argout)
    (xapi_rth_info *info_out, xapi_in6_text *addrs_out, size_t addrs_cap,
     size_t *naddrs) {
  PyObject *o = xapi_py_rth_dict($1, $2, *$4);
  if (o == NULL) SWIG_fail;
  $result = SWIG_Python_AppendOutput($result, o);
}

%typemap(in, numinputs=0) (int *types_out, size_t types_cap, size_t *ntypes)
    (int types[256], size_t n = 0) {
  $1 = types;
  $2 = 256;
  $3 = &n;
}
%typemap(argout) (int *types_out, size_t types_cap, size_t *ntypes) {
  PyObject *l = PyList_New((Py_ssize_t)*$3);
  size_t i;
  if (l == NULL) SWIG_fail;
  for (i = 0; i < *$3; i++) {
    PyObject *x = PyLong_FromLong($1[i]);
    if (x == NULL) { Py_DECREF(l); SWIG_fail; }
    PyList_SET_ITEM(l, (Py_ssize_t)i, x);
  }
  $result = SWIG_Python_AppendOutput($result, l);
}

#endif
