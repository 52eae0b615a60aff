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

/* The core's limits (xapi.h), as the signed numbers the range checks take. */
#define XAPI_PY_MAX_DATA   ((long long)XAPI_MAX_DATA)
#define XAPI_PY_MAX_PIECES ((Py_ssize_t)XAPI_MAX_PIECES)
#define XAPI_PY_MAX_ANC    ((long long)XAPI_MAX_ANC)
/* The most ancillary items that fit XAPI_MAX_ANC (each takes at least
 * CMSG_SPACE(0) bytes). */
#define XAPI_PY_MAX_ITEMS  ((Py_ssize_t)(XAPI_MAX_ANC / CMSG_SPACE(0)))

/* Small calls use arrays and buffers on the C stack instead of the heap. */
#define XAPI_PY_STACK_DATA 4096
#define XAPI_PY_STACK_ANC  1024
#define XAPI_PY_STACK_IOV  8


static PyTypeObject *xapi_py_MessageType;
static PyTypeObject *xapi_py_CmsgType;
/* One struct sequence type per record view of the core (xapi_record_at),
 * made at load from the core's field table: xapi.MtuInfo, xapi.SockErr. */
#define XAPI_PY_MAX_RECORDS 32
static const xapi_record *xapi_py_records[XAPI_PY_MAX_RECORDS];
static PyTypeObject *xapi_py_record_types[XAPI_PY_MAX_RECORDS];

/* A new struct sequence of one of the two result types, its fields NULL.
 * PyStructSequence_New looks the type's two sizes up in its dict by name
 * on every call (a tenth of a received message's native cost); the sizes
 * of Message and Cmsg are known here, so on the versions whose layout it
 * has (3.10 to 3.12: a tuple of n_fields slots whose visible size is
 * n_sequence_fields) the object is allocated the same way directly.  The
 * module checks at load that PyStructSequence_New agrees (size and GC
 * tracking), and uses it otherwise. */
static int xapi_py_structseq_fast;  /* 0: no; 1: direct; 2: direct, tracked */

static PyObject *xapi_py_structseq_new(PyTypeObject *t, Py_ssize_t real,
                                       Py_ssize_t visible)
{
#if PY_VERSION_HEX < 0x030D0000
    if (xapi_py_structseq_fast) {
        PyTupleObject *o = PyObject_GC_NewVar(PyTupleObject, t, real);
        if (o == NULL)
            return NULL;
        Py_SET_SIZE(o, visible);
        memset(o->ob_item, 0, (size_t)real * sizeof(PyObject *));
        if (xapi_py_structseq_fast == 2)
            PyObject_GC_Track(o);
        return (PyObject *)o;
    }
#else
    (void)real;
    (void)visible;
#endif
    return PyStructSequence_New(t);
}

/* At load: how the direct allocation may stand in for
 * PyStructSequence_New for t (real and visible sizes as given): 0 not,
 * 1 untracked, 2 tracked as PyStructSequence_New's objects are. */
static int xapi_py_structseq_check(PyTypeObject *t, Py_ssize_t real,
                                   Py_ssize_t visible)
{
    int fast = 0;
#if PY_VERSION_HEX < 0x030D0000
    PyObject *probe = PyStructSequence_New(t);
    if (probe != NULL && Py_SIZE(probe) == visible &&
        t->tp_itemsize == (Py_ssize_t)sizeof(PyObject *) &&
        t->tp_basicsize + real * t->tp_itemsize ==
            (Py_ssize_t)(offsetof(PyTupleObject, ob_item) +
                         (size_t)real * sizeof(PyObject *)))
        fast = PyObject_GC_IsTracked(probe) ? 2 : 1;
    Py_XDECREF(probe);
    PyErr_Clear();
#else
    (void)t;
    (void)real;
    (void)visible;
#endif
    return fast;
}

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
    {"value", "the decoded payload: an int, (address, ifindex) for packet "
              "info, MtuInfo for a path MTU, SockErr for an extended socket "
              "error; None without a typed view"},
    {"kind", "name of the typed view ('hoplimit', 'tclass', 'ttl', 'tos', "
             "'pktinfo', 'gro', 'fragsize', 'pathmtu', 'sock_err'), None "
             "without one"},
    {"spec_dst", "IP_PKTINFO only: ipi_spec_dst as text; None otherwise"},
    {NULL, NULL}
};
static PyStructSequence_Desc xapi_py_cmsg_desc = {
    "xapi.Cmsg",
    "One ancillary item: unpacks as (level, type, data) like the socket\n"
    "module's items; the decoded payload is in value and the typed views.",
    xapi_py_cmsg_fields, 3
};

