/*
 * optwhole.c - whole-header calls for Hop-by-Hop and Destination options:
 * build a header from an array of xapi_opt, parse one into an array, find
 * an option, and the RFC 3542 in-place calls on one buffer with offsets,
 * every one reporting bad input through xapi_error.
 *
 * The layout is opt.c's (RFC 2460 Appendix B): build sizes the header with
 * xapi_inet6_opt_append's lengths-only form and writes it with the same
 * calls, so the two passes of RFC 3542 Appendix C are made here, once, on
 * input checked before either pass.  The walk is "ok, then next" on a
 * header whose Hdr Ext Len was checked against the bytes given.
 */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"

#define OPT_PAD1 0
#define OPT_PADN 1
#define OPT_HDR_MIN 2 /* Next Header and Hdr Ext Len */

/* ---- checks shared by build and the in-place calls --------------------- */

static int check_type(int type, const char *what, size_t index,
                      xapi_error *err)
{
    if (type >= 2 && type <= 255)
        return 0;
    if (what != NULL)
        return xapi_err_arg(err, EINVAL, "type", "%s %zu: option type %d is "
                            "not 2..255 (0 and 1 are padding)", what, index,
                            type);
    return xapi_err_arg(err, EINVAL, "type", "option type %d is not 2..255 "
                        "(0 and 1 are padding)", type);
}

static int check_fields(int type, size_t len, unsigned align,
                        const char *what, size_t index, xapi_error *err)
{
    char pre[32] = "";

    if (check_type(type, what, index, err) < 0)
        return -1;
    if (what != NULL)
        snprintf(pre, sizeof pre, "%s %zu: ", what, index);
    if (len > 255)
        return xapi_err_arg(err, EINVAL, what != NULL ? "data" : "len",
                            "%smore than 255 data bytes (%zu): an option "
                            "holds at most 255", pre, len);
    if (align != 1 && align != 2 && align != 4 && align != 8)
        return xapi_err_arg(err, EINVAL, "align", "%salignment %u is not 1, "
                            "2, 4 or 8", pre, align);
    if (align != 1 && align > len)
        return xapi_err_arg(err, EINVAL, "align", "%salignment %u is above "
                            "the data length %zu", pre, align, len);
    return 0;
}

/* ---- build --------------------------------------------------------------- */

int xapi_opt_build(const xapi_opt *opts, size_t n, void *hdr, size_t hdrcap,
                   size_t *hdrlen, xapi_error *err)
{
    size_t i, dataoff = 0;
    int cur;

    if (opts == NULL && n > 0)
        return xapi_err_arg(err, EINVAL, "options", "NULL with %zu options",
                            n);
    if (n > XAPI_OPT_MAXOPTS)
        return xapi_err_arg(err, EMSGSIZE, "options", "%zu options cannot fit "
                            "%d bytes", n, XAPI_OPT_HDR_MAX);
    /* Pass 1: every field checked, the length computed. */
    cur = xapi_inet6_opt_init(NULL, 0);
    for (i = 0; i < n; i++) {
        const xapi_opt *o = &opts[i];

        if (check_fields(o->type, o->len, o->align, "option", i, err) < 0)
            return -1;
        if (o->data == NULL && o->len > 0)
            return xapi_err_arg(err, EINVAL, "data", "option %zu: NULL with "
                                "%zu bytes", i, o->len);
        cur = xapi_inet6_opt_append(NULL, 0, cur, o->type, o->len, o->align,
                                    NULL);
        if (cur < 0)
            return xapi_err_arg(err, EMSGSIZE, "options", "the header would "
                                "pass %d bytes (at option %zu)",
                                XAPI_OPT_HDR_MAX, i);
    }
    cur = xapi_inet6_opt_finish(NULL, 0, cur);
    if (cur < 0 || cur > XAPI_OPT_HDR_MAX)
        return xapi_err_arg(err, EMSGSIZE, "options", "the header would pass "
                            "%d bytes", XAPI_OPT_HDR_MAX);
    if (hdrlen != NULL)
        *hdrlen = (size_t)cur;
    if (hdr == NULL || hdrcap == 0)
        return 0;
    if (hdrcap < (size_t)cur)
        return xapi_err_arg(err, ENOSPC, "hdrcap", "the header needs %d bytes, "
                            "%zu given", cur, hdrcap);
    /* Pass 2: the same calls on the checked input, into hdr.  They cannot
     * fail where pass 1 succeeded: same arguments, extlen = its result. */
    size_t total = (size_t)cur;
    cur = xapi_inet6_opt_init(hdr, total);
    for (i = 0; i < n && cur >= 0; i++) {
        cur = xapi_inet6_opt_append(hdr, total, cur, opts[i].type,
                                    opts[i].len, opts[i].align, &dataoff);
        if (cur >= 0 && opts[i].len > 0)
            memcpy((unsigned char *)hdr + dataoff, opts[i].data,
                   opts[i].len);
    }
    if (cur >= 0)
        cur = xapi_inet6_opt_finish(hdr, total, cur);
    if (cur < 0 || (size_t)cur != total)
        return xapi_err_sys(err, EPROTO, "the options header changed length "
                            "between its two passes");
    return 0;
}

