/*
 * rthdr.c - routing headers: RFC 3542 section 7's inet6_rth_* for type 0
 * (RFC 2460 section 4.4) and type 4, the Segment Routing Header (RFC 8754
 * section 2), plus whole-SRH build and parse.
 *
 * Every entry point validates the header against the buffer first
 * (rth_check); nothing past the 8-byte fixed part is read before the
 * header's own length has been checked against what the caller gave.
 */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif
#include <errno.h>
#include <string.h>

#include "xapi.h"

#define RTH_FIXED 8u     /* next header, hdr ext len, type, segleft, 4 more */
#define RTH_ADDR 16u
#define RTH_TYPE_0 0
#define RTH_TYPE_4 4     /* IPV6_SRCRT_TYPE_4 in <linux/ipv6.h> */
#define RTH_MAX_SEGMENTS 127 /* 2 * 127 = 254 fits Hdr Ext Len */

/* Fixed-part field offsets. */
enum { F_NXT = 0, F_LEN = 1, F_TYPE = 2, F_SEGLEFT = 3, F_LAST = 4,
       F_FLAGS = 5, F_TAG = 6 };

struct rth_view {
    size_t hdrbytes;   /* (Hdr Ext Len + 1) * 8, known to fit the buffer */
    unsigned nseg;     /* addresses in the list */
};

/* SRH TLVs: Pad1 is a lone zero byte, everything else type, length,
 * value; every length must stay inside the TLV area. */
static int srh_tlvs_ok(const unsigned char *p, size_t len)
{
    size_t off = 0;

    while (off < len) {
        if (p[off] == 0) { /* Pad1 */
            off++;
            continue;
        }
        if (len - off < 2)
            return 0;
        if ((size_t)p[off + 1] > len - off - 2)
            return 0;
        off += 2u + p[off + 1];
    }
    return 1;
}

static int rth_check(const void *buf, size_t len, struct rth_view *v)
{
    const unsigned char *p = buf;

    if (p == NULL || len < RTH_FIXED) {
        errno = EINVAL;
        return -1;
    }
    size_t hdrbytes = ((size_t)p[F_LEN] + 1) * 8;
    if (hdrbytes > len) {
        errno = EINVAL;
        return -1;
    }
    unsigned nseg;
    switch (p[F_TYPE]) {
    case RTH_TYPE_0:
        if (p[F_LEN] % 2 != 0) {
            errno = EINVAL;
            return -1;
        }
        nseg = p[F_LEN] / 2u;
        break;
    case RTH_TYPE_4: {
        /* RFC 8754 4.3.1.1: max_last_entry = Hdr Ext Len / 2 - 1 */
        if (p[F_LEN] < 2 || p[F_LAST] > p[F_LEN] / 2u - 1) {
            errno = EINVAL;
            return -1;
        }
        nseg = p[F_LAST] + 1u;
        size_t tlv_off = RTH_FIXED + (size_t)nseg * RTH_ADDR;
        if (!srh_tlvs_ok(p + tlv_off, hdrbytes - tlv_off)) {
            errno = EINVAL;
            return -1;
        }
        break;
    }
    default:
        errno = EOPNOTSUPP;
        return -1;
    }
    if (p[F_SEGLEFT] > nseg) {
        errno = EINVAL;
        return -1;
    }
    v->hdrbytes = hdrbytes;
    v->nseg = nseg;
    return 0;
}

/* Byte offset of the address at path position idx (< nseg). */
static size_t rth_addr_off(const unsigned char *p, unsigned nseg,
                           unsigned idx)
{
    unsigned wire = p[F_TYPE] == RTH_TYPE_4 ? nseg - 1 - idx : idx;

    return RTH_FIXED + (size_t)wire * RTH_ADDR;
}

size_t xapi_inet6_rth_space(int type, int segments)
{
    int min;

    if (type == RTH_TYPE_0)
        min = 0;
    else if (type == RTH_TYPE_4)
        min = 1; /* Last Entry = segments - 1 cannot be negative */
    else {
        errno = EINVAL;
        return 0;
    }
    if (segments < min || segments > RTH_MAX_SEGMENTS) {
        errno = EINVAL;
        return 0;
    }
    return RTH_FIXED + (size_t)segments * RTH_ADDR;
}

int xapi_inet6_rth_init(void *buf, size_t buflen, int type, int segments)
{
    size_t need = xapi_inet6_rth_space(type, segments);

    if (need == 0)
        return -1;
    if (buf == NULL) {
        errno = EINVAL;
        return -1;
    }
    if (buflen < need) {
        errno = ENOSPC;
        return -1;
    }
    unsigned char *p = buf;
    memset(p, 0, need);
    p[F_LEN] = (unsigned char)(2 * segments);
    p[F_TYPE] = (unsigned char)type;
    if (type == RTH_TYPE_4)
        p[F_LAST] = (unsigned char)(segments - 1);
    return 0;
}

int xapi_inet6_rth_add(void *buf, size_t buflen, const struct in6_addr *addr)
{
    struct rth_view v;
    unsigned char *p = buf;

    if (addr == NULL) {
        errno = EINVAL;
        return -1;
    }
    if (rth_check(buf, buflen, &v) < 0)
        return -1;
    if (p[F_SEGLEFT] >= v.nseg) {
        errno = ENOSPC;
        return -1;
    }
    memcpy(p + rth_addr_off(p, v.nseg, p[F_SEGLEFT]), addr, RTH_ADDR);
    p[F_SEGLEFT]++;
    return 0;
}

