/*
 * items.c - typed views of ancillary items: hop limit, traffic class, TTL,
 * TOS and packet information, decoded from and encoded to the kernel's
 * payload layouts.
 */
#include <config.h>

#include <arpa/inet.h>
#include <limits.h>
#include <string.h>
#include <netinet/udp.h>
/* After <netinet/in.h>: IPV6_FLOWINFO is only in the kernel's header,
 * whose libc-compat guards skip what glibc already defined. */
#include <linux/in6.h>

#include "internal.h"

int xapi_decode_int(const void *buf, size_t len, int *out)
{
    /* The kernel's payload is an int; a long or a byte here is a bug in
     * the sender (RFC 3542 6.3 also says int), not something to guess. */
    if (buf == NULL || out == NULL || len != sizeof(int))
        return xapi_fail(EINVAL);
    memcpy(out, buf, sizeof(int));
    return 0;
}

int xapi_decode_tos(const void *buf, size_t len, int *out)
{
    int v;

    if (buf == NULL || out == NULL)
        return xapi_fail(EINVAL);
    if (len == 1) {
        /* What the kernel sends for IP_RECVTOS (ip_cmsg_recv_tos). */
        v = *(const unsigned char *)buf;
    } else if (len == sizeof(int)) {
        /* What senders use; the kernel accepts both for IP_TOS. */
        memcpy(&v, buf, sizeof(int));
        if (v < 0 || v > 255)
            return xapi_fail(EINVAL);
    } else {
        return xapi_fail(EINVAL);
    }
    *out = v;
    return 0;
}

int xapi_decode_in6_pktinfo(const void *buf, size_t len, xapi_pktinfo *out)
{
    struct in6_pktinfo pi;

    if (buf == NULL || out == NULL || len != sizeof(pi))
        return xapi_fail(EINVAL);
    memcpy(&pi, buf, sizeof(pi));
    /* Written in place, field by field: this runs once per received
     * datagram, so no temporary copy and no zeroing of the text arrays. */
    out->family = AF_INET6;
    out->ifindex = pi.ipi6_ifindex;
    out->spec_dst[0] = '\0';
    xapi_ntop6(&pi.ipi6_addr, out->addr);
    return 0;
}

int xapi_decode_in_pktinfo(const void *buf, size_t len, xapi_pktinfo *out)
{
    struct in_pktinfo pi;

    if (buf == NULL || out == NULL || len != sizeof(pi))
        return xapi_fail(EINVAL);
    memcpy(&pi, buf, sizeof(pi));
    if (pi.ipi_ifindex < 0)
        return xapi_fail(EINVAL);
    out->family = AF_INET;
    out->ifindex = (unsigned)pi.ipi_ifindex;
    xapi_ntop4(&pi.ipi_addr, out->addr);
    xapi_ntop4(&pi.ipi_spec_dst, out->spec_dst);
    return 0;
}

/* Output checks shared by the encoders: the value is validated first so a
 * bad value is EINVAL whatever the buffer. */
static int check_out(const void *out, size_t cap, const size_t *outlen,
                     size_t need)
{
    if ((out == NULL && cap > 0) || outlen == NULL)
        return xapi_fail(EINVAL);
    if (cap < need)
        return xapi_fail(ENOSPC);
    return 0;
}

int xapi_encode_int(int value, void *out, size_t cap, size_t *outlen)
{
    /* Every int item this encodes (IPV6_HOPLIMIT, IPV6_TCLASS, IP_TTL)
     * carries -1 ("the default") or a one-byte value; the kernel would
     * refuse anything else at send time, far from the mistake. */
    if (value < -1 || value > 255)
        return xapi_fail(EINVAL);
    if (check_out(out, cap, outlen, sizeof(value)) < 0)
        return -1;
    memcpy(out, &value, sizeof(value));
    *outlen = sizeof(value);
    return 0;
}

