/*
 * swig/perl/batch.i - Perl's typemaps for the batch shapes declared in
 * swig/xapi.i ("==== batches ====", which includes this file), and the
 * builders of their results.
 *
 * One native crossing per call, whatever the batch size: the core
 * receives and decodes the whole batch (xapi_recv_batch), and the argout
 * typemap builds every message's Perl values from the batch's views
 * (addresses, pieces, Xapi::Cmsg items, or a views hash); a send list is
 * read into plain xapi_batch_out structs, every message checked before
 * the one xapi_batch_sendv.  Everything a typemap allocates is mortal (a
 * croak leaks nothing); the batch itself is the core's, owned by its Perl
 * handle.  Keywords, defaults and the Xapi::Batch object are Perl's own
 * (bindings/perl/Xapi/Batch.pm).
 */

/* ---- sizes: a negative or huge value is a bad argument ------------------
 * What fits is the core's to judge (a count of 0 or past the capacity, a
 * batch over XAPI_MAX_DATA bytes), in its words. */
%typemap(in) unsigned BATCH_COUNT
  "$1 = (unsigned)xapi_perl_iv(aTHX_ $input, 0, UINT_MAX, \"$symname\", \"$1_name\");"
%typemap(in) size_t BATCH_SIZE
  "$1 = (size_t)xapi_perl_iv(aTHX_ $input, 0, IV_MAX, \"$symname\", \"$1_name\");"

