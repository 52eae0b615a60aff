/*
 * srh_send.c - a datagram through a Segment Routing Header (RFC 8754):
 * the sender lists the segments, the network follows them, the receiver
 * sees the header as an IPV6_RTHDR ancillary item (RFC 3542 section 7).
 *
 *   usage: srh_send send DEST VIA PORT [TEXT]     send one datagram
 *          srh_send recv PORT                     print one datagram's SRH
 *   $ sudo ip netns exec lab-b ./srh_send recv 7001 &
 *   $ sudo ip netns exec lab-a ./srh_send send 2001:db8:2::2 2001:db8:1::1 7001
 *   rthdr type 4 segments_left 0 segments 2001:db8:2::2,2001:db8:1::1
 *   data: through R
 *
 * Linux notes (docs/rfc3542-linux.md): an SRH is taken only as the sticky
 * IPV6_RTHDR socket option, not as an ancillary item (EINVAL); the kernel
 * then writes the datagram's destination into Segment List[0] and sends
 * the packet to Segment List[Segments Left].  The nodes on the way need
 * net.ipv6.conf.*.seg6_enabled=1 (the lab sets it).
 */
#include "example.h"

#include <arpa/inet.h>

#define PROG "srh_send"
#define WAIT_MS 5000

static int do_send(const char *dest, const char *via, unsigned port,
                   const char *text)
{
    xapi_srh_info info;
    unsigned char srh[8 + 2 * 16];
    size_t len;
    xapi_addr to;
    int fd;

    /* Wire order: Segment List[0] is the last segment (the destination),
     * Segment List[1] the first one to visit; Segments Left 1 points at
     * it. */
    memset(&info, 0, sizeof(info));
    info.nsegments = 2;
    info.segments_left = 1;
    if (inet_pton(AF_INET6, dest, &info.segments[0]) != 1 ||
        inet_pton(AF_INET6, via, &info.segments[1]) != 1) {
        fprintf(stderr, "%s: DEST and VIA must be IPv6 addresses\n", PROG);
        return 2;
    }
    if (xapi_srh_build(&info, NULL, 0, srh, sizeof(srh), &len) < 0)
        return ex_fail(PROG, "xapi_srh_build"), 1;

    fd = xapi_socket(AF_INET6, SOCK_DGRAM, 0);
    if (fd < 0)
        return ex_fail(PROG, "socket"), 1;
    if (xapi_setsockopt_bytes(fd, IPPROTO_IPV6, IPV6_RTHDR, srh, len) < 0 ||
        xapi_addr_parse(&to, AF_INET6, dest, port, NULL) < 0 ||
        ex_send(fd, &to, text, strlen(text), NULL, 0) < 0) {
        ex_fail(PROG, "sending through the SRH");
        xapi_close(fd);
        return 1;
    }
    xapi_close(fd);
    return 0;
}

static void print_rthdr(const xapi_cmsg *c)
{
    xapi_srh_info info;
    char text[XAPI_ADDRSTRLEN];

    if (c->len < 4) {
        printf("rthdr (truncated, %zu bytes)\n", c->len);
        return;
    }
    if (c->data[2] != 4 || xapi_srh_parse(c->data, c->len, &info) < 0) {
        /* Another routing type: the generic RFC 3542 calls still work. */
        int n = xapi_inet6_rth_segments(c->data, c->len);

        printf("rthdr type %d segments_left %d segments %d\n", c->data[2],
               c->data[3], n);
        return;
    }
    printf("rthdr type 4 segments_left %u segments ", info.segments_left);
    for (size_t i = 0; i < info.nsegments; i++) {
        inet_ntop(AF_INET6, &info.segments[i], text, sizeof(text));
        printf("%s%s", i ? "," : "", text);
    }
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
        xapi_setsockopt_int(fd, IPPROTO_IPV6, IPV6_RECVRTHDR, 1) < 0)
        return ex_fail(PROG, "socket"), 1;
    if (ex_recv(fd, data, sizeof(data) - 1, control.buf, sizeof(control.buf),
                0, WAIT_MS, &m, &iov) < 0) {
        ex_fail(PROG, "receiving");
        xapi_close(fd);
        return 1;
    }
    xapi_cmsg_iter_init(&it, m.control, m.controllen);
    while (xapi_cmsg_next(&it, &c) == 1) {
        if (c.level == IPPROTO_IPV6 && c.type == IPV6_RTHDR) {
            print_rthdr(&c);
            seen = 1;
        }
    }
    if (!seen)
        printf("no routing header\n");
    data[m.datalen] = '\0';
    printf("data: %s\n", data);
    xapi_close(fd);
    return seen ? 0 : 1;
}

int main(int argc, char **argv)
{
    long port;

    if (argc >= 5 && argc <= 6 && strcmp(argv[1], "send") == 0 &&
        (port = ex_number(argv[4], 1, 65535)) > 0)
        return do_send(argv[2], argv[3], (unsigned)port,
                       argc == 6 ? argv[5] : "through the SRH");
    if (argc == 3 && strcmp(argv[1], "recv") == 0 &&
        (port = ex_number(argv[2], 1, 65535)) > 0)
        return do_recv((unsigned)port);
    fprintf(stderr, "usage: %s send DEST VIA PORT [TEXT]\n"
                    "       %s recv PORT\n", PROG, PROG);
    return 2;
}
