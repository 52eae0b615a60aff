/*
 * swig/python/rfc3542.i - Python's RFC 3542 helpers (ICMPv6 filter, routing
 * headers, the Segment Routing Header, Hop-by-Hop and Destination options,
 * path MTU, next hop).  Included by bindings/python/xapi_python.i after
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

/* An IPv6 address in text form (no scope). */
static int xapi_py_in6(PyObject *o, const char *fn, const char *arg,
                       struct in6_addr *out)
{
    const char *s;
    if (o == NULL || !PyUnicode_Check(o)) {
        PyErr_Format(PyExc_TypeError, "%s(): argument '%s' must be str, not "
                     "%.100s", fn, arg, o ? Py_TYPE(o)->tp_name : "NULL");
        return -1;
    }
    s = xapi_py_text(o, fn, arg);
    if (s == NULL)
        return -1;
    if (inet_pton(AF_INET6, s, out) != 1) {
        PyErr_Format(PyExc_ValueError, "%s(): argument '%s' is not an IPv6 "
                     "address: %R", fn, arg, o);
        return -1;
    }
    return 0;
}

static PyObject *xapi_py_in6_str(const void *addr16)
{
    char text[INET6_ADDRSTRLEN];
    struct in6_addr a;
    memcpy(&a, addr16, sizeof a);
    if (inet_ntop(AF_INET6, &a, text, sizeof text) == NULL) {
        xapi_py_raise_os("inet_ntop");
        return NULL;
    }
    return PyUnicode_FromString(text);
}

/* ---- ICMPv6 filter ------------------------------------------------- */

/* op: 0 SETPASSALL, 1 SETBLOCKALL, 2 SETPASS, 3 SETBLOCK, 4 WILLPASS,
 * 5 WILLBLOCK, on a writable 32-byte buffer (ops 4 and 5 only read). */
static PyObject *xapi_py_icmp6_filter_op(PyObject *buf, int op, PyObject *type)
{
    static const char fn[] = "icmp6_filter";
    Py_buffer v;
    xapi_icmp6_filter f;
    int t = 0, r = 0;
    PyObject *result = NULL;

    if (op >= 2 && xapi_py_int_arg(type, fn, "type", 0, 255, &t) < 0)
        return NULL;
    if ((op >= 4 ? xapi_py_rbuf(buf, &v, fn, "filter")
                 : xapi_py_wbuf(buf, &v, fn, "filter")) < 0)
        return NULL;
    if ((size_t)v.len != sizeof f) {
        PyErr_Format(PyExc_ValueError, "%s(): a filter is %zu bytes, not %zd",
                     fn, sizeof f, v.len);
        goto done;
    }
    memcpy(&f, v.buf, sizeof f);
    switch (op) {
    case 0: xapi_icmp6_filter_setpassall(&f); break;
    case 1: xapi_icmp6_filter_setblockall(&f); break;
    case 2: r = xapi_icmp6_filter_setpass(t, &f); break;
    case 3: r = xapi_icmp6_filter_setblock(t, &f); break;
    case 4: r = xapi_icmp6_filter_willpass(t, &f); break;
    case 5: r = xapi_icmp6_filter_willblock(t, &f); break;
    default:
        PyErr_Format(PyExc_ValueError, "%s(): bad operation %d", fn, op);
        goto done;
    }
    if (r < 0) {
        xapi_py_rfc_fail(fn, "bad ICMPv6 type");
        goto done;
    }
    if (op >= 4) {
        result = PyBool_FromLong(r);
    } else {
        memcpy(v.buf, &f, sizeof f);
        result = Py_NewRef(Py_None);
    }
done:
    xapi_py_release(&v);
    return result;
}