/* A record view as its struct sequence: one loop over the core's fields. */
static PyObject *xapi_py_record(const xapi_value *v)
{
    const xapi_record *r = xapi_record_of(v->kind);
    PyObject *o, *f;
    size_t i, j;

    for (i = 0; r != NULL && i < XAPI_PY_MAX_RECORDS; i++)
        if (xapi_py_records[i] == r)
            break;
    if (r == NULL || i == XAPI_PY_MAX_RECORDS)
        return Py_NewRef(Py_None);
    o = PyStructSequence_New(xapi_py_record_types[i]);
    for (j = 0; o != NULL && j < r->nfields; j++) {
        int64_t n = 0;
        const char *t = NULL;
        size_t len = 0;

        switch (xapi_field_get(v, &r->fields[j], &n, &t, &len)) {
        case XAPI_FIELD_INT:
            f = PyLong_FromLongLong((long long)n);
            break;
        case XAPI_FIELD_TEXT:
            f = PyUnicode_DecodeUTF8(t, (Py_ssize_t)len, "surrogateescape");
            break;
        case XAPI_FIELD_BYTES:
            f = PyBytes_FromStringAndSize(t, (Py_ssize_t)len);
            break;
        case 0:
            f = Py_NewRef(Py_None);
            break;
        default:
            f = PyErr_SetFromErrno(PyExc_OSError);
            break;
        }
        if (f == NULL)
            Py_CLEAR(o);
        else
            PyStructSequence_SetItem(o, (Py_ssize_t)j, f);
    }
    return o;
}

/* One Cmsg from an item and its typed view (decoded by the core). */
static PyObject *xapi_py_item_object(const xapi_cmsg *c, const xapi_value *v)
{
    PyObject *f[6];

    f[0] = PyLong_FromLong(c->level);
    f[1] = PyLong_FromLong(c->type);
    f[2] = PyBytes_FromStringAndSize((const char *)c->data, (Py_ssize_t)c->len);
    f[5] = Py_NewRef(Py_None);
    switch (v->kind) {
    case XAPI_VALUE_INT:
        f[3] = PyLong_FromLongLong((long long)v->i);
        break;
    case XAPI_VALUE_PKTINFO: {
        PyObject *p[2];
        p[0] = PyUnicode_FromString(v->pktinfo.addr);
        p[1] = PyLong_FromUnsignedLong(v->pktinfo.ifindex);
        f[3] = xapi_py_fill(PyTuple_New(2), p, 2);
        if (v->pktinfo.family == AF_INET) {
            Py_DECREF(f[5]);
            f[5] = PyUnicode_FromString(v->pktinfo.spec_dst);
        }
        break;
    }
    case XAPI_VALUE_FDS: { /* SCM_RIGHTS: a tuple of ints (fdpass.i) */
        PyObject *p[XAPI_FDS_MAX];
        size_t k;
        for (k = 0; k < v->fds.count && k < XAPI_FDS_MAX; k++) {
            int fd = -1;
            (void)xapi_fds_at(v, k, &fd);
            p[k] = PyLong_FromLong(fd);
        }
        f[3] = xapi_py_fill(PyTuple_New((Py_ssize_t)k), p, (Py_ssize_t)k);
        break;
    }
    default:
        f[3] = xapi_py_record(v);
        break;
    }
    f[4] = (v->kind != XAPI_VALUE_NONE && v->name != NULL)
               ? PyUnicode_InternFromString(v->name) : Py_NewRef(Py_None);
    return xapi_py_fill(xapi_py_structseq_new(xapi_py_CmsgType, 6, 3), f, 6);
}

/* Source addresses repeat: a server hears from the same peers
 * again and again.  One entry, compared bytewise. */
static xapi_addr xapi_py_last_addr;
static PyObject *xapi_py_last_addr_obj;

static PyObject *xapi_py_received_address(const xapi_addr *a)
{
    PyObject *o;
    if (xapi_py_last_addr_obj != NULL && a->len == xapi_py_last_addr.len &&
        memcmp(&a->ss, &xapi_py_last_addr.ss, a->len) == 0)
        return Py_NewRef(xapi_py_last_addr_obj);
    o = xapi_py_address(a);
    if (o != NULL && a->len > 0 && a->len <= sizeof a->ss) {
        memcpy(&xapi_py_last_addr.ss, &a->ss, a->len);
        xapi_py_last_addr.len = a->len;
        Py_XSETREF(xapi_py_last_addr_obj, Py_NewRef(o));
    }
    return o;
}

/* cmsgs[i], a Cmsg or a (level, type, data) tuple: its level and type,
 * and a view of its data (held until the caller releases it). */
