/*
 * mcast.c - multicast membership and sending options (RFC 3678's
 * protocol-independent calls, RFC 3493's IPV6_MULTICAST_*, IPv4's
 * IP_MULTICAST_*), taking address text and an interface name or index
 * so that no caller ever packs a struct group_req by hand.
 *
 * The option level follows the GROUP's family (IPPROTO_IP for an IPv4
 * group, IPPROTO_IPV6 for an IPv6 one), as Linux wants: it refuses an
 * AF_INET group at IPPROTO_IPV6 (EADDRNOTAVAIL) and takes IPPROTO_IP
 * memberships on IPv6 sockets for v4-mapped traffic.  The sending options
 * follow the SOCKET's family, since they shape what that socket sends.
 */
#include <config.h>

#include <arpa/inet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>

#include "internal.h"

/* The group's or source's text as an address of family AF_INET or
 * AF_INET6; an error names argname.  A scope ("ff02::1%eth0") is kept in
 * sin6_scope_id. */
static int parse_ip(const char *text, const char *argname, xapi_addr *out,
                    xapi_error *err)
{
    int fam;

    if (text == NULL || *text == '\0')
        return xapi_err_arg(err, EINVAL, argname, "is empty");
    /* Only IP text here: '/' or '@' would be read as a unix path. */
    if (text[0] == '/' || text[0] == '@')
        return xapi_err_arg(err, EINVAL, argname,
                            "'%.60s' is not an IPv4 or IPv6 address", text);
    if (xapi_addr_parse(out, AF_UNSPEC, text, 0, err) < 0) {
        if (err != NULL && err->arg != NULL)
            err->arg = argname; /* the parser calls every address "host" */
        return -1;
    }
    fam = xapi_addr_family(out);
    if (fam != AF_INET && fam != AF_INET6)
        return xapi_err_arg(err, EINVAL, argname,
                            "'%.60s' is not an IPv4 or IPv6 address", text);
    return 0;
}

static int is_multicast(const xapi_addr *a)
{
    if (a->ss.ss_family == AF_INET) {
        const struct sockaddr_in *sin = (const void *)&a->ss;
        return IN_MULTICAST(ntohl(sin->sin_addr.s_addr));
    }
    const struct sockaddr_in6 *sin6 = (const void *)&a->ss;
    return IN6_IS_ADDR_MULTICAST(&sin6->sin6_addr);
}

static int is_unspecified(const xapi_addr *a)
{
    if (a->ss.ss_family == AF_INET) {
        const struct sockaddr_in *sin = (const void *)&a->ss;
        return sin->sin_addr.s_addr == htonl(INADDR_ANY);
    }
    const struct sockaddr_in6 *sin6 = (const void *)&a->ss;
    return IN6_IS_ADDR_UNSPECIFIED(&sin6->sin6_addr);
}

/* An interface as text: a name ("eth0"), an index ("2"), or NULL/""
 * for 0, the kernel's choice.  A name is looked up with SIOCGIFINDEX on
 * fd itself, so it is found in the socket's own network namespace (which
 * need not be the caller's: xapi_socket_netns).  Errors name "ifname". */
static int parse_ifname(int fd, const char *ifname, unsigned *index,
                        xapi_error *err)
{
    struct ifreq ifr;
    size_t len;

    *index = 0;
    if (ifname == NULL || *ifname == '\0')
        return 0; /* the kernel's choice (its routing table) */
    len = strlen(ifname);
    if (strspn(ifname, "0123456789") == len) {
        char *end;
        unsigned long v;

        errno = 0;
        v = strtoul(ifname, &end, 10);
        if (errno != 0 || *end != '\0' || len > 10 || v > INT_MAX)
            return xapi_err_arg(err, EINVAL, "ifname",
                                "index %.20s is out of range", ifname);
        *index = (unsigned)v;
        return 0;
    }
    if (len >= IF_NAMESIZE)
        return xapi_err_arg(err, EINVAL, "ifname",
                            "'%.40s' is longer than an interface name "
                            "(%d bytes)", ifname, IF_NAMESIZE - 1);
    memset(&ifr, 0, sizeof ifr);
    memcpy(ifr.ifr_name, ifname, len);
    if (ioctl(fd, SIOCGIFINDEX, &ifr) < 0) {
        if (errno == ENODEV)
            /* ENODEV, as an unknown scope name in address text gives. */
            return xapi_err_arg(err, ENODEV, "ifname",
                                "no interface named '%s'", ifname);
        return xapi_err_errno(err); /* EBADF, ENOTSOCK: the socket's */
    }
    if (ifr.ifr_ifindex <= 0)
        return xapi_err_sys(err, EPROTO, "the kernel gave index %d for '%s'",
                            ifr.ifr_ifindex, ifname);
    *index = (unsigned)ifr.ifr_ifindex;
    return 0;
}