/* ---- walking ------------------------------------------------------------- */

/* The header's length from Hdr Ext Len, checked against the len bytes
 * given; 0 (err filled, on arg) if it does not fit. */
static size_t header_len(const unsigned char *p, size_t len, const char *arg,
                         xapi_error *err)
{
    size_t hlen;

    if (p == NULL) {
        xapi_err_arg(err, EINVAL, arg, "NULL");
        return 0;
    }
    if (len < OPT_HDR_MIN) {
        xapi_err_arg(err, EINVAL, arg, "%zu bytes, shorter than an options "
                     "header's 2: a malformed options header", len);
        return 0;
    }
    hlen = ((size_t)p[1] + 1) * 8;
    if (hlen > len) {
        xapi_err_arg(err, EINVAL, arg, "Hdr Ext Len %u means %zu bytes, only "
                     "%zu given (truncated): a malformed options header",
                     p[1], hlen, len);
        return 0;
    }
    return hlen;
}

/* From off, the next option that is not padding and (want >= 0) has type
 * want, within a header of hlen bytes: its offset past it, 0 at the end,
 * -1 (err on arg) for an option running past the header. */
static size_t walk(const unsigned char *p, size_t hlen, size_t off, int want,
                   xapi_opt *o, const char *arg, xapi_error *err, int *bad)
{
    *bad = 0;
    while (off < hlen) {
        unsigned type = p[off];
        size_t len;

        if (type == OPT_PAD1) {
            off++;
            continue;
        }
        if (hlen - off < 2) {
            *bad = 1;
            xapi_err_arg(err, EINVAL, arg, "malformed options header: the "
                         "option at offset %zu (type %u) has no length byte",
                         off, type);
            return 0;
        }
        len = p[off + 1];
        if (len > hlen - off - 2) {
            *bad = 1;
            xapi_err_arg(err, EINVAL, arg, "malformed options header: the "
                         "option at offset %zu (type %u, length %zu) runs "
                         "past the header's %zu bytes", off, type, len, hlen);
            return 0;
        }
        if (type != OPT_PADN && (want < 0 || type == (unsigned)want)) {
            o->type = (int)type;
            o->align = 0;
            o->data = p + off + 2;
            o->len = len;
            o->offset = off + 2;
            return off + 2 + len;
        }
        off += 2 + len;
    }
    return 0;
}

static void clear_opt(xapi_opt *o, int type)
{
    o->type = type;
    o->align = 0;
    o->data = NULL;
    o->len = 0;
    o->offset = 0;
}

int xapi_opt_parse(const void *bytes, size_t len, xapi_opt *opts, size_t cap,
                   size_t *count, xapi_error *err)
{
    const unsigned char *p = bytes;
    size_t hlen, off = OPT_HDR_MIN, n = 0;
    xapi_opt o;
    int bad;

    if (count != NULL)
        *count = 0;
    if (opts == NULL && cap > 0)
        return xapi_err_arg(err, EINVAL, "opts", "NULL with room for %zu",
                            cap);
    hlen = header_len(p, len, "bytes", err);
    if (hlen == 0)
        return -1;
    /* Checked whole before anything is stored: a malformed header gives
     * no options at all. */
    while ((off = walk(p, hlen, off, -1, &o, "bytes", err, &bad)) != 0)
        n++;
    if (bad)
        return -1;
    if (n > cap)
        return xapi_err_arg(err, ENOSPC, "opts", "the header holds %zu "
                            "options, room for %zu", n, cap);
    off = OPT_HDR_MIN;
    for (size_t i = 0; i < n; i++)
        off = walk(p, hlen, off, -1, &opts[i], "bytes", err, &bad);
    if (count != NULL)
        *count = n;
    return 0;
}

int xapi_opt_find(const void *bytes, size_t len, int type, xapi_opt *opt_out,
                  xapi_error *err)
{
    const unsigned char *p = bytes;
    xapi_opt o;
    size_t hlen;
    int bad;

    clear_opt(&o, type);
    if (opt_out != NULL)
        *opt_out = o;
    if (check_type(type, NULL, 0, err) < 0)
        return -1;
    hlen = header_len(p, len, "bytes", err);
    if (hlen == 0)
        return -1;
    /* The whole header is checked, not only up to the option found: the
     * answer does not depend on where a malformed byte sits. */
    size_t off = OPT_HDR_MIN, found = 0;
    xapi_opt cur;
    while ((off = walk(p, hlen, off, -1, &cur, "bytes", err, &bad)) != 0)
        if (!found && cur.type == type) {
            o = cur;
            found = 1;
        }
    if (bad)
        return -1;
    if (opt_out != NULL)
        *opt_out = o;
    return found ? 1 : 0;
}

