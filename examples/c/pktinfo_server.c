/*
 * pktinfo_server.c - a UDP server that answers every query from the
 * address the query was sent to: the classic multi-homed server problem.
 * A socket bound to :: would otherwise answer from whatever source the
 * routing table picks, and clients that sent to another address of the
 * host drop the answer.  RFC 3542 section 6: IPV6_RECVPKTINFO tells the
 * server the destination address and interface of each query; the same
 * struct in6_pktinfo sent back as an IPV6_PKTINFO item sets the answer's
 * source.
 *
 *   usage: pktinfo_server [-p PORT] [-n COUNT]          serve
 *          pktinfo_server -q SERVER [-p PORT] TEXT      ask once
 *   $ sudo ip netns exec lab-b ./pktinfo_server -p 7000 -n 1
 *   query from 2001:db8:1::2 to 2001:db8:2::3 ifindex 32
 *   $ sudo ip netns exec lab-a ./pktinfo_server -q 2001:db8:2::3 -p 7000 hi
 *   answer from 2001:db8:2::3: hi
 */
#include "example.h"

#include <unistd.h>

#define PROG "pktinfo_server"
#define WAIT_MS 5000

static int serve_one(int fd)
{
    char data[1500], src[XAPI_ADDRSTRLEN];
    union {
        struct cmsghdr align;
        unsigned char buf[128];
    } in, out;
    struct iovec iov;
    xapi_pktinfo dst;
    xapi_cmsg_iter it;
    xapi_cmsg c;
    xapi_msg m;
    size_t used = 0, len;
    unsigned char payload[64];
    int have_dst = 0;

    if (ex_recv(fd, data, sizeof(data), in.buf, sizeof(in.buf), 0, -1, &m,
                &iov) < 0)
        return ex_fail(PROG, "recvmsg");
    xapi_cmsg_iter_init(&it, m.control, m.controllen);
    while (xapi_cmsg_next(&it, &c) == 1) {
        xapi_value v;

        if (xapi_cmsg_decode(&c, &v) == 0 && v.kind == XAPI_VALUE_PKTINFO) {
            dst = v.pktinfo;
            have_dst = 1;
        }
    }
    if (!have_dst || xapi_addr_format(&m.addr, src, sizeof(src), NULL) < 0) {
        errno = EPROTO;
        return ex_fail(PROG, "query without packet information");
    }
    printf("query from %s to %s ifindex %u\n", src, dst.addr, dst.ifindex);
    fflush(stdout);

    /* The answer: the query's bytes, from the address they came to. */
    if (xapi_encode_in6_pktinfo(dst.addr, dst.ifindex, payload,
                                sizeof(payload), &len) < 0 ||
        xapi_cmsg_append(out.buf, sizeof(out.buf), &used, IPPROTO_IPV6,
                         IPV6_PKTINFO, payload, len) < 0)
        return ex_fail(PROG, "pktinfo item");
    if (ex_send(fd, &m.addr, data, m.datalen, out.buf, used) < 0)
        return ex_fail(PROG, "sendmsg");
    return 0;
}

static int ask(const char *server, unsigned port, const char *text)
{
    char answer[1500], from[XAPI_ADDRSTRLEN];
    struct iovec iov;
    xapi_msg m;
    int fd = xapi_socket(AF_INET6, SOCK_DGRAM, 0), r = 1;

    if (fd < 0)
        return ex_fail(PROG, "socket"), 1;
    memset(&m, 0, sizeof(m));
    if (xapi_addr_parse(&m.addr, AF_INET6, server, port, NULL) < 0) {
        fprintf(stderr, "%s: %s: not an IPv6 address\n", PROG, server);
        xapi_close(fd);
        return 2;
    }
    if (ex_send(fd, &m.addr, text, strlen(text), NULL, 0) < 0) {
        ex_fail(PROG, "sendmsg");
    } else if (ex_recv(fd, answer, sizeof(answer) - 1, NULL, 0, 0, WAIT_MS,
                       &m, &iov) < 0 ||
               xapi_addr_format(&m.addr, from, sizeof(from), NULL) < 0) {
        ex_fail(PROG, "no answer");
    } else {
        answer[m.datalen] = '\0';
        printf("answer from %s: %s\n", from, answer);
        r = 0;
    }
    xapi_close(fd);
    return r;
}

int main(int argc, char **argv)
{
    long port = 7000, count = -1;
    const char *server = NULL;
    int fd, opt;

    while ((opt = getopt(argc, argv, "p:n:q:")) != -1) {
        if (opt == 'p' && (port = ex_number(optarg, 1, 65535)) > 0)
            continue;
        if (opt == 'n' && (count = ex_number(optarg, 1, 1000000)) > 0)
            continue;
        if (opt == 'q') {
            server = optarg;
            continue;
        }
        goto usage;
    }
    if (server != NULL) {
        if (optind != argc - 1)
            goto usage;
        return ask(server, (unsigned)port, argv[optind]);
    }
    if (optind != argc)
        goto usage;

    fd = xapi_socket(AF_INET6, SOCK_DGRAM, 0);
    if (fd < 0 || xapi_bind(fd, "::", (unsigned)port, NULL) < 0 ||
        xapi_setsockopt_int(fd, IPPROTO_IPV6, IPV6_RECVPKTINFO, 1) < 0)
        return ex_fail(PROG, "socket"), 1;
    for (long n = 0; count < 0 || n < count; n++)
        if (serve_one(fd) < 0) {
            xapi_close(fd);
            return 1;
        }
    xapi_close(fd);
    return 0;

usage:
    fprintf(stderr, "usage: %s [-p PORT] [-n COUNT]\n"
                    "       %s -q SERVER [-p PORT] TEXT\n", PROG, PROG);
    return 2;
}