static int xapi_py_item_in(PyObject *item, Py_ssize_t i, const char *fn,
                           int *level, int *type, Py_buffer *view)
{
    long long v;

    if (!PyTuple_Check(item) || PyTuple_GET_SIZE(item) != 3) {
        PyErr_Format(PyExc_TypeError, "%s(): cmsgs[%zd] must be a Cmsg or a "
                     "(level, type, data) tuple, not %.100s", fn, i,
                     Py_TYPE(item)->tp_name);
        return -1;
    }
    if (xapi_py_long(PyTuple_GET_ITEM(item, 0), fn, "cmsgs[].level", INT_MIN,
                     INT_MAX, PyExc_OverflowError, &v) < 0)
        return -1;
    *level = (int)v;
    if (xapi_py_long(PyTuple_GET_ITEM(item, 1), fn, "cmsgs[].type", INT_MIN,
                     INT_MAX, PyExc_OverflowError, &v) < 0)
        return -1;
    *type = (int)v;
    if (PyObject_GetBuffer(PyTuple_GET_ITEM(item, 2), view, PyBUF_SIMPLE) < 0) {
        PyErr_Clear();
        PyErr_Format(PyExc_TypeError, "%s(): cmsgs[%zd] data must be a "
                     "contiguous bytes-like object, not %.100s", fn, i,
                     Py_TYPE(PyTuple_GET_ITEM(item, 2))->tp_name);
        return -1;
    }
    return 0;
}

/* The decoded-items shape's arrays: on the stack for a few items (a
 * receive whose items change every time, a timestamp's, parses each
 * one), else in one block sized by the core's count. */
#define XAPI_PY_STACK_PARSED 8
typedef struct {
    xapi_cmsg *cmsgs;
    xapi_value *values;
    size_t cap;
    void *heap;
    xapi_cmsg cmsgs_small[XAPI_PY_STACK_PARSED];
    xapi_value values_small[XAPI_PY_STACK_PARSED];
} xapi_py_parsed;

static int xapi_py_parsed_init(xapi_py_parsed *p, const void *buf, size_t len)
{
    size_t n = len / CMSG_LEN(0); /* every item takes at least a header */

    p->heap = NULL;
    p->cmsgs = p->cmsgs_small;
    p->values = p->values_small;
    p->cap = XAPI_PY_STACK_PARSED;
    if (n > XAPI_PY_STACK_PARSED)
        n = xapi_items_count(buf, len);
    if (n <= XAPI_PY_STACK_PARSED)
        return 0;
    p->heap = PyMem_Malloc(n * (sizeof(xapi_cmsg) + sizeof(xapi_value)));
    if (p->heap == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    p->values = p->heap;
    p->cmsgs = (xapi_cmsg *)(p->values + n);
    p->cap = n;
    return 0;
}

/* Items the core decoded (received, or parsed from bytes) as a tuple of
 * Cmsg (a receive's whole control buffer is cached, see below). */
static PyObject *xapi_py_items_tuple(const xapi_cmsg *c, const xapi_value *v,
                                     size_t n)
{
    PyObject *t = PyTuple_New((Py_ssize_t)n);
    size_t i;

    for (i = 0; t != NULL && i < n; i++) {
        PyObject *o = xapi_py_item_object(&c[i], &v[i]);
        if (o == NULL)
            Py_CLEAR(t);
        else
            PyTuple_SET_ITEM(t, (Py_ssize_t)i, o);
    }
    return t;
}

/* The module's destination cache (the core's: families by descriptor,
 * parsed destinations), made on first use (xapi_dest_cache_once) and kept
 * for the process's life.  NULL (no memory) parses every time. */
static xapi_dest_cache *xapi_py_dest_cache(void)
{
    static xapi_dest_cache *slot;
    return xapi_dest_cache_once(&slot);
}

/* The destination of a send, parsed by the core (through the module's
 * destination cache) for the socket's family: (host, port), (host, port,
 * flowinfo, scope_id) or a unix path. */
static int xapi_py_parse_address(int family, PyObject *address,
                                 xapi_addr *out, const char *fn)
{
    const char *host;
    long long port = 0, flowinfo = 0, scope_id = 0;
    Py_ssize_t n = 0;

    if (family == AF_UNIX) {
        host = xapi_py_text(address, fn, "address");
    } else if (!PyTuple_Check(address) ||
               ((n = PyTuple_GET_SIZE(address)) != 2 &&
                !(family == AF_INET6 && n == 4))) {
        PyErr_Format(PyExc_TypeError, "%s(): argument 'address' must be a %s "
                     "tuple, not %.100s", fn, family == AF_INET6 ?
                     "(host, port[, flowinfo, scope_id])" : "(host, port)",
                     Py_TYPE(address)->tp_name);
        return -1;
    } else {
        host = xapi_py_text(PyTuple_GET_ITEM(address, 0), fn, "address host");
        if (host != NULL &&
            (xapi_py_long(PyTuple_GET_ITEM(address, 1), fn, "address port", 0,
                          65535, PyExc_ValueError, &port) < 0 ||
             (n == 4 &&
              (xapi_py_long(PyTuple_GET_ITEM(address, 2), fn,
                            "address flowinfo", 0, 0xfffff,
                            PyExc_OverflowError, &flowinfo) < 0 ||
               xapi_py_long(PyTuple_GET_ITEM(address, 3), fn,
                            "address scope_id", 0, UINT32_MAX,
                            PyExc_OverflowError, &scope_id) < 0))))
            host = NULL;
    }
    if (host == NULL)
        return -1;
    if (xapi_dest_cache_parse(xapi_py_dest_cache(), family, host,
                              (unsigned)port, out, NULL) < 0) {
        int err = errno;
        PyErr_Format(PyExc_ValueError, "%s(): bad address %R: %s", fn, address,
                     strerror(err));
        return -1;
    }
    if (family == AF_INET6) {
        struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)&out->ss;
        /* A 2-tuple keeps what the host text gave ("/flowinfo=N"). */
        if (flowinfo != 0)
            s6->sin6_flowinfo = htonl((uint32_t)flowinfo);
        if (scope_id != 0)
            s6->sin6_scope_id = (uint32_t)scope_id;
    }
    return 0;
}

