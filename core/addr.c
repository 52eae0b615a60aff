/*
 * addr.c - socket addresses to and from their text form.
 */
#include <config.h>

#include <arpa/inet.h>
#include <limits.h>
#include <net/if.h>
#include <linux/netlink.h>
#include <netpacket/packet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/un.h>

#include "internal.h"

#define XAPI_SUN_PATH_OFFSET offsetof(struct sockaddr_un, sun_path)
#define XAPI_SUN_PATH_MAX sizeof(((struct sockaddr_un *)0)->sun_path)

int xapi_copy_text(char *dst, size_t cap, const char *src)
{
    size_t n = strlen(src);

    if (dst == NULL || n >= cap)
        return xapi_fail(ENOSPC);
    memcpy(dst, src, n + 1);
    return 0;
}

static int is_all_digits(const char *s)
{
    if (*s == '\0')
        return 0;
    for (; *s != '\0'; s++)
        if (*s < '0' || *s > '9')
            return 0;
    return 1;
}

/* "%eth0" names an interface, "%2" is the index itself (RFC 4007 11.2). */
static int parse_scope(const char *scope, uint32_t *out, xapi_error *err)
{
    if (*scope == '\0')
        return xapi_err_arg(err, EINVAL, "host", "empty scope after '%%'");
    if (is_all_digits(scope)) {
        char *end;
        unsigned long v;

        errno = 0;
        v = strtoul(scope, &end, 10);
        if (errno != 0 || *end != '\0' || v > UINT32_MAX)
            return xapi_err_arg(err, EINVAL, "host",
                                "scope index %.20s is out of range", scope);
        *out = (uint32_t)v;
        return 0;
    }
    if (strlen(scope) >= IF_NAMESIZE)
        return xapi_err_arg(err, ENODEV, "host", "scope name too long for "
                            "an interface");
    *out = if_nametoindex(scope);
    if (*out == 0)
        return xapi_err_arg(err, ENODEV, "host", "no interface named '%s'",
                            scope);
    return 0;
}

static int parse_inet(xapi_addr *a, const char *host, unsigned port,
                      xapi_error *err)
{
    struct sockaddr_in *sin = (struct sockaddr_in *)&a->ss;

    sin->sin_family = AF_INET;
    sin->sin_port = htons((uint16_t)port);
    if (inet_pton(AF_INET, host, &sin->sin_addr) != 1)
        return xapi_err_arg(err, EINVAL, "host", "'%.60s' is not an IPv4 "
                            "address", host);
    a->len = sizeof(*sin);
    return 0;
}

/* "/flowinfo=N" after an IPv6 address (and its scope): sin6_flowinfo in
 * host order, at most the 28 bits the kernel keeps (IPV6_FLOWINFO_MASK:
 * traffic class and flow label). */
#define XAPI_FLOWINFO_SUFFIX "/flowinfo="
#define XAPI_FLOWINFO_MAX 0x0fffffffUL

static int parse_flowinfo(const char *suffix, uint32_t *out, xapi_error *err)
{
    const char *num;
    unsigned long v;
    char *end;

    if (strncmp(suffix, XAPI_FLOWINFO_SUFFIX,
                strlen(XAPI_FLOWINFO_SUFFIX)) != 0)
        return xapi_err_arg(err, EINVAL, "host", "'%.60s' after the IPv6 "
                            "address is not /flowinfo=N", suffix);
    num = suffix + strlen(XAPI_FLOWINFO_SUFFIX);
    /* strtoul would take a sign or blanks; the text form has neither. */
    if (*num < '0' || *num > '9')
        return xapi_err_arg(err, EINVAL, "host", "flowinfo '%.20s' is not "
                            "a number", num);
    errno = 0;
    v = strtoul(num, &end, 0);
    if (errno != 0 || *end != '\0' || v > XAPI_FLOWINFO_MAX)
        return xapi_err_arg(err, EINVAL, "host", "flowinfo '%.20s' is not "
                            "a number in 0..0x0fffffff", num);
    *out = htonl((uint32_t)v);
    return 0;
}

