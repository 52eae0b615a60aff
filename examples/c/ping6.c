/*
 * ping6.c - ICMPv6 echo (RFC 4443 section 4) on a raw socket, with an
 * ICMPv6 filter (RFC 3542 section 3.2) that lets only echo replies in and
 * the hop limit of each reply read from its ancillary data (section 6).
 *
 *   usage: ping6 [-c COUNT] DEST
 *   $ sudo ip netns exec lab-a ./ping6 -c 2 2001:db8:2::2
 *   reply from 2001:db8:2::2: seq=1 hlim=63 time=0.081 ms
 *   reply from 2001:db8:2::2: seq=2 hlim=63 time=0.052 ms
 *
 * Exit status 0 when every request was answered, 1 otherwise, 2 for bad
 * usage.  Needs CAP_NET_RAW (raw sockets).  The kernel computes ICMPv6
 * checksums on raw ICMPv6 sockets (RFC 3542 section 3.1), so the request
 * goes out with a zero checksum field.
 */
#include "example.h"

#include <unistd.h>
#include <netinet/icmp6.h>

#define PROG "ping6"
#define WAIT_MS 2000

/* One echo request: type, code, checksum, identifier, sequence, then the
 * send time as payload so the reply carries it back. */
static int send_request(int fd, const xapi_addr *dest, uint16_t id,
                        uint16_t seq)
{
    unsigned char pkt[8 + sizeof(double)];
    double t = ex_now_ms();

    memset(pkt, 0, sizeof(pkt));
    pkt[0] = ICMP6_ECHO_REQUEST;
    pkt[4] = (unsigned char)(id >> 8);
    pkt[5] = (unsigned char)id;
    pkt[6] = (unsigned char)(seq >> 8);
    pkt[7] = (unsigned char)seq;
    memcpy(pkt + 8, &t, sizeof(t));
    return ex_send(fd, dest, pkt, sizeof(pkt), NULL, 0) < 0
               ? ex_fail(PROG, "sendmsg") : 0;
}

/* Waits for the reply to (id, seq); 1 and the line printed, 0 on timeout,
 * -1 on error.  Replies to other pings on the same host pass the filter
 * too (it filters by type only), so the identifier is checked. */
static int await_reply(int fd, uint16_t id, uint16_t seq)
{
    double deadline = ex_now_ms() + WAIT_MS;

    for (;;) {
        unsigned char pkt[1500];
        union {
            struct cmsghdr align;
            unsigned char buf[256];
        } control;
        struct iovec iov;
        char from[XAPI_ADDRSTRLEN];
        xapi_cmsg_iter it;
        xapi_cmsg c;
        xapi_msg m;
        double t0, left = deadline - ex_now_ms();
        int hlim = -1;

        if (left <= 0)
            return 0;
        if (ex_recv(fd, pkt, sizeof(pkt), control.buf, sizeof(control.buf),
                    0, (int)left + 1, &m, &iov) < 0)
            return errno == ETIMEDOUT ? 0 : ex_fail(PROG, "recvmsg");
        /* Check the length before reading any field of the reply. */
        if (m.datalen < 8 + sizeof(double) || pkt[0] != ICMP6_ECHO_REPLY ||
            ((pkt[4] << 8) | pkt[5]) != id || ((pkt[6] << 8) | pkt[7]) != seq)
            continue;
        memcpy(&t0, pkt + 8, sizeof(t0));
        xapi_cmsg_iter_init(&it, m.control, m.controllen);
        while (xapi_cmsg_next(&it, &c) == 1) {
            xapi_value v;

            if (xapi_cmsg_decode(&c, &v) == 0 && v.kind == XAPI_VALUE_INT &&
                c.level == IPPROTO_IPV6 && c.type == IPV6_HOPLIMIT)
                hlim = v.i;
        }
        if (xapi_addr_format(&m.addr, from, sizeof(from), NULL) < 0)
            return ex_fail(PROG, "address");
        printf("reply from %s: seq=%u hlim=%d time=%.3f ms\n", from, seq,
               hlim, ex_now_ms() - t0);
        fflush(stdout);
        return 1;
    }
}

int main(int argc, char **argv)
{
    long count = 3;
    xapi_addr dest;
    xapi_icmp6_filter filter;
    uint16_t id = (uint16_t)getpid();
    int fd, opt, answered = 0;

    while ((opt = getopt(argc, argv, "c:")) != -1) {
        if (opt == 'c' && (count = ex_number(optarg, 1, 65535)) > 0)
            continue;
        fprintf(stderr, "usage: %s [-c COUNT] DEST\n", PROG);
        return 2;
    }
    if (optind != argc - 1) {
        fprintf(stderr, "usage: %s [-c COUNT] DEST\n", PROG);
        return 2;
    }
    if (xapi_addr_parse(&dest, AF_INET6, argv[optind], 0, NULL) < 0) {
        fprintf(stderr, "%s: %s: not an IPv6 address\n", PROG, argv[optind]);
        return 2;
    }

    fd = xapi_socket(AF_INET6, SOCK_RAW, IPPROTO_ICMPV6);
    if (fd < 0)
        return ex_fail(PROG, "socket (raw sockets need CAP_NET_RAW)"), 1;
    /* Block everything, then let echo replies through.  On Linux a set
     * bit blocks; the functions hide which way round it is. */
    xapi_icmp6_filter_setblockall(&filter);
    if (xapi_icmp6_filter_setpass(ICMP6_ECHO_REPLY, &filter) < 0 ||
        xapi_icmp6_filter_set(fd, &filter) < 0 ||
        xapi_setsockopt_int(fd, IPPROTO_IPV6, IPV6_RECVHOPLIMIT, 1) < 0) {
        ex_fail(PROG, "socket options");
        xapi_close(fd);
        return 1;
    }

    for (long seq = 1; seq <= count; seq++) {
        int r;

        if (send_request(fd, &dest, id, (uint16_t)seq) < 0)
            break;
        r = await_reply(fd, id, (uint16_t)seq);
        if (r < 0)
            break;
        if (r == 0)
            printf("no reply to seq=%ld within %d ms\n", seq, WAIT_MS);
        answered += r;
    }
    xapi_close(fd);
    return answered == count ? 0 : 1;
}
