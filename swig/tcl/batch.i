/*
 * swig/tcl/batch.i - the batch topic of the Tcl binding (included by
 * bindings/tcl/xapi_tcl.i after commands.i): many datagrams per system
 * call (xapi_batch_send / xapi_batch_recv), and receives into the memory of
 * a Tcl byte array held in a variable.
 *
 * Every command is one native crossing: a whole batch of received messages
 * becomes a list of recvmsg-style dicts in C (commands.i's
 * xapi_tcl_msg_obj, with shared key objects and one address object per
 * sender), and a batch to send is parsed and sent in one call.
 *
 * Memory: each interpreter keeps one scratch block (the kernel's mmsghdr
 * array, the xapi_msg array, iovecs, control and data buffers) that grows
 * to the largest batch asked for and is reused, so a receive loop does not
 * allocate per call; requests above XAPI_TCL_SCRATCH_KEEP bytes get a
 * block of their own, freed when the call ends.
 */

%{
#define XAPI_TCL_SCRATCH_KEEP ((size_t)4 << 20)

typedef struct xapi_tcl_scratch {
    void *mem;
    size_t cap;
} xapi_tcl_scratch;

static void xapi_tcl_scratch_free(ClientData cd, Tcl_Interp *interp)
{
    xapi_tcl_scratch *s = (xapi_tcl_scratch *)cd;

    (void)interp;
    if (s->mem)
        ckfree((char *)s->mem);
    ckfree((char *)s);
}

/* size bytes of scratch memory (malloc-aligned).  *own is set when the
 * block is the caller's to ckfree.  NULL with errno ENOMEM. */
static void *xapi_tcl_scratch_get(Tcl_Interp *interp, size_t size, int *own)
{
    xapi_tcl_scratch *s;
    void *p;

    *own = 0;
    if (size == 0)
        size = 1;
    if (size > XAPI_TCL_SCRATCH_KEEP || size > UINT_MAX) {
        p = size > UINT_MAX ? NULL : attemptckalloc((unsigned)size);
        if (p == NULL)
            errno = ENOMEM;
        *own = p != NULL;
        return p;
    }
    s = (xapi_tcl_scratch *)Tcl_GetAssocData(interp, "xapi::scratch", NULL);
    if (s == NULL) {
        s = (xapi_tcl_scratch *)ckalloc(sizeof *s);
        s->mem = NULL;
        s->cap = 0;
        Tcl_SetAssocData(interp, "xapi::scratch", xapi_tcl_scratch_free, s);
    }
    if (s->cap < size) {
        if (s->mem)
            ckfree((char *)s->mem);
        s->cap = 0;
        s->mem = attemptckalloc((unsigned)size);
        if (s->mem == NULL) {
            errno = ENOMEM;
            return NULL;
        }
        s->cap = size;
    }
    return s->mem;
}

/* Rounds n up to a multiple of 16 (every part of a scratch block starts
 * aligned for any item). */
static size_t xapi_tcl_align16(size_t n)
{
    return (n + 15) & ~(size_t)15;
}

/* The layout of one batch call's scratch block. */
typedef struct xapi_tcl_batch_mem {
    xapi_batch *batch;
    xapi_msg *msgs;
    struct iovec *iov;
    unsigned char *control; /* count * cslot bytes */
    unsigned char *data;    /* count * slot bytes (NULL for the into forms) */
    void *block;
    int own;
} xapi_tcl_batch_mem;

/* Lays out count messages with npieces iovecs in all, control slots of
 * cslot bytes and data slots of slot bytes (with_data 0: none). */
static int xapi_tcl_batch_mem_get(Tcl_Interp *interp, const char *cmd,
                                  unsigned count, size_t npieces,
                                  size_t cslot, size_t slot, int with_data,
                                  xapi_tcl_batch_mem *bm)
{
    size_t o_batch = 0, o_msgs, o_iov, o_control, o_data, total;
    unsigned char *base;

    o_msgs = o_batch + xapi_tcl_align16(xapi_batch_size(count));
    o_iov = o_msgs + xapi_tcl_align16(sizeof(xapi_msg) * count);
    o_control = o_iov + xapi_tcl_align16(sizeof(struct iovec) * npieces);
    o_data = o_control + xapi_tcl_align16(cslot * count);
    total = o_data + (with_data ? slot * count : 0);
    errno = 0;
    base = (unsigned char *)xapi_tcl_scratch_get(interp, total, &bm->own);
    if (base == NULL)
        return xapi_tcl_os_error(interp, cmd);
    bm->block = base;
    bm->batch = xapi_batch_init(base + o_batch, o_msgs - o_batch, count);
    if (bm->batch == NULL) {
        int err = errno;

        if (bm->own)
            ckfree((char *)base);
        bm->block = NULL;
        errno = err;
        return xapi_tcl_os_error(interp, cmd);
    }
    bm->msgs = (xapi_msg *)(base + o_msgs);
    bm->iov = (struct iovec *)(base + o_iov);
    bm->control = cslot ? base + o_control : NULL;
    bm->data = with_data ? base + o_data : NULL;
    return TCL_OK;
}

static void xapi_tcl_batch_mem_release(xapi_tcl_batch_mem *bm)
{
    if (bm->own && bm->block)
        ckfree((char *)bm->block);
    bm->block = NULL;
}

/* An optional integer option in [lo, hi]; leaves *out alone when absent. */
static int xapi_tcl_opt_range(Tcl_Interp *interp, const char *cmd,
                              Tcl_Obj *obj, const char *arg, Tcl_WideInt lo,
                              Tcl_WideInt hi, Tcl_WideInt *out)
{
    if (obj == NULL)
        return TCL_OK;
    return xapi_tcl_get_range(interp, obj, cmd, arg, lo, hi, out);
}

/* The slot of ancillary space per message: -anc rounded up to keep every
 * slot aligned as the kernel aligns items. */
static size_t xapi_tcl_cslot(Tcl_WideInt anc)
{
    return anc ? (((size_t)anc + sizeof(size_t) - 1) & ~(sizeof(size_t) - 1))
               : 0;
}

/* A received xapi_msg as its recvmsg dict (the into forms: without data,
 * with offset unless negative), items decoded by the core. */
static Tcl_Obj *xapi_tcl_msg_obj(Tcl_Interp *interp, xapi_tcl_keys *k,
                                 const char *cmd, const xapi_msg *m,
                                 int with_data, Tcl_WideInt offset)
{
    Tcl_Obj *addr, *cmsgs, *views, *data = NULL;

    addr = xapi_tcl_cached_addr(interp, cmd, &k->addr, &m->addr);
    if (addr == NULL)
        return NULL;
    xapi_tcl_control_objs(k, m->control, m->controllen, &cmsgs, &views);
    if (with_data) {
        Tcl_Obj *one = Tcl_NewByteArrayObj(
            (unsigned char *)m->iov[0].iov_base,
            (int)xapi_msg_piece_len(m, 0));
        data = Tcl_NewListObj(1, &one);
    }
    return xapi_tcl_msg_dict(k, addr, data, offset, cmsgs, views, m->flags,
                             m->datalen);
}

/* Receives up to count messages into bm's msgs (already pointed at their
 * buffers) and returns the list of their dicts in *result.  base/slot:
 * the into forms' buffer (offsets), else with_data. */
static int xapi_tcl_batch_recv_list(Tcl_Interp *interp, const char *cmd,
                                    int fd, xapi_tcl_batch_mem *bm,
                                    unsigned count, int flags, int timeout,
                                    int with_data, size_t slot,
                                    Tcl_Obj **result)
{
    xapi_tcl_keys *k = xapi_tcl_get_keys(interp);
    Tcl_Obj **items;
    int r, i;

    errno = 0;
    r = xapi_batch_recv(fd, bm->batch, bm->msgs, count, flags, timeout);
    if (r < 0)
        return xapi_tcl_os_error(interp, cmd);
    items = (Tcl_Obj **)ckalloc((unsigned)(sizeof *items * (size_t)(r ? r : 1)));
    for (i = 0; i < r; i++) {
        items[i] = xapi_tcl_msg_obj(interp, k, cmd, &bm->msgs[i], with_data,
            with_data ? -1 : (Tcl_WideInt)((size_t)i * slot));
        if (items[i] == NULL) {
            while (i-- > 0)
                Tcl_DecrRefCount(items[i]);
            ckfree((char *)items);
            return TCL_ERROR;
        }
    }
    *result = Tcl_NewListObj(r, items);
    ckfree((char *)items);
    return TCL_OK;
}

/* xapi::recvbatch socket count size ?-anc n? ?-flags f? ?-timeout ms?
 *   -> a list of recvmsg dicts (one piece of size bytes each) */
static int xapi_tcl_recvbatch(ClientData cd, Tcl_Interp *interp, int objc,
                              Tcl_Obj *const objv[])
{
    static const char *const opts[] = { "-anc", "-flags", "-timeout", NULL };
    const char *cmd = "xapi::recvbatch";
    Tcl_Obj *o[3], *result = NULL;
    Tcl_WideInt count, size, anc = 0, timeout = -1;
    xapi_tcl_batch_mem bm;
    size_t cslot;
    unsigned i;
    int fd, flags = 0, rc;

    (void)cd;
    if (objc < 4 || objc % 2 == 1) {
        Tcl_WrongNumArgs(interp, 1, objv,
            "socket count size ?-anc n? ?-flags flags? ?-timeout ms?");
        return TCL_ERROR;
    }
    if (xapi_tcl_get_fd(interp, objv[1], cmd, &fd) != TCL_OK ||
        xapi_tcl_get_range(interp, objv[2], cmd, "count", 1, XAPI_BATCH_MAX,
                           &count) != TCL_OK ||
        xapi_tcl_get_range(interp, objv[3], cmd, "size", 0, XAPI_TCL_MAX_SIZE,
                           &size) != TCL_OK ||
        xapi_tcl_options(interp, cmd, objc, objv, 4, opts, o) != TCL_OK ||
        xapi_tcl_opt_range(interp, cmd, o[0], "-anc", 0, XAPI_TCL_MAX_ANC,
                           &anc) != TCL_OK ||
        (o[1] && xapi_tcl_get_const(interp, o[1], cmd, "flags",
                                    &flags) != TCL_OK) ||
        xapi_tcl_opt_range(interp, cmd, o[2], "-timeout", -1, INT_MAX,
                           &timeout) != TCL_OK)
        return TCL_ERROR;
    if (count * size > XAPI_TCL_MAX_SIZE)
        return xapi_tcl_arg_error(interp, cmd, "size",
            "count * size is %" TCL_LL_MODIFIER "d bytes, at most %"
            TCL_LL_MODIFIER "d", (long long)(count * size),
            (long long)XAPI_TCL_MAX_SIZE);
    cslot = xapi_tcl_cslot(anc);
    if (xapi_tcl_batch_mem_get(interp, cmd, (unsigned)count, (size_t)count,
                               cslot, (size_t)size, 1, &bm) != TCL_OK)
        return TCL_ERROR;
    if (xapi_batch_setup_slots(bm.msgs, (unsigned)count, bm.iov, bm.data,
                               (size_t)size, bm.control, cslot) < 0) {
        xapi_tcl_batch_mem_release(&bm);
        return xapi_tcl_os_error(interp, cmd);
    }
    for (i = 0; i < (unsigned)count; i++)
        bm.msgs[i].controllen = (size_t)anc;
    rc = xapi_tcl_batch_recv_list(interp, cmd, fd, &bm, (unsigned)count,
                                  flags, (int)timeout, 1, 0, &result);
    xapi_tcl_batch_mem_release(&bm);
    if (rc == TCL_OK)
        Tcl_SetObjResult(interp, result);
    return rc;
}

/* After a failed Tcl_ObjGetVar2 with TCL_LEAVE_ERR_MSG: 1 when it failed
 * only because the variable does not exist (errorCode {TCL LOOKUP
 * VARNAME ...}), 0 for an array or a read trace's error. */
static int xapi_tcl_no_such_var(Tcl_Interp *interp)
{
    Tcl_Obj *opts = Tcl_GetReturnOptions(interp, TCL_ERROR), *key, *ec = NULL,
            *e1 = NULL;
    int r = 0;

    Tcl_IncrRefCount(opts);
    key = Tcl_NewStringObj("-errorcode", -1);
    Tcl_IncrRefCount(key);
    if (Tcl_DictObjGet(NULL, opts, key, &ec) == TCL_OK && ec != NULL &&
        Tcl_ListObjIndex(NULL, ec, 1, &e1) == TCL_OK && e1 != NULL)
        r = strcmp(Tcl_GetString(e1), "LOOKUP") == 0;
    Tcl_DecrRefCount(key);
    Tcl_DecrRefCount(opts);
    return r;
}

/* The byte array a receive-into command writes: the value of varname,
 * made unshared (copied if shared, as Tcl's copy-on-write wants) and need
 * bytes long (need < 0: as it is); an unshared array's memory is reused
 * whenever it is large enough.  The
 * variable holds the object on return; *objp gets it with a reference the
 * caller must drop. */
static int xapi_tcl_into_var(Tcl_Interp *interp, const char *cmd,
                             Tcl_Obj *varname, Tcl_WideInt need,
                             Tcl_Obj **objp)
{
    Tcl_Obj *obj = Tcl_ObjGetVar2(interp, varname, NULL, TCL_LEAVE_ERR_MSG);
    const unsigned char *p;
    size_t len = 0;

    if (obj == NULL) {
        /* An array, or a read trace that failed: Tcl's own error.  Only
         * a variable that does not exist is made (given a size). */
        if (!xapi_tcl_no_such_var(interp))
            return TCL_ERROR;
        Tcl_ResetResult(interp);
        if (need < 0)
            return xapi_tcl_arg_error(interp, cmd, "varName",
                "no variable \"%.60s\" (give -size to make one)",
                Tcl_GetString(varname));
        obj = Tcl_NewObj();
    } else {
        if (xapi_tcl_get_bytes(interp, obj, cmd, "varName", &p,
                               &len) != TCL_OK)
            return TCL_ERROR;
        if (Tcl_IsShared(obj))
            obj = Tcl_DuplicateObj(obj);
    }
    if (need >= 0 && (size_t)need != len) {
        /* Tcl keeps the allocation when the length shrinks, and reallocs
         * only past it.  Zero what grows: never show old heap contents. */
        unsigned char *q = Tcl_SetByteArrayLength(obj, (int)need);

        if ((size_t)need > len)
            memset(q + len, 0, (size_t)need - len);
    } else
        (void)Tcl_GetByteArrayFromObj(obj, NULL);
    Tcl_IncrRefCount(obj); /* only now: growing wants it unshared */
    if (Tcl_ObjSetVar2(interp, varname, NULL, obj,
                       TCL_LEAVE_ERR_MSG) == NULL) {
        Tcl_DecrRefCount(obj);
        return TCL_ERROR;
    }
    *objp = obj;
    return TCL_OK;
}

/* xapi::recvmsg_into socket varName ?-size n? ?-anc n? ?-flags f?
 *   -> a recvmsg dict without data: the bytes are in varName's byte array
 *      (from its start; nbytes says how many) */
static int xapi_tcl_recvmsg_into(ClientData cd, Tcl_Interp *interp,
                                 int objc, Tcl_Obj *const objv[])
{
    static const char *const opts[] = { "-size", "-anc", "-flags", NULL };
    const char *cmd = "xapi::recvmsg_into";
    Tcl_Obj *o[3], *obj = NULL, *result;
    Tcl_WideInt size = -1, anc = 0;
    unsigned char *control = NULL, *buf;
    struct iovec iov;
    xapi_msg m;
    int fd, flags = 0, len, rc = TCL_ERROR;

    (void)cd;
    if (objc < 3 || objc % 2 == 0) {
        Tcl_WrongNumArgs(interp, 1, objv,
            "socket varName ?-size n? ?-anc n? ?-flags flags?");
        return TCL_ERROR;
    }
    if (xapi_tcl_get_fd(interp, objv[1], cmd, &fd) != TCL_OK ||
        xapi_tcl_options(interp, cmd, objc, objv, 3, opts, o) != TCL_OK ||
        xapi_tcl_opt_range(interp, cmd, o[0], "-size", 0, XAPI_TCL_MAX_SIZE,
                           &size) != TCL_OK ||
        xapi_tcl_opt_range(interp, cmd, o[1], "-anc", 0, XAPI_TCL_MAX_ANC,
                           &anc) != TCL_OK ||
        (o[2] && xapi_tcl_get_const(interp, o[2], cmd, "flags",
                                    &flags) != TCL_OK))
        return TCL_ERROR;
    if (anc) {
        control = (unsigned char *)attemptckalloc((unsigned)anc);
        if (control == NULL) {
            errno = ENOMEM;
            return xapi_tcl_os_error(interp, cmd);
        }
    }
    /* Last: the variable's bytes, used at once. */
    if (xapi_tcl_into_var(interp, cmd, objv[2], size, &obj) != TCL_OK)
        goto done;
    buf = Tcl_GetByteArrayFromObj(obj, &len);
    if ((Tcl_WideInt)len > XAPI_TCL_MAX_SIZE) {
        xapi_tcl_arg_error(interp, cmd, "varName",
                           "holds %d bytes, more than one receive takes",
                           len);
        goto done;
    }
    iov.iov_base = buf;
    iov.iov_len = (size_t)len;
    memset(&m, 0, sizeof m);
    m.iov = &iov;
    m.iovlen = 1;
    m.control = control;
    m.controllen = (size_t)anc;
    errno = 0;
    if (xapi_recvmsg(fd, &m, flags) < 0) {
        xapi_tcl_os_error(interp, cmd);
        goto done;
    }
    Tcl_InvalidateStringRep(obj);
    result = xapi_tcl_msg_obj(interp, xapi_tcl_get_keys(interp), cmd, &m, 0,
                              -1);
    if (result == NULL)
        goto done;
    Tcl_SetObjResult(interp, result);
    rc = TCL_OK;
done:
    if (obj)
        Tcl_DecrRefCount(obj);
    if (control)
        ckfree((char *)control);
    return rc;
}

/* xapi::recvbatch_into socket varName slot count ?-anc n? ?-flags f?
 *   ?-timeout ms? -> a list of recvmsg dicts without data, each with
 *   offset: message i is at i * slot in varName's byte array (made
 *   slot * count bytes long), nbytes long. */
static int xapi_tcl_recvbatch_into(ClientData cd, Tcl_Interp *interp,
                                   int objc, Tcl_Obj *const objv[])
{
    static const char *const opts[] = { "-anc", "-flags", "-timeout", NULL };
    const char *cmd = "xapi::recvbatch_into";
    Tcl_Obj *o[3], *obj = NULL, *result = NULL;
    Tcl_WideInt slot, count, anc = 0, timeout = -1;
    xapi_tcl_batch_mem bm;
    unsigned char *buf;
    size_t cslot;
    unsigned i;
    int fd, flags = 0, len, rc = TCL_ERROR;

    (void)cd;
    if (objc < 5 || objc % 2 == 0) {
        Tcl_WrongNumArgs(interp, 1, objv, "socket varName slot count "
                         "?-anc n? ?-flags flags? ?-timeout ms?");
        return TCL_ERROR;
    }
    if (xapi_tcl_get_fd(interp, objv[1], cmd, &fd) != TCL_OK ||
        xapi_tcl_get_range(interp, objv[3], cmd, "slot", 0, XAPI_TCL_MAX_SIZE,
                           &slot) != TCL_OK ||
        xapi_tcl_get_range(interp, objv[4], cmd, "count", 1, XAPI_BATCH_MAX,
                           &count) != TCL_OK ||
        xapi_tcl_options(interp, cmd, objc, objv, 5, opts, o) != TCL_OK ||
        xapi_tcl_opt_range(interp, cmd, o[0], "-anc", 0, XAPI_TCL_MAX_ANC,
                           &anc) != TCL_OK ||
        (o[1] && xapi_tcl_get_const(interp, o[1], cmd, "flags",
                                    &flags) != TCL_OK) ||
        xapi_tcl_opt_range(interp, cmd, o[2], "-timeout", -1, INT_MAX,
                           &timeout) != TCL_OK)
        return TCL_ERROR;
    if (slot * count > XAPI_TCL_MAX_SIZE)
        return xapi_tcl_arg_error(interp, cmd, "slot",
            "slot * count is %" TCL_LL_MODIFIER "d bytes, at most %"
            TCL_LL_MODIFIER "d", (long long)(slot * count),
            (long long)XAPI_TCL_MAX_SIZE);
    cslot = xapi_tcl_cslot(anc);
    bm.block = NULL;
    bm.own = 0;
    /* The variable first: setting it runs its traces, which may run
     * another batch command of this interpreter and so move the scratch
     * block; nothing runs a script after the block is taken. */
    if (xapi_tcl_into_var(interp, cmd, objv[2], slot * count, &obj) != TCL_OK)
        goto done;
    if (xapi_tcl_batch_mem_get(interp, cmd, (unsigned)count, (size_t)count,
                               cslot, 0, 0, &bm) != TCL_OK)
        goto done;
    /* Last: the variable's bytes, used at once. */
    buf = Tcl_GetByteArrayFromObj(obj, &len);
    if ((Tcl_WideInt)len != slot * count) {
        xapi_tcl_arg_error(interp, cmd, "varName",
                           "changed length while it was being set");
        goto done;
    }
    if (xapi_batch_setup_slots(bm.msgs, (unsigned)count, bm.iov, buf,
                               (size_t)slot, bm.control, cslot) < 0) {
        xapi_tcl_os_error(interp, cmd);
        goto done;
    }
    for (i = 0; i < (unsigned)count; i++)
        bm.msgs[i].controllen = (size_t)anc;
    rc = xapi_tcl_batch_recv_list(interp, cmd, fd, &bm, (unsigned)count,
                                  flags, (int)timeout, 0, (size_t)slot,
                                  &result);
    Tcl_InvalidateStringRep(obj);
    if (rc == TCL_OK)
        Tcl_SetObjResult(interp, result);
done:
    xapi_tcl_batch_mem_release(&bm);
    if (obj)
        Tcl_DecrRefCount(obj);
    return rc;
}

/* ---- sending ---------------------------------------------------------- */

/* Keeps a reference on the object last seen, so that an identity test
 * against it can never match a newer object at a reused address. */
static void xapi_tcl_hold(Tcl_Obj **slot, Tcl_Obj *obj)
{
    if (obj)
        Tcl_IncrRefCount(obj);
    if (*slot)
        Tcl_DecrRefCount(*slot);
    *slot = obj;
}

/* xapi::sendbatch socket messages ?-flags f? -> how many were sent.
 * Each message is a dict {data pieces ?to address? ?cmsgs items?}. */
static int xapi_tcl_sendbatch(ClientData cd, Tcl_Interp *interp, int objc,
                              Tcl_Obj *const objv[])
{
    static const char *const opts[] = { "-flags", NULL };
    static const char *const keys[] = { "data", "to", "cmsgs", NULL };
    const char *cmd = "xapi::sendbatch";
    Tcl_Obj *o[1], **mv, *prev_to = NULL, *prev_cm = NULL, *msglist = objv[2];
    Tcl_Obj **datav = NULL;          /* each message's pieces, referenced */
    unsigned char **controls = NULL; /* ckalloc'd; NULL when shared */
    struct iovec *iov = NULL;
    xapi_tcl_batch_mem bm;
    unsigned char *arena = NULL;
    size_t npieces = 0, arena_len = 0, arena_cap = 0, pi;
    int fd, flags = 0, nmsg = 0, i, family = -1, r, rc = TCL_ERROR;

    (void)cd;
    bm.block = NULL;
    bm.own = 0;
    if (objc != 3 && objc != 5) {
        Tcl_WrongNumArgs(interp, 1, objv, "socket messages ?-flags flags?");
        return TCL_ERROR;
    }
    if (xapi_tcl_get_fd(interp, objv[1], cmd, &fd) != TCL_OK ||
        xapi_tcl_options(interp, cmd, objc, objv, 3, opts, o) != TCL_OK ||
        (o[0] && xapi_tcl_get_const(interp, o[0], cmd, "flags",
                                    &flags) != TCL_OK))
        return TCL_ERROR;
    /* The messages' element array stays valid: nothing below changes the
     * type of the list itself (no message can hold the list holding it). */
    Tcl_IncrRefCount(msglist);
    if (Tcl_ListObjGetElements(interp, msglist, &nmsg, &mv) != TCL_OK) {
        nmsg = 0;
        goto done;
    }
    if (nmsg > XAPI_BATCH_MAX) {
        xapi_tcl_arg_error(interp, cmd, "messages", "%d messages, at most %d",
                           nmsg, XAPI_BATCH_MAX);
        nmsg = 0;
        goto done;
    }
    if (nmsg == 0) {
        Tcl_SetObjResult(interp, Tcl_NewIntObj(0));
        rc = TCL_OK;
        goto done;
    }
    datav = (Tcl_Obj **)ckalloc((unsigned)(sizeof *datav * (size_t)nmsg));
    controls = (unsigned char **)ckalloc(
        (unsigned)(sizeof *controls * (size_t)nmsg));
    memset(datav, 0, sizeof *datav * (size_t)nmsg);
    memset(controls, 0, sizeof *controls * (size_t)nmsg);
    if (xapi_tcl_batch_mem_get(interp, cmd, (unsigned)nmsg, 0, 0, 0, 0,
                               &bm) != TCL_OK)
        goto done;
    memset(bm.msgs, 0, sizeof(xapi_msg) * (size_t)nmsg);

    /* Pass 1: structure, destinations and ancillary items; no byte pointer
     * is kept.  A destination or an item list that is the same Tcl object
     * as the previous message's is parsed once. */
    for (i = 0; i < nmsg; i++) {
        Tcl_Obj *v[3] = { NULL, NULL, NULL }, *key, *val;
        Tcl_DictSearch search;
        int done, kx, n;

        if (Tcl_DictObjFirst(NULL, mv[i], &search, &key, &val,
                             &done) != TCL_OK) {
            xapi_tcl_arg_error(interp, cmd, "messages",
                "message %d is not a dict {data pieces ?to address? "
                "?cmsgs items?}", i);
            goto done;
        }
        for (; !done; Tcl_DictObjNext(&search, &key, &val, &done)) {
            if (Tcl_GetIndexFromObj(NULL, key, keys, "key", 0,
                                    &kx) != TCL_OK) {
                Tcl_DictObjDone(&search);
                xapi_tcl_arg_error(interp, cmd, "messages",
                    "message %d has the key \"%.40s\" (data, to or cmsgs "
                    "expected)", i, Tcl_GetString(key));
                goto done;
            }
            v[kx] = val;
        }
        if (v[0] == NULL) {
            xapi_tcl_arg_error(interp, cmd, "messages",
                               "message %d has no data", i);
            goto done;
        }
        datav[i] = v[0];
        Tcl_IncrRefCount(v[0]);
        /* Held while the address and the items are parsed. */
        if (v[1])
            Tcl_IncrRefCount(v[1]);
        if (v[2])
            Tcl_IncrRefCount(v[2]);
        if (Tcl_ListObjLength(NULL, v[0], &n) != TCL_OK) {
            xapi_tcl_arg_error(interp, cmd, "messages",
                               "message %d: data is not a list of pieces", i);
            n = -1;
        } else if (n > XAPI_TCL_MAX_PIECES) {
            xapi_tcl_arg_error(interp, cmd, "messages",
                "message %d has %d pieces, at most %d", i, n,
                XAPI_TCL_MAX_PIECES);
            n = -1;
        }
        if (n >= 0) {
            npieces += (size_t)n;
            if (v[1] && v[1] == prev_to) {
                bm.msgs[i].addr = bm.msgs[i - 1].addr;
            } else if (v[1]) {
                if (family < 0) {
                    errno = 0;
                    family = xapi_socket_family(fd);
                    if (family < 0) {
                        xapi_tcl_os_error(interp, cmd);
                        n = -1;
                    }
                }
                if (n < 0) {
                    /* reported */
                } else if (family == AF_UNIX) {
                    if (xapi_tcl_parse_addr(interp, cmd, family, v[1], NULL,
                                            &bm.msgs[i].addr) != TCL_OK)
                        n = -1;
                } else {
                    Tcl_Obj **hp;
                    int nhp;

                    if (Tcl_ListObjGetElements(NULL, v[1], &nhp, &hp) != TCL_OK
                        || nhp != 2) {
                        xapi_tcl_arg_error(interp, cmd, "to",
                            "message %d: expected {host port}, got \"%.60s\"",
                            i, Tcl_GetString(v[1]));
                        n = -1;
                    } else if (xapi_tcl_parse_addr(interp, cmd, family, hp[0],
                                                   hp[1], &bm.msgs[i].addr)
                               != TCL_OK) {
                        n = -1;
                    }
                }
            }
        }
        if (n >= 0 && v[2] && v[2] == prev_cm) {
            bm.msgs[i].control = bm.msgs[i - 1].control;
            bm.msgs[i].controllen = bm.msgs[i - 1].controllen;
        } else if (n >= 0 && v[2]) {
            size_t clen = 0;

            if (xapi_tcl_build_control(interp, cmd, v[2], &controls[i],
                                       &clen) != TCL_OK)
                n = -1;
            bm.msgs[i].control = controls[i];
            bm.msgs[i].controllen = clen;
        }
        xapi_tcl_hold(&prev_to, v[1]);
        xapi_tcl_hold(&prev_cm, v[2]);
        if (v[1])
            Tcl_DecrRefCount(v[1]);
        if (v[2])
            Tcl_DecrRefCount(v[2]);
        if (n < 0)
            goto done;
    }

    /* Pass 2: the pieces' bytes, each copied into one arena the moment it
     * is fetched, so no later conversion can pull it from under us. */
    iov = (struct iovec *)ckalloc(
        (unsigned)(sizeof *iov * (npieces ? npieces : 1)));
    pi = 0;
    for (i = 0; i < nmsg; i++) {
        Tcl_Obj **pv;
        int n, j;
        size_t total = 0;

        if (Tcl_ListObjGetElements(NULL, datav[i], &n, &pv) != TCL_OK ||
            pi + (size_t)n > npieces) {
            xapi_tcl_arg_error(interp, cmd, "messages",
                               "message %d: data is not a list of pieces", i);
            goto done;
        }
        bm.msgs[i].iov = iov + pi;
        bm.msgs[i].iovlen = (size_t)n;
        for (j = 0; j < n; j++, pi++) {
            const unsigned char *p;
            size_t len;

            if (xapi_tcl_get_bytes(interp, pv[j], cmd, "data", &p,
                                   &len) != TCL_OK)
                goto done;
            total += len;
            if (total > (size_t)XAPI_TCL_MAX_SIZE) {
                xapi_tcl_arg_error(interp, cmd, "data",
                    "message %d holds more than %" TCL_LL_MODIFIER "d bytes",
                    i, (long long)XAPI_TCL_MAX_SIZE);
                goto done;
            }
            if (arena_len + len > arena_cap) {
                size_t ncap = arena_cap ? arena_cap : 4096;
                unsigned char *na;

                while (ncap < arena_len + len)
                    ncap *= 2;
                na = ncap > UINT_MAX ? NULL
                    : (unsigned char *)attemptckrealloc((char *)arena,
                                                        (unsigned)ncap);
                if (na == NULL) {
                    errno = ENOMEM;
                    xapi_tcl_os_error(interp, cmd);
                    goto done;
                }
                arena = na;
                arena_cap = ncap;
            }
            if (len)
                memcpy(arena + arena_len, p, len);
            /* An offset for now: the arena may still move. */
            iov[pi].iov_base = (void *)(uintptr_t)arena_len;
            iov[pi].iov_len = len;
            arena_len += len;
        }
    }
    for (pi = 0; pi < npieces; pi++)
        iov[pi].iov_base = arena + (uintptr_t)iov[pi].iov_base;

    errno = 0;
    r = xapi_batch_send(fd, bm.batch, bm.msgs, (unsigned)nmsg, flags);
    if (r < 0) {
        xapi_tcl_os_error(interp, cmd);
        goto done;
    }
    Tcl_SetObjResult(interp, Tcl_NewIntObj(r));
    rc = TCL_OK;
done:
    xapi_tcl_hold(&prev_to, NULL);
    xapi_tcl_hold(&prev_cm, NULL);
    for (i = 0; i < nmsg; i++) {
        if (datav && datav[i])
            Tcl_DecrRefCount(datav[i]);
        if (controls && controls[i])
            ckfree((char *)controls[i]);
    }
    if (datav)
        ckfree((char *)datav);
    if (controls)
        ckfree((char *)controls);
    if (iov)
        ckfree((char *)iov);
    if (arena)
        ckfree((char *)arena);
    xapi_tcl_batch_mem_release(&bm);
    Tcl_DecrRefCount(msglist);
    return rc;
}
%}

%native(sendbatch) int xapi_tcl_sendbatch(ClientData, Tcl_Interp *, int, Tcl_Obj *const[]);
%native(recvbatch) int xapi_tcl_recvbatch(ClientData, Tcl_Interp *, int, Tcl_Obj *const[]);
%native(recvmsg_into) int xapi_tcl_recvmsg_into(ClientData, Tcl_Interp *, int, Tcl_Obj *const[]);
%native(recvbatch_into) int xapi_tcl_recvbatch_into(ClientData, Tcl_Interp *, int, Tcl_Obj *const[]);
