/*
 * c_recv.c - the C receive scenarios (see README.md for the contract):
 *
 *   c-raw-recvmsg      recvmsg(2) loop, items walked with CMSG_* macros
 *   c-raw-recvmmsg     recvmmsg(2) loop, 32 per call, same decoding
 *   c-xapi-recvmsg     xapi_recvmsg loop, xapi_cmsg_iter + xapi_cmsg_decode
 *   c-xapi-batch-recv  xapi_batch_recv, 32 per call, same xapi decoding
 *   c-raw-gro-recv     UDP_GRO on, recvmmsg(2) of 32 buffers, each split
 *                      by hand at the UDP_GRO item's segment size (the
 *                      ceiling of the GRO path); the sender in GSO mode
 *   c-xapi-gro-recv    UDP_GRO on, xapi_recv_batch_recv on a batch of 32
 *                      made with xapi_recv_batch_split: one message per
 *                      datagram, its decoded items read per message
 *
 * The GRO rows count datagrams (segments), not buffers.
 * Every message is decoded to the same result in every scenario: hop
 * limit, pktinfo interface index and the pktinfo address AS TEXT, since
 * text is what xapi's typed view (and every binding) delivers.
 */
#define _GNU_SOURCE
#include <config.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/udp.h>
#include <sys/socket.h>

#include "common.h"
#include "rawdecode.h"
#include "xapi.h"

#define BATCH 32
#define CTL 128
/* A GRO buffer: at most 64 datagrams (UDP_GRO_CNT_MAX) of 64 bytes. */
#define GRO_SLOT (64 * BENCH_PAYLOAD)

#ifndef SOL_UDP
#define SOL_UDP 17
#endif
#ifndef UDP_GRO
#define UDP_GRO 104
#endif

/* XAPI_BENCH_DECODE=0 skips decoding (a diagnostic: it separates the cost
 * of the calls from the cost of the typed views). */
static int decode = 1;

static void raw_decode(struct msghdr *mh, struct result *r)
{
    if (decode)
        bench_raw_decode(mh, r);
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

struct raw_gro {
    struct mmsghdr mm[BATCH];
    struct iovec iov[BATCH];
    struct sockaddr_in6 from[BATCH];
    unsigned char buf[BATCH][GRO_SLOT];
    _Alignas(struct cmsghdr) unsigned char ctl[BATCH][CTL];
};

/* The segment size from the UDP_GRO item, 0 without one. */
static size_t raw_gro_size(struct msghdr *mh)
{
    struct cmsghdr *c;
    int g;

    for (c = CMSG_FIRSTHDR(mh); c != NULL; c = CMSG_NXTHDR(mh, c))
        if (c->cmsg_level == SOL_UDP && c->cmsg_type == UDP_GRO &&
            c->cmsg_len == CMSG_LEN(sizeof(int))) {
            memcpy(&g, CMSG_DATA(c), sizeof(g));
            return g > 0 ? (size_t)g : 0;
        }
    return 0;
}

static long drain_raw_gro(int fd, struct raw_gro *b)
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
            struct msghdr *mh = &b->mm[i].msg_hdr;
            size_t len = b->mm[i].msg_len, g = raw_gro_size(mh), off;

            /* The items are the buffer's: decoded once, then each
             * datagram gets the result. */
            raw_decode(mh, &r);
            if (g == 0 || len <= g) {
                consume(&r, len);
                n++;
                continue;
            }
            for (off = 0; off < len; off += g) {
                consume(&r, len - off < g ? len - off : g);
                n++;
            }
        }
    }
    return n;
}

static void raw_gro_init(struct raw_gro *b)
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

/* The decoded items of one message of a receive batch, as a binding reads
 * them per message. */
static void view_decode(const xapi_batch_msg *m, struct result *r)
{
    size_t k;

    if (!decode)
        return;
    for (k = 0; k < m->nitems; k++) {
        const xapi_value *v = &m->values[k];

        if (v->kind == XAPI_VALUE_PKTINFO) {
            r->ifindex = v->pktinfo.ifindex;
            memcpy(r->addr, v->pktinfo.addr, sizeof(r->addr));
        } else if (v->kind == XAPI_VALUE_INT &&
                   m->items[k].level == IPPROTO_IPV6 &&
                   m->items[k].type == IPV6_HOPLIMIT) {
            r->hoplimit = v->i;
        }
    }
}

static long drain_xapi_gro(int fd, xapi_recv_batch *rb)
{
    struct result r = { 0, 0, "" };
    long n = 0;
    int i, k;

    for (;;) {
        k = xapi_recv_batch_recv(fd, rb, BATCH, MSG_DONTWAIT, -1, NULL);
        if (k <= 0)
            break;
        for (i = 0; i < k; i++) {
            const xapi_batch_msg *m = xapi_recv_batch_msg(rb, (unsigned)i);

            view_decode(m, &r);
            consume(&r, m->datalen);
        }
        n += k;
    }
    return n;
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
    struct raw_gro *rg;
    xapi_recv_batch *xg;
};

static long drain(void *arg)
{
    struct scenario *sc = arg;

    switch (sc->kind) {
    case 0: return drain_raw_recvmsg(sc->fd);
    case 1: return drain_raw_recvmmsg(sc->fd, sc->rb);
    case 2: return drain_xapi_recvmsg(sc->fd);
    case 3: return drain_xapi_batch(sc->fd, sc->xr);
    case 4: return drain_raw_gro(sc->fd, sc->rg);
    default: return drain_xapi_gro(sc->fd, sc->xg);
    }
}

int main(int argc, char **argv)
{
    const char *name = argc > 1 ? argv[1] : "";
    struct scenario sc = { 0, -1, NULL, NULL, NULL, NULL };
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
    else if (strcmp(name, "c-raw-gro-recv") == 0)
        kind = 4;
    else if (strcmp(name, "c-xapi-gro-recv") == 0)
        kind = 5;
    else {
        fprintf(stderr, "usage: bench_c_recv c-raw-recvmsg|c-raw-recvmmsg|"
                        "c-xapi-recvmsg|c-xapi-batch-recv|c-raw-gro-recv|"
                        "c-xapi-gro-recv\n");
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
    } else if (kind == 4) {
        sc.rg = malloc(sizeof(*sc.rg));
        if (sc.rg == NULL)
            bench_die("malloc");
        raw_gro_init(sc.rg);
    } else if (kind == 5) {
        sc.xg = xapi_recv_batch_new(BATCH, GRO_SLOT, CTL, NULL);
        if (sc.xg == NULL || xapi_recv_batch_split(sc.xg, BATCH * 64, NULL) < 0)
            bench_die("xapi_recv_batch_split");
    }
    if (kind >= 4) {
        /* UDP_GRO on; the sender (started below, inheriting the
         * environment) sends 64-byte segments with UDP_SEGMENT. */
        if (xapi_setsockopt_int(fd, SOL_UDP, UDP_GRO, 1) < 0)
            bench_die("setsockopt UDP_GRO");
        setenv("XAPI_BENCH_GSO", "1", 1);
    }
    bench_run_receiver(name, port, drain, &sc);
    fprintf(stderr, "%s: checksum %lu\n", name, sink);
    if (sc.xr != NULL)
        xapi_batch_free(sc.xr->batch);
    free(sc.xr);
    free(sc.rb);
    free(sc.rg);
    xapi_recv_batch_free(sc.xg);
    close(fd);
    return 0;
}