int xapi_encode_in6_pktinfo(const char *addr, unsigned ifindex, void *out,
                            size_t cap, size_t *outlen)
{
    struct in6_pktinfo pi;

    memset(&pi, 0, sizeof(pi));
    if (addr != NULL && addr[0] != '\0' &&
        inet_pton(AF_INET6, addr, &pi.ipi6_addr) != 1)
        return xapi_fail(EINVAL);
    pi.ipi6_ifindex = ifindex;
    if (check_out(out, cap, outlen, sizeof(pi)) < 0)
        return -1;
    memcpy(out, &pi, sizeof(pi));
    *outlen = sizeof(pi);
    return 0;
}

static int pton4_or_any(const char *text, struct in_addr *out)
{
    if (text == NULL || text[0] == '\0') {
        out->s_addr = htonl(INADDR_ANY);
        return 0;
    }
    return inet_pton(AF_INET, text, out) == 1 ? 0 : xapi_fail(EINVAL);
}

int xapi_encode_in_pktinfo(unsigned ifindex, const char *spec_dst,
                           const char *addr, void *out, size_t cap,
                           size_t *outlen)
{
    struct in_pktinfo pi;

    memset(&pi, 0, sizeof(pi));
    /* ipi_ifindex is a signed int in the ABI. */
    if (ifindex > INT_MAX)
        return xapi_fail(EINVAL);
    pi.ipi_ifindex = (int)ifindex;
    if (pton4_or_any(spec_dst, &pi.ipi_spec_dst) < 0 ||
        pton4_or_any(addr, &pi.ipi_addr) < 0)
        return -1;
    if (check_out(out, cap, outlen, sizeof(pi)) < 0)
        return -1;
    memcpy(out, &pi, sizeof(pi));
    *outlen = sizeof(pi);
    return 0;
}

/* ------------------------------------------------------------------ */
/* One table: (level, type) -> typed view                               */
/* ------------------------------------------------------------------ */

struct item_kind;
typedef int (*item_decoder)(const struct item_kind *k, const xapi_cmsg *c,
                            xapi_value *v);

struct item_kind {
    int level;
    int type;
    int kind;          /* enum xapi_value_kind */
    const char *name;  /* xapi_value.name */
    item_decoder decode;
    int min, max;      /* range of an XAPI_VALUE_INT */
};

static int decode_ranged_int(const struct item_kind *k, const xapi_cmsg *c,
                             xapi_value *v)
{
    int x;

    if (xapi_decode_int(c->data, c->len, &x) < 0)
        return -1;
    if (x < k->min || x > k->max)
        return xapi_fail(EINVAL);
    v->i = x;
    return 0;
}

static int decode_tos_item(const struct item_kind *k, const xapi_cmsg *c,
                           xapi_value *v)
{
    int x;

    (void)k;
    if (xapi_decode_tos(c->data, c->len, &x) < 0)
        return -1;
    v->i = x;
    return 0;
}

/* A __u32 payload, exactly four bytes. */
static int read_u32(const xapi_cmsg *c, uint32_t *x)
{
    if (c->len != sizeof(*x))
        return xapi_fail(EINVAL);
    memcpy(x, c->data, sizeof(*x));
    return 0;
}

/* SO_RXQ_OVFL: sock_recv_drops puts the socket's drop count as a __u32
 * (sk_drops, which wraps), so every value 0..UINT32_MAX is real: the
 * int64_t view keeps them all. */
static int decode_u32_item(const struct item_kind *k, const xapi_cmsg *c,
                           xapi_value *v)
{
    uint32_t x;

    (void)k;
    if (read_u32(c, &x) < 0)
        return -1;
    v->i = x;
    return 0;
}

/* IPV6_FLOWINFO: ip6_datagram_recv_specific_ctl puts the header's first
 * word masked with IPV6_FLOWINFO_MASK, in network order; the view is that
 * word in host order, so the version bits must be clear. */
