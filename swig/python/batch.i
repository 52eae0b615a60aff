/*
 * swig/python/batch.i - Python's typemaps for the batch shapes declared
 * in swig/xapi.i ("==== batches ====") and the result builders.
 *
 * One native crossing per call, whatever the batch size: the core
 * receives and decodes the whole batch (the GIL released around it), and
 * the argout typemap builds the whole result (a list of Message, or of
 * (nbytes, address, cmsgs, flags) tuples) from the batch's views.  What a
 * message shares with the one before it (the same source address, the
 * same items: the core's XAPI_BATCH_SAME_* flags) is shared, not rebuilt:
 * the objects are immutable.  A send list is marshalled into plain
 * xapi_batch_out structs, every view held until the call returns.
 *
 * The helpers are in the wrapper section (%wrapper), after msg.i's item
 * and address builders, which they call.
 */

/* encode_udp_segment(size, cap) -> bytes (the bytes-out shape's result). */
XAPI_PY_STATUS(xapi_encode_udp_segment)

/* ---- sizes: a bad value is a ValueError naming the argument ---------- */

%typemap(in) unsigned BATCH_COUNT (long long v) {
  if (xapi_py_long($input, "$symname", "$1_name", 0, UINT_MAX,
                   PyExc_ValueError, &v) < 0) SWIG_fail;
  $1 = (unsigned)v;
}
%typemap(in) size_t BATCH_SIZE (long long v) {
  if (xapi_py_long($input, "$symname", "$1_name", 0, LLONG_MAX,
                   PyExc_ValueError, &v) < 0) SWIG_fail;
  $1 = (size_t)v;
}

/* ---- the handle and the results ---------------------------------------- */

%typemap(in) xapi_recv_batch *BATCH_RESULT, xapi_recv_batch *BATCH_INTO_RESULT {
  void *p = NULL;
  if (SWIG_ConvertPtr($input, &p, $descriptor(xapi_recv_batch *), 0) < 0 ||
      p == NULL) {
    PyErr_Format(PyExc_TypeError, "$symname(): argument '$1_name' must be "
                 "a receive batch, not %.100s", Py_TYPE($input)->tp_name);
    SWIG_fail;
  }
  $1 = (xapi_recv_batch *)p;
}
%typemap(argout) xapi_recv_batch *BATCH_RESULT {
  Py_XDECREF($result);
  $result = xapi_py_batch_list($1, 0);
  if ($result == NULL) SWIG_fail;
}
%typemap(argout) xapi_recv_batch *BATCH_INTO_RESULT {
  Py_XDECREF($result);
  $result = xapi_py_batch_list($1, 1);
  if ($result == NULL) SWIG_fail;
}

/* ---- writable buffers, held (not resizable) until the call returns --- */

%typemap(in) (void *WRITABLE, size_t WRITABLE_LEN)
    (Py_buffer view, int have_view = 0) {
  if (xapi_py_writable($input, &view, "$symname", "$1_name") < 0) SWIG_fail;
  have_view = 1;
  $1 = view.buf;
  $2 = (size_t)view.len;
}
%typemap(freearg) (void *WRITABLE, size_t WRITABLE_LEN) {
  if (have_view$argnum) PyBuffer_Release(&view$argnum);
}

%typemap(in) (const struct iovec *WRITABLE_PIECES, size_t WRITABLE_NPIECES)
    (xapi_py_list pieces, xapi_py_list *pieces_held = NULL) {
  pieces_held = &pieces;
  if (xapi_py_list_get(&pieces, $input, "$symname", "$1_name",
                       XAPI_PY_WRITABLE) < 0)
    SWIG_fail;
  $1 = pieces.iov;
  $2 = (size_t)pieces.n;
}
%typemap(freearg) (const struct iovec *WRITABLE_PIECES, size_t WRITABLE_NPIECES) {
  if (pieces_held$argnum) xapi_py_list_release(pieces_held$argnum);
}

/* ---- a send list ------------------------------------------------------- */

%typemap(in) (const xapi_batch_out *SEND_LIST, size_t SEND_COUNT)
    (xapi_py_sendlist sl = XAPI_PY_SENDLIST_EMPTY) {
  if (xapi_py_sendlist_make(&sl, swig_obj[0], arg1, $input) < 0) SWIG_fail;
  $1 = sl.out;
  $2 = (size_t)sl.n;
}
%typemap(freearg) (const xapi_batch_out *SEND_LIST, size_t SEND_COUNT) {
  xapi_py_sendlist_clear(&sl$argnum);
}

