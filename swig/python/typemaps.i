/*
 * swig/python/typemaps.i - how the shared interface's parameters look in
 * Python 3.  Included by bindings/python/xapi_python.i before swig/xapi.i.
 *
 * The typemaps key on the parameter names swig/xapi.i promises:
 *   int fd                                 socket.socket, anything with
 *                                          fileno(), or an int
 *   const char *host, unsigned port        str host, int port; parsed with
 *                                          xapi_addr_parse for the socket's
 *                                          family before the call, so a bad
 *                                          address is a ValueError
 *   const void *buf, size_t len            any contiguous buffer (bytes,
 *                                          bytearray, memoryview...)
 *   void *out, size_t cap, size_t *outlen  one int (the size) in, bytes out
 *   int *value                             an int out
 *   xapi_addr *addr_out                    an address out, as the socket
 *                                          module spells it
 * Calls that only succeed or fail return None.
 *
 * Binary data is bytes both ways; nothing goes through SWIG's char* (which
 * would decode to str).  Every buffer view taken in an "in" typemap is
 * released in "freearg", which SWIG runs on the success and on the fail
 * path alike.
 */

%{
#include <errno.h>
#include <limits.h>
#include <string.h>
#include <sys/un.h>
#include <arpa/inet.h>
#include "xapi.h"

/* OS errors: an OSError subclass chosen by errno (PyErr_SetFromErrno does
 * that).  The CMSG size helpers fail with EOVERFLOW only for an argument
 * that is too large, which Python spells OverflowError. */
static void xapi_py_raise_os(const char *fname)
{
    int err = errno;
    if (err == EOVERFLOW && strncmp(fname, "xapi_cmsg_", 10) == 0) {
        PyErr_Format(PyExc_OverflowError, "%s: length too large for a "
                     "control message", fname + 5);
        return;
    }
    if (err == 0)
        err = EINVAL; /* never raise OSError(0, "Success") */
    errno = err;
    PyErr_SetFromErrno(PyExc_OSError);
}

/* An int argument within [min, max].  Non-integers are a TypeError naming
 * the argument; out-of-range values raise range_exc (ValueError for sizes,
 * OverflowError for C ints). */
static int xapi_py_long(PyObject *o, const char *fn, const char *arg,
                        long long min, long long max, PyObject *range_exc,
                        long long *out)
{
    long long v;
    int overflow = 0;
    if (o != NULL && PyLong_CheckExact(o)) {
        /* The common case, a plain int: no __index__ to ask. */
        v = PyLong_AsLongLongAndOverflow(o, &overflow);
        if (!overflow && v >= min && v <= max) {
            *out = v;
            return 0;
        }
    }
    if (o == NULL || !PyIndex_Check(o) || PyFloat_Check(o)) {
        PyErr_Format(PyExc_TypeError, "%s(): argument '%s' must be int, not %.100s",
                     fn, arg, o ? Py_TYPE(o)->tp_name : "NULL");
        return -1;
    }
    {
        PyObject *idx = PyNumber_Index(o);
        if (idx == NULL)
            return -1;
        v = PyLong_AsLongLongAndOverflow(idx, &overflow);
        Py_DECREF(idx);
    }
    if (v == -1 && PyErr_Occurred())
        return -1;
    if (overflow || v < min || v > max) {
        PyErr_Format(range_exc, "%s(): argument '%s' must be in %lld..%lld",
                     fn, arg, min, max);
        return -1;
    }
    *out = v;
    return 0;
}

/* A socket: an int or anything with fileno().  Every failure names the
 * argument: a non-int (or a fileno() answering one) is a TypeError, an int
 * past INT_MAX an OverflowError, a negative int a ValueError; a negative
 * fileno() (-1 is what a closed socket.socket answers) is OSError EBADF,
 * as the socket module says for a closed socket.  An exception raised by
 * fileno() itself is passed on. */
static int xapi_py_fd(PyObject *o, const char *fn)
{
    static PyObject *fileno_name;
    PyObject *num, *et, *ev, *tb;
    long v;
    int overflow = 0, from_fileno = !PyLong_Check(o);

    if (PyFloat_Check(o) || PyBool_Check(o))
        goto not_socket;
    if (!from_fileno) {
        num = Py_NewRef(o);
    } else if (fileno_name == NULL &&
               (fileno_name = PyUnicode_InternFromString("fileno")) == NULL) {
        return -1;
    } else if ((num = PyObject_CallMethodNoArgs(o, fileno_name)) == NULL) {
        /* Once per call on the hot path: the method call alone; whether
         * fileno exists is asked only when it fails with an
         * AttributeError (one raised inside fileno() is passed on). */
        if (!PyErr_ExceptionMatches(PyExc_AttributeError))
            return -1;
        PyErr_Fetch(&et, &ev, &tb);
        if (PyObject_HasAttr(o, fileno_name)) {
            PyErr_Restore(et, ev, tb);
            return -1;
        }
        Py_XDECREF(et);
        Py_XDECREF(ev);
        Py_XDECREF(tb);
        goto not_socket;
    } else if (!PyLong_Check(num) || PyBool_Check(num)) {
        PyErr_Format(PyExc_TypeError, "%s(): argument 'sock': fileno() "
                     "returned %.100s, not an int", fn, Py_TYPE(num)->tp_name);
        Py_DECREF(num);
        return -1;
    }
    v = PyLong_AsLongAndOverflow(num, &overflow);
    Py_DECREF(num);
    if (v == -1 && PyErr_Occurred())
        return -1;
    if (overflow > 0 || v > INT_MAX) {
        PyErr_Format(PyExc_OverflowError, "%s(): argument 'sock' is not a "
                     "descriptor: more than %d", fn, INT_MAX);
    } else if (overflow == 0 && v >= 0) {
        return (int)v;
    } else if (!from_fileno) {
        PyErr_Format(PyExc_ValueError, "%s(): argument 'sock' must be a "
                     "descriptor (at least 0), not %R", fn, o);
    } else {
        PyObject *args = Py_BuildValue("(iN)", EBADF, PyUnicode_FromFormat(
            "%s(): argument 'sock' is closed (its fileno() is negative)",
            fn));
        if (args != NULL)
            PyErr_SetObject(PyExc_OSError, args);
        Py_XDECREF(args);
    }
    return -1;
not_socket:
    PyErr_Format(PyExc_TypeError, "%s(): argument 'sock' must be a socket or "
                 "an int, not %.100s", fn, Py_TYPE(o)->tp_name);
    return -1;
}

/* UTF-8 text without NULs, for host names, interface names, paths.
 * bytes are taken as they are (os.fsencode'd paths). */
static const char *xapi_py_text(PyObject *o, const char *fn, const char *arg)
{
    const char *s;
    Py_ssize_t n;
    if (PyUnicode_Check(o)) {
        s = PyUnicode_AsUTF8AndSize(o, &n);
        if (s == NULL)
            return NULL;
    } else if (PyBytes_Check(o)) {
        s = PyBytes_AS_STRING(o);
        n = PyBytes_GET_SIZE(o);
    } else {
        PyErr_Format(PyExc_TypeError, "%s(): argument '%s' must be str, not %.100s",
                     fn, arg, Py_TYPE(o)->tp_name);
        return NULL;
    }
    if ((size_t)n != strlen(s)) {
        PyErr_Format(PyExc_ValueError, "%s(): argument '%s' contains a NUL "
                     "character", fn, arg);
        return NULL;
    }
    return s;
}

/* The one reader of a list argument: o as a new tuple of at most max
 * items.  A tuple or list is copied (an __index__ method run while its
 * items are converted may change a list; the tuple's items cannot go
 * away); any other iterable is read up to max + 1 items, so an endless
 * one stops.  A str or bytes-like object (they iterate as characters or
 * ints) and a non-iterable are a TypeError "fn(): argument 'arg' must be
 * WHAT, not TYPE"; more than max items a ValueError; an exception raised
 * while iterating is passed on as it is. */
static PyObject *xapi_py_tuple(PyObject *o, const char *fn, const char *arg,
                               const char *what, Py_ssize_t max)
{
    PyObject *it = NULL, *list, *item, *t = NULL;

    if (PyTuple_Check(o) || PyList_Check(o)) {
        t = PySequence_Tuple(o);
    } else if (!PyUnicode_Check(o) && !PyObject_CheckBuffer(o) &&
               (it = PyObject_GetIter(o)) != NULL) {
        list = PyList_New(0);
        while (list != NULL && PyList_GET_SIZE(list) <= max &&
               (item = PyIter_Next(it)) != NULL) {
            if (PyList_Append(list, item) < 0)
                Py_CLEAR(list);
            Py_DECREF(item);
        }
        Py_DECREF(it);
        if (list != NULL && !PyErr_Occurred())
            t = PyList_AsTuple(list);
        Py_XDECREF(list);
    } else if (!PyErr_Occurred() || PyErr_ExceptionMatches(PyExc_TypeError)) {
        PyErr_Clear();
        PyErr_Format(PyExc_TypeError, "%s(): argument '%s' must be %s, not "
                     "%.100s", fn, arg, what, Py_TYPE(o)->tp_name);
    }
    if (t != NULL && PyTuple_GET_SIZE(t) > max) {
        PyErr_Format(PyExc_ValueError, "%s(): argument '%s' holds more than "
                     "%zd items", fn, arg, max);
        Py_CLEAR(t);
    }
    return t;
}

/* A writable view of o, or a TypeError saying why not (read-only, not
 * contiguous, not a buffer) and naming the argument. */
static int xapi_py_writable(PyObject *o, Py_buffer *v, const char *fn,
                            const char *arg)
{
    if (o != NULL && PyObject_GetBuffer(o, v, PyBUF_WRITABLE) == 0)
        return 0;
    PyErr_Clear();
    if (o != NULL && PyObject_CheckBuffer(o)) {
        int readonly = PyObject_GetBuffer(o, v, PyBUF_SIMPLE) == 0;
        if (readonly)
            PyBuffer_Release(v);
        PyErr_Clear();
        PyErr_Format(PyExc_TypeError, "%s(): argument '%s' must be a writable "
                     "contiguous buffer (bytearray, memoryview), not a %s "
                     "%.100s", fn, arg, readonly ? "read-only" :
                     "non-contiguous", Py_TYPE(o)->tp_name);
    } else {
        PyErr_Format(PyExc_TypeError, "%s(): argument '%s' must be a writable "
                     "bytes-like object (bytearray, memoryview), not %.100s",
                     fn, arg, o ? Py_TYPE(o)->tp_name : "NULL");
    }
    return -1;
}

/* A record view as its struct sequence (msg.i: the one loop over the
 * core's fields). */
static PyObject *xapi_py_record(const xapi_value *v);

/* A tuple from n new references, any of which may be NULL (an error is
 * set then): the references are always consumed. */
static PyObject *xapi_py_fill(PyObject *obj, PyObject **items, Py_ssize_t n)
{
    Py_ssize_t i;
    int bad = obj == NULL;
    for (i = 0; i < n; i++)
        bad |= items[i] == NULL;
    if (bad) {
        Py_XDECREF(obj);
        for (i = 0; i < n; i++)
            Py_XDECREF(items[i]);
        return NULL;
    }
    /* A struct sequence's hidden fields (nbytes, value...) lie past its
     * tuple size: PyStructSequence_SetItem is the call that may set them
     * (3.13's PyTuple_SET_ITEM checks the index against the size). */
    if (PyTuple_CheckExact(obj)) {
        for (i = 0; i < n; i++)
            PyTuple_SET_ITEM(obj, i, items[i]);
    } else {
        for (i = 0; i < n; i++)
            PyStructSequence_SetItem(obj, i, items[i]);
    }
    return obj;
}

/* An address as the socket module spells it: (host, port) for IPv4,
 * (host, port, flowinfo, scope_id) for IPv6, a str for AF_UNIX ('@name'
 * in the abstract namespace, '' unnamed), None for no address.  Every
 * other family comes back too, as the core renders it (never an error, so
 * no receive loses its datagram to its address): AF_PACKET as
 * xapi.LinkAddr(ifindex, protocol, pkttype, hatype, addr), AF_NETLINK as
 * xapi.NlAddr(pid, groups), anything else (and an address malformed for
 * its family) as the sockaddr's bytes. */
static PyObject *xapi_py_address(const xapi_addr *a)
{
    xapi_addr_view v;

    switch (xapi_addr_view_of(a, &v)) {
    case XAPI_ADDR_TEXT:
        break;
    case XAPI_ADDR_RECORD:
        return xapi_py_record(&v.record);
    case XAPI_ADDR_BYTES:
        return PyBytes_FromStringAndSize((const char *)v.bytes,
                                         (Py_ssize_t)v.len);
    default:
        Py_RETURN_NONE;
    }
    if (v.family == AF_INET || v.family == AF_INET6) {
        const struct sockaddr_in6 *s6 = (const struct sockaddr_in6 *)&a->ss;
        PyObject *f[4];
        f[0] = PyUnicode_FromString(v.host);
        f[1] = PyLong_FromUnsignedLong(v.port);
        if (v.family == AF_INET)
            return xapi_py_fill(PyTuple_New(2), f, 2);
        f[2] = PyLong_FromUnsignedLong(ntohl(s6->sin6_flowinfo));
        f[3] = PyLong_FromUnsignedLong(s6->sin6_scope_id);
        return xapi_py_fill(PyTuple_New(4), f, 4);
    }
    return PyUnicode_DecodeFSDefault(v.host);
}
%}

