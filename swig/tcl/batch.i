/*
 * swig/tcl/batch.i - Tcl's typemaps for the batch shapes declared in
 * swig/xapi.i ("==== batches ===="), which includes this file (as
 * "batch.i": the Tcl build searches swig/tcl first) ahead of the
 * declarations.  bindings/tcl/batch.tcl turns the options of the public
 * commands (xapi::recvbatch, recvbatch_into, recvmsg_into, sendbatch)
 * into these positional words.
 *
 * One native crossing per call: the core receives and decodes the whole
 * batch (xapi_recv_batch_recv*), the argout typemaps build the list of
 * recvmsg dicts from its views, sharing what a message shares with the
 * one before it (XAPI_BATCH_SAME_*), and a send list is marshalled into
 * xapi_batch_out structs for xapi_batch_sendv.
 *
 * How Tcl spells the shapes:
 *   xapi_recv_batch *BATCH_RESULT, *BATCH_INTO_RESULT
 *       the handle xapi::_recv_batch_new returns (SWIG's owned pointer
 *       object: a command whose deletion, or the interpreter's, frees
 *       the batch).  batch.tcl keeps one per interpreter for the last
 *       dimensions asked for, so a receive loop allocates nothing.
 *   (void *WRITABLE, size_t WRITABLE_LEN)
 *       a variable holding a byte array: {varName}, {varName size} (made
 *       size bytes first, zero-filled, created if missing) or
 *       {varName slot count} (made slot * count bytes).
 *   (const struct iovec *WRITABLE_PIECES, size_t WRITABLE_NPIECES)
 *       one of those (recvmsg_into receives into one variable).
 *   (const xapi_batch_out *SEND_LIST, size_t SEND_COUNT)
 *       a list of message dicts {data pieces ?to address? ?cmsgs items?}.
 *   unsigned BATCH_COUNT, size_t BATCH_SIZE
 *       integers read with xapi_tcl_get_range: 1..XAPI_BATCH_MAX, and
 *       0..XAPI_MAX_DATA.
 * The helpers are in the wrapper section: they call commands.i's dict
 * builders, which come after swig/xapi.i.
 */

/* ---- sizes: a bad value names the argument ------------------------- */

XAPI_TCL_RANGE_IN(unsigned BATCH_COUNT, "$1_name", 1, XAPI_BATCH_MAX)
XAPI_TCL_RANGE_IN(size_t BATCH_SIZE, "$1_name", 0, XAPI_TCL_MAX_SIZE)
/* -timeout ms: -1 (none) or a wait in milliseconds. */
XAPI_TCL_RANGE_IN(int timeout_ms, "-timeout", -1, INT_MAX)

/* ---- the batch and the results --------------------------------------- */

/* xapi::recvbatch socket count size ?-anc n? ?-flags f? ?-timeout ms?
 * ?-gro bool? is the generated command itself: its option words are read
 * before SWIG's argument check, the words become {socket batch count
 * flags timeout}, and the batch is the one kept with the interpreter for
 * the last {count size anc gro} (xapi_tcl_kept_batch): no Tcl proc runs
 * per batch. */
