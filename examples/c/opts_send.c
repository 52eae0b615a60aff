/*
 * opts_send.c - Hop-by-Hop and Destination options headers (RFC 8200
 * section 4.3 and 4.6) built with the inet6_opt_* functions of RFC 3542
 * section 10, sent as ancillary data and read back by the receiver.
 *
 *   usage: opts_send send DEST PORT     a datagram with both headers
 *          opts_send recv PORT          print the options of one datagram
 *   $ sudo ip netns exec lab-b ./opts_send recv 7002 &
 *   $ sudo ip netns exec lab-a ./opts_send send 2001:db8:2::2 7002
 *   hopopts 05:0000
 *   dstopts 1e:78617069
 *
 * The hop-by-hop header carries a Router Alert (RFC 2711, value 0); the
 * destination options header one option of type 0x1e, an RFC 4727
 * experimental type whose top bits 00 say "skip if unrecognised", with 4
 * bytes of data.  Linux needs CAP_NET_RAW to send either header.
 */
#include "example.h"

#define PROG "opts_send"
#define WAIT_MS 5000
#define OPT_EXPERIMENTAL 0x1e

/* Builds the destination options header into buf: the RFC 3542 10.1
 * sequence, first without a buffer to learn the length. */
static int build_dstopts(unsigned char *buf, size_t cap, size_t *outlen)
{
    static const unsigned char value[4] = { 'x', 'a', 'p', 'i' };
    size_t dataoff;
    int len;

    len = xapi_inet6_opt_init(NULL, 0);
    len = xapi_inet6_opt_append(NULL, 0, len, OPT_EXPERIMENTAL,
                                sizeof(value), 1, NULL);
    len = xapi_inet6_opt_finish(NULL, 0, len);
    if (len < 0 || (size_t)len > cap)
        return -1;
    if (xapi_inet6_opt_init(buf, (size_t)len) < 0)
        return -1;
    int off = xapi_inet6_opt_append(buf, (size_t)len, 2, OPT_EXPERIMENTAL,
                                    sizeof(value), 1, &dataoff);
    if (off < 0 ||
        xapi_inet6_opt_set_val(buf + dataoff, sizeof(value), 0, value,
                               sizeof(value)) < 0 ||
        xapi_inet6_opt_finish(buf, (size_t)len, off) < 0)
        return -1;
    *outlen = (size_t)len;
    return 0;
}

static int do_send(const char *dest, unsigned port)
{
    union {
        struct cmsghdr align;
        unsigned char buf[256];
    } control;
    unsigned char hbh[8], dst[64];
    size_t hbhlen, dstlen, used = 0;
    xapi_addr to;
    int fd;

    if (xapi_inet6_opt_router_alert(0, hbh, sizeof(hbh), &hbhlen) < 0 ||
        build_dstopts(dst, sizeof(dst), &dstlen) < 0 ||
        xapi_cmsg_append(control.buf, sizeof(control.buf), &used,
                         IPPROTO_IPV6, IPV6_HOPOPTS, hbh, hbhlen) < 0 ||
        xapi_cmsg_append(control.buf, sizeof(control.buf), &used,
                         IPPROTO_IPV6, IPV6_DSTOPTS, dst, dstlen) < 0)
        return ex_fail(PROG, "building the headers"), 1;
    if (xapi_addr_parse(&to, AF_INET6, dest, port, NULL) < 0) {
        fprintf(stderr, "%s: %s: not an IPv6 address\n", PROG, dest);
        return 2;
    }
    fd = xapi_socket(AF_INET6, SOCK_DGRAM, 0);
    if (fd < 0)
        return ex_fail(PROG, "socket"), 1;
    if (ex_send(fd, &to, "with options", 12, control.buf, used) < 0) {
        ex_fail(PROG, "sendmsg (options headers need CAP_NET_RAW)");
        xapi_close(fd);
        return 1;
    }
    xapi_close(fd);
    return 0;
}

/* Prints "NAME TYPE:HEX ..." for every option of an options header,
 * Pad1 and PadN skipped; inet6_opt_next checks every length. */
static void print_options(const char *name, const xapi_cmsg *c)
{
    int off = 0, type;
    size_t len, dataoff;

    printf("%s", name);
    while ((off = xapi_inet6_opt_next(c->data, c->len, off, &type, &len,
                                      &dataoff)) >= 0) {
        char hex[2 * 255 + 1];

        ex_hex(c->data + dataoff, len, hex);
        printf(" %02x:%s", type, hex);
    }
    if (errno != ENOENT)
        printf(" (malformed: %s)", strerror(errno));
    printf("\n");
}

static int do_recv(unsigned port)
{
    char data[1500];
    union {
        struct cmsghdr align;
        unsigned char buf[1024];
    } control;
    struct iovec iov;
    xapi_cmsg_iter it;
    xapi_cmsg c;
    xapi_msg m;
    int fd, seen = 0;

    fd = xapi_socket(AF_INET6, SOCK_DGRAM, 0);
    if (fd < 0 || xapi_bind(fd, "::", port, NULL) < 0 ||
        xapi_setsockopt_int(fd, IPPROTO_IPV6, IPV6_RECVHOPOPTS, 1) < 0 ||
        xapi_setsockopt_int(fd, IPPROTO_IPV6, IPV6_RECVDSTOPTS, 1) < 0)
        return ex_fail(PROG, "socket"), 1;
    if (ex_recv(fd, data, sizeof(data), control.buf, sizeof(control.buf), 0,
                WAIT_MS, &m, &iov) < 0) {
        ex_fail(PROG, "receiving");
        xapi_close(fd);
        return 1;
    }
    xapi_cmsg_iter_init(&it, m.control, m.controllen);
    while (xapi_cmsg_next(&it, &c) == 1) {
        if (c.level != IPPROTO_IPV6)
            continue;
        if (c.type == IPV6_HOPOPTS)
            print_options("hopopts", &c), seen++;
        else if (c.type == IPV6_DSTOPTS)
            print_options("dstopts", &c), seen++;
    }
    xapi_close(fd);
    return seen == 2 ? 0 : 1;
}

int main(int argc, char **argv)
{
    long port;

    if (argc == 4 && strcmp(argv[1], "send") == 0 &&
        (port = ex_number(argv[3], 1, 65535)) > 0)
        return do_send(argv[2], (unsigned)port);
    if (argc == 3 && strcmp(argv[1], "recv") == 0 &&
        (port = ex_number(argv[2], 1, 65535)) > 0)
        return do_recv((unsigned)port);
    fprintf(stderr, "usage: %s send DEST PORT\n       %s recv PORT\n", PROG,
            PROG);
    return 2;
}
