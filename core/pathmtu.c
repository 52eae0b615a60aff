/*
 * pathmtu.c - path MTU information (RFC 3542 section 11) and the
 * IPV6_NEXTHOP payload.
 */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1 /* struct ip6_mtuinfo */
#endif
#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#include "internal.h"

int xapi_decode_ip6_mtuinfo(const void *buf, size_t len, xapi_mtuinfo *out)
{
    struct ip6_mtuinfo mi;

    if (buf == NULL || out == NULL || len != sizeof(mi)) {
        errno = EINVAL;
        return -1;
    }
    memcpy(&mi, buf, sizeof(mi)); /* the caller's buffer may be unaligned */

    xapi_mtuinfo r;
    memset(&r, 0, sizeof(r));
    if (mi.ip6m_addr.sin6_family == AF_INET6) {
        if (inet_ntop(AF_INET6, &mi.ip6m_addr.sin6_addr, r.addr,
                      sizeof(r.addr)) == NULL)
            return -1;
    } else if (mi.ip6m_addr.sin6_family != AF_UNSPEC) {
        errno = EINVAL;
        return -1;
    }
    r.ifindex = mi.ip6m_addr.sin6_scope_id;
    r.mtu = mi.ip6m_mtu;
    *out = r;
    return 0;
}

int xapi_get_pathmtu(int fd, xapi_mtuinfo *out)
{
    struct ip6_mtuinfo mi;
    socklen_t len = sizeof(mi);

    memset(&mi, 0, sizeof(mi));
    if (getsockopt(fd, IPPROTO_IPV6, IPV6_PATHMTU, &mi, &len) < 0)
        return -1;
    if (len != sizeof(mi)) {
        errno = EPROTO;
        return -1;
    }
    return xapi_decode_ip6_mtuinfo(&mi, sizeof(mi), out);
}

int xapi_encode_nexthop(const char *addr, void *out, size_t cap,
                        size_t *outlen)
{
    xapi_addr a;

    if (addr == NULL || out == NULL) {
        errno = EINVAL;
        return -1;
    }
    if (xapi_addr_parse(&a, AF_INET6, addr, 0, NULL) < 0)
        return -1;
    if (a.ss.ss_family != AF_INET6 || a.len != sizeof(struct sockaddr_in6)) {
        errno = EINVAL;
        return -1;
    }
    if (cap < sizeof(struct sockaddr_in6)) {
        errno = ENOSPC;
        return -1;
    }
    memcpy(out, &a.ss, sizeof(struct sockaddr_in6));
    if (outlen != NULL)
        *outlen = sizeof(struct sockaddr_in6);
    return 0;
}

/* ------------------------------------------------------------------ */
/* With an xapi_error (XAPI-RTH-WHOLE in xapi.h)                        */
/* ------------------------------------------------------------------ */

int xapi_mtuinfo_decode(const void *buf, size_t len, xapi_mtuinfo *mtu_out,
                        xapi_error *err)
{
    if (buf == NULL || len != sizeof(struct ip6_mtuinfo))
        return xapi_err_arg(err, EINVAL, "data", "%zu bytes, a struct "
                            "ip6_mtuinfo is %zu", buf == NULL ? 0 : len,
                            sizeof(struct ip6_mtuinfo));
    if (mtu_out == NULL)
        return xapi_err_arg(err, EINVAL, "mtu_out", "no output");
    if (xapi_decode_ip6_mtuinfo(buf, len, mtu_out) < 0)
        return xapi_err_arg(err, EINVAL, "data", "not a struct ip6_mtuinfo "
                            "(family AF_INET6 or 0)");
    return 0;
}

/* The sockaddr_in6 of addr, with the one wording of a bad address. */
static int sin6_from_text(const char *addr, struct sockaddr_in6 *s6,
                          xapi_error *err)
{
    size_t len = 0;

    if (addr == NULL)
        return xapi_err_arg(err, EINVAL, "addr", "no address");
    if (xapi_encode_nexthop(addr, s6, sizeof(*s6), &len) < 0)
        return xapi_err_arg(err, EINVAL, "addr", "'%.60s' is not an IPv6 "
                            "address: %s", addr, strerror(errno));
    return 0;
}

