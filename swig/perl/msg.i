/*
 * swig/perl/msg.i - the Perl-only calls: message I/O, ancillary items as
 * Xapi::Cmsg objects, the constant table and if_nameindex.
 *
 * These are hand-written XS functions (%native) rather than wrappers of C
 * declarations: each one reads Perl values, makes the core call and builds
 * the whole Perl result in one native crossing (a receive, its pieces, its
 * source address and every decoded ancillary item).  They use the helpers
 * and conventions of typemaps.i.
 */

%{
/* An Xapi::Cmsg: a blessed hash {level, type, data} plus, when the core's
 * one decoder gives the item a typed view, {view => NAME, value => V}, V an
 * integer or, for pktinfo, [address, ifindex] ([address, ifindex,
 * spec_dst] for IPv4).  v is NULL or a decoded view.  A new reference. */
static SV *xapi_perl_cmsg_new(pTHX_ int level, int type, const void *data,
                              size_t len, const xapi_value *v)
{
    HV *hv = newHV();

    (void)hv_stores(hv, "level", newSViv(level));
    (void)hv_stores(hv, "type", newSViv(type));
    (void)hv_stores(hv, "data", newSVpvn((const char *)data, len));
    if (v != NULL && v->kind != XAPI_VALUE_NONE && v->name != NULL) {
        SV *value;

        if (v->kind == XAPI_VALUE_PKTINFO) {
            AV *pi = newAV();

            av_push(pi, newSVpv(v->pktinfo.addr, 0));
            av_push(pi, newSVuv(v->pktinfo.ifindex));
            if (v->pktinfo.family == AF_INET)
                av_push(pi, newSVpv(v->pktinfo.spec_dst, 0));
            value = newRV_noinc((SV *)pi);
        } else {
            value = newSViv(v->i);
        }
        (void)hv_stores(hv, "view", newSVpv(v->name, 0));
        (void)hv_stores(hv, "value", value);
    }
    return sv_bless(newRV_noinc((SV *)hv),
                    gv_stashpvs("Xapi::Cmsg", GV_ADD));
}

/* One received item: decoded if the core knows it; a malformed known item
 * (the kernel cuts the last one short under MSG_CTRUNC) keeps its raw bytes
 * and gets no view. */
static SV *xapi_perl_cmsg_received(pTHX_ const xapi_cmsg *c)
{
    xapi_value v;
    int saved = errno;

    if (xapi_cmsg_decode(c, &v) < 0) {
        errno = saved;
        return xapi_perl_cmsg_new(aTHX_ c->level, c->type, c->data, c->len,
                                  NULL);
    }
    return xapi_perl_cmsg_new(aTHX_ c->level, c->type, c->data, c->len, &v);
}

/* An array ref argument, or croak naming it. */
static AV *xapi_perl_av(pTHX_ SV *sv, const char *fn, const char *arg)
{
    SvGETMAGIC(sv);
    if (!SvROK(sv) || SvTYPE(SvRV(sv)) != SVt_PVAV)
        xapi_perl_croak_arg(aTHX_ fn, arg, "not an array reference");
    return (AV *)SvRV(sv);
}

/* Element i of av, or croak (a hole in the array). */
static SV *xapi_perl_elem(pTHX_ AV *av, SSize_t i, const char *fn,
                          const char *arg)
{
    SV **e = av_fetch(av, i, 0);

    if (e == NULL)
        xapi_perl_croak_arg(aTHX_ fn, arg, "element %ld is missing", (long)i);
    return *e;
}

/* One item to send: an Xapi::Cmsg (any hash with level, type and data) or
 * [level, type, data]. */
struct xapi_perl_item {
    int level, type;
    const char *data;
    STRLEN len;
};

static void xapi_perl_item(pTHX_ SV *sv, struct xapi_perl_item *it,
                           const char *fn, const char *arg)
{
    SV *level = NULL, *type = NULL, *data = NULL;

    SvGETMAGIC(sv);
    if (SvROK(sv) && SvTYPE(SvRV(sv)) == SVt_PVHV) {
        HV *hv = (HV *)SvRV(sv);
        SV **l = hv_fetchs(hv, "level", 0), **t = hv_fetchs(hv, "type", 0),
           **d = hv_fetchs(hv, "data", 0);

        if (l != NULL && t != NULL && d != NULL) {
            level = *l;
            type = *t;
            data = *d;
        }
    } else if (SvROK(sv) && SvTYPE(SvRV(sv)) == SVt_PVAV &&
               av_len((AV *)SvRV(sv)) == 2) {
        AV *av = (AV *)SvRV(sv);

        level = xapi_perl_elem(aTHX_ av, 0, fn, arg);
        type = xapi_perl_elem(aTHX_ av, 1, fn, arg);
        data = xapi_perl_elem(aTHX_ av, 2, fn, arg);
    }
    if (level == NULL)
        xapi_perl_croak_arg(aTHX_ fn, arg,
                            "an item is not an Xapi::Cmsg or [level, type, "
                            "data]");
    it->level = (int)xapi_perl_iv(aTHX_ level, INT_MIN, INT_MAX, fn, "level");
    it->type = (int)xapi_perl_iv(aTHX_ type, INT_MIN, INT_MAX, fn, "type");
    it->data = xapi_perl_bytes(aTHX_ data, &it->len, fn, "data");
}

/* A control buffer built from a list of items: a mortal SV, NULL for undef
 * or an empty list. */
static SV *xapi_perl_control(pTHX_ SV *list, const char *fn, const char *arg)
{
    struct xapi_perl_item *items;
    SSize_t n, i;
    size_t total = 0, used = 0;
    SV *buf;
    AV *av;
    int saved = errno;

    SvGETMAGIC(list);
    if (!SvOK(list))
        return NULL;
    av = xapi_perl_av(aTHX_ list, fn, arg);
    n = av_len(av) + 1;
    if (n == 0)
        return NULL;
    if ((size_t)n > XAPI_PERL_MAX_ANC / sizeof(struct cmsghdr))
        xapi_perl_croak_arg(aTHX_ fn, arg, "too many items");
    items = (struct xapi_perl_item *)SvPVX(
        sv_2mortal(newSV((STRLEN)n * sizeof(*items))));
    for (i = 0; i < n; i++) {
        size_t space;

        xapi_perl_item(aTHX_ xapi_perl_elem(aTHX_ av, i, fn, arg), &items[i],
                       fn, arg);
        space = xapi_cmsg_space(items[i].len);
        if (space == 0 || space > (size_t)XAPI_PERL_MAX_ANC - total) {
            errno = saved;
            xapi_perl_croak_arg(aTHX_ fn, arg, "more than %ld bytes of items",
                                (long)XAPI_PERL_MAX_ANC);
        }
        total += space;
    }
    buf = sv_2mortal(newSV(total + 1));
    for (i = 0; i < n; i++)
        if (xapi_cmsg_append(SvPVX(buf), total, &used, items[i].level,
                             items[i].type, items[i].data, items[i].len) < 0) {
            int err = errno;

            errno = saved;
            xapi_perl_croak_arg(aTHX_ fn, arg, "item %ld: %s", (long)i,
                                strerror(err));
        }
    SvPOK_only(buf);
    SvCUR_set(buf, used);
    *SvEND(buf) = '\0';
    return buf;
}

/* Xapi::sendmsg($sock, \@buffers, $address, \@cmsgs, $flags) -> bytes sent */
XS(xapi_perl_sendmsg)
{
    static const char fn[] = "sendmsg";
    dXSARGS;
    xapi_msg m;
    AV *bufs;
    SSize_t n, i;
    struct iovec *iov;
    SV *control;
    int fd, flags = 0;
    ssize_t sent;

    if (items < 2 || items > 5)
        croak_xs_usage(cv, "sock, buffers, address = undef, cmsgs = undef, "
                           "flags = 0");
    memset(&m, 0, sizeof(m));
    fd = xapi_perl_fd(aTHX_ ST(0), fn);
    bufs = xapi_perl_av(aTHX_ ST(1), fn, "buffers");
    n = av_len(bufs) + 1;
    if (n > 1024)
        xapi_perl_croak_arg(aTHX_ fn, "buffers", "more than 1024 pieces");
    iov = (struct iovec *)SvPVX(
        sv_2mortal(newSV((STRLEN)(n > 0 ? n : 1) * sizeof(*iov))));
    for (i = 0; i < n; i++) {
        STRLEN len;

        iov[i].iov_base = (void *)xapi_perl_bytes(
            aTHX_ xapi_perl_elem(aTHX_ bufs, i, fn, "buffers"), &len, fn,
            "buffers");
        iov[i].iov_len = len;
    }
    m.iov = iov;
    m.iovlen = (size_t)n;
    if (items > 2)
        xapi_perl_sv_to_addr(aTHX_ ST(2), fd, &m.addr, fn, "address");
    if (items > 3 && (control = xapi_perl_control(aTHX_ ST(3), fn, "cmsgs"))) {
        m.control = SvPVX(control);
        m.controllen = SvCUR(control);
    }
    if (items > 4 && SvOK(ST(4)))
        flags = (int)xapi_perl_iv(aTHX_ ST(4), INT_MIN, INT_MAX, fn, "flags");
    sent = xapi_sendmsg(fd, &m, flags);
    if (sent < 0)
        xapi_perl_croak_os(aTHX_ fn, errno);
    ST(0) = sv_2mortal(newSViv((IV)sent));
    XSRETURN(1);
}

/* Xapi::recvmsg($sock, \@sizes, $ancsize, $flags)
 *   list context:   ($address, \@data, \@cmsgs, $msg_flags, $nbytes)
 *   scalar context: {address, data, cmsgs, flags, nbytes} */
XS(xapi_perl_recvmsg)
{
    static const char fn[] = "recvmsg";
    dXSARGS;
    xapi_msg m;
    AV *sizes, *data, *cmsgs;
    SSize_t n, i;
    struct iovec *iov;
    SV **pieces, *address;
    IV total = 0, anc = 0;
    int fd, flags = 0;

    if (items < 2 || items > 4)
        croak_xs_usage(cv, "sock, sizes, ancsize = 0, flags = 0");
    memset(&m, 0, sizeof(m));
    fd = xapi_perl_fd(aTHX_ ST(0), fn);
    sizes = xapi_perl_av(aTHX_ ST(1), fn, "sizes");
    n = av_len(sizes) + 1;
    if (n > 1024)
        xapi_perl_croak_arg(aTHX_ fn, "sizes", "more than 1024 pieces");
    if (items > 2 && SvOK(ST(2)))
        anc = xapi_perl_iv(aTHX_ ST(2), 0, XAPI_PERL_MAX_ANC, fn, "ancsize");
    if (items > 3 && SvOK(ST(3)))
        flags = (int)xapi_perl_iv(aTHX_ ST(3), INT_MIN, INT_MAX, fn, "flags");
    /* Every size is checked before anything is allocated. */
    iov = (struct iovec *)SvPVX(
        sv_2mortal(newSV((STRLEN)(n > 0 ? n : 1) * sizeof(*iov))));
    for (i = 0; i < n; i++) {
        IV size = xapi_perl_iv(aTHX_ xapi_perl_elem(aTHX_ sizes, i, fn, "sizes"),
                               0, XAPI_PERL_MAX_PIECE, fn, "sizes");

        if (size > XAPI_PERL_MAX_PIECE - total)
            xapi_perl_croak_arg(aTHX_ fn, "sizes", "more than %ld bytes in all",
                                (long)XAPI_PERL_MAX_PIECE);
        total += size;
        iov[i].iov_len = (size_t)size;
    }
    /* The pieces are the result strings themselves: received into, then
     * cut to what arrived.  Mortal until the result owns them. */
    pieces = (SV **)SvPVX(
        sv_2mortal(newSV((STRLEN)(n > 0 ? n : 1) * sizeof(SV *))));
    for (i = 0; i < n; i++) {
        /* +1: room for the NUL, and a buffer even for a 0-byte piece
         * (newSV(0) allocates none). */
        pieces[i] = sv_2mortal(newSV(iov[i].iov_len + 1));
        SvPOK_only(pieces[i]);
        iov[i].iov_base = SvPVX(pieces[i]);
    }
    m.iov = iov;
    m.iovlen = (size_t)n;
    if (anc > 0) {
        m.control = SvPVX(sv_2mortal(newSV((STRLEN)anc)));
        m.controllen = (size_t)anc;
    }
    if (xapi_recvmsg(fd, &m, flags) < 0)
        xapi_perl_croak_os(aTHX_ fn, errno);

    data = newAV();
    sv_2mortal((SV *)data);
    av_extend(data, n > 0 ? n - 1 : 0);
    for (i = 0; i < n; i++) {
        size_t got = xapi_msg_piece_len(&m, (size_t)i);

        SvCUR_set(pieces[i], got);
        *SvEND(pieces[i]) = '\0';
        /* Don't keep a large buffer alive for a few bytes. */
        if (SvLEN(pieces[i]) - got > 4096)
            SvPV_shrink_to_cur(pieces[i]);
        av_push(data, SvREFCNT_inc_simple_NN(pieces[i]));
    }
    cmsgs = newAV();
    sv_2mortal((SV *)cmsgs);
    if (m.controllen > 0) {
        xapi_cmsg_iter it;
        xapi_cmsg c;
        int saved = errno;

        /* A walk that fails stops there: what the kernel handed over
         * cannot be asked for again, so the items before it are kept. */
        xapi_cmsg_iter_init(&it, m.control, m.controllen);
        while (xapi_cmsg_next(&it, &c) == 1)
            av_push(cmsgs, xapi_perl_cmsg_received(aTHX_ &c));
        errno = saved;
    }
    address = sv_2mortal(xapi_perl_addr_sv(aTHX_ &m.addr));

    SP -= items;
    if (GIMME_V == G_LIST) {
        EXTEND(SP, 5);
        PUSHs(address);
        mPUSHs(newRV_inc((SV *)data));
        mPUSHs(newRV_inc((SV *)cmsgs));
        mPUSHi(m.flags);
        mPUSHi((IV)m.datalen);
    } else {
        HV *hv = newHV();

        (void)hv_stores(hv, "address", SvREFCNT_inc_simple_NN(address));
        (void)hv_stores(hv, "data", newRV_inc((SV *)data));
        (void)hv_stores(hv, "cmsgs", newRV_inc((SV *)cmsgs));
        (void)hv_stores(hv, "flags", newSViv(m.flags));
        (void)hv_stores(hv, "nbytes", newSViv((IV)m.datalen));
        EXTEND(SP, 1);
        mPUSHs(newRV_noinc((SV *)hv));
    }
    PUTBACK;
}

/* Xapi::build_cmsgs(\@cmsgs) -> bytes */
XS(xapi_perl_build_cmsgs)
{
    dXSARGS;
    SV *control;

    if (items != 1)
        croak_xs_usage(cv, "cmsgs");
    control = xapi_perl_control(aTHX_ ST(0), "build_cmsgs", "cmsgs");
    ST(0) = control != NULL ? control : sv_2mortal(newSVpvs(""));
    XSRETURN(1);
}

/* Xapi::parse_cmsgs($bytes) -> list of Xapi::Cmsg.  Unlike a receive, a
 * buffer the caller hands over can be refused whole: a lying length or a
 * malformed known item croaks. */
XS(xapi_perl_parse_cmsgs)
{
    static const char fn[] = "parse_cmsgs";
    dXSARGS;
    const char *p;
    STRLEN len;
    xapi_cmsg_iter it;
    xapi_cmsg c;
    AV *out;
    int rc, saved = errno;
    SSize_t k, count;

    if (items != 1)
        croak_xs_usage(cv, "bytes");
    p = xapi_perl_bytes(aTHX_ ST(0), &len, fn, "bytes");
    out = (AV *)sv_2mortal((SV *)newAV());
    xapi_cmsg_iter_init(&it, p, len);
    while ((rc = xapi_cmsg_next(&it, &c)) == 1) {
        xapi_value v;

        if (xapi_cmsg_decode(&c, &v) < 0) {
            errno = saved;
            xapi_perl_croak_arg(aTHX_ fn, "bytes",
                                "item %ld (level %d, type %d) has a malformed "
                                "%lu-byte payload", (long)(av_len(out) + 1),
                                c.level, c.type, (unsigned long)c.len);
        }
        av_push(out, xapi_perl_cmsg_new(aTHX_ c.level, c.type, c.data, c.len,
                                        &v));
    }
    if (rc < 0) {
        errno = saved;
        xapi_perl_croak_arg(aTHX_ fn, "bytes",
                            "item %ld has a cmsg_len below its header or past "
                            "the end", (long)(av_len(out) + 1));
    }
    count = av_len(out) + 1;
    SP -= items;
    EXTEND(SP, count);
    for (k = 0; k < count; k++)
        PUSHs(sv_2mortal(SvREFCNT_inc_simple_NN(*av_fetch(out, k, 0))));
    PUTBACK;
}

/* Xapi::Raw::cmsg_typed($kind, @args) -> Xapi::Cmsg, through the core's
 * encoders:  hoplimit/tclass/ttl/tos N;  pktinfo6 ADDR, IFINDEX;
 *            pktinfo4 IFINDEX, SPEC_DST, ADDR. */
XS(xapi_perl_cmsg_typed)
{
    dXSARGS;
    static const struct {
        const char *kind;
        int level, type, nargs;
    } kinds[] = {
        { "hoplimit", IPPROTO_IPV6, IPV6_HOPLIMIT, 1 },
        { "tclass", IPPROTO_IPV6, IPV6_TCLASS, 1 },
        { "ttl", IPPROTO_IP, IP_TTL, 1 },
        { "tos", IPPROTO_IP, IP_TOS, 1 },
        { "pktinfo6", IPPROTO_IPV6, IPV6_PKTINFO, 2 },
        { "pktinfo4", IPPROTO_IP, IP_PKTINFO, 3 },
    };
    const char *kind;
    unsigned char buf[64];
    size_t len = 0, k;
    int rc, saved = errno;
    xapi_cmsg c;
    xapi_value v;

    if (items < 1)
        croak_xs_usage(cv, "kind, ...");
    kind = xapi_perl_cstr(aTHX_ ST(0), "Cmsg", "kind");
    for (k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++)
        if (strcmp(kinds[k].kind, kind) == 0)
            break;
    if (k == sizeof(kinds) / sizeof(kinds[0]))
        xapi_perl_croak_arg(aTHX_ "Cmsg", "kind", "unknown kind '%.40s'", kind);
    if (items - 1 != kinds[k].nargs)
        xapi_perl_croak_arg(aTHX_ "Cmsg", kind, "%d value(s) needed",
                            kinds[k].nargs);
    if (kinds[k].nargs == 1) {
        /* The encoder owns the range (-1 "default" .. 255); the int is
         * only read here. */
        IV n = xapi_perl_iv(aTHX_ ST(1), INT_MIN, INT_MAX, "Cmsg", kind);

        rc = xapi_encode_int((int)n, buf, sizeof(buf), &len);
    } else if (kinds[k].nargs == 2) {
        rc = xapi_encode_in6_pktinfo(
            xapi_perl_cstr(aTHX_ ST(1), "Cmsg", "addr"),
            (unsigned)xapi_perl_iv(aTHX_ ST(2), 0, UINT_MAX, "Cmsg", "ifindex"),
            buf, sizeof(buf), &len);
    } else {
        unsigned ifindex =
            (unsigned)xapi_perl_iv(aTHX_ ST(1), 0, UINT_MAX, "Cmsg", "ifindex");
        const char *spec_dst = SvOK(ST(2))
            ? xapi_perl_cstr(aTHX_ ST(2), "Cmsg", "spec_dst") : NULL;
        const char *addr = SvOK(ST(3))
            ? xapi_perl_cstr(aTHX_ ST(3), "Cmsg", "addr") : NULL;

        rc = xapi_encode_in_pktinfo(ifindex, spec_dst, addr, buf, sizeof(buf),
                                    &len);
    }
    if (rc < 0) {
        int err = errno;

        errno = saved;
        xapi_perl_croak_arg(aTHX_ "Cmsg", kind, "refused by the encoder%s: %s",
                            kinds[k].nargs == 1 ? " (-1..255)" : "",
                            strerror(err));
    }
    c.level = kinds[k].level;
    c.type = kinds[k].type;
    c.data = buf;
    c.len = len;
    /* The view comes from the same decoder a receive uses; -1 ("the
     * default") has no received form, so it carries its value plainly. */
    if (xapi_cmsg_decode(&c, &v) < 0) {
        memset(&v, 0, sizeof(v));
        v.kind = XAPI_VALUE_INT;
        v.name = kind;
        memcpy(&v.i, buf, sizeof(int));
    }
    errno = saved;
    ST(0) = sv_2mortal(xapi_perl_cmsg_new(aTHX_ c.level, c.type, buf, len, &v));
    XSRETURN(1);
}

/* Xapi::Raw::constants() -> {NAME => value, ...}, the core's whole table. */
XS(xapi_perl_constants)
{
    dXSARGS;
    size_t n = 0, i;
    const xapi_constant *t = xapi_constants(&n);
    HV *hv = newHV();

    if (items != 0) {
        SvREFCNT_dec((SV *)hv);
        croak_xs_usage(cv, "");
    }
    for (i = 0; i < n; i++)
        (void)hv_store(hv, t[i].name, (I32)strlen(t[i].name),
                       newSViv((IV)t[i].value), 0);
    ST(0) = sv_2mortal(newRV_noinc((SV *)hv));
    XSRETURN(1);
}

/* Xapi::if_nameindex() -> ([index, name], ...) */
XS(xapi_perl_if_nameindex)
{
    dXSARGS;
    size_t cap = 16, count = 0, i;
    xapi_ifentry *list;
    int saved = errno;

    if (items != 0)
        croak_xs_usage(cv, "");
    for (;;) {
        list = (xapi_ifentry *)SvPVX(sv_2mortal(newSV(cap * sizeof(*list))));
        if (xapi_if_nameindex(list, cap, &count) == 0)
            break;
        /* Interfaces may come and go between two calls: retry bigger. */
        if (errno != ENOSPC || cap > 65536)
            xapi_perl_croak_os(aTHX_ "if_nameindex", errno);
        cap = count + 16;
    }
    errno = saved;
    SP -= items;
    EXTEND(SP, (SSize_t)count);
    for (i = 0; i < count; i++) {
        AV *e = newAV();

        av_push(e, newSVuv(list[i].index));
        av_push(e, newSVpv(list[i].name, 0));
        mPUSHs(newRV_noinc((SV *)e));
    }
    PUTBACK;
}
%}

%native(sendmsg) void xapi_perl_sendmsg(void);
%native(recvmsg) void xapi_perl_recvmsg(void);
%native(build_cmsgs) void xapi_perl_build_cmsgs(void);
%native(parse_cmsgs) void xapi_perl_parse_cmsgs(void);
%native(cmsg_typed) void xapi_perl_cmsg_typed(void);
%native(constants) void xapi_perl_constants(void);
%native(if_nameindex) void xapi_perl_if_nameindex(void);
