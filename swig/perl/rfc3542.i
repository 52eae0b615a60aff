/*
 * swig/perl/rfc3542.i - the Perl binding's RFC 3542 calls (issue 3) for
 * Hop-by-Hop / Destination options and the router alert.  (The ICMPv6
 * filter, path MTU, IPV6_NEXTHOP and routing headers are generated from
 * swig/xapi.i with swig/perl/rth.i.)
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

#define XR_OPTDATA_CLASS "Xapi::RFC3542::OptData"
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

/* An optional output argument: undef, or a reference to a writable
 * scalar (checked before any work is done). */
static SV *xr_out_ref(pTHX_ SV *ref, const char *fn, const char *arg)
{
    SvGETMAGIC(ref);
    if (!SvOK(ref))
        return NULL;
    if (!SvROK(ref) || SvOBJECT(SvRV(ref)) || SvTYPE(SvRV(ref)) >= SVt_PVAV ||
        isGV_with_GP(SvRV(ref)) || xapi_perl_readonly(SvRV(ref)))
        xapi_perl_croak_arg(aTHX_ fn, arg,
                            "not a reference to a writable scalar (or undef)");
    return SvRV(ref);
}

static void xr_set_iv(pTHX_ SV *out, IV v)
{
    if (out != NULL) {
        sv_setiv(out, v);
        SvSETMAGIC(out);
    }
}

/* ---- Hop-by-Hop and Destination options ----------------------------------- */

/* Why inet6_opt_append refused (EINVAL), and which argument. */
static const char *xr_append_why(int offset, int type, size_t len,
                                  unsigned align, char *why, size_t cap)
{
    if (type < 2 || type > 255) {
        snprintf(why, cap, "option type %d is not 2..255 (0 and 1 are "
                 "padding)", type);
        return "type";
    }
    if (len > 255) {
        snprintf(why, cap, "%lu data bytes, an option holds at most 255",
                 (unsigned long)len);
        return "len";
    }
    if (align != 1 && align != 2 && align != 4 && align != 8) {
        snprintf(why, cap, "alignment %u is not 1, 2, 4 or 8", align);
        return "align";
    }
    if (align > len) {
        snprintf(why, cap, "alignment %u is above the data length %lu",
                 align, (unsigned long)len);
        return "align";
    }
    snprintf(why, cap, "offset %d is not 2..2048 (start from "
             "inet6_opt_init's result)", offset);
    return "offset";
}

/* Why an options header was refused by the walker (EINVAL). */
static const char *xr_opt_why(const void *buf, size_t len, char *why,
                              size_t cap)
{
    const unsigned char *p = buf;
    size_t hlen, off = 2;

    if (len < 2) {
        snprintf(why, cap, "%lu bytes, shorter than an options header's 2",
                 (unsigned long)len);
        return why;
    }
    hlen = ((size_t)p[1] + 1) * 8;
    if (hlen > len) {
        snprintf(why, cap, "Hdr Ext Len %u means %lu bytes, only %lu given "
                 "(truncated)", p[1], (unsigned long)hlen, (unsigned long)len);
        return why;
    }
    while (off < hlen) {
        if (p[off] == 0) {
            off++;
            continue;
        }
        if (hlen - off < 2) {
            snprintf(why, cap, "the option at offset %lu (type %u) has no "
                     "length byte", (unsigned long)off, p[off]);
            return why;
        }
        if ((size_t)p[off + 1] > hlen - off - 2) {
            snprintf(why, cap, "the option at offset %lu (type %u, length "
                     "%u) runs past the header's %lu bytes",
                     (unsigned long)off, p[off], p[off + 1],
                     (unsigned long)hlen);
            return why;
        }
        off += 2u + p[off + 1];
    }
    snprintf(why, cap, "a malformed options header");
    return why;
}

/* Xapi::opt_build([[$type, $align, $data_or_pieces], ...]) -> bytes.
 * Two passes as RFC 3542 shows them: lengths only, then into a buffer of
 * that size. */
struct xr_opt {
    int type;
    unsigned align;
    size_t len, npieces;
    const char **piece;
    STRLEN *plen;
};