%{
/* The marshalled form of a send list: everything in one PyMem block,
 * plus the references and buffer views it holds. */
typedef struct {
    PyObject *seq;          /* the messages, as a tuple */
    PyObject **refs;        /* 4 per message: pieces, address, items
                               tuple, items object */
    Py_ssize_t n;
    xapi_batch_out *out;
    Py_buffer *views;
    Py_ssize_t nviews;
    void *mem;
} xapi_py_sendlist;

/* What freearg finds when an earlier argument failed. */
#define XAPI_PY_SENDLIST_EMPTY { NULL, NULL, 0, NULL, NULL, 0, NULL }

/* The most messages one send_batch call takes (in several system calls of
 * XAPI_BATCH_MAX): a bound on what an iterator is read for. */
#define XAPI_PY_MAX_MESSAGES ((Py_ssize_t)1 << 20)
%}

%wrapper %{
/* The result of a receive: a list of Message (data copied out of the
 * slots into bytes of the exact size), or for receive-into a list of
 * (nbytes, address, cmsgs, flags). */
static PyObject *xapi_py_batch_list(const xapi_recv_batch *rb, int into)
{
    unsigned n = xapi_recv_batch_count(rb), i;
    PyObject *list = PyList_New(n);
    PyObject *addr = NULL, *cmsgs = NULL; /* the previous message's */

    for (i = 0; list != NULL && i < n; i++) {
        const xapi_batch_msg *m = xapi_recv_batch_msg(rb, i);
        PyObject *o;

        /* A NULL addr or cmsgs (an error) is consumed by the builders. */
        addr = addr != NULL && (m->same & XAPI_BATCH_SAME_ADDR)
                   ? Py_NewRef(addr) : xapi_py_received_address(&m->addr);
        cmsgs = addr == NULL ? NULL
                : cmsgs != NULL && (m->same & XAPI_BATCH_SAME_ITEMS)
                    ? Py_NewRef(cmsgs)
                    : xapi_py_items_tuple(m->items, m->values, m->nitems);
        if (into) {
            PyObject *f[4];
            f[0] = PyLong_FromSize_t(m->datalen);
            f[1] = addr;
            f[2] = cmsgs;
            f[3] = PyLong_FromLong(m->flags);
            o = xapi_py_fill(PyTuple_New(4), f, 4);
        } else {
            PyObject *b = PyBytes_FromStringAndSize((const char *)m->data,
                                                    (Py_ssize_t)m->len);
            PyObject *data = xapi_py_fill(PyTuple_New(1), &b, 1);
            o = xapi_py_message(addr, data, cmsgs, m->flags,
                                (Py_ssize_t)m->datalen);
        }
        /* addr and cmsgs stay borrowed: the result holds them. */
        if (o == NULL)
            Py_CLEAR(list);
        else
            PyList_SET_ITEM(list, i, o);
    }
    return list;
}

static void xapi_py_sendlist_clear(xapi_py_sendlist *sl)
{
    Py_ssize_t i;

    for (i = 0; i < sl->nviews; i++)
        PyBuffer_Release(&sl->views[i]);
    if (sl->refs != NULL)
        for (i = 0; i < 4 * sl->n; i++)
            Py_XDECREF(sl->refs[i]);
    PyMem_Free(sl->refs);
    PyMem_Free(sl->mem);
    Py_XDECREF(sl->seq);
    memset(sl, 0, sizeof *sl);
}

/* messages[i] as its parts (new references in r[0..3]): the pieces (one
 * buffer, or a tuple of them), the address, the items as a tuple (NULL
 * for none, or when they are the previous message's very object) and the
 * items object as given. */
#define XAPI_PY_NPIECES(r) (PyTuple_Check((r)[0]) ? PyTuple_GET_SIZE((r)[0]) : 1)
#define XAPI_PY_NITEMS(r) ((r)[2] != NULL ? PyTuple_GET_SIZE((r)[2]) : 0)
static int xapi_py_send_parts(PyObject *item, Py_ssize_t i, PyObject **r,
                              const char *fn)
{
    PyObject *prev_cmsgs = i > 0 ? r[-1] : NULL; /* message i-1's r[3] */
    PyObject *buffers, *address, *cmsgs;

    if (Py_TYPE(item) == xapi_py_MessageType) {
        address = PyTuple_GET_ITEM(item, 0);
        buffers = PyTuple_GET_ITEM(item, 1);
        cmsgs = PyTuple_GET_ITEM(item, 2);
    } else if ((PyTuple_Check(item) || PyList_Check(item)) &&
               PySequence_Fast_GET_SIZE(item) >= 1 &&
               PySequence_Fast_GET_SIZE(item) <= 3) {
        Py_ssize_t k = PySequence_Fast_GET_SIZE(item);
        buffers = PySequence_Fast_GET_ITEM(item, 0);
        address = k > 1 ? PySequence_Fast_GET_ITEM(item, 1) : Py_None;
        cmsgs = k > 2 ? PySequence_Fast_GET_ITEM(item, 2) : Py_None;
    } else {
        PyErr_Format(PyExc_TypeError, "%s(): messages[%zd] must be a Message "
                     "or a (buffers, address, cmsgs) tuple, not %.100s", fn, i,
                     Py_TYPE(item)->tp_name);
        return -1;
    }
    r[1] = Py_NewRef(address);
    r[0] = PyObject_CheckBuffer(buffers) ? Py_NewRef(buffers) :
           xapi_py_tuple(buffers, fn, "buffers", "a bytes-like object or an "
                         "iterable of them", XAPI_PY_MAX_PIECES);
    r[3] = Py_NewRef(cmsgs);
    if (r[0] == NULL || cmsgs == Py_None || cmsgs == prev_cmsgs)
        return r[0] == NULL ? -1 : 0; /* the same object: items shared */
    r[2] = xapi_py_tuple(cmsgs, fn, "cmsgs", "an iterable of Cmsg or "
                         "(level, type, data) tuples", XAPI_PY_MAX_ITEMS);
    return r[2] == NULL ? -1 : 0;
}

/* Marshals messages into sl (checked before anything is sent: bad input
 * raises and sends nothing).  sock and fd: the call's socket, whose family
 * the destinations are parsed for. */
static int xapi_py_sendlist_make(xapi_py_sendlist *sl, PyObject *sock, int fd,
                                 PyObject *messages)
{
    static const char fn[] = "send_batch";
    Py_ssize_t n, i, j, npieces = 0, nitems = 0;
    struct iovec *iov;
    xapi_cmsg *items;
    xapi_addr *addrs;
    int family = 0; /* the socket's, asked for at the first destination */

    sl->seq = xapi_py_tuple(messages, fn, "messages", "an iterable of "
                            "messages", XAPI_PY_MAX_MESSAGES);
    if (sl->seq == NULL)
        return -1;
    n = PyTuple_GET_SIZE(sl->seq);
    if (n == 0)
        return 0;
    sl->refs = PyMem_Calloc((size_t)n * 4, sizeof *sl->refs);
    if (sl->refs == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    sl->n = n;
    for (i = 0; i < n; i++) {
        if (xapi_py_send_parts(PyTuple_GET_ITEM(sl->seq, i), i,
                               &sl->refs[4 * i], fn) < 0)
            return -1;
        npieces += XAPI_PY_NPIECES(&sl->refs[4 * i]);
        nitems += XAPI_PY_NITEMS(&sl->refs[4 * i]);
    }
    /* One block: the structs, addresses, pieces, items and views. */
    sl->mem = PyMem_Calloc(1, (size_t)n * (sizeof(xapi_batch_out) +
                                           sizeof(xapi_addr)) +
                                  (size_t)npieces * sizeof(struct iovec) +
                                  (size_t)nitems * sizeof(xapi_cmsg) +
                                  (size_t)(npieces + nitems) *
                                      sizeof(Py_buffer) + 1);
    if (sl->mem == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    sl->views = sl->mem;
    sl->out = (xapi_batch_out *)(sl->views + npieces + nitems);
    addrs = (xapi_addr *)(sl->out + n);
    iov = (struct iovec *)(addrs + n);
    items = (xapi_cmsg *)(iov + npieces);
    for (i = 0; i < n; i++) {
        PyObject **r = &sl->refs[4 * i];
        xapi_batch_out *o = &sl->out[i];

        o->iov = iov;
        o->iovlen = (size_t)XAPI_PY_NPIECES(r);
        for (j = 0; j < (Py_ssize_t)o->iovlen; j++, iov++) {
            Py_buffer *v = &sl->views[sl->nviews];
            if (xapi_py_piece_in(PyTuple_Check(r[0]) ? PyTuple_GET_ITEM(r[0], j)
                                 : r[0], v, 0, fn, "buffers", i, j) < 0)
                return -1;
            sl->nviews++;
            iov->iov_base = v->buf;
            iov->iov_len = (size_t)v->len;
        }
        if (i > 0 && r[1] == sl->refs[4 * (i - 1) + 1])
            addrs[i] = addrs[i - 1];
        else if (xapi_py_parse_sendto_sock(sock, fd, r[1], &addrs[i], fn,
                                           &family) < 0)
            return -1;
        if (addrs[i].len > 0)
            o->addr = &addrs[i];
        if (r[3] == Py_None)
            continue;
        if (r[2] == NULL) {
            /* The same items object: the core shares the control. */
            o->items = sl->out[i - 1].items;
            o->nitems = sl->out[i - 1].nitems;
            continue;
        }
        o->items = items;
        o->nitems = (size_t)XAPI_PY_NITEMS(r);
        for (j = 0; j < (Py_ssize_t)o->nitems; j++, items++) {
            Py_buffer *v = &sl->views[sl->nviews];

            if (xapi_py_item_in(PyTuple_GET_ITEM(r[2], j), j, fn,
                                &items->level, &items->type, v) < 0)
                return -1;
            sl->nviews++;
            items->data = v->buf;
            items->len = (size_t)v->len;
        }
    }
    return 0;
}
%}

