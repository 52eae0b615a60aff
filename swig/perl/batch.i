/*
 * swig/perl/batch.i - the batch topic for Perl: recvmmsg/sendmmsg through
 * xapi_batch_recv/xapi_batch_send, and receiving into caller scalars
 * (included by the top file, after msg.i, whose helpers it uses).
 *
 * A whole batch crosses once: every message of a receive is decoded here,
 * in C, into Perl values (one array per message, Xapi::Cmsg items, or in
 * an Xapi::Batch's views mode a plain hash of the typed values), and a
 * send reads every message's pieces, address and items here before the one
 * system call.  The C memory a call needs (the kernel's mmsghdr array, the
 * xapi_msg array, iovecs, the ancillary and data slots) is one block: a
 * mortal buffer for the plain functions, or the buffer of an Xapi::Batch
 * object, kept from call to call, so that a loop allocates nothing but the
 * results it returns.
 */

%{
/* Where the parts of a batch block start.  Offsets, not pointers: the
 * block of an Xapi::Batch object is a Perl string's buffer. */
struct xapi_perl_layout {
    unsigned cap;       /* messages */
    size_t slot;        /* data bytes per message (0 for receive-into) */
    size_t cslot;       /* ancillary bytes per message, a multiple of 8 */
    size_t off_msgs, off_iov, off_control, off_data, total;
};

struct xapi_perl_batch {
    xapi_batch *b;
    xapi_msg *msgs;
    struct iovec *iov;
    unsigned char *control, *data;
};

#define XAPI_PERL_ALIGN(n) (((n) + 15) & ~(size_t)15)

/* The layout for cap messages of slot data bytes (inside the block) and
 * anc ancillary bytes each.  Sizes were range-checked by the caller:
 * cap <= XAPI_BATCH_MAX, slot * cap and anc * cap <= XAPI_MAX_DATA. */
static void xapi_perl_layout_for(struct xapi_perl_layout *l, unsigned cap,
                                 size_t slot, size_t anc)
{
    size_t off;

    l->cap = cap;
    l->slot = slot;
    l->cslot = (anc + 7) & ~(size_t)7;
    off = XAPI_PERL_ALIGN(xapi_batch_size(cap));
    l->off_msgs = off;
    off += XAPI_PERL_ALIGN((size_t)cap * sizeof(xapi_msg));
    l->off_iov = off;
    off += XAPI_PERL_ALIGN((size_t)cap * sizeof(struct iovec));
    l->off_control = off;
    off += XAPI_PERL_ALIGN((size_t)cap * l->cslot);
    l->off_data = off;
    off += (size_t)cap * slot;
    l->total = off;
}

/* The pointers into a block laid out by l; the batch is (re)initialised
 * (it only holds the kernel's scratch headers). */
static void xapi_perl_batch_at(const struct xapi_perl_layout *l,
                               unsigned char *mem, struct xapi_perl_batch *p)
{
    p->b = xapi_batch_init(mem, xapi_batch_size(l->cap), l->cap);
    p->msgs = (xapi_msg *)(mem + l->off_msgs);
    p->iov = (struct iovec *)(mem + l->off_iov);
    p->control = l->cslot > 0 ? mem + l->off_control : NULL;
    p->data = l->slot > 0 ? mem + l->off_data : NULL;
}

/* A message count of a receive: 1..XAPI_BATCH_MAX (receiving nothing is
 * a mistake, not a request). */
static unsigned xapi_perl_count(pTHX_ SV *sv, const char *fn, const char *arg)
{
    return (unsigned)xapi_perl_iv(aTHX_ sv, 1, XAPI_BATCH_MAX, fn, arg);
}

/* Per-message sizes of a receive, with the batch's totals checked before
 * anything is allocated. */
static void xapi_perl_batch_sizes(pTHX_ unsigned count, IV size, IV anc,
                                  const char *fn, const char *sizearg)
{
    if (count > 0 && (size_t)size > XAPI_MAX_DATA / count)
        xapi_perl_croak_arg(aTHX_ fn, sizearg,
                            "%u messages of %ld bytes: more than %ld bytes "
                            "in all", count, (long)size,
                            (long)XAPI_PERL_MAX_PIECE);
    if (count > 0 && (size_t)anc > XAPI_MAX_DATA / count)
        xapi_perl_croak_arg(aTHX_ fn, "ancsize",
                            "%u messages of %ld bytes: more than %ld bytes "
                            "in all", count, (long)anc,
                            (long)XAPI_PERL_MAX_PIECE);
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

/* The results of a batch receive of r messages onto the stack: a list, or
 * one array ref in scalar context.  Each message is [address, [data],
 * cmsgs, flags, nbytes] (plain receive, data copied out of its slot) or
 * [address, len, cmsgs, flags, nbytes] (receive-into: len bytes of the
 * message are at its slot of the caller's scalar); as_hash gives hashes
 * with the keys address, data or len, cmsgs, flags, nbytes. */
static void xapi_perl_batch_push(pTHX_ SV ***spp, const xapi_msg *msgs,
                                 int r, int into, int as_hash, int list)
{
    struct xapi_perl_ctx x;
    SV **sp = *spp;
    AV *all = NULL;
    int i;

    xapi_perl_ctx_init(aTHX_ &x);
    if (list) {
        EXTEND(SP, r);
    } else {
        all = newAV();
        if (r > 0)
            av_extend(all, r - 1);
    }
    for (i = 0; i < r; i++) {
        const xapi_msg *m = &msgs[i];
        size_t got = xapi_msg_piece_len(m, 0);
        SV *vals[5], *data, *msg;

        if (into) {
            data = newSVuv(got);
        } else {
            SV *piece = newSVpvn((const char *)m->iov[0].iov_base, got);

            data = newRV_noinc((SV *)xapi_perl_av_take(aTHX_ &piece, 1));
        }
        xapi_perl_msg_vals(aTHX_ &x, m, data, vals);
        msg = xapi_perl_msg_ref(aTHX_ &x, vals, as_hash,
                                into ? XAPI_PERL_K_LEN : XAPI_PERL_K_DATA);
        if (list)
            mPUSHs(msg);
        else
            av_push(all, msg);
    }
    if (!list) {
        EXTEND(SP, 1);
        mPUSHs(newRV_noinc((SV *)all));
    }
    *spp = sp;
}

/* The lean results of a batch receive of r messages (Xapi::Batch's views
 * mode) onto the stack, as xapi_perl_batch_push: each message is
 * [address, data, views, flags, nbytes], data one byte string and views a
 * plain hash (xapi_perl_views_got); as_hash gives hashes with the keys
 * address, data, views, flags, nbytes.  No Xapi::Cmsg objects. */
static void xapi_perl_batch_push_views(pTHX_ SV ***spp, const xapi_msg *msgs,
                                       int r, int as_hash, int list)
{
    struct xapi_perl_ctx x;
    SV **sp = *spp;
    AV *all = NULL;
    int i;

    xapi_perl_ctx_init(aTHX_ &x);
    if (list) {
        EXTEND(SP, r);
    } else {
        all = newAV();
        if (r > 0)
            av_extend(all, r - 1);
    }
    for (i = 0; i < r; i++) {
        const xapi_msg *m = &msgs[i];
        SV *vals[5], *msg;

        vals[0] = xapi_perl_addr_cached(aTHX_ &x, &m->addr);
        /* A 0-byte slot may have no buffer: "" then, never undef. */
        vals[1] = m->iov[0].iov_base != NULL
            ? newSVpvn((const char *)m->iov[0].iov_base,
                       xapi_msg_piece_len(m, 0))
            : newSVpvs("");
        vals[2] = newRV_noinc((SV *)xapi_perl_views_got(aTHX_ &x, m->control,
                                                        m->controllen));
        vals[3] = newSViv(m->flags);
        vals[4] = newSViv((IV)m->datalen);
        if (as_hash) {
            HV *hv = newHV();

            XAPI_PERL_STORE(&x, hv, XAPI_PERL_K_ADDRESS, vals[0]);
            XAPI_PERL_STORE(&x, hv, XAPI_PERL_K_DATA, vals[1]);
            XAPI_PERL_STORE(&x, hv, XAPI_PERL_K_VIEWS, vals[2]);
            XAPI_PERL_STORE(&x, hv, XAPI_PERL_K_FLAGS, vals[3]);
            XAPI_PERL_STORE(&x, hv, XAPI_PERL_K_NBYTES, vals[4]);
            msg = newRV_noinc((SV *)hv);
        } else {
            msg = newRV_noinc((SV *)xapi_perl_av_take(aTHX_ vals, 5));
        }
        if (list)
            mPUSHs(msg);
        else
            av_push(all, msg);
    }
    if (!list) {
        EXTEND(SP, 1);
        mPUSHs(newRV_noinc((SV *)all));
    }
    *spp = sp;
}

/* The receive itself; croaks with the OS error.  Returns the count. */
static int xapi_perl_batch_recv_do(pTHX_ const char *fn, int fd,
                                   struct xapi_perl_batch *p, unsigned count,
                                   unsigned char *data, size_t slot,
                                   size_t cslot, int flags, int timeout)
{
    int r;

    if (count == 0)
        return 0;
    if (xapi_batch_setup_slots(p->msgs, count, p->iov, data, slot, p->control,
                               cslot) < 0)
        xapi_perl_croak_os(aTHX_ fn, errno);
    r = xapi_batch_recv(fd, p->b, p->msgs, count, flags, timeout);
    if (r < 0)
        xapi_perl_croak_os(aTHX_ fn, errno);
    return r;
}

/* The optional trailing arguments of the receive calls, from ST(first). */
static void xapi_perl_recv_opts(pTHX_ SV **args, I32 n, IV *anc, int *flags,
                                int *timeout, const char *fn)
{
    if (n > 0 && xapi_perl_given(aTHX_ &args[0]))
        *anc = xapi_perl_iv(aTHX_ args[0], 0, XAPI_PERL_MAX_ANC, fn,
                            "ancsize");
    if (n > 1 && xapi_perl_given(aTHX_ &args[1]))
        *flags = (int)xapi_perl_iv(aTHX_ args[1], INT_MIN, INT_MAX, fn,
                                   "flags");
    if (n > 2 && xapi_perl_given(aTHX_ &args[2]))
        *timeout = (int)xapi_perl_iv(aTHX_ args[2], INT_MIN, INT_MAX, fn,
                                     "timeout_ms");
}

/* Xapi::recv_batch($sock, $count, $size, $ancsize = 0, $flags = 0,
 *                  $timeout_ms = -1) -> messages */
XS(xapi_perl_recv_batch)
{
    static const char fn[] = "recv_batch";
    dXSARGS;
    struct xapi_perl_layout l;
    struct xapi_perl_batch p;
    unsigned count;
    IV size, anc = 0;
    int fd, flags = 0, timeout = -1, r;
    I32 gimme = GIMME_V;

    if (items < 3 || items > 6)
        croak_xs_usage(cv, "sock, count, size, ancsize = 0, flags = 0, "
                           "timeout_ms = -1");
    fd = xapi_perl_fd(aTHX_ ST(0), fn);
    count = xapi_perl_count(aTHX_ ST(1), fn, "count");
    size = xapi_perl_iv(aTHX_ ST(2), 0, XAPI_PERL_MAX_PIECE, fn, "size");
    xapi_perl_recv_opts(aTHX_ &ST(3), items - 3, &anc, &flags, &timeout, fn);
    xapi_perl_batch_sizes(aTHX_ count, size, anc, fn, "size");
    r = 0;
    if (count > 0) {
        xapi_perl_layout_for(&l, count, (size_t)size, (size_t)anc);
        xapi_perl_batch_at(&l, (unsigned char *)xapi_perl_scratch(aTHX_ l.total),
                           &p);
        r = xapi_perl_batch_recv_do(aTHX_ fn, fd, &p, count, p.data, l.slot,
                                    l.cslot, flags, timeout);
    }
    SP -= items;
    xapi_perl_batch_push(aTHX_ &SP, count > 0 ? p.msgs : NULL, r, 0, 0,
                         gimme == G_LIST);
    PUTBACK;
}

/* Xapi::recv_batch_into($sock, \$buf, $slot, $count, $ancsize = 0,
 *                       $flags = 0, $timeout_ms = -1) -> messages */
XS(xapi_perl_recv_batch_into)
{
    static const char fn[] = "recv_batch_into";
    dXSARGS;
    struct xapi_perl_layout l;
    struct xapi_perl_batch p;
    unsigned count;
    IV slot, anc = 0;
    int fd, flags = 0, timeout = -1, r = 0;
    I32 gimme = GIMME_V;
    SV *buf;
    size_t len;

    if (items < 4 || items > 7)
        croak_xs_usage(cv, "sock, bufref, slot, count, ancsize = 0, "
                           "flags = 0, timeout_ms = -1");
    fd = xapi_perl_fd(aTHX_ ST(0), fn);
    slot = xapi_perl_iv(aTHX_ ST(2), 0, XAPI_PERL_MAX_PIECE, fn, "slot");
    count = xapi_perl_count(aTHX_ ST(3), fn, "count");
    xapi_perl_recv_opts(aTHX_ &ST(4), items - 4, &anc, &flags, &timeout, fn);
    xapi_perl_batch_sizes(aTHX_ count, slot, anc, fn, "slot");
    buf = xapi_perl_into(aTHX_ ST(1), (size_t)count * (size_t)slot, &len, fn,
                         "buf");
    if (count > 0) {
        xapi_perl_layout_for(&l, count, 0, (size_t)anc);
        xapi_perl_batch_at(&l, (unsigned char *)xapi_perl_scratch(aTHX_ l.total),
                           &p);
        r = xapi_perl_batch_recv_do(aTHX_ fn, fd, &p, count,
                                    (unsigned char *)SvPVX(buf),
                                    (size_t)slot, l.cslot, flags, timeout);
        SvSETMAGIC(buf);
    }
    SP -= items;
    xapi_perl_batch_push(aTHX_ &SP, count > 0 ? p.msgs : NULL, r, 1, 0,
                         gimme == G_LIST);
    PUTBACK;
}

/* Xapi::recvmsg_into($sock, \$buf, $ancsize = 0, $flags = 0,
 *                    $size = length $buf)
 *   list context:   ($address, $len, \@cmsgs, $msg_flags, $nbytes)
 *   scalar context: {address, len, cmsgs, flags, nbytes} */
XS(xapi_perl_recvmsg_into)
{
    static const char fn[] = "recvmsg_into";
    dXSARGS;
    union {
        struct cmsghdr align;
        unsigned char b[XAPI_PERL_STACK_ANC];
    } control_stack;
    struct xapi_perl_ctx x;
    struct iovec iov;
    xapi_msg m;
    SV *buf, *vals[5];
    IV anc = 0, size = -1;
    int fd, flags = 0, timeout = -1;
    size_t len;

    if (items < 2 || items > 5)
        croak_xs_usage(cv, "sock, bufref, ancsize = 0, flags = 0, "
                           "size = length");
    fd = xapi_perl_fd(aTHX_ ST(0), fn);
    xapi_perl_recv_opts(aTHX_ &ST(2), items > 4 ? 2 : items - 2, &anc, &flags,
                        &timeout, fn);
    if (items > 4 && xapi_perl_given(aTHX_ &ST(4)))
        size = xapi_perl_iv(aTHX_ ST(4), 0, XAPI_PERL_MAX_PIECE, fn, "size");
    buf = xapi_perl_into(aTHX_ ST(1), size < 0 ? 0 : (size_t)size, &len, fn,
                         "buf");
    if (size >= 0)
        len = (size_t)size;
    else if (len > XAPI_MAX_DATA)
        len = XAPI_MAX_DATA;
    memset(&m, 0, sizeof(m));
    iov.iov_base = SvPVX(buf);
    iov.iov_len = len;
    m.iov = &iov;
    m.iovlen = 1;
    if (anc > 0) {
        m.control = anc <= XAPI_PERL_STACK_ANC
            ? (void *)control_stack.b : xapi_perl_scratch(aTHX_ (size_t)anc);
        m.controllen = (size_t)anc;
    }
    if (xapi_recvmsg(fd, &m, flags) < 0)
        xapi_perl_croak_os(aTHX_ fn, errno);
    SvSETMAGIC(buf);
    xapi_perl_ctx_init(aTHX_ &x);
    xapi_perl_msg_vals(aTHX_ &x, &m, newSVuv(xapi_msg_piece_len(&m, 0)), vals);
    SP -= items;
    if (GIMME_V == G_LIST) {
        int i;

        EXTEND(SP, 5);
        for (i = 0; i < 5; i++)
            mPUSHs(vals[i]);
    } else {
        EXTEND(SP, 1);
        mPUSHs(xapi_perl_msg_ref(aTHX_ &x, vals, 1, XAPI_PERL_K_LEN));
    }
    PUTBACK;
}

/* One message of a send batch, read into msgs[i]: a hash ref {data =>
 * [pieces] or bytes, to => address, cmsgs => [items]}.  Pieces of a
 * one-piece message go to *iov1; the items' control bytes go to the arena
 * (*arena_used of arena_cap bytes) when they fit, else to a mortal
 * buffer.  A message whose to and cmsgs are the very same Perl values as
 * the previous message's reuses what was made for that one. */
struct xapi_perl_send_memo {
    SV *to, *cmsgs;
    const xapi_msg *m;
};

static void xapi_perl_send_msg(pTHX_ SV *sv, long i, int fd, int *family,
                               xapi_msg *m, struct iovec *iov1,
                               unsigned char *arena, size_t arena_cap,
                               size_t *arena_used,
                               struct xapi_perl_send_memo *memo,
                               const char *fn)
{
    HV *hv;
    SV *data, *to, *cmsgs;
    SSize_t n;
    STRLEN known = 0;

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
    data = xapi_perl_fetch(aTHX_ hv, XAPI_PERL_K_DATA);
    to = xapi_perl_fetch(aTHX_ hv, XAPI_PERL_K_TO);
    cmsgs = xapi_perl_fetch(aTHX_ hv, XAPI_PERL_K_CMSGS);
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
    memset(m, 0, sizeof(*m));
    m->iov = xapi_perl_pieces(aTHX_ data, 1, iov1, 1, &n, fn, "data");
    m->iovlen = (size_t)n;
    if (to != NULL) {
        /* [host, port] is read after earlier messages' bytes are pointed
         * into: no code may run (see xapi_perl_elem_plain). */
        if (SvROK(to) && SvTYPE(SvRV(to)) == SVt_PVAV) {
            AV *hp = (AV *)SvRV(to);
            SSize_t k;

            if (xapi_perl_tied((SV *)hp))
                xapi_perl_croak_arg(aTHX_ fn, "to", "a tied array, a plain "
                                    "one is needed");
            for (k = 0; k <= av_len(hp) && k < 2; k++)
                (void)xapi_perl_elem_plain(aTHX_ hp, k, fn, "to");
        }
        if (memo->m != NULL && SvROK(to) && memo->to == SvRV(to))
            m->addr = memo->m->addr;
        else
            xapi_perl_sv_to_addr_fam(aTHX_ to, fd, family, &m->addr, fn,
                                     "to");
    }
    if (cmsgs != NULL) {
        if (memo->m != NULL && SvROK(cmsgs) && memo->cmsgs == SvRV(cmsgs)) {
            m->control = memo->m->control;
            m->controllen = memo->m->controllen;
        } else {
            size_t room = arena_cap - *arena_used;

            m->control = xapi_perl_control_buf(
                aTHX_ cmsgs, arena + *arena_used, room, &m->controllen, fn,
                "cmsgs");
            if (m->control == arena + *arena_used)
                *arena_used += (m->controllen + 15) & ~(size_t)15;
        }
    }
    memo->to = to != NULL && SvROK(to) ? SvRV(to) : NULL;
    memo->cmsgs = cmsgs != NULL && SvROK(cmsgs) ? SvRV(cmsgs) : NULL;
    memo->m = m;
}

/* The send: every message read first (a bad one croaks before anything is
 * sent), then one xapi_batch_send.  Returns how many were sent. */
static int xapi_perl_batch_send_do(pTHX_ const char *fn, int fd, AV *av,
                                   unsigned n, struct xapi_perl_batch *p,
                                   int flags)
{
    struct xapi_perl_send_memo memo = { NULL, NULL, NULL };
    unsigned char *arena;
    size_t arena_cap = (size_t)n * 64, used = 0;
    int family = -1, r;
    unsigned i;

    if (n == 0)
        return 0;
    arena = (unsigned char *)xapi_perl_scratch(aTHX_ arena_cap);
    for (i = 0; i < n; i++)
        xapi_perl_send_msg(aTHX_ xapi_perl_elem_plain(aTHX_ av, (SSize_t)i,
                                                      fn, "messages"),
                           (long)i, fd, &family, &p->msgs[i], &p->iov[i],
                           arena, arena_cap, &used, &memo, fn);
    r = xapi_batch_send(fd, p->b, p->msgs, n, flags);
    if (r < 0)
        xapi_perl_croak_os(aTHX_ fn, errno);
    return r;
}

/* Xapi::send_batch($sock, \@messages, $flags = 0) -> messages sent */
XS(xapi_perl_send_batch)
{
    static const char fn[] = "send_batch";
    dXSARGS;
    struct xapi_perl_layout l;
    struct xapi_perl_batch p;
    AV *av;
    SSize_t n;
    int fd, flags = 0, r = 0;

    if (items < 2 || items > 3)
        croak_xs_usage(cv, "sock, messages, flags = 0");
    fd = xapi_perl_fd(aTHX_ ST(0), fn);
    av = xapi_perl_av(aTHX_ ST(1), fn, "messages");
    n = av_len(av) + 1;
    if (n > XAPI_BATCH_MAX)
        xapi_perl_croak_arg(aTHX_ fn, "messages", "more than %d messages",
                            XAPI_BATCH_MAX);
    if (items > 2 && xapi_perl_given(aTHX_ &ST(2)))
        flags = (int)xapi_perl_iv(aTHX_ ST(2), INT_MIN, INT_MAX, fn, "flags");
    if (n > 0) {
        xapi_perl_layout_for(&l, (unsigned)n, 0, 0);
        xapi_perl_batch_at(&l, (unsigned char *)xapi_perl_scratch(aTHX_ l.total),
                           &p);
        r = xapi_perl_batch_send_do(aTHX_ fn, fd, av, (unsigned)n, &p, flags);
    }
    ST(0) = sv_2mortal(newSViv(r));
    XSRETURN(1);
}

/*
 * Xapi::Batch objects: a blessed reference to a read-only scalar whose
 * buffer holds the layout (a struct xapi_perl_layout, then the block).
 * Perl frees it with the object; nothing to DESTROY.
 */
struct xapi_perl_obj {
    struct xapi_perl_layout l;
    int as_hash;
    int views;          /* lean results: xapi_perl_batch_push_views */
};

#define XAPI_PERL_OBJ_HEAD XAPI_PERL_ALIGN(sizeof(struct xapi_perl_obj))

static struct xapi_perl_obj *xapi_perl_obj(pTHX_ SV *self, const char *fn)
{
    SV *sv;
    struct xapi_perl_obj o;
    struct xapi_perl_layout l;

    if (!sv_isobject(self) || !sv_derived_from(self, "Xapi::Batch"))
        xapi_perl_croak_arg(aTHX_ fn, "self", "not an Xapi::Batch object");
    sv = SvRV(self);
    if (SvTYPE(sv) > SVt_PVMG || !SvPOK(sv) || SvCUR(sv) < XAPI_PERL_OBJ_HEAD)
        xapi_perl_croak_arg(aTHX_ fn, "self", "not an Xapi::Batch object");
    /* The scalar describes its own block, so a scalar that new did not
     * make (a blessed string, an object whose scalar was changed) must
     * not be believed: its layout is made again from its sizes and must
     * match, the whole block must be there, and the buffer must be its
     * own (not shared, not offset) and aligned as new's was. */
    memcpy(&o, SvPVX(sv), sizeof(o));
    if (SvIsCOW(sv) || SvOOK(sv) ||
        ((uintptr_t)SvPVX(sv) & (sizeof(void *) - 1)) != 0 ||
        o.l.cap < 1 || o.l.cap > XAPI_BATCH_MAX ||
        o.l.slot > XAPI_MAX_DATA || o.l.cslot > XAPI_MAX_ANC + 7)
        xapi_perl_croak_arg(aTHX_ fn, "self", "a damaged Xapi::Batch object");
    xapi_perl_layout_for(&l, o.l.cap, o.l.slot, o.l.cslot);
    if (l.cslot != o.l.cslot || l.off_msgs != o.l.off_msgs ||
        l.off_iov != o.l.off_iov || l.off_control != o.l.off_control ||
        l.off_data != o.l.off_data || l.total != o.l.total ||
        SvCUR(sv) != XAPI_PERL_OBJ_HEAD + l.total)
        xapi_perl_croak_arg(aTHX_ fn, "self", "a damaged Xapi::Batch object");
    return (struct xapi_perl_obj *)SvPVX(sv);
}

/* Xapi::Raw::batch_new($class, $count, $size, $ancsize, $as_hash,
 *                      $views = 0) */
XS(xapi_perl_batch_new)
{
    static const char fn[] = "Batch::new";
    dXSARGS;
    struct xapi_perl_obj o;
    unsigned count;
    IV size, anc;
    SV *sv, *obj;
    const char *class;

    if (items < 5 || items > 6)
        croak_xs_usage(cv, "class, count, size, ancsize, as_hash, views = 0");
    count = xapi_perl_count(aTHX_ ST(1), fn, "count");
    size = xapi_perl_iv(aTHX_ ST(2), 0, XAPI_PERL_MAX_PIECE, fn, "size");
    anc = xapi_perl_iv(aTHX_ ST(3), 0, XAPI_PERL_MAX_ANC, fn, "ancsize");
    class = xapi_perl_cstr(aTHX_ ST(0), fn, "class"); /* last: a pointer */
    xapi_perl_batch_sizes(aTHX_ count, size, anc, fn, "size");
    memset(&o, 0, sizeof(o));
    xapi_perl_layout_for(&o.l, count, (size_t)size, (size_t)anc);
    o.as_hash = SvTRUE(ST(4));
    o.views = items > 5 && SvTRUE(ST(5));
    sv = newSV(XAPI_PERL_OBJ_HEAD + o.l.total);
    SvPOK_only(sv);
    memset(SvPVX(sv), 0, XAPI_PERL_OBJ_HEAD + o.l.total);
    memcpy(SvPVX(sv), &o, sizeof(o));
    SvCUR_set(sv, XAPI_PERL_OBJ_HEAD + o.l.total);
    obj = sv_bless(newRV_noinc(sv), gv_stashpv(class, GV_ADD));
    SvREADONLY_on(sv);
    ST(0) = sv_2mortal(obj);
    XSRETURN(1);
}

/* $batch->recv($sock, $flags = 0, $timeout_ms = -1) -> messages */
XS(xapi_perl_batch_recv)
{
    static const char fn[] = "Batch::recv";
    dXSARGS;
    struct xapi_perl_obj *o;
    struct xapi_perl_batch p;
    int fd, flags = 0, timeout = -1, r;
    I32 gimme = GIMME_V;

    if (items < 2 || items > 4)
        croak_xs_usage(cv, "self, sock, flags = 0, timeout_ms = -1");
    o = xapi_perl_obj(aTHX_ ST(0), fn);
    fd = xapi_perl_fd(aTHX_ ST(1), fn);
    if (items > 2 && xapi_perl_given(aTHX_ &ST(2)))
        flags = (int)xapi_perl_iv(aTHX_ ST(2), INT_MIN, INT_MAX, fn, "flags");
    if (items > 3 && xapi_perl_given(aTHX_ &ST(3)))
        timeout = (int)xapi_perl_iv(aTHX_ ST(3), INT_MIN, INT_MAX, fn,
                                    "timeout_ms");
    xapi_perl_batch_at(&o->l, (unsigned char *)o + XAPI_PERL_OBJ_HEAD, &p);
    r = xapi_perl_batch_recv_do(aTHX_ fn, fd, &p, o->l.cap, p.data, o->l.slot,
                                o->l.cslot, flags, timeout);
    SP -= items;
    if (o->views)
        xapi_perl_batch_push_views(aTHX_ &SP, p.msgs, r, o->as_hash,
                                   gimme == G_LIST);
    else
        xapi_perl_batch_push(aTHX_ &SP, p.msgs, r, 0, o->as_hash,
                             gimme == G_LIST);
    PUTBACK;
}

/* $batch->send($sock, \@messages, $flags = 0) -> messages sent */
XS(xapi_perl_batch_send)
{
    static const char fn[] = "Batch::send";
    dXSARGS;
    struct xapi_perl_obj *o;
    struct xapi_perl_batch p;
    AV *av;
    SSize_t n;
    int fd, flags = 0, r;

    if (items < 3 || items > 4)
        croak_xs_usage(cv, "self, sock, messages, flags = 0");
    o = xapi_perl_obj(aTHX_ ST(0), fn);
    fd = xapi_perl_fd(aTHX_ ST(1), fn);
    av = xapi_perl_av(aTHX_ ST(2), fn, "messages");
    n = av_len(av) + 1;
    if (n > (SSize_t)o->l.cap)
        xapi_perl_croak_arg(aTHX_ fn, "messages",
                            "%ld messages, the batch holds %u", (long)n,
                            o->l.cap);
    if (items > 3 && xapi_perl_given(aTHX_ &ST(3)))
        flags = (int)xapi_perl_iv(aTHX_ ST(3), INT_MIN, INT_MAX, fn, "flags");
    xapi_perl_batch_at(&o->l, (unsigned char *)o + XAPI_PERL_OBJ_HEAD, &p);
    r = xapi_perl_batch_send_do(aTHX_ fn, fd, av, (unsigned)n, &p, flags);
    ST(0) = sv_2mortal(newSViv(r));
    XSRETURN(1);
}

/* $batch->capacity */
XS(xapi_perl_batch_capacity)
{
    dXSARGS;
    struct xapi_perl_obj *o;

    if (items != 1)
        croak_xs_usage(cv, "self");
    o = xapi_perl_obj(aTHX_ ST(0), "Batch::capacity");
    ST(0) = sv_2mortal(newSVuv(o->l.cap));
    XSRETURN(1);
}
%}

%native(recv_batch) void xapi_perl_recv_batch(void);
%native(recv_batch_into) void xapi_perl_recv_batch_into(void);
%native(recvmsg_into) void xapi_perl_recvmsg_into(void);
%native(send_batch) void xapi_perl_send_batch(void);
%native(batch_new) void xapi_perl_batch_new(void);
%native(batch_recv) void xapi_perl_batch_recv(void);
%native(batch_send) void xapi_perl_batch_send(void);
%native(batch_capacity) void xapi_perl_batch_capacity(void);