XS(xr_opt_build)
{
    static const char fn[] = "opt_build";
    dXSARGS;
    AV *av;
    SSize_t n, i;
    struct xr_opt *opts;
    int len, len2, saved = errno;
    SV *buf;
    char why[160];

    if (items != 1)
        croak_xs_usage(cv, "options");
    av = xapi_perl_av(aTHX_ ST(0), fn, "options");
    if (xapi_perl_tied((SV *)av)) /* see xapi_perl_elem_plain */
        xapi_perl_croak_arg(aTHX_ fn, "options", "a tied array, a plain one "
                            "is needed");
    n = av_len(av) + 1;
    if (n > XR_OPT_MAX / 2)
        xapi_perl_croak_arg(aTHX_ fn, "options", "%ld options cannot fit "
                            "2048 bytes", (long)n);
    opts = (struct xr_opt *)SvPVX(
        sv_2mortal(newSV((STRLEN)(n > 0 ? n : 1) * sizeof(*opts))));
    for (i = 0; i < n; i++) {
        SV *e = xapi_perl_elem_plain(aTHX_ av, i, fn, "options"), *data;
        AV *o;
        SSize_t k;

        SvGETMAGIC(e);
        if (!SvROK(e) || SvTYPE(SvRV(e)) != SVt_PVAV ||
            xapi_perl_tied(SvRV(e)) || av_len((AV *)SvRV(e)) != 2)
            xapi_perl_croak_arg(aTHX_ fn, "options", "element %ld is not "
                                "[type, align, data]", (long)i);
        o = (AV *)SvRV(e);
        opts[i].type = (int)xapi_perl_iv(
            aTHX_ xapi_perl_elem_plain(aTHX_ o, 0, fn, "options"), INT_MIN,
            INT_MAX, fn, "type");
        opts[i].align = (unsigned)xapi_perl_iv(
            aTHX_ xapi_perl_elem_plain(aTHX_ o, 1, fn, "options"), 0,
            UINT_MAX, fn, "align");
        data = xapi_perl_elem_plain(aTHX_ o, 2, fn, "options");
        SvGETMAGIC(data);
        if (SvROK(data) && SvTYPE(SvRV(data)) == SVt_PVAV) {
            AV *pieces = (AV *)SvRV(data);

            if (xapi_perl_tied((SV *)pieces))
                xapi_perl_croak_arg(aTHX_ fn, "data", "option %ld: a tied "
                                    "array, a plain one is needed", (long)i);

            opts[i].npieces = (size_t)(av_len(pieces) + 1);
            if (opts[i].npieces > 255)
                xapi_perl_croak_arg(aTHX_ fn, "data", "option %ld: %lu "
                                    "pieces, an option holds at most 255 "
                                    "bytes", (long)i,
                                    (unsigned long)opts[i].npieces);
            opts[i].piece = (const char **)SvPVX(sv_2mortal(newSV(
                (opts[i].npieces + 1) * sizeof(*opts[i].piece))));
            opts[i].plen = (STRLEN *)SvPVX(sv_2mortal(newSV(
                (opts[i].npieces + 1) * sizeof(*opts[i].plen))));
            for (k = 0; k < (SSize_t)opts[i].npieces; k++)
                opts[i].piece[k] = xr_bytes(
                    aTHX_ xapi_perl_elem_plain(aTHX_ pieces, k, fn, "data"),
                    &opts[i].plen[k], fn, "data");
        } else {
            opts[i].npieces = 1;
            opts[i].piece = (const char **)SvPVX(
                sv_2mortal(newSV(sizeof(*opts[i].piece))));
            opts[i].plen = (STRLEN *)SvPVX(
                sv_2mortal(newSV(sizeof(*opts[i].plen))));
            opts[i].piece[0] = xr_bytes(aTHX_ data, &opts[i].plen[0], fn,
                                        "data");
        }
        opts[i].len = 0;
        for (k = 0; k < (SSize_t)opts[i].npieces; k++) {
            if (opts[i].plen[k] > 255 - opts[i].len)
                xapi_perl_croak_arg(aTHX_ fn, "data", "option %ld: more "
                                    "than 255 data bytes", (long)i);
            opts[i].len += opts[i].plen[k];
        }
    }
    /* Pass 1: lengths only. */
    len = xapi_inet6_opt_init(NULL, 0);
    for (i = 0; i < n; i++) {
        int next = xapi_inet6_opt_append(NULL, 0, len, opts[i].type,
                                         opts[i].len, opts[i].align, NULL);

        if (next < 0) {
            int err = errno;
            char what[120];
            const char *arg = err == EINVAL
                ? xr_append_why(len, opts[i].type, opts[i].len, opts[i].align,
                                what, sizeof(what))
                : "options";

            snprintf(why, sizeof(why), "option %ld: %s", (long)i,
                     err == EINVAL ? what : strerror(err));
            xr_fail(aTHX_ fn, arg, err, saved, why);
        }
        len = next;
    }
    len = xapi_inet6_opt_finish(NULL, 0, len);
    if (len < 0)
        xr_fail(aTHX_ fn, "options", errno, saved, NULL);
    /* Pass 2: into the buffer. */
    buf = sv_2mortal(newSV((STRLEN)len + 1));
    SvPOK_only(buf);
    len2 = xapi_inet6_opt_init(SvPVX(buf), (size_t)len);
    for (i = 0; i < n && len2 >= 0; i++) {
        size_t dataoff = 0, k;
        int voff = 0;

        len2 = xapi_inet6_opt_append(SvPVX(buf), (size_t)len, len2,
                                     opts[i].type, opts[i].len, opts[i].align,
                                     &dataoff);
        for (k = 0; len2 >= 0 && voff >= 0 && k < opts[i].npieces; k++)
            voff = xapi_inet6_opt_set_val(SvPVX(buf) + dataoff, opts[i].len,
                                          voff, opts[i].piece[k],
                                          opts[i].plen[k]);
        if (voff < 0)
            len2 = -1;
    }
    if (len2 >= 0)
        len2 = xapi_inet6_opt_finish(SvPVX(buf), (size_t)len, len2);
    if (len2 != len)
        croak("Xapi::opt_build: the two passes disagree (%d, %d bytes): a bug",
              len, len2);
    SvCUR_set(buf, (STRLEN)len);
    *SvEND(buf) = '\0';
    errno = saved;
    ST(0) = buf;
    XSRETURN(1);
}