enum mcast_op { OP_JOIN, OP_LEAVE, OP_BLOCK, OP_UNBLOCK };

static int membership(int fd, enum mcast_op op, const char *group,
                      const char *ifname, const char *source,
                      xapi_error *err)
{
    xapi_addr g, s;
    unsigned index;
    int have_source = source != NULL && *source != '\0';
    int level, name;

    if (parse_ip(group, "group", &g, err) < 0)
        return -1;
    if (!is_multicast(&g))
        return xapi_err_arg(err, EINVAL, "group",
                            "'%.60s' is not a multicast address", group);
    if (parse_ifname(fd, ifname, &index, err) < 0)
        return -1;
    /* No interface given: a scope in the group text ("ff02::1%eth0")
     * says which. */
    if (index == 0 && g.ss.ss_family == AF_INET6)
        index = ((const struct sockaddr_in6 *)(const void *)&g.ss)
                    ->sin6_scope_id;
    if ((op == OP_BLOCK || op == OP_UNBLOCK) && !have_source)
        return xapi_err_arg(err, EINVAL, "source", "is needed to %s a source",
                            op == OP_BLOCK ? "block" : "unblock");
    if (have_source) {
        if (parse_ip(source, "source", &s, err) < 0)
            return -1;
        if (s.ss.ss_family != g.ss.ss_family)
            return xapi_err_arg(err, EINVAL, "source",
                                "'%.60s' is not of the group's family (%s)",
                                source,
                                g.ss.ss_family == AF_INET ? "IPv4" : "IPv6");
        if (is_multicast(&s) || is_unspecified(&s))
            return xapi_err_arg(err, EINVAL, "source",
                                "'%.60s' is not a unicast address", source);
    }

    level = g.ss.ss_family == AF_INET ? IPPROTO_IP : IPPROTO_IPV6;
    if (!have_source) {
        struct group_req req;

        memset(&req, 0, sizeof req);
        req.gr_interface = index;
        memcpy(&req.gr_group, &g.ss, g.len);
        name = op == OP_JOIN ? MCAST_JOIN_GROUP : MCAST_LEAVE_GROUP;
        if (setsockopt(fd, level, name, &req, sizeof req) < 0)
            return xapi_err_errno(err);
        return 0;
    }
    struct group_source_req req;

    memset(&req, 0, sizeof req);
    req.gsr_interface = index;
    memcpy(&req.gsr_group, &g.ss, g.len);
    memcpy(&req.gsr_source, &s.ss, s.len);
    switch (op) {
    case OP_JOIN: name = MCAST_JOIN_SOURCE_GROUP; break;
    case OP_LEAVE: name = MCAST_LEAVE_SOURCE_GROUP; break;
    case OP_BLOCK: name = MCAST_BLOCK_SOURCE; break;
    default: name = MCAST_UNBLOCK_SOURCE; break;
    }
    if (setsockopt(fd, level, name, &req, sizeof req) < 0)
        return xapi_err_errno(err);
    return 0;
}

int xapi_mcast_join(int fd, const char *group, const char *ifname,
                    const char *source, xapi_error *err)
{
    return membership(fd, OP_JOIN, group, ifname, source, err);
}

int xapi_mcast_leave(int fd, const char *group, const char *ifname,
                     const char *source, xapi_error *err)
{
    return membership(fd, OP_LEAVE, group, ifname, source, err);
}

int xapi_mcast_block(int fd, const char *group, const char *ifname,
                     const char *source, xapi_error *err)
{
    return membership(fd, OP_BLOCK, group, ifname, source, err);
}

