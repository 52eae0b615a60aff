/*
 * owlat.c - a one-way latency probe.  The sender stamps each probe's
 * departure with a transmit timestamp (SO_TIMESTAMPING,
 * SOF_TIMESTAMPING_TX_SOFTWARE: the kernel's time as the packet left for
 * the device, read back from the socket's error queue and matched to the
 * probe by its SOF_TIMESTAMPING_OPT_ID key), then sends that time in a
 * follow-up message, as PTP's two-step clocks do.  The receiver stamps
 * each arrival with a receive timestamp (SOF_TIMESTAMPING_RX_SOFTWARE) and
 * prints arrival minus departure.  Both clocks must agree (one host, or
 * hosts synchronised by PTP): the lab's namespaces share one clock.
 *
 *   usage: owlat recv PORT [-n COUNT]
 *          owlat send HOST PORT [-c COUNT]
 *   $ sudo ip netns exec lab-b ./owlat recv 7003 -n 3
 *   probe 0 one-way 41.3 us
 *   $ sudo ip netns exec lab-a ./owlat send 2001:db8:2::2 7003 -c 3
 *   probe 0 left at 1733450000.123456789
 */
#include "example.h"

#include <inttypes.h>
#include <linux/net_tstamp.h>

#define PROG "owlat"
#define WAIT_MS 5000
#define MAXITEMS 8

/* The items of one received message, decoded by the core. */
static int items_of(const xapi_msg *m, xapi_cmsg *c, xapi_value *v,
                    size_t *n)
{
    return xapi_items_parse(m->control, m->controllen, c, v, MAXITEMS, n, 0,
                            NULL);
}

static int send_probes(const char *host, unsigned port, long count)
{
    xapi_addr dest;
    union {
        struct cmsghdr align;
        unsigned char buf[256];
    } ctl;
    char text[96], junk[64];
    long k;
    uint32_t sends = 0; /* what OPT_ID counts: this socket's datagrams */
    int fd;

    if (xapi_addr_parse(&dest, AF_UNSPEC, host, port, NULL) < 0)
        return ex_fail(PROG, host);
    fd = xapi_socket(dest.ss.ss_family, SOCK_DGRAM, 0);
    if (fd < 0)
        return ex_fail(PROG, "socket");
    /* Stamp sends in software, report them, key them by send count, and
     * queue only the stamp (not a copy of the packet) on the error queue. */
    if (xapi_setsockopt_int(fd, SOL_SOCKET, SO_TIMESTAMPING,
                            SOF_TIMESTAMPING_TX_SOFTWARE |
                                SOF_TIMESTAMPING_SOFTWARE |
                                SOF_TIMESTAMPING_OPT_ID |
                                SOF_TIMESTAMPING_OPT_TSONLY) < 0)
        return ex_fail(PROG, "SO_TIMESTAMPING");
    for (k = 0; k < count; k++) {
        xapi_cmsg c[MAXITEMS];
        xapi_value v[MAXITEMS];
        xapi_tx_timestamp tx;
        struct iovec iov;
        xapi_msg m;
        size_t n;
        int len = snprintf(text, sizeof(text), "probe %ld", k);

        if (ex_send(fd, &dest, text, (size_t)len, NULL, 0) < 0)
            return ex_fail(PROG, "send probe");
        /* The departure: one error-queue message per probe, in order. */
        if (ex_recv(fd, junk, sizeof(junk), ctl.buf, sizeof(ctl.buf),
                    MSG_ERRQUEUE, WAIT_MS, &m, &iov) < 0)
            return ex_fail(PROG, "transmit timestamp");
        if (items_of(&m, c, v, &n) < 0 ||
            xapi_tx_timestamp_find(v, n, &tx, NULL) < 0)
            return ex_fail(PROG, "no transmit timestamp");
        /* The key says which send the stamp belongs to: the probe. */
        if (tx.key != sends) {
            fprintf(stderr, PROG ": stamp for send %u, expected %u\n",
                    tx.key, sends);
            return -1;
        }
        sends += 2; /* the probe and its follow-up */
        printf("probe %ld left at %" PRId64 ".%09" PRId64 "\n", k,
               tx.stamps.sw_sec, tx.stamps.sw_nsec);
        len = snprintf(text, sizeof(text), "followup %ld %" PRId64
                       " %" PRId64, k, tx.stamps.sw_sec, tx.stamps.sw_nsec);
        /* The follow-up is a send too: its stamp is read and dropped, so
         * the next probe's is next in the queue. */
        if (ex_send(fd, &dest, text, (size_t)len, NULL, 0) < 0 ||
            ex_recv(fd, junk, sizeof(junk), ctl.buf, sizeof(ctl.buf),
                    MSG_ERRQUEUE, WAIT_MS, &m, &iov) < 0)
            return ex_fail(PROG, "send follow-up");
    }
    xapi_close(fd);
    return 0;
}