/* ---- errors ---------------------------------------------------------- */

%{
/* The one raise function: a core failure, with the call's xapi_error when
 * it has one.  An argument error is ValueError (a wrong value) or OSError
 * with the core's errno (EOPNOTSUPP, ENODEV, ...), worded by the core as
 * "fn(): bad argument ARG: REASON"; anything else is the OSError subclass
 * errno picks.  fname is the C name ("xapi_bind") or the public one; the
 * message names the public function. */
static void xapi_py_raise(const char *fname, const xapi_error *e)
{
    char fn[80], msg[XAPI_ERROR_REASON + 160];
    PyObject *args;

    /* A signal handler that raised while a call was retried (EINTR) has
     * the last word. */
    if (PyErr_Occurred())
        return;
    if (e == NULL || e->code == 0 || (e->arg == NULL && e->reason[0] == '\0')) {
        if (e != NULL && e->code != 0)
            errno = e->code;
        xapi_py_raise_os(fname);
        return;
    }
    if (strncmp(fname, "xapi_", 5) == 0)
        fname += 5;
    snprintf(fn, sizeof fn, "%s()", fname);
    xapi_error_format(e, fn, msg, sizeof msg);
    if (xapi_error_is_value(e)) {
        PyErr_SetString(PyExc_ValueError, msg);
        return;
    }
    args = Py_BuildValue("(is)", e->code, msg);
    if (args != NULL) {
        PyErr_SetObject(PyExc_OSError, args); /* picks the errno's subclass */
        Py_DECREF(args);
    }
}
#define XAPI_RAISE(fname, errp) \
    do { xapi_py_raise((fname), (errp)); SWIG_fail; } while (0)
#define XAPI_RAISE_OS(fname) XAPI_RAISE(fname, NULL)
%}