static PyObject *xapi_py_icmp6_filter_set(PyObject *sock, PyObject *buf)
{
    static const char fn[] = "set_icmp6_filter";
    Py_buffer v;
    xapi_icmp6_filter f;
    int fd = xapi_py_fd(sock, fn);
    if (fd < 0)
        return NULL;
    if (xapi_py_rbuf(buf, &v, fn, "f") < 0)
        return NULL;
    if ((size_t)v.len != sizeof f) {
        PyErr_Format(PyExc_ValueError, "%s(): a filter is %zu bytes, not %zd",
                     fn, sizeof f, v.len);
        xapi_py_release(&v);
        return NULL;
    }
    memcpy(&f, v.buf, sizeof f);
    xapi_py_release(&v);
    if (xapi_icmp6_filter_set(fd, &f) < 0) {
        xapi_py_raise_os("xapi_icmp6_filter_set");
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyObject *xapi_py_icmp6_filter_get(PyObject *sock)
{
    xapi_icmp6_filter f;
    int fd = xapi_py_fd(sock, "get_icmp6_filter");
    if (fd < 0)
        return NULL;
    memset(&f, 0, sizeof f);
    if (xapi_icmp6_filter_get(fd, &f) < 0) {
        xapi_py_raise_os("xapi_icmp6_filter_get");
        return NULL;
    }
    return PyBytes_FromStringAndSize((const char *)&f, sizeof f);
}

/* ---- routing headers ------------------------------------------------- */

static PyObject *xapi_py_rth_space(PyObject *type, PyObject *segments)
{
    static const char fn[] = "rth_space";
    int t, n;
    size_t r;
    if (xapi_py_int_arg(type, fn, "type", INT_MIN, INT_MAX, &t) < 0 ||
        xapi_py_int_arg(segments, fn, "segments", INT_MIN, INT_MAX, &n) < 0)
        return NULL;
    r = xapi_inet6_rth_space(t, n);
    if (r == 0) {
        PyErr_Format(PyExc_ValueError, "%s(): no routing header of type %d "
                     "with %d segments (type 0: 0..127, type 4: 1..127)",
                     fn, t, n);
        return NULL;
    }
    return PyLong_FromSize_t(r);
}

static PyObject *xapi_py_rth_init(PyObject *buf, PyObject *type,
                                  PyObject *segments)
{
    static const char fn[] = "rth_init";
    Py_buffer v;
    int t, n, r;
    if (xapi_py_int_arg(type, fn, "type", INT_MIN, INT_MAX, &t) < 0 ||
        xapi_py_int_arg(segments, fn, "segments", INT_MIN, INT_MAX, &n) < 0)
        return NULL;
    if (xapi_py_wbuf(buf, &v, fn, "buf") < 0)
        return NULL;
    r = xapi_inet6_rth_init(v.buf, (size_t)v.len, t, n);
    xapi_py_release(&v);
    if (r < 0)
        return xapi_py_rfc_fail(fn, errno == ENOSPC ? "no room for the header"
                                : "bad routing type or segment count");
    Py_RETURN_NONE;
}

static PyObject *xapi_py_rth_add(PyObject *buf, PyObject *addr)
{
    static const char fn[] = "rth_add";
    Py_buffer v;
    struct in6_addr a;
    int r;
    if (xapi_py_in6(addr, fn, "addr", &a) < 0)
        return NULL;
    if (xapi_py_wbuf(buf, &v, fn, "buf") < 0)
        return NULL;
    r = xapi_inet6_rth_add(v.buf, (size_t)v.len, &a);
    xapi_py_release(&v);
    if (r < 0 && errno == ENOSPC) {
        /* A full header is the header's state, not a bad argument: OSError
         * ENOSPC, as the C call reports it. */
        PyObject *args = Py_BuildValue("(is)", ENOSPC, "rth_add(): the header "
            "is full (Segments Left reached the number of segments)");
        if (args != NULL) {
            PyErr_SetObject(PyExc_OSError, args);
            Py_DECREF(args);
        }
        return NULL;
    }
    if (r < 0)
        return xapi_py_rfc_fail(fn, "malformed routing header");
    Py_RETURN_NONE;
}

/* out None: a new bytes object holding the reversed header; else the
 * reversed header is written into out (which may be buf itself). */
static PyObject *xapi_py_rth_reverse(PyObject *buf, PyObject *out)
{
    static const char fn[] = "rth_reverse";
    Py_buffer in, o;
    PyObject *result = NULL;
    int r;

    if (out == Py_None || out == NULL) {
        size_t hdr;
        if (xapi_py_rbuf(buf, &in, fn, "buf") < 0)
            return NULL;
        if (xapi_inet6_rth_segments(in.buf, (size_t)in.len) < 0) {
            xapi_py_rfc_fail(fn, "malformed routing header");
            xapi_py_release(&in);
            return NULL;
        }
        hdr = ((size_t)((const unsigned char *)in.buf)[1] + 1) * 8;
        result = PyBytes_FromStringAndSize(NULL, (Py_ssize_t)hdr);
        if (result != NULL) {
            r = xapi_inet6_rth_reverse(in.buf, (size_t)in.len,
                                       PyBytes_AS_STRING(result), hdr);
            if (r < 0) {
                Py_CLEAR(result);
                xapi_py_rfc_fail(fn, "malformed routing header");
            }
        }
        xapi_py_release(&in);
        return result;
    }
    if (out == buf) {
        /* In place: one writable view serves as input and output. */
        if (xapi_py_wbuf(buf, &o, fn, "buf") < 0)
            return NULL;
        r = xapi_inet6_rth_reverse(o.buf, (size_t)o.len, o.buf, (size_t)o.len);
        xapi_py_release(&o);
    } else {
        if (xapi_py_rbuf(buf, &in, fn, "buf") < 0)
            return NULL;
        if (xapi_py_wbuf(out, &o, fn, "out") < 0) {
            xapi_py_release(&in);
            return NULL;
        }
        r = xapi_inet6_rth_reverse(in.buf, (size_t)in.len, o.buf,
                                   (size_t)o.len);
        xapi_py_release(&o);
        xapi_py_release(&in);
    }
    if (r < 0)
        return xapi_py_rfc_fail(fn, errno == ENOSPC
                                ? "no room for the reversed header"
                                : "malformed routing header");
    Py_RETURN_NONE;
}

static PyObject *xapi_py_rth_segments(PyObject *buf)
{
    static const char fn[] = "rth_segments";
    Py_buffer v;
    int r;
    if (xapi_py_rbuf(buf, &v, fn, "buf") < 0)
        return NULL;
    r = xapi_inet6_rth_segments(v.buf, (size_t)v.len);
    xapi_py_release(&v);
    if (r < 0)
        return xapi_py_rfc_fail(fn, "malformed routing header");
    return PyLong_FromLong(r);
}

static PyObject *xapi_py_rth_getaddr(PyObject *buf, PyObject *index)
{
    static const char fn[] = "rth_getaddr";
    Py_buffer v;
    struct in6_addr a;
    int i, n, r;
    if (xapi_py_int_arg(index, fn, "index", INT_MIN, INT_MAX, &i) < 0)
        return NULL;
    if (xapi_py_rbuf(buf, &v, fn, "buf") < 0)
        return NULL;
    n = xapi_inet6_rth_segments(v.buf, (size_t)v.len);
    if (n < 0) {
        xapi_py_release(&v);
        return xapi_py_rfc_fail(fn, "malformed routing header");
    }
    if (i < 0 || i >= n) {
        xapi_py_release(&v);
        PyErr_Format(PyExc_ValueError, "%s(): index %d out of range: the "
                     "header holds %d segments", fn, i, n);
        return NULL;
    }
    r = xapi_inet6_rth_getaddr(v.buf, (size_t)v.len, i, &a);
    xapi_py_release(&v);
    if (r < 0)
        return xapi_py_rfc_fail(fn, "malformed routing header");
    return xapi_py_in6_str(&a);
}

/* The whole header: (fields, [addresses in path order]).  fields are
 * (nxt, len, type, segleft, reserved) for type 0 (RFC 2460's 32-bit
 * Reserved field, network order) and (nxt, len, type, segleft, last_entry,
 * flags, tag) for an SRH. */
static PyObject *xapi_py_rth_header(PyObject *buf)
{
    static const char fn[] = "rth_header";
    Py_buffer v;
    const unsigned char *p;
    PyObject *fields = NULL, *addrs = NULL, *result = NULL;
    int n, i;

    if (xapi_py_rbuf(buf, &v, fn, "buf") < 0)
        return NULL;
    n = xapi_inet6_rth_segments(v.buf, (size_t)v.len);
    if (n < 0) {
        xapi_py_rfc_fail(fn, "malformed routing header");
        goto done;
    }
    p = v.buf;  /* at least 8 bytes: the core checked */
    if (p[2] == 0)
        fields = Py_BuildValue("(iiiik)", p[0], p[1], p[2], p[3],
                               (unsigned long)p[4] << 24 |
                               (unsigned long)p[5] << 16 |
                               (unsigned long)p[6] << 8 | p[7]);
    else
        fields = Py_BuildValue("(iiiiiii)", p[0], p[1], p[2], p[3], p[4],
                               p[5], p[6] << 8 | p[7]);
    addrs = PyList_New(n);
    if (fields == NULL || addrs == NULL)
        goto done;
    for (i = 0; i < n; i++) {
        struct in6_addr a;
        PyObject *s;
        if (xapi_inet6_rth_getaddr(v.buf, (size_t)v.len, i, &a) < 0) {
            xapi_py_rfc_fail(fn, "malformed routing header");
            goto done;
        }
        s = xapi_py_in6_str(&a);
        if (s == NULL)
            goto done;
        PyList_SET_ITEM(addrs, i, s);
    }
    result = PyTuple_Pack(2, fields, addrs);
done:
    Py_XDECREF(fields);
    Py_XDECREF(addrs);
    xapi_py_release(&v);
    return result;
}

/* ---- the Segment Routing Header --------------------------------------- */

static PyObject *xapi_py_srh_build(PyObject *segments, PyObject *left,
                                   PyObject *nh, PyObject *flags,
                                   PyObject *tag, PyObject *tlv)
{
    static const char fn[] = "srh_build";
    xapi_srh_info info;
    PyObject *seq = NULL, *result = NULL;
    Py_buffer tv;
    int have_tv = 0, x;
    Py_ssize_t n, i;
    size_t cap, got = 0;

    memset(&info, 0, sizeof info);
    if (segments == NULL || PyUnicode_Check(segments) ||
        PyObject_CheckBuffer(segments)) {
        PyErr_Format(PyExc_TypeError, "%s(): argument 'segments' must be a "
                     "sequence of IPv6 address strings, not %.100s", fn,
                     segments ? Py_TYPE(segments)->tp_name : "NULL");
        return NULL;
    }
    seq = xapi_py_as_tuple(segments, "srh_build(): argument 'segments' must "
                                     "be a sequence of IPv6 address strings",
                           XAPI_SRH_MAX_SEGMENTS);
    if (seq == NULL)
        return NULL;
    n = PySequence_Fast_GET_SIZE(seq);
    if (n < 1 || n > XAPI_SRH_MAX_SEGMENTS) {
        PyErr_Format(PyExc_ValueError, "%s(): an SRH holds 1..%d segments, "
                     "not %zd", fn, XAPI_SRH_MAX_SEGMENTS, n);
        goto done;
    }
    for (i = 0; i < n; i++)
        if (xapi_py_in6(PySequence_Fast_GET_ITEM(seq, i), fn, "segments[]",
                        &info.segments[i]) < 0)
            goto done;
    info.nsegments = (size_t)n;
    if (xapi_py_int_arg(left, fn, "segments_left", 0, 255, &x) < 0)
        goto done;
    if (x > n) {
        PyErr_Format(PyExc_ValueError, "%s(): segments_left %d is more than "
                     "the %zd segments", fn, x, n);
        goto done;
    }
    info.segments_left = (uint8_t)x;
    if (xapi_py_int_arg(nh, fn, "next_header", 0, 255, &x) < 0)
        goto done;
    info.next_header = (uint8_t)x;
    if (xapi_py_int_arg(flags, fn, "flags", 0, 255, &x) < 0)
        goto done;
    info.flags = (uint8_t)x;
    if (xapi_py_int_arg(tag, fn, "tag", 0, 65535, &x) < 0)
        goto done;
    info.tag = (uint16_t)x;
    if (xapi_py_rbuf(tlv, &tv, fn, "tlv") < 0)
        goto done;
    have_tv = 1;
    cap = 8 + (size_t)n * 16 + (size_t)tv.len;
    if (cap > 2048) {
        PyErr_Format(PyExc_ValueError, "%s(): the header would be %zu bytes, "
                     "more than 2048", fn, cap);
        goto done;
    }
    result = PyBytes_FromStringAndSize(NULL, (Py_ssize_t)cap);
    if (result == NULL)
        goto done;
    if (xapi_srh_build(&info, tv.len ? tv.buf : NULL, (size_t)tv.len,
                       PyBytes_AS_STRING(result), cap, &got) < 0) {
        Py_CLEAR(result);
        xapi_py_rfc_fail(fn, "bad TLVs (a multiple of 8 bytes, each Pad1 or "
                             "type, length, value within the area)");
        goto done;
    }
done:
    if (have_tv)
        xapi_py_release(&tv);
    Py_XDECREF(seq);
    return result;
}

/* (next_header, segments_left, last_entry, flags, tag, [segments in wire
 * order], tlv bytes) */
static PyObject *xapi_py_srh_parse(PyObject *buf)
{
    static const char fn[] = "srh_parse";
    Py_buffer v;
    xapi_srh_info *info;
    PyObject *segs = NULL, *tlv = NULL, *result = NULL;
    size_t i;

    if (xapi_py_rbuf(buf, &v, fn, "buf") < 0)
        return NULL;
    info = PyMem_Malloc(sizeof *info);
    if (info == NULL) {
        xapi_py_release(&v);
        return PyErr_NoMemory();
    }
    if (xapi_srh_parse(v.buf, (size_t)v.len, info) < 0) {
        xapi_py_rfc_fail(fn, errno == EMSGSIZE
                         ? "the SRH holds more than 32 segments"
                         : "malformed Segment Routing Header");
        goto done;
    }
    segs = PyList_New((Py_ssize_t)info->nsegments);
    tlv = PyBytes_FromStringAndSize((const char *)v.buf + info->tlv_offset,
                                    (Py_ssize_t)info->tlv_len);
    if (segs == NULL || tlv == NULL)
        goto done;
    for (i = 0; i < info->nsegments; i++) {
        PyObject *s = xapi_py_in6_str(&info->segments[i]);
        if (s == NULL)
            goto done;
        PyList_SET_ITEM(segs, (Py_ssize_t)i, s);
    }
    result = Py_BuildValue("(iiiiiOO)", info->next_header,
                           info->segments_left, info->last_entry, info->flags,
                           info->tag, segs, tlv);
done:
    Py_XDECREF(segs);
    Py_XDECREF(tlv);
    PyMem_Free(info);
    xapi_py_release(&v);
    return result;
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

/* ---- path MTU, next hop, typed payloads ----------------------------- */

static PyObject *xapi_py_mtuinfo_tuple(const xapi_mtuinfo *m)
{
    return Py_BuildValue("(sIk)", m->addr, m->ifindex, (unsigned long)m->mtu);
}

static PyObject *xapi_py_decode_mtuinfo(PyObject *buf)
{
    static const char fn[] = "decode_mtuinfo";
    Py_buffer v;
    xapi_mtuinfo m;
    int r;
    if (xapi_py_rbuf(buf, &v, fn, "data") < 0)
        return NULL;
    r = xapi_decode_ip6_mtuinfo(v.buf, (size_t)v.len, &m);
    xapi_py_release(&v);
    if (r < 0) {
        PyErr_Format(PyExc_ValueError, "%s(): not a struct ip6_mtuinfo "
                     "(%zu bytes, family AF_INET6 or 0)", fn,
                     sizeof(struct ip6_mtuinfo));
        return NULL;
    }
    return xapi_py_mtuinfo_tuple(&m);
}

/* struct ip6_mtuinfo for (addr, mtu): PyXAPI's ip6_mtuinfo.set(). */
static PyObject *xapi_py_encode_mtuinfo(PyObject *addr, PyObject *mtu)
{
    static const char fn[] = "ip6_mtuinfo.set";
    struct ip6_mtuinfo m;
    size_t len = 0;
    long long v;
    const char *s;
    if (!PyUnicode_Check(addr)) {
        PyErr_Format(PyExc_TypeError, "%s(): argument 'addr' must be str, "
                     "not %.100s", fn, Py_TYPE(addr)->tp_name);
        return NULL;
    }
    if ((s = xapi_py_text(addr, fn, "addr")) == NULL)
        return NULL;
    if (xapi_py_long(mtu, fn, "mtu", 0, UINT32_MAX, PyExc_ValueError, &v) < 0)
        return NULL;
    memset(&m, 0, sizeof m);
    if (xapi_encode_nexthop(s, &m.ip6m_addr, sizeof m.ip6m_addr, &len) < 0) {
        PyErr_Format(PyExc_ValueError, "%s(): argument 'addr' is not an IPv6 "
                     "address: %R", fn, addr);
        return NULL;
    }
    m.ip6m_mtu = (uint32_t)v;
    return PyBytes_FromStringAndSize((const char *)&m, sizeof m);
}

static PyObject *xapi_py_get_pathmtu(PyObject *sock)
{
    xapi_mtuinfo m;
    int fd = xapi_py_fd(sock, "get_pathmtu");
    if (fd < 0)
        return NULL;
    if (xapi_get_pathmtu(fd, &m) < 0) {
        xapi_py_raise_os("xapi_get_pathmtu");
        return NULL;
    }
    return xapi_py_mtuinfo_tuple(&m);
}

static PyObject *xapi_py_encode_nexthop(PyObject *addr)
{
    static const char fn[] = "nexthop";
    unsigned char out[sizeof(struct sockaddr_in6)];
    size_t len = 0;
    const char *s;
    if (!PyUnicode_Check(addr)) {
        PyErr_Format(PyExc_TypeError, "%s(): argument 'addr' must be str, "
                     "not %.100s", fn, Py_TYPE(addr)->tp_name);
        return NULL;
    }
    if ((s = xapi_py_text(addr, fn, "addr")) == NULL)
        return NULL;
    if (xapi_encode_nexthop(s, out, sizeof out, &len) < 0) {
        PyErr_Format(PyExc_ValueError, "%s(): argument 'addr' is not an IPv6 "
                     "address: %R", fn, addr);
        return NULL;
    }
    return PyBytes_FromStringAndSize((const char *)out, (Py_ssize_t)len);
}

/* A sockaddr_in6 payload back to (addr, scope_id): PyXAPI's nexthop.get(). */
static PyObject *xapi_py_decode_nexthop(PyObject *buf)
{
    static const char fn[] = "nexthop.set_from_data";
    Py_buffer v;
    struct sockaddr_in6 s6;
    PyObject *a;
    if (xapi_py_rbuf(buf, &v, fn, "data") < 0)
        return NULL;
    if ((size_t)v.len != sizeof s6) {
        PyErr_Format(PyExc_ValueError, "%s(): a sockaddr_in6 is %zu bytes, "
                     "not %zd", fn, sizeof s6, v.len);
        xapi_py_release(&v);
        return NULL;
    }
    memcpy(&s6, v.buf, sizeof s6);
    xapi_py_release(&v);
    if (s6.sin6_family != AF_INET6) {
        PyErr_Format(PyExc_ValueError, "%s(): family %d is not AF_INET6", fn,
                     (int)s6.sin6_family);
        return NULL;
    }
    a = xapi_py_in6_str(&s6.sin6_addr);
    if (a == NULL)
        return NULL;
    return Py_BuildValue("(NI)", a, (unsigned)s6.sin6_scope_id);
}

static PyObject *xapi_py_decode_in6_pktinfo(PyObject *buf)
{
    static const char fn[] = "in6_pktinfo.set_from_data";
    Py_buffer v;
    xapi_pktinfo p;
    int r;
    if (xapi_py_rbuf(buf, &v, fn, "data") < 0)
        return NULL;
    r = xapi_decode_in6_pktinfo(v.buf, (size_t)v.len, &p);
    xapi_py_release(&v);
    if (r < 0) {
        PyErr_Format(PyExc_ValueError, "%s(): not a struct in6_pktinfo "
                     "(%zu bytes)", fn, sizeof(struct in6_pktinfo));
        return NULL;
    }
    return Py_BuildValue("(sI)", p.addr, p.ifindex);
}

static PyObject *xapi_py_decode_int(PyObject *buf)
{
    static const char fn[] = "set_from_data";
    Py_buffer v;
    int out = 0, r;
    if (xapi_py_rbuf(buf, &v, fn, "data") < 0)
        return NULL;
    r = xapi_decode_int(v.buf, (size_t)v.len, &out);
    xapi_py_release(&v);
    if (r < 0) {
        PyErr_Format(PyExc_ValueError, "%s(): not a %zu-byte int in -1..255",
                     fn, sizeof(int));
        return NULL;
    }
    return PyLong_FromLong(out);
}

/* Sizes of the kernel structs, for PyXAPI's .size attributes. */
static PyObject *xapi_py_rfc3542_sizes(void)
{
    return Py_BuildValue("{sn,sn,sn,sn,sn}",
                         "int", (Py_ssize_t)sizeof(int),
                         "in6_pktinfo", (Py_ssize_t)sizeof(struct in6_pktinfo),
                         "sockaddr_in6", (Py_ssize_t)sizeof(struct sockaddr_in6),
                         "ip6_mtuinfo", (Py_ssize_t)sizeof(struct ip6_mtuinfo),
                         "icmp6_filter", (Py_ssize_t)sizeof(xapi_icmp6_filter));
}
%}

/* Python objects in and out with the GIL held: see the top of this file. */
%define XAPI_PY_RFC(cname, pyname)
%feature("nothreadallow") cname;
%rename(pyname) cname;
%enddef

XAPI_PY_RFC(xapi_py_icmp6_filter_op, _icmp6_filter_op)
XAPI_PY_RFC(xapi_py_icmp6_filter_set, _icmp6_filter_set)
XAPI_PY_RFC(xapi_py_icmp6_filter_get, _icmp6_filter_get)
XAPI_PY_RFC(xapi_py_rth_space, _rth_space)
XAPI_PY_RFC(xapi_py_rth_init, _rth_init)
XAPI_PY_RFC(xapi_py_rth_add, _rth_add)
XAPI_PY_RFC(xapi_py_rth_reverse, _rth_reverse)
XAPI_PY_RFC(xapi_py_rth_segments, _rth_segments)
XAPI_PY_RFC(xapi_py_rth_getaddr, _rth_getaddr)
XAPI_PY_RFC(xapi_py_rth_header, _rth_header)
XAPI_PY_RFC(xapi_py_srh_build, _srh_build)
XAPI_PY_RFC(xapi_py_srh_parse, _srh_parse)
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
XAPI_PY_RFC(xapi_py_decode_mtuinfo, _decode_mtuinfo)
XAPI_PY_RFC(xapi_py_encode_mtuinfo, _encode_mtuinfo)
XAPI_PY_RFC(xapi_py_get_pathmtu, _get_pathmtu)
XAPI_PY_RFC(xapi_py_encode_nexthop, _encode_nexthop)
XAPI_PY_RFC(xapi_py_decode_nexthop, _decode_nexthop)
XAPI_PY_RFC(xapi_py_decode_in6_pktinfo, _decode_in6_pktinfo)
XAPI_PY_RFC(xapi_py_decode_int, _decode_int)
XAPI_PY_RFC(xapi_py_rfc3542_sizes, _rfc3542_sizes)

PyObject *xapi_py_icmp6_filter_op(PyObject *buf, int op, PyObject *type);
PyObject *xapi_py_icmp6_filter_set(PyObject *sock, PyObject *buf);
PyObject *xapi_py_icmp6_filter_get(PyObject *sock);
PyObject *xapi_py_rth_space(PyObject *type, PyObject *segments);
PyObject *xapi_py_rth_init(PyObject *buf, PyObject *type, PyObject *segments);
PyObject *xapi_py_rth_add(PyObject *buf, PyObject *addr);
PyObject *xapi_py_rth_reverse(PyObject *buf, PyObject *out);
PyObject *xapi_py_rth_segments(PyObject *buf);
PyObject *xapi_py_rth_getaddr(PyObject *buf, PyObject *index);
PyObject *xapi_py_rth_header(PyObject *buf);
PyObject *xapi_py_srh_build(PyObject *segments, PyObject *left, PyObject *nh,
                            PyObject *flags, PyObject *tag, PyObject *tlv);
PyObject *xapi_py_srh_parse(PyObject *buf);
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
PyObject *xapi_py_decode_mtuinfo(PyObject *buf);
PyObject *xapi_py_encode_mtuinfo(PyObject *addr, PyObject *mtu);
PyObject *xapi_py_get_pathmtu(PyObject *sock);
PyObject *xapi_py_encode_nexthop(PyObject *addr);
PyObject *xapi_py_decode_nexthop(PyObject *buf);
PyObject *xapi_py_decode_in6_pktinfo(PyObject *buf);
PyObject *xapi_py_decode_int(PyObject *buf);
PyObject *xapi_py_rfc3542_sizes(void);
