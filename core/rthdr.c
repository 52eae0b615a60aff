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
#include <sys/socket.h>
#include <arpa/inet.h>

#include "internal.h"

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

/* The checks every entry point makes, in order; with err, the reason
 * in the header's own terms, naming arg (the caller's name for it). */
static int rth_check_err(const void *buf, size_t len, struct rth_view *v,
                         xapi_error *err, const char *arg)
{
    const unsigned char *p = buf;

    if (p == NULL || len < RTH_FIXED)
        return xapi_err_arg(err, EINVAL, arg, "malformed routing header: "
                            "%zu bytes, shorter than a routing header's 8", p == NULL ? 0 : len);
    size_t hdrbytes = ((size_t)p[F_LEN] + 1) * 8;
    if (hdrbytes > len)
        return xapi_err_arg(err, EINVAL, arg, "malformed routing header: "
                            "Hdr Ext Len %u means %zu bytes, only %zu given "
                            "(truncated)", p[F_LEN],
                            hdrbytes, len);
    unsigned nseg;
    switch (p[F_TYPE]) {
    case RTH_TYPE_0:
        if (p[F_LEN] % 2 != 0)
            return xapi_err_arg(err, EINVAL, arg, "malformed routing header: "
                                "type 0 with an odd Hdr Ext Len %u", p[F_LEN]);
        nseg = p[F_LEN] / 2u;
        break;
    case RTH_TYPE_4: {
        /* RFC 8754 4.3.1.1: max_last_entry = Hdr Ext Len / 2 - 1 */
        if (p[F_LEN] < 2 || p[F_LAST] > p[F_LEN] / 2u - 1)
            return xapi_err_arg(err, EINVAL, arg, "malformed routing header: "
                                "SRH Last Entry %u does not fit Hdr Ext Len %u", p[F_LAST],
                                p[F_LEN]);
        nseg = p[F_LAST] + 1u;
        size_t tlv_off = RTH_FIXED + (size_t)nseg * RTH_ADDR;
        if (!srh_tlvs_ok(p + tlv_off, hdrbytes - tlv_off))
            return xapi_err_arg(err, EINVAL, arg, "malformed routing header: "
                                "an SRH TLV runs past the header");
        break;
    }
    default:
        return xapi_err_arg(err, EOPNOTSUPP, arg, "routing type %u: only 0 "
                            "and 4 (SRH) are known", p[F_TYPE]);
    }
    if (p[F_SEGLEFT] > nseg)
        return xapi_err_arg(err, EINVAL, arg, "malformed routing header: "
                            "Segments Left %u is above the %u %s",
                            p[F_SEGLEFT], nseg,
                            p[F_TYPE] == RTH_TYPE_4 ? "segments"
                                                    : "addresses");
    v->hdrbytes = hdrbytes;
    v->nseg = nseg;
    return 0;
}