/* Calls that only succeed or fail: None on success. */
%define XAPI_PY_STATUS(fn)
%typemap(out) int fn "$result = SWIG_Py_Void();"
%enddef
XAPI_PY_STATUS(xapi_bind)
XAPI_PY_STATUS(xapi_connect)
XAPI_PY_STATUS(xapi_listen)
XAPI_PY_STATUS(xapi_close)
XAPI_PY_STATUS(xapi_setsockopt_int)
XAPI_PY_STATUS(xapi_getsockopt_int)
XAPI_PY_STATUS(xapi_setsockopt_bytes)
XAPI_PY_STATUS(xapi_getsockopt_bytes)
XAPI_PY_STATUS(xapi_getsockname)
XAPI_PY_STATUS(xapi_getpeername)
XAPI_PY_STATUS(xapi_items_build)
XAPI_PY_STATUS(xapi_items_parse)
XAPI_PY_STATUS(xapi_if_indextoname)
XAPI_PY_STATUS(xapi_typed_int)
XAPI_PY_STATUS(xapi_typed_pktinfo6)
XAPI_PY_STATUS(xapi_typed_pktinfo4)
XAPI_PY_STATUS(xapi_typed_raw)

/* ---- scalars: TypeError/OverflowError that name the argument ---------- */

%typemap(in) int (long long v) {
  if (xapi_py_long($input, "$symname", "$1_name", INT_MIN, INT_MAX,
                   PyExc_OverflowError, &v) < 0) SWIG_fail;
  $1 = (int)v;
}
%typemap(in) unsigned, unsigned int (long long v) {
  if (xapi_py_long($input, "$symname", "$1_name", 0, UINT_MAX,
                   PyExc_OverflowError, &v) < 0) SWIG_fail;
  $1 = (unsigned)v;
}
%typemap(in) size_t (long long v) {
  if (xapi_py_long($input, "$symname", "$1_name", 0, LLONG_MAX,
                   PyExc_OverflowError, &v) < 0) SWIG_fail;
  $1 = (size_t)v;
}
%typemap(out) size_t "$result = PyLong_FromSize_t($1);"
%typemap(out) unsigned, unsigned int "$result = PyLong_FromUnsignedLong($1);"