static int decode_flowinfo_item(const struct item_kind *k, const xapi_cmsg *c,
                                xapi_value *v)
{
    uint32_t x;

    (void)k;
    if (read_u32(c, &x) < 0)
        return -1;
    x = ntohl(x);
    if (x > 0x0fffffffU)
        return xapi_fail(EINVAL);
    v->i = x;
    return 0;
}

/* IP_ORIGDSTADDR / IPV6_ORIGDSTADDR: a whole sockaddr_in / sockaddr_in6
 * of the item's own family (ip_cmsg_recv_dstaddr,
 * ip6_datagram_recv_specific_ctl). */
static int decode_origdst_item(const struct item_kind *k, const xapi_cmsg *c,
                               xapi_value *v)
{
    xapi_addr a;
    size_t want = k->level == IPPROTO_IP ? sizeof(struct sockaddr_in)
                                         : sizeof(struct sockaddr_in6);
    int family = k->level == IPPROTO_IP ? AF_INET : AF_INET6;

    if (c->len != want)
        return xapi_fail(EINVAL);
    memset(&a, 0, sizeof(a));
    memcpy(&a.ss, c->data, want);
    a.len = (socklen_t)want;
    if (a.ss.ss_family != family)
        return xapi_fail(EINVAL);
    /* The kernel zeroes sin6_flowinfo here; a stray one must not reach
     * the text as a "/flowinfo=" suffix. */
    if (family == AF_INET6)
        ((struct sockaddr_in6 *)&a.ss)->sin6_flowinfo = 0;
    return xapi_addr_format(&a, v->origdst.addr, sizeof(v->origdst.addr),
                            &v->origdst.port);
}

static int decode_pktinfo6(const struct item_kind *k, const xapi_cmsg *c,
                           xapi_value *v)
{
    (void)k;
    return xapi_decode_in6_pktinfo(c->data, c->len, &v->pktinfo);
}

static int decode_pktinfo4(const struct item_kind *k, const xapi_cmsg *c,
                           xapi_value *v)
{
    (void)k;
    return xapi_decode_in_pktinfo(c->data, c->len, &v->pktinfo);
}

static int decode_mtuinfo(const struct item_kind *k, const xapi_cmsg *c,
                          xapi_value *v)
{
    (void)k;
    return xapi_decode_ip6_mtuinfo(c->data, c->len, &v->mtuinfo);
}

static int decode_sock_err_item(const struct item_kind *k, const xapi_cmsg *c,
                                xapi_value *v)
{
    (void)k;
    return xapi_decode_sock_err(c->data, c->len, &v->sock_err);
}

/* Timestamps: min says the layout (0 the _OLD one of longs, 1 the 64-bit
 * _NEW one); the three shapes are decoded in timestamp.c. */
static int decode_timeval_item(const struct item_kind *k, const xapi_cmsg *c,
                               xapi_value *v)
{
    return xapi_decode_timeval(c->data, c->len, k->min, &v->timestamp);
}

static int decode_timespec_item(const struct item_kind *k,
                                const xapi_cmsg *c, xapi_value *v)
{
    return xapi_decode_timespec(c->data, c->len, k->min, &v->timestamp);
}

static int decode_timestamping_item(const struct item_kind *k,
                                    const xapi_cmsg *c, xapi_value *v)
{
    return xapi_decode_timestamping(c->data, c->len, k->min,
                                    &v->timestamping);
}

/* socket(7): SCM_TIMESTAMP is SO_TIMESTAMP and so on.  Kernels since 5.1
 * name both layouts; older headers only the one of longs. */
#if defined(SO_TIMESTAMP_OLD)
#define XAPI_SO_TIMESTAMP_OLD SO_TIMESTAMP_OLD
#define XAPI_SO_TIMESTAMPNS_OLD SO_TIMESTAMPNS_OLD
#define XAPI_SO_TIMESTAMPING_OLD SO_TIMESTAMPING_OLD
#elif defined(SO_TIMESTAMP)
#define XAPI_SO_TIMESTAMP_OLD SO_TIMESTAMP
#define XAPI_SO_TIMESTAMPNS_OLD SO_TIMESTAMPNS
#define XAPI_SO_TIMESTAMPING_OLD SO_TIMESTAMPING
#endif

