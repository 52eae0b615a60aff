/*
 * opt.c - Hop-by-Hop and Destination options, RFC 3542 section 10.
 *
 * Layout follows RFC 2460 Appendix B (the reference drawing, reproduced
 * by RFC 3542 Appendix C): an option with alignment requirement xn+y is
 * placed so that it ENDS on a multiple of x.  With the largest field
 * last, as Appendix B asks, every field then lands on its natural
 * boundary.  (glibc's inet6_opt_append aligns the start of the data
 * instead, which gives different bytes for the Appendix C example.)
 *
 * Walking is "ok, then next": an option's type byte, then its length
 * byte, then its data are each checked against the header's own length
 * (itself checked against the buffer) before they are read.
 */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif
#include <errno.h>
#include <limits.h>
#include <string.h>

#include "xapi.h"

#define OPT_PAD1 0
#define OPT_PADN 1
#define OPT_ROUTER_ALERT 5 /* RFC 2711 */
#define OPT_HDR_MIN 2      /* Next Header and Hdr Ext Len */
#define OPT_HDR_MAX 2048   /* (255 + 1) * 8 */

/* Writes n (< 8 here) bytes of padding: Pad1 for one byte, else PadN. */
static void write_pad(unsigned char *p, size_t n)
{
    if (n == 0)
        return;
    if (n == 1) {
        p[0] = OPT_PAD1;
        return;
    }
    p[0] = OPT_PADN;
    p[1] = (unsigned char)(n - 2);
    memset(p + 2, 0, n - 2);
}

int xapi_inet6_opt_init(void *extbuf, size_t extlen)
{
    if (extbuf != NULL) {
        if (extlen < 8 || extlen > OPT_HDR_MAX || extlen % 8 != 0) {
            errno = EINVAL;
            return -1;
        }
        unsigned char *p = extbuf;
        p[0] = 0;
        p[1] = (unsigned char)(extlen / 8 - 1);
    }
    return OPT_HDR_MIN;
}

int xapi_inet6_opt_append(void *extbuf, size_t extlen, int offset, int type,
                          size_t len, unsigned align, size_t *dataoff)
{
    if (type < 2 || type > 255 || len > 255 ||
        (align != 1 && align != 2 && align != 4 && align != 8) ||
        (align > len && align != 1) ||
        offset < OPT_HDR_MIN || offset > OPT_HDR_MAX) {
        errno = EINVAL;
        return -1;
    }
    size_t end = (size_t)offset + 2 + len;
    size_t pad = (align - end % align) % align;
    size_t newlen = end + pad;

    if (extbuf != NULL && newlen > extlen) {
        errno = ENOSPC;
        return -1;
    }
    if (newlen > OPT_HDR_MAX) {
        errno = EMSGSIZE;
        return -1;
    }
    if (extbuf != NULL) {
        unsigned char *p = (unsigned char *)extbuf + offset;
        write_pad(p, pad);
        p += pad;
        p[0] = (unsigned char)type;
        p[1] = (unsigned char)len;
        memset(p + 2, 0, len);
        if (dataoff != NULL)
            *dataoff = (size_t)offset + pad + 2;
    }
    return (int)newlen;
}

int xapi_inet6_opt_finish(void *extbuf, size_t extlen, int offset)
{
    if (offset < OPT_HDR_MIN || offset > OPT_HDR_MAX) {
        errno = EINVAL;
        return -1;
    }
    size_t newlen = ((size_t)offset + 7) & ~(size_t)7;

    if (extbuf != NULL) {
        if (newlen > extlen) {
            errno = ENOSPC;
            return -1;
        }
        unsigned char *p = extbuf;
        write_pad(p + offset, newlen - (size_t)offset);
        p[1] = (unsigned char)(newlen / 8 - 1);
    }
    return (int)newlen;
}

/* offset + vallen within datalen and within an int; errno set else. */
static int val_range_ok(const void *databuf, size_t datalen, int offset,
                        const void *val, size_t vallen, int past_end)
{
    if (databuf == NULL || (val == NULL && vallen > 0) || offset < 0) {
        errno = EINVAL;
        return 0;
    }
    if ((size_t)offset > datalen || vallen > datalen - (size_t)offset) {
        errno = past_end;
        return 0;
    }
    if ((size_t)offset + vallen > INT_MAX) {
        errno = EINVAL;
        return 0;
    }
    return 1;
}

