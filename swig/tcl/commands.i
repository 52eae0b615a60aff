/*
 * swig/tcl/commands.i - the Tcl commands that are not one C call each:
 * message I/O, ancillary items, accept/close on channels, if_nameindex.
 *
 * Each is a Tcl_ObjCmdProc registered with %native, so a send or a receive
 * is one native crossing: recvmsg builds its whole result dict in C, with
 * every ancillary item decoded by the core's one decoder.
 *
 * Shimmering rule: a pointer from Tcl_GetByteArrayFromObj or
 * Tcl_ListObjGetElements dies when its object changes type, so every
 * command converts integers and options first, copies what it needs, and
 * takes byte pointers last, right before the system call.
 */

%{
/* ---- ancillary items ------------------------------------------------- */

/* A list of items {level type data} to send, as xapi_item structs: into
 * stack (stackn of them) when they fit, else ckalloc'd (*heap, freed by
 * the caller; NULL otherwise).  Payloads point into the items' byte
 * arrays, fetched after each item's level and type. */
#define XAPI_TCL_STACK_ITEMS 8
static int xapi_tcl_items(Tcl_Interp *interp, const char *cmd, Tcl_Obj *list,
                          xapi_item *stack, size_t stackn, xapi_item **out,
                          size_t *count, xapi_item **heap)
{
    Tcl_Obj **iv, **f;
    int n, i, nf;
    xapi_item *items = stack;

    *heap = NULL;
    *out = stack;
    *count = 0;
    if (Tcl_ListObjGetElements(interp, list, &n, &iv) != TCL_OK)
        return TCL_ERROR;
    if ((size_t)n > XAPI_MAX_ANC / sizeof(struct cmsghdr))
        return xapi_tcl_arg_error(interp, cmd, "cmsg", "too many items");
    if ((size_t)n > stackn)
        items = *heap = (xapi_item *)ckalloc((unsigned)n * sizeof(*items));
    for (i = 0; i < n; i++) {
        if (Tcl_ListObjGetElements(NULL, iv[i], &nf, &f) != TCL_OK || nf != 3)
            return xapi_tcl_arg_error(interp, cmd, "cmsg",
                "item %d must be a list {level type data}, got \"%.60s\"",
                i, Tcl_GetString(iv[i]));
        if (xapi_tcl_get_const(interp, f[0], cmd, "cmsg level",
                               &items[i].level) != TCL_OK ||
            xapi_tcl_get_const(interp, f[1], cmd, "cmsg type",
                               &items[i].type) != TCL_OK ||
            xapi_tcl_get_bytes(interp, f[2], cmd, "cmsg data",
                               (const unsigned char **)&items[i].data,
                               &items[i].len) != TCL_OK)
            return TCL_ERROR;
    }
    *out = items;
    *count = (size_t)n;
    return TCL_OK;
}

/* The pieces of a message: a list of byte arrays, into stack (stackn of
 * them) when they fit, else ckalloc'd (*heap, freed by the caller). */
#define XAPI_TCL_STACK_PIECES 8
static int xapi_tcl_pieces(Tcl_Interp *interp, const char *cmd, Tcl_Obj *list,
                           struct iovec *stack, struct iovec **out,
                           size_t *count, struct iovec **heap)
{
    Tcl_Obj **pieces;
    int n, i;
    size_t total = 0;
    struct iovec *iov = stack;

    *heap = NULL;
    *out = stack;
    *count = 0;
    if (Tcl_ListObjGetElements(interp, list, &n, &pieces) != TCL_OK)
        return TCL_ERROR;
    if (n > XAPI_TCL_MAX_PIECES)
        return xapi_tcl_arg_error(interp, cmd, "buffers",
                                  "%d pieces, at most %d", n,
                                  XAPI_TCL_MAX_PIECES);
    if (n > XAPI_TCL_STACK_PIECES)
        iov = *heap = (struct iovec *)ckalloc((unsigned)n * sizeof(*iov));
    for (i = 0; i < n; i++) {
        const unsigned char *p;
        size_t len;

        if (xapi_tcl_get_bytes(interp, pieces[i], cmd, "buffers", &p,
                               &len) != TCL_OK)
            return TCL_ERROR;
        iov[i].iov_base = (void *)p;
        iov[i].iov_len = len;
        total += len;
    }
    if (total > (size_t)XAPI_TCL_MAX_SIZE)
        return xapi_tcl_arg_error(interp, cmd, "buffers",
            "hold %zu bytes, at most %" TCL_LL_MODIFIER "d", total,
            (long long)XAPI_TCL_MAX_SIZE);
    *out = iov;
    *count = (size_t)n;
    return TCL_OK;
}

/* A list of items -> a control buffer built by the core (ckalloc'd; NULL
 * when empty). */
static int xapi_tcl_build_control(Tcl_Interp *interp, const char *cmd,
                                  Tcl_Obj *list, unsigned char **bufp,
                                  size_t *lenp)
{
    xapi_item stack[XAPI_TCL_STACK_ITEMS], *items, *heap;
    xapi_error e = { 0, NULL, "" };
    size_t n, need = 0;
    int rc = TCL_ERROR;

    *bufp = NULL;
    *lenp = 0;
    if (xapi_tcl_items(interp, cmd, list, stack, XAPI_TCL_STACK_ITEMS, &items,
                       &n, &heap) != TCL_OK)
        goto done;
    if (xapi_items_space(items, n, &need, &e) < 0) {
        xapi_tcl_arg_error(interp, cmd, "cmsg", "%s", e.reason);
        goto done;
    }
    if (need > 0) {
        *bufp = (unsigned char *)ckalloc((unsigned)need);
        if (xapi_items_build(items, n, *bufp, need, lenp, &e) < 0) {
            ckfree((char *)*bufp);
            *bufp = NULL;
            xapi_tcl_raise(interp, strncmp(cmd, "xapi::", 6) == 0 ? cmd + 6
                                                                : cmd, &e);
            goto done;
        }
    }
    rc = TCL_OK;
done:
    if (heap != NULL)
        ckfree((char *)heap);
    return rc;
}

/* A dict entry under a fresh key (for results built once per call; the
 * receive paths use the shared keys below). */
static inline void xapi_tcl_dict_put(Tcl_Obj *d, const char *key, Tcl_Obj *v)
{
    Tcl_DictObjPut(NULL, d, Tcl_NewStringObj(key, -1), v);
}

/* ---- result dicts ----------------------------------------------------- */

/* Every dict a receive builds uses the same key objects and the same name
 * objects ("hoplimit", "pktinfo", ...), made once per interpreter on first
 * use (Tcl objects belong to one thread, so they are kept with the
 * interpreter, never in a global): a batch of a thousand messages creates
 * no key strings, and each key's hash is computed once. */
enum {
    XK_ADDRESS, XK_DATA, XK_CMSGS, XK_FLAGS, XK_NBYTES, XK_OFFSET,
    XK_LEVEL, XK_TYPE, XK_NAME, XK_VALUE,
    XK_ADDR, XK_IFINDEX, XK_MTU,
    XK_ERRNO, XK_ORIGIN, XK_CODE, XK_INFO, XK_OFFENDER, XK_VIEWS,
    XK_COUNT
};
static const char *const xapi_tcl_key_text[XK_COUNT] = {
    "address", "data", "cmsgs", "flags", "nbytes", "offset",
    "level", "type", "name", "value",
    "addr", "ifindex", "mtu",
    "errno", "origin", "code", "info", "offender", "views"
};
#define XAPI_TCL_NAME_SLOTS 16

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

/* The last source address a receive saw and its Tcl object: the messages
 * from one sender share one address object. */
typedef struct xapi_tcl_addr_cache {
    xapi_addr addr;
    Tcl_Obj *obj; /* holds a reference; NULL: empty */
} xapi_tcl_addr_cache;

typedef struct xapi_tcl_keys {
    Tcl_Obj *key[XK_COUNT];
    struct {
        const char *text; /* the core's name string (static storage) */
        Tcl_Obj *obj;
    } names[XAPI_TCL_NAME_SLOTS];
    Tcl_Obj *small[XAPI_TCL_SMALL_MAX - XAPI_TCL_SMALL_MIN + 1];
    unsigned char ctl[XAPI_TCL_CTL_CACHE];
    size_t ctl_len;
    Tcl_Obj *ctl_list; /* with a reference; NULL: empty */
    Tcl_Obj *ctl_views; /* its views dict, with a reference */
    xapi_tcl_addr_cache addr;
    xapi_tcl_addr_cache dest; /* the last destination sent to */
    int dest_fd;
} xapi_tcl_keys;

static void xapi_tcl_addr_cache_free(xapi_tcl_addr_cache *ac)
{
    if (ac->obj)
        Tcl_DecrRefCount(ac->obj);
    ac->obj = NULL;
}

static void xapi_tcl_keys_free(ClientData cd, Tcl_Interp *interp)
{
    xapi_tcl_keys *k = (xapi_tcl_keys *)cd;
    int i;

    (void)interp;
    for (i = 0; i < XK_COUNT; i++)
        Tcl_DecrRefCount(k->key[i]);
    for (i = 0; i < XAPI_TCL_NAME_SLOTS && k->names[i].obj; i++)
        Tcl_DecrRefCount(k->names[i].obj);
    for (i = 0; i < XAPI_TCL_SMALL_MAX - XAPI_TCL_SMALL_MIN + 1; i++)
        if (k->small[i])
            Tcl_DecrRefCount(k->small[i]);
    if (k->ctl_list) {
        Tcl_DecrRefCount(k->ctl_list);
        Tcl_DecrRefCount(k->ctl_views);
    }
    xapi_tcl_addr_cache_free(&k->addr);
    xapi_tcl_addr_cache_free(&k->dest);
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

/* A destination for socket fd: {} for none, a path for a unix socket,
 * else {host port}, parsed for the socket's family.  A sender repeats its
 * destination: the last one parsed is kept with its descriptor (a reused
 * descriptor of another family makes the kernel refuse the send). */
static int xapi_tcl_dest(Tcl_Interp *interp, const char *cmd, int fd,
                         Tcl_Obj *to, xapi_addr *out)
{
    xapi_tcl_keys *k = xapi_tcl_get_keys(interp);
    Tcl_Obj **hp;
    int family, nhp, rc;

    memset(out, 0, sizeof(*out));
    if (to == k->dest.obj && fd == k->dest_fd) {
        *out = k->dest.addr;
        return TCL_OK;
    }
    if (Tcl_ListObjLength(NULL, to, &nhp) == TCL_OK && nhp == 0)
        return TCL_OK;
    family = xapi_socket_family(fd);
    if (family < 0)
        return xapi_tcl_os_error(interp, cmd);
    if (family == AF_UNIX)
        rc = xapi_tcl_parse_addr(interp, cmd, family, to, NULL, out);
    else if (Tcl_ListObjGetElements(NULL, to, &nhp, &hp) != TCL_OK || nhp != 2)
        return xapi_tcl_arg_error(interp, cmd, "-to",
            "expected {host port}, got \"%.60s\"", Tcl_GetString(to));
    else
        rc = xapi_tcl_parse_addr(interp, cmd, family, hp[0], hp[1], out);
    if (rc == TCL_OK) {
        Tcl_IncrRefCount(to);
        xapi_tcl_addr_cache_free(&k->dest);
        k->dest.obj = to;
        k->dest.addr = *out;
        k->dest_fd = fd;
    }
    return rc;
}


/* The shared object for a typed view's name. */
static Tcl_Obj *xapi_tcl_name_obj(xapi_tcl_keys *k, const char *name)
{
    int i;

    for (i = 0; i < XAPI_TCL_NAME_SLOTS && k->names[i].obj; i++)
        if (k->names[i].text == name || strcmp(k->names[i].text, name) == 0)
            return k->names[i].obj;
    if (i == XAPI_TCL_NAME_SLOTS)
        return Tcl_NewStringObj(name, -1); /* more names than slots */
    k->names[i].text = name;
    k->names[i].obj = Tcl_NewStringObj(name, -1);
    Tcl_IncrRefCount(k->names[i].obj);
    return k->names[i].obj;
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

/* The value of a path-MTU item: {addr A ifindex N mtu N}. */
static Tcl_Obj *xapi_tcl_mtuinfo_obj(xapi_tcl_keys *k, const xapi_mtuinfo *mi)
{
    Tcl_Obj *d = Tcl_NewDictObj();

    XAPI_TCL_PUT(d, k, XK_ADDR, Tcl_NewStringObj(mi->addr, -1));
    XAPI_TCL_PUT(d, k, XK_IFINDEX, Tcl_NewWideIntObj((Tcl_WideInt)mi->ifindex));
    XAPI_TCL_PUT(d, k, XK_MTU, Tcl_NewWideIntObj((Tcl_WideInt)mi->mtu));
    return d;
}

/* The value of an error-queue item: {errno ENAME origin N type N code N
 * info N data N offender ADDR-or-empty}.  ENAME is the symbolic name
 * (EHOSTUNREACH), as errorCode {POSIX ENAME ...} gives it; a number the
 * error table does not know stays a number. */
static Tcl_Obj *xapi_tcl_sock_err_obj(xapi_tcl_keys *k,
                                      const xapi_sock_err *se)
{
    Tcl_Obj *d = Tcl_NewDictObj();
    const char *ename = xapi_errno_name(se->ee_errno);

    XAPI_TCL_PUT(d, k, XK_ERRNO, ename ? Tcl_NewStringObj(ename, -1)
                                       : Tcl_NewIntObj(se->ee_errno));
    XAPI_TCL_PUT(d, k, XK_ORIGIN, Tcl_NewIntObj(se->origin));
    XAPI_TCL_PUT(d, k, XK_TYPE, Tcl_NewIntObj(se->type));
    XAPI_TCL_PUT(d, k, XK_CODE, Tcl_NewIntObj(se->code));
    XAPI_TCL_PUT(d, k, XK_INFO, Tcl_NewWideIntObj((Tcl_WideInt)se->info));
    XAPI_TCL_PUT(d, k, XK_DATA, Tcl_NewWideIntObj((Tcl_WideInt)se->data));
    XAPI_TCL_PUT(d, k, XK_OFFENDER, Tcl_NewStringObj(
        se->has_offender ? se->offender : "", -1));
    return d;
}

/* One received or parsed item as a dict: level, type, data, and for items
 * the core has a typed view of, name and value.  strict: a malformed
 * known item is an argument error (parse_cmsgs); otherwise it keeps its
 * raw bytes only (a receive: the kernel cuts the last item at MSG_CTRUNC). */
static Tcl_Obj *xapi_tcl_item_obj(xapi_tcl_keys *k, const xapi_cmsg *c,
                                  const xapi_value *vp, Tcl_Obj *views)
{
    xapi_value v = *vp;
    Tcl_Obj *d, *value = NULL;

    d = Tcl_NewDictObj();
    XAPI_TCL_PUT(d, k, XK_LEVEL, xapi_tcl_int(k, c->level));
    XAPI_TCL_PUT(d, k, XK_TYPE, xapi_tcl_int(k, c->type));
    XAPI_TCL_PUT(d, k, XK_DATA, Tcl_NewByteArrayObj(c->data, (int)c->len));
    switch (v.kind) {
    case XAPI_VALUE_INT:
        value = xapi_tcl_int(k, v.i);
        break;
    case XAPI_VALUE_PKTINFO: {
        Tcl_Obj *pi[3];
        int npi = 2;

        pi[0] = Tcl_NewStringObj(v.pktinfo.addr, -1);
        pi[1] = xapi_tcl_int(k, (Tcl_WideInt)v.pktinfo.ifindex);
        if (v.pktinfo.family == AF_INET)
            pi[npi++] = Tcl_NewStringObj(v.pktinfo.spec_dst, -1);
        value = Tcl_NewListObj(npi, pi);
        break;
    }
    case XAPI_VALUE_MTUINFO:
        value = xapi_tcl_mtuinfo_obj(k, &v.mtuinfo);
        break;
    case XAPI_VALUE_SOCK_ERR:
        value = xapi_tcl_sock_err_obj(k, &v.sock_err);
        break;
    default:
        break;
    }
    if (value != NULL && v.name != NULL) {
        Tcl_Obj *name = xapi_tcl_name_obj(k, v.name), *seen = NULL;

        XAPI_TCL_PUT(d, k, XK_NAME, name);
        XAPI_TCL_PUT(d, k, XK_VALUE, value);
        /* views: the first item of each name */
        if (views && Tcl_DictObjGet(NULL, views, name, &seen) == TCL_OK &&
            seen == NULL)
            Tcl_DictObjPut(NULL, views, name, value);
    } else if (value != NULL) {
        Tcl_DecrRefCount(value);
    }
    return d;
}

/* The same from a validated item, decoded with the core's one decoder;
 * strict: a malformed known payload is an argument error, otherwise it
 * keeps its raw bytes and gets no view. */
static Tcl_Obj *xapi_tcl_cmsg_obj(Tcl_Interp *interp, xapi_tcl_keys *k,
                                  const char *cmd, const xapi_cmsg *c,
                                  int strict, Tcl_Obj *views)
{
    xapi_value v;

    v.kind = XAPI_VALUE_NONE;
    v.name = NULL;
    errno = 0;
    if (xapi_cmsg_decode(c, &v) < 0) {
        if (strict) {
            xapi_tcl_arg_error(interp, cmd, "bytes",
                "item level %d type %d has a malformed %zu-byte payload",
                c->level, c->type, c->len);
            return NULL;
        }
        v.kind = XAPI_VALUE_NONE;
    }
    return xapi_tcl_item_obj(k, c, &v, views);
}

/* Decoded items as a list of item dicts. */
static Tcl_Obj *xapi_tcl_items_list(Tcl_Interp *interp, const xapi_cmsg *c,
                                    const xapi_value *v, size_t n)
{
    xapi_tcl_keys *k = xapi_tcl_get_keys(interp);
    Tcl_Obj *list = Tcl_NewListObj(0, NULL);
    size_t i;

    for (i = 0; i < n; i++)
        Tcl_ListObjAppendElement(NULL, list,
                                 xapi_tcl_item_obj(k, &c[i], &v[i], NULL));
    return list;
}

/* Walks a control buffer into a list of item dicts. */
static Tcl_Obj *xapi_tcl_cmsg_list(Tcl_Interp *interp, xapi_tcl_keys *k,
                                   const char *cmd, const void *control,
                                   size_t len, int strict, Tcl_Obj *views)
{
    xapi_cmsg_iter it;
    xapi_cmsg c;
    Tcl_Obj *list = Tcl_NewListObj(0, NULL), *item;
    int r;

    xapi_cmsg_iter_init(&it, control, len);
    while ((r = xapi_cmsg_next(&it, &c)) == 1) {
        item = xapi_tcl_cmsg_obj(interp, k, cmd, &c, strict, views);
        if (item == NULL) {
            Tcl_DecrRefCount(list);
            return NULL;
        }
        Tcl_ListObjAppendElement(NULL, list, item);
    }
    if (r < 0 && strict) {
        Tcl_DecrRefCount(list);
        xapi_tcl_arg_error(interp, cmd, "bytes",
            "malformed control buffer: a cmsg_len is below the header size "
            "or runs past the end");
        return NULL;
    }
    return list;
}

static Tcl_Obj *xapi_tcl_cached_addr(Tcl_Interp *interp, const char *cmd,
                                     xapi_tcl_addr_cache *ac,
                                     const xapi_addr *a)
{
    Tcl_Obj *o;

    if (ac->obj && ac->addr.len == a->len &&
        memcmp(&ac->addr.ss, &a->ss, a->len) == 0)
        return ac->obj;
    o = xapi_tcl_addr_obj(interp, cmd, a);
    if (o == NULL)
        return NULL;
    xapi_tcl_addr_cache_free(ac);
    ac->addr = *a;
    ac->obj = o;
    Tcl_IncrRefCount(o);
    return o;
}

/* One received message as a dict: address, data (a list of the pieces,
 * each cut to what arrived), cmsgs, views (name -> value of the first
 * typed item of each name: the shortcut a loop over many messages wants),
 * flags, nbytes.  The receive-into forms
 * leave data out (it is in the caller's byte array) and give offset, where
 * the message starts in it, unless offset is negative. */
static Tcl_Obj *xapi_tcl_msg_obj(Tcl_Interp *interp, xapi_tcl_keys *k,
                                 const char *cmd, const xapi_msg *m,
                                 int with_data, Tcl_WideInt offset)
{
    Tcl_Obj *d, *addr, *cmsgs, *views;
    size_t i;

    addr = xapi_tcl_cached_addr(interp, cmd, &k->addr, &m->addr);
    if (addr == NULL)
        return NULL;
    if (k->ctl_list && m->controllen == k->ctl_len &&
        (m->controllen == 0 ||
         memcmp(m->control, k->ctl, m->controllen) == 0)) {
        cmsgs = k->ctl_list;
        views = k->ctl_views;
    } else {
        views = Tcl_NewDictObj();
        cmsgs = xapi_tcl_cmsg_list(interp, k, cmd, m->control, m->controllen,
                                   0, views);
        if (m->controllen <= XAPI_TCL_CTL_CACHE) {
            if (k->ctl_list) {
                Tcl_DecrRefCount(k->ctl_list);
                Tcl_DecrRefCount(k->ctl_views);
            }
            if (m->controllen)
                memcpy(k->ctl, m->control, m->controllen);
            k->ctl_len = m->controllen;
            k->ctl_list = cmsgs;
            k->ctl_views = views;
            Tcl_IncrRefCount(cmsgs);
            Tcl_IncrRefCount(views);
        }
    }
    d = Tcl_NewDictObj();
    XAPI_TCL_PUT(d, k, XK_ADDRESS, addr);
    if (with_data) {
        Tcl_Obj *data;

        if (m->iovlen == 1) {
            Tcl_Obj *one = Tcl_NewByteArrayObj(
                (unsigned char *)m->iov[0].iov_base,
                (int)xapi_msg_piece_len(m, 0));
            data = Tcl_NewListObj(1, &one);
        } else {
            data = Tcl_NewListObj(0, NULL);
            for (i = 0; i < m->iovlen; i++)
                Tcl_ListObjAppendElement(NULL, data, Tcl_NewByteArrayObj(
                    (unsigned char *)m->iov[i].iov_base,
                    (int)xapi_msg_piece_len(m, i)));
        }
        XAPI_TCL_PUT(d, k, XK_DATA, data);
    } else if (offset >= 0) {
        XAPI_TCL_PUT(d, k, XK_OFFSET, Tcl_NewWideIntObj(offset));
    }
    XAPI_TCL_PUT(d, k, XK_CMSGS, cmsgs);
    XAPI_TCL_PUT(d, k, XK_VIEWS, views);
    XAPI_TCL_PUT(d, k, XK_FLAGS, xapi_tcl_int(k, m->flags));
    XAPI_TCL_PUT(d, k, XK_NBYTES, xapi_tcl_int(k, (Tcl_WideInt)m->datalen));
    return d;
}

/* -anc, -flags, -size, -timeout style options after the fixed words:
 * objv[first..objc-1] as pairs; opts[i] names option i and *seen[i] gets
 * its value object (NULL when absent).  Returns TCL_ERROR for an unknown
 * option or one without a value. */
static int xapi_tcl_options(Tcl_Interp *interp, const char *cmd, int objc,
                            Tcl_Obj *const objv[], int first,
                            const char *const opts[], Tcl_Obj **seen)
{
    int i, idx;

    for (i = 0; opts[i]; i++)
        seen[i] = NULL;
    for (i = first; i < objc; i += 2) {
        if (Tcl_GetIndexFromObj(interp, objv[i], opts, "option", 0,
                                &idx) != TCL_OK)
            return TCL_ERROR;
        if (i + 1 >= objc)
            return xapi_tcl_arg_error(interp, cmd, opts[idx],
                                      "the option needs a value");
        seen[idx] = objv[i + 1];
    }
    return TCL_OK;
}

/* An interface index: an integer, or a name looked up with
 * if_nametoindex. */
static int xapi_tcl_get_ifindex(Tcl_Interp *interp, Tcl_Obj *obj,
                                const char *cmd, unsigned *out)
{
    Tcl_WideInt w;
    Tcl_DString ds;
    int rc = xapi_tcl_get_wide(NULL, obj, &w);

    if (rc == XAPI_TCL_BIG)
        return xapi_tcl_arg_error(interp, cmd, "ifindex",
            "%.60s is out of range", Tcl_GetString(obj));
    if (rc == TCL_OK) {
        if (w < 0 || w > UINT_MAX)
            return xapi_tcl_arg_error(interp, cmd, "ifindex",
                "%" TCL_LL_MODIFIER "d is out of range", (long long)w);
        *out = (unsigned)w;
        return TCL_OK;
    }
    if (xapi_tcl_get_text(interp, obj, cmd, "ifindex", &ds) != TCL_OK)
        return TCL_ERROR;
    errno = 0;
    *out = xapi_if_nametoindex(Tcl_DStringValue(&ds));
    Tcl_DStringFree(&ds);
    if (*out == 0)
        return xapi_tcl_os_error(interp, cmd);
    return TCL_OK;
}

/* ---- message I/O ----------------------------------------------------- */

/* xapi::recvmsg socket sizes ?-anc n? ?-flags flags?
 *   -> dict address, data, cmsgs, flags, nbytes */
static int xapi_tcl_recvmsg(ClientData cd, Tcl_Interp *interp, int objc,
                            Tcl_Obj *const objv[])
{
    static const char *const opts[] = { "-anc", "-flags", NULL };
    const char *cmd = "xapi::recvmsg";
    Tcl_Obj **sv, *result = NULL;
    Tcl_WideInt anc = 0, total = 0, w;
    struct iovec *iov = NULL;
    unsigned char *buf = NULL, *control = NULL;
    xapi_msg m;
    ssize_t n;
    int fd, flags = 0, nsizes, i, idx, rc = TCL_ERROR;

    (void)cd;
    if (objc < 3 || objc % 2 == 0) {
        Tcl_WrongNumArgs(interp, 1, objv,
                         "socket sizes ?-anc n? ?-flags flags?");
        return TCL_ERROR;
    }
    if (xapi_tcl_get_fd(interp, objv[1], cmd, &fd) != TCL_OK)
        return TCL_ERROR;
    for (i = 3; i < objc; i += 2) {
        if (Tcl_GetIndexFromObj(interp, objv[i], opts, "option", 0,
                                &idx) != TCL_OK)
            return TCL_ERROR;
        if (idx == 0) {
            if (xapi_tcl_get_range(interp, objv[i + 1], cmd, "-anc", 0,
                                   XAPI_TCL_MAX_ANC, &anc) != TCL_OK)
                return TCL_ERROR;
        } else if (xapi_tcl_get_const(interp, objv[i + 1], cmd, "flags",
                                      &flags) != TCL_OK) {
            return TCL_ERROR;
        }
    }
    if (Tcl_ListObjGetElements(interp, objv[2], &nsizes, &sv) != TCL_OK)
        return TCL_ERROR;
    if (nsizes > XAPI_TCL_MAX_PIECES)
        return xapi_tcl_arg_error(interp, cmd, "sizes",
                                  "%d pieces, at most %d", nsizes,
                                  XAPI_TCL_MAX_PIECES);
    iov = (struct iovec *)ckalloc(
        (unsigned)(sizeof *iov * (size_t)(nsizes ? nsizes : 1)));
    for (i = 0; i < nsizes; i++) {
        if (xapi_tcl_get_range(interp, sv[i], cmd, "sizes", 0,
                               XAPI_TCL_MAX_SIZE, &w) != TCL_OK)
            goto done;
        iov[i].iov_len = (size_t)w;
        total += w;
    }
    if (total > XAPI_TCL_MAX_SIZE) {
        xapi_tcl_arg_error(interp, cmd, "sizes",
            "add up to %" TCL_LL_MODIFIER "d bytes, at most %" TCL_LL_MODIFIER
            "d", (long long)total, (long long)XAPI_TCL_MAX_SIZE);
        goto done;
    }
    buf = (unsigned char *)attemptckalloc((unsigned)(total ? total : 1));
    control = anc ? (unsigned char *)attemptckalloc((unsigned)anc) : NULL;
    if (buf == NULL || (anc && control == NULL)) {
        errno = ENOMEM;
        xapi_tcl_os_error(interp, cmd);
        goto done;
    }
    for (i = 0, w = 0; i < nsizes; i++) {
        iov[i].iov_base = buf + w;
        w += (Tcl_WideInt)iov[i].iov_len;
    }
    memset(&m, 0, sizeof m);
    m.iov = iov;
    m.iovlen = (size_t)nsizes;
    m.control = control;
    m.controllen = (size_t)anc;
    errno = 0;
    n = xapi_recvmsg(fd, &m, flags);
    if (n < 0) {
        xapi_tcl_os_error(interp, cmd);
        goto done;
    }

    result = xapi_tcl_msg_obj(interp, xapi_tcl_get_keys(interp), cmd, &m, 1,
                              -1);
    if (result == NULL)
        goto done;
    Tcl_SetObjResult(interp, result);
    rc = TCL_OK;
done:
    if (iov)
        ckfree((char *)iov);
    if (buf)
        ckfree((char *)buf);
    if (control)
        ckfree((char *)control);
    return rc;
}

/* ---- channels and interfaces ----------------------------------------- */

/* xapi::accept socket -> a new channel */
static int xapi_tcl_accept(ClientData cd, Tcl_Interp *interp, int objc,
                           Tcl_Obj *const objv[])
{
    Tcl_Obj *chan;
    int fd, nfd;

    (void)cd;
    if (objc != 2) {
        Tcl_WrongNumArgs(interp, 1, objv, "socket");
        return TCL_ERROR;
    }
    if (xapi_tcl_get_fd(interp, objv[1], "xapi::accept", &fd) != TCL_OK)
        return TCL_ERROR;
    errno = 0;
    nfd = xapi_accept(fd, NULL);
    if (nfd < 0)
        return xapi_tcl_os_error(interp, "xapi::accept");
    chan = xapi_tcl_channel_obj(interp, nfd);
    if (chan == NULL) {
        Tcl_SetObjResult(interp, Tcl_NewStringObj(
            "xapi::accept: cannot make a channel", -1));
        return TCL_ERROR;
    }
    Tcl_SetObjResult(interp, chan);
    return TCL_OK;
}

/* xapi::close socket: a channel is unregistered (and so closed), a plain
 * descriptor closed. */
static int xapi_tcl_close(ClientData cd, Tcl_Interp *interp, int objc,
                          Tcl_Obj *const objv[])
{
    Tcl_Channel chan;
    Tcl_WideInt w;
    int fd, mode;

    (void)cd;
    if (objc != 2) {
        Tcl_WrongNumArgs(interp, 1, objv, "socket");
        return TCL_ERROR;
    }
    if (xapi_tcl_get_wide(NULL, objv[1], &w) != TCL_ERROR) {
        /* (xapi_tcl_get_fd's check: never close a wrapped number) */
        if (xapi_tcl_get_fd(interp, objv[1], "xapi::close", &fd) != TCL_OK)
            return TCL_ERROR;
        errno = 0;
        if (xapi_close(fd) < 0)
            return xapi_tcl_os_error(interp, "xapi::close");
        return TCL_OK;
    }
    chan = Tcl_GetChannel(interp, Tcl_GetString(objv[1]), &mode);
    if (chan == NULL) {
        Tcl_ResetResult(interp);
        return xapi_tcl_arg_error(interp, "xapi::close", "socket",
            "\"%.60s\" is neither a channel nor a descriptor",
            Tcl_GetString(objv[1]));
    }
    return Tcl_UnregisterChannel(interp, chan);
}

/* xapi::fileno socket -> the descriptor behind a channel (an integer is
 * returned as it is). */
static int xapi_tcl_fileno(ClientData cd, Tcl_Interp *interp, int objc,
                           Tcl_Obj *const objv[])
{
    int fd;

    (void)cd;
    if (objc != 2) {
        Tcl_WrongNumArgs(interp, 1, objv, "socket");
        return TCL_ERROR;
    }
    if (xapi_tcl_get_fd(interp, objv[1], "xapi::fileno", &fd) != TCL_OK)
        return TCL_ERROR;
    Tcl_SetObjResult(interp, Tcl_NewIntObj(fd));
    return TCL_OK;
}

%}

%native(recvmsg) int xapi_tcl_recvmsg(ClientData, Tcl_Interp *, int, Tcl_Obj *const[]);
%native(accept) int xapi_tcl_accept(ClientData, Tcl_Interp *, int, Tcl_Obj *const[]);
%native(close) int xapi_tcl_close(ClientData, Tcl_Interp *, int, Tcl_Obj *const[]);
%native(fileno) int xapi_tcl_fileno(ClientData, Tcl_Interp *, int, Tcl_Obj *const[]);