/* The socket's family without a system call when sock is a socket.socket:
 * the C type's own "family" member (a descriptor read straight from the
 * object).  Anything else (an int, an object with fileno()) asks the
 * kernel (SO_DOMAIN). */
static PyTypeObject *xapi_py_socket_type;    /* _socket.socket */
static PyObject *xapi_py_plain_socket;       /* socket.socket */
static PyObject *xapi_py_family_member, *xapi_py_timeout_member;

/* A member's descriptor of _socket.socket, read from the type. */
static PyObject *xapi_py_member(const char *name)
{
    PyObject *d = PyObject_GetAttrString((PyObject *)xapi_py_socket_type,
                                         name);
    if (d != NULL && Py_TYPE(d)->tp_descr_get == NULL)
        Py_CLEAR(d);
    return d;
}

static void xapi_py_init_socket_type(void)
{
    PyObject *mod = PyImport_ImportModule("_socket"), *t;

    t = mod != NULL ? PyObject_GetAttrString(mod, "socket") : NULL;
    Py_XDECREF(mod);
    if (t != NULL && PyType_Check(t)) {
        xapi_py_socket_type = (PyTypeObject *)t;
        xapi_py_family_member = xapi_py_member("family");
        xapi_py_timeout_member = xapi_py_member("timeout");
        mod = PyImport_ImportModule("socket");
        if (mod != NULL)
            xapi_py_plain_socket = PyObject_GetAttrString(mod, "socket");
        Py_XDECREF(mod);
    } else {
        Py_XDECREF(t);
    }
    /* Without them, families come from the kernel and timeouts from
     * gettimeout(). */
    PyErr_Clear();
}

static int xapi_py_family(PyObject *sock, int fd, const char *fn)
{
    int family;
    if (xapi_py_family_member != NULL &&
        PyObject_TypeCheck(sock, xapi_py_socket_type)) {
        PyObject *v = Py_TYPE(xapi_py_family_member)->tp_descr_get(
            xapi_py_family_member, sock, (PyObject *)Py_TYPE(sock));
        if (v != NULL) {
            long f = PyLong_AsLong(v);
            Py_DECREF(v);
            if (f > 0 && f <= INT_MAX)
                return (int)f;
        }
        PyErr_Clear();
    }
    family = xapi_dest_cache_family(xapi_py_dest_cache(), fd);
    if (family < 0)
        xapi_py_raise_os(fn);
    return family;
}

/* A send's destination for socket sock (descriptor fd): None for none,
 * else parsed for the socket's family (repeats are the core cache's).
 * *family is the family asked for already (0: not yet), so a send list
 * asks once for all its destinations. */
static int xapi_py_parse_sendto_sock(PyObject *sock, int fd,
                                     PyObject *address, xapi_addr *out,
                                     const char *fn, int *family)
{
    int again = 0;

    memset(out, 0, sizeof *out);
    if (address == NULL || address == Py_None)
        return 0;
    for (;;) {
        if (*family <= 0 && (*family = xapi_py_family(sock, fd, fn)) < 0)
            return -1;
        if (xapi_py_parse_address(*family, address, out, fn) == 0)
            return 0;
        /* A family the cache remembered (sock is a descriptor number, not
         * a socket.socket) may be stale: the number closed and reused for
         * a socket of another family.  Asked again, the address is parsed
         * (once more) for the new family. */
        if (again++ || (xapi_py_family_member != NULL &&
                        PyObject_TypeCheck(sock, xapi_py_socket_type)) ||
            !(PyErr_ExceptionMatches(PyExc_ValueError) ||
              PyErr_ExceptionMatches(PyExc_TypeError)) ||
            !xapi_dest_cache_recheck(xapi_py_dest_cache(), fd))
            return -1;
        PyErr_Clear();
        *family = 0;
    }
}

/* A piece of a message: a view of o, writable for a receive, or a
 * TypeError naming it (arg; arg[i] when i >= 0; "messages[msg] arg[i]"
 * for a send list's message msg >= 0). */