/* The address and its optional scope ("fe80::1%eth0"). */
static int parse_inet6_scoped(xapi_addr *a, const char *host, unsigned port,
                              xapi_error *err)
{
    struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)&a->ss;
    char text[INET6_ADDRSTRLEN];
    const char *pct = strchr(host, '%');
    size_t n = pct != NULL ? (size_t)(pct - host) : strlen(host);

    /* Longer than any IPv6 text form: cannot parse, and must not be
     * copied into text[]. */
    if (n >= sizeof(text))
        return xapi_err_arg(err, EINVAL, "host", "'%.60s...' is not an IPv6 "
                            "address", host);
    memcpy(text, host, n);
    text[n] = '\0';

    sin6->sin6_family = AF_INET6;
    sin6->sin6_port = htons((uint16_t)port);
    if (inet_pton(AF_INET6, text, &sin6->sin6_addr) != 1)
        return xapi_err_arg(err, EINVAL, "host", "'%.60s' is not an IPv6 "
                            "address", host);
    if (pct != NULL && parse_scope(pct + 1, &sin6->sin6_scope_id, err) < 0)
        return -1;
    a->len = sizeof(*sin6);
    return 0;
}

static int parse_inet6(xapi_addr *a, const char *host, unsigned port,
                       xapi_error *err)
{
    const char *slash = strchr(host, '/');
    char text[XAPI_ADDRSTRLEN];
    size_t n;

    /* Neither an IPv6 address nor an interface name holds a '/', so the
     * first one starts the flowinfo suffix. */
    if (slash == NULL)
        return parse_inet6_scoped(a, host, port, err);
    n = (size_t)(slash - host);
    if (n >= sizeof(text))
        return xapi_err_arg(err, EINVAL, "host", "'%.60s...' is not an IPv6 "
                            "address", host);
    memcpy(text, host, n);
    text[n] = '\0';
    if (parse_inet6_scoped(a, text, port, err) < 0)
        return -1;
    return parse_flowinfo(slash,
                          &((struct sockaddr_in6 *)&a->ss)->sin6_flowinfo,
                          err);
}

static int parse_unix(xapi_addr *a, const char *host, xapi_error *err)
{
    struct sockaddr_un *sun = (struct sockaddr_un *)&a->ss;
    size_t n = strlen(host);

    sun->sun_family = AF_UNIX;
    if (host[0] == '@') {
        /* Abstract names are counted, not terminated: the socklen is the
         * only thing that ends them, so it must not include padding. */
        if (n > XAPI_SUN_PATH_MAX)
            return xapi_err_arg(err, ENAMETOOLONG, "host", "abstract name "
                                "longer than %zu bytes",
                                XAPI_SUN_PATH_MAX - 1);
        sun->sun_path[0] = '\0';
        memcpy(sun->sun_path + 1, host + 1, n - 1);
        a->len = (socklen_t)(XAPI_SUN_PATH_OFFSET + n);
        return 0;
    }
    /* A path needs room for its NUL. */
    if (n >= XAPI_SUN_PATH_MAX)
        return xapi_err_arg(err, ENAMETOOLONG, "host", "path longer than "
                            "%zu bytes", XAPI_SUN_PATH_MAX - 1);
    memcpy(sun->sun_path, host, n + 1);
    /* "" is the unnamed address: the family alone. */
    a->len = (socklen_t)(XAPI_SUN_PATH_OFFSET + (n > 0 ? n + 1 : 0));
    return 0;
}

static int guess_family(const char *host)
{
    if (host[0] == '@' || host[0] == '/')
        return AF_UNIX;
    if (strchr(host, ':') != NULL)
        return AF_INET6;
    return AF_INET;
}

int xapi_addr_parse(xapi_addr *out, int family, const char *host,
                    unsigned port, xapi_error *err)
{
    xapi_addr a;
    int rc;

    if (out == NULL)
        return xapi_err_arg(err, EINVAL, "out", "NULL");
    if (host == NULL)
        return xapi_err_arg(err, EINVAL, "host", "NULL");
    if (family == AF_UNSPEC)
        family = guess_family(host);

    /* Build aside so that a failure leaves *out as it was. */
    memset(&a, 0, sizeof(a));
    switch (family) {
    case AF_INET:
    case AF_INET6:
        if (port > 65535)
            return xapi_err_arg(err, EINVAL, "port", "%u is out of range "
                                "0..65535", port);
        rc = family == AF_INET ? parse_inet(&a, host, port, err)
                               : parse_inet6(&a, host, port, err);
        break;
    case AF_UNIX:
        rc = parse_unix(&a, host, err);
        break;
    default:
        return xapi_err_arg(err, EAFNOSUPPORT, "family", "addresses of "
                            "family %d have no text form here", family);
    }
    if (rc < 0)
        return -1;
    *out = a;
    return 0;
}

