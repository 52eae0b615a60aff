/*
 * c_uring.c - c-uring-recv: the receive work of c-raw-recvmmsg (64-byte
 * UDP over ::1, the hop limit, pktinfo interface index and pktinfo
 * address as text decoded per message with the CMSG_* macros and
 * inet_ntop) done with io_uring instead: one multishot IORING_OP_RECVMSG
 * (IORING_RECV_MULTISHOT) reading into a provided buffer ring, liburing
 * 2.3's helpers.  Driven by the same burst/drain loop (common.h), so it
 * is measured by both methods like every receive row (README.md).
 *
 * The ring is made with IORING_SETUP_SINGLE_ISSUER|IORING_SETUP_DEFER_TASKRUN
 * (Linux 6.1): the receive work then runs only inside io_uring_enter
 * calls made by this task, i.e. inside the timed drain.  Without it the
 * kernel would run the receives as task work whenever the task next
 * enters the kernel, here while it waits, untimed, for the sender's
 * answer: the row would time only the reading of completions.  A kernel
 * without DEFER_TASKRUN skips the row (exit 77).
 *
 * The drain: io_uring_get_events (runs the deferred receives: the
 * multishot request receives until the socket is empty, posting one
 * completion per datagram), then every completion is decoded and its
 * buffer given back to the ring; repeated until a round brings no
 * completion, the io_uring form of "until EAGAIN".  A multishot request
 * that ends (its completion without IORING_CQE_F_MORE, e.g. ENOBUFS when
 * the buffer ring ran dry) is armed again.
 */
#define _GNU_SOURCE
#include <config.h>

#ifndef HAVE_LIBURING
#include <stdio.h>

/* configure found no liburing: the row is skipped (the contract's 77). */
int main(void)
{
    fprintf(stderr, "c-uring-recv: built without liburing (install "
                    "liburing-dev and configure again)\n");
    return 77;
}
#else
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/mman.h>
#include <sys/socket.h>

#include <liburing.h>

#include "common.h"
#include "rawdecode.h"
#include "xapi.h"

#define CTL 128                 /* as c_recv.c */
#define NBUF 4096               /* provided buffers: more than a burst */
#define BUFSZ 320               /* out header 16 + name 28 + CTL + 128 data */
#define BGID 7

struct uring_rx {
    struct io_uring ring;
    struct io_uring_buf_ring *br;
    unsigned char *bufs;
    struct msghdr tmpl;         /* name and control sizes for the kernel */
    int fd, armed, rearms;
};

static void arm(struct uring_rx *u)
{
    struct io_uring_sqe *sqe = io_uring_get_sqe(&u->ring);

    if (sqe == NULL) {
        fprintf(stderr, "bench: no sqe\n");
        exit(1);
    }
    io_uring_prep_recvmsg_multishot(sqe, u->fd, &u->tmpl, 0);
    sqe->flags |= IOSQE_BUFFER_SELECT;
    sqe->buf_group = BGID;
    if (io_uring_submit(&u->ring) != 1) {
        fprintf(stderr, "bench: io_uring_submit failed\n");
        exit(1);
    }
    u->armed = 1;
}

static long drain_uring(void *arg)
{
    struct uring_rx *u = arg;
    struct result r = { 0, 0, "" };
    int mask = io_uring_buf_ring_mask(NBUF);
    long n = 0;

    for (;;) {
        struct io_uring_cqe *cqe;
        unsigned head, seen = 0, bufs = 0;
        int err = io_uring_get_events(&u->ring);

        if (err < 0 && err != -EINTR && err != -EAGAIN && err != -EBUSY) {
            errno = -err;
            bench_die("io_uring_get_events");
        }
        io_uring_for_each_cqe(&u->ring, head, cqe) {
            seen++;
            if (!(cqe->flags & IORING_CQE_F_MORE))
                u->armed = 0;
            if (cqe->flags & IORING_CQE_F_BUFFER) {
                unsigned bid = cqe->flags >> IORING_CQE_BUFFER_SHIFT;
                unsigned char *buf = u->bufs + (size_t)bid * BUFSZ;

                if (cqe->res > 0) {
                    struct io_uring_recvmsg_out *o =
                        io_uring_recvmsg_validate(buf, cqe->res, &u->tmpl);

                    if (o != NULL) {
                        /* A msghdr view of the control part, so that the
                         * decoding is c-raw-recvmmsg's, macro for macro. */
                        struct msghdr mh;

                        memset(&mh, 0, sizeof(mh));
                        mh.msg_control = io_uring_recvmsg_cmsg_firsthdr(o,
                                                                &u->tmpl);
                        mh.msg_controllen = mh.msg_control != NULL ?
                                            o->controllen : 0;
                        bench_raw_decode(&mh, &r);
                        consume(&r, io_uring_recvmsg_payload_length(
                                        o, cqe->res, &u->tmpl));
                        n++;
                    }
                }
                io_uring_buf_ring_add(u->br, buf, BUFSZ, (unsigned short)bid,
                                      mask, (int)bufs);
                bufs++;
            } else if (cqe->res < 0 && cqe->res != -ENOBUFS) {
                errno = -cqe->res;
                bench_die("multishot recvmsg");
            }
        }
        if (bufs > 0)
            io_uring_buf_ring_advance(u->br, (int)bufs);
        io_uring_cq_advance(&u->ring, seen);
        if (!u->armed) {
            u->rearms++;
            arm(u);
            continue;
        }
        if (seen == 0)
            return n;
    }
}