/* ---- sockets and addresses ------------------------------------------- */

%typemap(in) int fd {
  $1 = xapi_py_fd($input, "$symname");
  if ($1 < 0) SWIG_fail;
}

%typemap(in) const char *host, const char *name, const char *addr,
             const char *spec_dst, const char *NETNS {
  $1 = (char *)xapi_py_text($input, "$symname", "$1_name");
  if ($1 == NULL) SWIG_fail;
}

%typemap(in) unsigned port (long long v) {
  if (xapi_py_long($input, "$symname", "port", 0, 65535, PyExc_ValueError,
                   &v) < 0) SWIG_fail;
  $1 = (unsigned)v;
}
/* Runs after every "in" typemap; arg1 is the wrapper's "int fd" (the
 * shared interface puts fd first in every call that takes an address). */

%typemap(in, numinputs=0) xapi_addr *addr_out (xapi_addr tmp) {
  memset(&tmp, 0, sizeof tmp);
  $1 = &tmp;
}
%typemap(argout) xapi_addr *addr_out {
  PyObject *o = xapi_py_address($1);
  if (o == NULL) SWIG_fail;
  $result = SWIG_Python_AppendOutput($result, o);
}

%typemap(in, numinputs=0) int *value (int tmp) {
  tmp = 0;
  $1 = &tmp;
}
%typemap(argout) int *value {
  $result = SWIG_Python_AppendOutput($result, PyLong_FromLong(*$1));
}