%typemap(arginit) xapi_recv_batch *BATCH_RESULT (Tcl_Obj *rb_words[6],
                                                 Tcl_Obj *rb_opts[4],
                                                 Tcl_Obj *rb_dims[4]) {
  static const char *const rb_names[] = { "-anc", "-flags", "-timeout",
                                          "-gro", NULL };
  xapi_tcl_keys *rbk;
  if (xapi_tcl_options(interp, "xapi::$symname", "socket count size "
                       "?-anc n? ?-flags flags? ?-timeout ms? ?-gro bool?",
                       objc, objv, 3, rb_names, rb_opts) != TCL_OK)
    SWIG_fail;
  rbk = xapi_tcl_get_keys(interp);
  rb_dims[0] = objv[2];
  rb_dims[1] = objv[3];
  rb_dims[2] = rb_opts[0];
  rb_dims[3] = rb_opts[3];
  rb_words[0] = objv[0];
  rb_words[1] = objv[1];
  rb_words[2] = objv[3]; /* (the batch's word: not read) */
  rb_words[3] = objv[2];
  rb_words[4] = rb_opts[1] != NULL ? rb_opts[1] : xapi_tcl_int(rbk, 0);
  rb_words[5] = rb_opts[2] != NULL ? rb_opts[2] : xapi_tcl_int(rbk, -1);
  objv = rb_words;
  objc = 6;
}
%typemap(in) xapi_recv_batch *BATCH_RESULT (int big = 0) {
  $1 = xapi_tcl_kept_batch(interp, "xapi::$symname", rb_dims$argnum, &big);
  if ($1 == NULL)
    SWIG_fail;
}
/* One over 4 MiB is freed after its call. */
%typemap(freearg) xapi_recv_batch *BATCH_RESULT {
  if (big$argnum) xapi_tcl_kept_batch_drop(interp);
}
%typemap(in) xapi_recv_batch *BATCH_INTO_RESULT {
  void *batch_p = NULL;
  if (SWIG_ConvertPtr($input, &batch_p, $descriptor(xapi_recv_batch *),
                      0) != SWIG_OK || batch_p == NULL) {
    xapi_tcl_arg_error(interp, "xapi::$symname", "batch",
        "expected a receive batch, got \"%.60s\"", Tcl_GetString($input));
    SWIG_fail;
  }
  $1 = (xapi_recv_batch *)batch_p;
}
/* The handle owns the batch (SWIG's Tcl pointer out typemap passes no
 * ownership, whatever %newobject says). */
%typemap(out) xapi_recv_batch *xapi_recv_batch_new
  "Tcl_SetObjResult(interp, SWIG_NewInstanceObj($1, $1_descriptor, SWIG_POINTER_OWN));";
%typemap(argout) xapi_recv_batch *BATCH_RESULT {
  Tcl_SetObjResult(interp, xapi_tcl_batch_list(interp, $1, 0));
}
%typemap(argout) xapi_recv_batch *BATCH_INTO_RESULT {
  Tcl_SetObjResult(interp, xapi_tcl_batch_list(interp, $1, 1));
}
%typemap(out) int xapi_recv_batch_recv, int xapi_recv_batch_recv_into,
              int xapi_recv_batch_recv_iov "";

/* ---- byte arrays in variables, written by the receive ---------------- */

%typemap(in) (void *WRITABLE, size_t WRITABLE_LEN)
    (Tcl_Obj *into = NULL) {
  $1 = NULL;
  $2 = 0;
  if (xapi_tcl_into_get(interp, "xapi::$symname", $input, &into) != TCL_OK)
    SWIG_fail;
}
/* The bytes last, after every other argument is converted. */
%typemap(check) (void *WRITABLE, size_t WRITABLE_LEN) {
  $1 = xapi_tcl_into_bytes(into$argnum, &$2);
}
%typemap(freearg) (void *WRITABLE, size_t WRITABLE_LEN) {
  xapi_tcl_into_release(&into$argnum);
}

/* recvmsg_into's buffers: one variable, as above (the shape is one
 * buffer or a list of them; Tcl's recvmsg_into takes one variable). */
%typemap(in) (const struct iovec *WRITABLE_PIECES, size_t WRITABLE_NPIECES)
    (Tcl_Obj *into = NULL, struct iovec iov) {
  $1 = &iov;
  $2 = 1;
  if (xapi_tcl_into_get(interp, "xapi::$symname", $input, &into) != TCL_OK)
    SWIG_fail;
}
%typemap(check) (const struct iovec *WRITABLE_PIECES, size_t WRITABLE_NPIECES) {
  iov$argnum.iov_base = xapi_tcl_into_bytes(into$argnum,
                                            &iov$argnum.iov_len);
}
%typemap(freearg) (const struct iovec *WRITABLE_PIECES, size_t WRITABLE_NPIECES) {
  xapi_tcl_into_release(&into$argnum);
}