/* ---- the RFC's in-place calls on one buffer ---------------------------- */

static int check_extlen(const void *buf, size_t buflen, size_t extlen,
                        xapi_error *err)
{
    if (buf != NULL && extlen > buflen)
        return xapi_err_arg(err, EINVAL, "extlen", "%zu is past the buffer's "
                            "%zu bytes", extlen, buflen);
    return 0;
}

static int check_offset(int offset, xapi_error *err)
{
    if (offset < OPT_HDR_MIN || offset > XAPI_OPT_HDR_MAX)
        return xapi_err_arg(err, EINVAL, "offset", "offset %d is not 2..%d "
                            "(start from inet6_opt_init's result)", offset,
                            XAPI_OPT_HDR_MAX);
    return 0;
}

int xapi_opt_hdr_init(void *buf, size_t buflen, size_t extlen,
                      xapi_error *err)
{
    if (check_extlen(buf, buflen, extlen, err) < 0)
        return -1;
    if (buf != NULL &&
        (extlen < 8 || extlen > XAPI_OPT_HDR_MAX || extlen % 8 != 0))
        return xapi_err_arg(err, EINVAL, "extlen", "%zu is not a multiple of "
                            "8 from 8 to %d", extlen, XAPI_OPT_HDR_MAX);
    return xapi_inet6_opt_init(buf, extlen);
}

int xapi_opt_hdr_append(void *buf, size_t buflen, size_t extlen, int offset,
                        int type, size_t len, unsigned align, size_t *dataoff,
                        xapi_error *err)
{
    int r;

    if (check_extlen(buf, buflen, extlen, err) < 0 ||
        check_fields(type, len, align, NULL, 0, err) < 0 ||
        check_offset(offset, err) < 0)
        return -1;
    if (dataoff != NULL)
        *dataoff = 0;
    r = xapi_inet6_opt_append(buf, extlen, offset, type, len, align,
                              dataoff);
    if (r >= 0)
        return r;
    if (errno == ENOSPC)
        return xapi_err_arg(err, ENOSPC, "extlen", "the option (%zu data "
                            "bytes, alignment %u) at offset %d does not fit "
                            "%zu bytes", len, align, offset, extlen);
    return xapi_err_arg(err, EMSGSIZE, "len", "the header would pass %d "
                        "bytes", XAPI_OPT_HDR_MAX);
}

int xapi_opt_hdr_finish(void *buf, size_t buflen, size_t extlen, int offset,
                        xapi_error *err)
{
    int r;

    if (check_extlen(buf, buflen, extlen, err) < 0)
        return -1;
    if (offset < OPT_HDR_MIN || offset > XAPI_OPT_HDR_MAX)
        return xapi_err_arg(err, EINVAL, "offset", "%d is not 2..%d", offset,
                            XAPI_OPT_HDR_MAX);
    r = xapi_inet6_opt_finish(buf, extlen, offset);
    if (r < 0)
        return xapi_err_arg(err, ENOSPC, "extlen", "the padding to %d bytes "
                            "does not fit %zu", (offset + 7) & ~7, extlen);
    return r;
}

/* dataoff/datalen name option data inside buf; offset/vallen a value in
 * it.  On arg names: the data place is "databuf", as in the RFC. */
static int check_val(size_t buflen, size_t dataoff, size_t datalen,
                     int offset, size_t vallen, int code, const char *lenarg,
                     xapi_error *err)
{
    if (dataoff > buflen || datalen > buflen - dataoff)
        return xapi_err_arg(err, EINVAL, "databuf", "option data at %zu, "
                            "%zu bytes, runs past the buffer, which holds "
                            "only %zu bytes", dataoff, datalen, buflen);
    if (offset < 0 || (size_t)offset > datalen)
        return xapi_err_arg(err, EINVAL, "offset", "%d is outside the %zu "
                            "data bytes", offset, datalen);
    if (vallen > datalen - (size_t)offset)
        return xapi_err_arg(err, code, lenarg, "%d + %zu bytes passes the "
                            "%zu data bytes", offset, vallen, datalen);
    return 0;
}

int xapi_opt_hdr_set_val(void *buf, size_t buflen, size_t dataoff,
                         size_t datalen, int offset, const void *val,
                         size_t vallen, xapi_error *err)
{
    if (buf == NULL)
        return xapi_err_arg(err, EINVAL, "extbuf", "NULL");
    if (val == NULL && vallen > 0)
        return xapi_err_arg(err, EINVAL, "val", "NULL with %zu bytes",
                            vallen);
    if (check_val(buflen, dataoff, datalen, offset, vallen, ENOSPC, "vallen",
                  err) < 0)
        return -1;
    return xapi_inet6_opt_set_val((unsigned char *)buf + dataoff, datalen,
                                  offset, val, vallen);
}

