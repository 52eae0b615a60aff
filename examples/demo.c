/*
 * demo.c - libxapi in C: one UDP datagram over IPv6 loopback carrying a
 * hop limit and a traffic class as ancillary data (RFC 3542 section 6),
 * received with the packet information, hop limit and traffic class the
 * kernel reports.
 *
 *   $ ./demo
 *   sent 12 bytes to ::1 port 40000 with hop limit 7, traffic class 0x28
 *   received 12 bytes "hello, ipv6!" from ::1 port 51234
 *     pktinfo: to ::1 on lo (ifindex 1)
 *     hop limit: 7
 *     traffic class: 0x28 (DSCP 10, ECN 0)
 */
/* struct in6_pktinfo and the RFC 3542 names are behind _GNU_SOURCE in glibc. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xapi.h"

static int fail(const char *what)
{
    fprintf(stderr, "demo: %s: %s\n", what, strerror(errno));
    return -1;
}

/* Appends one integer item (IPV6_HOPLIMIT, IPV6_TCLASS) to a control
 * buffer: the payload is an int, built by xapi's typed encoder. */
static int append_int_item(void *control, size_t cap, size_t *used,
                           int type, int value)
{
    unsigned char payload[sizeof(int)];
    size_t len;

    if (xapi_encode_int(value, payload, sizeof(payload), &len) < 0)
        return fail("xapi_encode_int");
    if (xapi_cmsg_append(control, cap, used, IPPROTO_IPV6, type, payload,
                         len) < 0)
        return fail("xapi_cmsg_append");
    return 0;
}

static int send_one(int fd, const xapi_addr *to, const char *text)
{
    /* Room for two int items: CMSG_SPACE(sizeof(int)) each.  A union keeps
     * the buffer aligned for struct cmsghdr. */
    union {
        struct cmsghdr align;
        unsigned char buf[64];
    } control;
    size_t used = 0;
    struct iovec iov;
    xapi_msg m;

    if (append_int_item(control.buf, sizeof(control.buf), &used,
                        IPV6_HOPLIMIT, 7) < 0 ||
        append_int_item(control.buf, sizeof(control.buf), &used,
                        IPV6_TCLASS, 0x28) < 0)
        return -1;

    iov.iov_base = (void *)text;
    iov.iov_len = strlen(text);
    memset(&m, 0, sizeof(m));
    m.addr = *to;
    m.iov = &iov;
    m.iovlen = 1;
    m.control = control.buf;
    m.controllen = used;
    if (xapi_sendmsg(fd, &m, 0) < 0)
        return fail("xapi_sendmsg");
    return (int)m.datalen;
}

static void print_item(const xapi_cmsg *c)
{
    xapi_value v;
    char ifname[IF_NAMESIZE];

    if (xapi_cmsg_decode(c, &v) < 0) {
        /* The kernel cuts the last item when the buffer is too small. */
        printf("  level %d type %d: malformed (%zu bytes)\n", c->level,
               c->type, c->len);
        return;
    }
    if (c->level == IPPROTO_IPV6 && c->type == IPV6_PKTINFO &&
        v.kind == XAPI_VALUE_PKTINFO) {
        if (xapi_if_indextoname(v.pktinfo.ifindex, ifname,
                                sizeof(ifname)) < 0)
            snprintf(ifname, sizeof(ifname), "?");
        printf("  pktinfo: to %s on %s (ifindex %u)\n", v.pktinfo.addr,
               ifname, v.pktinfo.ifindex);
    } else if (c->level == IPPROTO_IPV6 && c->type == IPV6_HOPLIMIT &&
               v.kind == XAPI_VALUE_INT) {
        printf("  hop limit: %d\n", (int)v.i);
    } else if (c->level == IPPROTO_IPV6 && c->type == IPV6_TCLASS &&
               v.kind == XAPI_VALUE_INT) {
        /* RFC 2474 / RFC 3168: DSCP is the upper six bits, ECN the lower
         * two. */
        /* v.i is 64 bits wide for unsigned 32-bit items; a traffic
         * class is 0..255. */
        int tc = (int)v.i;

        printf("  traffic class: 0x%02x (DSCP %d, ECN %d)\n", tc, tc >> 2,
               tc & 3);
    } else {
        printf("  level %d type %d: %zu bytes\n", c->level, c->type, c->len);
    }
}

