/*
 * swig/python/rfc3542.i - Python's RFC 3542 helpers for Hop-by-Hop and
 * Destination options (routing headers, the SRH, the ICMPv6 filter, path
 * MTU and next hop are generated from swig/xapi.i with swig/python/rth.i).  Included by bindings/python/xapi_python.i after
 * typemaps.i and msg.i, so their static helpers (xapi_py_long, xapi_py_fd,
 * xapi_py_text, xapi_py_raise_os) are used here as they are.
 *
 * Every function takes and returns PyObject * and works on Python objects
 * with the GIL held ("nothreadallow"): none of them blocks.  Parsing a
 * header is one crossing that builds the whole Python result here.  The
 * documented API is xapi/_ipv6.py (idiomatic) and xapi/rfc3542.py
 * (PyXAPI's); these are their private helpers, named _xapi._NAME.
 *
 * Errors:
 *  - a non-buffer, a read-only buffer where the call writes, a non-int:
 *    TypeError naming the argument;
 *  - malformed header bytes (EINVAL, EMSGSIZE from the core), a bad value,
 *    a buffer too small (ENOSPC): ValueError with a message saying what;
 *  - another routing type (EOPNOTSUPP from the core): OSError with errno
 *    EOPNOTSUPP, as the C API reports it (the bytes are well formed, xapi
 *    just does not speak that type);
 *  - rth_add on a full header: OSError with errno ENOSPC (the header's
 *    state, not an argument; SPEC.md's os:ENOSPC);
 *  - socket calls (filter set/get, path MTU): OSError with the errno.
 */

