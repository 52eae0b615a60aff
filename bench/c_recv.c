/*
 * c_recv.c - the C receive scenarios (see README.md for the contract):
 *
 *   c-raw-recvmsg      recvmsg(2) loop, items walked with CMSG_* macros
 *   c-raw-recvmmsg     recvmmsg(2) loop, 32 per call, same decoding
 *   c-xapi-recvmsg     xapi_recvmsg loop, xapi_cmsg_iter + xapi_cmsg_decode
 *   c-xapi-batch-recv  xapi_batch_recv, 32 per call, same xapi decoding
 *
 * Every message is decoded to the same result in every scenario: hop
 * limit, pktinfo interface index and the pktinfo address AS TEXT, since
 * text is what xapi's typed view (and every binding) delivers.
 */
#define _GNU_SOURCE
#include <config.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "common.h"
#include "xapi.h"

#define BATCH 32
#define CTL 128

struct result {
    unsigned ifindex;
    int hoplimit;
    char addr[XAPI_ADDRSTRLEN];
};

/* Folded into an output the compiler cannot drop. */
static unsigned long sink;
/* XAPI_BENCH_DECODE=0 skips decoding (a diagnostic: it separates the cost
 * of the calls from the cost of the typed views). */
static int decode = 1;

static void consume(const struct result *r, size_t datalen)
{
    sink += r->ifindex + (unsigned)r->hoplimit + (unsigned char)r->addr[0] +
            datalen;
}

static void raw_decode(struct msghdr *mh, struct result *r)
{
    struct cmsghdr *c;

    if (!decode)
        return;
    for (c = CMSG_FIRSTHDR(mh); c != NULL; c = CMSG_NXTHDR(mh, c)) {
        if (c->cmsg_level != IPPROTO_IPV6)
            continue;
        if (c->cmsg_type == IPV6_PKTINFO &&
            c->cmsg_len == CMSG_LEN(sizeof(struct in6_pktinfo))) {
            struct in6_pktinfo pi;

            memcpy(&pi, CMSG_DATA(c), sizeof(pi));
            r->ifindex = pi.ipi6_ifindex;
            inet_ntop(AF_INET6, &pi.ipi6_addr, r->addr, sizeof(r->addr));
        } else if (c->cmsg_type == IPV6_HOPLIMIT &&
                   c->cmsg_len == CMSG_LEN(sizeof(int))) {
            memcpy(&r->hoplimit, CMSG_DATA(c), sizeof(int));
        }
    }
}

static void xapi_decode(const xapi_msg *m, struct result *r)
{
    xapi_cmsg_iter it;
    xapi_cmsg c;
    xapi_value v;

    if (!decode)
        return;
    xapi_cmsg_iter_init(&it, m->control, m->controllen);
    while (xapi_cmsg_next(&it, &c) == 1) {
        if (xapi_cmsg_decode(&c, &v) < 0)
            continue;
        if (v.kind == XAPI_VALUE_PKTINFO) {
            r->ifindex = v.pktinfo.ifindex;
            memcpy(r->addr, v.pktinfo.addr, sizeof(r->addr));
        } else if (v.kind == XAPI_VALUE_INT) {
            r->hoplimit = v.i;
        }
    }
}

/* Each drain_* receives until the queue is empty (EAGAIN) and returns the
 * number of messages. */

static long drain_raw_recvmsg(int fd)
{
    unsigned char buf[BENCH_PAYLOAD * 2];
    _Alignas(struct cmsghdr) unsigned char ctl[CTL];
    struct sockaddr_in6 from;
    struct iovec iov = { buf, sizeof(buf) };
    struct msghdr mh;
    struct result r = { 0, 0, "" };
    long n = 0;

    memset(&mh, 0, sizeof(mh));
    mh.msg_iov = &iov;
    mh.msg_iovlen = 1;
    mh.msg_name = &from;
    mh.msg_control = ctl;
    for (;;) {
        ssize_t k;

        mh.msg_namelen = sizeof(from);
        mh.msg_controllen = sizeof(ctl);
        k = recvmsg(fd, &mh, MSG_DONTWAIT);
        if (k < 0)
            break;
        raw_decode(&mh, &r);
        consume(&r, (size_t)k);
        n++;
    }
    return n;
}

struct raw_batch {
    struct mmsghdr mm[BATCH];
    struct iovec iov[BATCH];
    struct sockaddr_in6 from[BATCH];
    unsigned char buf[BATCH][BENCH_PAYLOAD * 2];
    _Alignas(struct cmsghdr) unsigned char ctl[BATCH][CTL];
};

static long drain_raw_recvmmsg(int fd, struct raw_batch *b)
{
    struct result r = { 0, 0, "" };
    long n = 0;
    int i, k;

    for (;;) {
        for (i = 0; i < BATCH; i++) {
            b->mm[i].msg_hdr.msg_namelen = sizeof(b->from[i]);
            b->mm[i].msg_hdr.msg_controllen = CTL;
        }
        k = recvmmsg(fd, b->mm, BATCH, MSG_DONTWAIT, NULL);
        if (k <= 0)
            break;
        for (i = 0; i < k; i++) {
            raw_decode(&b->mm[i].msg_hdr, &r);
            consume(&r, b->mm[i].msg_len);
        }
        n += k;
    }
    return n;
}

