/*
 * flow.c - IPv6 flow label leases (IPV6_FLOWLABEL_MGR, ipv6(7)'s
 * struct in6_flowlabel_req): a socket that sends with IPV6_FLOWINFO_SEND
 * may only put a label it holds in sin6_flowinfo.
 */
#include <config.h>

#include <arpa/inet.h>
#include <string.h>
/* After <netinet/in.h>, which <arpa/inet.h> brings: the request and its
 * action, flag and share names are only in the kernel's header. */
#include <linux/in6.h>

#include "internal.h"

#define XAPI_FLOWLABEL_MAX 0xfffffU /* 20 bits (IPV6_FLOWINFO_FLOWLABEL) */

static int check_label(unsigned label, xapi_error *err)
{
    if (label > XAPI_FLOWLABEL_MAX)
        return xapi_err_arg(err, EINVAL, "label", "%u is not a 20-bit flow "
                            "label (0..0xfffff)", label);
    return 0;
}

int xapi_flowlabel_lease(int fd, const char *host, unsigned label, int share,
                         xapi_error *err)
{
    struct in6_flowlabel_req req;
    xapi_addr a;

    if (check_label(label, err) < 0)
        return -1;
    switch (share) {
    case IPV6_FL_S_EXCL:
    case IPV6_FL_S_PROCESS:
    case IPV6_FL_S_USER:
    case IPV6_FL_S_ANY:
        break;
    default:
        /* IPV6_FL_S_NONE is the kernel's "no sharing, needs
         * CAP_NET_ADMIN" form for labels it hands out itself. */
        return xapi_err_arg(err, EINVAL, "share", "%d is not one of "
                            "IPV6_FL_S_EXCL, _PROCESS, _USER, _ANY", share);
    }
    /* fl_create refuses the unspecified and v4-mapped destinations
     * with a bare EINVAL: name the argument instead. */
    if (host == NULL || host[0] == '\0')
        return xapi_err_arg(err, EINVAL, "host", "a destination address is "
                            "required");
    if (xapi_addr_parse(&a, AF_INET6, host, 0, err) < 0)
        return -1;
    memset(&req, 0, sizeof(req));
    req.flr_dst = ((const struct sockaddr_in6 *)&a.ss)->sin6_addr;
    if (IN6_IS_ADDR_UNSPECIFIED(&req.flr_dst) ||
        IN6_IS_ADDR_V4MAPPED(&req.flr_dst))
        return xapi_err_arg(err, EINVAL, "host", "'%.60s' is not a unicast "
                            "IPv6 destination", host);
    req.flr_label = htonl(label);
    req.flr_action = IPV6_FL_A_GET;
    req.flr_share = (__u8)share;
    req.flr_flags = IPV6_FL_F_CREATE;
    if (setsockopt(fd, IPPROTO_IPV6, IPV6_FLOWLABEL_MGR, &req,
                   sizeof(req)) < 0)
        return xapi_err_errno(err);
    /* For label 0 the kernel picked one and wrote it back into
     * flr_label (ipv6_flowlabel_get copies it to the caller's request). */
    label = ntohl(req.flr_label);
    if (label == 0 || label > XAPI_FLOWLABEL_MAX)
        return xapi_err_sys(err, EPROTO, "the kernel reported no label");
    return (int)label;
}

int xapi_flowlabel_release(int fd, unsigned label, xapi_error *err)
{
    struct in6_flowlabel_req req;

    if (check_label(label, err) < 0)
        return -1;
    memset(&req, 0, sizeof(req));
    req.flr_label = htonl(label);
    req.flr_action = IPV6_FL_A_PUT;
    if (setsockopt(fd, IPPROTO_IPV6, IPV6_FLOWLABEL_MGR, &req,
                   sizeof(req)) < 0)
        return xapi_err_errno(err);
    return 0;
}
