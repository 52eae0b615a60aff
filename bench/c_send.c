/*
 * c_send.c - the C send scenarios (see README.md for the contract):
 *
 *   c-raw-sendmsg      sendmsg(2) loop
 *   c-raw-sendmmsg     sendmmsg(2) loop, 32 per call
 *   c-xapi-sendmsg     xapi_sendmsg loop
 *   c-xapi-batch-send  xapi_batch_send, 32 per call
 *
 * Every message is 64 bytes to [::1]:port with its own destination
 * address and one ancillary item, a hop limit (encoded once: the cost
 * measured is the call, not the encoding).  The destination socket is
 * never read: once its buffer is full the kernel drops what arrives, the
 * same for every scenario, so the number is the sending side's cost.
 */
#define _GNU_SOURCE
#include <config.h>

#include <netinet/in.h>
#include <sys/socket.h>

#include "common.h"
#include "xapi.h"

#define BATCH 32

int main(int argc, char **argv)
{
    const char *name = argc > 1 ? argv[1] : "";
    long count = bench_env_long("XAPI_BENCH_COUNT", 1000000);
    long total = 0, rss0, rss1;
    unsigned char payload[BENCH_PAYLOAD], hl[sizeof(int)];
    _Alignas(struct cmsghdr) unsigned char ctl[64];
    size_t used = 0, hllen;
    struct iovec iov = { payload, sizeof(payload) };
    xapi_addr to;
    xapi_msg msgs[BATCH];
    struct mmsghdr mm[BATCH];
    xapi_batch *batch;
    double t0, t1;
    int sink, fd, kind, i;

    if (strcmp(name, "c-raw-sendmsg") == 0)
        kind = 0;
    else if (strcmp(name, "c-raw-sendmmsg") == 0)
        kind = 1;
    else if (strcmp(name, "c-xapi-sendmsg") == 0)
        kind = 2;
    else if (strcmp(name, "c-xapi-batch-send") == 0)
        kind = 3;
    else {
        fprintf(stderr, "usage: bench_c_send c-raw-sendmsg|c-raw-sendmmsg|"
                        "c-xapi-sendmsg|c-xapi-batch-send\n");
        return 2;
    }
    memset(payload, 'p', sizeof(payload));
    sink = xapi_socket(AF_INET6, SOCK_DGRAM, 0);
    fd = xapi_socket(AF_INET6, SOCK_DGRAM, 0);
    if (sink < 0 || fd < 0 || xapi_bind(sink, "::1", 0, NULL) < 0 ||
        xapi_getsockname(sink, &to) < 0)
        bench_die("socket");
    if (xapi_encode_int(7, hl, sizeof(hl), &hllen) < 0 ||
        xapi_cmsg_append(ctl, sizeof(ctl), &used, IPPROTO_IPV6,
                         IPV6_HOPLIMIT, hl, hllen) < 0)
        bench_die("encode");
    batch = xapi_batch_new(BATCH);
    if (batch == NULL)
        bench_die("xapi_batch_new");
    memset(msgs, 0, sizeof(msgs));
    memset(mm, 0, sizeof(mm));
    for (i = 0; i < BATCH; i++) {
        msgs[i].addr = to;
        msgs[i].iov = &iov;
        msgs[i].iovlen = 1;
        msgs[i].control = ctl;
        msgs[i].controllen = used;
        mm[i].msg_hdr.msg_name = &to.ss;
        mm[i].msg_hdr.msg_namelen = to.len;
        mm[i].msg_hdr.msg_iov = &iov;
        mm[i].msg_hdr.msg_iovlen = 1;
        mm[i].msg_hdr.msg_control = ctl;
        mm[i].msg_hdr.msg_controllen = used;
    }
    rss0 = bench_rss_kb();
    t0 = bench_now();
    while (total < count) {
        int k = count - total < BATCH ? (int)(count - total) : BATCH, r;

        switch (kind) {
        case 0:
            r = sendmsg(fd, &mm[0].msg_hdr, 0) < 0 ? -1 : 1;
            break;
        case 1:
            r = sendmmsg(fd, mm, (unsigned)k, 0);
            break;
        case 2:
            r = xapi_sendmsg(fd, &msgs[0], 0) < 0 ? -1 : 1;
            break;
        default:
            r = xapi_batch_send(fd, batch, msgs, (unsigned)k, 0);
            break;
        }
        if (r < 0)
            bench_die(name);
        total += r;
    }
    t1 = bench_now();
    rss1 = bench_rss_kb();
    printf("%s %.0f %ld %ld\n", name, (double)total / (t1 - t0), rss0, rss1);
    xapi_batch_free(batch);
    close(fd);
    close(sink);
    return 0;
}