static void xr_opt_fail(pTHX_ const char *fn, const char *arg, const void *p,
                        size_t len, int saved) __attribute__((noreturn));
static void xr_opt_fail(pTHX_ const char *fn, const char *arg, const void *p,
                        size_t len, int saved)
{
    char why[160];
    int err = errno;

    xr_fail(aTHX_ fn, arg, err, saved,
            err == EINVAL ? xr_opt_why(p, len, why, sizeof(why)) : NULL);
}

/* Xapi::opt_parse($bytes) -> ([$type, $data], ...), padding skipped */
XS(xr_opt_parse)
{
    static const char fn[] = "opt_parse";
    dXSARGS;
    const char *p;
    STRLEN len;
    AV *out;
    int off = 0, type = 0, saved = errno;
    size_t olen = 0, dataoff = 0;
    SSize_t k, count;

    if (items != 1)
        croak_xs_usage(cv, "bytes");
    p = xr_bytes(aTHX_ ST(0), &len, fn, "bytes");
    out = (AV *)sv_2mortal((SV *)newAV());
    while ((off = xapi_inet6_opt_next(p, len, off, &type, &olen,
                                      &dataoff)) >= 0) {
        AV *o = newAV();

        av_push(o, newSViv(type));
        av_push(o, newSVpvn(p + dataoff, olen));
        av_push(out, newRV_noinc((SV *)o));
    }
    if (errno != ENOENT)
        xr_opt_fail(aTHX_ fn, "bytes", p, len, saved);
    errno = saved;
    count = av_len(out) + 1;
    SP -= items;
    EXTEND(SP, count);
    for (k = 0; k < count; k++)
        PUSHs(sv_2mortal(SvREFCNT_inc_simple_NN(*av_fetch(out, k, 0))));
    PUTBACK;
}

/* Xapi::opt_find($bytes, $type) -> the first such option's data, or undef */
XS(xr_opt_find)
{
    static const char fn[] = "opt_find";
    dXSARGS;
    const char *p;
    STRLEN len;
    int type, saved = errno;
    size_t olen = 0, dataoff = 0;

    if (items != 2)
        croak_xs_usage(cv, "bytes, type");
    type = (int)xapi_perl_iv(aTHX_ ST(1), INT_MIN, INT_MAX, fn, "type");
    p = xr_bytes(aTHX_ ST(0), &len, fn, "bytes"); /* last: see opt_get_val */
    if (xapi_inet6_opt_find(p, len, 0, type, &olen, &dataoff) < 0) {
        if (errno == ENOENT) {
            errno = saved;
            ST(0) = &PL_sv_undef;
            XSRETURN(1);
        }
        if (type < 2 || type > 255) {
            char why[80];

            snprintf(why, sizeof(why), "option type %d is not 2..255", type);
            xr_fail(aTHX_ fn, "type", errno, saved, why);
        }
        xr_opt_fail(aTHX_ fn, "bytes", p, len, saved);
    }
    ST(0) = sv_2mortal(newSVpvn(p + dataoff, olen));
    XSRETURN(1);
}

/* inet6_opt_get_val's refusal, explained. */
static void xr_val_fail(pTHX_ const char *fn, int offset, size_t vallen,
                        size_t datalen, int err, int saved)
    __attribute__((noreturn));