/* ---- bytes in and out ------------------------------------------------- */

%typemap(in) (const void *buf, size_t len) (Py_buffer view, int have_view = 0) {
  if (PyObject_GetBuffer($input, &view, PyBUF_SIMPLE) < 0) {
    PyErr_Clear();
    PyErr_Format(PyExc_TypeError, "$symname(): argument '$1_name' must be a "
                 "contiguous bytes-like object, not %.100s",
                 Py_TYPE($input)->tp_name);
    SWIG_fail;
  }
  have_view = 1;
  $1 = view.buf;
  $2 = (size_t)view.len;
}
%typemap(freearg) (const void *buf, size_t len) {
  if (have_view$argnum) PyBuffer_Release(&view$argnum);
}

/* getsockopt_bytes(sock, level, name, size) -> bytes: the result is
 * allocated at the requested size, written in place and shrunk. */
%typemap(in) (void *out, size_t cap, size_t *outlen)
    (PyObject *bytes = NULL, size_t got = 0, long long v) {
  if (xapi_py_long($input, "$symname", "size", 0, (long long)XAPI_MAX_ANC,
                   PyExc_ValueError,
                   &v) < 0) SWIG_fail;
  bytes = PyBytes_FromStringAndSize(NULL, (Py_ssize_t)v);
  if (bytes == NULL) SWIG_fail;
  $1 = PyBytes_AS_STRING(bytes);
  $2 = (size_t)v;
  $3 = &got;
}
%typemap(argout) (void *out, size_t cap, size_t *outlen) {
  if (got$argnum > $2) got$argnum = $2;
  if (_PyBytes_Resize(&bytes$argnum, (Py_ssize_t)got$argnum) < 0) SWIG_fail;
  $result = SWIG_Python_AppendOutput($result, bytes$argnum);
  bytes$argnum = NULL;
}
%typemap(freearg) (void *out, size_t cap, size_t *outlen) {
  Py_XDECREF(bytes$argnum);
}

/* ---- ancillary items (helpers in msg.i) -------------------------------- */