static int receive_one(int fd)
{
    unsigned char data[256];
    /* CMSG_SPACE of an in6_pktinfo (20 bytes) and of two ints. */
    union {
        struct cmsghdr align;
        unsigned char buf[256];
    } control;
    size_t need = xapi_cmsg_space(sizeof(struct in6_pktinfo)) +
                  2 * xapi_cmsg_space(sizeof(int));
    struct iovec iov;
    struct pollfd p;
    xapi_msg m;
    xapi_cmsg_iter it;
    xapi_cmsg c;
    char host[XAPI_ADDRSTRLEN];
    unsigned port = 0;
    int r;

    if (need > sizeof(control.buf)) {
        fprintf(stderr, "demo: control buffer too small\n");
        return -1;
    }
    /* Loopback delivers at once; the timeout only guards a broken setup. */
    p.fd = fd;
    p.events = POLLIN;
    r = poll(&p, 1, 5000);
    if (r < 0)
        return fail("poll");
    if (r == 0) {
        fprintf(stderr, "demo: nothing arrived within 5 seconds\n");
        return -1;
    }

    iov.iov_base = data;
    iov.iov_len = sizeof(data);
    memset(&m, 0, sizeof(m));
    m.iov = &iov;
    m.iovlen = 1;
    m.control = control.buf;
    m.controllen = need;
    if (xapi_recvmsg(fd, &m, 0) < 0)
        return fail("xapi_recvmsg");
    if (xapi_addr_format(&m.addr, host, sizeof(host), &port) < 0)
        return fail("xapi_addr_format");
    printf("received %zu bytes \"%.*s\" from %s port %u%s\n", m.datalen,
           (int)xapi_msg_piece_len(&m, 0), (const char *)data, host, port,
           (m.flags & (MSG_TRUNC | MSG_CTRUNC)) ? " (truncated)" : "");

    xapi_cmsg_iter_init(&it, control.buf, m.controllen);
    while ((r = xapi_cmsg_next(&it, &c)) == 1)
        print_item(&c);
    if (r < 0)
        return fail("xapi_cmsg_next");
    return 0;
}

int main(void)
{
    static const char text[] = "hello, ipv6!";
    int rx = -1, tx = -1, status = EXIT_FAILURE;
    xapi_addr to;
    char host[XAPI_ADDRSTRLEN];
    unsigned port = 0;

    rx = xapi_socket(AF_INET6, SOCK_DGRAM, 0);
    tx = xapi_socket(AF_INET6, SOCK_DGRAM, 0);
    if (rx < 0 || tx < 0) {
        fail("xapi_socket");
        goto out;
    }
    /* Ask for the three items RFC 3542 section 6 describes. */
    if (xapi_setsockopt_int(rx, IPPROTO_IPV6, IPV6_RECVPKTINFO, 1) < 0 ||
        xapi_setsockopt_int(rx, IPPROTO_IPV6, IPV6_RECVHOPLIMIT, 1) < 0 ||
        xapi_setsockopt_int(rx, IPPROTO_IPV6, IPV6_RECVTCLASS, 1) < 0) {
        fail("xapi_setsockopt_int");
        goto out;
    }
    if (xapi_bind(rx, "::1", 0, NULL) < 0) {
        fail("xapi_bind ::1 (is IPv6 enabled on lo?)");
        goto out;
    }
    if (xapi_getsockname(rx, &to) < 0 ||
        xapi_addr_format(&to, host, sizeof(host), &port) < 0) {
        fail("xapi_getsockname");
        goto out;
    }
    if (send_one(tx, &to, text) < 0)
        goto out;
    printf("sent %zu bytes to %s port %u with hop limit 7, traffic class "
           "0x28\n", strlen(text), host, port);
    if (receive_one(rx) < 0)
        goto out;
    status = EXIT_SUCCESS;
out:
    if (rx >= 0)
        xapi_close(rx);
    if (tx >= 0)
        xapi_close(tx);
    return status;
}