static void xr_val_fail(pTHX_ const char *fn, int offset, size_t vallen,
                        size_t datalen, int err, int saved)
{
    char why[120];

    if (offset < 0 || (size_t)offset > datalen)
        snprintf(why, sizeof(why), "%d is outside the %lu data bytes", offset,
                 (unsigned long)datalen);
    else
        snprintf(why, sizeof(why), "%d + %lu bytes passes the %lu data bytes",
                 offset, (unsigned long)vallen, (unsigned long)datalen);
    xr_fail(aTHX_ fn, offset < 0 || (size_t)offset > datalen ? "offset"
                                                             : "vallen",
            err, saved, why);
}

/* Xapi::opt_get_val($data, $offset, $len) -> bytes */
XS(xr_opt_get_val)
{
    static const char fn[] = "opt_get_val";
    dXSARGS;
    const char *p;
    STRLEN len;
    int offset, saved = errno;
    IV vallen;
    SV *out;

    if (items != 3)
        croak_xs_usage(cv, "data, offset, len");
    /* The numbers first: reading one may run code (a tied FETCH), which
     * must not run once the bytes are pointed into. */
    offset = (int)xapi_perl_iv(aTHX_ ST(1), INT_MIN, INT_MAX, fn, "offset");
    vallen = xapi_perl_iv(aTHX_ ST(2), 0, IV_MAX, fn, "len");
    p = xr_bytes(aTHX_ ST(0), &len, fn, "data");
    if (vallen > (IV)len) /* before allocating: no huge buffer */
        xapi_perl_croak_arg(aTHX_ fn, "len", "%ld bytes, the data holds %lu",
                            (long)vallen, (unsigned long)len);
    out = sv_2mortal(newSV((STRLEN)vallen + 1));
    SvPOK_only(out);
    if (xapi_inet6_opt_get_val(p, len, offset, SvPVX(out), (size_t)vallen) < 0)
        xr_val_fail(aTHX_ fn, offset, (size_t)vallen, len, errno, saved);
    SvCUR_set(out, (STRLEN)vallen);
    *SvEND(out) = '\0';
    ST(0) = out;
    XSRETURN(1);
}

/* Xapi::ip6opt_type($type) -> the action bits; ip6opt_mutable -> 0/1 */
static SV *xr_ip6opt(pTHX_ SV *sv, int mutable_bit, const char *fn)
{
    int t = (int)xapi_perl_iv(aTHX_ sv, INT_MIN, INT_MAX, fn, "type");
    int saved = errno;
    int r = mutable_bit ? xapi_ip6opt_mutable(t) : xapi_ip6opt_type(t);

    if (r < 0) {
        char why[60];

        snprintf(why, sizeof(why), "%d is not an option type (0..255)", t);
        xr_fail(aTHX_ fn, "type", errno, saved, why);
    }
    return sv_2mortal(newSViv(r));
}

XS(xr_ip6opt_type)
{
    dXSARGS;
    if (items != 1)
        croak_xs_usage(cv, "type");
    ST(0) = xr_ip6opt(aTHX_ ST(0), 0, "ip6opt_type");
    XSRETURN(1);
}

XS(xr_ip6opt_mutable)
{
    dXSARGS;
    if (items != 1)
        croak_xs_usage(cv, "type");
    ST(0) = xr_ip6opt(aTHX_ ST(0), 1, "ip6opt_mutable");
    XSRETURN(1);
}

/* Xapi::router_alert($value) -> an 8-byte Hop-by-Hop header */
XS(xr_router_alert)
{
    static const char fn[] = "router_alert";
    dXSARGS;
    unsigned char buf[8];
    size_t len = 0;
    IV value;
    int saved = errno;

    if (items != 1)
        croak_xs_usage(cv, "value");
    value = xapi_perl_iv(aTHX_ ST(0), 0, UINT_MAX, fn, "value");
    if (xapi_inet6_opt_router_alert((unsigned)value, buf, sizeof(buf),
                                    &len) < 0) {
        char why[60];

        snprintf(why, sizeof(why), "%ld is not 0..65535", (long)value);
        xr_fail(aTHX_ fn, "value", errno, saved, why);
    }
    ST(0) = sv_2mortal(newSVpvn((const char *)buf, len));
    XSRETURN(1);
}

/* ---- the seven RFC 3542 calls, for code ported from C -------------------- */

/* extbuf of the building calls: undef or a reference to undef mean
 * "lengths only" (NULL); otherwise a reference to a byte string of at
 * least extlen bytes, made writable.  *target gets the scalar. */