/* ---- a send list ------------------------------------------------------- */

%typemap(in) (const xapi_batch_out *SEND_LIST, size_t SEND_COUNT)
    (xapi_tcl_sendlist sl, int sl_held = 0) {
  sl_held = 1;
  if (xapi_tcl_sendlist_make(interp, "xapi::$symname", arg1, $input,
                             &sl) != TCL_OK)
    SWIG_fail;
}
/* The bytes last, after every other argument is converted (the flags
 * word may be the very object of a piece: a shared literal "0"). */
%typemap(check) (const xapi_batch_out *SEND_LIST, size_t SEND_COUNT) {
  if (xapi_tcl_sendlist_bytes(interp, "xapi::$symname", &sl$argnum) != TCL_OK)
    SWIG_fail;
  $1 = sl$argnum.out;
  $2 = sl$argnum.n;
}
%typemap(freearg) (const xapi_batch_out *SEND_LIST, size_t SEND_COUNT) {
  if (sl_held$argnum) xapi_tcl_sendlist_clear(&sl$argnum);
}

%{
/* A marshalled send list (xapi_tcl_sendlist_make).  Every object whose
 * bytes it points at is held (in held) until the send returns: no
 * conversion of another value can free them, so nothing is copied. */
typedef struct xapi_tcl_sendlist {
    xapi_batch_out *out; /* one allocation with addrs and item0 */
    size_t n, np, ni;    /* messages, pieces, items */
    xapi_addr *addrs;
    size_t *item0;       /* each message's first item, -1: none of its own */
    xapi_cmsg *items;
    struct iovec *iov;
    Tcl_Obj *held;       /* the pieces' and payloads' objects, in order */
    Tcl_Obj *prev_to, *prev_cm; /* the last message's, held */
} xapi_tcl_sendlist;
%}