static void raw_batch_init(struct raw_batch *b)
{
    int i;

    memset(b, 0, sizeof(*b));
    for (i = 0; i < BATCH; i++) {
        b->iov[i].iov_base = b->buf[i];
        b->iov[i].iov_len = sizeof(b->buf[i]);
        b->mm[i].msg_hdr.msg_name = &b->from[i];
        b->mm[i].msg_hdr.msg_iov = &b->iov[i];
        b->mm[i].msg_hdr.msg_iovlen = 1;
        b->mm[i].msg_hdr.msg_control = b->ctl[i];
    }
}

static long drain_xapi_recvmsg(int fd)
{
    unsigned char buf[BENCH_PAYLOAD * 2];
    _Alignas(size_t) unsigned char ctl[CTL];
    struct iovec iov = { buf, sizeof(buf) };
    xapi_msg m;
    struct result r = { 0, 0, "" };
    long n = 0;

    memset(&m, 0, sizeof(m));
    m.iov = &iov;
    m.iovlen = 1;
    m.control = ctl;
    for (;;) {
        m.controllen = sizeof(ctl);
        if (xapi_recvmsg(fd, &m, MSG_DONTWAIT) < 0)
            break;
        xapi_decode(&m, &r);
        consume(&r, m.datalen);
        n++;
    }
    return n;
}

struct xapi_rx {
    xapi_batch *batch;
    xapi_msg msgs[BATCH];
    struct iovec iov[BATCH];
    unsigned char data[BATCH * BENCH_PAYLOAD * 2];
    _Alignas(size_t) unsigned char ctl[BATCH * CTL];
};

static long drain_xapi_batch(int fd, struct xapi_rx *x)
{
    struct result r = { 0, 0, "" };
    long n = 0;
    int i, k;

    for (;;) {
        /* Restores each slot's capacities, as a binding would. */
        xapi_batch_setup_slots(x->msgs, BATCH, x->iov, x->data,
                               BENCH_PAYLOAD * 2, x->ctl, CTL);
        k = xapi_batch_recv(fd, x->batch, x->msgs, BATCH, MSG_DONTWAIT, -1);
        if (k <= 0)
            break;
        for (i = 0; i < k; i++) {
            xapi_decode(&x->msgs[i], &r);
            consume(&r, x->msgs[i].datalen);
        }
        n += k;
    }
    return n;
}

struct scenario {
    int kind, fd;
    struct raw_batch *rb;
    struct xapi_rx *xr;
};

static long drain(void *arg)
{
    struct scenario *sc = arg;

    switch (sc->kind) {
    case 0: return drain_raw_recvmsg(sc->fd);
    case 1: return drain_raw_recvmmsg(sc->fd, sc->rb);
    case 2: return drain_xapi_recvmsg(sc->fd);
    default: return drain_xapi_batch(sc->fd, sc->xr);
    }
}

int main(int argc, char **argv)
{
    const char *name = argc > 1 ? argv[1] : "";
    struct scenario sc = { 0, -1, NULL, NULL };
    xapi_addr self;
    unsigned port;
    int fd, kind;

    decode = bench_env_long("XAPI_BENCH_DECODE", 1) != 0;
    if (strcmp(name, "c-raw-recvmsg") == 0)
        kind = 0;
    else if (strcmp(name, "c-raw-recvmmsg") == 0)
        kind = 1;
    else if (strcmp(name, "c-xapi-recvmsg") == 0)
        kind = 2;
    else if (strcmp(name, "c-xapi-batch-recv") == 0)
        kind = 3;
    else {
        fprintf(stderr, "usage: bench_c_recv c-raw-recvmsg|c-raw-recvmmsg|"
                        "c-xapi-recvmsg|c-xapi-batch-recv\n");
        return 2;
    }
    fd = xapi_socket(AF_INET6, SOCK_DGRAM, 0);
    if (fd < 0 || xapi_bind(fd, "::1", 0, NULL) < 0 ||
        xapi_getsockname(fd, &self) < 0)
        bench_die("socket");
    port = ntohs(((struct sockaddr_in6 *)&self.ss)->sin6_port);
    if (xapi_setsockopt_int(fd, IPPROTO_IPV6, IPV6_RECVPKTINFO, 1) < 0 ||
        xapi_setsockopt_int(fd, IPPROTO_IPV6, IPV6_RECVHOPLIMIT, 1) < 0 ||
        xapi_setsockopt_int(fd, SOL_SOCKET, SO_RCVBUF, 4 << 20) < 0)
        bench_die("setsockopt");
    sc.kind = kind;
    sc.fd = fd;
    if (kind == 1) {
        sc.rb = malloc(sizeof(*sc.rb));
        if (sc.rb == NULL)
            bench_die("malloc");
        raw_batch_init(sc.rb);
    } else if (kind == 3) {
        sc.xr = calloc(1, sizeof(*sc.xr));
        if (sc.xr == NULL || (sc.xr->batch = xapi_batch_new(BATCH)) == NULL)
            bench_die("xapi_batch_new");
    }
    bench_run_receiver(name, port, drain, &sc);
    fprintf(stderr, "%s: checksum %lu\n", name, sink);
    if (sc.xr != NULL)
        xapi_batch_free(sc.xr->batch);
    free(sc.xr);
    free(sc.rb);
    close(fd);
    return 0;
}
