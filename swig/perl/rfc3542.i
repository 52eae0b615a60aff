/*
 * swig/perl/rfc3542.i - the Perl binding's RFC 3542 calls (issue 3): the
 * ICMPv6 filter, path MTU, IPV6_NEXTHOP, routing headers (type 0 and the
 * SRH), Hop-by-Hop / Destination options and the router alert.
 *
 * Hand-written XS functions (%native), in the style of msg.i, using the
 * helpers of typemaps.i and msg.i (the files are included into one
 * generated C file).  Each call reads its Perl arguments, makes the core
 * calls and builds the whole result in one native crossing: building or
 * parsing a header is one call.  Bindings/perl/Xapi/RFC3542.pm aliases
 * them into Xapi:: (no Perl frame in between, so a croak names the user's
 * line).
 *
 * Errors: the core validates, this layer only explains.  A core failure
 * whose errno is one the matrix counts as an argument error (EINVAL,
 * ERANGE, EOVERFLOW, ENAMETOOLONG) croaks "Xapi::fn: bad argument NAME:
 * why" with the caller's $! put back; any other errno (ENOSPC when a
 * header is full, EOPNOTSUPP for another routing type, EMSGSIZE, the
 * kernel's) croaks as an OS error with $! set.
 */

%{
#include <arpa/inet.h>
#include <stdio.h>

#define XR_FILTER_CLASS "Xapi::ICMP6Filter"
#define XR_OPT_MAX 2048 /* the largest options header, (255 + 1) * 8 */

static int xr_arg_errno(int err)
{
    return err == EINVAL || err == ERANGE || err == EOVERFLOW ||
           err == ENAMETOOLONG;
}

/* A core call failed with err (the caller's errno was saved in saved). */
static void xr_fail(pTHX_ const char *fn, const char *arg, int err, int saved,
                    const char *why) __attribute__((noreturn));
static void xr_fail(pTHX_ const char *fn, const char *arg, int err, int saved,
                    const char *why)
{
    if (xr_arg_errno(err)) {
        errno = saved;
        xapi_perl_croak_arg(aTHX_ fn, arg, "%s",
                            why != NULL && *why != '\0' ? why : strerror(err));
    }
    xapi_perl_croak_os(aTHX_ fn, err);
}

/* Bytes in: as typemaps.i's xapi_perl_bytes, saying "Wide character" for a
 * string that holds a character above 0xFF. */
static const char *xr_bytes(pTHX_ SV *sv, STRLEN *len, const char *fn,
                            const char *arg)
{
    const char *p;

    SvGETMAGIC(sv);
    xapi_perl_want_plain(aTHX_ sv, fn, arg, "a byte string");
    p = SvPV_nomg(sv, *len);
    if (SvUTF8(sv)) {
        SV *copy = sv_2mortal(newSVpvn_utf8(p, *len, 1));

        if (!sv_utf8_downgrade(copy, TRUE))
            xapi_perl_croak_arg(aTHX_ fn, arg,
                                "Wide character (above 0xFF) where bytes "
                                "are needed");
        p = SvPV(copy, *len);
    }
    return p;
}

/* The scalar behind a reference, made a writable byte string (an
 * in-place call such as rth_add(\$buf, ...)).  A string of characters
 * all below 0x100 is downgraded in place. */
static SV *xr_scalar_ref(pTHX_ SV *ref, const char *fn, const char *arg)
{
    SV *sv;

    SvGETMAGIC(ref);
    if (!SvROK(ref) || SvOBJECT(SvRV(ref)) || SvTYPE(SvRV(ref)) >= SVt_PVAV ||
        isGV_with_GP(SvRV(ref)))
        xapi_perl_croak_arg(aTHX_ fn, arg, "not a reference to a scalar");
    sv = SvRV(ref);
    SvGETMAGIC(sv);
    if (xapi_perl_readonly(sv))
        xapi_perl_croak_arg(aTHX_ fn, arg, "refers to a read-only value");
    if (!SvOK(sv) || SvROK(sv))
        xapi_perl_croak_arg(aTHX_ fn, arg,
                            "refers to %s, a byte string is needed",
                            SvOK(sv) ? "a reference" : "undef");
    if (SvUTF8(sv) && !sv_utf8_downgrade(sv, TRUE))
        xapi_perl_croak_arg(aTHX_ fn, arg,
                            "Wide character (above 0xFF) where bytes are "
                            "needed");
    return sv;
}

static SV *xr_in6_text(pTHX_ const struct in6_addr *a)
{
    char text[INET6_ADDRSTRLEN];

    if (inet_ntop(AF_INET6, a, text, sizeof(text)) == NULL)
        text[0] = '\0'; /* cannot happen: the buffer is large enough */
    return newSVpv(text, 0);
}

/* An IPv6 address in text form (no scope: a routing header holds the bare
 * 16 bytes). */
static void xr_in6(pTHX_ SV *sv, struct in6_addr *out, const char *fn,
                   const char *arg, long index)
{
    const char *text = xapi_perl_cstr(aTHX_ sv, fn, arg);
    int saved = errno;

    if (inet_pton(AF_INET6, text, out) != 1) {
        errno = saved;
        if (index >= 0)
            xapi_perl_croak_arg(aTHX_ fn, arg,
                                "element %ld '%.60s' is not an IPv6 address",
                                index, text);
        xapi_perl_croak_arg(aTHX_ fn, arg, "'%.60s' is not an IPv6 address",
                            text);
    }
}

/* ---- ICMPv6 filter ----------------------------------------------------- */

static SV *xr_filter_new(pTHX_ const xapi_icmp6_filter *f)
{
    SV *inner = newSVpvn((const char *)f, sizeof(*f));

    return sv_bless(newRV_noinc(inner), gv_stashpvs(XR_FILTER_CLASS, GV_ADD));
}

/* The filter an Xapi::ICMP6Filter holds (copied into *f); the inner
 * scalar is returned for writing back.  With bytes_ok, 32 plain bytes
 * are taken too (then NULL is returned). */
static SV *xr_filter_in(pTHX_ SV *sv, xapi_icmp6_filter *f, int bytes_ok,
                        const char *fn, const char *arg)
{
    const char *p;
    STRLEN n;
    SV *inner = NULL;

    SvGETMAGIC(sv);
    if (SvROK(sv) && sv_derived_from(sv, XR_FILTER_CLASS) &&
        SvTYPE(SvRV(sv)) < SVt_PVAV) {
        inner = SvRV(sv);
        p = SvPV(inner, n);
    } else if (bytes_ok && SvOK(sv) && !SvROK(sv)) {
        p = xr_bytes(aTHX_ sv, &n, fn, arg);
    } else {
        xapi_perl_croak_arg(aTHX_ fn, arg, "not an %s%s", XR_FILTER_CLASS,
                            bytes_ok ? " or its 32 bytes" : "");
    }
    if (n != sizeof(*f))
        xapi_perl_croak_arg(aTHX_ fn, arg, "holds %lu bytes, a filter is %lu",
                            (unsigned long)n, (unsigned long)sizeof(*f));
    memcpy(f, p, sizeof(*f));
    return inner;
}

/* Xapi::icmp6_filter_new($mode = 'pass') -> Xapi::ICMP6Filter */
XS(xr_icmp6_filter_new)
{
    static const char fn[] = "icmp6_filter_new";
    dXSARGS;
    xapi_icmp6_filter f;
    const char *mode = "pass";

    if (items > 1)
        croak_xs_usage(cv, "mode = 'pass'");
    if (items == 1 && xapi_perl_given(aTHX_ &ST(0)))
        mode = xapi_perl_cstr(aTHX_ ST(0), fn, "mode");
    if (strcmp(mode, "pass") == 0 || strcmp(mode, "passall") == 0)
        xapi_icmp6_filter_setpassall(&f);
    else if (strcmp(mode, "block") == 0 || strcmp(mode, "blockall") == 0)
        xapi_icmp6_filter_setblockall(&f);
    else
        xapi_perl_croak_arg(aTHX_ fn, "mode", "'%.40s' is not 'pass' or 'block'",
                            mode);
    ST(0) = sv_2mortal(xr_filter_new(aTHX_ &f));
    XSRETURN(1);
}

/* The four per-type methods: 0 set_pass, 1 set_block, 2 will_pass,
 * 3 will_block.  The setters return the object, the tests a boolean. */
static SV *xr_filter_method(pTHX_ SV *self, SV *type_sv, int op,
                            const char *fn)
{
    xapi_icmp6_filter f;
    SV *inner = xr_filter_in(aTHX_ self, &f, 0, fn, "self");
    int type = (int)xapi_perl_iv(aTHX_ type_sv, INT_MIN, INT_MAX, fn, "type");
    int saved = errno, rc;

    switch (op) {
    case 0: rc = xapi_icmp6_filter_setpass(type, &f); break;
    case 1: rc = xapi_icmp6_filter_setblock(type, &f); break;
    case 2: rc = xapi_icmp6_filter_willpass(type, &f); break;
    default: rc = xapi_icmp6_filter_willblock(type, &f); break;
    }
    if (rc < 0) {
        char why[80];

        snprintf(why, sizeof(why), "%d is not an ICMPv6 type (0..255)", type);
        xr_fail(aTHX_ fn, "type", errno, saved, why);
    }
    if (op < 2) {
        if (SvREADONLY(inner))
            xapi_perl_croak_arg(aTHX_ fn, "self", "a read-only filter");
        sv_setpvn(inner, (const char *)&f, sizeof(f));
        SvSETMAGIC(inner);
        return self;
    }
    return rc ? &PL_sv_yes : &PL_sv_no;
}

#define XR_FILTER_XS(name, op)                                            \
    XS(xr_filter_##name)                                                  \
    {                                                                     \
        dXSARGS;                                                          \
        if (items != 2)                                                   \
            croak_xs_usage(cv, "self, type");                             \
        ST(0) = xr_filter_method(aTHX_ ST(0), ST(1), (op),                \
                                 "ICMP6Filter::" #name);                  \
        XSRETURN(1);                                                      \
    }
XR_FILTER_XS(set_pass, 0)
XR_FILTER_XS(set_block, 1)
XR_FILTER_XS(will_pass, 2)
XR_FILTER_XS(will_block, 3)

/* $filter->bytes -> the 32 bytes, Linux's layout */
XS(xr_filter_bytes)
{
    dXSARGS;
    xapi_icmp6_filter f;

    if (items != 1)
        croak_xs_usage(cv, "self");
    xr_filter_in(aTHX_ ST(0), &f, 0, "ICMP6Filter::bytes", "self");
    ST(0) = sv_2mortal(newSVpvn((const char *)&f, sizeof(f)));
    XSRETURN(1);
}

/* Xapi::ICMP6Filter->from_bytes($bytes) */
XS(xr_filter_from_bytes)
{
    dXSARGS;
    xapi_icmp6_filter f;

    if (items != 2)
        croak_xs_usage(cv, "class, bytes");
    xr_filter_in(aTHX_ ST(1), &f, 1, "ICMP6Filter::from_bytes", "bytes");
    ST(0) = sv_2mortal(xr_filter_new(aTHX_ &f));
    XSRETURN(1);
}

/* Xapi::set_icmp6_filter($sock, $filter) -> true */
XS(xr_set_icmp6_filter)
{
    static const char fn[] = "set_icmp6_filter";
    dXSARGS;
    xapi_icmp6_filter f;
    int fd;

    if (items != 2)
        croak_xs_usage(cv, "sock, filter");
    fd = xapi_perl_fd(aTHX_ ST(0), fn);
    xr_filter_in(aTHX_ ST(1), &f, 1, fn, "filter");
    if (xapi_icmp6_filter_set(fd, &f) < 0)
        xapi_perl_croak_os(aTHX_ fn, errno);
    ST(0) = &PL_sv_yes;
    XSRETURN(1);
}

/* Xapi::get_icmp6_filter($sock) -> Xapi::ICMP6Filter */
XS(xr_get_icmp6_filter)
{
    static const char fn[] = "get_icmp6_filter";
    dXSARGS;
    xapi_icmp6_filter f;
    int fd;

    if (items != 1)
        croak_xs_usage(cv, "sock");
    fd = xapi_perl_fd(aTHX_ ST(0), fn);
    if (xapi_icmp6_filter_get(fd, &f) < 0)
        xapi_perl_croak_os(aTHX_ fn, errno);
    ST(0) = sv_2mortal(xr_filter_new(aTHX_ &f));
    XSRETURN(1);
}

/* ---- path MTU and next hop -------------------------------------------- */

/* Xapi::get_pathmtu($sock) -> {addr, ifindex, mtu} */
XS(xr_get_pathmtu)
{
    static const char fn[] = "get_pathmtu";
    dXSARGS;
    xapi_mtuinfo mi;
    HV *hv;
    int fd;

    if (items != 1)
        croak_xs_usage(cv, "sock");
    fd = xapi_perl_fd(aTHX_ ST(0), fn);
    if (xapi_get_pathmtu(fd, &mi) < 0)
        xapi_perl_croak_os(aTHX_ fn, errno);
    hv = newHV();
    (void)hv_stores(hv, "addr", newSVpv(mi.addr, 0));
    (void)hv_stores(hv, "ifindex", newSVuv(mi.ifindex));
    (void)hv_stores(hv, "mtu", newSVuv(mi.mtu));
    ST(0) = sv_2mortal(newRV_noinc((SV *)hv));
    XSRETURN(1);
}

/* Xapi::nexthop($addr) -> the IPV6_NEXTHOP payload (a sockaddr_in6) */
XS(xr_nexthop)
{
    static const char fn[] = "nexthop";
    dXSARGS;
    unsigned char buf[sizeof(struct sockaddr_storage)];
    size_t len = 0;
    const char *addr;
    int saved = errno;

    if (items != 1)
        croak_xs_usage(cv, "addr");
    addr = xapi_perl_cstr(aTHX_ ST(0), fn, "addr");
    if (xapi_encode_nexthop(addr, buf, sizeof(buf), &len) < 0) {
        char why[120];

        snprintf(why, sizeof(why), "'%.60s' is not an IPv6 address: %s",
                 addr, strerror(errno));
        xr_fail(aTHX_ fn, "addr", errno, saved, why);
    }
    ST(0) = sv_2mortal(newSVpvn((const char *)buf, len));
    XSRETURN(1);
}

/* ---- routing headers --------------------------------------------------- */

/* Why the core refused a routing header with EINVAL, in the header's own
 * words (only called after the core said no). */
static const char *xr_rth_why(const void *buf, size_t len, char *why,
                              size_t cap)
{
    const unsigned char *p = buf;
    size_t hdr;

    if (len < 8) {
        snprintf(why, cap, "%lu bytes, shorter than a routing header's 8",
                 (unsigned long)len);
        return why;
    }
    hdr = ((size_t)p[1] + 1) * 8;
    if (hdr > len)
        snprintf(why, cap, "Hdr Ext Len %u means %lu bytes, only %lu given "
                 "(truncated)", p[1], (unsigned long)hdr, (unsigned long)len);
    else if (p[2] == 0 && p[1] % 2 != 0)
        snprintf(why, cap, "type 0 with an odd Hdr Ext Len %u", p[1]);
    else if (p[2] == 0 && p[3] > p[1] / 2)
        snprintf(why, cap, "Segments Left %u is above the %u addresses",
                 p[3], p[1] / 2u);
    else if (p[2] == 4 && (p[1] < 2 || p[4] > p[1] / 2 - 1))
        snprintf(why, cap, "SRH Last Entry %u does not fit Hdr Ext Len %u",
                 p[4], p[1]);
    else if (p[2] == 4 && p[3] > p[4] + 1)
        snprintf(why, cap, "Segments Left %u is above the %u segments",
                 p[3], p[4] + 1u);
    else if (p[2] == 4)
        snprintf(why, cap, "an SRH TLV runs past the header");
    else
        snprintf(why, cap, "a malformed routing header");
    return why;
}

static void xr_rth_fail(pTHX_ const char *fn, const char *arg, const void *p,
                        size_t len, int saved) __attribute__((noreturn));
static void xr_rth_fail(pTHX_ const char *fn, const char *arg, const void *p,
                        size_t len, int saved)
{
    char why[160];
    int err = errno;

    xr_fail(aTHX_ fn, arg, err, saved,
            err == EINVAL ? xr_rth_why(p, len, why, sizeof(why)) : NULL);
}

/* The segment count of a header, validated (croaks otherwise). */
static int xr_rth_check(pTHX_ const char *p, STRLEN len, const char *fn,
                        const char *arg)
{
    int saved = errno;
    int n = xapi_inet6_rth_segments(p, len);

    if (n < 0)
        xr_rth_fail(aTHX_ fn, arg, p, len, saved);
    return n;
}

/* The header's own length (valid after xr_rth_check). */
static size_t xr_rth_bytes(const char *p)
{
    return ((size_t)(unsigned char)p[1] + 1) * 8;
}

/* rth_space / rth_init's refusal, explained. */
static void xr_rth_space_fail(pTHX_ const char *fn, int type, int segments,
                              const char *segarg, int saved)
    __attribute__((noreturn));
static void xr_rth_space_fail(pTHX_ const char *fn, int type, int segments,
                              const char *segarg, int saved)
{
    char why[120];

    if (type != 0 && type != 4) {
        snprintf(why, sizeof(why), "routing type %d: only 0 and 4 (SRH) are "
                 "known", type);
        xr_fail(aTHX_ fn, "type", errno, saved, why);
    }
    snprintf(why, sizeof(why), "%d segments: type %d takes %d..127",
             segments, type, type == 0 ? 0 : 1);
    xr_fail(aTHX_ fn, segarg, errno, saved, why);
}

/* Xapi::rth_space($type, $segments) -> bytes needed */
XS(xr_rth_space)
{
    static const char fn[] = "rth_space";
    dXSARGS;
    int type, segments, saved = errno;
    size_t n;

    if (items != 2)
        croak_xs_usage(cv, "type, segments");
    type = (int)xapi_perl_iv(aTHX_ ST(0), INT_MIN, INT_MAX, fn, "type");
    segments = (int)xapi_perl_iv(aTHX_ ST(1), INT_MIN, INT_MAX, fn, "segments");
    n = xapi_inet6_rth_space(type, segments);
    if (n == 0)
        xr_rth_space_fail(aTHX_ fn, type, segments, "segments", saved);
    ST(0) = sv_2mortal(newSVuv(n));
    XSRETURN(1);
}

/* An empty header, as a new mortal byte string. */
static SV *xr_rth_new(pTHX_ int type, int segments, const char *fn,
                      const char *segarg)
{
    int saved = errno;
    size_t n = xapi_inet6_rth_space(type, segments);
    SV *buf;

    if (n == 0)
        xr_rth_space_fail(aTHX_ fn, type, segments, segarg, saved);
    buf = sv_2mortal(newSV(n + 1));
    SvPOK_only(buf);
    if (xapi_inet6_rth_init(SvPVX(buf), n, type, segments) < 0)
        xapi_perl_croak_os(aTHX_ fn, errno); /* cannot happen */
    SvCUR_set(buf, n);
    *SvEND(buf) = '\0';
    return buf;
}

/* Xapi::rth_init($type, $segments) -> an empty header (bytes) */
XS(xr_rth_init)
{
    static const char fn[] = "rth_init";
    dXSARGS;

    if (items != 2)
        croak_xs_usage(cv, "type, segments");
    ST(0) = xr_rth_new(
        aTHX_ (int)xapi_perl_iv(aTHX_ ST(0), INT_MIN, INT_MAX, fn, "type"),
        (int)xapi_perl_iv(aTHX_ ST(1), INT_MIN, INT_MAX, fn, "segments"), fn,
        "segments");
    XSRETURN(1);
}

/* Xapi::rth_build($type, \@addrs) -> the header, addresses in path order */
XS(xr_rth_build)
{
    static const char fn[] = "rth_build";
    dXSARGS;
    AV *av;
    SSize_t n, i;
    int type;
    SV *buf;
    struct in6_addr *addrs;

    if (items != 2)
        croak_xs_usage(cv, "type, addrs");
    type = (int)xapi_perl_iv(aTHX_ ST(0), INT_MIN, INT_MAX, fn, "type");
    av = xapi_perl_av(aTHX_ ST(1), fn, "addrs");
    n = av_len(av) + 1;
    if (n > 127)
        xapi_perl_croak_arg(aTHX_ fn, "addrs", "%ld addresses, at most 127",
                            (long)n);
    /* Everything is read and checked before the header is made. */
    addrs = (struct in6_addr *)SvPVX(
        sv_2mortal(newSV((STRLEN)(n > 0 ? n : 1) * sizeof(*addrs))));
    for (i = 0; i < n; i++)
        xr_in6(aTHX_ xapi_perl_elem(aTHX_ av, i, fn, "addrs"), &addrs[i], fn,
               "addrs", (long)i);
    buf = xr_rth_new(aTHX_ type, (int)n, fn, "addrs");
    for (i = 0; i < n; i++)
        if (xapi_inet6_rth_add(SvPVX(buf), SvCUR(buf), &addrs[i]) < 0)
            xapi_perl_croak_os(aTHX_ fn, errno); /* cannot happen */
    ST(0) = buf;
    XSRETURN(1);
}

/* Xapi::rth_add(\$buf, $addr) -> true: the next address in path order */
XS(xr_rth_add)
{
    static const char fn[] = "rth_add";
    dXSARGS;
    struct in6_addr a;
    SV *sv;
    char *p;
    STRLEN len;
    int saved = errno;

    if (items != 2)
        croak_xs_usage(cv, "\\$buf, addr");
    sv = xr_scalar_ref(aTHX_ ST(0), fn, "buf");
    xr_in6(aTHX_ ST(1), &a, fn, "addr", -1);
    p = SvPV_force_nomg(sv, len);
    if (xapi_inet6_rth_add(p, len, &a) < 0)
        xr_rth_fail(aTHX_ fn, "buf", p, len, saved);
    SvSETMAGIC(sv);
    ST(0) = &PL_sv_yes;
    XSRETURN(1);
}

/* Xapi::rth_segments($bytes) -> count */
XS(xr_rth_segments)
{
    static const char fn[] = "rth_segments";
    dXSARGS;
    STRLEN len;
    const char *p;

    if (items != 1)
        croak_xs_usage(cv, "bytes");
    p = xr_bytes(aTHX_ ST(0), &len, fn, "bytes");
    ST(0) = sv_2mortal(newSViv(xr_rth_check(aTHX_ p, len, fn, "bytes")));
    XSRETURN(1);
}

/* Xapi::rth_getaddr($bytes, $index) -> address text (path order) */
XS(xr_rth_getaddr)
{
    static const char fn[] = "rth_getaddr";
    dXSARGS;
    STRLEN len;
    const char *p;
    IV index;
    int n;
    struct in6_addr a;

    if (items != 2)
        croak_xs_usage(cv, "bytes, index");
    index = xapi_perl_iv(aTHX_ ST(1), INT_MIN, INT_MAX, fn, "index");
    p = xr_bytes(aTHX_ ST(0), &len, fn, "bytes"); /* last: see opt_get_val */
    n = xr_rth_check(aTHX_ p, len, fn, "bytes");
    if (index < 0 || index >= n)
        xapi_perl_croak_arg(aTHX_ fn, "index",
                            "%ld is outside the %d addresses (0..%d)",
                            (long)index, n, n - 1);
    if (xapi_inet6_rth_getaddr(p, len, (int)index, &a) < 0)
        xapi_perl_croak_os(aTHX_ fn, errno); /* cannot happen */
    ST(0) = sv_2mortal(xr_in6_text(aTHX_ &a));
    XSRETURN(1);
}

/* Xapi::rth_reverse($bytes) -> the header for the reverse path (a copy) */
XS(xr_rth_reverse)
{
    static const char fn[] = "rth_reverse";
    dXSARGS;
    STRLEN len;
    const char *p;
    size_t hdr;
    SV *out;

    if (items != 1)
        croak_xs_usage(cv, "bytes");
    p = xr_bytes(aTHX_ ST(0), &len, fn, "bytes");
    (void)xr_rth_check(aTHX_ p, len, fn, "bytes");
    hdr = xr_rth_bytes(p);
    out = sv_2mortal(newSV(hdr + 1));
    SvPOK_only(out);
    if (xapi_inet6_rth_reverse(p, len, SvPVX(out), hdr) < 0)
        xapi_perl_croak_os(aTHX_ fn, errno); /* cannot happen */
    SvCUR_set(out, hdr);
    *SvEND(out) = '\0';
    ST(0) = out;
    XSRETURN(1);
}

/* Xapi::rth_reverse_in_place(\$buf) -> true */
XS(xr_rth_reverse_in_place)
{
    static const char fn[] = "rth_reverse_in_place";
    dXSARGS;
    SV *sv;
    char *p;
    STRLEN len;
    int saved = errno;

    if (items != 1)
        croak_xs_usage(cv, "\\$buf");
    sv = xr_scalar_ref(aTHX_ ST(0), fn, "buf");
    p = SvPV_force_nomg(sv, len);
    if (xapi_inet6_rth_reverse(p, len, p, len) < 0)
        xr_rth_fail(aTHX_ fn, "buf", p, len, saved);
    SvSETMAGIC(sv);
    ST(0) = &PL_sv_yes;
    XSRETURN(1);
}

/* ---- Segment Routing Header ---------------------------------------------- */

/* Xapi::srh_build(segments => [...wire order...], segments_left => N,
 *                 next_header => 0, flags => 0, tag => 0, tlv => '') */
XS(xr_srh_build)
{
    static const char fn[] = "srh_build";
    dXSARGS;
    xapi_srh_info *info;
    SV *segs = NULL, *left = NULL, *tlvsv = NULL, *buf;
    const char *tlv = NULL;
    STRLEN tlvlen = 0;
    size_t outlen = 0, cap;
    I32 k;
    SSize_t n, i;
    AV *av;
    int saved = errno;

    if (items % 2 != 0)
        xapi_perl_croak_arg(aTHX_ fn, "args",
                            "an odd number of arguments: key => value pairs "
                            "are needed");
    info = (xapi_srh_info *)SvPVX(sv_2mortal(newSV(sizeof(*info))));
    memset(info, 0, sizeof(*info));
    for (k = 0; k < items; k += 2) {
        const char *key = xapi_perl_cstr(aTHX_ ST(k), fn, "args");
        SV *v = ST(k + 1);

        if (strcmp(key, "segments") == 0)
            segs = v;
        else if (strcmp(key, "segments_left") == 0)
            left = v;
        else if (strcmp(key, "next_header") == 0)
            info->next_header = (uint8_t)xapi_perl_iv(aTHX_ v, 0, 255, fn, key);
        else if (strcmp(key, "flags") == 0)
            info->flags = (uint8_t)xapi_perl_iv(aTHX_ v, 0, 255, fn, key);
        else if (strcmp(key, "tag") == 0)
            info->tag = (uint16_t)xapi_perl_iv(aTHX_ v, 0, 65535, fn, key);
        else if (strcmp(key, "tlv") == 0)
            tlvsv = v;
        else
            xapi_perl_croak_arg(aTHX_ fn, "args",
                                "unknown key '%.40s' (segments, segments_left, "
                                "next_header, flags, tag, tlv)", key);
    }
    if (segs == NULL)
        xapi_perl_croak_arg(aTHX_ fn, "segments", "missing: segments => "
                            "[addresses in wire order] is needed");
    av = xapi_perl_av(aTHX_ segs, fn, "segments");
    n = av_len(av) + 1;
    if (n < 1 || n > XAPI_SRH_MAX_SEGMENTS)
        xapi_perl_croak_arg(aTHX_ fn, "segments", "%ld segments: 1..%d are "
                            "needed", (long)n, XAPI_SRH_MAX_SEGMENTS);
    for (i = 0; i < n; i++)
        xr_in6(aTHX_ xapi_perl_elem(aTHX_ av, i, fn, "segments"),
               &info->segments[i], fn, "segments", (long)i);
    info->nsegments = (size_t)n;
    info->segments_left =
        left == NULL || !xapi_perl_given(aTHX_ &left) ? (uint8_t)(n - 1)
        : (uint8_t)xapi_perl_iv(aTHX_ left, 0, 255, fn, "segments_left");
    if (info->segments_left > n)
        xapi_perl_croak_arg(aTHX_ fn, "segments_left",
                            "%u is above the %ld segments", info->segments_left,
                            (long)n);
    /* The bytes last: nothing may run once they are pointed into. */
    if (tlvsv != NULL)
        tlv = xr_bytes(aTHX_ tlvsv, &tlvlen, fn, "tlv");
    if (tlvlen > XR_OPT_MAX)
        xapi_perl_croak_arg(aTHX_ fn, "tlv", "%lu bytes: the header would "
                            "pass 2048 bytes", (unsigned long)tlvlen);
    cap = 8 + (size_t)n * 16 + tlvlen;
    buf = sv_2mortal(newSV(cap + 1));
    SvPOK_only(buf);
    if (xapi_srh_build(info, tlvlen > 0 ? tlv : NULL, tlvlen, SvPVX(buf), cap,
                       &outlen) < 0) {
        char why[120];

        if (tlvlen % 8 != 0)
            snprintf(why, sizeof(why), "%lu bytes, not a multiple of 8",
                     (unsigned long)tlvlen);
        else if (2 * (size_t)n + tlvlen / 8 > 255)
            snprintf(why, sizeof(why), "%lu bytes: the header would pass "
                     "2048 bytes", (unsigned long)tlvlen);
        else
            snprintf(why, sizeof(why), "malformed TLVs (a length runs past "
                     "the end)");
        xr_fail(aTHX_ fn, "tlv", errno, saved, why);
    }
    SvCUR_set(buf, outlen);
    *SvEND(buf) = '\0';
    ST(0) = buf;
    XSRETURN(1);
}

/* Xapi::srh_parse($bytes) -> {next_header, segments_left, last_entry,
 *                             flags, tag, segments => [wire order], tlv} */
XS(xr_srh_parse)
{
    static const char fn[] = "srh_parse";
    dXSARGS;
    xapi_srh_info *info;
    const char *p;
    STRLEN len;
    HV *hv;
    AV *segs;
    size_t i;
    int saved = errno;

    if (items != 1)
        croak_xs_usage(cv, "bytes");
    p = xr_bytes(aTHX_ ST(0), &len, fn, "bytes");
    info = (xapi_srh_info *)SvPVX(sv_2mortal(newSV(sizeof(*info))));
    if (xapi_srh_parse(p, len, info) < 0) {
        char why[160];
        int err = errno;

        if (err == EINVAL && len >= 8 && (unsigned char)p[2] != 4 &&
            xr_rth_bytes(p) <= len)
            snprintf(why, sizeof(why), "routing type %u, not an SRH (4)",
                     (unsigned char)p[2]);
        else if (err == EINVAL)
            xr_rth_why(p, len, why, sizeof(why));
        else
            why[0] = '\0';
        xr_fail(aTHX_ fn, "bytes", err, saved, why);
    }
    hv = (HV *)sv_2mortal((SV *)newHV());
    segs = newAV();
    (void)hv_stores(hv, "segments", newRV_noinc((SV *)segs));
    for (i = 0; i < info->nsegments; i++)
        av_push(segs, xr_in6_text(aTHX_ &info->segments[i]));
    (void)hv_stores(hv, "next_header", newSVuv(info->next_header));
    (void)hv_stores(hv, "segments_left", newSVuv(info->segments_left));
    (void)hv_stores(hv, "last_entry", newSVuv(info->last_entry));
    (void)hv_stores(hv, "flags", newSVuv(info->flags));
    (void)hv_stores(hv, "tag", newSVuv(info->tag));
    (void)hv_stores(hv, "tlv", newSVpvn(p + info->tlv_offset, info->tlv_len));
    ST(0) = sv_2mortal(newRV_inc((SV *)hv));
    XSRETURN(1);
}

%}

%native(icmp6_filter_new) void xr_icmp6_filter_new(void);
%native(icmp6_filter_set_pass) void xr_filter_set_pass(void);
%native(icmp6_filter_set_block) void xr_filter_set_block(void);
%native(icmp6_filter_will_pass) void xr_filter_will_pass(void);
%native(icmp6_filter_will_block) void xr_filter_will_block(void);
%native(icmp6_filter_bytes) void xr_filter_bytes(void);
%native(icmp6_filter_from_bytes) void xr_filter_from_bytes(void);
%native(set_icmp6_filter) void xr_set_icmp6_filter(void);
%native(get_icmp6_filter) void xr_get_icmp6_filter(void);
%native(get_pathmtu) void xr_get_pathmtu(void);
%native(nexthop) void xr_nexthop(void);
%native(rth_space) void xr_rth_space(void);
%native(rth_init) void xr_rth_init(void);
%native(rth_build) void xr_rth_build(void);
%native(rth_add) void xr_rth_add(void);
%native(rth_segments) void xr_rth_segments(void);
%native(rth_getaddr) void xr_rth_getaddr(void);
%native(rth_reverse) void xr_rth_reverse(void);
%native(rth_reverse_in_place) void xr_rth_reverse_in_place(void);
%native(srh_build) void xr_srh_build(void);
%native(srh_parse) void xr_srh_parse(void);