static char *xr_extbuf_w(pTHX_ SV *arg, size_t extlen, SV **target,
                         const char *fn)
{
    SV *sv;
    STRLEN len;
    char *p;

    *target = NULL;
    SvGETMAGIC(arg);
    if (!SvOK(arg))
        return NULL;
    if (SvROK(arg) && !SvOBJECT(SvRV(arg)) && SvTYPE(SvRV(arg)) < SVt_PVAV &&
        !isGV_with_GP(SvRV(arg))) {
        SvGETMAGIC(SvRV(arg));
        if (!SvOK(SvRV(arg)))
            return NULL;
    }
    sv = xr_scalar_ref(aTHX_ arg, fn, "extbuf");
    p = SvPV_force_nomg(sv, len);
    if (extlen > len)
        xapi_perl_croak_arg(aTHX_ fn, "extlen", "%lu is past the buffer's %lu "
                            "bytes", (unsigned long)extlen, (unsigned long)len);
    *target = sv;
    return p;
}

/* extbuf of the reading calls: bytes, or a reference to them.  *owner gets
 * the scalar a data view may point into (a copy for plain bytes). */
static const char *xr_extbuf_r(pTHX_ SV *arg, size_t extlen, STRLEN *len,
                               SV **owner, const char *fn)
{
    const char *p;

    SvGETMAGIC(arg);
    if (SvROK(arg) && !SvOBJECT(SvRV(arg)) && SvTYPE(SvRV(arg)) < SVt_PVAV &&
        !isGV_with_GP(SvRV(arg))) {
        SV *sv = SvRV(arg);

        SvGETMAGIC(sv);
        if (!SvOK(sv))
            xapi_perl_croak_arg(aTHX_ fn, "extbuf", "refers to undef, a "
                                "byte string is needed");
        p = xr_bytes(aTHX_ sv, len, fn, "extbuf");
        *owner = SvUTF8(sv) ? NULL : sv;
    } else {
        p = xr_bytes(aTHX_ arg, len, fn, "extbuf");
        *owner = NULL;
    }
    if (extlen > *len)
        xapi_perl_croak_arg(aTHX_ fn, "extlen", "%lu is past the buffer's %lu "
                            "bytes", (unsigned long)extlen, (unsigned long)*len);
    if (*owner == NULL)
        *owner = sv_2mortal(newSVpvn(p, extlen));
    return p;
}

/* A data view, [\$extbuf, offset, len] blessed into
 * Xapi::RFC3542::OptData: what RFC 3542's databuf pointer is in C. */
static SV *xr_view_new(pTHX_ SV *owner, size_t off, size_t len)
{
    AV *av = newAV();

    av_push(av, newRV_inc(owner));
    av_push(av, newSVuv(off));
    av_push(av, newSVuv(len));
    return sv_bless(newRV_noinc((SV *)av),
                    gv_stashpvs(XR_OPTDATA_CLASS, GV_ADD));
}

static void xr_set_view(pTHX_ SV *out, SV *owner, size_t off, size_t len)
{
    if (out != NULL) {
        sv_setsv(out, sv_2mortal(xr_view_new(aTHX_ owner, off, len)));
        SvSETMAGIC(out);
    }
}

/* The bytes a databuf argument stands for: a data view, a reference to a
 * scalar (the whole scalar), or (reading only) plain bytes. */
static char *xr_databuf(pTHX_ SV *arg, int writable, size_t *datalen,
                        const char *fn)
{
    SvGETMAGIC(arg);
    if (SvROK(arg) && sv_derived_from(arg, XR_OPTDATA_CLASS) &&
        SvTYPE(SvRV(arg)) == SVt_PVAV) {
        AV *av = (AV *)SvRV(arg);
        SV **r = av_fetch(av, 0, 0), **o = av_fetch(av, 1, 0),
           **l = av_fetch(av, 2, 0);
        STRLEN have;
        char *p;
        IV off, len;
        SV *sv;

        if (r == NULL || o == NULL || l == NULL || !SvROK(*r))
            xapi_perl_croak_arg(aTHX_ fn, "databuf", "a damaged data view");
        off = xapi_perl_iv(aTHX_ *o, 0, XR_OPT_MAX, fn, "databuf");
        len = xapi_perl_iv(aTHX_ *l, 0, 255, fn, "databuf");
        if (writable) {
            sv = xr_scalar_ref(aTHX_ *r, fn, "databuf");
            p = SvPV_force_nomg(sv, have);
        } else {
            p = (char *)xr_bytes(aTHX_ SvRV(*r), &have, fn, "databuf");
        }
        if ((STRLEN)(off + len) > have)
            xapi_perl_croak_arg(aTHX_ fn, "databuf", "the buffer it points "
                                "into holds only %lu bytes now",
                                (unsigned long)have);
        *datalen = (size_t)len;
        return p + off;
    }
    if (SvROK(arg) && !SvOBJECT(SvRV(arg)) && SvTYPE(SvRV(arg)) < SVt_PVAV) {
        STRLEN have;
        char *p;

        if (writable) {
            p = SvPV_force_nomg(xr_scalar_ref(aTHX_ arg, fn, "databuf"), have);
        } else {
            SvGETMAGIC(SvRV(arg));
            if (!SvOK(SvRV(arg)))
                xapi_perl_croak_arg(aTHX_ fn, "databuf", "refers to undef");
            p = (char *)xr_bytes(aTHX_ SvRV(arg), &have, fn, "databuf");
        }
        *datalen = have;
        return p;
    }
    if (!writable && SvOK(arg) && !SvROK(arg)) {
        STRLEN have;
        char *p = (char *)xr_bytes(aTHX_ arg, &have, fn, "databuf");

        *datalen = have;
        return p;
    }
    xapi_perl_croak_arg(aTHX_ fn, "databuf", "not a data view from "
                        "inet6_opt_append/_next/_find or a scalar reference");
}

