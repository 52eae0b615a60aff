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

#include "xapi.h"

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