int xapi_opt_hdr_get_val(const void *buf, size_t buflen, size_t dataoff,
                         size_t datalen, int offset, void *val, size_t vallen,
                         xapi_error *err)
{
    if (buf == NULL)
        return xapi_err_arg(err, EINVAL, "extbuf", "NULL");
    if (val == NULL && vallen > 0)
        return xapi_err_arg(err, EINVAL, "val", "NULL with %zu bytes",
                            vallen);
    if (check_val(buflen, dataoff, datalen, offset, vallen, EINVAL, "vallen",
                  err) < 0)
        return -1;
    return xapi_inet6_opt_get_val((const unsigned char *)buf + dataoff,
                                  datalen, offset, val, vallen);
}

int xapi_opt_get_val(const void *data, size_t datalen, int offset,
                     void *val, size_t len, xapi_error *err)
{
    if (data == NULL && datalen > 0)
        return xapi_err_arg(err, EINVAL, "data", "NULL with %zu bytes",
                            datalen);
    if (val == NULL && len > 0)
        return xapi_err_arg(err, EINVAL, "val", "NULL with %zu bytes", len);
    if (check_val(datalen, 0, datalen, offset, len, EINVAL, "len", err) < 0)
        return -1;
    if ((size_t)offset + len > INT_MAX)
        return xapi_err_arg(err, EINVAL, "len", "%d + %zu bytes passes an "
                            "int offset", offset, len);
    if (len > 0)
        memcpy(val, (const unsigned char *)data + offset, len);
    return offset + (int)len;
}

static int hdr_walk(const void *buf, size_t buflen, size_t extlen, int offset,
                    int want, xapi_opt *opt_out, xapi_error *err)
{
    const unsigned char *p = buf;
    size_t hlen, next;
    xapi_opt o;
    int bad;

    clear_opt(&o, want < 0 ? 0 : want);
    if (opt_out != NULL)
        *opt_out = o;
    if (check_extlen(buf, buflen, extlen, err) < 0)
        return -1;
    hlen = header_len(p, extlen, "extbuf", err);
    if (hlen == 0)
        return -1;
    if (offset == 0)
        offset = OPT_HDR_MIN;
    if (offset < OPT_HDR_MIN || (size_t)offset > hlen)
        return xapi_err_arg(err, EINVAL, "offset", "%d is outside the "
                            "%zu-byte header", offset, hlen);
    next = walk(p, hlen, (size_t)offset, want, &o, "extbuf", err, &bad);
    if (bad)
        return -1;
    if (opt_out != NULL)
        *opt_out = o;
    return (int)next;
}

int xapi_opt_hdr_next(const void *buf, size_t buflen, size_t extlen,
                      int offset, xapi_opt *opt_out, xapi_error *err)
{
    return hdr_walk(buf, buflen, extlen, offset, -1, opt_out, err);
}

int xapi_opt_hdr_find(const void *buf, size_t buflen, size_t extlen,
                      int offset, int type, xapi_opt *opt_out,
                      xapi_error *err)
{
    if (check_type(type, NULL, 0, err) < 0)
        return -1;
    return hdr_walk(buf, buflen, extlen, offset, type, opt_out, err);
}

static int check_opttype(int type, xapi_error *err)
{
    if (type < 0 || type > 255)
        return xapi_err_arg(err, EINVAL, "type", "%d is not an option type "
                            "(0..255)", type);
    return 0;
}

int xapi_opt_type(int type, xapi_error *err)
{
    return check_opttype(type, err) < 0 ? -1 : xapi_ip6opt_type(type);
}

int xapi_opt_mutable(int type, xapi_error *err)
{
    return check_opttype(type, err) < 0 ? -1 : xapi_ip6opt_mutable(type);
}

int xapi_opt_router_alert(unsigned value, void *hdr, size_t hdrcap,
                          size_t *hdrlen, xapi_error *err)
{
    if (value > 0xffff)
        return xapi_err_arg(err, EINVAL, "value", "%u is not 0..65535",
                            value);
    if (hdr == NULL)
        return xapi_err_arg(err, EINVAL, "hdr", "NULL");
    if (hdrcap < 8)
        return xapi_err_arg(err, ENOSPC, "hdrcap", "8 bytes needed, %zu given",
                            hdrcap);
    if (xapi_inet6_opt_router_alert(value, hdr, hdrcap, hdrlen) < 0)
        return xapi_err_errno(err);
    return 0;
}