static int format_inet6(const struct sockaddr_in6 *sin6, char *host,
                        size_t hostlen)
{
    char text[INET6_ADDRSTRLEN + 1 + IF_NAMESIZE + 10 +
              sizeof(XAPI_FLOWINFO_SUFFIX) + 10];
    char ifname[IF_NAMESIZE];
    /* The 28 bits the kernel uses (IPV6_FLOWINFO_MASK), so the text
     * always parses back. */
    uint32_t flowinfo = ntohl(sin6->sin6_flowinfo) & XAPI_FLOWINFO_MAX;
    size_t n;

    xapi_ntop6(&sin6->sin6_addr, text);
    if (sin6->sin6_scope_id != 0) {
        /* The name reads better and round-trips through parse_scope; the
         * number is the fallback for an interface that has gone. */
        int saved = errno;

        n = strlen(text);
        if (if_indextoname(sin6->sin6_scope_id, ifname) != NULL)
            snprintf(text + n, sizeof(text) - n, "%%%s", ifname);
        else
            snprintf(text + n, sizeof(text) - n, "%%%u",
                     (unsigned)sin6->sin6_scope_id);
        errno = saved;
    }
    if (flowinfo != 0) {
        /* Linux fills it in getpeername(2) of a socket with
         * IPV6_FLOWINFO_SEND set; parse_flowinfo reads it back. */
        n = strlen(text);
        snprintf(text + n, sizeof(text) - n, XAPI_FLOWINFO_SUFFIX "0x%05lx",
                 (unsigned long)flowinfo);
    }
    return xapi_copy_text(host, hostlen, text);
}

static int format_unix(const struct sockaddr_un *sun, socklen_t len,
                       char *host, size_t hostlen)
{
    size_t n = (size_t)len - XAPI_SUN_PATH_OFFSET;

    if (n == 0)
        return xapi_copy_text(host, hostlen, "");
    if (sun->sun_path[0] == '\0') {
        /* An abstract name holding a NUL has no text form; refusing is
         * better than handing back a different, shorter name. */
        if (memchr(sun->sun_path + 1, '\0', n - 1) != NULL)
            return xapi_fail(EINVAL);
        if (n + 1 > hostlen)
            return xapi_fail(ENOSPC);
        host[0] = '@';
        memcpy(host + 1, sun->sun_path + 1, n - 1);
        host[n] = '\0';
        return 0;
    }
    /* The kernel may or may not count the path's NUL in len. */
    n = strnlen(sun->sun_path, n);
    if (n + 1 > hostlen)
        return xapi_fail(ENOSPC);
    memcpy(host, sun->sun_path, n);
    host[n] = '\0';
    return 0;
}

int xapi_addr_format(const xapi_addr *a, char *host, size_t hostlen,
                     unsigned *port)
{
    unsigned p = 0;
    int rc;

    if (a == NULL || host == NULL || a->len > sizeof(a->ss))
        return xapi_fail(EINVAL);
    if (a->len == 0) {
        rc = xapi_copy_text(host, hostlen, "");
    } else if (a->len < sizeof(sa_family_t)) {
        return xapi_fail(EINVAL);
    } else {
        switch (a->ss.ss_family) {
        case AF_INET: {
            const struct sockaddr_in *sin = (const struct sockaddr_in *)&a->ss;
            char text[INET_ADDRSTRLEN];

            if (a->len < sizeof(*sin))
                return xapi_fail(EINVAL);
            xapi_ntop4(&sin->sin_addr, text);
            rc = xapi_copy_text(host, hostlen, text);
            p = ntohs(sin->sin_port);
            break;
        }
        case AF_INET6: {
            const struct sockaddr_in6 *sin6 =
                (const struct sockaddr_in6 *)&a->ss;

            if (a->len < sizeof(*sin6))
                return xapi_fail(EINVAL);
            rc = format_inet6(sin6, host, hostlen);
            p = ntohs(sin6->sin6_port);
            break;
        }
        case AF_UNIX:
            rc = format_unix((const struct sockaddr_un *)&a->ss, a->len, host,
                             hostlen);
            break;
        default:
            return xapi_fail(EAFNOSUPPORT);
        }
    }
    if (rc < 0)
        return -1;
    if (port != NULL)
        *port = p;
    return 0;
}

