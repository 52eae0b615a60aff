/*
 * icmpext.c - ICMP extension structures (RFC 4884) and the objects
 * traceroutes show: MPLS label stacks (RFC 4950) and interface information
 * (RFC 5837), parsed into flat records.
 *
 * The walk is "ok, then next": every length read from the bytes is
 * checked against what remains before anything behind it is read, and a
 * length that lies refuses the whole structure, naming the argument.
 */
#include <config.h>

#include <time.h> /* <linux/errqueue.h> uses struct timespec */
#include <linux/errqueue.h>

#include <netinet/in.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>

#include "internal.h"

_Static_assert(sizeof(struct sock_ee_data_rfc4884) == sizeof(uint32_t),
               "ee_rfc4884 shares ee_data's four bytes");

#define EXT_HDR_LEN 4   /* version, reserved, checksum (RFC 4884 s. 7) */
#define OBJ_HDR_LEN 4   /* length, class-num, c-type (RFC 4884 s. 8) */
#define ORIG_MIN 128    /* the shortest "original datagram" (s. 4, 5) */

/* RFC 5837 section 4.1: the C-Type octet. */
#define IFINFO_ROLE(ct) (((ct) >> 6) & 3)
#define IFINFO_IFINDEX 0x08
#define IFINFO_IPADDR 0x04
#define IFINFO_NAME 0x02
#define IFINFO_MTU 0x01

static unsigned get16(const unsigned char *p)
{
    return (unsigned)p[0] << 8 | p[1];
}

static uint32_t get32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
           (uint32_t)p[2] << 8 | p[3];
}

/* The Internet checksum's one's complement sum, folded (RFC 1071). */
static unsigned csum_fold(const unsigned char *p, size_t n)
{
    uint32_t sum = 0;
    size_t i;

    for (i = 0; i + 1 < n; i += 2)
        sum += get16(p + i);
    if (n & 1)
        sum += (uint32_t)p[n - 1] << 8;
    while (sum >> 16)
        sum = (sum & 0xffff) + (sum >> 16);
    return sum;
}