static int recv_probes(unsigned port, long count)
{
    union {
        struct cmsghdr align;
        unsigned char buf[256];
    } ctl;
    int64_t arrival = 0;
    long seen = 0, probe = -1;
    int fd;

    fd = xapi_socket(AF_INET6, SOCK_DGRAM, 0);
    if (fd < 0 || xapi_bind(fd, "::", port, NULL) < 0)
        return ex_fail(PROG, "bind");
    if (xapi_setsockopt_int(fd, SOL_SOCKET, SO_TIMESTAMPING,
                            SOF_TIMESTAMPING_RX_SOFTWARE |
                                SOF_TIMESTAMPING_SOFTWARE) < 0)
        return ex_fail(PROG, "SO_TIMESTAMPING");
    printf("listening on port %u\n", port);
    fflush(stdout);
    while (seen < count) {
        char data[128];
        xapi_cmsg c[MAXITEMS];
        xapi_value v[MAXITEMS];
        struct iovec iov;
        xapi_msg m;
        size_t n, i;
        long k;
        int64_t sec, nsec;

        if (ex_recv(fd, data, sizeof(data) - 1, ctl.buf, sizeof(ctl.buf), 0,
                    WAIT_MS, &m, &iov) < 0)
            return ex_fail(PROG, "recvmsg");
        data[m.datalen < sizeof(data) ? m.datalen : sizeof(data) - 1] = '\0';
        if (sscanf(data, "probe %ld", &k) == 1) {
            probe = k;
            arrival = 0;
            if (items_of(&m, c, v, &n) == 0)
                for (i = 0; i < n; i++)
                    if (v[i].kind == XAPI_VALUE_TIMESTAMPING)
                        arrival = v[i].timestamping.sw_sec * 1000000000 +
                                  v[i].timestamping.sw_nsec;
        } else if (sscanf(data, "followup %ld %" SCNd64 " %" SCNd64, &k,
                          &sec, &nsec) == 3 && k == probe) {
            seen++;
            if (arrival == 0)
                printf("probe %ld: no receive timestamp\n", k);
            else
                printf("probe %ld one-way %.1f us\n", k,
                       (double)(arrival - (sec * 1000000000 + nsec)) / 1e3);
            fflush(stdout);
        }
    }
    xapi_close(fd);
    return 0;
}

int main(int argc, char **argv)
{
    long port, count = 3;

    if (argc >= 3 && strcmp(argv[1], "recv") == 0) {
        if ((port = ex_number(argv[2], 1, 65535)) < 0)
            goto usage;
        if (argc == 5 && strcmp(argv[3], "-n") == 0)
            count = ex_number(argv[4], 1, 1000000);
        else if (argc != 3)
            goto usage;
        if (count < 0)
            goto usage;
        return recv_probes((unsigned)port, count) < 0 ? 1 : 0;
    }
    if (argc >= 4 && strcmp(argv[1], "send") == 0) {
        if ((port = ex_number(argv[3], 1, 65535)) < 0)
            goto usage;
        if (argc == 6 && strcmp(argv[4], "-c") == 0)
            count = ex_number(argv[5], 1, 1000000);
        else if (argc != 4)
            goto usage;
        if (count < 0)
            goto usage;
        return send_probes(argv[2], (unsigned)port, count) < 0 ? 1 : 0;
    }
usage:
    fprintf(stderr, "usage: " PROG " recv PORT [-n COUNT]\n"
                    "       " PROG " send HOST PORT [-c COUNT]\n");
    return 2;
}