/* A list of items in, the control buffer the core builds from it out. */
%typemap(in) (const xapi_item *ITEMS, size_t NITEMS, void *CONTROL_OUT,
              size_t CONTROL_CAP, size_t *CONTROL_LEN)
    (xapi_py_list item_list, xapi_py_list *items_held = NULL,
     PyObject *bytes = NULL, size_t need = 0, size_t got = 0) {
  if ($input == Py_None) {
    PyErr_SetString(PyExc_TypeError, "$symname(): argument 'cmsgs' must be "
                    "an iterable of Cmsg or (level, type, data) tuples, not "
                    "NoneType");
    SWIG_fail;
  }
  items_held = &item_list;
  if (xapi_py_list_get(&item_list, $input, "$symname", "cmsgs",
                       XAPI_PY_ITEMS) < 0) SWIG_fail;
  /* A refusal (too large) is left to the call, which words it. */
  (void)xapi_items_space(item_list.items, (size_t)item_list.n, &need, NULL);
  bytes = PyBytes_FromStringAndSize(NULL, (Py_ssize_t)need);
  if (bytes == NULL) SWIG_fail;
  $1 = item_list.items;
  $2 = (size_t)item_list.n;
  $3 = PyBytes_AS_STRING(bytes);
  $4 = need;
  $5 = &got;
}
%typemap(argout) (const xapi_item *ITEMS, size_t NITEMS, void *CONTROL_OUT,
                  size_t CONTROL_CAP, size_t *CONTROL_LEN) {
  $result = SWIG_Python_AppendOutput($result, bytes$argnum);
  bytes$argnum = NULL;
}
%typemap(freearg) (const xapi_item *ITEMS, size_t NITEMS, void *CONTROL_OUT,
                   size_t CONTROL_CAP, size_t *CONTROL_LEN) {
  if (items_held$argnum) xapi_py_list_release(items_held$argnum);
  Py_XDECREF(bytes$argnum);
}

/* Bytes in, a tuple of Cmsg out: the core walks and decodes, the typemap
 * only builds the objects. */
%typemap(in) (const void *CONTROL_IN, size_t CONTROL_IN_LEN,
              xapi_cmsg *CMSGS_OUT, xapi_value *VALUES_OUT, size_t ITEMS_CAP,
              size_t *ITEMS_COUNT)
    (Py_buffer view, int have_view = 0, xapi_py_parsed parsed,
     void *parsed_heap = NULL, size_t count = 0) {
  if (PyObject_GetBuffer($input, &view, PyBUF_SIMPLE) < 0) {
    PyErr_Clear();
    PyErr_Format(PyExc_TypeError, "$symname(): argument 'data' must be a "
                 "contiguous bytes-like object, not %.100s",
                 Py_TYPE($input)->tp_name);
    SWIG_fail;
  }
  have_view = 1;
  if (xapi_py_parsed_init(&parsed, view.buf, (size_t)view.len) < 0)
    SWIG_fail;
  parsed_heap = parsed.heap;
  $1 = view.buf;
  $2 = (size_t)view.len;
  $3 = parsed.cmsgs;
  $4 = parsed.values;
  $5 = parsed.cap;
  $6 = &count;
}
%typemap(argout) (const void *CONTROL_IN, size_t CONTROL_IN_LEN,
                  xapi_cmsg *CMSGS_OUT, xapi_value *VALUES_OUT,
                  size_t ITEMS_CAP, size_t *ITEMS_COUNT) {
  PyObject *items_tuple = xapi_py_items_tuple($3, $4, *$6);
  if (items_tuple == NULL) SWIG_fail;
  $result = SWIG_Python_AppendOutput($result, items_tuple);
}
%typemap(freearg) (const void *CONTROL_IN, size_t CONTROL_IN_LEN,
                   xapi_cmsg *CMSGS_OUT, xapi_value *VALUES_OUT,
                   size_t ITEMS_CAP, size_t *ITEMS_COUNT) {
  PyMem_Free(parsed_heap$argnum);
  if (have_view$argnum) PyBuffer_Release(&view$argnum);
}

/* ---- sending (helpers in msg.i) ---------------------------------------- */

/* The pieces of a message: an iterable of bytes-like objects. */
%typemap(in) (const struct iovec *PIECES, size_t NPIECES)
    (xapi_py_list pieces, xapi_py_list *pieces_held = NULL) {
  pieces_held = &pieces;
  if (xapi_py_list_get(&pieces, $input, "$symname", "buffers",
                       XAPI_PY_PIECES) < 0)
    SWIG_fail;
  $1 = pieces.iov;
  $2 = (size_t)pieces.n;
}
%typemap(freearg) (const struct iovec *PIECES, size_t NPIECES) {
  if (pieces_held$argnum) xapi_py_list_release(pieces_held$argnum);
}

/* A destination for the socket (the call's first argument): (host, port),
 * (host, port, flowinfo, scope_id), a unix path, or None. */