/* 1 when p[0..n) is well-formed UTF-8 (RFC 3629) with no NUL. */
static int utf8_ok(const unsigned char *p, size_t n)
{
    size_t i = 0;

    while (i < n) {
        unsigned c = p[i];
        size_t more, k;
        uint32_t cp;

        if (c == 0)
            return 0;
        if (c < 0x80) {
            i++;
            continue;
        }
        if (c >= 0xc2 && c <= 0xdf)
            more = 1, cp = c & 0x1f;
        else if (c >= 0xe0 && c <= 0xef)
            more = 2, cp = c & 0x0f;
        else if (c >= 0xf0 && c <= 0xf4)
            more = 3, cp = c & 0x07;
        else
            return 0;
        if (n - i <= more)
            return 0;
        for (k = 1; k <= more; k++) {
            if ((p[i + k] & 0xc0) != 0x80)
                return 0;
            cp = cp << 6 | (p[i + k] & 0x3f);
        }
        if ((more == 2 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
            (more == 3 && (cp < 0x10000 || cp > 0x10ffff)))
            return 0;
        i += more + 1;
    }
    return 1;
}

/* A record with nothing in it but its object's place. */
static void record_init(xapi_value *v, const unsigned char *obj,
                        size_t base)
{
    memset(&v->icmpext, 0, sizeof(v->icmpext));
    v->kind = XAPI_VALUE_ICMPEXT;
    v->name = "icmpext";
    v->i = 0;
    v->icmpext.class_num = obj[2];
    v->icmpext.c_type = obj[3];
    v->icmpext.label = v->icmpext.tc = v->icmpext.s = v->icmpext.ttl = -1;
    v->icmpext.role = -1;
    v->icmpext.offset = (unsigned)base;
    v->icmpext.length = get16(obj);
}

/* The fields of an interface information object (RFC 5837 section 4):
 * ifIndex, IP Address Sub-Object, Interface Name Sub-Object, MTU, each
 * there when its C-Type bit says so, in that order, filling the object
 * exactly. */
static int parse_ifinfo(const unsigned char *obj, size_t olen,
                        xapi_icmp_ext *r, const char *argname,
                        xapi_error *err)
{
    unsigned ct = obj[3];
    size_t at = OBJ_HDR_LEN;

    r->role = (int)IFINFO_ROLE(ct);
    if (ct & IFINFO_IFINDEX) {
        if (olen - at < 4)
            return xapi_err_arg(err, EINVAL, argname,
                                "interface object at %u too short for its "
                                "ifIndex", r->offset);
        r->ifindex = get32(obj + at);
        at += 4;
    }
    if (ct & IFINFO_IPADDR) {
        unsigned afi;
        size_t alen;

        if (olen - at < 4)
            return xapi_err_arg(err, EINVAL, argname,
                                "interface object at %u too short for its "
                                "address", r->offset);
        afi = get16(obj + at);
        if (afi == 1)
            alen = 4;
        else if (afi == 2)
            alen = 16;
        else
            return xapi_err_arg(err, EINVAL, argname,
                                "interface object at %u: address family "
                                "(AFI) %u is neither 1 (IPv4) nor 2 (IPv6)",
                                r->offset, afi);
        if (olen - at - 4 < alen)
            return xapi_err_arg(err, EINVAL, argname,
                                "interface object at %u too short for its "
                                "address", r->offset);
        if (alen == 4)
            xapi_ntop4(obj + at + 4, r->addr);
        else
            xapi_ntop6(obj + at + 4, r->addr);
        at += 4 + alen;
    }
    if (ct & IFINFO_NAME) {
        size_t nlen, n;

        if (olen - at < 1)
            return xapi_err_arg(err, EINVAL, argname,
                                "interface object at %u too short for its "
                                "name", r->offset);
        nlen = obj[at];
        /* RFC 5837 section 4.3: the length counts its own octet, is a
         * multiple of 4 and at most 64. */
        if (nlen < 4 || nlen % 4 != 0 || nlen > 64 || olen - at < nlen)
            return xapi_err_arg(err, EINVAL, argname,
                                "interface object at %u: name length %zu "
                                "is not a multiple of 4 in 4..64 inside "
                                "the object", r->offset, nlen);
        /* The name is padded with NULs to the length. */
        for (n = nlen - 1; n > 0 && obj[at + n] == 0; n--)
            ;
        if (!utf8_ok(obj + at + 1, n))
            return xapi_err_arg(err, EINVAL, argname,
                                "interface object at %u: the name is not "
                                "UTF-8 text", r->offset);
        memcpy(r->name, obj + at + 1, n);
        r->name[n] = '\0';
        at += nlen;
    }
    if (ct & IFINFO_MTU) {
        if (olen - at < 4)
            return xapi_err_arg(err, EINVAL, argname,
                                "interface object at %u too short for its "
                                "MTU", r->offset);
        r->mtu = get32(obj + at);
        at += 4;
    }
    if (at != olen)
        return xapi_err_arg(err, EINVAL, argname,
                            "interface object at %u: length %zu, but its "
                            "C-Type 0x%02x gives %zu", r->offset, olen, ct,
                            at);
    return 0;
}

/* The walk over the structure at p (n bytes), whose offset in what the
 * caller gave is base. */
static int parse_struct(const unsigned char *p, size_t n, size_t base,
                        xapi_value *values, size_t cap, size_t *count,
                        const char *argname, xapi_error *err)
{
    size_t at, need = 0;
    unsigned sum;

    if (n < EXT_HDR_LEN)
        return xapi_err_arg(err, EINVAL, argname,
                            "%zu bytes cannot hold an extension header",
                            n);
    if (p[0] >> 4 != 2)
        return xapi_err_arg(err, EINVAL, argname,
                            "extension version %u, not 2 (RFC 4884)",
                            p[0] >> 4);
    /* RFC 4884 section 7: a checksum of 0 was not computed. */
    sum = csum_fold(p, n);
    if (get16(p + 2) != 0 && sum != 0xffff)
        return xapi_err_arg(err, EINVAL, argname,
                            "extension checksum 0x%04x is wrong",
                            get16(p + 2));
    /* First pass: every object's length, and how many records. */
    for (at = EXT_HDR_LEN; at < n;) {
        size_t olen;

        if (n - at < OBJ_HDR_LEN)
            return xapi_err_arg(err, EINVAL, argname,
                                "%zu stray bytes at %zu after the last "
                                "object", n - at, base + at);
        olen = get16(p + at);
        if (olen < OBJ_HDR_LEN || olen > n - at)
            return xapi_err_arg(err, EINVAL, argname,
                                "object at %zu has length %zu, outside "
                                "4..%zu", base + at, olen, n - at);
        if (p[at + 2] == XAPI_ICMP_EXT_CLASS_MPLS && p[at + 3] == 1) {
            if ((olen - OBJ_HDR_LEN) % 4 != 0)
                return xapi_err_arg(err, EINVAL, argname,
                                    "MPLS object at %zu: length %zu is not "
                                    "4 + 4 per entry", base + at, olen);
            need += (olen - OBJ_HDR_LEN) / 4;
        } else {
            need++;
        }
        at += olen;
    }
    *count = need;
    if (values == NULL && cap == 0)
        return 0;
    if (need > cap)
        return xapi_err_arg(err, ENOSPC, "cap",
                            "%zu records, room for %zu", need, cap);
    /* Second pass: the records, lengths known good. */
    need = 0;
    for (at = EXT_HDR_LEN; at < n;) {
        const unsigned char *obj = p + at;
        size_t olen = get16(obj);

        if (obj[2] == XAPI_ICMP_EXT_CLASS_MPLS && obj[3] == 1) {
            size_t e;

            /* RFC 4950 section 7: label 20 bits, EXP (TC) 3, S 1, TTL 8. */
            for (e = OBJ_HDR_LEN; e < olen; e += 4) {
                uint32_t w = get32(obj + e);
                xapi_value *v = &values[need++];

                record_init(v, obj, base + at);
                v->icmpext.label = (int)(w >> 12);
                v->icmpext.tc = (int)(w >> 9 & 7);
                v->icmpext.s = (int)(w >> 8 & 1);
                v->icmpext.ttl = (int)(w & 0xff);
            }
        } else {
            xapi_value *v = &values[need++];

            record_init(v, obj, base + at);
            if (obj[2] == XAPI_ICMP_EXT_CLASS_IFINFO &&
                parse_ifinfo(obj, olen, &v->icmpext, argname, err) < 0)
                return -1;
        }
        at += olen;
    }
    return 0;
}

/* The RFC 4884 length of an ICMP(v6) message in bytes (0: none), or -1. */
static int orig_len(int family, const unsigned char *p, size_t n,
                    size_t *out, xapi_error *err)
{
    size_t len;

    if (family != AF_INET && family != AF_INET6)
        return xapi_err_arg(err, EINVAL, "family",
                            "%d is neither AF_INET nor AF_INET6", family);
    if (p == NULL && n > 0)
        return xapi_err_arg(err, EINVAL, "icmp", "NULL with a length");
    *out = 0;
    if (n < 8)
        return xapi_err_arg(err, EINVAL, "icmp",
                            "%zu bytes cannot hold an ICMP header", n);
    if (family == AF_INET) {
        /* RFC 4884 section 4.1: Destination Unreachable (3), Time
         * Exceeded (11), Parameter Problem (12); octet 5, 32-bit words. */
        if (p[0] != 3 && p[0] != 11 && p[0] != 12)
            return 0;
        len = (size_t)p[5] * 4;
    } else {
        /* Section 4.2: Destination Unreachable (1), Time Exceeded (3);
         * octet 4, 64-bit words. */
        if (p[0] != 1 && p[0] != 3)
            return 0;
        len = (size_t)p[4] * 8;
    }
    if (len == 0)
        return 0;
    if (len < ORIG_MIN)
        return xapi_err_arg(err, EINVAL, "icmp",
                            "RFC 4884 length %zu octets is below the 128 "
                            "an extended message carries", len);
    if (len > n - 8 || n - 8 - len < EXT_HDR_LEN)
        return xapi_err_arg(err, EINVAL, "icmp",
                            "RFC 4884 length %zu octets leaves no extension "
                            "header in a %zu-byte message", len, n);
    *out = len;
    return 0;
}

int xapi_icmp_ext_offset(int family, const void *icmp, size_t icmplen,
                         xapi_error *err)
{
    size_t len;

    if (orig_len(family, icmp, icmplen, &len, err) < 0)
        return -1;
    return len ? (int)(8 + len) : 0;
}

int xapi_icmp_ext_parse(int family, const void *icmp, size_t icmplen,
                        xapi_value *values, size_t cap, size_t *count,
                        xapi_error *err)
{
    const unsigned char *p = icmp;
    size_t len;

    if (count == NULL || (values == NULL && cap > 0))
        return xapi_err_arg(err, EINVAL, count ? "values" : "count",
                            "NULL");
    *count = 0;
    if (orig_len(family, icmp, icmplen, &len, err) < 0)
        return -1;
    if (len == 0)
        return 0;
    return parse_struct(p + 8 + len, icmplen - 8 - len, 8 + len, values,
                        cap, count, "icmp", err);
}

int xapi_icmp_ext_parse_struct(const void *ext, size_t extlen,
                               xapi_value *values, size_t cap, size_t *count,
                               xapi_error *err)
{
    if (count == NULL || (values == NULL && cap > 0))
        return xapi_err_arg(err, EINVAL, count ? "values" : "count",
                            "NULL");
    *count = 0;
    if (ext == NULL && extlen > 0)
        return xapi_err_arg(err, EINVAL, "ext", "NULL with a length");
    return parse_struct(ext, extlen, 0, values, cap, count, "ext", err);
}

int xapi_icmp_ext_parse_errqueue(unsigned ee_data, const void *data,
                                 size_t datalen, xapi_value *values,
                                 size_t cap, size_t *count, xapi_error *err)
{
    struct sock_ee_data_rfc4884 r;
    uint32_t word = ee_data;
    const unsigned char *p = data;

    if (count == NULL || (values == NULL && cap > 0))
        return xapi_err_arg(err, EINVAL, count ? "values" : "count",
                            "NULL");
    *count = 0;
    if (data == NULL && datalen > 0)
        return xapi_err_arg(err, EINVAL, "data", "NULL with a length");
    /* ee_data and ee_rfc4884 share their four bytes (<linux/errqueue.h>):
     * read them as the struct, in whatever byte order the host has. */
    memcpy(&r, &word, sizeof(r));
    if (r.flags & SO_EE_RFC4884_FLAG_INVALID)
        return xapi_err_arg(err, EINVAL, "ee_data",
                            "the kernel found the extension structure "
                            "malformed (SO_EE_RFC4884_FLAG_INVALID)");
    if (r.len == 0)
        return 0;
    if (r.len > datalen)
        return xapi_err_arg(err, EINVAL, "ee_data",
                            "extension offset %u is past the %zu bytes read",
                            r.len, datalen);
    return parse_struct(p + r.len, datalen - r.len, r.len, values, cap,
                        count, "data", err);
}