/* Xapi::inet6_opt_init($extbuf_ref | undef, $extlen) -> 2 */
XS(xr_inet6_opt_init)
{
    static const char fn[] = "inet6_opt_init";
    dXSARGS;
    size_t extlen;
    SV *target;
    char *p;
    int rc, saved = errno;

    if (items != 2)
        croak_xs_usage(cv, "\\$extbuf | undef, extlen");
    extlen = (size_t)xapi_perl_iv(aTHX_ ST(1), 0, IV_MAX, fn, "extlen");
    p = xr_extbuf_w(aTHX_ ST(0), extlen, &target, fn);
    rc = xapi_inet6_opt_init(p, extlen);
    if (rc < 0) {
        char why[100];

        snprintf(why, sizeof(why), "%lu is not a multiple of 8 from 8 to 2048",
                 (unsigned long)extlen);
        xr_fail(aTHX_ fn, "extlen", errno, saved, why);
    }
    if (target != NULL)
        SvSETMAGIC(target);
    ST(0) = sv_2mortal(newSViv(rc));
    XSRETURN(1);
}

/* Xapi::inet6_opt_append($extbuf_ref | undef, $extlen, $offset, $type,
 *                        $len, $align, \$databuf = undef) -> new offset */
XS(xr_inet6_opt_append)
{
    static const char fn[] = "inet6_opt_append";
    dXSARGS;
    size_t extlen, len, dataoff = 0;
    int offset, type, rc, saved = errno;
    unsigned align;
    SV *target, *dataout = NULL;
    char *p;

    if (items < 6 || items > 7)
        croak_xs_usage(cv, "\\$extbuf | undef, extlen, offset, type, len, "
                           "align, \\$databuf = undef");
    extlen = (size_t)xapi_perl_iv(aTHX_ ST(1), 0, IV_MAX, fn, "extlen");
    offset = (int)xapi_perl_iv(aTHX_ ST(2), INT_MIN, INT_MAX, fn, "offset");
    type = (int)xapi_perl_iv(aTHX_ ST(3), INT_MIN, INT_MAX, fn, "type");
    len = (size_t)xapi_perl_iv(aTHX_ ST(4), 0, IV_MAX, fn, "len");
    align = (unsigned)xapi_perl_iv(aTHX_ ST(5), 0, UINT_MAX, fn, "align");
    if (items > 6)
        dataout = xr_out_ref(aTHX_ ST(6), fn, "databuf");
    p = xr_extbuf_w(aTHX_ ST(0), extlen, &target, fn);
    rc = xapi_inet6_opt_append(p, extlen, offset, type, len, align, &dataoff);
    if (rc < 0) {
        char why[160];
        const char *arg = "extlen";

        if (errno == EINVAL)
            arg = xr_append_why(offset, type, len, align, why, sizeof(why));
        else
            why[0] = '\0';
        xr_fail(aTHX_ fn, arg, errno, saved, why);
    }
    if (target != NULL) {
        SvSETMAGIC(target);
        xr_set_view(aTHX_ dataout, target, dataoff, len);
    }
    ST(0) = sv_2mortal(newSViv(rc));
    XSRETURN(1);
}