%wrapper %{
/* xapi::recvbatch's batch for {count size ?anc? ?gro?} (checked here,
 * named as the command's arguments): the one kept with the interpreter
 * when its dimensions are those, else a new one, kept in its place
 * (xapi_recv_batch_fit); *big is set for one over 4 MiB, which the
 * command drops after its call (xapi_tcl_kept_batch_drop).  With -gro
 * true the batch splits UDP_GRO buffers, with room for the most segments
 * (UDP_GRO_CNT_MAX, 64) Linux coalesces into each buffer. */
static xapi_recv_batch *xapi_tcl_kept_batch(Tcl_Interp *interp,
                                            const char *cmd,
                                            Tcl_Obj *const dims[4], int *big)
{
    xapi_tcl_keys *k = xapi_tcl_get_keys(interp);
    Tcl_WideInt count, size, anc = 0;
    int gro = 0;
    xapi_error e = { 0 };

    if (dims[3] != NULL &&
        Tcl_GetBooleanFromObj(NULL, dims[3], &gro) != TCL_OK) {
        xapi_tcl_arg_error(interp, cmd, "-gro", "expected a boolean, got "
                           "\"%.60s\"", Tcl_GetString(dims[3]));
        return NULL;
    }
    if (xapi_tcl_get_range(interp, dims[0], cmd, "count", 1, XAPI_BATCH_MAX,
                           &count) != TCL_OK ||
        xapi_tcl_get_range(interp, dims[1], cmd, "size", 0,
                           XAPI_TCL_MAX_SIZE, &size) != TCL_OK ||
        (dims[2] != NULL &&
         xapi_tcl_get_range(interp, dims[2], cmd, "-anc", 0,
                            XAPI_TCL_MAX_ANC, &anc) != TCL_OK))
        return NULL;
    if (xapi_recv_batch_fit(&k->rb, (unsigned)count, (size_t)size,
                            (size_t)anc, gro ? (unsigned)count * 64 : 0,
                            &e) < 0) {
        if (e.arg != NULL && strcmp(e.arg, "ancsize") == 0)
            e.arg = "-anc"; /* the option's name */
        (void)xapi_tcl_raise(interp, "xapi_recv_batch_recv", &e);
        return NULL;
    }
    *big = count * (size + anc) > (4 << 20);
    return k->rb;
}

static void xapi_tcl_kept_batch_drop(Tcl_Interp *interp)
{
    xapi_tcl_keys *k = xapi_tcl_get_keys(interp);

    xapi_recv_batch_free(k->rb);
    k->rb = NULL;
}

/* The messages of the last receive as a list of recvmsg dicts
 * (xapi_tcl_msg_obj): with data (a list of one byte array, cut to what
 * arrived), or for the receive-into forms with offset (where each starts
 * in the caller's byte array). */
static Tcl_Obj *xapi_tcl_batch_list(Tcl_Interp *interp,
                                    const xapi_recv_batch *rb, int into)
{
    xapi_tcl_keys *k = xapi_tcl_get_keys(interp);
    unsigned n = xapi_recv_batch_count(rb), i;
    const xapi_batch_msg *m0 = n ? xapi_recv_batch_msg(rb, 0) : NULL;
    Tcl_Obj *prev[3] = { NULL, NULL, NULL }, *data = NULL, *one;
    Tcl_Obj *list = Tcl_NewListObj((int)n, NULL); /* room for n */

    for (i = 0; i < n; i++) {
        const xapi_batch_msg *m = xapi_recv_batch_msg(rb, i);

        if (!into) {
            one = Tcl_NewByteArrayObj(m->data, (int)m->len);
            data = Tcl_NewListObj(1, &one);
        }
        Tcl_ListObjAppendElement(NULL, list, xapi_tcl_msg_obj(k, NULL, m,
            data, (m->data != NULL && m0->data != NULL)
                      ? (Tcl_WideInt)(m->data - m0->data) : 0, prev));
    }
    return list;
}

/* ---- byte arrays in variables ------------------------------------------ */

/* Whether the error just raised is Tcl's for a variable that does not
 * exist (not an array, nor a trace that failed). */
static int xapi_tcl_no_such_var(Tcl_Interp *interp)
{
    Tcl_Obj *opts = Tcl_GetReturnOptions(interp, TCL_ERROR), *ec = NULL;
    int r;

    Tcl_IncrRefCount(opts);
    r = Tcl_DictObjGet(NULL, opts,
                       xapi_tcl_get_keys(interp)->key[XK_ERRORCODE],
                       &ec) == TCL_OK && ec != NULL &&
        strncmp(Tcl_GetString(ec), "TCL LOOKUP ", 11) == 0;
    Tcl_DecrRefCount(opts);
    return r;
}

/* {varName}, {varName size} or {varName slot count}: the variable's byte
 * array made unshared (copied if shared, as Tcl's copy-on-write wants)
 * and size or slot * count bytes long (zero-filled where it grows; as it
 * is with no size), set back into the variable (its traces run) and held
 * (a reference) in *in.  An unshared array's memory is reused whenever
 * it is large enough.  A missing variable is made when a size is given;
 * without one, and for an array or a failing trace, the error is Tcl's
 * own. */
static int xapi_tcl_into_get(Tcl_Interp *interp, const char *cmd,
                             Tcl_Obj *spec, Tcl_Obj **in)
{
    Tcl_Obj **sv, *name, *obj;
    Tcl_WideInt size = 0, count = 1;
    const unsigned char *p;
    size_t len;
    int n, rc = TCL_ERROR;

    *in = NULL;
    if (Tcl_ListObjGetElements(NULL, spec, &n, &sv) != TCL_OK || n < 1 ||
        n > 3)
        return xapi_tcl_arg_error(interp, cmd, "varName",
            "expected {varName ?size? ?count?}, got \"%.60s\"",
            Tcl_GetString(spec));
    if (n > 1 && (xapi_tcl_get_range(interp, sv[1], cmd,
                                     n == 2 ? "-size" : "slot", 0,
                                     XAPI_TCL_MAX_SIZE, &size) != TCL_OK ||
                  (n == 3 && xapi_tcl_get_range(interp, sv[2], cmd, "count",
                                                1, XAPI_BATCH_MAX,
                                                &count) != TCL_OK)))
        return TCL_ERROR;
    if (size * count > XAPI_TCL_MAX_SIZE)
        return xapi_tcl_arg_error(interp, cmd, "slot",
            "slot * count is %" TCL_LL_MODIFIER "d bytes, at most %"
            TCL_LL_MODIFIER "d", (long long)(size * count),
            (long long)XAPI_TCL_MAX_SIZE);
    name = sv[0]; /* held: the variable's traces run while it is set */
    Tcl_IncrRefCount(name);
    obj = Tcl_ObjGetVar2(interp, name, NULL, TCL_LEAVE_ERR_MSG);
    if (obj == NULL) {
        /* Only a variable that does not exist is made, given a size;
         * else Tcl's error stands ({TCL LOOKUP VARNAME} when missing). */
        if (n == 1 || !xapi_tcl_no_such_var(interp))
            goto done;
        Tcl_ResetResult(interp);
        obj = Tcl_NewObj();
        len = 0;
    } else if (xapi_tcl_get_bytes(interp, obj, cmd, "varName", &p,
                                  &len) != TCL_OK) {
        goto done;
    } else if (Tcl_IsShared(obj))
        obj = Tcl_DuplicateObj(obj);
    if (n > 1 && (size_t)(size * count) != len) {
        /* Tcl keeps the allocation when the length shrinks, and reallocs
         * only past it.  Zero what grows: never show old heap contents. */
        unsigned char *q = Tcl_SetByteArrayLength(obj, (int)(size * count));

        if ((size_t)(size * count) > len)
            memset(q + len, 0, (size_t)(size * count) - len);
    }
    Tcl_IncrRefCount(obj); /* only now: growing wants it unshared */
    if (Tcl_ObjSetVar2(interp, name, NULL, obj,
                       TCL_LEAVE_ERR_MSG) == NULL) {
        Tcl_DecrRefCount(obj);
        goto done;
    }
    *in = obj;
    rc = TCL_OK;
done:
    Tcl_DecrRefCount(name);
    return rc;
}

/* The held value's bytes, fetched last (after every other argument is
 * converted).  Made unshared and its length, it keeps them: a trace
 * changing the variable changes a copy, never the held object. */
static void *xapi_tcl_into_bytes(Tcl_Obj *in, size_t *len)
{
    int n;
    void *p = Tcl_GetByteArrayFromObj(in, &n);

    *len = (size_t)n;
    return p;
}

static void xapi_tcl_into_release(Tcl_Obj **in)
{
    if (*in == NULL)
        return;
    Tcl_InvalidateStringRep(*in); /* the receive wrote its bytes */
    Tcl_DecrRefCount(*in);
    *in = NULL;
}

/* ---- a send list ------------------------------------------------------- */

static void xapi_tcl_sendlist_clear(xapi_tcl_sendlist *sl)
{
    xapi_tcl_hold(&sl->held, NULL);
    xapi_tcl_hold(&sl->prev_to, NULL);
    xapi_tcl_hold(&sl->prev_cm, NULL);
    ckfree((char *)sl->out); /* (NULL is no block) */
    ckfree((char *)sl->items);
    ckfree((char *)sl->iov);
    memset(sl, 0, sizeof *sl);
}

/* messages (a list of dicts {data pieces ?to address? ?cmsgs items?}) for
 * socket fd into sl, checked whole before anything is sent.  Pass 1 (here)
 * reads the structure, the addresses and the items' levels and types into
 * sl->out, and appends every object whose bytes are wanted to sl->held
 * (each message's pieces, then its payloads), which holds them; pass 2
 * (xapi_tcl_sendlist_bytes) only fetches those bytes (byte arrays stay
 * byte arrays, and a held object outlives any list or dict it came from),
 * so no pointer taken can be freed before the send.  A `to` or `cmsgs`
 * that is the previous message's very object is parsed once (the core
 * then shares the control buffer).  On an error sl is left for
 * xapi_tcl_sendlist_clear, as after a send. */
static int xapi_tcl_sendlist_make(Tcl_Interp *interp, const char *cmd,
                                  int fd, Tcl_Obj *messages,
                                  xapi_tcl_sendlist *sl)
{
    static const char *const keys[] = { "data", "to", "cmsgs", NULL };
    Tcl_Obj **mv;
    size_t icap = 0;
    int nmsg, i, family = -1;

    memset(sl, 0, sizeof *sl);
    if (Tcl_ListObjGetElements(interp, messages, &nmsg, &mv) != TCL_OK)
        return TCL_ERROR;
    if (nmsg > XAPI_BATCH_MAX)
        return xapi_tcl_arg_error(interp, cmd, "messages",
                                  "%d messages, at most %d", nmsg,
                                  XAPI_BATCH_MAX);
    /* mv stays put: every object converted below (or in pass 2) is
     * inside messages, so never messages itself, and the socket word is
     * converted already. */
    xapi_tcl_hold(&sl->held, Tcl_NewListObj(0, NULL));
    sl->n = (size_t)nmsg;
    /* out[n], then the addresses and the messages' first items */
    sl->out = (xapi_batch_out *)ckalloc((unsigned)((sizeof *sl->out +
        sizeof *sl->addrs + sizeof *sl->item0) * sl->n + 1));
    memset(sl->out, 0, (sizeof *sl->out + sizeof *sl->addrs) * sl->n);
    sl->addrs = (xapi_addr *)(sl->out + nmsg);
    sl->item0 = (size_t *)(sl->addrs + nmsg);

    for (i = 0; i < nmsg; i++) {
        Tcl_Obj *v[3] = { NULL, NULL, NULL }, *key, *val, **ev, *payload;
        xapi_batch_out *o = &sl->out[i];
        Tcl_DictSearch search;
        int done, kx, n, x;

        if (Tcl_DictObjFirst(NULL, mv[i], &search, &key, &val,
                             &done) != TCL_OK)
            return xapi_tcl_arg_error(interp, cmd, "messages",
                "message %d is not a dict {data pieces ?to address? "
                "?cmsgs items?}", i);
        for (; !done; Tcl_DictObjNext(&search, &key, &val, &done)) {
            if (Tcl_GetIndexFromObj(NULL, key, keys, "key", 0,
                                    &kx) != TCL_OK) {
                Tcl_DictObjDone(&search);
                return xapi_tcl_arg_error(interp, cmd, "messages",
                    "message %d has the key \"%.40s\" (data, to or cmsgs "
                    "expected)", i, Tcl_GetString(key));
            }
            v[kx] = val;
        }
        if (v[0] == NULL)
            return xapi_tcl_arg_error(interp, cmd, "messages",
                                      "message %d has no data", i);
        /* The pieces: held, their bytes taken in pass 2. */
        if (Tcl_ListObjGetElements(NULL, v[0], &n, &ev) != TCL_OK)
            return xapi_tcl_arg_error(interp, cmd, "messages",
                "message %d: data is not a list of pieces", i);
        if (n > XAPI_TCL_MAX_PIECES)
            return xapi_tcl_arg_error(interp, cmd, "messages",
                "message %d has %d pieces, at most %d", i, n,
                XAPI_TCL_MAX_PIECES);
        for (x = 0; x < n; x++)
            (void)Tcl_ListObjAppendElement(NULL, sl->held, ev[x]);
        o->iovlen = (size_t)n;
        sl->np += (size_t)n;
        /* The destination, parsed for the socket's family. */
        if (v[1] != NULL && v[1] == sl->prev_to)
            sl->addrs[i] = sl->addrs[i - 1];
        else if (v[1] != NULL &&
                 xapi_tcl_parse_dest(interp, cmd, "to", fd, &family, v[1],
                                     &sl->addrs[i]) != TCL_OK)
            return TCL_ERROR;
        o->addr = v[1] != NULL ? &sl->addrs[i] : NULL;
        xapi_tcl_hold(&sl->prev_to, v[1]);
        /* The items: level and type now, payloads held. */
        sl->item0[i] = (size_t)-1; /* the previous message's */
        if (v[2] != NULL && v[2] == sl->prev_cm) {
            o->nitems = sl->out[i - 1].nitems;
        } else if (v[2] != NULL) {
            if (Tcl_ListObjGetElements(interp, v[2], &n, &ev) != TCL_OK)
                return TCL_ERROR;
            if ((size_t)n > XAPI_MAX_ANC / sizeof(struct cmsghdr))
                return xapi_tcl_arg_error(interp, cmd, "cmsg",
                                          "too many items");
            if (sl->ni + (size_t)n > icap) {
                icap = 2 * (sl->ni + (size_t)n);
                sl->items = (xapi_cmsg *)ckrealloc((char *)sl->items,
                                    (unsigned)(sizeof *sl->items * icap));
            }
            sl->item0[i] = sl->ni;
            for (x = 0; x < n; x++, sl->ni++) {
                xapi_cmsg *c = &sl->items[sl->ni];

                if (xapi_tcl_item_head(interp, cmd, ev[x], x, &c->level,
                                       &c->type, &payload) != TCL_OK)
                    return TCL_ERROR;
                (void)Tcl_ListObjAppendElement(NULL, sl->held, payload);
            }
            o->nitems = (size_t)n;
        }
        xapi_tcl_hold(&sl->prev_cm, v[2]);
    }
    return TCL_OK;
}

/* Pass 2 of a send list made by xapi_tcl_sendlist_make: the held
 * objects' bytes only (byte arrays stay byte arrays, and every object is
 * held), into the pieces and the items sl->out points at. */
static int xapi_tcl_sendlist_bytes(Tcl_Interp *interp, const char *cmd,
                                   xapi_tcl_sendlist *sl)
{
    Tcl_Obj **hv;
    xapi_cmsg *c;
    size_t i, j, h = 0, p = 0;
    int nh;

    (void)Tcl_ListObjGetElements(NULL, sl->held, &nh, &hv);
    sl->iov = (struct iovec *)ckalloc((unsigned)(sizeof *sl->iov * sl->np
                                                 + 1));
    for (i = 0; i < sl->n; i++) {
        xapi_batch_out *o = &sl->out[i];
        size_t total = 0;

        o->iov = sl->iov + p;
        for (j = 0; j < o->iovlen; j++, p++)
            if (xapi_tcl_piece(interp, cmd, "data", hv[h++], &sl->iov[p],
                               &total) != TCL_OK)
                return TCL_ERROR;
        if (sl->item0[i] == (size_t)-1) {
            o->items = i > 0 ? sl->out[i - 1].items : NULL;
            continue;
        }
        c = sl->items + sl->item0[i];
        o->items = c;
        for (j = 0; j < o->nitems; j++)
            if (xapi_tcl_get_bytes(interp, hv[h++], cmd, "cmsg data",
                                   &c[j].data, &c[j].len) != TCL_OK)
                return TCL_ERROR;
    }
    return TCL_OK;
}
%}