static int xapi_py_piece_in(PyObject *o, Py_buffer *v, int writable,
                            const char *fn, const char *arg, Py_ssize_t msg,
                            Py_ssize_t i)
{
    char name[64];

    if (PyObject_GetBuffer(o, v, writable ? PyBUF_WRITABLE : PyBUF_SIMPLE) == 0)
        return 0;
    PyErr_Clear();
    if (msg >= 0)
        PyOS_snprintf(name, sizeof name, "messages[%zd] %s[%zd]", msg, arg, i);
    else if (i >= 0)
        PyOS_snprintf(name, sizeof name, "%s[%zd]", arg, i);
    else
        PyOS_snprintf(name, sizeof name, "%s", arg);
    if (writable)
        return xapi_py_writable(o, v, fn, name);
    PyErr_Format(PyExc_TypeError, "%s(): %s must be a contiguous bytes-like "
                 "object, not %.100s", fn, name, Py_TYPE(o)->tp_name);
    return -1;
}

/* A list argument read into views held until xapi_py_list_release (also
 * after a failure), each with its C struct: the pieces of a message
 * (XAPI_PY_PIECES, an iterable of bytes-like objects; XAPI_PY_WRITABLE
 * for a receive, where one writable buffer alone is one piece) as an
 * iovec array, or the items to send (XAPI_PY_ITEMS: Cmsg or (level,
 * type, data) tuples whose data is any contiguous buffer; None for none)
 * as an xapi_item array.  Small lists live in the struct itself. */
enum { XAPI_PY_PIECES, XAPI_PY_WRITABLE, XAPI_PY_ITEMS };
typedef struct {
    PyObject *seq;
    Py_ssize_t n, views;
    Py_buffer *view;
    struct iovec *iov;
    xapi_item *items;
    Py_buffer view_small[XAPI_PY_STACK_IOV];
    union {
        struct iovec iov[XAPI_PY_STACK_IOV];
        xapi_item items[XAPI_PY_STACK_IOV];
    } small;
} xapi_py_list;

static void xapi_py_list_init(xapi_py_list *l)
{
    l->seq = NULL;
    l->n = l->views = 0;
    l->view = l->view_small;
    l->iov = l->small.iov;
    l->items = l->small.items;
}

static void xapi_py_list_release(xapi_py_list *l)
{
    Py_ssize_t i;

    for (i = 0; i < l->views; i++)
        PyBuffer_Release(&l->view[i]);
    if (l->view != l->view_small)
        PyMem_Free(l->view);
    Py_CLEAR(l->seq);
    xapi_py_list_init(l);
}