/* Xapi::inet6_opt_finish($extbuf_ref | undef, $extlen, $offset) -> length */
XS(xr_inet6_opt_finish)
{
    static const char fn[] = "inet6_opt_finish";
    dXSARGS;
    size_t extlen;
    int offset, rc, saved = errno;
    SV *target;
    char *p;

    if (items != 3)
        croak_xs_usage(cv, "\\$extbuf | undef, extlen, offset");
    extlen = (size_t)xapi_perl_iv(aTHX_ ST(1), 0, IV_MAX, fn, "extlen");
    offset = (int)xapi_perl_iv(aTHX_ ST(2), INT_MIN, INT_MAX, fn, "offset");
    p = xr_extbuf_w(aTHX_ ST(0), extlen, &target, fn);
    rc = xapi_inet6_opt_finish(p, extlen, offset);
    if (rc < 0) {
        char why[100];

        snprintf(why, sizeof(why), "%d is not 2..2048", offset);
        xr_fail(aTHX_ fn, "offset", errno, saved, why);
    }
    if (target != NULL)
        SvSETMAGIC(target);
    ST(0) = sv_2mortal(newSViv(rc));
    XSRETURN(1);
}

/* Xapi::inet6_opt_set_val($databuf, $offset, $val, $vallen = length $val)
 * -> offset + vallen */
XS(xr_inet6_opt_set_val)
{
    static const char fn[] = "inet6_opt_set_val";
    dXSARGS;
    size_t datalen;
    const char *val;
    STRLEN vlen;
    int offset, rc, saved = errno;
    char *p;
    SV *owner;

    if (items < 3 || items > 4)
        croak_xs_usage(cv, "databuf, offset, val, vallen = length(val)");
    offset = (int)xapi_perl_iv(aTHX_ ST(1), INT_MIN, INT_MAX, fn, "offset");
    val = xr_bytes(aTHX_ ST(2), &vlen, fn, "val");
    /* A copy: reading vallen and the databuf may run code (a tied
     * FETCH) that changes the scalar val points into. */
    val = SvPVX(sv_2mortal(newSVpvn(val, vlen)));
    if (items > 3 && xapi_perl_given(aTHX_ &ST(3))) {
        IV want = xapi_perl_iv(aTHX_ ST(3), 0, IV_MAX, fn, "vallen");

        if ((STRLEN)want != vlen)
            xapi_perl_croak_arg(aTHX_ fn, "vallen", "%ld, but val holds %lu "
                                "bytes", (long)want, (unsigned long)vlen);
    }
    p = xr_databuf(aTHX_ ST(0), 1, &datalen, fn);
    rc = xapi_inet6_opt_set_val(p, datalen, offset, val, vlen);
    if (rc < 0) {
        char why[120];

        snprintf(why, sizeof(why), "%d + %lu bytes passes the %lu data bytes",
                 offset, (unsigned long)vlen, (unsigned long)datalen);
        xr_fail(aTHX_ fn, offset < 0 ? "offset" : "val", errno, saved, why);
    }
    owner = SvRV(ST(0));
    if (SvTYPE(owner) == SVt_PVAV) {
        SV **r = av_fetch((AV *)owner, 0, 0);

        owner = r != NULL ? SvRV(*r) : NULL;
    }
    if (owner != NULL)
        SvSETMAGIC(owner);
    ST(0) = sv_2mortal(newSViv(rc));
    XSRETURN(1);
}

/* The walk of _next and _find; want < 0: any option. */
static void xr_opt_walk_xs(pTHX_ SV **args, int want_type, int next,
                           const char *fn, SV **result)
{
    size_t extlen, olen = 0, dataoff = 0;
    STRLEN have;
    int offset, type = 0, rc, saved = errno;
    SV *typeout = NULL, *lenout, *dataout, *owner;
    const char *p;

    extlen = (size_t)xapi_perl_iv(aTHX_ args[1], 0, IV_MAX, fn, "extlen");
    offset = (int)xapi_perl_iv(aTHX_ args[2], INT_MIN, INT_MAX, fn, "offset");
    if (next)
        typeout = xr_out_ref(aTHX_ args[3], fn, "typep");
    lenout = xr_out_ref(aTHX_ args[4], fn, "lenp");
    dataout = xr_out_ref(aTHX_ args[5], fn, "databuf");
    p = xr_extbuf_r(aTHX_ args[0], extlen, &have, &owner, fn);
    rc = next ? xapi_inet6_opt_next(p, extlen, offset, &type, &olen, &dataoff)
              : xapi_inet6_opt_find(p, extlen, offset, want_type, &olen,
                                    &dataoff);
    if (rc < 0) {
        if (errno == ENOENT) {
            errno = saved;
            *result = sv_2mortal(newSViv(-1));
            return;
        }
        if (!next && (want_type < 2 || want_type > 255)) {
            char why[60];

            snprintf(why, sizeof(why), "option type %d is not 2..255",
                     want_type);
            xr_fail(aTHX_ fn, "type", errno, saved, why);
        }
        if (errno == EINVAL && offset != 0 &&
            (offset < 2 || (size_t)offset > extlen)) {
            char why[80];

            snprintf(why, sizeof(why), "%d is outside the header", offset);
            xr_fail(aTHX_ fn, "offset", errno, saved, why);
        }
        xr_opt_fail(aTHX_ fn, "extbuf", p, extlen, saved);
    }
    if (next)
        xr_set_iv(aTHX_ typeout, type);
    xr_set_iv(aTHX_ lenout, (IV)olen);
    xr_set_view(aTHX_ dataout, owner, dataoff, olen);
    *result = sv_2mortal(newSViv(rc));
}

