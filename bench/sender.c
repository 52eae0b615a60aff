/*
 * sender.c - the burst sender every receive scenario drives.
 *
 *   bench_sender PORT
 *
 * Reads a count per line on stdin, sends that many 64-byte datagrams to
 * [::1]:PORT (loopback only, sendmmsg in batches of 64) and answers with
 * the number sent.  EOF or 0 ends it; so does a 10-minute alarm, so it
 * never outlives a scenario that died.  XAPI_BENCH_SENDER_CPU=n pins it
 * to CPU n.
 *
 * XAPI_BENCH_GSO=1 (the GRO scenarios set it): each message of the
 * sendmmsg carries a UDP_SEGMENT item of 64 and up to 64 datagrams' bytes
 * (udp(7): the kernel cuts it into 64-byte datagrams; a UDP_GRO receiver
 * on loopback gets it as one buffer).  The count asked and answered is
 * still datagrams.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <sched.h>
#include <netinet/in.h>
#include <netinet/udp.h>
#include <sys/socket.h>

#include "common.h"

#define BURST 64
#define GSO_SEGS 64 /* UDP_GRO_CNT_MAX: the most one GRO buffer holds */

#ifndef SOL_UDP
#define SOL_UDP 17
#endif
#ifndef UDP_SEGMENT
#define UDP_SEGMENT 103
#endif

/* GSO mode: BURST messages of up to GSO_SEGS segments each. */
static unsigned char gso_payload[GSO_SEGS * BENCH_PAYLOAD];
static struct iovec gso_iov[BURST];
static union {
    struct cmsghdr h;
    unsigned char b[CMSG_SPACE(sizeof(uint16_t))];
} gso_ctl;

static long send_gso(int fd, struct mmsghdr *mm, long want)
{
    long sent = 0;

    while (sent < want) {
        long left = want - sent;
        int k = 0, r, j;

        while (k < BURST && left > 0) {
            long segs = left < GSO_SEGS ? left : GSO_SEGS;

            gso_iov[k].iov_len = (size_t)segs * BENCH_PAYLOAD;
            mm[k].msg_hdr.msg_iov = &gso_iov[k];
            mm[k].msg_hdr.msg_control = gso_ctl.b;
            mm[k].msg_hdr.msg_controllen = sizeof(gso_ctl.b);
            left -= segs;
            k++;
        }
        r = sendmmsg(fd, mm, (unsigned)k, 0);
        if (r < 0) {
            if (errno == EINTR || errno == ENOBUFS || errno == EAGAIN)
                continue;
            bench_die("sendmmsg (UDP_SEGMENT)");
        }
        for (j = 0; j < r; j++)
            sent += (long)(gso_iov[j].iov_len / BENCH_PAYLOAD);
    }
    return sent;
}

int main(int argc, char **argv)
{
    struct sockaddr_in6 to;
    unsigned char payload[BENCH_PAYLOAD];
    struct mmsghdr mm[BURST];
    struct iovec iov;
    long want, sent, port;
    int fd, i;

    if (argc != 2 || (port = strtol(argv[1], NULL, 10)) <= 0 || port > 65535) {
        fprintf(stderr, "usage: bench_sender PORT\n");
        return 2;
    }
    alarm(600);
    /* The driver pins the receiver to one CPU and asks the sender to stay
     * on another, so neither migrates mid-run. */
    if (getenv("XAPI_BENCH_SENDER_CPU") != NULL) {
        cpu_set_t set;

        CPU_ZERO(&set);
        CPU_SET((int)bench_env_long("XAPI_BENCH_SENDER_CPU", 0), &set);
        sched_setaffinity(0, sizeof(set), &set);
    }
    memset(&to, 0, sizeof(to));
    to.sin6_family = AF_INET6;
    to.sin6_addr = in6addr_loopback;
    to.sin6_port = htons((unsigned short)port);
    fd = socket(AF_INET6, SOCK_DGRAM, 0);
    if (fd < 0)
        bench_die("socket");
    for (i = 0; i < BENCH_PAYLOAD; i++)
        payload[i] = (unsigned char)('a' + i % 26);
    iov.iov_base = payload;
    iov.iov_len = sizeof(payload);
    memset(mm, 0, sizeof(mm));
    for (i = 0; i < BURST; i++) {
        mm[i].msg_hdr.msg_name = &to;
        mm[i].msg_hdr.msg_namelen = sizeof(to);
        mm[i].msg_hdr.msg_iov = &iov;
        mm[i].msg_hdr.msg_iovlen = 1;
    }
    if (bench_env_long("XAPI_BENCH_GSO", 0) != 0) {
        uint16_t seg = BENCH_PAYLOAD;

        for (i = 0; i < GSO_SEGS * BENCH_PAYLOAD; i++)
            gso_payload[i] = (unsigned char)('a' + i % 26);
        for (i = 0; i < BURST; i++)
            gso_iov[i].iov_base = gso_payload;
        gso_ctl.h.cmsg_level = SOL_UDP;
        gso_ctl.h.cmsg_type = UDP_SEGMENT;
        gso_ctl.h.cmsg_len = CMSG_LEN(sizeof(seg));
        memcpy(CMSG_DATA(&gso_ctl.h), &seg, sizeof(seg));
        while (scanf("%ld", &want) == 1 && want > 0) {
            printf("%ld\n", send_gso(fd, mm, want));
            fflush(stdout);
        }
        return 0;
    }
    while (scanf("%ld", &want) == 1 && want > 0) {
        sent = 0;
        while (sent < want) {
            int k = want - sent < BURST ? (int)(want - sent) : BURST;
            int r = sendmmsg(fd, mm, (unsigned)k, 0);

            if (r < 0) {
                if (errno == EINTR || errno == ENOBUFS || errno == EAGAIN)
                    continue;
                bench_die("sendmmsg");
            }
            sent += r;
        }
        printf("%ld\n", sent);
        fflush(stdout);
    }
    return 0;
}