static int xapi_py_list_get(xapi_py_list *l, PyObject *o, const char *fn,
                            const char *arg, int kind)
{
    Py_ssize_t i;
    int single = kind == XAPI_PY_WRITABLE && PyObject_CheckBuffer(o);

    xapi_py_list_init(l);
    if (kind == XAPI_PY_ITEMS && (o == NULL || o == Py_None))
        return 0;
    if (single) {
        l->n = 1;
    } else {
        l->seq = xapi_py_tuple(o, fn, arg, kind == XAPI_PY_ITEMS ?
                               "an iterable of Cmsg or (level, type, data) "
                               "tuples" : kind == XAPI_PY_WRITABLE ?
                               "a writable buffer or an iterable of them" :
                               "an iterable of bytes-like objects",
                               kind == XAPI_PY_ITEMS ? XAPI_PY_MAX_ITEMS :
                               XAPI_PY_MAX_PIECES);
        if (l->seq == NULL)
            return -1;
        l->n = PyTuple_GET_SIZE(l->seq);
    }
    /* Larger lists: the views and the structs in one block. */
    if (l->n > XAPI_PY_STACK_IOV) {
        l->view = PyMem_Calloc((size_t)l->n,
                               sizeof(Py_buffer) + sizeof(xapi_item));
        if (l->view == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        l->iov = (struct iovec *)(l->view + l->n);
        l->items = (xapi_item *)(l->view + l->n);
    }
    for (i = 0; i < l->n; i++) {
        PyObject *item = single ? o : PyTuple_GET_ITEM(l->seq, i);
        Py_buffer *v = &l->view[i];

        if (kind == XAPI_PY_ITEMS) {
            if (xapi_py_item_in(item, i, fn, &l->items[i].level,
                                &l->items[i].type, v) < 0)
                return -1;
            l->items[i].data = v->buf;
            l->items[i].len = (size_t)v->len;
        } else {
            if (xapi_py_piece_in(item, v, kind == XAPI_PY_WRITABLE, fn, arg,
                                 -1, single ? -1 : i) < 0)
                return -1;
            l->iov[i].iov_base = v->buf;
            l->iov[i].iov_len = (size_t)v->len;
        }
        l->views = i + 1;
    }
    return 0;
}

/* A Message from its parts (new references, any may be NULL: consumed). */
static PyObject *xapi_py_message(PyObject *address, PyObject *data,
                                 PyObject *cmsgs, int flags, Py_ssize_t nbytes)
{
    PyObject *f[5];
    f[0] = address;
    f[1] = data;
    f[2] = cmsgs;
    f[3] = PyLong_FromLong(flags);
    f[4] = PyLong_FromSsize_t(nbytes);
    return xapi_py_fill(xapi_py_structseq_new(xapi_py_MessageType, 5, 4), f, 5);
}

/* A receive's buffers, from recvmsg's sizes and ancsize arguments: one
 * scratch buffer holds the control buffer and then the pieces (on the C
 * stack for small receives), which are copied into bytes of their exact
 * size afterwards (cheaper than allocating the requested size and
 * shrinking it). */
typedef struct {
    xapi_msg m;
    PyObject *seq;
    Py_ssize_t n;
    unsigned char *buf;
    struct iovec *iov;
    struct iovec iov_small[XAPI_PY_STACK_IOV];
    union {
        unsigned char b[XAPI_PY_STACK_ANC + XAPI_PY_STACK_DATA];
        size_t align; /* cmsghdr's alignment */
    } scratch;
} xapi_py_recvbuf;

static void xapi_py_recvbuf_release(xapi_py_recvbuf *r)
{
    Py_CLEAR(r->seq);
    if (r->iov != r->iov_small)
        PyMem_Free(r->iov);
    if (r->buf != r->scratch.b)
        PyMem_Free(r->buf);
    r->iov = r->iov_small;
    r->buf = r->scratch.b;
}

static int xapi_py_recvbuf_get(xapi_py_recvbuf *r, PyObject *sizes,
                               PyObject *ancsize, const char *fn)
{
    long long total = 0, anc = 0;
    size_t off;
    Py_ssize_t i;

    memset(&r->m, 0, sizeof r->m);
    r->iov = r->iov_small;
    r->buf = r->scratch.b;
    r->seq = xapi_py_tuple(sizes, fn, "sizes", "an iterable of ints",
                           XAPI_PY_MAX_PIECES);
    if (r->seq == NULL)
        return -1;
    r->n = PyTuple_GET_SIZE(r->seq);
    if (xapi_py_long(ancsize, fn, "ancsize", 0, XAPI_PY_MAX_ANC,
                     PyExc_ValueError, &anc) < 0)
        return -1;
    if (r->n > XAPI_PY_STACK_IOV) {
        r->iov = PyMem_Calloc((size_t)r->n, sizeof *r->iov);
        if (r->iov == NULL) {
            PyErr_NoMemory();
            return -1;
        }
    }
    /* Every size is checked before the buffer is allocated. */
    for (i = 0; i < r->n; i++) {
        long long v;
        if (xapi_py_long(PyTuple_GET_ITEM(r->seq, i), fn, "sizes[]",
                         0, XAPI_PY_MAX_DATA, PyExc_ValueError, &v) < 0)
            return -1;
        total += v;
        if (total > XAPI_PY_MAX_DATA) {
            PyErr_Format(PyExc_ValueError, "%s(): argument 'sizes' adds up to "
                         "more than %lld bytes", fn, XAPI_PY_MAX_DATA);
            return -1;
        }
        r->iov[i].iov_len = (size_t)v;
    }
    /* The pieces start past the control buffer, aligned. */
    off = ((size_t)anc + sizeof(size_t) - 1) & ~(sizeof(size_t) - 1);
    if (off + (size_t)total > sizeof r->scratch.b &&
        (r->buf = PyMem_Malloc(off + (size_t)total)) == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    for (i = 0; i < r->n; i++) {
        r->iov[i].iov_base = r->buf + off;
        off += r->iov[i].iov_len;
    }
    r->m.iov = r->iov;
    r->m.iovlen = (size_t)r->n;
    r->m.control = anc > 0 ? r->buf : NULL;
    r->m.controllen = (size_t)anc;
    return 0;
}

/* A receive's whole control buffer repeats as well (a flow's datagrams
 * arrive with the same hop limit at the same address and interface): the
 * last buffer's bytes are kept with its items tuple, so an identical
 * buffer is neither parsed nor decoded again.  The tuple is a function of
 * the bytes alone (the core's parse reads nothing else; SCM_RIGHTS
 * numbers the core closed are -1 in the bytes) and immutable, so sharing
 * it is invisible.  Only touched with the GIL held. */
#define XAPI_PY_CONTROL_CACHE 256
static union {
    unsigned char b[XAPI_PY_CONTROL_CACHE];
    size_t align;
} xapi_py_last_control;
static size_t xapi_py_last_control_len;
static PyObject *xapi_py_last_control_items;

/* The items of a received control buffer (len bytes, as the kernel gave
 * them: never refused, a cut item keeps its bytes), as a tuple of Cmsg. */
static PyObject *xapi_py_control_items(const unsigned char *control,
                                       size_t len)
{
    xapi_py_parsed parsed;
    size_t count = 0;
    PyObject *t;

    if (len == 0) /* no items: nothing to count, allocate or parse */
        return PyTuple_New(0);
    if (xapi_py_last_control_items != NULL &&
        len == xapi_py_last_control_len &&
        memcmp(control, xapi_py_last_control.b, len) == 0)
        return Py_NewRef(xapi_py_last_control_items);
    if (xapi_py_parsed_init(&parsed, control, len) < 0)
        return NULL;
    (void)xapi_items_parse(control, len, parsed.cmsgs, parsed.values,
                           parsed.cap, &count, 0, NULL);
    t = xapi_py_items_tuple(parsed.cmsgs, parsed.values, count);
    PyMem_Free(parsed.heap);
    if (t != NULL && len <= XAPI_PY_CONTROL_CACHE) {
        memcpy(xapi_py_last_control.b, control, len);
        xapi_py_last_control_len = len;
        Py_XSETREF(xapi_py_last_control_items, Py_NewRef(t));
    }
    return t;
}

/* The Message of a receive of nbytes into r: the pieces cut to what
 * arrived, the source address, the items the core decoded. */
static PyObject *xapi_py_recvbuf_message(xapi_py_recvbuf *r, ssize_t nbytes)
{
    PyObject *pieces = PyTuple_New(r->n), *address, *cmsgs;
    Py_ssize_t k;

    for (k = 0; pieces != NULL && k < r->n; k++) {
        PyObject *b = PyBytes_FromStringAndSize(
            r->iov[k].iov_base,
            (Py_ssize_t)xapi_msg_piece_len(&r->m, (size_t)k));
        if (b == NULL)
            Py_CLEAR(pieces);
        else
            PyTuple_SET_ITEM(pieces, k, b);
    }
    cmsgs = pieces ? xapi_py_control_items(r->m.control, r->m.controllen)
                   : NULL;
    address = cmsgs ? xapi_py_received_address(&r->m.addr) : NULL;
    return xapi_py_message(address, pieces, cmsgs, r->m.flags, nbytes);
}

/* The receive call's arguments, (sock, sizes, ancsize=0, flags=0,
 * fds="int"), taken positionally or by keyword as a Python function takes
 * them (CPython's own TypeErrors), so that xapi.recvmsg is the native call
 * itself with no Python frame in front of it.  format is "OO|OOO:NAME".
 * out[] holds borrowed references (the caller's argument tuple and dict
 * keep them alive for the call). */
#define XAPI_PY_RECV_NARGS 5
static PyObject *xapi_py_recv_zero, *xapi_py_recv_int, *xapi_py_recv_one;

static int xapi_py_recv_args(PyObject *args, PyObject *kwargs,
                             const char *format, PyObject **out)
{
    static char *names[] = { "sock", "sizes", "ancsize", "flags", "fds",
                             NULL };

    if (xapi_py_recv_one == NULL) {
        xapi_py_recv_zero = PyLong_FromLong(0);
        xapi_py_recv_int = PyUnicode_InternFromString("int");
        xapi_py_recv_one = Py_BuildValue("(O)", Py_None);
        if (xapi_py_recv_zero == NULL || xapi_py_recv_int == NULL ||
            xapi_py_recv_one == NULL)
            return -1;
    }
    out[2] = out[3] = xapi_py_recv_zero;
    out[4] = xapi_py_recv_int;
    /* The common call, all positional, without the format's parse. */
    if (kwargs == NULL && PyTuple_GET_SIZE(args) >= 2 &&
        PyTuple_GET_SIZE(args) <= XAPI_PY_RECV_NARGS) {
        memcpy(out, &PyTuple_GET_ITEM(args, 0),
               (size_t)PyTuple_GET_SIZE(args) * sizeof *out);
        return 0;
    }
    return PyArg_ParseTupleAndKeywords(args, kwargs, format, names, &out[0],
                                       &out[1], &out[2], &out[3],
                                       &out[4]) ? 0 : -1;
}

/* The socket's timeout is set (what xapi._wait.sock_timeout finds, not
 * 0): 1, else 0; -1 with an exception only for a BaseException that is
 * not an Exception (KeyboardInterrupt...), which _wait passes on too.  A
 * plain socket.socket's timeout is read from its C member. */
static int xapi_py_sock_has_timeout(PyObject *sock)
{
    static PyObject *gettimeout_name;
    PyObject *t;
    int has;

    if (PyLong_Check(sock))
        return 0; /* a descriptor number: its own O_NONBLOCK decides */
    if (gettimeout_name == NULL &&
        (gettimeout_name = PyUnicode_InternFromString("gettimeout")) == NULL)
        return -1;
    if (xapi_py_timeout_member != NULL &&
        (PyObject *)Py_TYPE(sock) == xapi_py_plain_socket)
        t = Py_TYPE(xapi_py_timeout_member)->tp_descr_get(
            xapi_py_timeout_member, sock, xapi_py_plain_socket);
    else
        t = PyObject_CallMethodNoArgs(sock, gettimeout_name);
    if (t == NULL) {
        if (!PyErr_ExceptionMatches(PyExc_Exception))
            return -1;
        PyErr_Clear(); /* no gettimeout, or a closed or odd object: the
                          native call will say */
        return 0;
    }
    if (PyFloat_Check(t))
        has = PyFloat_AS_DOUBLE(t) != 0.0;
    else if (PyLong_Check(t) && !PyBool_Check(t))
        has = PyObject_IsTrue(t) > 0;
    else
        has = 0;
    Py_DECREF(t);
    return has;
}

/* Whether a receive needs the package's Python helper (xapi._xapi._NAME
 * _wait, see xapi/__init__.py) rather than the native call alone: a
 * socket timeout to wait out (not with MSG_DONTWAIT in flags), or objects
 * asked for the received descriptors (fds other than "int").  1 yes,
 * 0 no, -1 with an exception. */
static int xapi_py_recv_needs_wait(PyObject **in)
{
    PyObject *fds = in[4], *flags = in[3];
    if (fds != xapi_py_recv_int &&
        !(PyUnicode_Check(fds) &&
          PyUnicode_CompareWithASCIIString(fds, "int") == 0))
        return 1;
    if (PyLong_Check(flags)) {
        int overflow = 0;
        long v = PyLong_AsLongAndOverflow(flags, &overflow);
        if (v == -1 && PyErr_Occurred())
            PyErr_Clear(); /* the flags typemap says it */
        else if (!overflow && (v & MSG_DONTWAIT))
            return 0;
    }
    return xapi_py_sock_has_timeout(in[0]);
}

/* The helper's answer for a call that needs it: hook(sock, sizes,
 * ancsize, flags, fds). */
static PyObject *xapi_py_recv_wait(PyObject *module, const char *hook,
                                   PyObject **in)
{
    PyObject *f = PyObject_GetAttrString(module, hook), *r;
    if (f == NULL)
        return NULL;
    r = PyObject_Vectorcall(f, in, XAPI_PY_RECV_NARGS, NULL);
    Py_DECREF(f);
    return r;
}

%}

%init %{
  {
    size_t ci;

    xapi_py_MessageType = PyStructSequence_NewType(&xapi_py_message_desc);
    xapi_py_CmsgType = PyStructSequence_NewType(&xapi_py_cmsg_desc);
    if (xapi_py_MessageType == NULL || xapi_py_CmsgType == NULL)
      return NULL;
    {
      int fm = xapi_py_structseq_check(xapi_py_MessageType, 5, 4);
      int fc = xapi_py_structseq_check(xapi_py_CmsgType, 6, 3);
      xapi_py_structseq_fast = fm == fc ? fm : 0;
    }
    /* The record types, from the core's table.  Their descriptions live as
     * long as the module (types keep pointers into them). */
    for (ci = 0; ci < XAPI_PY_MAX_RECORDS && xapi_record_at(ci); ci++) {
      const xapi_record *r = xapi_record_at(ci);
      PyStructSequence_Field *fields;
      PyStructSequence_Desc *desc;
      char *name;
      size_t fi;

      fields = PyMem_RawCalloc(r->nfields + 1, sizeof(*fields));
      desc = PyMem_RawCalloc(1, sizeof(*desc));
      name = PyMem_RawMalloc(strlen(r->type_name) + 6);
      if (fields == NULL || desc == NULL || name == NULL)
        return PyErr_NoMemory();
      for (fi = 0; fi < r->nfields; fi++) {
        fields[fi].name = r->fields[fi].name;
        fields[fi].doc = r->fields[fi].doc;
      }
      sprintf(name, "xapi.%s", r->type_name);
      desc->name = name;
      desc->doc = r->doc;
      desc->fields = fields;
      desc->n_in_sequence = (int)r->nfields;
      xapi_py_records[ci] = r;
      xapi_py_record_types[ci] = PyStructSequence_NewType(desc);
      if (xapi_py_record_types[ci] == NULL ||
          PyDict_SetItemString(d, r->type_name,
                               (PyObject *)xapi_py_record_types[ci]) < 0)
        return NULL;
    }
    /* Picklable and printable under the package's own name. */
    if (PyDict_SetItemString(d, "Message", (PyObject *)xapi_py_MessageType) < 0 ||
        PyDict_SetItemString(d, "Cmsg", (PyObject *)xapi_py_CmsgType) < 0)
      return NULL;
    if (PyModule_AddStringConstant(m, "VERSION", XAPI_VERSION_STRING) < 0)
      return NULL;
    xapi_py_init_socket_type();
  }
%}