%{
/* How a receive's messages are built (the second element of the handle
 * argument [$handle, $mode]; a bare handle is mode 0). */
#define XAPI_PERL_BATCH_HASH  1 /* hash refs, not array refs */
#define XAPI_PERL_BATCH_VIEWS 2 /* data as one string, items as a views
                                   hash (Xapi::Batch's views mode) */

/* A receive batch argument: its handle (SWIG's pointer object, type
 * checked by SWIG_ConvertPtr), [$handle, $mode] or [$handle, $mode,
 * \@reuse].  \@reuse (Xapi::Batch keeps one per object) holds the
 * previous call's messages, for xapi_perl_batch_put to rewrite in place
 * when nothing else holds them any more; *reuse gets it, or NULL. */
static xapi_recv_batch *xapi_perl_batch_arg(pTHX_ SV *sv, swig_type_info *ty,
                                            int *mode, AV **reuse,
                                            const char *fn, const char *arg)
{
    void *p = NULL;

    *mode = 0;
    *reuse = NULL;
    SvGETMAGIC(sv);
    if (SvROK(sv) && SvTYPE(SvRV(sv)) == SVt_PVAV && !SvOBJECT(SvRV(sv))) {
        AV *av = (AV *)SvRV(sv);
        SV **h = av_fetch(av, 0, 0), **m = av_fetch(av, 1, 0);
        SV **r = av_fetch(av, 2, 0);

        if (h == NULL || av_len(av) > 2)
            xapi_perl_croak_arg(aTHX_ fn, arg, "not a receive batch or "
                                "[batch, mode, reuse]");
        if (m != NULL)
            *mode = (int)xapi_perl_iv(aTHX_ *m, 0, 3, fn, "mode");
        if (r != NULL && SvOK(*r)) {
            SV *ra = SvROK(*r) ? SvRV(*r) : NULL;

            if (ra == NULL || SvTYPE(ra) != SVt_PVAV || SvMAGICAL(ra) ||
                SvREADONLY(ra) || SvOBJECT(ra) || !AvREAL((AV *)ra))
                xapi_perl_croak_arg(aTHX_ fn, arg, "reuse: not a plain "
                                    "array reference");
            *reuse = (AV *)ra;
        }
        sv = *h;
    }
    /* Only SWIG's own handle class is handed to SWIG_ConvertPtr, which
     * would read any other object's scalar as a pointer first. */
    if (!sv_isobject(sv) || !sv_derived_from(sv, "Xapi::Raw::recv_batch") ||
        SWIG_ConvertPtr(sv, &p, ty, 0) < 0 || p == NULL)
        xapi_perl_croak_arg(aTHX_ fn, arg, "not a receive batch");
    return (xapi_recv_batch *)p;
}

/* Message m of a receive into *slot: [address, data, items, flags,
 * nbytes] or, in hash mode, a hash with the keys address, data (into:
 * len; views: data), cmsgs (views: views), flags, nbytes.  data is
 * [piece], the slot's bytes (plain), or the byte count in the caller's
 * buffer (into), or one string (views); items a list of Xapi::Cmsg, or
 * the views hash. */
static void xapi_perl_batch_msg(pTHX_ struct xapi_perl_ctx *x, SV **slot,
                                const xapi_batch_msg *m, int into, int mode)
{
    int views = (mode & XAPI_PERL_BATCH_VIEWS) != 0, i;
    const int keys[5] = {
        XAPI_PERL_K_ADDRESS, into ? XAPI_PERL_K_LEN : XAPI_PERL_K_DATA,
        views ? XAPI_PERL_K_VIEWS : XAPI_PERL_K_CMSGS, XAPI_PERL_K_FLAGS,
        XAPI_PERL_K_NBYTES
    };
    /* A 0-byte slot may have no buffer: "" then, never undef. */
    const char *data = m->data != NULL ? (const char *)m->data : "";
    SV **s[5];

    if (mode & XAPI_PERL_BATCH_HASH) {
        HV *hv = (HV *)xapi_perl_put_ref(aTHX_ slot, SVt_PVHV, NULL, 0);

        for (i = 0; i < 5; i++)
            s[i] = xapi_perl_hslot(aTHX_ hv, x->keys[keys[i]]);
    } else {
        AV *av = (AV *)xapi_perl_put_ref(aTHX_ slot, SVt_PVAV, NULL, 5);

        for (i = 0; i < 5; i++)
            s[i] = &AvARRAY(av)[i];
    }
    if (into)
        xapi_perl_put_iv(aTHX_ s[1], (IV)m->len);
    else if (views)
        xapi_perl_put_bytes(aTHX_ s[1], data, m->len);
    else
        xapi_perl_put_bytes(aTHX_ &AvARRAY((AV *)xapi_perl_put_ref(
            aTHX_ s[1], SVt_PVAV, NULL, 1))[0], data, m->len);
    xapi_perl_put_msg(aTHX_ x, s, &m->addr,
                      (m->same & XAPI_BATCH_SAME_ADDR) != 0, m->items,
                      m->values, m->nitems, m->flags, m->datalen, views);
}

/* The messages of the last receive into out: one each in list context,
 * else one array ref of them.  out has room for the count + 1.  Returns
 * how many were put.  With reuse, each message is written into the
 * previous call's in \@reuse (see the slot writers, msg.i). */
static int xapi_perl_batch_put(pTHX_ const xapi_recv_batch *rb, int into,
                               int mode, AV *reuse, int list, SV **out)
{
    struct xapi_perl_ctx x;
    unsigned n = xapi_recv_batch_count(rb), i;
    AV *all = list ? NULL : newAV();

    xapi_perl_ctx_init(aTHX_ &x);
    /* Only the views mode's array form is rewritten in place. */
    if (into || mode != XAPI_PERL_BATCH_VIEWS)
        reuse = NULL;
    if (all != NULL && n > 0)
        av_extend(all, n - 1);
    for (i = 0; i < n; i++) {
        SV *msg = NULL;
        SV **slot = reuse != NULL ? av_fetch(reuse, (SSize_t)i, 1) : &msg;

        xapi_perl_batch_msg(aTHX_ &x, slot, xapi_recv_batch_msg(rb, i), into,
                            mode);
        if (reuse != NULL)
            msg = newRV_inc(SvRV(*slot));
        if (list)
            out[i] = sv_2mortal(msg);
        else
            av_push(all, msg);
    }
    if (list)
        return (int)n;
    out[0] = sv_2mortal(newRV_noinc((SV *)all));
    return 1;
}

/* The scalar behind a \$buf argument, made ready for writing: a plain
 * string (an undef becomes ""), its bytes not shared with another scalar,
 * at least need bytes long (grown with zeros, never shrunk), no UTF-8
 * flag.  Returns the scalar; *len gets its length. */
static SV *xapi_perl_into(pTHX_ SV *ref, size_t need, size_t *len,
                          const char *fn, const char *arg)
{
    SV *sv;
    STRLEN cur;

    SvGETMAGIC(ref);
    if (!SvROK(ref))
        xapi_perl_croak_arg(aTHX_ fn, arg, "not a reference to a scalar");
    sv = SvRV(ref);
    if (SvTYPE(sv) > SVt_PVMG || SvROK(sv) || SvOBJECT(sv))
        xapi_perl_croak_arg(aTHX_ fn, arg, "not a reference to a scalar "
                                           "holding a string");
    if (xapi_perl_readonly(sv))
        xapi_perl_croak_arg(aTHX_ fn, arg, "a read-only scalar");
    SvGETMAGIC(sv);
    if (!SvOK(sv))
        sv_setpvn(sv, "", 0);
    if (SvUTF8(sv) && !sv_utf8_downgrade(sv, TRUE))
        xapi_perl_croak_arg(aTHX_ fn, arg,
                            "holds a character above 0xFF, not bytes");
    (void)SvPV_force_nomg(sv, cur);
    if (cur < need) {
        char *p = SvGROW(sv, need + 1);

        memset(p + cur, 0, need - cur);
        p[need] = '\0';
        SvCUR_set(sv, need);
        cur = need;
    }
    SvPOK_only(sv);
    *len = cur;
    return sv;
}

/* A writable piece: \$buf (all of it), or [\$buf, $size] (its first
 * $size bytes, the scalar grown with zero bytes to $size first).  The
 * scalar is made ready by xapi_perl_into (a plain byte string, not
 * read-only, not an object).  Returns the scalar. */
static SV *xapi_perl_writable(pTHX_ SV *sv, struct iovec *iov,
                              const char *fn, const char *arg)
{
    SV *ref = sv, *buf;
    IV size = -1;
    size_t len;

    SvGETMAGIC(sv);
    if (SvROK(sv) && SvTYPE(SvRV(sv)) == SVt_PVAV && !SvOBJECT(SvRV(sv))) {
        AV *av = (AV *)SvRV(sv);
        SV **r = av_fetch(av, 0, 0), **s = av_fetch(av, 1, 0);

        if (r == NULL || av_len(av) > 1)
            xapi_perl_croak_arg(aTHX_ fn, arg, "not \\$buf or [\\$buf, "
                                "$size]");
        ref = *r;
        if (s != NULL && xapi_perl_given(aTHX_ s))
            size = xapi_perl_iv(aTHX_ *s, 0, XAPI_PERL_MAX_PIECE, fn,
                                "size");
    }
    buf = xapi_perl_into(aTHX_ ref, size < 0 ? 0 : (size_t)size, &len, fn,
                         arg);
    iov->iov_base = SvPVX(buf);
    iov->iov_len = size >= 0 ? (size_t)size
                 : len > XAPI_MAX_DATA ? XAPI_MAX_DATA : len;
    return buf;
}

/* Writable pieces: one piece (above), or an array ref of them. */
struct xapi_perl_wpieces {
    struct iovec iov_stack[XAPI_PERL_STACK_PIECES], *iov;
    SV *sv_stack[XAPI_PERL_STACK_PIECES], **svs;
    size_t n;
};

static void xapi_perl_wpieces_get(pTHX_ struct xapi_perl_wpieces *w, SV *sv,
                                  int list_ok, const char *fn,
                                  const char *arg)
{
    AV *av;
    SSize_t n, k;

    w->iov = w->iov_stack;
    w->svs = w->sv_stack;
    w->n = 0;
    SvGETMAGIC(sv);
    if (!list_ok || !SvROK(sv) || SvTYPE(SvRV(sv)) != SVt_PVAV ||
        SvOBJECT(SvRV(sv))) {
        w->svs[0] = xapi_perl_writable(aTHX_ sv, &w->iov[0], fn, arg);
        w->n = 1;
        return;
    }
    av = (AV *)SvRV(sv);
    n = av_len(av) + 1;
    if (n > XAPI_PERL_MAX_PIECES)
        xapi_perl_croak_arg(aTHX_ fn, arg, "more than %ld pieces",
                            (long)XAPI_PERL_MAX_PIECES);
    if (n > XAPI_PERL_STACK_PIECES) {
        w->iov = (struct iovec *)xapi_perl_scratch(aTHX_ (size_t)n *
                                                   sizeof(*w->iov));
        w->svs = (SV **)xapi_perl_scratch(aTHX_ (size_t)n * sizeof(SV *));
    }
    /* Every piece is made ready before any is pointed into for good: a
     * later piece's reading cannot move an earlier one's buffer, because
     * each scalar is its own (xapi_perl_into) and read once. */
    for (k = 0; k < n; k++)
        w->svs[k] = xapi_perl_writable(aTHX_ xapi_perl_elem(aTHX_ av, k, fn,
                                                            arg),
                                       &w->iov[k], fn, arg);
    w->n = (size_t)n;
}

/* Run after every argument was read (a check typemap): reading another
 * argument may run code (a tied FETCH) that changed a scalar read before,
 * so each is looked at again, without magic, and pointed into only now. */
static void xapi_perl_wpieces_check(pTHX_ struct xapi_perl_wpieces *w,
                                    const char *fn, const char *arg)
{
    size_t k;

    for (k = 0; k < w->n; k++) {
        SV *b = w->svs[k];

        if (SvTYPE(b) < SVt_PV || !SvPOK(b) || SvIsCOW(b) ||
            SvCUR(b) < w->iov[k].iov_len || xapi_perl_readonly(b))
            xapi_perl_croak_arg(aTHX_ fn, arg, "piece %lu was changed while "
                                "the other arguments were read",
                                (unsigned long)k);
        w->iov[k].iov_base = SvPVX(b);
    }
}

/* After the call: the scalars' set magic (a tied scalar's STORE). */
static void xapi_perl_wpieces_done(pTHX_ struct xapi_perl_wpieces *w)
{
    size_t k;

    for (k = 0; k < w->n; k++)
        SvSETMAGIC(w->svs[k]);
}

/* One message of a send list, read into *o: a hash ref {data => [pieces]
 * or bytes, to => address, cmsgs => [items]}.  iov1 holds a one-piece
 * message's piece, addr its destination.  Nothing is read through code:
 * a tied message, value, list or element is refused (see
 * xapi_perl_elem_plain). */

static void xapi_perl_send_msg(pTHX_ SV **keys, SV *sv, long i, int fd,
                               int *family, xapi_batch_out *o,
                               struct iovec *iov1, xapi_addr *addr,
                               const char *fn)
{
    HV *hv;
    SV *data, *to, *cmsgs;
    SSize_t n;
    STRLEN known;

    SvGETMAGIC(sv);
    if (!SvROK(sv) || SvTYPE(SvRV(sv)) != SVt_PVHV)
        xapi_perl_croak_arg(aTHX_ fn, "messages",
                            "message %ld is not a hash reference", i);
    hv = (HV *)SvRV(sv);
    /* A tied hash says nothing of its keys without running code, and
     * HvUSEDKEYS counts none of them. */
    if (SvRMAGICAL(hv) && mg_find((SV *)hv, PERL_MAGIC_tied) != NULL)
        xapi_perl_croak_arg(aTHX_ fn, "messages",
                            "message %ld is a tied hash, a plain one is "
                            "needed", i);
    data = xapi_perl_fetch(aTHX_ keys, hv, XAPI_PERL_K_DATA);
    to = xapi_perl_fetch(aTHX_ keys, hv, XAPI_PERL_K_TO);
    cmsgs = xapi_perl_fetch(aTHX_ keys, hv, XAPI_PERL_K_CMSGS);
    if ((data != NULL && xapi_perl_tied(data)) ||
        (to != NULL && xapi_perl_tied(to)) ||
        (cmsgs != NULL && xapi_perl_tied(cmsgs)))
        xapi_perl_croak_arg(aTHX_ fn, "messages", "message %ld holds a tied "
                            "value, a plain one is needed", i);
    known = (STRLEN)((data != NULL) + (to != NULL) + (cmsgs != NULL));
    if (HvUSEDKEYS(hv) != known)
        xapi_perl_croak_arg(aTHX_ fn, "messages",
                            "message %ld has a key other than data, to, "
                            "cmsgs", i);
    if (data == NULL)
        xapi_perl_croak_arg(aTHX_ fn, "messages", "message %ld has no data",
                            i);
    memset(o, 0, sizeof(*o));
    o->iov = xapi_perl_pieces(aTHX_ data, 1, iov1, 1, &n, fn, "data");
    o->iovlen = (size_t)n;
    if (to != NULL) {
        if (SvROK(to) && SvTYPE(SvRV(to)) == SVt_PVAV) {
            AV *hp = xapi_perl_untied(aTHX_ (AV *)SvRV(to), fn, "to");
            SSize_t k;

            for (k = 0; k <= av_len(hp) && k < 2; k++)
                (void)xapi_perl_elem_plain(aTHX_ hp, k, fn, "to");
        }
        xapi_perl_sv_to_addr_fam(aTHX_ to, fd, family, addr, fn, "to");
        o->addr = addr->len > 0 ? addr : NULL;
    }
    if (cmsgs != NULL) {
        /* The items are copied out at once: read onto the C stack. */
        xapi_item it_stack[XAPI_PERL_STACK_ITEMS];
        size_t k, count;
        const xapi_item *it = xapi_perl_items(aTHX_ keys, cmsgs, it_stack,
                                              XAPI_PERL_STACK_ITEMS, &count,
                                              fn, "cmsgs");
        xapi_cmsg *c = count > 0
            ? (xapi_cmsg *)xapi_perl_scratch(aTHX_ count * sizeof(*c))
            : NULL;

        for (k = 0; k < count; k++) {
            c[k].level = it[k].level;
            c[k].type = it[k].type;
            c[k].data = (const unsigned char *)it[k].data;
            c[k].len = it[k].len;
        }
        o->items = c;
        o->nitems = count;
    }
}

/* The messages of a send list as xapi_batch_out structs, in one mortal
 * block (with each message's one-piece iovec and destination); every
 * message is read, and a bad one croaks, before anything is sent. */
static const xapi_batch_out *xapi_perl_send_list(pTHX_ SV *sv, int fd,
                                                 size_t *count,
                                                 const char *fn)
{
    xapi_batch_out *out;
    struct iovec *iov1;
    xapi_addr *addrs;
    unsigned char *mem;
    SV **keys;
    int family = -1;
    SSize_t n, i;
    AV *av = xapi_perl_untied(aTHX_ xapi_perl_av(aTHX_ sv, fn, "messages"),
                              fn, "messages");

    n = av_len(av) + 1;
    if (n > XAPI_BATCH_MAX)
        xapi_perl_croak_arg(aTHX_ fn, "messages", "more than %d messages",
                            XAPI_BATCH_MAX);
    *count = (size_t)n;
    if (n == 0)
        return NULL;
    mem = (unsigned char *)xapi_perl_scratch(
        aTHX_ (size_t)n * (sizeof(*out) + sizeof(*iov1) + sizeof(*addrs)));
    out = (xapi_batch_out *)mem;
    addrs = (xapi_addr *)(mem + (size_t)n * sizeof(*out));
    iov1 = (struct iovec *)(mem + (size_t)n * (sizeof(*out) +
                                               sizeof(*addrs)));
    keys = xapi_perl_guts(aTHX);
    for (i = 0; i < n; i++)
        xapi_perl_send_msg(aTHX_ keys, xapi_perl_elem_plain(aTHX_ av, i, fn,
                                                            "messages"),
                           (long)i, fd, &family, &out[i], &iov1[i], &addrs[i],
                           fn);
    return out;
}
%}

/* ---- the handle and the results ---------------------------------------- */

/* The core's receive batch, owned by its Perl handle (SWIG's pointer
 * object, whose DESTROY frees it). */
%typemap(in) xapi_recv_batch *BATCH_RESULT (int mode = 0, AV *reuse = NULL),
             xapi_recv_batch *BATCH_INTO_RESULT (int mode = 0, AV *reuse = NULL) {
  $1 = xapi_perl_batch_arg(aTHX_ $input, $descriptor(xapi_recv_batch *),
                           &mode, &reuse, "$symname", "$1_name");
}
%typemap(argout) xapi_recv_batch *BATCH_RESULT {
  (void)$input;
  EXTEND(sp, argvi + (SSize_t)xapi_recv_batch_count($1) + 1);
  argvi += xapi_perl_batch_put(aTHX_ $1, 0, mode$argnum, reuse$argnum,
                               GIMME_V == G_LIST, &ST(argvi));
}
%typemap(argout) xapi_recv_batch *BATCH_INTO_RESULT {
  (void)$input;
  EXTEND(sp, argvi + (SSize_t)xapi_recv_batch_count($1) + 1);
  argvi += xapi_perl_batch_put(aTHX_ $1, 1, mode$argnum, reuse$argnum,
                               GIMME_V == G_LIST, &ST(argvi));
}
/* The count is the list's length. */
%typemap(out) int xapi_recv_batch_recv, int xapi_recv_batch_recv_into,
              int xapi_recv_batch_recv_iov "(void)$1;"
%typemap(out) int xapi_encode_udp_segment "(void)$1;"

/* ---- writable buffers ---------------------------------------------------- */

/* One writable piece, \$buf or [\$buf, $size] (see xapi_perl_writable). */
%typemap(in) (void *WRITABLE, size_t WRITABLE_LEN)
    (struct xapi_perl_wpieces wp) {
  xapi_perl_wpieces_get(aTHX_ &wp, $input, 0, "$symname", "buf");
}
%typemap(check) (void *WRITABLE, size_t WRITABLE_LEN) {
  xapi_perl_wpieces_check(aTHX_ &wp$argnum, "$symname", "buf");
  $1 = wp$argnum.iov[0].iov_base;
  $2 = wp$argnum.iov[0].iov_len;
}
/* The kernel wrote into the scalar: its set magic runs after the call. */
%typemap(argout) (void *WRITABLE, size_t WRITABLE_LEN) {
  (void)$input;
  xapi_perl_wpieces_done(aTHX_ &wp$argnum);
}

/* One writable piece, or an array ref of them. */
%typemap(in) (const struct iovec *WRITABLE_PIECES, size_t WRITABLE_NPIECES)
    (struct xapi_perl_wpieces wp) {
  xapi_perl_wpieces_get(aTHX_ &wp, $input, 1, "$symname", "buf");
}
%typemap(check) (const struct iovec *WRITABLE_PIECES, size_t WRITABLE_NPIECES) {
  xapi_perl_wpieces_check(aTHX_ &wp$argnum, "$symname", "buf");
  $1 = wp$argnum.iov;
  $2 = wp$argnum.n;
}
%typemap(argout) (const struct iovec *WRITABLE_PIECES, size_t WRITABLE_NPIECES) {
  (void)$input;
  xapi_perl_wpieces_done(aTHX_ &wp$argnum);
}

/* ---- a send list --------------------------------------------------------- */

/* A list of messages (at most XAPI_BATCH_MAX), each a hash ref {data =>
 * bytes or [pieces], to => address, cmsgs => [items]}.  Read last (a
 * check typemap, after every other argument): the bytes are pointed
 * into, and reading another argument may run code (a tied FETCH) that
 * changes them.  The destinations are parsed for the socket (the call's
 * first argument). */
%typemap(in) (const xapi_batch_out *SEND_LIST, size_t SEND_COUNT)
    (SV *list_sv = NULL) {
  list_sv = $input;
}
%typemap(check) (const xapi_batch_out *SEND_LIST, size_t SEND_COUNT) {
  $1 = ($1_ltype)xapi_perl_send_list(aTHX_ list_sv$argnum, arg1, &$2,
                                     "$symname");
}
