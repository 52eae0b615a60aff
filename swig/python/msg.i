/*
 * swig/python/msg.i - Python's message I/O and ancillary items.
 *
 * Each call here is one native crossing: the whole Python result (the
 * received pieces as bytes, the decoded ancillary items, the address) is
 * built in C inside the one wrapper call.  The functions take and return
 * PyObject *, which SWIG passes through untouched; the public signatures
 * with keywords and defaults live in xapi/__init__.py.
 *
 * Two result types are struct sequences (C tuple types like os.stat_result):
 *   Message  (address, data, cmsgs, flags) + attribute nbytes
 *   Cmsg     (level, type, data)            + attributes value, kind, spec_dst
 * so a Message unpacks into 4 as PyXAPI's result did and a Cmsg unpacks into
 * 3 like the socket module's ancillary items, while the extra fields are
 * attributes only.
 */

%{
#include <limits.h>

#ifndef IOV_MAX
#define IOV_MAX 1024
#endif

#if PY_VERSION_HEX < 0x030A0000
static inline PyObject *xapi_py_newref(PyObject *o) { Py_INCREF(o); return o; }
#define Py_NewRef(o) xapi_py_newref(o)
#endif

#define XAPI_PY_MAX_PIECE (1LL << 30)   /* one piece and all pieces together */
#define XAPI_PY_MAX_ANC   (1LL << 20)

static PyTypeObject *xapi_py_MessageType;
static PyTypeObject *xapi_py_CmsgType;

static PyStructSequence_Field xapi_py_message_fields[] = {
    {"address", "source address: (host, port), (host, port, flowinfo, "
                "scope_id), a unix path, or None"},
    {"data", "tuple of bytes, one per requested size, cut to what arrived"},
    {"cmsgs", "tuple of Cmsg: the ancillary items received"},
    {"flags", "msg_flags (MSG_TRUNC, MSG_CTRUNC, ...)"},
    {"nbytes", "byte count the kernel returned (with MSG_TRUNC in the call's "
               "flags: the datagram's full length)"},
    {NULL, NULL}
};
static PyStructSequence_Desc xapi_py_message_desc = {
    "xapi.Message",
    "The result of xapi.recvmsg(): unpacks as (address, data, cmsgs, flags);\n"
    "the byte count the kernel returned is the attribute nbytes.",
    xapi_py_message_fields, 4
};

static PyStructSequence_Field xapi_py_cmsg_fields[] = {
    {"level", "cmsg_level"},
    {"type", "cmsg_type"},
    {"data", "the raw payload, bytes"},
    {"value", "the decoded payload (int, or (address, ifindex) for packet "
              "info), None without a typed view"},
    {"kind", "name of the typed view ('hoplimit', 'tclass', 'ttl', 'tos', "
             "'pktinfo'), None without one"},
    {"spec_dst", "IP_PKTINFO only: ipi_spec_dst as text; None otherwise"},
    {NULL, NULL}
};
static PyStructSequence_Desc xapi_py_cmsg_desc = {
    "xapi.Cmsg",
    "One ancillary item: unpacks as (level, type, data) like the socket\n"
    "module's items; the decoded payload is in value and the typed views.",
    xapi_py_cmsg_fields, 3
};

/* One Cmsg from a validated item, decoded with the core's one decoder.
 * strict: a known item whose payload is malformed is a ValueError
 * (parse_cmsgs); otherwise it keeps its raw bytes and gets no view
 * (received items: the kernel cuts the last item short on MSG_CTRUNC). */
static PyObject *xapi_py_cmsg_object(const xapi_cmsg *c, int strict,
                                     const char *fn)
{
    xapi_value v;
    PyObject *obj, *level, *type, *data, *value, *kind, *spec_dst;

    if (xapi_cmsg_decode(c, &v) < 0) {
        if (strict) {
            PyErr_Format(PyExc_ValueError, "%s(): malformed item (level %d, "
                         "type %d, %zu payload bytes)", fn, c->level, c->type,
                         c->len);
            return NULL;
        }
        memset(&v, 0, sizeof v);
        v.kind = XAPI_VALUE_NONE;
    }
    level = PyLong_FromLong(c->level);
    type = PyLong_FromLong(c->type);
    data = PyBytes_FromStringAndSize((const char *)c->data, (Py_ssize_t)c->len);
    spec_dst = NULL;
    switch (v.kind) {
    case XAPI_VALUE_INT:
        value = PyLong_FromLong(v.i);
        break;
    case XAPI_VALUE_PKTINFO:
        value = Py_BuildValue("(sI)", v.pktinfo.addr, v.pktinfo.ifindex);
        if (v.pktinfo.family == AF_INET)
            spec_dst = PyUnicode_FromString(v.pktinfo.spec_dst);
        break;
    default:
        value = Py_NewRef(Py_None);
        break;
    }
    if (spec_dst == NULL && !PyErr_Occurred())
        spec_dst = Py_NewRef(Py_None);
    kind = (v.kind != XAPI_VALUE_NONE && v.name != NULL)
               ? PyUnicode_InternFromString(v.name) : Py_NewRef(Py_None);
    obj = PyStructSequence_New(xapi_py_CmsgType);
    if (obj == NULL || level == NULL || type == NULL || data == NULL ||
        value == NULL || kind == NULL || spec_dst == NULL) {
        Py_XDECREF(obj);
        Py_XDECREF(level);
        Py_XDECREF(type);
        Py_XDECREF(data);
        Py_XDECREF(value);
        Py_XDECREF(kind);
        Py_XDECREF(spec_dst);
        return NULL;
    }
    PyStructSequence_SET_ITEM(obj, 0, level);
    PyStructSequence_SET_ITEM(obj, 1, type);
    PyStructSequence_SET_ITEM(obj, 2, data);
    PyStructSequence_SET_ITEM(obj, 3, value);
    PyStructSequence_SET_ITEM(obj, 4, kind);
    PyStructSequence_SET_ITEM(obj, 5, spec_dst);
    return obj;
}

/* All items of a control buffer as a tuple of Cmsg.
 * strict_headers: a cmsg_len shorter than its header or past the end is a
 *   ValueError; otherwise (what the kernel gave us) the walk stops there,
 *   keeping the items before it.
 * strict_items: a known item with a malformed payload is a ValueError;
 *   otherwise it keeps its raw bytes and gets no typed view. */
static PyObject *xapi_py_cmsg_tuple(const void *control, size_t len,
                                    int strict_headers, int strict_items,
                                    const char *fn)
{
    xapi_cmsg_iter it;
    xapi_cmsg c;
    PyObject *list, *tuple;
    int r;

    list = PyList_New(0);
    if (list == NULL)
        return NULL;
    xapi_cmsg_iter_init(&it, control, len);
    while ((r = xapi_cmsg_next(&it, &c)) == 1) {
        PyObject *o = xapi_py_cmsg_object(&c, strict_items, fn);
        if (o == NULL || PyList_Append(list, o) < 0) {
            Py_XDECREF(o);
            Py_DECREF(list);
            return NULL;
        }
        Py_DECREF(o);
    }
    if (r < 0 && strict_headers) {
        PyErr_Format(PyExc_ValueError, "%s(): malformed control buffer: an "
                     "item's cmsg_len is shorter than its header or runs past "
                     "the end (offset %zu of %zu)", fn, it.off, len);
        Py_DECREF(list);
        return NULL;
    }
    tuple = PyList_AsTuple(list);
    Py_DECREF(list);
    return tuple;
}

/* The items to send, as a control buffer in PyMem memory (NULL, 0 for no
 * items).  Each item is a Cmsg or a (level, type, data) tuple whose data
 * is any contiguous buffer; every view taken is released before return. */
static int xapi_py_build_control(PyObject *cmsgs, const char *fn,
                                 unsigned char **out, size_t *outlen)
{
    PyObject *seq = NULL;
    Py_buffer *views = NULL;
    int *lt = NULL;
    Py_ssize_t n = 0, got = 0, i;
    size_t total = 0, used = 0;
    unsigned char *buf = NULL;
    int rc = -1;

    *out = NULL;
    *outlen = 0;
    if (cmsgs == NULL || cmsgs == Py_None)
        return 0;
    if (PyBytes_Check(cmsgs) || PyByteArray_Check(cmsgs) ||
        PyUnicode_Check(cmsgs)) {
        PyErr_Format(PyExc_TypeError, "%s(): argument 'cmsgs' must be an "
                     "iterable of Cmsg or (level, type, data) tuples, not %.100s",
                     fn, Py_TYPE(cmsgs)->tp_name);
        return -1;
    }
    seq = PySequence_Fast(cmsgs, "argument 'cmsgs' must be an iterable of "
                                 "Cmsg or (level, type, data) tuples");
    if (seq == NULL)
        return -1;
    n = PySequence_Fast_GET_SIZE(seq);
    if (n == 0) {
        Py_DECREF(seq);
        return 0;
    }
    views = PyMem_Calloc((size_t)n, sizeof *views);
    lt = PyMem_Calloc((size_t)n * 2, sizeof *lt);
    if (views == NULL || lt == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    for (i = 0; i < n; i++) {
        PyObject *item = PySequence_Fast_GET_ITEM(seq, i);
        long long v;
        size_t space;
        if (!PyTuple_Check(item) || PyTuple_GET_SIZE(item) != 3) {
            PyErr_Format(PyExc_TypeError, "%s(): cmsgs[%zd] must be a Cmsg or "
                         "a (level, type, data) tuple, not %.100s", fn, i,
                         Py_TYPE(item)->tp_name);
            goto done;
        }
        if (xapi_py_long(PyTuple_GET_ITEM(item, 0), fn, "cmsgs[].level",
                         INT_MIN, INT_MAX, PyExc_OverflowError, &v) < 0)
            goto done;
        lt[2 * i] = (int)v;
        if (xapi_py_long(PyTuple_GET_ITEM(item, 1), fn, "cmsgs[].type",
                         INT_MIN, INT_MAX, PyExc_OverflowError, &v) < 0)
            goto done;
        lt[2 * i + 1] = (int)v;
        if (PyObject_GetBuffer(PyTuple_GET_ITEM(item, 2), &views[i],
                               PyBUF_SIMPLE) < 0) {
            PyErr_Clear();
            PyErr_Format(PyExc_TypeError, "%s(): cmsgs[%zd] data must be a "
                         "contiguous bytes-like object, not %.100s", fn, i,
                         Py_TYPE(PyTuple_GET_ITEM(item, 2))->tp_name);
            goto done;
        }
        got = i + 1;
        space = xapi_cmsg_space((size_t)views[i].len);
        if (space == 0 || total > (size_t)INT_MAX - space) {
            PyErr_Format(PyExc_OverflowError, "%s(): ancillary items are too "
                         "large for a control message", fn);
            goto done;
        }
        total += space;
    }
    buf = PyMem_Calloc(1, total);
    if (buf == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    for (i = 0; i < n; i++) {
        if (xapi_cmsg_append(buf, total, &used, lt[2 * i], lt[2 * i + 1],
                             views[i].buf, (size_t)views[i].len) < 0) {
            xapi_py_raise_os("xapi_cmsg_append");
            goto done;
        }
    }
    *out = buf;
    *outlen = used;
    buf = NULL;
    rc = 0;
done:
    for (i = 0; i < got; i++)
        PyBuffer_Release(&views[i]);
    PyMem_Free(views);
    PyMem_Free(lt);
    PyMem_Free(buf);
    Py_XDECREF(seq);
    return rc;
}

/* The destination of a send, parsed with xapi_addr_parse for the socket's
 * family: (host, port), (host, port, flowinfo, scope_id) or a unix path. */
static int xapi_py_parse_sendto(int fd, PyObject *address, xapi_addr *out,
                                const char *fn)
{
    int family;
    const char *host;
    long long port = 0, flowinfo = 0, scope_id = 0;
    Py_ssize_t n;

    memset(out, 0, sizeof *out);
    if (address == NULL || address == Py_None)
        return 0;
    family = xapi_socket_family(fd);
    if (family < 0) {
        xapi_py_raise_os(fn);
        return -1;
    }
    if (family == AF_UNIX) {
        if (!PyUnicode_Check(address) && !PyBytes_Check(address)) {
            PyErr_Format(PyExc_TypeError, "%s(): argument 'address' must be a "
                         "str path for an AF_UNIX socket, not %.100s", fn,
                         Py_TYPE(address)->tp_name);
            return -1;
        }
        host = xapi_py_text(address, fn, "address");
        if (host == NULL)
            return -1;
    } else {
        if (!PyTuple_Check(address) ||
            ((n = PyTuple_GET_SIZE(address)) != 2 &&
             !(family == AF_INET6 && n == 4))) {
            PyErr_Format(PyExc_TypeError, "%s(): argument 'address' must be a "
                         "%s tuple, not %.100s", fn,
                         family == AF_INET6 ? "(host, port[, flowinfo, scope_id])"
                                            : "(host, port)",
                         Py_TYPE(address)->tp_name);
            return -1;
        }
        host = xapi_py_text(PyTuple_GET_ITEM(address, 0), fn, "address host");
        if (host == NULL)
            return -1;
        if (xapi_py_long(PyTuple_GET_ITEM(address, 1), fn, "address port", 0,
                         65535, PyExc_ValueError, &port) < 0)
            return -1;
        if (n == 4) {
            if (xapi_py_long(PyTuple_GET_ITEM(address, 2), fn,
                             "address flowinfo", 0, 0xfffff,
                             PyExc_OverflowError, &flowinfo) < 0 ||
                xapi_py_long(PyTuple_GET_ITEM(address, 3), fn,
                             "address scope_id", 0, UINT32_MAX,
                             PyExc_OverflowError, &scope_id) < 0)
                return -1;
        }
    }
    if (xapi_addr_parse(out, family, host, (unsigned)port) < 0) {
        int err = errno;
        PyErr_Format(PyExc_ValueError, "%s(): bad address %R: %s", fn, address,
                     strerror(err));
        return -1;
    }
    if (family == AF_INET6) {
        struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)&out->ss;
        s6->sin6_flowinfo = htonl((uint32_t)flowinfo);
        if (scope_id != 0)
            s6->sin6_scope_id = (uint32_t)scope_id;
    }
    return 0;
}

static PyObject *xapi_py_sendmsg(PyObject *sock, PyObject *buffers,
                                 PyObject *address, PyObject *cmsgs, int flags)
{
    static const char fn[] = "sendmsg";
    PyObject *seq = NULL, *result = NULL;
    Py_buffer *views = NULL;
    struct iovec *iov = NULL;
    Py_ssize_t n = 0, got = 0, i;
    unsigned char *control = NULL;
    size_t controllen = 0;
    xapi_msg m;
    ssize_t r;
    int fd, err;

    memset(&m, 0, sizeof m);
    fd = xapi_py_fd(sock, fn);
    if (fd < 0)
        return NULL;
    /* A lone bytes object is iterable (as ints): refuse it by name. */
    if (buffers == NULL || PyBytes_Check(buffers) ||
        PyByteArray_Check(buffers) || PyMemoryView_Check(buffers) ||
        PyUnicode_Check(buffers)) {
        PyErr_Format(PyExc_TypeError, "%s(): argument 'buffers' must be an "
                     "iterable of bytes-like objects, not %.100s", fn,
                     buffers ? Py_TYPE(buffers)->tp_name : "NULL");
        return NULL;
    }
    seq = PySequence_Fast(buffers, "sendmsg(): argument 'buffers' must be an "
                                   "iterable of bytes-like objects");
    if (seq == NULL)
        return NULL;
    n = PySequence_Fast_GET_SIZE(seq);
    if (n > IOV_MAX) {
        PyErr_Format(PyExc_ValueError, "%s(): at most %d buffers, not %zd", fn,
                     IOV_MAX, n);
        goto done;
    }
    views = PyMem_Calloc(n > 0 ? (size_t)n : 1, sizeof *views);
    iov = PyMem_Calloc(n > 0 ? (size_t)n : 1, sizeof *iov);
    if (views == NULL || iov == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    for (i = 0; i < n; i++) {
        PyObject *item = PySequence_Fast_GET_ITEM(seq, i);
        if (PyObject_GetBuffer(item, &views[i], PyBUF_SIMPLE) < 0) {
            PyErr_Clear();
            PyErr_Format(PyExc_TypeError, "%s(): buffers[%zd] must be a "
                         "contiguous bytes-like object, not %.100s", fn, i,
                         Py_TYPE(item)->tp_name);
            goto done;
        }
        got = i + 1;
        iov[i].iov_base = views[i].buf;
        iov[i].iov_len = (size_t)views[i].len;
    }
    if (xapi_py_parse_sendto(fd, address, &m.addr, fn) < 0)
        goto done;
    if (xapi_py_build_control(cmsgs, fn, &control, &controllen) < 0)
        goto done;
    m.iov = iov;
    m.iovlen = (size_t)n;
    m.control = control;
    m.controllen = controllen;
    for (;;) {
        Py_BEGIN_ALLOW_THREADS
        r = xapi_sendmsg(fd, &m, flags);
        err = errno;
        Py_END_ALLOW_THREADS
        if (r >= 0 || err != EINTR)
            break;
        if (PyErr_CheckSignals() < 0)   /* PEP 475: retry unless a handler raised */
            goto done;
    }
    if (r < 0) {
        errno = err;
        xapi_py_raise_os("xapi_sendmsg");
        goto done;
    }
    result = PyLong_FromSsize_t(r);
done:
    for (i = 0; i < got; i++)
        PyBuffer_Release(&views[i]);
    PyMem_Free(views);
    PyMem_Free(iov);
    PyMem_Free(control);
    Py_XDECREF(seq);
    return result;
}

static PyObject *xapi_py_recvmsg(PyObject *sock, PyObject *sizes,
                                 PyObject *ancsize, int flags)
{
    static const char fn[] = "recvmsg";
    PyObject *seq = NULL, *pieces = NULL, *result = NULL;
    PyObject *address = NULL, *cmsgs = NULL;
    struct iovec *iov = NULL;
    Py_ssize_t n = 0, i;
    long long total = 0, anc = 0;
    unsigned char *control = NULL;
    xapi_msg m;
    ssize_t r;
    int fd, err;

    memset(&m, 0, sizeof m);
    fd = xapi_py_fd(sock, fn);
    if (fd < 0)
        return NULL;
    if (sizes == NULL || PyUnicode_Check(sizes) || PyBytes_Check(sizes) ||
        PyByteArray_Check(sizes) || PyLong_Check(sizes)) {
        PyErr_Format(PyExc_TypeError, "%s(): argument 'sizes' must be an "
                     "iterable of ints, not %.100s", fn,
                     sizes ? Py_TYPE(sizes)->tp_name : "NULL");
        return NULL;
    }
    seq = PySequence_Fast(sizes, "recvmsg(): argument 'sizes' must be an "
                                 "iterable of ints");
    if (seq == NULL)
        return NULL;
    n = PySequence_Fast_GET_SIZE(seq);
    if (n > IOV_MAX) {
        PyErr_Format(PyExc_ValueError, "%s(): at most %d sizes, not %zd", fn,
                     IOV_MAX, n);
        goto done;
    }
    if (ancsize != NULL && xapi_py_long(ancsize, fn, "ancsize", 0,
                                        XAPI_PY_MAX_ANC, PyExc_ValueError,
                                        &anc) < 0)
        goto done;
    iov = PyMem_Calloc(n > 0 ? (size_t)n : 1, sizeof *iov);
    if (iov == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    /* Every size is checked before any piece is allocated. */
    for (i = 0; i < n; i++) {
        long long v;
        if (xapi_py_long(PySequence_Fast_GET_ITEM(seq, i), fn, "sizes[]", 0,
                         XAPI_PY_MAX_PIECE, PyExc_ValueError, &v) < 0)
            goto done;
        total += v;
        if (total > XAPI_PY_MAX_PIECE) {
            PyErr_Format(PyExc_ValueError, "%s(): argument 'sizes' adds up to "
                         "more than %lld bytes", fn, XAPI_PY_MAX_PIECE);
            goto done;
        }
        iov[i].iov_len = (size_t)v;
    }
    pieces = PyTuple_New(n);
    if (pieces == NULL)
        goto done;
    /* The pieces are the result's own bytes objects: the kernel writes
     * straight into them and they are shrunk afterwards. */
    for (i = 0; i < n; i++) {
        PyObject *b = PyBytes_FromStringAndSize(NULL, (Py_ssize_t)iov[i].iov_len);
        if (b == NULL)
            goto done;
        PyTuple_SET_ITEM(pieces, i, b);
        iov[i].iov_base = PyBytes_AS_STRING(b);
    }
    if (anc > 0) {
        control = PyMem_Malloc((size_t)anc);
        if (control == NULL) {
            PyErr_NoMemory();
            goto done;
        }
    }
    m.iov = iov;
    m.iovlen = (size_t)n;
    m.control = control;
    m.controllen = (size_t)anc;
    for (;;) {
        Py_BEGIN_ALLOW_THREADS
        r = xapi_recvmsg(fd, &m, flags);
        err = errno;
        Py_END_ALLOW_THREADS
        if (r >= 0 || err != EINTR)
            break;
        if (PyErr_CheckSignals() < 0)
            goto done;
        m.controllen = (size_t)anc;
    }
    if (r < 0) {
        errno = err;
        xapi_py_raise_os("xapi_recvmsg");
        goto done;
    }
    for (i = 0; i < n; i++) {
        PyObject *b = PyTuple_GET_ITEM(pieces, i);
        size_t len = xapi_msg_piece_len(&m, (size_t)i);
        if ((Py_ssize_t)len != PyBytes_GET_SIZE(b)) {
            /* The tuple is not shared yet, so its items may be replaced. */
            PyTuple_SET_ITEM(pieces, i, NULL);
            if (_PyBytes_Resize(&b, (Py_ssize_t)len) < 0)
                goto done;
            PyTuple_SET_ITEM(pieces, i, b);
        }
    }
    cmsgs = xapi_py_cmsg_tuple(control, m.controllen, 0, 0, fn);
    if (cmsgs == NULL)
        goto done;
    address = xapi_py_address(&m.addr);
    if (address == NULL)
        goto done;
    result = PyStructSequence_New(xapi_py_MessageType);
    if (result == NULL)
        goto done;
    {
        PyObject *fl = PyLong_FromLong(m.flags);
        PyObject *nb = PyLong_FromSsize_t(r);
        if (fl == NULL || nb == NULL) {
            Py_XDECREF(fl);
            Py_XDECREF(nb);
            Py_CLEAR(result);
            goto done;
        }
        PyStructSequence_SET_ITEM(result, 0, address);
        PyStructSequence_SET_ITEM(result, 1, pieces);
        PyStructSequence_SET_ITEM(result, 2, cmsgs);
        PyStructSequence_SET_ITEM(result, 3, fl);
        PyStructSequence_SET_ITEM(result, 4, nb);
        address = pieces = cmsgs = NULL;
    }
done:
    Py_XDECREF(address);
    Py_XDECREF(pieces);
    Py_XDECREF(cmsgs);
    Py_XDECREF(seq);
    PyMem_Free(iov);
    PyMem_Free(control);
    return result;
}

static PyObject *xapi_py_build_cmsgs(PyObject *cmsgs)
{
    unsigned char *buf;
    size_t len;
    PyObject *b;
    if (cmsgs == Py_None) {
        PyErr_SetString(PyExc_TypeError, "build_cmsgs(): argument 'cmsgs' "
                        "must be an iterable of Cmsg or (level, type, data) "
                        "tuples, not NoneType");
        return NULL;
    }
    if (xapi_py_build_control(cmsgs, "build_cmsgs", &buf, &len) < 0)
        return NULL;
    b = PyBytes_FromStringAndSize((const char *)buf, (Py_ssize_t)len);
    PyMem_Free(buf);
    return b;
}

static PyObject *xapi_py_parse_cmsgs(PyObject *data, int strict)
{
    Py_buffer view;
    PyObject *t;
    if (PyObject_GetBuffer(data, &view, PyBUF_SIMPLE) < 0) {
        PyErr_Clear();
        PyErr_Format(PyExc_TypeError, "parse_cmsgs(): argument 'data' must be "
                     "a contiguous bytes-like object, not %.100s",
                     Py_TYPE(data)->tp_name);
        return NULL;
    }
    t = xapi_py_cmsg_tuple(view.buf, (size_t)view.len, 1, strict != 0,
                           "parse_cmsgs");
    PyBuffer_Release(&view);
    return t;
}

/* Cmsg(level, type, data): an item to send, decoded like a received one
 * (a payload the decoder refuses keeps its bytes and gets no view). */
static PyObject *xapi_py_make_cmsg(int level, int type, PyObject *data)
{
    Py_buffer view;
    xapi_cmsg c;
    PyObject *o;
    if (PyObject_GetBuffer(data, &view, PyBUF_SIMPLE) < 0) {
        PyErr_Clear();
        PyErr_Format(PyExc_TypeError, "Cmsg(): argument 'data' must be a "
                     "contiguous bytes-like object, not %.100s",
                     Py_TYPE(data)->tp_name);
        return NULL;
    }
    c.level = level;
    c.type = type;
    c.data = view.buf;
    c.len = (size_t)view.len;
    o = xapi_py_cmsg_object(&c, 0, "Cmsg");
    PyBuffer_Release(&view);
    return o;
}

/* The typed constructors' payloads, written by the core's encoders. */
static PyObject *xapi_py_encoded(int rc, const unsigned char *buf, size_t len,
                                 const char *fn)
{
    if (rc < 0) {
        int err = errno;
        PyErr_Format(PyExc_ValueError, "%s(): %s", fn, strerror(err));
        return NULL;
    }
    return PyBytes_FromStringAndSize((const char *)buf, (Py_ssize_t)len);
}

static PyObject *xapi_py_encode_int(int value)
{
    unsigned char buf[16];
    size_t len = 0;
    int rc = xapi_encode_int(value, buf, sizeof buf, &len);
    return xapi_py_encoded(rc, buf, len, "Cmsg");
}

static PyObject *xapi_py_encode_in6_pktinfo(const char *addr, unsigned ifindex)
{
    unsigned char buf[64];
    size_t len = 0;
    int rc = xapi_encode_in6_pktinfo(addr, ifindex, buf, sizeof buf, &len);
    return xapi_py_encoded(rc, buf, len, "Cmsg.pktinfo6");
}

static PyObject *xapi_py_encode_in_pktinfo(unsigned ifindex,
                                           const char *spec_dst,
                                           const char *addr)
{
    unsigned char buf[64];
    size_t len = 0;
    int rc = xapi_encode_in_pktinfo(ifindex, spec_dst, addr, buf, sizeof buf,
                                    &len);
    return xapi_py_encoded(rc, buf, len, "Cmsg.pktinfo4");
}

static PyObject *xapi_py_if_indextoname(unsigned index)
{
    char name[IF_NAMESIZE + 1];
    memset(name, 0, sizeof name);
    if (xapi_if_indextoname(index, name, sizeof name) < 0) {
        xapi_py_raise_os("xapi_if_indextoname");
        return NULL;
    }
    return PyUnicode_DecodeFSDefault(name);
}

static PyObject *xapi_py_if_nameindex(void)
{
    xapi_ifentry *e = NULL;
    size_t cap = 16, count = 0, i;
    PyObject *list;

    for (;;) {
        xapi_ifentry *ne = PyMem_Realloc(e, cap * sizeof *e);
        if (ne == NULL) {
            PyMem_Free(e);
            return PyErr_NoMemory();
        }
        e = ne;
        if (xapi_if_nameindex(e, cap, &count) == 0)
            break;
        if (errno != ENOSPC || count <= cap || count > 65536) {
            xapi_py_raise_os("xapi_if_nameindex");
            PyMem_Free(e);
            return NULL;
        }
        cap = count + 4; /* interfaces may appear in between */
    }
    list = PyList_New((Py_ssize_t)count);
    for (i = 0; list != NULL && i < count; i++) {
        PyObject *t = Py_BuildValue("(IN)", e[i].index,
                                    PyUnicode_DecodeFSDefault(e[i].name));
        if (t == NULL)
            Py_CLEAR(list);
        else
            PyList_SET_ITEM(list, (Py_ssize_t)i, t);
    }
    PyMem_Free(e);
    return list;
}

static PyObject *xapi_py_errno_name(int err)
{
    const char *s = xapi_errno_name(err);
    if (s == NULL)
        Py_RETURN_NONE;
    return PyUnicode_FromString(s);
}
%}

%init %{
  {
    size_t nconst = 0, ci;
    const xapi_constant *tab = xapi_constants(&nconst);
    PyObject *consts = PyDict_New();

    xapi_py_MessageType = PyStructSequence_NewType(&xapi_py_message_desc);
    xapi_py_CmsgType = PyStructSequence_NewType(&xapi_py_cmsg_desc);
    if (xapi_py_MessageType == NULL || xapi_py_CmsgType == NULL ||
        consts == NULL)
      return NULL;
    /* Picklable and printable under the package's own name. */
    if (PyDict_SetItemString(d, "Message", (PyObject *)xapi_py_MessageType) < 0 ||
        PyDict_SetItemString(d, "Cmsg", (PyObject *)xapi_py_CmsgType) < 0)
      return NULL;
    /* Every constant of the core's table, once, at load. */
    for (ci = 0; tab != NULL && ci < nconst; ci++) {
      PyObject *v = PyLong_FromLong(tab[ci].value);
      if (v == NULL || PyDict_SetItemString(consts, tab[ci].name, v) < 0) {
        Py_XDECREF(v);
        Py_DECREF(consts);
        return NULL;
      }
      Py_DECREF(v);
    }
    if (PyDict_SetItemString(d, "CONSTANTS", consts) < 0)
      return NULL;
    Py_DECREF(consts);
    if (PyModule_AddStringConstant(m, "VERSION", XAPI_VERSION_STRING) < 0)
      return NULL;
  }
%}

%rename(_sendmsg) xapi_py_sendmsg;
%rename(_recvmsg) xapi_py_recvmsg;
%rename(_build_cmsgs) xapi_py_build_cmsgs;
%rename(_parse_cmsgs) xapi_py_parse_cmsgs;
%rename(_make_cmsg) xapi_py_make_cmsg;
%rename(_encode_int) xapi_py_encode_int;
%rename(_encode_in6_pktinfo) xapi_py_encode_in6_pktinfo;
%rename(_encode_in_pktinfo) xapi_py_encode_in_pktinfo;
%rename(if_indextoname) xapi_py_if_indextoname;
%rename(if_nameindex) xapi_py_if_nameindex;
%rename(errno_name) xapi_py_errno_name;

PyObject *xapi_py_sendmsg(PyObject *sock, PyObject *buffers,
                          PyObject *address, PyObject *cmsgs, int flags);
PyObject *xapi_py_recvmsg(PyObject *sock, PyObject *sizes, PyObject *ancsize,
                          int flags);
PyObject *xapi_py_build_cmsgs(PyObject *cmsgs);
PyObject *xapi_py_parse_cmsgs(PyObject *data, int strict);
PyObject *xapi_py_make_cmsg(int level, int type, PyObject *data);
PyObject *xapi_py_encode_int(int value);
PyObject *xapi_py_encode_in6_pktinfo(const char *addr, unsigned ifindex);
PyObject *xapi_py_encode_in_pktinfo(unsigned ifindex, const char *spec_dst,
                                    const char *addr);
PyObject *xapi_py_if_indextoname(unsigned index);
PyObject *xapi_py_if_nameindex(void);
PyObject *xapi_py_errno_name(int err);