int xapi_mtuinfo_encode(const char *addr, unsigned mtu, void *out,
                        size_t cap, size_t *outlen, xapi_error *err)
{
    struct ip6_mtuinfo m;

    memset(&m, 0, sizeof(m));
    if (sin6_from_text(addr, &m.ip6m_addr, err) < 0)
        return -1;
    if (out == NULL || cap < sizeof(m))
        return xapi_err_arg(err, ENOSPC, "out", "%zu bytes are needed",
                            sizeof(m));
    m.ip6m_mtu = mtu;
    memcpy(out, &m, sizeof(m));
    if (outlen != NULL)
        *outlen = sizeof(m);
    return 0;
}

int xapi_nexthop(const char *addr, void *out, size_t cap, size_t *outlen,
                 xapi_error *err)
{
    struct sockaddr_in6 s6;

    if (sin6_from_text(addr, &s6, err) < 0)
        return -1;
    if (out == NULL || cap < sizeof(s6))
        return xapi_err_arg(err, ENOSPC, "out", "%zu bytes are needed",
                            sizeof(s6));
    memcpy(out, &s6, sizeof(s6));
    if (outlen != NULL)
        *outlen = sizeof(s6);
    return 0;
}

int xapi_nexthop_decode(const void *buf, size_t len, xapi_in6_text *addr_out,
                        unsigned *ifindex_out, xapi_error *err)
{
    struct sockaddr_in6 s6;

    if (buf == NULL || len != sizeof(s6))
        return xapi_err_arg(err, EINVAL, "data", "%zu bytes, a struct "
                            "sockaddr_in6 is %zu", buf == NULL ? 0 : len,
                            sizeof(s6));
    memcpy(&s6, buf, sizeof(s6));
    if (s6.sin6_family != AF_INET6)
        return xapi_err_arg(err, EINVAL, "data", "family %d is not "
                            "AF_INET6", (int)s6.sin6_family);
    if (addr_out == NULL || ifindex_out == NULL)
        return xapi_err_arg(err, EINVAL, "addr_out", "no output");
    xapi_ntop6(&s6.sin6_addr, addr_out->s);
    *ifindex_out = s6.sin6_scope_id;
    return 0;
}

int xapi_rfc3542_decode_int(const void *buf, size_t len, int *value,
                            xapi_error *err)
{
    int v;

    if (buf == NULL || len != sizeof(int))
        return xapi_err_arg(err, EINVAL, "data", "%zu bytes, not a %zu-byte "
                            "int", buf == NULL ? 0 : len, sizeof(int));
    memcpy(&v, buf, sizeof(v));
    if (v < -1 || v > 255)
        return xapi_err_arg(err, EINVAL, "data", "%d is not in -1..255", v);
    if (value == NULL)
        return xapi_err_arg(err, EINVAL, "value", "no output");
    *value = v;
    return 0;
}

int xapi_rfc3542_decode_pktinfo(const void *buf, size_t len,
                                xapi_in6_text *addr_out,
                                unsigned *ifindex_out, xapi_error *err)
{
    struct in6_pktinfo pi;

    if (buf == NULL || len != sizeof(pi))
        return xapi_err_arg(err, EINVAL, "data", "%zu bytes, a struct "
                            "in6_pktinfo is %zu", buf == NULL ? 0 : len,
                            sizeof(pi));
    if (addr_out == NULL || ifindex_out == NULL)
        return xapi_err_arg(err, EINVAL, "addr_out", "no output");
    memcpy(&pi, buf, sizeof(pi));
    xapi_ntop6(&pi.ipi6_addr, addr_out->s);
    *ifindex_out = pi.ipi6_ifindex;
    return 0;
}