int xapi_addr_family(const xapi_addr *a)
{
    if (a == NULL || a->len < sizeof(sa_family_t))
        return AF_UNSPEC;
    return a->ss.ss_family;
}

/* AF_PACKET: the kernel gives offsetof(sll_addr) + sll_halen bytes from
 * getsockname and at least sizeof(struct sockaddr_ll) from recvmsg, with
 * hardware addresses longer than sll_addr's 8 bytes running past it.
 * sll_halen is believed only as far as the bytes received hold it. */
static int view_packet(const xapi_addr *a, size_t len, xapi_value *v)
{
    const size_t head = offsetof(struct sockaddr_ll, sll_addr);
    struct sockaddr_ll sll;
    const unsigned char *p = (const unsigned char *)&a->ss;

    if (len < head)
        return -1;
    memset(&sll, 0, sizeof(sll));
    memcpy(&sll, p, head);
    if (sll.sll_halen > XAPI_LINKADDR_MAX || head + sll.sll_halen > len)
        return -1;
    memset(v, 0, sizeof(*v));
    v->kind = XAPI_VALUE_LINKADDR;
    v->name = "linkaddr";
    v->linkaddr.ifindex = (unsigned)sll.sll_ifindex;
    v->linkaddr.protocol = ntohs(sll.sll_protocol);
    v->linkaddr.pkttype = sll.sll_pkttype;
    v->linkaddr.hatype = sll.sll_hatype;
    v->linkaddr.addrlen = sll.sll_halen;
    memcpy(v->linkaddr.addr, p + head, sll.sll_halen);
    return 0;
}

static int view_netlink(const xapi_addr *a, size_t len, xapi_value *v)
{
    struct sockaddr_nl nl;

    if (len < sizeof(nl))
        return -1;
    memcpy(&nl, &a->ss, sizeof(nl));
    memset(v, 0, sizeof(*v));
    v->kind = XAPI_VALUE_NLADDR;
    v->name = "nladdr";
    v->nladdr.pid = nl.nl_pid;
    v->nladdr.groups = nl.nl_groups;
    return 0;
}

int xapi_addr_view_of(const xapi_addr *a, xapi_addr_view *out)
{
    size_t len;
    int saved = errno;

    if (a == NULL || out == NULL)
        return xapi_fail(EINVAL);
    len = a->len < sizeof(a->ss) ? a->len : sizeof(a->ss);
    out->family = AF_UNSPEC;
    out->host[0] = '\0';
    out->port = 0;
    out->record.kind = XAPI_VALUE_NONE;
    out->record.name = NULL;
    out->bytes = (const unsigned char *)&a->ss;
    out->len = len;
    if (len == 0)
        return out->form = XAPI_ADDR_NONE;
    out->form = XAPI_ADDR_BYTES;
    if (len < sizeof(sa_family_t))
        return out->form;
    out->family = a->ss.ss_family;
    switch (out->family) {
    case AF_INET:
    case AF_INET6:
    case AF_UNIX: {
        xapi_addr whole = *a;

        whole.len = (socklen_t)len;
        /* The text forms refuse only what is malformed (too short, an
         * abstract name holding a NUL); such an address is still given,
         * as its bytes. */
        if (xapi_addr_format(&whole, out->host, sizeof(out->host),
                             &out->port) == 0)
            out->form = XAPI_ADDR_TEXT;
        else
            out->host[0] = '\0';
        break;
    }
    case AF_PACKET:
        if (view_packet(a, len, &out->record) == 0)
            out->form = XAPI_ADDR_RECORD;
        break;
    case AF_NETLINK:
        if (view_netlink(a, len, &out->record) == 0)
            out->form = XAPI_ADDR_RECORD;
        break;
    default:
        break;
    }
    errno = saved;
    return out->form;
}
