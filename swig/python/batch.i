/*
 * swig/python/batch.i - Python's batch I/O (recvmmsg/sendmmsg through
 * xapi_batch_recv/xapi_batch_send) and receiving into caller memory.
 *
 * One native crossing per call, whatever the batch size: the messages are
 * checked and laid out, the GIL is released around the one system call,
 * and the whole result (a list of Message, or of (nbytes, address, cmsgs,
 * flags) tuples) is built here in C.  Building the result is what costs in
 * a batch, so objects a message shares with the one before it (the same
 * source address, the same ancillary item) are shared, not rebuilt: they
 * are immutable.
 *
 * Receive state (the xapi_batch, the xapi_msg and iovec arrays, the data
 * and control slots) is one allocation: made per call by recv_batch, or
 * once by a Batch object (a capsule here) and reused for every call.
 * The public signatures with keywords live in xapi/_batch.py.
 */

%feature("nothreadallow") xapi_py_batch_new;
%feature("nothreadallow") xapi_py_batch_recv;
%feature("nothreadallow") xapi_py_recv_batch;
%feature("nothreadallow") xapi_py_recv_batch_into;
%feature("nothreadallow") xapi_py_recvmsg_into;
%feature("nothreadallow") xapi_py_send_batch;
%feature("nothreadallow") xapi_py_encode_udp_segment;