static int rth_check(const void *buf, size_t len, struct rth_view *v)
{
    return rth_check_err(buf, len, v, NULL, NULL);
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

/* ------------------------------------------------------------------ */
/* Whole-object calls with an xapi_error (XAPI-RTH-WHOLE in xapi.h)     */
/* ------------------------------------------------------------------ */

/* out/cap must hold need bytes: ENOSPC naming "out" otherwise. */
static int out_room(const void *out, size_t cap, size_t need, xapi_error *err)
{
    if (out == NULL)
        return xapi_err_arg(err, EINVAL, "out", "no output buffer");
    if (cap < need)
        return xapi_err_arg(err, ENOSPC, "out", "%zu bytes are needed, "
                            "%zu given", need, cap);
    return 0;
}

/* One address text to 16 bytes; index >= 0 names a list element. */
static int addr_from_text(const char *s, struct in6_addr *a, xapi_error *err,
                          const char *arg, long index)
{
    if (s == NULL) {
        if (index >= 0)
            return xapi_err_arg(err, EINVAL, arg, "element %ld is missing",
                                index);
        return xapi_err_arg(err, EINVAL, arg, "no address");
    }
    if (inet_pton(AF_INET6, s, a) == 1)
        return 0;
    if (index >= 0)
        return xapi_err_arg(err, EINVAL, arg, "element %ld '%.60s' is not an "
                            "IPv6 address", index, s);
    return xapi_err_arg(err, EINVAL, arg, "'%.60s' is not an IPv6 address",
                        s);
}

static void addr_to_text(const void *p, xapi_in6_text *out)
{
    xapi_ntop6(p, out->s);
}

int xapi_rth_space(int type, int segments, xapi_error *err)
{
    if (type != RTH_TYPE_0 && type != RTH_TYPE_4)
        return xapi_err_arg(err, EINVAL, "type", "routing type %d: only 0 "
                            "and 4 (SRH) are known", type);
    int min = type == RTH_TYPE_4 ? 1 : 0;
    if (segments < min || segments > RTH_MAX_SEGMENTS)
        return xapi_err_arg(err, EINVAL, "segments", "%d segments: type %d "
                            "takes %d..127", segments, type, min);
    return (int)xapi_inet6_rth_space(type, segments);
}

int xapi_rth_init(int type, int segments, void *out, size_t cap,
                  size_t *outlen, xapi_error *err)
{
    int need = xapi_rth_space(type, segments, err);

    if (need < 0 || out_room(out, cap, (size_t)need, err) < 0)
        return -1;
    if (xapi_inet6_rth_init(out, cap, type, segments) < 0)
        return xapi_err_errno(err);
    if (outlen != NULL)
        *outlen = (size_t)need;
    return 0;
}

int xapi_rth_add(const void *buf, size_t len, const char *addr, void *out,
                 size_t cap, size_t *outlen, xapi_error *err)
{
    struct rth_view v;
    struct in6_addr a;

    if (addr_from_text(addr, &a, err, "addr", -1) < 0 ||
        rth_check_err(buf, len, &v, err, "buf") < 0)
        return -1;
    const unsigned char *p = buf;
    if (p[F_SEGLEFT] >= v.nseg)
        return xapi_err_sys(err, ENOSPC, "the header is full (Segments Left "
                            "reached the %u segments)", v.nseg);
    if (out_room(out, cap, v.hdrbytes, err) < 0)
        return -1;
    memmove(out, buf, v.hdrbytes);
    if (xapi_inet6_rth_add(out, v.hdrbytes, &a) < 0)
        return xapi_err_errno(err);
    if (outlen != NULL)
        *outlen = v.hdrbytes;
    return 0;
}

int xapi_rth_build(int type, const char *const *addrs, size_t naddrs,
                   void *out, size_t cap, size_t *outlen, xapi_error *err)
{
    if (type != RTH_TYPE_0 && type != RTH_TYPE_4)
        return xapi_err_arg(err, EOPNOTSUPP, "type", "routing type %d: only "
                            "0 and 4 (SRH) are known", type);
    if (addrs == NULL && naddrs > 0)
        return xapi_err_arg(err, EINVAL, "addrs", "no list");
    if (naddrs > RTH_MAX_SEGMENTS)
        return xapi_err_arg(err, EINVAL, "addrs", "%zu addresses, at most "
                            "127", naddrs);
    if (type == RTH_TYPE_4 && naddrs == 0)
        return xapi_err_arg(err, EINVAL, "addrs", "0 addresses: an SRH "
                            "holds 1..127");
    /* Every address is read and checked before anything is written. */
    struct in6_addr a[RTH_MAX_SEGMENTS];
    for (size_t i = 0; i < naddrs; i++)
        if (addr_from_text(addrs[i], &a[i], err, "addrs", (long)i) < 0)
            return -1;
    size_t need = xapi_inet6_rth_space(type, (int)naddrs);
    if (out_room(out, cap, need, err) < 0)
        return -1;
    if (xapi_inet6_rth_init(out, cap, type, (int)naddrs) < 0)
        return xapi_err_errno(err);
    for (size_t i = 0; i < naddrs; i++)
        if (xapi_inet6_rth_add(out, need, &a[i]) < 0)
            return xapi_err_errno(err);
    if (outlen != NULL)
        *outlen = need;
    return 0;
}

int xapi_rth_segments(const void *buf, size_t len, xapi_error *err)
{
    struct rth_view v;

    if (rth_check_err(buf, len, &v, err, "bytes") < 0)
        return -1;
    return (int)v.nseg;
}

int xapi_rth_getaddr(const void *buf, size_t len, int index,
                     xapi_in6_text *addr_out, xapi_error *err)
{
    struct rth_view v;

    if (rth_check_err(buf, len, &v, err, "bytes") < 0)
        return -1;
    if (index < 0 || (unsigned)index >= v.nseg)
        return xapi_err_arg(err, EINVAL, "index", "%d is outside the %u "
                            "addresses (0..%d)", index, v.nseg,
                            (int)v.nseg - 1);
    if (addr_out == NULL)
        return xapi_err_arg(err, EINVAL, "addr_out", "no output");
    addr_to_text((const unsigned char *)buf +
                     rth_addr_off(buf, v.nseg, (unsigned)index), addr_out);
    return 0;
}

int xapi_rth_reverse(const void *buf, size_t len, void *out, size_t cap,
                     size_t *outlen, xapi_error *err)
{
    struct rth_view v;

    if (rth_check_err(buf, len, &v, err, "bytes") < 0 ||
        out_room(out, cap, v.hdrbytes, err) < 0)
        return -1;
    if (xapi_inet6_rth_reverse(buf, len, out, cap) < 0)
        return xapi_err_errno(err);
    if (outlen != NULL)
        *outlen = v.hdrbytes;
    return 0;
}

/* Fields and addresses of a checked header; wire: SRH list order. */
static int rth_fill(const unsigned char *p, const struct rth_view *v,
                    int wire, xapi_rth_info *info, xapi_in6_text *addrs,
                    size_t cap, size_t *naddrs, xapi_error *err)
{
    if (info == NULL || naddrs == NULL || (addrs == NULL && v->nseg > 0))
        return xapi_err_arg(err, EINVAL, "info_out", "no output");
    if (v->nseg > cap)
        return xapi_err_arg(err, EMSGSIZE, "bytes", "%u addresses, more "
                            "than the %zu this call takes", v->nseg, cap);
    info->type = p[F_TYPE];
    info->next_header = p[F_NXT];
    info->hdr_ext_len = p[F_LEN];
    info->segments_left = p[F_SEGLEFT];
    info->length = v->hdrbytes;
    info->nsegments = v->nseg;
    info->tlv_len = 0;
    if (p[F_TYPE] == RTH_TYPE_4) {
        info->last_entry = p[F_LAST];
        info->flags = p[F_FLAGS];
        info->tag = (unsigned)(p[F_TAG] << 8 | p[F_TAG + 1]);
        info->reserved = 0;
        size_t off = RTH_FIXED + (size_t)v->nseg * RTH_ADDR;
        info->tlv_len = v->hdrbytes - off;
        memcpy(info->tlv, p + off, info->tlv_len);
    } else {
        info->last_entry = info->flags = info->tag = 0;
        info->reserved = (uint32_t)p[4] << 24 | (uint32_t)p[5] << 16 |
                         (uint32_t)p[6] << 8 | p[7];
    }
    for (unsigned i = 0; i < v->nseg; i++)
        addr_to_text(p + (wire ? RTH_FIXED + (size_t)i * RTH_ADDR
                               : rth_addr_off(p, v->nseg, i)), &addrs[i]);
    *naddrs = v->nseg;
    return 0;
}

int xapi_rth_parse(const void *buf, size_t len, xapi_rth_info *info_out,
                   xapi_in6_text *addrs_out, size_t addrs_cap,
                   size_t *naddrs, xapi_error *err)
{
    struct rth_view v;

    if (rth_check_err(buf, len, &v, err, "bytes") < 0)
        return -1;
    return rth_fill(buf, &v, 0, info_out, addrs_out, addrs_cap, naddrs, err);
}

int xapi_srh_decode(const void *buf, size_t len, xapi_rth_info *info_out,
                    xapi_in6_text *addrs_out, size_t addrs_cap,
                    size_t *naddrs, xapi_error *err)
{
    struct rth_view v;
    const unsigned char *p = buf;

    /* Not an SRH at all is malformed input for this call (EINVAL), even
     * when it is a routing header of another type. */
    if (p != NULL && len >= RTH_FIXED && p[F_TYPE] != RTH_TYPE_4 &&
        ((size_t)p[F_LEN] + 1) * 8 <= len)
        return xapi_err_arg(err, EINVAL, "bytes", "routing type %u, not an "
                            "SRH (4)", p[F_TYPE]);
    if (rth_check_err(buf, len, &v, err, "bytes") < 0) {
        if (errno == EOPNOTSUPP) /* cannot happen: type 4 checked above */
            return xapi_err_arg(err, EINVAL, "bytes", "not an SRH");
        return -1;
    }
    if (v.nseg > XAPI_SRH_MAX_SEGMENTS)
        return xapi_err_arg(err, EMSGSIZE, "bytes", "%u segments, more than "
                            "%d", v.nseg, XAPI_SRH_MAX_SEGMENTS);
    return rth_fill(buf, &v, 1, info_out, addrs_out, addrs_cap, naddrs, err);
}

int xapi_srh_encode(const char *const *segments, size_t nsegments,
                    int segments_left, int next_header, int flags, int tag,
                    const void *tlv, size_t tlvlen, void *out, size_t cap,
                    size_t *outlen, xapi_error *err)
{
    xapi_srh_info info;

    if (segments == NULL && nsegments > 0)
        return xapi_err_arg(err, EINVAL, "segments", "no list");
    if (nsegments < 1 || nsegments > XAPI_SRH_MAX_SEGMENTS)
        return xapi_err_arg(err, EINVAL, "segments", "%zu segments: 1..%d "
                            "are needed", nsegments, XAPI_SRH_MAX_SEGMENTS);
    memset(&info, 0, sizeof info);
    for (size_t i = 0; i < nsegments; i++)
        if (addr_from_text(segments[i], &info.segments[i], err, "segments",
                           (long)i) < 0)
            return -1;
    info.nsegments = nsegments;
    if (segments_left < 0 || segments_left > 255)
        return xapi_err_arg(err, EINVAL, "segments_left", "%d is out of "
                            "range 0..255", segments_left);
    if ((size_t)segments_left > nsegments)
        return xapi_err_arg(err, EINVAL, "segments_left", "%d is above the "
                            "%zu segments", segments_left, nsegments);
    if (next_header < 0 || next_header > 255)
        return xapi_err_arg(err, EINVAL, "next_header", "%d is out of range "
                            "0..255", next_header);
    if (flags < 0 || flags > 255)
        return xapi_err_arg(err, EINVAL, "flags", "%d is out of range "
                            "0..255", flags);
    if (tag < 0 || tag > 65535)
        return xapi_err_arg(err, EINVAL, "tag", "%d is out of range "
                            "0..65535", tag);
    info.segments_left = (uint8_t)segments_left;
    info.next_header = (uint8_t)next_header;
    info.flags = (uint8_t)flags;
    info.tag = (uint16_t)tag;
    if (tlv == NULL && tlvlen > 0)
        return xapi_err_arg(err, EINVAL, "tlv", "no bytes");
    if (tlvlen % 8 != 0)
        return xapi_err_arg(err, EINVAL, "tlv", "%zu bytes, not a multiple "
                            "of 8", tlvlen);
    if (tlvlen / 8 > 255 - 2 * nsegments)
        return xapi_err_arg(err, EINVAL, "tlv", "%zu bytes: the header "
                            "would pass 2048 bytes", tlvlen);
    if (tlvlen > 0 && !srh_tlvs_ok(tlv, tlvlen))
        return xapi_err_arg(err, EINVAL, "tlv", "malformed TLVs (a length "
                            "runs past the end)");
    if (out_room(out, cap, RTH_FIXED + nsegments * RTH_ADDR + tlvlen,
                 err) < 0)
        return -1;
    if (xapi_srh_build(&info, tlv, tlvlen, out, cap, outlen) < 0)
        return xapi_err_errno(err);
    return 0;
}