int main(int argc, char **argv)
{
    const char *name = argc > 1 ? argv[1] : "c-uring-recv";
    struct io_uring_params p;
    struct io_uring_buf_reg reg;
    struct uring_rx u;
    xapi_addr self;
    unsigned port;
    int i, err;

    if (strcmp(name, "c-uring-recv") != 0) {
        fprintf(stderr, "usage: bench_c_uring c-uring-recv\n");
        return 2;
    }
    memset(&u, 0, sizeof(u));
    u.fd = xapi_socket(AF_INET6, SOCK_DGRAM, 0);
    if (u.fd < 0 || xapi_bind(u.fd, "::1", 0, NULL) < 0 ||
        xapi_getsockname(u.fd, &self) < 0)
        bench_die("socket");
    port = ntohs(((struct sockaddr_in6 *)&self.ss)->sin6_port);
    if (xapi_setsockopt_int(u.fd, IPPROTO_IPV6, IPV6_RECVPKTINFO, 1) < 0 ||
        xapi_setsockopt_int(u.fd, IPPROTO_IPV6, IPV6_RECVHOPLIMIT, 1) < 0 ||
        xapi_setsockopt_int(u.fd, SOL_SOCKET, SO_RCVBUF, 4 << 20) < 0)
        bench_die("setsockopt");

    memset(&p, 0, sizeof(p));
    p.flags = IORING_SETUP_SINGLE_ISSUER | IORING_SETUP_DEFER_TASKRUN |
              IORING_SETUP_CQSIZE;
    p.cq_entries = 2 * NBUF;
    err = io_uring_queue_init_params(64, &u.ring, &p);
    if (err < 0) {
        fprintf(stderr, "c-uring-recv: io_uring with DEFER_TASKRUN: %s\n",
                strerror(-err));
        return 77;
    }
    /* The buffer ring: page-aligned, NBUF entries, registered as group
     * BGID (liburing 2.3 has no io_uring_setup_buf_ring). */
    u.br = mmap(NULL, NBUF * sizeof(struct io_uring_buf),
                PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    u.bufs = malloc((size_t)NBUF * BUFSZ);
    if (u.br == MAP_FAILED || u.bufs == NULL)
        bench_die("buffers");
    /* Touched now, so that VmRSS after set-up counts them (the kernel
     * writes them during the run).  Not with zeros: the compiler makes
     * malloc+memset(0) a calloc, which touches nothing. */
    memset(u.bufs, 0xa5, (size_t)NBUF * BUFSZ);
    io_uring_buf_ring_init(u.br);
    memset(&reg, 0, sizeof(reg));
    reg.ring_addr = (unsigned long)(uintptr_t)u.br;
    reg.ring_entries = NBUF;
    reg.bgid = BGID;
    err = io_uring_register_buf_ring(&u.ring, &reg, 0);
    if (err < 0) {
        fprintf(stderr, "c-uring-recv: io_uring_register_buf_ring: %s\n",
                strerror(-err));
        return 77;
    }
    for (i = 0; i < NBUF; i++)
        io_uring_buf_ring_add(u.br, u.bufs + (size_t)i * BUFSZ, BUFSZ,
                              (unsigned short)i, io_uring_buf_ring_mask(NBUF),
                              i);
    io_uring_buf_ring_advance(u.br, NBUF);
    u.tmpl.msg_namelen = sizeof(struct sockaddr_in6);
    u.tmpl.msg_controllen = CTL;
    arm(&u);

    bench_run_receiver(name, port, drain_uring, &u);
    fprintf(stderr, "%s: checksum %lu, multishot re-armed %d times\n", name,
            sink, u.rearms);
    io_uring_queue_exit(&u.ring);
    free(u.bufs);
    close(u.fd);
    return 0;
}
#endif /* HAVE_LIBURING */