%{
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

#include <math.h>
#include <time.h>

typedef struct {
    unsigned cap;           /* messages */
    size_t size;            /* bytes per data slot (0: caller's memory) */
    size_t ancsize;         /* control bytes asked for, per message */
    size_t cslot;           /* control slot stride: ancsize rounded up */
    int busy;               /* a call is using it (the GIL is released) */
    xapi_batch *batch;
    xapi_msg *msgs;
    struct iovec *iov;
    unsigned char *data;    /* cap * size bytes */
    unsigned char *control; /* cap * cslot bytes */
} xapi_py_batch;

#define XAPI_PY_BATCH_CAPSULE "xapi._xapi.batch"

/* The most messages one send_batch call takes (in several system calls of
 * XAPI_BATCH_MAX): a bound on what an iterator is read for. */
#define XAPI_PY_MAX_MESSAGES ((Py_ssize_t)1 << 20)

static size_t xapi_py_round16(size_t n)
{
    return (n + 15) & ~(size_t)15;
}

/* Checks count, size and ancsize (TypeError / ValueError naming them)
 * and allocates the whole receive state at once.  size 0 means the data
 * goes to caller memory (recv_batch_into). */
static xapi_py_batch *xapi_py_batch_alloc(PyObject *count, PyObject *size,
                                          PyObject *ancsize, const char *fn)
{
    long long n, sz = 0, anc = 0;
    size_t cslot, off_batch, off_msgs, off_iov, off_data, off_ctl, total;
    xapi_py_batch *rb;
    unsigned char *mem;

    if (xapi_py_long(count, fn, "count", 1, XAPI_BATCH_MAX, PyExc_ValueError,
                     &n) < 0)
        return NULL;
    if (size != NULL && xapi_py_long(size, fn, "size", 0, XAPI_PY_MAX_DATA,
                                     PyExc_ValueError, &sz) < 0)
        return NULL;
    if (xapi_py_long(ancsize, fn, "ancsize", 0, XAPI_PY_MAX_ANC,
                     PyExc_ValueError, &anc) < 0)
        return NULL;
    /* Aligned as the kernel aligns items, so every slot starts aligned. */
    cslot = ((size_t)anc + sizeof(size_t) - 1) & ~(sizeof(size_t) - 1);
    if ((unsigned long long)n * (unsigned long long)sz > XAPI_MAX_DATA ||
        (unsigned long long)n * cslot > XAPI_MAX_DATA) {
        PyErr_Format(PyExc_ValueError, "%s(): count * size and count * "
                     "ancsize must be at most %lld bytes", fn,
                     XAPI_PY_MAX_DATA);
        return NULL;
    }
    off_batch = xapi_py_round16(sizeof *rb);
    off_msgs = off_batch + xapi_py_round16(xapi_batch_size((unsigned)n));
    off_iov = off_msgs + xapi_py_round16((size_t)n * sizeof(xapi_msg));
    off_data = off_iov + xapi_py_round16((size_t)n * sizeof(struct iovec));
    off_ctl = off_data + xapi_py_round16((size_t)n * (size_t)sz);
    total = off_ctl + (size_t)n * cslot;
    mem = PyMem_Malloc(total);
    if (mem == NULL) {
        PyErr_NoMemory();
        return NULL;
    }
    rb = (xapi_py_batch *)mem;
    memset(rb, 0, sizeof *rb);
    rb->cap = (unsigned)n;
    rb->size = (size_t)sz;
    rb->ancsize = (size_t)anc;
    rb->cslot = cslot;
    rb->batch = xapi_batch_init(mem + off_batch, off_msgs - off_batch,
                                (unsigned)n);
    if (rb->batch == NULL) {
        PyMem_Free(mem);
        xapi_py_raise_os("xapi_batch_init");
        return NULL;
    }
    rb->msgs = (xapi_msg *)(mem + off_msgs);
    rb->iov = (struct iovec *)(mem + off_iov);
    rb->data = sz > 0 ? mem + off_data : NULL;
    rb->control = cslot > 0 ? mem + off_ctl : NULL;
    memset(rb->msgs, 0, (size_t)n * sizeof(xapi_msg));
    return rb;
}

static void xapi_py_batch_capsule_free(PyObject *cap)
{
    PyMem_Free(PyCapsule_GetPointer(cap, XAPI_PY_BATCH_CAPSULE));
}

/* timeout: None -> -1 (no timeout); seconds (int or float, >= 0) ->
 * milliseconds, rounded up so that a tiny timeout still waits. */
static int xapi_py_timeout_ms(PyObject *timeout, const char *fn, int *out)
{
    double t;
    if (timeout == NULL || timeout == Py_None) {
        *out = -1;
        return 0;
    }
    if (PyBool_Check(timeout) ||
        !(PyFloat_Check(timeout) || PyLong_Check(timeout))) {
        PyErr_Format(PyExc_TypeError, "%s(): argument 'timeout' must be "
                     "seconds (int or float) or None, not %.100s", fn,
                     Py_TYPE(timeout)->tp_name);
        return -1;
    }
    t = PyFloat_AsDouble(timeout);
    if (t == -1.0 && PyErr_Occurred()) {
        /* An int too large for a double: forever, or a negative one. */
        int overflow = 0;
        if (!PyErr_ExceptionMatches(PyExc_OverflowError))
            return -1;
        PyErr_Clear();
        (void)PyLong_AsLongLongAndOverflow(timeout, &overflow);
        t = overflow > 0 ? (double)INT_MAX : -1.0;
    }
    if (!(t >= 0.0)) { /* negative or NaN */
        PyErr_Format(PyExc_ValueError, "%s(): argument 'timeout' must be "
                     "None or at least 0", fn);
        return -1;
    }
    t = ceil(t * 1000.0);
    *out = t > (double)INT_MAX ? INT_MAX : (int)t;
    return 0;
}

static long long xapi_py_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* One bytes object per message, or one per slot of caller memory: the
 * receive itself, with the GIL released and EINTR retried (PEP 475) with
 * what remains of the timeout.  Returns the count or -1 (error set). */
static int xapi_py_batch_syscall(xapi_py_batch *rb, int fd, unsigned n,
                                 int flags, int timeout_ms,
                                 unsigned char *data, size_t slot)
{
    long long deadline = timeout_ms >= 0 ? xapi_py_now_ms() + timeout_ms : 0;
    unsigned i;
    int r, err;

    for (;;) {
        if (xapi_batch_setup_slots(rb->msgs, n, rb->iov, data, slot,
                                   rb->control, rb->cslot) < 0) {
            xapi_py_raise_os("xapi_batch_setup_slots");
            return -1;
        }
        for (i = 0; i < n; i++)
            rb->msgs[i].controllen = rb->ancsize;
        Py_BEGIN_ALLOW_THREADS
        r = xapi_batch_recv(fd, rb->batch, rb->msgs, n, flags, timeout_ms);
        err = errno;
        Py_END_ALLOW_THREADS
        if (r >= 0)
            return r;
        if (err != EINTR)
            break;
        if (PyErr_CheckSignals() < 0)
            return -1;
        if (timeout_ms >= 0) {
            long long left = deadline - xapi_py_now_ms();
            timeout_ms = left > 0 ? (int)left : 0;
        }
    }
    errno = err;
    xapi_py_raise_os("xapi_batch_recv");
    return -1;
}

/* The address of message m, shared with the previous message's object
 * when the bytes are the same. */
static PyObject *xapi_py_address_prev(const xapi_msg *m, const xapi_msg *pm,
                                      PyObject *prev)
{
    if (prev != NULL && pm->addr.len == m->addr.len &&
        memcmp(&pm->addr.ss, &m->addr.ss, m->addr.len) == 0)
        return Py_NewRef(prev);
    return xapi_py_received_address(&m->addr);
}

/* The results of r received messages.  into == NULL: a list of Message
 * whose data is copied out of the slots into bytes of the exact size;
 * otherwise a list of (nbytes, address, cmsgs, flags), the data being in
 * the caller's buffer already. */
static PyObject *xapi_py_batch_results(xapi_py_batch *rb, int r, int into,
                                       const char *fn)
{
    PyObject *list = PyList_New(r);
    PyObject *prev_addr = NULL, *prev_cmsgs = NULL;
    int i;

    if (list == NULL)
        return NULL;
    for (i = 0; i < r; i++) {
        const xapi_msg *m = &rb->msgs[i];
        PyObject *addr, *cmsgs, *o;

        addr = xapi_py_address_prev(m, i > 0 ? &rb->msgs[i - 1] : NULL,
                                    prev_addr);
        if (addr == NULL)
            goto fail;
        cmsgs = xapi_py_cmsg_tuple_prev(m->control, m->controllen, 0, 0, fn,
                                        prev_cmsgs);
        if (cmsgs == NULL) {
            Py_DECREF(addr);
            goto fail;
        }
        prev_addr = addr;     /* borrowed: the result below holds them */
        prev_cmsgs = cmsgs;
        if (into) {
            PyObject *f[4];
            f[0] = PyLong_FromSize_t(m->datalen);
            f[1] = addr;
            f[2] = cmsgs;
            f[3] = PyLong_FromLong(m->flags);
            o = xapi_py_fill(PyTuple_New(4), f, 4);
        } else {
            PyObject *data = PyTuple_New(1), *b;
            b = PyBytes_FromStringAndSize((const char *)m->iov[0].iov_base,
                                          (Py_ssize_t)xapi_msg_piece_len(m, 0));
            if (data == NULL || b == NULL) {
                Py_XDECREF(data);
                Py_XDECREF(b);
                data = NULL;
            } else {
                PyTuple_SET_ITEM(data, 0, b);
            }
            o = xapi_py_message(addr, data, cmsgs, m->flags,
                                (Py_ssize_t)m->datalen);
        }
        if (o == NULL)
            goto fail;
        PyList_SET_ITEM(list, i, o);
    }
    return list;
fail:
    Py_DECREF(list);
    return NULL;
}

/* n: the count to receive (None: the batch's capacity). */
static int xapi_py_batch_count(xapi_py_batch *rb, PyObject *count,
                               const char *fn, unsigned *n)
{
    long long v;
    if (count == NULL || count == Py_None) {
        *n = rb->cap;
        return 0;
    }
    if (xapi_py_long(count, fn, "count", 1, rb->cap, PyExc_ValueError, &v) < 0)
        return -1;
    *n = (unsigned)v;
    return 0;
}

static PyObject *xapi_py_batch_run(xapi_py_batch *rb, PyObject *sock,
                                   unsigned n, int flags, PyObject *timeout,
                                   const char *fn)
{
    int fd, tmo, r;
    PyObject *res;

    fd = xapi_py_fd(sock, fn);
    if (fd < 0 || xapi_py_timeout_ms(timeout, fn, &tmo) < 0)
        return NULL;
    if (rb->busy) {
        PyErr_Format(PyExc_RuntimeError, "%s(): this Batch is in use by "
                     "another thread (use one Batch per thread)", fn);
        return NULL;
    }
    rb->busy = 1;
    r = xapi_py_batch_syscall(rb, fd, n, flags, tmo, rb->data, rb->size);
    res = r < 0 ? NULL : xapi_py_batch_results(rb, r, 0, fn);
    rb->busy = 0;
    return res;
}

/* ---- the wrapped functions ------------------------------------------- */

static PyObject *xapi_py_batch_new(PyObject *count, PyObject *size,
                                   PyObject *ancsize)
{
    xapi_py_batch *rb = xapi_py_batch_alloc(count, size, ancsize, "Batch");
    PyObject *cap;
    if (rb == NULL)
        return NULL;
    cap = PyCapsule_New(rb, XAPI_PY_BATCH_CAPSULE, xapi_py_batch_capsule_free);
    if (cap == NULL)
        PyMem_Free(rb);
    return cap;
}

static PyObject *xapi_py_batch_recv(PyObject *capsule, PyObject *sock,
                                    PyObject *count, int flags,
                                    PyObject *timeout)
{
    xapi_py_batch *rb = PyCapsule_GetPointer(capsule, XAPI_PY_BATCH_CAPSULE);
    unsigned n;
    if (rb == NULL || xapi_py_batch_count(rb, count, "Batch.recv", &n) < 0)
        return NULL;
    return xapi_py_batch_run(rb, sock, n, flags, timeout, "Batch.recv");
}

static PyObject *xapi_py_recv_batch(PyObject *sock, PyObject *count,
                                    PyObject *size, PyObject *ancsize,
                                    int flags, PyObject *timeout)
{
    xapi_py_batch *rb;
    PyObject *res;
    if (xapi_py_fd(sock, "recv_batch") < 0)
        return NULL;
    rb = xapi_py_batch_alloc(count, size, ancsize, "recv_batch");
    if (rb == NULL)
        return NULL;
    res = xapi_py_batch_run(rb, sock, rb->cap, flags, timeout, "recv_batch");
    PyMem_Free(rb);
    return res;
}

static PyObject *xapi_py_recv_batch_into(PyObject *sock, PyObject *buffer,
                                         PyObject *slot, PyObject *count,
                                         PyObject *ancsize, int flags,
                                         PyObject *timeout)
{
    static const char fn[] = "recv_batch_into";
    xapi_py_batch *rb = NULL;
    Py_buffer view;
    long long sl;
    PyObject *res = NULL;
    int fd, tmo, r;

    fd = xapi_py_fd(sock, fn);
    if (fd < 0)
        return NULL;
    if (xapi_py_wbuf(buffer, &view, fn, "buffer") < 0)
        return NULL;
    if (xapi_py_long(slot, fn, "slot", 0, XAPI_PY_MAX_DATA, PyExc_ValueError,
                     &sl) < 0 ||
        xapi_py_timeout_ms(timeout, fn, &tmo) < 0)
        goto done;
    rb = xapi_py_batch_alloc(count, NULL, ancsize, fn);
    if (rb == NULL)
        goto done;
    if ((unsigned long long)sl * rb->cap > (unsigned long long)view.len) {
        PyErr_Format(PyExc_ValueError, "%s(): the buffer holds %zd bytes, "
                     "less than count * slot = %llu", fn, view.len,
                     (unsigned long long)sl * rb->cap);
        goto done;
    }
    /* The view is held until the end: the buffer cannot be resized or
     * freed while the kernel writes into it with the GIL released. */
    r = xapi_py_batch_syscall(rb, fd, rb->cap, flags, tmo, view.buf,
                              (size_t)sl);
    if (r >= 0)
        res = xapi_py_batch_results(rb, r, 1, fn);
done:
    PyMem_Free(rb);
    PyBuffer_Release(&view);
    return res;
}

/* recvmsg_into(sock, buffers, ancsize, flags): buffers is one writable
 * buffer or an iterable of them (filled in order, as socket.recvmsg_into
 * does).  -> (nbytes, address, cmsgs, flags). */
static PyObject *xapi_py_recvmsg_into(PyObject *sock, PyObject *buffers,
                                      PyObject *ancsize, int flags)
{
    static const char fn[] = "recvmsg_into";
    PyObject *seq = NULL, *res = NULL;
    Py_buffer views_small[XAPI_PY_STACK_IOV], *views = views_small;
    struct iovec iov_small[XAPI_PY_STACK_IOV], *iov = iov_small;
    xapi_py_ancbuf anc_small;
    unsigned char *control = NULL;
    Py_ssize_t n = 0, got = 0, i;
    long long anc = 0;
    xapi_msg m;
    ssize_t r;
    int fd, err;

    memset(&m, 0, sizeof m);
    fd = xapi_py_fd(sock, fn);
    if (fd < 0)
        return NULL;
    if (xapi_py_long(ancsize, fn, "ancsize", 0, XAPI_PY_MAX_ANC,
                     PyExc_ValueError, &anc) < 0)
        return NULL;
    if (PyObject_CheckBuffer(buffers)) {
        n = 1;
        if (xapi_py_wbuf(buffers, &views[0], fn, "buffers") < 0)
            return NULL;
        got = 1;
    } else {
        if (PyUnicode_Check(buffers)) {
            PyErr_Format(PyExc_TypeError, "%s(): argument 'buffers' must be a "
                         "writable buffer or an iterable of them, not str", fn);
            return NULL;
        }
        seq = xapi_py_as_tuple(buffers, "recvmsg_into(): argument 'buffers' "
                              "must be a writable buffer or an iterable of "
                              "them", XAPI_PY_MAX_PIECES);
        if (seq == NULL)
            return NULL;
        n = PySequence_Fast_GET_SIZE(seq);
        if (n > XAPI_PY_MAX_PIECES) {
            PyErr_Format(PyExc_ValueError, "%s(): at most %zd buffers, not "
                         "%zd", fn, XAPI_PY_MAX_PIECES, n);
            goto done;
        }
        if (n > XAPI_PY_STACK_IOV) {
            views = PyMem_Calloc((size_t)n, sizeof *views);
            iov = PyMem_Calloc((size_t)n, sizeof *iov);
            if (views == NULL || iov == NULL) {
                PyErr_NoMemory();
                goto done;
            }
        }
        for (i = 0; i < n; i++) {
            PyObject *item = PySequence_Fast_GET_ITEM(seq, i);
            char arg[40];
            PyOS_snprintf(arg, sizeof arg, "buffers[%zd]", i);
            if (xapi_py_wbuf(item, &views[i], fn, arg) < 0)
                goto done;
            got = i + 1;
        }
    }
    for (i = 0; i < n; i++) {
        iov[i].iov_base = views[i].buf;
        iov[i].iov_len = (size_t)views[i].len;
    }
    if (anc > XAPI_PY_STACK_ANC) {
        control = PyMem_Malloc((size_t)anc);
        if (control == NULL) {
            PyErr_NoMemory();
            goto done;
        }
    } else if (anc > 0) {
        control = anc_small.b;
    }
    m.iov = iov;
    m.iovlen = (size_t)n;
    for (;;) {
        m.control = control;
        m.controllen = (size_t)anc;
        Py_BEGIN_ALLOW_THREADS
        r = xapi_recvmsg(fd, &m, flags);
        err = errno;
        Py_END_ALLOW_THREADS
        if (r >= 0 || err != EINTR)
            break;
        if (PyErr_CheckSignals() < 0)
            goto done;
    }
    if (r < 0) {
        errno = err;
        xapi_py_raise_os("xapi_recvmsg");
        goto done;
    }
    {
        PyObject *f[4];
        f[1] = xapi_py_received_address(&m.addr);
        f[2] = f[1] != NULL ? xapi_py_cmsg_tuple(control, m.controllen, 0, 0,
                                                 fn) : NULL;
        f[0] = PyLong_FromSsize_t(r);
        f[3] = PyLong_FromLong(m.flags);
        res = xapi_py_fill(PyTuple_New(4), f, 4);
    }
done:
    for (i = 0; i < got; i++)
        PyBuffer_Release(&views[i]);
    if (views != views_small)
        PyMem_Free(views);
    if (iov != iov_small)
        PyMem_Free(iov);
    if (control != anc_small.b)
        PyMem_Free(control);
    Py_XDECREF(seq);
    return res;
}

/* ---- send ------------------------------------------------------------- */

typedef struct {
    PyObject *bufseq;       /* new reference: the pieces as a fast sequence,
                               or NULL for one bytes-like piece */
    PyObject *bufobj;       /* new reference: that one piece */
    PyObject *address;      /* new reference (a list message may change
                               while others are checked) */
    PyObject *cmsgs;        /* new reference */
    Py_ssize_t iov_off, niov;
    unsigned char *control; /* PyMem memory, or shared with an earlier
                               message when own_control is 0 */
    size_t controllen;
    int own_control;
} xapi_py_txmsg;

/* The three parts of messages[i]: a Message (address, data, cmsgs), or a
 * (buffers[, address[, cmsgs]]) tuple or list. */
static int xapi_py_tx_parts(PyObject *item, Py_ssize_t i, xapi_py_txmsg *t,
                            const char *fn)
{
    PyObject *buffers;
    if (Py_TYPE(item) == xapi_py_MessageType) {
        t->address = PyTuple_GET_ITEM(item, 0);
        buffers = PyTuple_GET_ITEM(item, 1);
        t->cmsgs = PyTuple_GET_ITEM(item, 2);
    } else if ((PyTuple_Check(item) || PyList_Check(item)) &&
               PySequence_Fast_GET_SIZE(item) >= 1 &&
               PySequence_Fast_GET_SIZE(item) <= 3) {
        Py_ssize_t k = PySequence_Fast_GET_SIZE(item);
        buffers = PySequence_Fast_GET_ITEM(item, 0);
        t->address = k > 1 ? PySequence_Fast_GET_ITEM(item, 1) : Py_None;
        t->cmsgs = k > 2 ? PySequence_Fast_GET_ITEM(item, 2) : Py_None;
    } else {
        PyErr_Format(PyExc_TypeError, "%s(): messages[%zd] must be a Message "
                     "or a (buffers, address, cmsgs) tuple, not %.100s", fn, i,
                     Py_TYPE(item)->tp_name);
        return -1;
    }
    Py_INCREF(t->address);
    Py_INCREF(t->cmsgs);
    if (PyObject_CheckBuffer(buffers)) {
        t->bufobj = Py_NewRef(buffers);
        t->niov = 1;
        return 0;
    }
    if (PyUnicode_Check(buffers) || PyLong_Check(buffers) ||
        buffers == Py_None) {
        PyErr_Format(PyExc_TypeError, "%s(): messages[%zd] buffers must be a "
                     "bytes-like object or an iterable of them, not %.100s",
                     fn, i, Py_TYPE(buffers)->tp_name);
        return -1;
    }
    t->bufseq = xapi_py_as_tuple(buffers, "send_batch(): a message's buffers "
                                "must be a bytes-like object or an iterable "
                                "of them", XAPI_PY_MAX_PIECES);
    if (t->bufseq == NULL)
        return -1;
    t->niov = PySequence_Fast_GET_SIZE(t->bufseq);
    if (t->niov > XAPI_PY_MAX_PIECES) {
        PyErr_Format(PyExc_ValueError, "%s(): messages[%zd] has %zd buffers, "
                     "at most %zd", fn, i, t->niov, XAPI_PY_MAX_PIECES);
        return -1;
    }
    return 0;
}

static PyObject *xapi_py_send_batch(PyObject *sock, PyObject *messages,
                                    int flags)
{
    static const char fn[] = "send_batch";
    PyObject *seq = NULL, *res = NULL;
    xapi_py_txmsg *tx = NULL;
    Py_buffer *views = NULL;
    struct iovec *iov = NULL;
    xapi_msg *msgs = NULL;
    void *bmem = NULL;
    xapi_batch *b = NULL;
    Py_ssize_t n = 0, i, j, npieces = 0, nviews = 0, done = 0;
    int fd, family = -1, err;

    fd = xapi_py_fd(sock, fn);
    if (fd < 0)
        return NULL;
    if (messages == NULL || PyObject_CheckBuffer(messages) ||
        PyUnicode_Check(messages)) {
        PyErr_Format(PyExc_TypeError, "%s(): argument 'messages' must be an "
                     "iterable of messages, not %.100s", fn,
                     messages ? Py_TYPE(messages)->tp_name : "NULL");
        return NULL;
    }
    seq = xapi_py_as_tuple(messages, "send_batch(): argument 'messages' must "
                                    "be an iterable of messages",
                           XAPI_PY_MAX_MESSAGES);
    if (seq == NULL)
        return NULL;
    n = PySequence_Fast_GET_SIZE(seq);
    if (n > XAPI_PY_MAX_MESSAGES) {
        PyErr_Format(PyExc_ValueError, "%s(): argument 'messages' holds more "
                     "than %zd messages", fn, XAPI_PY_MAX_MESSAGES);
        Py_DECREF(seq);
        return NULL;
    }
    if (n == 0) {
        Py_DECREF(seq);
        return PyLong_FromLong(0);
    }
    tx = PyMem_Calloc((size_t)n, sizeof *tx);
    msgs = PyMem_Calloc((size_t)n, sizeof *msgs);
    if (tx == NULL || msgs == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    /* Every message is checked (arguments, addresses, items) before any
     * is sent: bad input raises and sends nothing. */
    for (i = 0; i < n; i++) {
        xapi_py_txmsg *t = &tx[i];
        if (xapi_py_tx_parts(PySequence_Fast_GET_ITEM(seq, i), i, t, fn) < 0)
            goto done;
        t->iov_off = npieces;
        npieces += t->niov;
        if (t->address != Py_None) {
            if (i > 0 && t->address == tx[i - 1].address) {
                msgs[i].addr = msgs[i - 1].addr;
            } else {
                if (family < 0) {
                    family = xapi_py_family(sock, fd, fn);
                    if (family < 0)
                        goto done;
                }
                if (xapi_py_parse_address(family, t->address, &msgs[i].addr,
                                          fn) < 0)
                    goto done;
            }
        }
        if (i > 0 && t->cmsgs == tx[i - 1].cmsgs) {
            t->control = tx[i - 1].control;
            t->controllen = tx[i - 1].controllen;
        } else {
            if (xapi_py_build_control(t->cmsgs, fn, &t->control,
                                      &t->controllen) < 0)
                goto done;
            t->own_control = 1;
        }
    }
    views = PyMem_Calloc(npieces > 0 ? (size_t)npieces : 1, sizeof *views);
    iov = PyMem_Calloc(npieces > 0 ? (size_t)npieces : 1, sizeof *iov);
    if (views == NULL || iov == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    for (i = 0; i < n; i++) {
        xapi_py_txmsg *t = &tx[i];
        for (j = 0; j < t->niov; j++) {
            PyObject *o = t->bufseq ? PySequence_Fast_GET_ITEM(t->bufseq, j)
                                    : t->bufobj;
            if (PyObject_GetBuffer(o, &views[nviews], PyBUF_SIMPLE) < 0) {
                PyErr_Clear();
                PyErr_Format(PyExc_TypeError, "%s(): messages[%zd] buffers[%zd] "
                             "must be a contiguous bytes-like object, not "
                             "%.100s", fn, i, j, Py_TYPE(o)->tp_name);
                goto done;
            }
            iov[nviews].iov_base = views[nviews].buf;
            iov[nviews].iov_len = (size_t)views[nviews].len;
            nviews++;
        }
        msgs[i].iov = t->niov > 0 ? &iov[t->iov_off] : NULL;
        msgs[i].iovlen = (size_t)t->niov;
        msgs[i].control = t->control;
        msgs[i].controllen = t->controllen;
    }
    {
        unsigned cap = n < XAPI_BATCH_MAX ? (unsigned)n : XAPI_BATCH_MAX;
        size_t need = xapi_batch_size(cap);
        bmem = PyMem_Malloc(need);
        if (bmem == NULL) {
            PyErr_NoMemory();
            goto done;
        }
        b = xapi_batch_init(bmem, need, cap);
        if (b == NULL) {
            xapi_py_raise_os("xapi_batch_init");
            goto done;
        }
    }
    /* sendmmsg takes at most XAPI_BATCH_MAX messages: longer batches go
     * in several calls, stopping where the kernel stops. */
    while (done < n) {
        unsigned k = (n - done) < XAPI_BATCH_MAX ? (unsigned)(n - done)
                                                 : XAPI_BATCH_MAX;
        int r;
        Py_BEGIN_ALLOW_THREADS
        r = xapi_batch_send(fd, b, msgs + done, k, flags);
        err = errno;
        Py_END_ALLOW_THREADS
        if (r < 0) {
            if (err == EINTR) {
                if (PyErr_CheckSignals() < 0)
                    goto done;
                continue;
            }
            if (done == 0) {
                errno = err;
                xapi_py_raise_os("xapi_batch_send");
                goto done;
            }
            break; /* reported by the next call, which starts there */
        }
        done += r;
        if ((unsigned)r < k)
            break;
    }
    res = PyLong_FromSsize_t(done);
done:
    for (i = 0; i < nviews; i++)
        PyBuffer_Release(&views[i]);
    if (tx != NULL) {
        for (i = 0; i < n; i++) {
            Py_XDECREF(tx[i].bufseq);
            Py_XDECREF(tx[i].bufobj);
            Py_XDECREF(tx[i].address);
            Py_XDECREF(tx[i].cmsgs);
            if (tx[i].own_control)
                PyMem_Free(tx[i].control);
        }
    }
    PyMem_Free(tx);
    PyMem_Free(msgs);
    PyMem_Free(views);
    PyMem_Free(iov);
    PyMem_Free(bmem);
    Py_XDECREF(seq);
    return res;
}

static PyObject *xapi_py_encode_udp_segment(unsigned size)
{
    unsigned char buf[8];
    size_t len = 0;
    int rc = xapi_encode_udp_segment(size, buf, sizeof buf, &len);
    return xapi_py_encoded(rc, buf, len, "Cmsg.udp_segment");
}
%}

%rename(_batch_new) xapi_py_batch_new;
%rename(_batch_recv) xapi_py_batch_recv;
%rename(_recv_batch) xapi_py_recv_batch;
%rename(_recv_batch_into) xapi_py_recv_batch_into;
%rename(_recvmsg_into) xapi_py_recvmsg_into;
%rename(_send_batch) xapi_py_send_batch;
%rename(_encode_udp_segment) xapi_py_encode_udp_segment;

PyObject *xapi_py_batch_new(PyObject *count, PyObject *size,
                            PyObject *ancsize);
PyObject *xapi_py_batch_recv(PyObject *capsule, PyObject *sock,
                             PyObject *count, int flags, PyObject *timeout);
PyObject *xapi_py_recv_batch(PyObject *sock, PyObject *count, PyObject *size,
                             PyObject *ancsize, int flags, PyObject *timeout);
PyObject *xapi_py_recv_batch_into(PyObject *sock, PyObject *buffer,
                                  PyObject *slot, PyObject *count,
                                  PyObject *ancsize, int flags,
                                  PyObject *timeout);
PyObject *xapi_py_recvmsg_into(PyObject *sock, PyObject *buffers,
                               PyObject *ancsize, int flags);
PyObject *xapi_py_send_batch(PyObject *sock, PyObject *messages, int flags);
PyObject *xapi_py_encode_udp_segment(unsigned size);
