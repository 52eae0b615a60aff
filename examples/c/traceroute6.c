/*
 * traceroute6.c - UDP probes with increasing hop limits; each router on
 * the way answers with ICMPv6 Time Exceeded, the destination with Port
 * Unreachable (RFC 4443).  No raw socket is needed: with IPV6_RECVERR set
 * the kernel queues those ICMPv6 errors on the UDP socket's error queue
 * (ipv6(7)), read with MSG_ERRQUEUE and decoded by xapi into the errno,
 * the ICMPv6 type and code and the address of the node that sent it.
 *
 *   usage: traceroute6 [-m MAXHOPS] [-p PORT] DEST
 *   $ sudo ip netns exec lab-a ./traceroute6 2001:db8:2::2
 *   1 2001:db8:1::1
 *   2 2001:db8:2::2
 *
 * The hop limit of each probe is an IPV6_HOPLIMIT ancillary item (RFC 3542
 * section 6.3), so the socket's own default is never changed.  Exit status
 * 0 when the destination answered, 1 otherwise, 2 for bad usage.
 */
#include "example.h"

#include <unistd.h>
#include <netinet/icmp6.h>
#include <linux/errqueue.h> /* SO_EE_ORIGIN_ICMP6 */

#define PROG "traceroute6"
#define WAIT_MS 2000

static int send_probe(int fd, const xapi_addr *dest, int hops)
{
    union {
        struct cmsghdr align;
        unsigned char buf[64];
    } control;
    unsigned char payload[sizeof(int)];
    char probe[16];
    size_t used = 0, len;

    if (xapi_encode_int(hops, payload, sizeof(payload), &len) < 0 ||
        xapi_cmsg_append(control.buf, sizeof(control.buf), &used,
                         IPPROTO_IPV6, IPV6_HOPLIMIT, payload, len) < 0)
        return ex_fail(PROG, "hop limit item");
    snprintf(probe, sizeof(probe), "probe %d", hops);
    return ex_send(fd, dest, probe, strlen(probe), control.buf, used) < 0
               ? ex_fail(PROG, "sendmsg") : 0;
}

/* Reads one error from the queue: 1 and *err filled, 0 on timeout. */
static int read_error(int fd, xapi_sock_err *err)
{
    unsigned char data[512];
    union {
        struct cmsghdr align;
        unsigned char buf[512];
    } control;
    struct iovec iov;
    xapi_cmsg_iter it;
    xapi_cmsg c;
    xapi_msg m;

    if (ex_recv(fd, data, sizeof(data), control.buf, sizeof(control.buf),
                MSG_ERRQUEUE, WAIT_MS, &m, &iov) < 0)
        return errno == ETIMEDOUT ? 0 : ex_fail(PROG, "recvmsg(MSG_ERRQUEUE)");
    xapi_cmsg_iter_init(&it, m.control, m.controllen);
    while (xapi_cmsg_next(&it, &c) == 1) {
        xapi_value v;

        if (xapi_cmsg_decode(&c, &v) == 0 && v.kind == XAPI_VALUE_SOCK_ERR) {
            *err = v.sock_err;
            return 1;
        }
    }
    errno = EPROTO;
    return ex_fail(PROG, "error queue entry without an IPV6_RECVERR item");
}

int main(int argc, char **argv)
{
    long maxhops = 30, port = 33434;
    xapi_addr dest;
    int fd, opt, reached = 0;

    while ((opt = getopt(argc, argv, "m:p:")) != -1) {
        if (opt == 'm' && (maxhops = ex_number(optarg, 1, 255)) > 0)
            continue;
        if (opt == 'p' && (port = ex_number(optarg, 1, 65535)) > 0)
            continue;
        fprintf(stderr, "usage: %s [-m MAXHOPS] [-p PORT] DEST\n", PROG);
        return 2;
    }
    if (optind != argc - 1 ||
        xapi_addr_parse(&dest, AF_INET6, argv[optind], (unsigned)port, NULL) < 0) {
        fprintf(stderr, "usage: %s [-m MAXHOPS] [-p PORT] DEST (IPv6)\n",
                PROG);
        return 2;
    }
    fd = xapi_socket(AF_INET6, SOCK_DGRAM, 0);
    if (fd < 0 || xapi_setsockopt_int(fd, IPPROTO_IPV6, IPV6_RECVERR, 1) < 0)
        return ex_fail(PROG, "socket"), 1;

    for (int hops = 1; hops <= maxhops && !reached; hops++) {
        xapi_sock_err err;
        int r;

        if (send_probe(fd, &dest, hops) < 0)
            break;
        r = read_error(fd, &err);
        if (r < 0)
            break;
        if (r == 0) {
            printf("%d *\n", hops);
            continue;
        }
        printf("%d %s\n", hops, err.has_offender ? err.offender : "?");
        fflush(stdout);
        /* Time Exceeded: a router on the way.  Anything else (Port
         * Unreachable from the destination, or an error that ends the
         * path) stops the trace. */
        if (err.origin == SO_EE_ORIGIN_ICMP6 &&
            err.type == ICMP6_TIME_EXCEEDED)
            continue;
        reached = err.origin == SO_EE_ORIGIN_ICMP6 &&
                  err.type == ICMP6_DST_UNREACH &&
                  err.code == ICMP6_DST_UNREACH_NOPORT;
        if (!reached) {
            printf("stopped: %s (ICMPv6 type %d code %d)\n",
                   strerror(err.ee_errno), err.type, err.code);
            break;
        }
    }
    xapi_close(fd);
    return reached ? 0 : 1;
}