%{
#include <arpa/inet.h>
#include <netinet/icmp6.h>

#define XAPI_PY_OPT_MAX 2048 /* the largest options header: (255 + 1) * 8 */

/* Raise for a core failure on caller-given bytes or values: OSError for
 * EOPNOTSUPP (another routing type), ValueError for everything else. */
static PyObject *xapi_py_rfc_fail(const char *fn, const char *what)
{
    int err = errno;
    if (err == EOPNOTSUPP) {
        PyObject *args = Py_BuildValue("(is)", err,
            "routing header of a type xapi does not handle (0 and 4 only)");
        if (args != NULL) {
            PyErr_SetObject(PyExc_OSError, args);
            Py_DECREF(args);
        }
        return NULL;
    }
    if (err == ENOSPC)
        PyErr_Format(PyExc_ValueError, "%s(): %s: buffer too small", fn, what);
    else if (err == EMSGSIZE)
        PyErr_Format(PyExc_ValueError, "%s(): %s: too large", fn, what);
    else
        PyErr_Format(PyExc_ValueError, "%s(): %s", fn, what);
    return NULL;
}

/* PyBuffer_Release keeping errno: the core's errno is read after the
 * views are given back, and a release may run arbitrary deallocation. */
static void xapi_py_release(Py_buffer *v)
{
    int err = errno;
    PyBuffer_Release(v);
    errno = err;
}

/* A read-only view of any contiguous bytes-like object. */
static int xapi_py_rbuf(PyObject *o, Py_buffer *v, const char *fn,
                        const char *arg)
{
    if (o == NULL || PyObject_GetBuffer(o, v, PyBUF_SIMPLE) < 0) {
        PyErr_Clear();
        PyErr_Format(PyExc_TypeError, "%s(): argument '%s' must be a "
                     "contiguous bytes-like object, not %.100s", fn, arg,
                     o ? Py_TYPE(o)->tp_name : "NULL");
        return -1;
    }
    return 0;
}

/* A writable view (bytearray, writable memoryview, array...). */
static int xapi_py_wbuf(PyObject *o, Py_buffer *v, const char *fn,
                        const char *arg)
{
    if (o != NULL && PyObject_GetBuffer(o, v, PyBUF_WRITABLE) == 0)
        return 0;
    PyErr_Clear();
    if (o != NULL && PyObject_CheckBuffer(o)) {
        /* Say which it is: read-only, or writable but not contiguous. */
        int readonly = PyObject_GetBuffer(o, v, PyBUF_SIMPLE) == 0;
        if (readonly)
            PyBuffer_Release(v);
        PyErr_Clear();
        PyErr_Format(PyExc_TypeError, "%s(): argument '%s' must be a writable "
                     "contiguous buffer (bytearray, memoryview), not a %s "
                     "%.100s", fn, arg,
                     readonly ? "read-only" : "non-contiguous",
                     Py_TYPE(o)->tp_name);
    } else
        PyErr_Format(PyExc_TypeError, "%s(): argument '%s' must be a writable "
                     "bytes-like object (bytearray, memoryview), not %.100s",
                     fn, arg, o ? Py_TYPE(o)->tp_name : "NULL");
    return -1;
}

static int xapi_py_int_arg(PyObject *o, const char *fn, const char *arg,
                           long long min, long long max, int *out)
{
    long long v;
    if (xapi_py_long(o, fn, arg, min, max, PyExc_ValueError, &v) < 0)
        return -1;
    *out = (int)v;
    return 0;
}

/* ---- Hop-by-Hop and Destination options -------------------------------- */

/* buf None: lengths only (extbuf NULL).  Else a writable buffer of at
 * least extlen bytes. */
static int xapi_py_optbuf(PyObject *buf, PyObject *extlen, const char *fn,
                          Py_buffer *v, void **ext, size_t *len)
{
    int n;
    *ext = NULL;
    *len = 0;
    if (buf == Py_None)
        return 0;
    if (xapi_py_int_arg(extlen, fn, "extlen", 0, XAPI_PY_OPT_MAX, &n) < 0)
        return -1;
    if (xapi_py_wbuf(buf, v, fn, "extbuf") < 0)
        return -1;
    if ((size_t)n > (size_t)v->len) {
        PyErr_Format(PyExc_ValueError, "%s(): extlen %d is more than the "
                     "buffer's %zd bytes", fn, n, v->len);
        xapi_py_release(v);
        return -1;
    }
    *ext = v->buf;
    *len = (size_t)n;
    return 1;
}

static PyObject *xapi_py_opt_init(PyObject *buf, PyObject *extlen)
{
    static const char fn[] = "inet6_opt_init";
    Py_buffer v;
    void *ext;
    size_t len;
    int have, r;
    if ((have = xapi_py_optbuf(buf, extlen, fn, &v, &ext, &len)) < 0)
        return NULL;
    r = xapi_inet6_opt_init(ext, len);
    if (have)
        xapi_py_release(&v);
    if (r < 0)
        return xapi_py_rfc_fail(fn, "extlen must be a multiple of 8 from 8 to "
                                    "2048");
    return PyLong_FromLong(r);
}

/* -> (new length, data offset or None) */
static PyObject *xapi_py_opt_append(PyObject *buf, PyObject *extlen,
                                    PyObject *offset, PyObject *type,
                                    PyObject *len, PyObject *align)
{
    static const char fn[] = "inet6_opt_append";
    Py_buffer v;
    void *ext;
    size_t elen, dataoff = 0;
    int have, off, t, l, a, r;
    if (xapi_py_int_arg(offset, fn, "offset", INT_MIN, INT_MAX, &off) < 0 ||
        xapi_py_int_arg(type, fn, "type", INT_MIN, INT_MAX, &t) < 0 ||
        xapi_py_int_arg(len, fn, "len", INT_MIN, INT_MAX, &l) < 0 ||
        xapi_py_int_arg(align, fn, "align", INT_MIN, INT_MAX, &a) < 0)
        return NULL;
    if (l < 0 || a < 0) {
        PyErr_Format(PyExc_ValueError, "%s(): len and align must not be "
                     "negative", fn);
        return NULL;
    }
    if ((have = xapi_py_optbuf(buf, extlen, fn, &v, &ext, &elen)) < 0)
        return NULL;
    r = xapi_inet6_opt_append(ext, elen, off, t, (size_t)l, (unsigned)a,
                              &dataoff);
    if (have)
        xapi_py_release(&v);
    if (r < 0)
        return xapi_py_rfc_fail(fn, errno == EINVAL
            ? "bad option (type 2..255, len 0..255, align 1, 2, 4 or 8 and at "
              "most len, offset at least 2)"
            : "the option does not fit");
    if (have)
        return Py_BuildValue("(in)", r, (Py_ssize_t)dataoff);
    return Py_BuildValue("(iO)", r, Py_None);
}

static PyObject *xapi_py_opt_finish(PyObject *buf, PyObject *extlen,
                                    PyObject *offset)
{
    static const char fn[] = "inet6_opt_finish";
    Py_buffer v;
    void *ext;
    size_t elen;
    int have, off, r;
    if (xapi_py_int_arg(offset, fn, "offset", INT_MIN, INT_MAX, &off) < 0)
        return NULL;
    if ((have = xapi_py_optbuf(buf, extlen, fn, &v, &ext, &elen)) < 0)
        return NULL;
    r = xapi_inet6_opt_finish(ext, elen, off);
    if (have)
        xapi_py_release(&v);
    if (r < 0)
        return xapi_py_rfc_fail(fn, errno == EINVAL ? "bad offset"
                                                    : "no room for the padding");
    return PyLong_FromLong(r);
}

/* The option data at dataoff, datalen bytes long, inside buf. */
static int xapi_py_optdata(Py_buffer *v, PyObject *dataoff, PyObject *datalen,
                           const char *fn, unsigned char **data, size_t *len)
{
    int off, l;
    if (xapi_py_int_arg(dataoff, fn, "dataoff", 0, INT_MAX, &off) < 0 ||
        xapi_py_int_arg(datalen, fn, "datalen", 0, 255, &l) < 0)
        return -1;
    if ((size_t)off > (size_t)v->len || (size_t)l > (size_t)v->len - off) {
        PyErr_Format(PyExc_ValueError, "%s(): option data at %d, %d bytes, "
                     "runs past the %zd-byte buffer", fn, off, l, v->len);
        return -1;
    }
    *data = (unsigned char *)v->buf + off;
    *len = (size_t)l;
    return 0;
}

static PyObject *xapi_py_opt_set_val(PyObject *buf, PyObject *dataoff,
                                     PyObject *datalen, PyObject *offset,
                                     PyObject *val)
{
    static const char fn[] = "inet6_opt_set_val";
    Py_buffer v, vv;
    unsigned char *data;
    size_t dlen;
    int off, r;
    if (xapi_py_int_arg(offset, fn, "offset", INT_MIN, INT_MAX, &off) < 0)
        return NULL;
    if (xapi_py_rbuf(val, &vv, fn, "val") < 0)
        return NULL;
    if (xapi_py_wbuf(buf, &v, fn, "extbuf") < 0) {
        xapi_py_release(&vv);
        return NULL;
    }
    if (xapi_py_optdata(&v, dataoff, datalen, fn, &data, &dlen) < 0) {
        r = -2;
    } else {
        r = xapi_inet6_opt_set_val(data, dlen, off, vv.buf, (size_t)vv.len);
        if (r < 0)
            xapi_py_rfc_fail(fn, "the value does not fit the option data "
                                 "(offset + length past the option's length)");
    }
    xapi_py_release(&v);
    xapi_py_release(&vv);
    if (r < 0)
        return NULL;
    return PyLong_FromLong(r);
}

static PyObject *xapi_py_opt_get_val(PyObject *buf, PyObject *dataoff,
                                     PyObject *datalen, PyObject *offset,
                                     PyObject *vallen)
{
    static const char fn[] = "inet6_opt_get_val";
    Py_buffer v;
    unsigned char *data;
    size_t dlen;
    int off, n, r;
    PyObject *out = NULL, *result = NULL;
    if (xapi_py_int_arg(offset, fn, "offset", INT_MIN, INT_MAX, &off) < 0 ||
        xapi_py_int_arg(vallen, fn, "vallen", 0, XAPI_PY_OPT_MAX, &n) < 0)
        return NULL;
    if (xapi_py_rbuf(buf, &v, fn, "extbuf") < 0)
        return NULL;
    if (xapi_py_optdata(&v, dataoff, datalen, fn, &data, &dlen) < 0)
        goto done;
    out = PyBytes_FromStringAndSize(NULL, n);
    if (out == NULL)
        goto done;
    r = xapi_inet6_opt_get_val(data, dlen, off, PyBytes_AS_STRING(out),
                               (size_t)n);
    if (r < 0) {
        xapi_py_rfc_fail(fn, "offset + length runs past the option data");
        goto done;
    }
    result = Py_BuildValue("(iO)", r, out);
done:
    Py_XDECREF(out);
    xapi_py_release(&v);
    return result;
}

/* -> (next offset, type, len, dataoff), or None at the end */
static PyObject *xapi_py_opt_next(PyObject *buf, PyObject *offset)
{
    static const char fn[] = "inet6_opt_next";
    Py_buffer v;
    int off, type = 0, r;
    size_t len = 0, dataoff = 0;
    if (xapi_py_int_arg(offset, fn, "offset", INT_MIN, INT_MAX, &off) < 0)
        return NULL;
    if (xapi_py_rbuf(buf, &v, fn, "extbuf") < 0)
        return NULL;
    r = xapi_inet6_opt_next(v.buf, (size_t)v.len, off, &type, &len, &dataoff);
    xapi_py_release(&v);
    if (r < 0) {
        if (errno == ENOENT)
            Py_RETURN_NONE;
        return xapi_py_rfc_fail(fn, "malformed options header (an option runs "
                                    "past the header, or the header past the "
                                    "buffer) or bad offset");
    }
    return Py_BuildValue("(iinn)", r, type, (Py_ssize_t)len,
                         (Py_ssize_t)dataoff);
}

/* -> (next offset, len, dataoff), or None if there is none */
static PyObject *xapi_py_opt_find(PyObject *buf, PyObject *offset,
                                  PyObject *type)
{
    static const char fn[] = "inet6_opt_find";
    Py_buffer v;
    int off, t, r;
    size_t len = 0, dataoff = 0;
    if (xapi_py_int_arg(offset, fn, "offset", INT_MIN, INT_MAX, &off) < 0 ||
        xapi_py_int_arg(type, fn, "type", INT_MIN, INT_MAX, &t) < 0)
        return NULL;
    if (xapi_py_rbuf(buf, &v, fn, "extbuf") < 0)
        return NULL;
    r = xapi_inet6_opt_find(v.buf, (size_t)v.len, off, t, &len, &dataoff);
    xapi_py_release(&v);
    if (r < 0) {
        if (errno == ENOENT)
            Py_RETURN_NONE;
        return xapi_py_rfc_fail(fn, "malformed options header, bad offset or "
                                    "bad type (2..255)");
    }
    return Py_BuildValue("(inn)", r, (Py_ssize_t)len, (Py_ssize_t)dataoff);
}

/* Every option, Pad1/PadN skipped: a list of (type, data bytes). */
static PyObject *xapi_py_opt_parse(PyObject *buf)
{
    static const char fn[] = "opt_parse";
    Py_buffer v;
    PyObject *list;
    int off = 0, type, r;
    size_t len, dataoff;

    if (xapi_py_rbuf(buf, &v, fn, "buf") < 0)
        return NULL;
    list = PyList_New(0);
    while (list != NULL) {
        PyObject *item;
        r = xapi_inet6_opt_next(v.buf, (size_t)v.len, off, &type, &len,
                                &dataoff);
        if (r < 0) {
            if (errno != ENOENT) {
                xapi_py_rfc_fail(fn, "malformed options header (an option "
                                     "runs past the header, or the header "
                                     "past the buffer)");
                Py_CLEAR(list);
            }
            break;
        }
        item = Py_BuildValue("(iy#)", type, (const char *)v.buf + dataoff,
                             (Py_ssize_t)len);
        if (item == NULL || PyList_Append(list, item) < 0)
            Py_CLEAR(list);
        Py_XDECREF(item);
        off = r;
    }
    xapi_py_release(&v);
    return list;
}

/* One option of opt_build: type, align, and its data pieces as views. */
struct xapi_py_opt {
    int type, align;
    Py_ssize_t first, count; /* into the views array */
    size_t len;
};

/* The whole header from [(type, align, data)], data one bytes-like object
 * or a sequence of them (one set_val per piece); the lengths-only pass
 * sizes the buffer, the second pass writes it. */
static PyObject *xapi_py_opt_build(PyObject *options)
{
    static const char fn[] = "opt_build";
    PyObject *seq = NULL, *result = NULL;
    PyObject **seqs = NULL;
    Py_buffer *views = NULL;
    struct xapi_py_opt *opts = NULL;
    Py_ssize_t n = 0, i, nviews = 0, got = 0;
    int cur, total;

    if (options == NULL || PyUnicode_Check(options) ||
        PyObject_CheckBuffer(options)) {
        PyErr_Format(PyExc_TypeError, "%s(): argument 'options' must be an "
                     "iterable of (type, align, data) tuples, not %.100s", fn,
                     options ? Py_TYPE(options)->tp_name : "NULL");
        return NULL;
    }
    /* Tuples, not the caller's lists: the __index__ of a type or align
     * may run code that changes them while they are walked. */
    seq = xapi_py_as_tuple(options, "opt_build(): argument 'options' must be "
                                    "an iterable of (type, align, data) "
                                    "tuples", XAPI_PY_OPT_MAX / 2);
    if (seq == NULL)
        return NULL;
    n = PySequence_Fast_GET_SIZE(seq);
    if (n > XAPI_PY_OPT_MAX / 2) {
        PyErr_Format(PyExc_ValueError, "%s(): %zd options cannot fit a "
                     "2048-byte header", fn, n);
        goto done;
    }
    opts = PyMem_Calloc(n > 0 ? (size_t)n : 1, sizeof *opts);
    seqs = PyMem_Calloc(n > 0 ? (size_t)n : 1, sizeof *seqs);
    if (opts == NULL || seqs == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    /* Pass 0: arguments, and each option's pieces as a sequence. */
    for (i = 0; i < n; i++) {
        PyObject *item = PySequence_Fast_GET_ITEM(seq, i), *data;
        Py_ssize_t npieces;
        if (!PyTuple_Check(item) || PyTuple_GET_SIZE(item) != 3) {
            PyErr_Format(PyExc_TypeError, "%s(): options[%zd] must be a "
                         "(type, align, data) tuple, not %.100s", fn, i,
                         Py_TYPE(item)->tp_name);
            goto done;
        }
        if (xapi_py_int_arg(PyTuple_GET_ITEM(item, 0), fn, "options[].type",
                            2, 255, &opts[i].type) < 0 ||
            xapi_py_int_arg(PyTuple_GET_ITEM(item, 1), fn, "options[].align",
                            1, 8, &opts[i].align) < 0)
            goto done;
        data = PyTuple_GET_ITEM(item, 2);
        if (PyObject_CheckBuffer(data)) {
            seqs[i] = PyTuple_Pack(1, data);
        } else if (PyUnicode_Check(data)) {
            PyErr_Format(PyExc_TypeError, "%s(): options[%zd] data must be "
                         "bytes-like or a sequence of bytes-like pieces, not "
                         "str", fn, i);
            goto done;
        } else {
            seqs[i] = xapi_py_as_tuple(data, "opt_build(): option data must "
                                             "be bytes-like or a sequence of "
                                             "bytes-like pieces", 255);
        }
        if (seqs[i] == NULL)
            goto done;
        npieces = PySequence_Fast_GET_SIZE(seqs[i]);
        if (npieces > 255) {
            PyErr_Format(PyExc_ValueError, "%s(): options[%zd] has more than "
                         "255 pieces", fn, i);
            goto done;
        }
        opts[i].first = nviews;
        opts[i].count = npieces;
        nviews += npieces;
        if (nviews > XAPI_PY_OPT_MAX) {
            PyErr_Format(PyExc_ValueError, "%s(): more than %d data pieces "
                         "in all", fn, XAPI_PY_OPT_MAX);
            goto done;
        }
    }
    /* A view of every piece, in one array allocated once (a Py_buffer is
     * not moved while it is held). */
    views = PyMem_Calloc(nviews > 0 ? (size_t)nviews : 1, sizeof *views);
    if (views == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    for (i = 0; i < n; i++) {
        Py_ssize_t k;
        for (k = 0; k < opts[i].count; k++) {
            if (xapi_py_rbuf(PySequence_Fast_GET_ITEM(seqs[i], k),
                             &views[got], fn, "options[].data") < 0)
                goto done;
            opts[i].len += (size_t)views[got].len;
            got++;
            if (opts[i].len > 255) {
                PyErr_Format(PyExc_ValueError, "%s(): options[%zd] data is "
                             "more than 255 bytes", fn, i);
                goto done;
            }
        }
    }
    /* Pass 1: lengths only. */
    cur = xapi_inet6_opt_init(NULL, 0);
    for (i = 0; i < n && cur >= 0; i++)
        cur = xapi_inet6_opt_append(NULL, 0, cur, opts[i].type, opts[i].len,
                                    (unsigned)opts[i].align, NULL);
    if (cur >= 0)
        cur = xapi_inet6_opt_finish(NULL, 0, cur);
    if (cur < 0) {
        xapi_py_rfc_fail(fn, errno == EINVAL
            ? "bad option (align 1, 2, 4 or 8 and at most the data length)"
            : "the options do not fit a 2048-byte header");
        goto done;
    }
    total = cur;
    /* Pass 2: into the result. */
    result = PyBytes_FromStringAndSize(NULL, total);
    if (result == NULL)
        goto done;
    {
        unsigned char *ext = (unsigned char *)PyBytes_AS_STRING(result);
        cur = xapi_inet6_opt_init(ext, (size_t)total);
        for (i = 0; i < n && cur >= 0; i++) {
            size_t dataoff = 0;
            int off = 0;
            Py_ssize_t k;
            cur = xapi_inet6_opt_append(ext, (size_t)total, cur, opts[i].type,
                                        opts[i].len, (unsigned)opts[i].align,
                                        &dataoff);
            for (k = 0; cur >= 0 && k < opts[i].count; k++) {
                Py_buffer *pv = &views[opts[i].first + k];
                off = xapi_inet6_opt_set_val(ext + dataoff, opts[i].len, off,
                                             pv->buf, (size_t)pv->len);
                if (off < 0)
                    cur = -1;
            }
        }
        if (cur >= 0)
            cur = xapi_inet6_opt_finish(ext, (size_t)total, cur);
        if (cur != total) {
            Py_CLEAR(result);
            PyErr_Format(PyExc_RuntimeError, "%s(): the two passes disagree "
                         "(%d, %d)", fn, total, cur);
        }
    }
done:
    for (i = 0; i < got; i++)
        xapi_py_release(&views[i]);
    if (seqs != NULL)
        for (i = 0; i < n; i++)
            Py_XDECREF(seqs[i]);
    PyMem_Free(views);
    PyMem_Free(seqs);
    PyMem_Free(opts);
    Py_XDECREF(seq);
    return result;
}

static PyObject *xapi_py_ip6opt_type(PyObject *type, int mutable_bit)
{
    int t;
    if (xapi_py_int_arg(type, mutable_bit ? "ip6opt_mutable" : "ip6opt_type",
                        "type", 0, 255, &t) < 0)
        return NULL;
    if (mutable_bit)
        return PyBool_FromLong(xapi_ip6opt_mutable(t));
    return PyLong_FromLong(xapi_ip6opt_type(t));
}

static PyObject *xapi_py_router_alert(PyObject *value)
{
    unsigned char out[8];
    size_t len = 0;
    int v;
    if (xapi_py_int_arg(value, "router_alert", "value", 0, 65535, &v) < 0)
        return NULL;
    if (xapi_inet6_opt_router_alert((unsigned)v, out, sizeof out, &len) < 0)
        return xapi_py_rfc_fail("router_alert", "bad value");
    return PyBytes_FromStringAndSize((const char *)out, (Py_ssize_t)len);
}

%}

/* Python objects in and out with the GIL held: see the top of this file. */
%define XAPI_PY_RFC(cname, pyname)
%feature("nothreadallow") cname;
%rename(pyname) cname;
%enddef

XAPI_PY_RFC(xapi_py_opt_init, _opt_init)
XAPI_PY_RFC(xapi_py_opt_append, _opt_append)
XAPI_PY_RFC(xapi_py_opt_finish, _opt_finish)
XAPI_PY_RFC(xapi_py_opt_set_val, _opt_set_val)
XAPI_PY_RFC(xapi_py_opt_get_val, _opt_get_val)
XAPI_PY_RFC(xapi_py_opt_next, _opt_next)
XAPI_PY_RFC(xapi_py_opt_find, _opt_find)
XAPI_PY_RFC(xapi_py_opt_parse, _opt_parse)
XAPI_PY_RFC(xapi_py_opt_build, _opt_build)
XAPI_PY_RFC(xapi_py_ip6opt_type, _ip6opt_type)
XAPI_PY_RFC(xapi_py_router_alert, _router_alert)

PyObject *xapi_py_opt_init(PyObject *buf, PyObject *extlen);
PyObject *xapi_py_opt_append(PyObject *buf, PyObject *extlen, PyObject *offset,
                             PyObject *type, PyObject *len, PyObject *align);
PyObject *xapi_py_opt_finish(PyObject *buf, PyObject *extlen, PyObject *offset);
PyObject *xapi_py_opt_set_val(PyObject *buf, PyObject *dataoff,
                              PyObject *datalen, PyObject *offset,
                              PyObject *val);
PyObject *xapi_py_opt_get_val(PyObject *buf, PyObject *dataoff,
                              PyObject *datalen, PyObject *offset,
                              PyObject *vallen);
PyObject *xapi_py_opt_next(PyObject *buf, PyObject *offset);
PyObject *xapi_py_opt_find(PyObject *buf, PyObject *offset, PyObject *type);
PyObject *xapi_py_opt_parse(PyObject *buf);
PyObject *xapi_py_opt_build(PyObject *options);
PyObject *xapi_py_ip6opt_type(PyObject *type, int mutable_bit);
PyObject *xapi_py_router_alert(PyObject *value);