int xapi_inet6_rth_reverse(const void *in, size_t inlen, void *out,
                           size_t outcap)
{
    struct rth_view v;

    if (rth_check(in, inlen, &v) < 0)
        return -1;
    if (out == NULL) {
        errno = EINVAL;
        return -1;
    }
    if (outcap < v.hdrbytes) {
        errno = ENOSPC;
        return -1;
    }
    unsigned char *o = out;
    memmove(o, in, v.hdrbytes);
    for (unsigned i = 0, j = v.nseg; i + 1 < j; i++, j--) {
        unsigned char tmp[RTH_ADDR];
        unsigned char *a = o + RTH_FIXED + (size_t)i * RTH_ADDR;
        unsigned char *b = o + RTH_FIXED + (size_t)(j - 1) * RTH_ADDR;
        memcpy(tmp, a, RTH_ADDR);
        memcpy(a, b, RTH_ADDR);
        memcpy(b, tmp, RTH_ADDR);
    }
    o[F_SEGLEFT] = (unsigned char)v.nseg;
    return 0;
}

int xapi_inet6_rth_segments(const void *buf, size_t len)
{
    struct rth_view v;

    if (rth_check(buf, len, &v) < 0)
        return -1;
    return (int)v.nseg;
}

int xapi_inet6_rth_getaddr(const void *buf, size_t len, int index,
                           struct in6_addr *out)
{
    struct rth_view v;

    if (rth_check(buf, len, &v) < 0)
        return -1;
    if (out == NULL || index < 0 || (unsigned)index >= v.nseg) {
        errno = EINVAL;
        return -1;
    }
    memcpy(out, (const unsigned char *)buf +
                    rth_addr_off(buf, v.nseg, (unsigned)index), RTH_ADDR);
    return 0;
}

int xapi_srh_build(const xapi_srh_info *info, const void *tlv, size_t tlvlen,
                   void *out, size_t cap, size_t *outlen)
{
    if (info == NULL || out == NULL || (tlv == NULL && tlvlen > 0)) {
        errno = EINVAL;
        return -1;
    }
    size_t n = info->nsegments;
    if (n == 0 || n > XAPI_SRH_MAX_SEGMENTS || info->segments_left > n ||
        tlvlen % 8 != 0) {
        errno = EINVAL;
        return -1;
    }
    /* The size first: a huge tlvlen is refused before the TLVs are
     * walked. */
    if (tlvlen / 8 > 255 - 2 * n) { /* Hdr Ext Len would pass 255 */
        errno = EINVAL;
        return -1;
    }
    size_t units = 2 * n + tlvlen / 8; /* Hdr Ext Len */
    if (tlvlen > 0 && !srh_tlvs_ok(tlv, tlvlen)) {
        errno = EINVAL;
        return -1;
    }
    size_t total = RTH_FIXED + n * RTH_ADDR + tlvlen;
    if (cap < total) {
        errno = ENOSPC;
        return -1;
    }
    unsigned char *p = out;
    p[F_NXT] = info->next_header;
    p[F_LEN] = (unsigned char)units;
    p[F_TYPE] = RTH_TYPE_4;
    p[F_SEGLEFT] = info->segments_left;
    p[F_LAST] = (unsigned char)(n - 1);
    p[F_FLAGS] = info->flags;
    p[F_TAG] = (unsigned char)(info->tag >> 8);
    p[F_TAG + 1] = (unsigned char)(info->tag & 0xff);
    memcpy(p + RTH_FIXED, info->segments, n * RTH_ADDR);
    if (tlvlen > 0)
        memcpy(p + RTH_FIXED + n * RTH_ADDR, tlv, tlvlen);
    if (outlen != NULL)
        *outlen = total;
    return 0;
}

int xapi_srh_parse(const void *buf, size_t len, xapi_srh_info *out)
{
    struct rth_view v;
    const unsigned char *p = buf;

    if (out == NULL) {
        errno = EINVAL;
        return -1;
    }
    if (rth_check(buf, len, &v) < 0) {
        if (errno == EOPNOTSUPP)
            errno = EINVAL; /* not an SRH at all */
        return -1;
    }
    if (p[F_TYPE] != RTH_TYPE_4) {
        errno = EINVAL;
        return -1;
    }
    if (v.nseg > XAPI_SRH_MAX_SEGMENTS) {
        errno = EMSGSIZE;
        return -1;
    }
    memset(out, 0, sizeof(*out));
    out->next_header = p[F_NXT];
    out->segments_left = p[F_SEGLEFT];
    out->last_entry = p[F_LAST];
    out->flags = p[F_FLAGS];
    out->tag = (uint16_t)((p[F_TAG] << 8) | p[F_TAG + 1]);
    out->nsegments = v.nseg;
    memcpy(out->segments, p + RTH_FIXED, (size_t)v.nseg * RTH_ADDR);
    out->tlv_offset = RTH_FIXED + (size_t)v.nseg * RTH_ADDR;
    out->tlv_len = v.hdrbytes - out->tlv_offset;
    return 0;
}
