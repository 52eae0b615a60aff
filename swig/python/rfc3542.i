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
PyObject *xapi_py_decode_mtuinfo(PyObject *buf);
PyObject *xapi_py_encode_mtuinfo(PyObject *addr, PyObject *mtu);
PyObject *xapi_py_get_pathmtu(PyObject *sock);
PyObject *xapi_py_encode_nexthop(PyObject *addr);
PyObject *xapi_py_decode_nexthop(PyObject *buf);
PyObject *xapi_py_decode_in6_pktinfo(PyObject *buf);
PyObject *xapi_py_decode_int(PyObject *buf);
PyObject *xapi_py_rfc3542_sizes(void);