static int decode_creds_item(const struct item_kind *k, const xapi_cmsg *c,
                             xapi_value *v)
{
    (void)k;
    return xapi_decode_creds_(c->data, c->len, &v->creds);
}

static int decode_fds_item(const struct item_kind *k, const xapi_cmsg *c,
                           xapi_value *v)
{
    (void)k;
    return xapi_decode_fds_(c->data, c->len, &v->fds);
}

static const struct item_kind item_kinds[] = {
    /* RFC 3542 section 6 */
    { IPPROTO_IPV6, IPV6_HOPLIMIT, XAPI_VALUE_INT, "hoplimit",
      decode_ranged_int, 0, 255 },
    { IPPROTO_IPV6, IPV6_TCLASS, XAPI_VALUE_INT, "tclass",
      decode_ranged_int, 0, 255 },
    { IPPROTO_IPV6, IPV6_PKTINFO, XAPI_VALUE_PKTINFO, "pktinfo",
      decode_pktinfo6, 0, 0 },
    /* IPv4 counterparts (ip(7)); a received TTL of 0 cannot happen. */
    { IPPROTO_IP, IP_TTL, XAPI_VALUE_INT, "ttl", decode_ranged_int, 1, 255 },
    { IPPROTO_IP, IP_TOS, XAPI_VALUE_INT, "tos", decode_tos_item, 0, 255 },
    { IPPROTO_IP, IP_PKTINFO, XAPI_VALUE_PKTINFO, "pktinfo",
      decode_pktinfo4, 0, 0 },
#if defined(SOL_UDP) && defined(UDP_GRO)
    /* udp(7): the kernel's udp_cmsg_recv puts the segment size as an int */
    { SOL_UDP, UDP_GRO, XAPI_VALUE_INT, "gro", decode_ranged_int, 1, 65535 },
#endif
#if defined(IPV6_RECVFRAGSIZE) && defined(IP_RECVFRAGSIZE)
    /* ipv6(7), ip(7): a datagram reassembled from fragments carries the
     * size of its largest fragment as an int (the kernel's frag_max_size,
     * a 16-bit count; never 0: unfragmented datagrams have no item). */
    { IPPROTO_IPV6, IPV6_RECVFRAGSIZE, XAPI_VALUE_INT, "fragsize",
      decode_ranged_int, 1, 65535 },
    { IPPROTO_IP, IP_RECVFRAGSIZE, XAPI_VALUE_INT, "fragsize",
      decode_ranged_int, 1, 65535 },
#endif
#ifdef SO_RXQ_OVFL
    /* socket(7): the drop counter, an unsigned 32-bit count */
    { SOL_SOCKET, SO_RXQ_OVFL, XAPI_VALUE_INT, "rxq_ovfl",
      decode_u32_item, 0, 0 },
#endif
    /* ipv6(7): traffic class and flow label of the received header */
    { IPPROTO_IPV6, IPV6_FLOWINFO, XAPI_VALUE_INT, "flowinfo",
      decode_flowinfo_item, 0, 0 },
#if defined(IP_ORIGDSTADDR) && defined(IPV6_ORIGDSTADDR)
    /* ip(7), ipv6(7): where the datagram was sent (TPROXY) */
    { IPPROTO_IP, IP_ORIGDSTADDR, XAPI_VALUE_ORIGDST, "origdst",
      decode_origdst_item, 0, 0 },
    { IPPROTO_IPV6, IPV6_ORIGDSTADDR, XAPI_VALUE_ORIGDST, "origdst",
      decode_origdst_item, 0, 0 },
#endif
    /* RFC 3542 section 11.3: struct ip6_mtuinfo */
    { IPPROTO_IPV6, IPV6_PATHMTU, XAPI_VALUE_MTUINFO, "pathmtu",
      decode_mtuinfo, 0, 0 },
    /* ip(7), ipv6(7): the error queue's struct sock_extended_err */
    { IPPROTO_IPV6, IPV6_RECVERR, XAPI_VALUE_SOCK_ERR, "sock_err",
      decode_sock_err_item, 0, 0 },
    { IPPROTO_IP, IP_RECVERR, XAPI_VALUE_SOCK_ERR, "sock_err",
      decode_sock_err_item, 0, 0 },
#ifdef XAPI_SO_TIMESTAMP_OLD
    /* socket(7), timestamping.rst: receive (and transmit) timestamps */
    { SOL_SOCKET, XAPI_SO_TIMESTAMP_OLD, XAPI_VALUE_TIMESTAMP, "timestamp",
      decode_timeval_item, 0, 0 },
    { SOL_SOCKET, XAPI_SO_TIMESTAMPNS_OLD, XAPI_VALUE_TIMESTAMP,
      "timestampns", decode_timespec_item, 0, 0 },
    { SOL_SOCKET, XAPI_SO_TIMESTAMPING_OLD, XAPI_VALUE_TIMESTAMPING,
      "timestamping", decode_timestamping_item, 0, 0 },
#endif
#ifdef SO_TIMESTAMP_NEW
    { SOL_SOCKET, SO_TIMESTAMP_NEW, XAPI_VALUE_TIMESTAMP, "timestamp",
      decode_timeval_item, 1, 0 },
    { SOL_SOCKET, SO_TIMESTAMPNS_NEW, XAPI_VALUE_TIMESTAMP, "timestampns",
      decode_timespec_item, 1, 0 },
    { SOL_SOCKET, SO_TIMESTAMPING_NEW, XAPI_VALUE_TIMESTAMPING,
      "timestamping", decode_timestamping_item, 1, 0 },
#endif
    /* unix(7): the sender's struct ucred (with SO_PASSCRED) and passed
     * descriptors */
    { SOL_SOCKET, SCM_CREDENTIALS, XAPI_VALUE_CREDS, "creds",
      decode_creds_item, 0, 0 },
    { SOL_SOCKET, SCM_RIGHTS, XAPI_VALUE_FDS, "fds", decode_fds_item, 0, 0 },
    /* Later items go here, one line each, with a decoder of their own
     * kind.  Routing and options headers (IPV6_RTHDR, IPV6_HOPOPTS,
     * IPV6_DSTOPTS) stay raw bytes: their parsers (inet6_rth_*,
     * inet6_opt_*) take the bytes. */
};

