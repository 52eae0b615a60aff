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
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <sched.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "common.h"

#define BURST 64

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