%typemap(in) const xapi_addr *DEST (xapi_addr dest, int family = 0) {
  if (xapi_py_parse_sendto_sock(swig_obj[0], arg1, $input, &dest,
                                "$symname", &family) < 0) SWIG_fail;
  $1 = dest.len > 0 ? &dest : NULL;
}

/* The module's destination cache (the core's), which the DEST shape
 * parses through: no argument. */
%typemap(in, numinputs=0) xapi_dest_cache *DEST_CACHE "$1 = xapi_py_dest_cache();"

/* A list of items to send (None for none). */
%typemap(in) (const xapi_item *ITEMS, size_t NITEMS)
    (xapi_py_list item_list, xapi_py_list *items_held = NULL) {
  items_held = &item_list;
  if (xapi_py_list_get(&item_list, $input, "$symname", "cmsgs",
                       XAPI_PY_ITEMS) < 0) SWIG_fail;
  $1 = item_list.items;
  $2 = (size_t)item_list.n;
}
%typemap(freearg) (const xapi_item *ITEMS, size_t NITEMS) {
  if (items_held$argnum) xapi_py_list_release(items_held$argnum);
}

%typemap(in) int send_flags (long long v) {
  if (xapi_py_long($input, "$symname", "flags", INT_MIN, INT_MAX,
                   PyExc_OverflowError, &v) < 0) SWIG_fail;
  $1 = (int)v;
}
%typemap(out) ssize_t "$result = PyLong_FromSsize_t($1);"

/* PEP 475: a system call interrupted by a signal is retried unless a
 * handler raised. */
%{
#define XAPI_RETRY_EINTR() (PyErr_CheckSignals() == 0)
%}

/* ---- receiving (helpers in msg.i) -------------------------------------- */

/* A receive call whole: recvmsg(sock, sizes, ancsize=0, flags=0,
 * fds="int") is the generated wrapper itself (%feature("kwargs"), no
 * Python frame in front of it).  The arguments are read before SWIG's own
 * check (arginit, as Tcl's shape does), which then sees one placeholder;
 * a call with a socket timeout to wait out or fds other than "int" is
 * handed whole to the package's helper xapi._xapi._NAME_wait
 * (xapi/__init__.py), which waits as the socket module does and calls
 * back here with MSG_DONTWAIT.  The result is the whole Message. */
%typemap(arginit, noblock=1) (int fd, xapi_msg *RECV_MSG, int flags)
    (PyObject *recv_in[XAPI_PY_RECV_NARGS]) {
  {
    int recv_wait_;
    if (xapi_py_recv_args(args, kwargs, "OO|OOO:$symname", recv_in) < 0)
      SWIG_fail;
    recv_wait_ = xapi_py_recv_needs_wait(recv_in);
    if (recv_wait_ < 0) SWIG_fail;
    if (recv_wait_) return xapi_py_recv_wait(self, "_$symname_wait", recv_in);
    args = xapi_py_recv_one;
    kwargs = NULL;
  }
}
%typemap(in) (int fd, xapi_msg *RECV_MSG, int flags)
    (xapi_py_recvbuf rbuf, xapi_py_recvbuf *rbuf_held = NULL, long long v) {
  (void)$input;
  $1 = xapi_py_fd(recv_in$argnum[0], "$symname");
  if ($1 < 0) SWIG_fail;
  rbuf_held = &rbuf;
  if (xapi_py_recvbuf_get(&rbuf, recv_in$argnum[1], recv_in$argnum[2],
                          "$symname") < 0) SWIG_fail;
  $2 = &rbuf.m;
  if (xapi_py_long(recv_in$argnum[3], "$symname", "flags", INT_MIN, INT_MAX,
                   PyExc_OverflowError, &v) < 0) SWIG_fail;
  $3 = (int)v;
}
%typemap(argout) (int fd, xapi_msg *RECV_MSG, int flags) {
  PyObject *message = xapi_py_recvbuf_message(&rbuf$argnum, result);
  if (message == NULL) SWIG_fail;
  $result = SWIG_Python_AppendOutput($result, message);
}
%typemap(freearg) (int fd, xapi_msg *RECV_MSG, int flags) {
  if (rbuf_held$argnum) xapi_py_recvbuf_release(rbuf_held$argnum);
}
%apply (int fd, xapi_msg *RECV_MSG, int flags) {
  (int fd, xapi_msg *m, int flags) };
