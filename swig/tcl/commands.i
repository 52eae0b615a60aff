/*
 * swig/tcl/commands.i - the helpers behind Tcl's typemaps (included by
 * bindings/tcl/xapi_tcl.i after swig/xapi.i; the wrappers that use them
 * come later in the generated file): items and pieces to send, the
 * recvmsg dict and its shared key objects, the receive buffer of the
 * RECV_MSG shape.
 *
 * Shimmering rule: a pointer from Tcl_GetByteArrayFromObj or
 * Tcl_ListObjGetElements dies when its object changes type, so every
 * command converts integers and options first, copies what it needs, and
 * takes byte pointers last, right before the system call.
 */

%{
/* ---- ancillary items ------------------------------------------------- */

/* Item i of a list to send, {level type data}: its level and type, and
 * the object holding its payload (whose bytes are taken last). */
static int xapi_tcl_item_head(Tcl_Interp *interp, const char *cmd,
                              Tcl_Obj *item, int i, int *level, int *type,
                              Tcl_Obj **payload)
{
    Tcl_Obj **f;
    int nf;

    if (Tcl_ListObjGetElements(NULL, item, &nf, &f) != TCL_OK || nf != 3)
        return xapi_tcl_arg_error(interp, cmd, "cmsg",
            "item %d must be a list {level type data}, got \"%.60s\"",
            i, Tcl_GetString(item));
    if (xapi_tcl_get_const(interp, f[0], cmd, "cmsg level", level) != TCL_OK ||
        xapi_tcl_get_const(interp, f[1], cmd, "cmsg type", type) != TCL_OK)
        return TCL_ERROR;
    *payload = f[2];
    return TCL_OK;
}

/* The objects a send takes bytes of, each held (a reference) from before
 * the first byte pointer until the command returns: a held object keeps
 * its bytes when the list it came from loses its rep (that list may be
 * another word, a piece or a payload, taken as bytes in turn), and
 * taking one object's bytes never changes another's rep. */
#define XAPI_TCL_STACK_HELD 8
typedef struct xapi_tcl_held {
    Tcl_Obj **obj, *stack[XAPI_TCL_STACK_HELD];
    size_t n;
    void *heap; /* the owner's array and obj, past the stacks */
} xapi_tcl_held;

/* The owner's array for n elements of size bytes: its stack (of
 * XAPI_TCL_STACK_HELD) when they fit, else h->heap.  (h->n and h->heap
 * are set before: the owner may fail before it knows n.) */
static void *xapi_tcl_held_room(xapi_tcl_held *h, void *stack, int n,
                                size_t size)
{
    h->obj = h->stack;
    if (n <= XAPI_TCL_STACK_HELD)
        return stack;
    h->heap = ckalloc((unsigned)n * (unsigned)(size + sizeof *h->obj));
    h->obj = (Tcl_Obj **)((char *)h->heap + (size_t)n * size);
    return h->heap;
}

/* Drops every reference and the heap (h NULL: nothing). */
static void xapi_tcl_held_release(xapi_tcl_held *h)
{
    if (h == NULL)
        return;
    while (h->n > 0)
        Tcl_DecrRefCount(h->obj[--h->n]);
    ckfree((char *)h->heap); /* (NULL is no block) */
}

/* A list of items {level type data} to send, as xapi_item structs (it,
 * held.n of them, in stack or held.heap), released by
 * xapi_tcl_held_release of held.  Every level and type is read first,
 * each item's payload object held (held.obj[i]): reading a word may
 * shimmer the very object of another item's payload (a shared literal
 * "0"), so the bytes are xapi_tcl_items_bytes's, taken last. */
typedef struct xapi_tcl_itemv {
    xapi_item *it, stack[XAPI_TCL_STACK_HELD];
    xapi_tcl_held held;
} xapi_tcl_itemv;

static int xapi_tcl_items(Tcl_Interp *interp, const char *cmd, Tcl_Obj *list,
                          xapi_tcl_itemv *v)
{
    Tcl_Obj **iv;
    int n, i;

    v->held.n = 0;
    v->held.heap = NULL;
    if (Tcl_ListObjGetElements(interp, list, &n, &iv) != TCL_OK)
        return TCL_ERROR;
    if ((size_t)n > XAPI_MAX_ANC / sizeof(struct cmsghdr))
        return xapi_tcl_arg_error(interp, cmd, "cmsg", "too many items");
    v->it = (xapi_item *)xapi_tcl_held_room(&v->held, v->stack, n,
                                            sizeof *v->it);
    for (i = 0; i < n; i++) {
        if (xapi_tcl_item_head(interp, cmd, iv[i], i, &v->it[i].level,
                               &v->it[i].type, &v->held.obj[i]) != TCL_OK)
            return TCL_ERROR;
        Tcl_IncrRefCount(v->held.obj[v->held.n++]);
    }
    return TCL_OK;
}

/* The payloads' bytes of items from xapi_tcl_items, after every other
 * word of the command is converted. */
static int xapi_tcl_items_bytes(Tcl_Interp *interp, const char *cmd,
                                xapi_tcl_itemv *v)
{
    size_t i;

    for (i = 0; i < v->held.n; i++)
        if (xapi_tcl_get_bytes(interp, v->held.obj[i], cmd, "cmsg data",
                               (const unsigned char **)&v->it[i].data,
                               &v->it[i].len) != TCL_OK)
            return TCL_ERROR;
    return TCL_OK;
}

/* One piece of a message to send: its bytes into *iov, added to *total,
 * which may not pass XAPI_MAX_DATA. */
static inline int xapi_tcl_piece(Tcl_Interp *interp, const char *cmd,
                                 const char *arg, Tcl_Obj *obj,
                                 struct iovec *iov, size_t *total)
{
    const unsigned char *p;
    size_t len;

    if (xapi_tcl_get_bytes(interp, obj, cmd, arg, &p, &len) != TCL_OK)
        return TCL_ERROR;
    iov->iov_base = (void *)p;
    iov->iov_len = len;
    *total += len;
    if (*total > (size_t)XAPI_TCL_MAX_SIZE)
        return xapi_tcl_arg_error(interp, cmd, arg,
            "the pieces hold more than %" TCL_LL_MODIFIER "d bytes",
            (long long)XAPI_TCL_MAX_SIZE);
    return TCL_OK;
}

/* The pieces of a message as iovecs (iov, n of them, total bytes in
 * all; in stack or held.heap, with the pieces to send held), released by
 * xapi_tcl_held_release of held. */
typedef struct xapi_tcl_iovs {
    struct iovec *iov, stack[XAPI_TCL_STACK_HELD];
    xapi_tcl_held held;
    size_t n, total;
} xapi_tcl_iovs;

/* A list of byte arrays to send, or with sizes set a list of the sizes
 * (0..XAPI_MAX_DATA, iov_len only) of pieces to receive into: at most
 * XAPI_MAX_PIECES pieces and XAPI_MAX_DATA bytes in all. */
static int xapi_tcl_pieces(Tcl_Interp *interp, const char *cmd,
                           const char *arg, Tcl_Obj *list, int sizes,
                           xapi_tcl_iovs *v)
{
    Tcl_Obj **pieces;
    Tcl_WideInt w;
    int n, i;

    v->held.n = v->n = v->total = 0;
    v->held.heap = NULL;
    if (Tcl_ListObjGetElements(interp, list, &n, &pieces) != TCL_OK)
        return TCL_ERROR;
    if (n > XAPI_TCL_MAX_PIECES)
        return xapi_tcl_arg_error(interp, cmd, arg, "%d pieces, at most %d",
                                  n, XAPI_TCL_MAX_PIECES);
    v->iov = (struct iovec *)xapi_tcl_held_room(&v->held, v->stack, n,
                                                sizeof *v->iov);
    for (i = 0; !sizes && i < n; i++) { /* held, then the bytes */
        v->held.obj[v->held.n++] = pieces[i];
        Tcl_IncrRefCount(pieces[i]);
    }
    for (i = 0; !sizes && i < n; i++)
        if (xapi_tcl_piece(interp, cmd, arg, pieces[i], &v->iov[i],
                           &v->total) != TCL_OK)
            return TCL_ERROR;
    for (i = 0; sizes && i < n; i++) {
        if (xapi_tcl_get_range(interp, pieces[i], cmd, arg, 0,
                               XAPI_TCL_MAX_SIZE, &w) != TCL_OK)
            return TCL_ERROR;
        v->iov[i].iov_len = (size_t)w;
        v->total += (size_t)w;
    }
    if (v->total > (size_t)XAPI_TCL_MAX_SIZE) /* (each size may be 1 GiB) */
        return xapi_tcl_arg_error(interp, cmd, arg,
            "add up to %zu bytes, at most %zu", v->total,
            (size_t)XAPI_TCL_MAX_SIZE);
    v->n = (size_t)n;
    return TCL_OK;
}

/* ---- result dicts ----------------------------------------------------- */

/* Every dict a receive builds uses the same key objects, made once per
 * interpreter on first use (Tcl objects belong to one thread, so they
 * are kept with the interpreter, never in a global): a batch of a
 * thousand messages creates no key strings (Tcl's dicts still hash a
 * key's text at every put).  (-errorcode: the key batch.i reads of a
 * return options dict.) */
enum {
    XK_ADDRESS, XK_DATA, XK_CMSGS, XK_FLAGS, XK_NBYTES, XK_OFFSET,
    XK_LEVEL, XK_TYPE, XK_NAME, XK_VALUE, XK_VIEWS, XK_ERRORCODE,
    XK_COUNT
};
static const char *const xapi_tcl_key_text[XK_COUNT] = {
    "address", "data", "cmsgs", "flags", "nbytes", "offset",
    "level", "type", "name", "value", "views", "-errorcode"
};
/* Small integers (levels, types, hop limits, flags, lengths of short
 * datagrams) as shared objects: -1..255. */
#define XAPI_TCL_SMALL_MIN (-1)
#define XAPI_TCL_SMALL_MAX 255
/* The control buffer of the last message received and its item list:
 * the items of a steady flow (one sender's pktinfo and hop limit) are the
 * same bytes message after message, and a list decoded from the same
 * bytes is the same value, so it is shared (Tcl values are immutable;
 * a caller changing one gets a copy). */
#define XAPI_TCL_CTL_CACHE 256

typedef struct xapi_tcl_keys {
    Tcl_Obj *key[XK_COUNT];
    Tcl_Obj *small[XAPI_TCL_SMALL_MAX - XAPI_TCL_SMALL_MIN + 1];
    unsigned char ctl[XAPI_TCL_CTL_CACHE];
    size_t ctl_len;
    Tcl_Obj *ctl_list; /* with a reference; NULL: empty */
    Tcl_Obj *ctl_views; /* its views dict, with a reference */
    /* The last source address a receive saw and its object (with a
     * reference; NULL: none): the messages from one sender share it. */
    xapi_addr addr;
    Tcl_Obj *addr_obj;
    /* xapi::recvbatch's receive batch, kept by xapi_recv_batch_fit for
     * the last dimensions asked for (batch.i) */
    xapi_recv_batch *rb;
} xapi_tcl_keys;

/* Keeps a reference on obj in *slot (NULL: none), dropping the one on
 * the object there before; an identity test against a held object can
 * never match a newer object at a reused address. */
static void xapi_tcl_hold(Tcl_Obj **slot, Tcl_Obj *obj)
{
    if (obj)
        Tcl_IncrRefCount(obj);
    if (*slot)
        Tcl_DecrRefCount(*slot);
    *slot = obj;
}

static void xapi_tcl_keys_free(ClientData cd, Tcl_Interp *interp)
{
    xapi_tcl_keys *k = (xapi_tcl_keys *)cd;
    int i;

    (void)interp;
    for (i = 0; i < XK_COUNT; i++)
        Tcl_DecrRefCount(k->key[i]);
    for (i = 0; i < XAPI_TCL_SMALL_MAX - XAPI_TCL_SMALL_MIN + 1; i++)
        if (k->small[i])
            Tcl_DecrRefCount(k->small[i]);
    xapi_tcl_hold(&k->ctl_list, NULL);
    xapi_tcl_hold(&k->ctl_views, NULL);
    xapi_tcl_hold(&k->addr_obj, NULL);
    xapi_recv_batch_free(k->rb); /* (NULL is none) */
    ckfree((char *)k);
}

static xapi_tcl_keys *xapi_tcl_get_keys(Tcl_Interp *interp)
{
    xapi_tcl_keys *k = (xapi_tcl_keys *)Tcl_GetAssocData(interp,
                                                         "xapi::keys", NULL);
    int i;

    if (k)
        return k;
    k = (xapi_tcl_keys *)ckalloc(sizeof *k);
    memset(k, 0, sizeof *k);
    for (i = 0; i < XK_COUNT; i++) {
        k->key[i] = Tcl_NewStringObj(xapi_tcl_key_text[i], -1);
        Tcl_IncrRefCount(k->key[i]);
    }
    Tcl_SetAssocData(interp, "xapi::keys", xapi_tcl_keys_free, k);
    return k;
}

/* A destination word for socket fd, whose family *family is looked up
 * on first use (-1 before: asked of the kernel; -2: as the destination
 * cache remembers it, for a one-message send, where xapi_send_cached
 * catches a family gone stale): a path for a unix socket, else {host
 * port} parsed for the family.  arg names the word in errors. */
static int xapi_tcl_parse_dest(Tcl_Interp *interp, const char *cmd,
                               const char *arg, int fd, int *family,
                               Tcl_Obj *to, xapi_addr *out)
{
    Tcl_Obj **hp;
    int nhp;

    if (*family < 0) {
        errno = 0;
        *family = *family == -1
                      ? xapi_socket_family(fd)
                      : xapi_dest_cache_family(xapi_tcl_dest_cache(), fd);
        if (*family < 0)
            return xapi_tcl_os_error(interp, cmd);
    }
    if (*family == AF_UNIX)
        return xapi_tcl_parse_addr(interp, cmd, *family, to, NULL, out);
    if (Tcl_ListObjGetElements(NULL, to, &nhp, &hp) != TCL_OK || nhp != 2)
        return xapi_tcl_arg_error(interp, cmd, arg,
            "expected {host port}, got \"%.60s\"", Tcl_GetString(to));
    return xapi_tcl_parse_addr(interp, cmd, *family, hp[0], hp[1], out);
}

/* sendmsg's destination: {} for none, else as xapi_tcl_parse_dest with
 * the family the destination cache remembers (a repeated destination is
 * the core cache's too). */
static int xapi_tcl_dest(Tcl_Interp *interp, const char *cmd, int fd,
                         Tcl_Obj *to, xapi_addr *out)
{
    int family = -2, n;

    memset(out, 0, sizeof(*out));
    if (Tcl_ListObjLength(NULL, to, &n) == TCL_OK && n == 0)
        return TCL_OK;
    if (xapi_tcl_parse_dest(interp, cmd, "-to", fd, &family, to,
                            out) == TCL_OK)
        return TCL_OK;
    /* A word that is no destination for the remembered family may be
     * one for the family of a socket that reused the descriptor. */
    if (family < 0 || !xapi_dest_cache_recheck(xapi_tcl_dest_cache(), fd))
        return TCL_ERROR;
    Tcl_ResetResult(interp);
    family = -2;
    return xapi_tcl_parse_dest(interp, cmd, "-to", fd, &family, to, out);
}


/* An integer object, shared when small. */
static Tcl_Obj *xapi_tcl_int(xapi_tcl_keys *k, Tcl_WideInt v)
{
    Tcl_Obj **slot;

    if (v < XAPI_TCL_SMALL_MIN || v > XAPI_TCL_SMALL_MAX)
        return Tcl_NewWideIntObj(v);
    slot = &k->small[v - XAPI_TCL_SMALL_MIN];
    if (*slot == NULL) {
        *slot = Tcl_NewWideIntObj(v);
        Tcl_IncrRefCount(*slot);
    }
    return *slot;
}

#define XAPI_TCL_PUT(d, k, id, v) Tcl_DictObjPut(NULL, (d), (k)->key[id], (v))

/* One received or parsed item as a dict: level, type, data, and for items
 * the core has a typed view of, name and value (views: the first item of
 * each name; descriptors made channels in chans when it is not NULL).  A
 * malformed item keeps its raw bytes only (a receive: the kernel cuts the
 * last item at MSG_CTRUNC). */
static Tcl_Obj *xapi_tcl_item_obj(xapi_tcl_keys *k, Tcl_Interp *chans,
                                  const xapi_cmsg *c, const xapi_value *v,
                                  Tcl_Obj *views)
{
    Tcl_Obj *d = Tcl_NewDictObj(), *value = NULL;

    XAPI_TCL_PUT(d, k, XK_LEVEL, xapi_tcl_int(k, c->level));
    XAPI_TCL_PUT(d, k, XK_TYPE, xapi_tcl_int(k, c->type));
    XAPI_TCL_PUT(d, k, XK_DATA, Tcl_NewByteArrayObj(c->data, (int)c->len));
    if (v->name == NULL) /* (no typed view) */
        return d;
    switch (v->kind) {
    case XAPI_VALUE_INT:
        value = xapi_tcl_int(k, v->i);
        break;
    case XAPI_VALUE_PKTINFO: {
        Tcl_Obj *pi[3];
        int npi = 2;

        pi[0] = Tcl_NewStringObj(v->pktinfo.addr, -1);
        pi[1] = xapi_tcl_int(k, (Tcl_WideInt)v->pktinfo.ifindex);
        if (v->pktinfo.family == AF_INET)
            pi[npi++] = Tcl_NewStringObj(v->pktinfo.spec_dst, -1);
        value = Tcl_NewListObj(npi, pi);
        break;
    }
    case XAPI_VALUE_FDS:
        value = xapi_tcl_fds_list(chans, v); /* swig/tcl/fdpass.i */
        break;
    default: /* (a record; NULL for any other kind) */
        value = xapi_tcl_record(v);
        break;
    }
    if (value != NULL) {
        Tcl_Obj *name = Tcl_NewStringObj(v->name, -1), *seen = NULL;

        XAPI_TCL_PUT(d, k, XK_NAME, name);
        XAPI_TCL_PUT(d, k, XK_VALUE, value);
        if (views && Tcl_DictObjGet(NULL, views, name, &seen) == TCL_OK &&
            seen == NULL)
            Tcl_DictObjPut(NULL, views, name, value);
    }
    return d;
}

/* Items the core decoded as the cmsgs list and, unless views is NULL,
 * its views dict (received descriptors made channels in chans when it is
 * not NULL). */
static void xapi_tcl_items_objs(xapi_tcl_keys *k, Tcl_Interp *chans,
                                const xapi_cmsg *c, const xapi_value *v,
                                size_t n, Tcl_Obj **cmsgs, Tcl_Obj **views)
{
    size_t i;

    *cmsgs = Tcl_NewListObj(0, NULL);
    if (views)
        *views = Tcl_NewDictObj();
    for (i = 0; i < n; i++)
        Tcl_ListObjAppendElement(NULL, *cmsgs,
                                 xapi_tcl_item_obj(k, chans, &c[i], &v[i],
                                                   views ? *views : NULL));
}

/* One received message as a dict: address, data (a list of the pieces,
 * each cut to what arrived) or, for the receive-into forms (data NULL),
 * offset (where the message starts in the caller's byte array), cmsgs,
 * views (name -> value of the first typed item of each name: the
 * shortcut a loop over many messages wants), flags, nbytes.  One builder
 * for xapi::recvmsg and the batches: prev holds the address, cmsgs and
 * views objects of the message before (NULL: none), reused when m->same
 * says they are its (XAPI_BATCH_SAME_*), else made and left there; the
 * messages from one sender share one address object (k->addr_obj). */
static Tcl_Obj *xapi_tcl_msg_obj(xapi_tcl_keys *k, Tcl_Interp *chans,
                                 const xapi_batch_msg *m, Tcl_Obj *data,
                                 Tcl_WideInt offset, Tcl_Obj *prev[3])
{
    Tcl_Obj *d = Tcl_NewDictObj();

    if (prev[0] == NULL || !(m->same & XAPI_BATCH_SAME_ADDR)) {
        if (!k->addr_obj || k->addr.len != m->addr.len ||
            memcmp(&k->addr.ss, &m->addr.ss, m->addr.len) != 0) {
            k->addr = m->addr;
            xapi_tcl_hold(&k->addr_obj, xapi_tcl_addr_obj(&m->addr));
        }
        prev[0] = k->addr_obj;
    }
    if (prev[1] == NULL || !(m->same & XAPI_BATCH_SAME_ITEMS))
        xapi_tcl_items_objs(k, chans, m->items, m->values, m->nitems,
                            &prev[1], &prev[2]);
    XAPI_TCL_PUT(d, k, XK_ADDRESS, prev[0]);
    if (data != NULL)
        XAPI_TCL_PUT(d, k, XK_DATA, data);
    else
        XAPI_TCL_PUT(d, k, XK_OFFSET, Tcl_NewWideIntObj(offset));
    XAPI_TCL_PUT(d, k, XK_CMSGS, prev[1]);
    XAPI_TCL_PUT(d, k, XK_VIEWS, prev[2]);
    XAPI_TCL_PUT(d, k, XK_FLAGS, xapi_tcl_int(k, m->flags));
    XAPI_TCL_PUT(d, k, XK_NBYTES, xapi_tcl_int(k, (Tcl_WideInt)m->datalen));
    return d;
}

/* ---- receiving one message (the RECV_MSG shape) ----------------------- */

/* What a receive request {sizes anc} becomes: the message and its
 * buffer (the pieces, then the control buffer), on the wrapper's stack
 * when small. */
#define XAPI_TCL_RECV_STACK 2560
typedef struct xapi_tcl_recvbuf {
    xapi_msg m;
    xapi_tcl_iovs pieces;
    unsigned char *buf;
    union { /* aligned for any item the kernel writes */
        unsigned char b[XAPI_TCL_RECV_STACK];
        size_t align;
    } stack;
    int fds_channel; /* -fds channel: descriptors become channels */
} xapi_tcl_recvbuf;

static void xapi_tcl_recvbuf_release(xapi_tcl_recvbuf *r)
{
    ckfree((char *)r->pieces.held.heap); /* (NULL is no block) */
    if (r->buf != r->stack.b)
        ckfree((char *)r->buf);
}

/* sizes a list of piece sizes (0..XAPI_MAX_DATA each and in all, at
 * most XAPI_MAX_PIECES of them), anc the control buffer's size
 * (0..XAPI_MAX_ANC; NULL: 0), every one checked before anything is
 * allocated.  On any return, r can be released. */
static int xapi_tcl_recvbuf_get(Tcl_Interp *interp, const char *cmd,
                                Tcl_Obj *sizes, Tcl_Obj *ancobj,
                                xapi_tcl_recvbuf *r)
{
    Tcl_WideInt anc = 0;
    size_t i, total, at;

    memset(&r->m, 0, sizeof r->m);
    r->pieces.held.heap = NULL;
    r->buf = r->stack.b;
    if ((ancobj != NULL &&
         xapi_tcl_get_range(interp, ancobj, cmd, "-anc", 0, XAPI_TCL_MAX_ANC,
                            &anc) != TCL_OK) ||
        xapi_tcl_pieces(interp, cmd, "sizes", sizes, 1,
                        &r->pieces) != TCL_OK)
        return TCL_ERROR;
    r->m.iov = r->pieces.iov;
    r->m.iovlen = r->pieces.n;
    at = (r->pieces.total + 15) & ~(size_t)15; /* the control buffer */
    if (at + (size_t)anc > sizeof r->stack.b) {
        r->buf = (unsigned char *)attemptckalloc((unsigned)(at + anc));
        if (r->buf == NULL) {
            r->buf = r->stack.b;
            errno = ENOMEM;
            return xapi_tcl_os_error(interp, cmd);
        }
    }
    for (i = 0, total = 0; i < r->m.iovlen; total += r->m.iov[i++].iov_len)
        r->m.iov[i].iov_base = r->buf + total;
    r->m.control = anc > 0 ? r->buf + at : NULL;
    r->m.controllen = (size_t)anc;
    return TCL_OK;
}

/* The recvmsg dict of a message received into r, made as a batch's
 * (xapi_tcl_msg_obj) from the items the core parses (xapi_items_parse
 * without strictness: what the kernel handed over is never refused, a
 * cut item keeps its raw bytes).  The items of a steady flow are the
 * same bytes message after message: a control buffer equal to the last
 * one received gives the same (immutable) cmsgs and views values, parsed
 * once; -fds channel makes new channels every time, never cached. */
static Tcl_Obj *xapi_tcl_recvbuf_message(Tcl_Interp *interp,
                                         const xapi_tcl_recvbuf *r)
{
    xapi_tcl_keys *k = xapi_tcl_get_keys(interp);
    const xapi_msg *m = &r->m;
    xapi_batch_msg bm = { NULL, 0, m->datalen, m->addr, m->flags, 0, NULL,
                          NULL, 0 };
    Tcl_Obj *prev[3] = { NULL, NULL, NULL }, *data, *d;
    xapi_cmsg *c = NULL;
    size_t i, cap;

    if (!r->fds_channel && k->ctl_list && m->controllen == k->ctl_len &&
        (m->controllen == 0 ||
         memcmp(m->control, k->ctl, m->controllen) == 0)) {
        prev[1] = k->ctl_list;
        prev[2] = k->ctl_views;
        bm.same = XAPI_BATCH_SAME_ITEMS;
    } else if (m->controllen > 0) {
        /* the items, then their values, in one block */
        _Static_assert(sizeof(xapi_cmsg) % _Alignof(xapi_value) == 0,
                       "values after the items stay aligned");
        cap = xapi_items_count(m->control, m->controllen);
        bm.items = c = (xapi_cmsg *)ckalloc((unsigned)(cap * (sizeof *c +
                                            sizeof(xapi_value))) + 1u);
        bm.values = (xapi_value *)(c + cap);
        (void)xapi_items_parse(m->control, m->controllen, c,
                               (xapi_value *)bm.values, cap, &bm.nitems, 0,
                               NULL);
    }
    /* (a list with room for every piece: no growing) */
    data = Tcl_NewListObj((int)m->iovlen, NULL);
    for (i = 0; i < m->iovlen; i++)
        Tcl_ListObjAppendElement(NULL, data, Tcl_NewByteArrayObj(
            (unsigned char *)m->iov[i].iov_base,
            (int)xapi_msg_piece_len(m, i)));
    d = xapi_tcl_msg_obj(k, r->fds_channel ? interp : NULL, &bm, data, -1,
                         prev);
    if (bm.same == 0 && !r->fds_channel &&
        m->controllen <= XAPI_TCL_CTL_CACHE) {
        if (m->controllen)
            memcpy(k->ctl, m->control, m->controllen);
        k->ctl_len = m->controllen;
        xapi_tcl_hold(&k->ctl_list, prev[1]);
        xapi_tcl_hold(&k->ctl_views, prev[2]);
    }
    ckfree((char *)c); /* (NULL is no block) */
    return d;
}

/* An interface index: an integer, or a name looked up with
 * if_nametoindex. */
static int xapi_tcl_get_ifindex(Tcl_Interp *interp, Tcl_Obj *obj,
                                const char *cmd, unsigned *out)
{
    Tcl_WideInt w = 0;
    Tcl_DString ds;
    int rc;

    if (xapi_tcl_get_wide(NULL, obj, &w) != TCL_ERROR) {
        rc = xapi_tcl_get_range(interp, obj, cmd, "ifindex", 0, UINT_MAX, &w);
        *out = (unsigned)w;
        return rc;
    }
    if (xapi_tcl_get_text(interp, obj, cmd, "ifindex", &ds) != TCL_OK)
        return TCL_ERROR;
    errno = 0;
    *out = xapi_if_nametoindex(Tcl_DStringValue(&ds));
    Tcl_DStringFree(&ds);
    return *out == 0 ? xapi_tcl_os_error(interp, cmd) : TCL_OK;
}
%}