/* Xapi::inet6_opt_next($extbuf, $extlen, $offset, \$type, \$len, \$databuf)
 * -> the offset to pass next, or -1 at the end */
XS(xr_inet6_opt_next)
{
    dXSARGS;
    SV *result = NULL;

    if (items != 6)
        croak_xs_usage(cv, "extbuf, extlen, offset, \\$type, \\$len, "
                           "\\$databuf");
    xr_opt_walk_xs(aTHX_ &ST(0), -1, 1, "inet6_opt_next", &result);
    ST(0) = result;
    XSRETURN(1);
}

/* Xapi::inet6_opt_find($extbuf, $extlen, $offset, $type, \$len, \$databuf)
 * -> the offset to pass next, or -1 if there is none */
XS(xr_inet6_opt_find)
{
    static const char fn[] = "inet6_opt_find";
    dXSARGS;
    SV *result = NULL;
    int type;

    if (items != 6)
        croak_xs_usage(cv, "extbuf, extlen, offset, type, \\$len, \\$databuf");
    type = (int)xapi_perl_iv(aTHX_ ST(3), INT_MIN, INT_MAX, fn, "type");
    xr_opt_walk_xs(aTHX_ &ST(0), type, 0, fn, &result);
    ST(0) = result;
    XSRETURN(1);
}

/* Xapi::inet6_opt_get_val($databuf, $offset, \$val, $vallen)
 * -> offset + vallen */
XS(xr_inet6_opt_get_val)
{
    static const char fn[] = "inet6_opt_get_val";
    dXSARGS;
    size_t datalen;
    int offset, rc, saved = errno;
    IV vallen;
    SV *valout, *tmp;
    const char *p;

    if (items != 4)
        croak_xs_usage(cv, "databuf, offset, \\$val, vallen");
    offset = (int)xapi_perl_iv(aTHX_ ST(1), INT_MIN, INT_MAX, fn, "offset");
    valout = xr_out_ref(aTHX_ ST(2), fn, "val");
    vallen = xapi_perl_iv(aTHX_ ST(3), 0, IV_MAX, fn, "vallen");
    p = xr_databuf(aTHX_ ST(0), 0, &datalen, fn);
    if ((size_t)vallen > datalen) /* before allocating: no huge buffer */
        xr_val_fail(aTHX_ fn, offset < 0 ? offset : 0, (size_t)vallen, datalen,
                    EINVAL, saved);
    tmp = sv_2mortal(newSV((STRLEN)vallen + 1));
    SvPOK_only(tmp);
    rc = xapi_inet6_opt_get_val(p, datalen, offset, SvPVX(tmp),
                                (size_t)vallen);
    if (rc < 0)
        xr_val_fail(aTHX_ fn, offset, (size_t)vallen, datalen, errno, saved);
    SvCUR_set(tmp, (STRLEN)vallen);
    *SvEND(tmp) = '\0';
    if (valout != NULL) {
        sv_setsv(valout, tmp);
        SvSETMAGIC(valout);
    }
    ST(0) = sv_2mortal(newSViv(rc));
    XSRETURN(1);
}
%}

%native(opt_build) void xr_opt_build(void);
%native(opt_parse) void xr_opt_parse(void);
%native(opt_find) void xr_opt_find(void);
%native(opt_get_val) void xr_opt_get_val(void);
%native(ip6opt_type) void xr_ip6opt_type(void);
%native(ip6opt_mutable) void xr_ip6opt_mutable(void);
%native(router_alert) void xr_router_alert(void);
%native(inet6_opt_init) void xr_inet6_opt_init(void);
%native(inet6_opt_append) void xr_inet6_opt_append(void);
%native(inet6_opt_finish) void xr_inet6_opt_finish(void);
%native(inet6_opt_set_val) void xr_inet6_opt_set_val(void);
%native(inet6_opt_next) void xr_inet6_opt_next(void);
%native(inet6_opt_find) void xr_inet6_opt_find(void);
%native(inet6_opt_get_val) void xr_inet6_opt_get_val(void);