%feature("kwargs") xapi_recvmsg;
%typemap(out) ssize_t xapi_recvmsg "";

/* ---- interfaces and constants ------------------------------------------ */

/* if_nameindex() -> [(index, name), ...] */
%typemap(in, numinputs=0) size_t *IF_LIST_COUNT (size_t n = 0) "$1 = &n;"
%typemap(out) xapi_ifentry * "";
%typemap(argout) size_t *IF_LIST_COUNT {
  PyObject *list = PyList_New((Py_ssize_t)*$1);
  size_t i;
  for (i = 0; list != NULL && i < *$1; i++) {
    PyObject *t = Py_BuildValue("(IN)", result[i].index,
                                PyUnicode_DecodeFSDefault(result[i].name));
    if (t == NULL)
      Py_CLEAR(list);
    else
      PyList_SET_ITEM(list, (Py_ssize_t)i, t);
  }
  xapi_if_nameindex_free(result);
  if (list == NULL) SWIG_fail;
  $result = SWIG_Python_AppendOutput($result, list);
}

/* if_indextoname(index) -> str */
%typemap(in, numinputs=0) (char *name, size_t len) (char name_buf[IF_NAMESIZE + 1]) {
  memset(name_buf, 0, sizeof name_buf);
  $1 = name_buf;
  $2 = IF_NAMESIZE;
}
%typemap(argout) (char *name, size_t len) {
  PyObject *text = PyUnicode_DecodeFSDefault($1);
  if (text == NULL) SWIG_fail;
  $result = SWIG_Python_AppendOutput($result, text);
}

/* constants() -> {NAME: value, ...}, the core's whole table */
%typemap(in, numinputs=0) size_t *CONST_COUNT (size_t n = 0) "$1 = &n;"
%typemap(out) const xapi_constant * "";
%typemap(argout) size_t *CONST_COUNT {
  PyObject *d = PyDict_New();
  size_t i;
  for (i = 0; d != NULL && i < *$1; i++) {
    PyObject *v = PyLong_FromLong(result[i].value);
    if (v == NULL || PyDict_SetItemString(d, result[i].name, v) < 0)
      Py_CLEAR(d);
    Py_XDECREF(v);
  }
  if (d == NULL) SWIG_fail;
  $result = SWIG_Python_AppendOutput($result, d);
}

/* ---- typed items -------------------------------------------------------- */

/* One typed item made by the core, as a Cmsg. */
%typemap(in, numinputs=0) xapi_typed_item *TYPED_ITEM_OUT (xapi_typed_item t) "$1 = &t;"
%typemap(argout) xapi_typed_item *TYPED_ITEM_OUT {
  xapi_cmsg c;
  PyObject *o;
  c.level = $1->item.level;
  c.type = $1->item.type;
  c.data = $1->item.data;
  c.len = $1->item.len;
  o = xapi_py_item_object(&c, &$1->view);
  if (o == NULL) SWIG_fail;
  $result = SWIG_Python_AppendOutput($result, o);
}

/* An interface index is a plain unsigned here (xapi/__init__.py turns
 * names into indexes first). */
%apply unsigned { unsigned IFINDEX };

/* A constant word is a plain integer here (constants are numbers). */
%apply int { int CONST_ARG };

/* A list of record values out (a core call fills up to XAPI_RECORDS_MAX
 * and says how many): a Python list of their struct sequences. */
%typemap(in, numinputs=0)
    (xapi_value *RECORDS, size_t RECORDS_CAP, size_t *RECORDS_COUNT)
    (xapi_value recs[XAPI_RECORDS_MAX], size_t n = 0) {
  $1 = recs;
  $2 = XAPI_RECORDS_MAX;
  $3 = &n;
}
%typemap(argout)
    (xapi_value *RECORDS, size_t RECORDS_CAP, size_t *RECORDS_COUNT) {
  PyObject *l = PyList_New((Py_ssize_t)*$3);
  size_t ri;
  for (ri = 0; l != NULL && ri < *$3; ri++) {
    PyObject *o = xapi_py_record(&$1[ri]);
    if (o == NULL)
      Py_CLEAR(l);
    else
      PyList_SET_ITEM(l, (Py_ssize_t)ri, o);
  }
  if (l == NULL) SWIG_fail;
  $result = SWIG_Python_AppendOutput($result, l);
}