int xapi_inet6_opt_set_val(void *databuf, size_t datalen, int offset,
                           const void *val, size_t vallen)
{
    if (!val_range_ok(databuf, datalen, offset, val, vallen, ENOSPC))
        return -1;
    if (vallen > 0)
        memcpy((unsigned char *)databuf + offset, val, vallen);
    return offset + (int)vallen;
}

int xapi_inet6_opt_get_val(const void *databuf, size_t datalen, int offset,
                           void *val, size_t vallen)
{
    if (!val_range_ok(databuf, datalen, offset, val, vallen, EINVAL))
        return -1;
    if (vallen > 0)
        memcpy(val, (const unsigned char *)databuf + offset, vallen);
    return offset + (int)vallen;
}

/*
 * The one walker behind _next and _find: from offset, the next option that
 * is not padding and (want >= 0) has type want.  Returns the offset past
 * it, or -1 with ENOENT (end) or EINVAL (malformed).
 */
static int opt_walk(const void *extbuf, size_t extlen, int offset, int want,
                    int *typep, size_t *lenp, size_t *dataoff)
{
    const unsigned char *p = extbuf;

    if (p == NULL || extlen < OPT_HDR_MIN) {
        errno = EINVAL;
        return -1;
    }
    size_t hlen = ((size_t)p[1] + 1) * 8;
    if (hlen > extlen) {
        errno = EINVAL;
        return -1;
    }
    if (offset == 0)
        offset = OPT_HDR_MIN;
    if (offset < OPT_HDR_MIN || (size_t)offset > hlen) {
        errno = EINVAL;
        return -1;
    }
    size_t off = (size_t)offset;
    while (off < hlen) {
        unsigned type = p[off];
        if (type == OPT_PAD1) {
            off++;
            continue;
        }
        if (hlen - off < 2) { /* no room for the length byte */
            errno = EINVAL;
            return -1;
        }
        size_t len = p[off + 1];
        if (len > hlen - off - 2) { /* data runs past the header */
            errno = EINVAL;
            return -1;
        }
        size_t next = off + 2 + len;
        if (type != OPT_PADN && (want < 0 || type == (unsigned)want)) {
            if (typep != NULL)
                *typep = (int)type;
            if (lenp != NULL)
                *lenp = len;
            if (dataoff != NULL)
                *dataoff = off + 2;
            return (int)next;
        }
        off = next;
    }
    errno = ENOENT;
    return -1;
}

int xapi_inet6_opt_next(const void *extbuf, size_t extlen, int offset,
                        int *typep, size_t *lenp, size_t *dataoff)
{
    return opt_walk(extbuf, extlen, offset, -1, typep, lenp, dataoff);
}

int xapi_inet6_opt_find(const void *extbuf, size_t extlen, int offset,
                        int type, size_t *lenp, size_t *dataoff)
{
    if (type < 2 || type > 255) {
        errno = EINVAL;
        return -1;
    }
    return opt_walk(extbuf, extlen, offset, type, NULL, lenp, dataoff);
}

int xapi_ip6opt_type(int opttype)
{
    if (opttype < 0 || opttype > 255) {
        errno = EINVAL;
        return -1;
    }
    return opttype & 0xc0;
}

int xapi_ip6opt_mutable(int opttype)
{
    if (opttype < 0 || opttype > 255) {
        errno = EINVAL;
        return -1;
    }
    return (opttype & 0x20) != 0;
}

int xapi_inet6_opt_router_alert(unsigned value, void *out, size_t cap,
                                size_t *outlen)
{
    if (out == NULL || value > 0xffff) {
        errno = EINVAL;
        return -1;
    }
    if (cap < 8) {
        errno = ENOSPC;
        return -1;
    }
    /* RFC 2711: type 5, length 2, alignment 2n+0, value in network order */
    unsigned char v[2] = { (unsigned char)(value >> 8),
                           (unsigned char)(value & 0xff) };
    size_t data;
    int len = xapi_inet6_opt_init(out, 8);
    len = xapi_inet6_opt_append(out, 8, len, OPT_ROUTER_ALERT, 2, 2, &data);
    if (len < 0)
        return -1;
    if (xapi_inet6_opt_set_val((unsigned char *)out + data, 2, 0, v, 2) < 0)
        return -1;
    len = xapi_inet6_opt_finish(out, 8, len);
    if (len < 0)
        return -1;
    if (outlen != NULL)
        *outlen = (size_t)len;
    return 0;
}