int xapi_cmsg_decode(const xapi_cmsg *c, xapi_value *v)
{
    size_t i;

    if (c == NULL || v == NULL || (c->data == NULL && c->len > 0))
        return xapi_fail(EINVAL);
    v->i = 0;
    for (i = 0; i < sizeof(item_kinds) / sizeof(item_kinds[0]); i++) {
        const struct item_kind *k = &item_kinds[i];

        if (k->level != c->level || k->type != c->type)
            continue;
        if (k->decode(k, c, v) < 0) {
            /* Leave no half-filled view behind: kind NONE says the
             * union holds nothing. */
            v->kind = XAPI_VALUE_NONE;
            v->name = NULL;
            v->i = 0;
            return xapi_fail(EINVAL);
        }
        v->kind = k->kind;
        v->name = k->name;
        return 0;
    }
    v->kind = XAPI_VALUE_NONE;
    v->name = NULL;
    return 0;
}

const char *xapi_view_name_at(size_t i)
{
    size_t n, j, seen = 0;

    /* Distinct names in table order: "pktinfo" and "fragsize" have a row
     * for each family. */
    for (n = 0; n < sizeof(item_kinds) / sizeof(item_kinds[0]); n++) {
        for (j = 0; j < n; j++)
            if (strcmp(item_kinds[j].name, item_kinds[n].name) == 0)
                break;
        if (j < n)
            continue;
        if (seen++ == i)
            return item_kinds[n].name;
    }
    return NULL;
}