int xapi_mcast_unblock(int fd, const char *group, const char *ifname,
                       const char *source, xapi_error *err)
{
    return membership(fd, OP_UNBLOCK, group, ifname, source, err);
}

/* The socket's family, AF_INET or AF_INET6 (EAFNOSUPPORT otherwise). */
static int ip_family(int fd, xapi_error *err)
{
    int fam = xapi_socket_family(fd);

    if (fam < 0)
        return xapi_err_errno(err);
    if (fam != AF_INET && fam != AF_INET6)
        return xapi_err_sys(err, EAFNOSUPPORT,
                            "multicast needs an IPv4 or IPv6 socket");
    return fam;
}

static int set_int(int fd, int level, int name, int value, xapi_error *err)
{
    if (setsockopt(fd, level, name, &value, sizeof value) < 0)
        return xapi_err_errno(err);
    return 0;
}

static int get_int(int fd, int level, int name, int *value, xapi_error *err)
{
    int v = 0;
    socklen_t len = sizeof v;

    if (value == NULL)
        return xapi_err_arg(err, EINVAL, "value", "is NULL");
    if (getsockopt(fd, level, name, &v, &len) < 0)
        return xapi_err_errno(err);
    /* IPv4 may answer in one byte to a short buffer; ours is an int, so
     * anything else is a kernel this code does not know. */
    if (len != sizeof v)
        return xapi_err_sys(err, EPROTO, "the kernel gave %u bytes for an int",
                            (unsigned)len);
    *value = v;
    return 0;
}

int xapi_mcast_set_if(int fd, const char *ifname, xapi_error *err)
{
    unsigned index;
    int fam = ip_family(fd, err);

    if (fam < 0)
        return -1;
    if (parse_ifname(fd, ifname, &index, err) < 0)
        return -1;
    if (fam == AF_INET6)
        return set_int(fd, IPPROTO_IPV6, IPV6_MULTICAST_IF, (int)index, err);
    struct ip_mreqn mreqn;

    memset(&mreqn, 0, sizeof mreqn);
    mreqn.imr_ifindex = (int)index;
    if (setsockopt(fd, IPPROTO_IP, IP_MULTICAST_IF, &mreqn, sizeof mreqn) < 0)
        return xapi_err_errno(err);
    return 0;
}

int xapi_mcast_set_hops(int fd, int hops, xapi_error *err)
{
    int fam = ip_family(fd, err);

    if (fam < 0)
        return -1;
    if (hops < -1 || hops > 255)
        return xapi_err_arg(err, EINVAL, "hops",
                            "%d is not -1 (the default) or 0..255", hops);
    if (fam == AF_INET6)
        return set_int(fd, IPPROTO_IPV6, IPV6_MULTICAST_HOPS, hops, err);
    /* Linux reads -1 for IP_MULTICAST_TTL as 1, its default. */
    return set_int(fd, IPPROTO_IP, IP_MULTICAST_TTL, hops, err);
}

int xapi_mcast_get_hops(int fd, int *value, xapi_error *err)
{
    int fam = ip_family(fd, err);

    if (fam < 0)
        return -1;
    if (fam == AF_INET6)
        return get_int(fd, IPPROTO_IPV6, IPV6_MULTICAST_HOPS, value, err);
    return get_int(fd, IPPROTO_IP, IP_MULTICAST_TTL, value, err);
}

int xapi_mcast_set_loop(int fd, int loop, xapi_error *err)
{
    int fam = ip_family(fd, err);

    if (fam < 0)
        return -1;
    if (loop != 0 && loop != 1)
        return xapi_err_arg(err, EINVAL, "loop", "%d is not 0 or 1", loop);
    if (fam == AF_INET6)
        return set_int(fd, IPPROTO_IPV6, IPV6_MULTICAST_LOOP, loop, err);
    return set_int(fd, IPPROTO_IP, IP_MULTICAST_LOOP, loop, err);
}

int xapi_mcast_get_loop(int fd, int *value, xapi_error *err)
{
    int fam = ip_family(fd, err);

    if (fam < 0)
        return -1;
    if (fam == AF_INET6)
        return get_int(fd, IPPROTO_IPV6, IPV6_MULTICAST_LOOP, value, err);
    return get_int(fd, IPPROTO_IP, IP_MULTICAST_LOOP, value, err);
}
