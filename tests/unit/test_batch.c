/*
 * test_batch.c - batch I/O (recvmmsg/sendmmsg over xapi_msg arrays) and
 * the UDP GSO/GRO items, over real IPv6 loopback sockets.  What arrives is
 * the kernel's behaviour; the expected values are what was sent.
 */
#include <config.h>

#include <check.h>
#include <errno.h>
#include <limits.h>
#include <netinet/udp.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "xapi.h"
#include "msg_helpers.h"
#include "batch_internal.h"

#ifndef SOL_UDP
#define SOL_UDP IPPROTO_UDP
#endif

#define N 16
#define SLOT 64
#define CSLOT 128

/* Receive-side storage for one batch: one contiguous data buffer and one
 * control buffer, split into slots, as a binding would hold them. */
struct rx {
    xapi_msg msgs[N];
    struct iovec iov[N];
    unsigned char data[N * SLOT];
    _Alignas(size_t) unsigned char control[N * CSLOT];
    xapi_batch *batch;
};

static void rx_init(struct rx *r)
{
    memset(r, 0, sizeof(*r));
    r->batch = xapi_batch_new(N);
    ck_assert_ptr_nonnull(r->batch);
    ck_assert_int_eq(xapi_batch_setup_slots(r->msgs, N, r->iov, r->data, SLOT,
                                            r->control, CSLOT), 0);
}

static void rx_reset(struct rx *r)
{
    ck_assert_int_eq(xapi_batch_setup_slots(r->msgs, N, r->iov, r->data, SLOT,
                                            r->control, CSLOT), 0);
}

static int bound6(void)
{
    int fd = xapi_socket(AF_INET6, SOCK_DGRAM, 0);

    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(xapi_bind(fd, "::1", 0, NULL), 0);
    return fd;
}



static void send_one(int fd, const xapi_addr *to, const void *p, size_t len)
{
    struct iovec v = { (void *)p, len };
    xapi_msg m;

    memset(&m, 0, sizeof(m));
    m.addr = *to;
    m.iov = &v;
    m.iovlen = 1;
    ck_assert_int_eq(xapi_sendmsg(fd, &m, 0), (ssize_t)len);
}

/* Receives until `want` messages are in r->msgs (the kernel may hand a
 * queue over in more than one call); returns the number of calls made. */
static int recv_all(int fd, struct rx *r, unsigned want)
{
    unsigned got = 0;
    int calls = 0;

    while (got < want) {
        int k = xapi_batch_recv(fd, r->batch, r->msgs + got, want - got,
                                MSG_WAITFORONE, 5000);

        ck_assert_int_gt(k, 0);
        got += (unsigned)k;
        calls++;
    }
    return calls;
}


static int find_raw(const xapi_msg *m, int level, int type, xapi_cmsg *out)
{
    xapi_cmsg_iter it;
    int rc;

    xapi_cmsg_iter_init(&it, m->control, m->controllen);
    while ((rc = xapi_cmsg_next(&it, out)) == 1)
        if (out->level == level && out->type == type)
            return 1;
    ck_assert_int_eq(rc, 0);
    return 0;
}


static void hoplimit_item(unsigned char *ctl, size_t cap, size_t *used,
                          int value)
{
    unsigned char p[sizeof(int)];
    size_t n;

    ck_assert_int_eq(xapi_encode_int(value, p, sizeof(p), &n), 0);
    ck_assert_int_eq(xapi_cmsg_append(ctl, cap, used, IPPROTO_IPV6,
                                      IPV6_HOPLIMIT, p, n), 0);
}

/* ------------------------------------------------------------------ */
/* The batch object and the slots helper                                */
/* ------------------------------------------------------------------ */

START_TEST(batch_object)
{
    _Alignas(max_align_t) unsigned char mem[4096];
    xapi_batch *b;

    errno = 0;
    ck_assert_uint_eq(xapi_batch_size(0), 0);
    ck_assert_int_eq(errno, EINVAL);
    ck_assert_uint_eq(xapi_batch_size(XAPI_BATCH_MAX + 1), 0);
    ck_assert_uint_gt(xapi_batch_size(1), 0);
    ck_assert_uint_gt(xapi_batch_size(XAPI_BATCH_MAX), xapi_batch_size(1));

    b = xapi_batch_init(mem, sizeof(mem), 8);
    ck_assert_ptr_eq(b, (void *)mem);
    ck_assert_uint_eq(xapi_batch_capacity(b), 8);
    ck_assert_ptr_null(xapi_batch_init(mem, xapi_batch_size(8) - 1, 8));
    ck_assert_int_eq(errno, ENOSPC);
    ck_assert_ptr_null(xapi_batch_init(mem + 1, sizeof(mem) - 1, 8));
    ck_assert_int_eq(errno, EINVAL);
    ck_assert_ptr_null(xapi_batch_init(NULL, sizeof(mem), 8));
    ck_assert_int_eq(errno, EINVAL);
    ck_assert_ptr_null(xapi_batch_new(0));
    ck_assert_int_eq(errno, EINVAL);
    ck_assert_uint_eq(xapi_batch_capacity(NULL), 0);
    xapi_batch_free(NULL);

    b = xapi_batch_new(XAPI_BATCH_MAX);
    ck_assert_ptr_nonnull(b);
    ck_assert_uint_eq(xapi_batch_capacity(b), XAPI_BATCH_MAX);
    xapi_batch_free(b);
}
END_TEST

START_TEST(batch_call_arguments)
{
    int fd = bound6();
    xapi_batch *b = xapi_batch_new(2);
    xapi_msg m[3];
    struct iovec v = { "x", 1 };

    memset(m, 0, sizeof(m));
    m[0].iov = m[1].iov = m[2].iov = &v;
    m[0].iovlen = m[1].iovlen = m[2].iovlen = 1;
    /* n = 0: nothing to do, no system call (not even for a bad fd). */
    ck_assert_int_eq(xapi_batch_recv(-1, b, m, 0, 0, -1), 0);
    ck_assert_int_eq(xapi_batch_send(-1, b, m, 0, 0), 0);
    /* More messages than the batch holds, or no batch. */
    errno = 0;
    ck_assert_int_eq(xapi_batch_recv(fd, b, m, 3, MSG_DONTWAIT, -1), -1);
    ck_assert_int_eq(errno, EINVAL);
    ck_assert_int_eq(xapi_batch_send(fd, b, m, 3, 0), -1);
    ck_assert_int_eq(errno, EINVAL);
    ck_assert_int_eq(xapi_batch_send(fd, NULL, m, 1, 0), -1);
    ck_assert_int_eq(errno, EINVAL);
    ck_assert_int_eq(xapi_batch_recv(fd, b, NULL, 1, 0, -1), -1);
    ck_assert_int_eq(errno, EINVAL);
    /* A first message that fails xapi's checks: EINVAL, no system call. */
    m[0].iov = NULL;
    ck_assert_int_eq(xapi_batch_recv(fd, b, m, 2, MSG_DONTWAIT, -1), -1);
    ck_assert_int_eq(errno, EINVAL);
    m[0].iov = &v;
    m[0].controllen = (size_t)INT_MAX + 1;
    m[0].control = &v;
    ck_assert_int_eq(xapi_batch_send(fd, b, m, 1, 0), -1);
    ck_assert_int_eq(errno, EINVAL);
    m[0].controllen = 0;
    m[0].control = NULL;
    m[0].addr.len = sizeof(m[0].addr.ss) + 1;
    ck_assert_int_eq(xapi_batch_send(fd, b, m, 1, 0), -1);
    ck_assert_int_eq(errno, EINVAL);
    /* The kernel's errors come through. */
    m[0].addr.len = 0;
    ck_assert_int_eq(xapi_batch_recv(-1, b, m, 1, MSG_DONTWAIT, -1), -1);
    ck_assert_int_eq(errno, EBADF);
    ck_assert_int_eq(xapi_batch_send(fd, b, m, 1, 0), -1);
    ck_assert_int_eq(errno, EDESTADDRREQ);
    xapi_batch_free(b);
    close(fd);
}
END_TEST

START_TEST(setup_slots_layout)
{
    xapi_msg m[4];
    struct iovec iov[4];
    unsigned char data[4 * 10], ctl[4 * 24];
    unsigned i;

    memset(m, 0xff, sizeof(m));
    ck_assert_int_eq(xapi_batch_setup_slots(m, 4, iov, data, 10, ctl, 24), 0);
    for (i = 0; i < 4; i++) {
        ck_assert_ptr_eq(m[i].iov, &iov[i]);
        ck_assert_uint_eq(m[i].iovlen, 1);
        ck_assert_ptr_eq(iov[i].iov_base, data + 10 * i);
        ck_assert_uint_eq(iov[i].iov_len, 10);
        ck_assert_ptr_eq(m[i].control, ctl + 24 * i);
        ck_assert_uint_eq(m[i].controllen, 24);
        ck_assert_uint_eq(m[i].addr.len, 0);
        ck_assert_int_eq(m[i].flags, 0);
        ck_assert_uint_eq(m[i].datalen, 0);
    }
    /* No control slots at all. */
    ck_assert_int_eq(xapi_batch_setup_slots(m, 4, iov, data, 10, NULL, 0), 0);
    ck_assert_ptr_null(m[3].control);
    ck_assert_uint_eq(m[3].controllen, 0);

    ck_assert_int_eq(xapi_batch_setup_slots(m, 0, iov, data, 10, ctl, 24), -1);
    ck_assert_int_eq(errno, EINVAL);
    ck_assert_int_eq(xapi_batch_setup_slots(NULL, 4, iov, data, 10, ctl, 24),
                     -1);
    ck_assert_int_eq(xapi_batch_setup_slots(m, 4, NULL, data, 10, ctl, 24),
                     -1);
    ck_assert_int_eq(xapi_batch_setup_slots(m, 4, iov, NULL, 10, ctl, 24), -1);
    ck_assert_int_eq(errno, EINVAL);
    ck_assert_int_eq(xapi_batch_setup_slots(m, 4, iov, data, 10, NULL, 24), -1);
    ck_assert_int_eq(errno, EINVAL);
    ck_assert_int_eq(xapi_batch_setup_slots(m, 4, iov, data, 10, ctl,
                                            (size_t)INT_MAX + 1), -1);
    ck_assert_int_eq(errno, EINVAL);
    ck_assert_int_eq(xapi_batch_setup_slots(m, 4, iov, data, SIZE_MAX / 2,
                                            ctl, 24), -1);
    ck_assert_int_eq(errno, EOVERFLOW);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Receiving                                                            */
/* ------------------------------------------------------------------ */

/* 16 datagrams from 4 senders, each with its own hop limit: the batch
 * gives every message its own source address and its own items. */
START_TEST(recv16_addresses_and_items)
{
    int b = bound6(), s[4], i;
    xapi_addr to, from[4];
    struct rx r;
    unsigned lo = xapi_if_nametoindex("lo");

    ck_assert_uint_gt(lo, 0);
    set_on(b, IPPROTO_IPV6, IPV6_RECVPKTINFO);
    set_on(b, IPPROTO_IPV6, IPV6_RECVHOPLIMIT);
    to = sockname(b);
    for (i = 0; i < 4; i++) {
        s[i] = bound6();
        from[i] = sockname(s[i]);
    }
    for (i = 0; i < N; i++) {
        char p[16];
        int hl = 10 + i;

        snprintf(p, sizeof(p), "msg-%02d", i);
        ck_assert_int_eq(xapi_setsockopt_int(s[i % 4], IPPROTO_IPV6,
                                             IPV6_UNICAST_HOPS, hl), 0);
        send_one(s[i % 4], &to, p, strlen(p));
    }
    rx_init(&r);
    recv_all(b, &r, N);
    for (i = 0; i < N; i++) {
        const xapi_msg *m = &r.msgs[i];
        char p[16];
        xapi_value v;

        snprintf(p, sizeof(p), "msg-%02d", i);
        ck_assert_uint_eq(m->datalen, strlen(p));
        ck_assert_mem_eq(r.data + i * SLOT, p, strlen(p));
        ck_assert_int_eq(m->flags & (MSG_TRUNC | MSG_CTRUNC), 0);
        same_addr(&m->addr, &from[i % 4]);
        ck_assert_uint_le(m->controllen, CSLOT);
        ck_assert_int_eq(find_item(m, IPPROTO_IPV6, IPV6_HOPLIMIT, &v), 1);
        ck_assert_int_eq(v.i, 10 + i);
        ck_assert_int_eq(find_item(m, IPPROTO_IPV6, IPV6_PKTINFO, &v), 1);
        ck_assert_str_eq(v.pktinfo.addr, "::1");
        ck_assert_uint_eq(v.pktinfo.ifindex, lo);
    }
    /* Nothing more is queued. */
    rx_reset(&r);
    ck_assert_int_eq(xapi_batch_recv(b, r.batch, r.msgs, N, MSG_DONTWAIT, -1),
                     -1);
    ck_assert_int_eq(errno, EAGAIN);
    xapi_batch_free(r.batch);
    for (i = 0; i < 4; i++)
        close(s[i]);
    close(b);
}
END_TEST

/* Fewer datagrams queued than slots: MSG_DONTWAIT and MSG_WAITFORONE
 * both return what is there, and messages past it are untouched. */
START_TEST(recv_partial)
{
    int a = bound6(), b = bound6(), i;
    xapi_addr to = sockname(b);
    struct rx r;

    rx_init(&r);
    for (i = 0; i < 5; i++)
        send_one(a, &to, "five", 4);
    ck_assert_int_eq(xapi_batch_recv(b, r.batch, r.msgs, N, MSG_DONTWAIT, -1),
                     5);
    for (i = 0; i < 5; i++)
        ck_assert_uint_eq(r.msgs[i].datalen, 4);
    for (i = 5; i < N; i++) {
        ck_assert_uint_eq(r.msgs[i].datalen, 0);
        ck_assert_uint_eq(r.msgs[i].addr.len, 0);
        ck_assert_uint_eq(r.msgs[i].controllen, CSLOT);
    }

    rx_reset(&r);
    for (i = 0; i < 3; i++)
        send_one(a, &to, "three", 5);
    /* Blocking socket, no timeout: WAITFORONE returns after the first
     * datagram and takes the others that are already queued. */
    ck_assert_int_eq(xapi_batch_recv(b, r.batch, r.msgs, N, MSG_WAITFORONE,
                                     -1), 3);
    ck_assert_uint_eq(r.msgs[2].datalen, 5);

    /* With a timeout and nothing queued: EAGAIN.  With one queued: it. */
    rx_reset(&r);
    errno = 0;
    ck_assert_int_eq(xapi_batch_recv(b, r.batch, r.msgs, N, 0, 0), -1);
    ck_assert_int_eq(errno, EAGAIN);
    ck_assert_int_eq(xapi_batch_recv(b, r.batch, r.msgs, N, 0, 20), -1);
    ck_assert_int_eq(errno, EAGAIN);
    send_one(a, &to, "one", 3);
    ck_assert_int_eq(xapi_batch_recv(b, r.batch, r.msgs, N, 0, 5000), 1);
    ck_assert_uint_eq(r.msgs[0].datalen, 3);

    /* A message failing xapi's checks part-way: the ones before it. */
    rx_reset(&r);
    for (i = 0; i < 4; i++)
        send_one(a, &to, "four", 4);
    r.msgs[2].iov = NULL;
    ck_assert_int_eq(xapi_batch_recv(b, r.batch, r.msgs, 4, MSG_DONTWAIT, -1),
                     2);
    ck_assert_int_eq(xapi_batch_recv(b, r.batch, r.msgs + 2, 2, MSG_DONTWAIT,
                                     -1), -1);
    ck_assert_int_eq(errno, EINVAL);
    rx_reset(&r);
    ck_assert_int_eq(xapi_batch_recv(b, r.batch, r.msgs, N, MSG_DONTWAIT, -1),
                     2);
    xapi_batch_free(r.batch);
    close(a);
    close(b);
}
END_TEST

/* Truncation is per message: only the long datagrams carry MSG_TRUNC,
 * only the message with a short control slot carries MSG_CTRUNC. */
START_TEST(recv_truncation_per_message)
{
    static const size_t lens[6] = { 8, 100, 64, 200, 1, 65 };
    unsigned char big[256];
    int a = bound6(), b = bound6(), i, pass;
    xapi_addr to = sockname(b);
    struct rx r;

    memset(big, 'z', sizeof(big));
    set_on(b, IPPROTO_IPV6, IPV6_RECVPKTINFO);
    set_on(b, IPPROTO_IPV6, IPV6_RECVHOPLIMIT);
    rx_init(&r);
    for (pass = 0; pass < 2; pass++) {
        int flags = pass == 0 ? 0 : MSG_TRUNC;

        for (i = 0; i < 6; i++)
            send_one(a, &to, big, lens[i]);
        rx_reset(&r);
        /* Room for the pktinfo item only: the hop limit is cut off. */
        r.msgs[4].controllen = xapi_cmsg_space(sizeof(struct in6_pktinfo));
        ck_assert_int_eq(xapi_batch_recv(b, r.batch, r.msgs, 6,
                                         flags | MSG_DONTWAIT, -1), 6);
        for (i = 0; i < 6; i++) {
            const xapi_msg *m = &r.msgs[i];
            int trunc = lens[i] > SLOT;

            ck_assert_int_eq(!!(m->flags & MSG_TRUNC), trunc);
            ck_assert_int_eq(!!(m->flags & MSG_CTRUNC), i == 4);
            /* Without MSG_TRUNC in the call: the bytes stored; with it,
             * the datagram's real length. */
            ck_assert_uint_eq(m->datalen,
                              pass == 1 || !trunc ? lens[i] : SLOT);
        }
    }
    xapi_batch_free(r.batch);
    close(a);
    close(b);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Sending                                                              */
/* ------------------------------------------------------------------ */

/* Every message of one sendmmsg has its own control buffer: here a hop
 * limit each (one message none: the socket's default, 64). */
START_TEST(send_per_message_items)
{
    int a = bound6(), b = bound6(), i;
    xapi_addr to = sockname(b);
    xapi_batch *tb = xapi_batch_new(8);
    xapi_msg sm[8];
    struct iovec sv[8];
    char payload[8][8];
    unsigned char sctl[8][64];
    struct rx r;

    set_on(b, IPPROTO_IPV6, IPV6_RECVHOPLIMIT);
    ck_assert_int_eq(xapi_setsockopt_int(a, IPPROTO_IPV6, IPV6_UNICAST_HOPS,
                                         64), 0);
    memset(sm, 0, sizeof(sm));
    for (i = 0; i < 8; i++) {
        size_t used = 0;

        snprintf(payload[i], sizeof(payload[i]), "hl%d", i);
        sv[i].iov_base = payload[i];
        sv[i].iov_len = strlen(payload[i]);
        sm[i].addr = to;
        sm[i].iov = &sv[i];
        sm[i].iovlen = 1;
        if (i != 5) {
            hoplimit_item(sctl[i], sizeof(sctl[i]), &used, 1 + 30 * i);
            sm[i].control = sctl[i];
            sm[i].controllen = used;
        }
    }
    ck_assert_int_eq(xapi_batch_send(a, tb, sm, 8, 0), 8);
    for (i = 0; i < 8; i++)
        ck_assert_uint_eq(sm[i].datalen, strlen(payload[i]));

    rx_init(&r);
    recv_all(b, &r, 8);
    for (i = 0; i < 8; i++) {
        xapi_value v;

        ck_assert_mem_eq(r.data + i * SLOT, payload[i], strlen(payload[i]));
        ck_assert_int_eq(find_item(&r.msgs[i], IPPROTO_IPV6, IPV6_HOPLIMIT,
                                   &v), 1);
        ck_assert_int_eq(v.i, i == 5 ? 64 : 1 + 30 * i);
    }
    xapi_batch_free(r.batch);
    xapi_batch_free(tb);
    close(a);
    close(b);
}
END_TEST

/* Message k (= 3) carries a hop limit the kernel refuses: the first k go
 * out and the call returns k; the next call, starting at k, fails with
 * EINVAL; starting after k, the rest go out. */
START_TEST(send_error_partway)
{
    int a = bound6(), b = bound6(), i, bad = 300;
    xapi_addr to = sockname(b);
    xapi_batch *tb = xapi_batch_new(6);
    xapi_msg sm[6];
    struct iovec sv = { "part", 4 };
    unsigned char good[64], wrong[64];
    size_t gused = 0, wused = 0;
    struct rx r;

    hoplimit_item(good, sizeof(good), &gused, 9);
    /* xapi_encode_int refuses 300, so the item is written by hand. */
    ck_assert_int_eq(xapi_cmsg_append(wrong, sizeof(wrong), &wused,
                                      IPPROTO_IPV6, IPV6_HOPLIMIT, &bad,
                                      sizeof(bad)), 0);
    memset(sm, 0, sizeof(sm));
    for (i = 0; i < 6; i++) {
        sm[i].addr = to;
        sm[i].iov = &sv;
        sm[i].iovlen = 1;
        sm[i].control = i == 3 ? wrong : good;
        sm[i].controllen = i == 3 ? wused : gused;
    }
    ck_assert_int_eq(xapi_batch_send(a, tb, sm, 6, 0), 3);
    errno = 0;
    ck_assert_int_eq(xapi_batch_send(a, tb, sm + 3, 3, 0), -1);
    ck_assert_int_eq(errno, EINVAL);
    ck_assert_int_eq(xapi_batch_send(a, tb, sm + 4, 2, 0), 2);

    /* The same rule for a message xapi itself refuses (here message 1). */
    sm[1].iov = NULL;
    sm[3].control = good;
    sm[3].controllen = gused;
    ck_assert_int_eq(xapi_batch_send(a, tb, sm, 6, 0), 1);
    ck_assert_int_eq(xapi_batch_send(a, tb, sm + 1, 5, 0), -1);
    ck_assert_int_eq(errno, EINVAL);

    rx_init(&r);
    ck_assert_int_eq(xapi_batch_recv(b, r.batch, r.msgs, N, MSG_DONTWAIT, -1),
                     6);
    xapi_batch_free(r.batch);
    xapi_batch_free(tb);
    close(a);
    close(b);
}
END_TEST

/* One sendmmsg, three destinations, round robin. */
START_TEST(send_several_destinations)
{
    int a = bound6(), d[3], i, j;
    xapi_batch *tb = xapi_batch_new(9);
    xapi_msg sm[9];
    struct iovec sv[9];
    char payload[9][8];
    xapi_addr from = sockname(a);
    struct rx r;

    for (j = 0; j < 3; j++)
        d[j] = bound6();
    memset(sm, 0, sizeof(sm));
    for (i = 0; i < 9; i++) {
        snprintf(payload[i], sizeof(payload[i]), "to%d-%d", i % 3, i / 3);
        sv[i].iov_base = payload[i];
        sv[i].iov_len = strlen(payload[i]);
        sm[i].addr = sockname(d[i % 3]);
        sm[i].iov = &sv[i];
        sm[i].iovlen = 1;
    }
    ck_assert_int_eq(xapi_batch_send(a, tb, sm, 9, 0), 9);
    rx_init(&r);
    for (j = 0; j < 3; j++) {
        rx_reset(&r);
        ck_assert_int_eq(xapi_batch_recv(d[j], r.batch, r.msgs, N,
                                         MSG_DONTWAIT, -1), 3);
        for (i = 0; i < 3; i++) {
            char p[8];

            snprintf(p, sizeof(p), "to%d-%d", j, i);
            ck_assert_uint_eq(r.msgs[i].datalen, strlen(p));
            ck_assert_mem_eq(r.data + i * SLOT, p, strlen(p));
            same_addr(&r.msgs[i].addr, &from);
        }
        close(d[j]);
    }
    xapi_batch_free(r.batch);
    xapi_batch_free(tb);
    close(a);
}
END_TEST

/* ------------------------------------------------------------------ */
/* UDP GSO / GRO                                                        */
/* ------------------------------------------------------------------ */

START_TEST(gso_items_codec)
{
    unsigned char buf[8];
    size_t n = 0;
    unsigned u;
    int g;

    ck_assert_int_eq(xapi_encode_udp_segment(1400, buf, sizeof(buf), &n), 0);
    ck_assert_uint_eq(n, 2);
    ck_assert_int_eq(xapi_decode_udp_segment(buf, n, &u), 0);
    ck_assert_uint_eq(u, 1400);
    ck_assert_int_eq(xapi_encode_udp_segment(65535, buf, 2, &n), 0);
    ck_assert_int_eq(xapi_encode_udp_segment(0, buf, 2, &n), 0);
    ck_assert_int_eq(xapi_encode_udp_segment(65536, buf, 2, &n), -1);
    ck_assert_int_eq(errno, EINVAL);
    ck_assert_int_eq(xapi_encode_udp_segment(100, buf, 1, &n), -1);
    ck_assert_int_eq(errno, ENOSPC);
    ck_assert_int_eq(xapi_encode_udp_segment(100, buf, 2, NULL), -1);
    ck_assert_int_eq(errno, EINVAL);
    ck_assert_int_eq(xapi_decode_udp_segment(buf, 4, &u), -1);
    ck_assert_int_eq(errno, EINVAL);

    g = 100;
    memcpy(buf, &g, sizeof(g));
    ck_assert_int_eq(xapi_decode_udp_gro(buf, sizeof(int), &g), 0);
    ck_assert_int_eq(g, 100);
    ck_assert_int_eq(xapi_decode_udp_gro(buf, 2, &g), -1);
    ck_assert_int_eq(errno, EINVAL);
    g = 0;
    memcpy(buf, &g, sizeof(g));
    ck_assert_int_eq(xapi_decode_udp_gro(buf, sizeof(int), &g), -1);
    g = 65536;
    memcpy(buf, &g, sizeof(g));
    ck_assert_int_eq(xapi_decode_udp_gro(buf, sizeof(int), &g), -1);

    ck_assert_uint_eq(xapi_udp_gro_segments(250, 100), 3);
    ck_assert_uint_eq(xapi_udp_gro_segments(300, 100), 3);
    ck_assert_uint_eq(xapi_udp_gro_segments(0, 100), 0);
    ck_assert_uint_eq(xapi_udp_gro_segments(250, 0), 0);
}
END_TEST

/* Sends 250 bytes with a per-message UDP_SEGMENT of 100.  Returns 0 and
 * prints why if the kernel refuses segmentation here. */
static int gso_send(int a, const xapi_addr *to)
{
    unsigned char payload[250], ctl[64], seg[2];
    size_t used = 0, n;
    struct iovec v = { payload, sizeof(payload) };
    xapi_msg m;
    ssize_t r;
    int i;

    for (i = 0; i < 250; i++)
        payload[i] = (unsigned char)i;
    ck_assert_int_eq(xapi_encode_udp_segment(100, seg, sizeof(seg), &n), 0);
    ck_assert_int_eq(xapi_cmsg_append(ctl, sizeof(ctl), &used, SOL_UDP,
                                      UDP_SEGMENT, seg, n), 0);
    memset(&m, 0, sizeof(m));
    m.addr = *to;
    m.iov = &v;
    m.iovlen = 1;
    m.control = ctl;
    m.controllen = used;
    r = xapi_sendmsg(a, &m, 0);
    if (r < 0 && (errno == EINVAL || errno == EIO || errno == ENOPROTOOPT ||
                  errno == EOPNOTSUPP)) {
        printf("test_batch: SKIP gso: the kernel refuses UDP_SEGMENT on "
               "loopback (%s)\n", strerror(errno));
        return 0;
    }
    ck_assert_int_eq(r, 250);
    return 1;
}

/* Without UDP_GRO on the receiver, one GSO send of 3 segments arrives as
 * 3 datagrams (100, 100, 50), in order, each with its own items. */
START_TEST(gso_send_three_segments)
{
    int a = bound6(), b = bound6(), i;
    xapi_addr to = sockname(b);
    struct rx r;

    set_on(b, IPPROTO_IPV6, IPV6_RECVHOPLIMIT);
    if (!gso_send(a, &to))
        goto out;
    rx_init(&r);
    ck_assert_int_eq(recv_all(b, &r, 3) >= 1, 1);
    for (i = 0; i < 3; i++) {
        size_t want = i < 2 ? 100 : 50, j;
        xapi_value v;
        xapi_cmsg c;

        ck_assert_uint_eq(r.msgs[i].datalen, want > SLOT ? SLOT : want);
        ck_assert_int_eq(!!(r.msgs[i].flags & MSG_TRUNC), want > SLOT);
        for (j = 0; j < (want > SLOT ? SLOT : want); j++)
            ck_assert_uint_eq(r.data[i * SLOT + j], (unsigned char)(100 * i + j));
        ck_assert_int_eq(find_item(&r.msgs[i], IPPROTO_IPV6, IPV6_HOPLIMIT,
                                   &v), 1);
        ck_assert_int_eq(find_raw(&r.msgs[i], SOL_UDP, UDP_GRO, &c), 0);
    }
    rx_reset(&r);
    ck_assert_int_eq(xapi_batch_recv(b, r.batch, r.msgs, N, MSG_DONTWAIT, -1),
                     -1);
    ck_assert_int_eq(errno, EAGAIN);
    xapi_batch_free(r.batch);
out:
    close(a);
    close(b);
}
END_TEST

/* With UDP_GRO on the receiver, what this kernel does on loopback: the
 * GSO send is handed over whole, 250 bytes in one buffer with a UDP_GRO
 * item holding the int 100 (loopback passes the GSO packet up without
 * segmenting it, udp_unexpected_gso is false for a GRO socket).  Separate
 * sends are NOT coalesced: loopback bypasses the GRO engine. */
START_TEST(gro_receive)
{
    int a = bound6(), b = bound6(), i, g;
    xapi_addr to = sockname(b);
    unsigned char big[512], ctl[128];
    struct iovec v = { big, sizeof(big) };
    xapi_msg m;
    xapi_cmsg c;
    xapi_value val;

    if (xapi_setsockopt_int(b, SOL_UDP, UDP_GRO, 1) < 0) {
        printf("test_batch: SKIP gro: setsockopt UDP_GRO: %s\n",
               strerror(errno));
        goto out;
    }
    if (!gso_send(a, &to))
        goto out;
    memset(&m, 0, sizeof(m));
    m.iov = &v;
    m.iovlen = 1;
    m.control = ctl;
    m.controllen = sizeof(ctl);
    ck_assert_int_eq(xapi_recvmsg(b, &m, MSG_DONTWAIT), 250);
    for (i = 0; i < 250; i++)
        ck_assert_uint_eq(big[i], (unsigned char)i);
    ck_assert_int_eq(find_raw(&m, SOL_UDP, UDP_GRO, &c), 1);
    ck_assert_uint_eq(c.len, sizeof(int));
    ck_assert_int_eq(xapi_decode_udp_gro(c.data, c.len, &g), 0);
    ck_assert_int_eq(g, 100);
    ck_assert_uint_eq(xapi_udp_gro_segments(m.datalen, g), 3);
    /* The core's typed decoder: "gro" once items.c has the row; until
     * then, no typed view (never a wrong one). */
    ck_assert_int_eq(xapi_cmsg_decode(&c, &val), 0);
    if (val.kind != XAPI_VALUE_NONE) {
        ck_assert_int_eq(val.kind, XAPI_VALUE_INT);
        ck_assert_str_eq(val.name, "gro");
        ck_assert_int_eq(val.i, 100);
    }

    for (i = 0; i < 3; i++)
        send_one(a, &to, big, 100);
    for (i = 0; i < 3; i++) {
        m.controllen = sizeof(ctl);
        ck_assert_int_eq(xapi_recvmsg(b, &m, MSG_DONTWAIT), 100);
        ck_assert_int_eq(find_raw(&m, SOL_UDP, UDP_GRO, &c), 0);
    }
    ck_assert_int_eq(xapi_recvmsg(b, &m, MSG_DONTWAIT), -1);
    ck_assert_int_eq(errno, EAGAIN);
out:
    close(a);
    close(b);
}
END_TEST

/* UDP_SEGMENT as a socket option: every send is segmented. */
START_TEST(gso_socket_option)
{
    int a = bound6(), b = bound6(), seg = 0;
    xapi_addr to = sockname(b);
    unsigned char payload[130];
    struct rx r;

    if (xapi_setsockopt_int(a, SOL_UDP, UDP_SEGMENT, 60) < 0) {
        printf("test_batch: SKIP gso option: %s\n", strerror(errno));
        goto out;
    }
    ck_assert_int_eq(xapi_getsockopt_int(a, SOL_UDP, UDP_SEGMENT, &seg), 0);
    ck_assert_int_eq(seg, 60);
    memset(payload, 'g', sizeof(payload));
    send_one(a, &to, payload, sizeof(payload));
    rx_init(&r);
    recv_all(b, &r, 3);
    ck_assert_uint_eq(r.msgs[0].datalen, 60);
    ck_assert_uint_eq(r.msgs[1].datalen, 60);
    ck_assert_uint_eq(r.msgs[2].datalen, 10);
    xapi_batch_free(r.batch);
out:
    close(a);
    close(b);
}
END_TEST

/* ------------------------------------------------------------------ */
/* The whole-batch object: receive and decode in one call, send from    */
/* plain structs                                                         */
/* ------------------------------------------------------------------ */

static int int_payload(int v, unsigned char *p)
{
    memcpy(p, &v, sizeof(v)); /* the kernel's layout: a host int */
    return (int)sizeof(v);
}

START_TEST(whole_arguments)
{
    xapi_error e;
    xapi_recv_batch *rb;
    unsigned char buf[32];
    int fd = bound6();

    memset(&e, 0, sizeof(e));
    ck_assert_ptr_null(xapi_recv_batch_new(0, 8, 0, &e));
    ck_assert_int_eq(errno, EINVAL);
    ck_assert_str_eq(e.arg, "count");
    memset(&e, 0, sizeof(e));
    ck_assert_ptr_null(xapi_recv_batch_new(XAPI_BATCH_MAX + 1, 8, 0, &e));
    ck_assert_str_eq(e.arg, "count");
    memset(&e, 0, sizeof(e));
    ck_assert_ptr_null(xapi_recv_batch_new(1024, (size_t)1 << 29, 0, &e));
    ck_assert_str_eq(e.arg, "size");
    memset(&e, 0, sizeof(e));
    ck_assert_ptr_null(xapi_recv_batch_new(2, 8, XAPI_MAX_ANC + 1, &e));
    ck_assert_str_eq(e.arg, "ancsize");
    ck_assert_ptr_null(xapi_recv_batch_new(0, 8, 0, NULL)); /* err NULL */

    rb = xapi_recv_batch_new(4, 8, 0, NULL);
    ck_assert_ptr_nonnull(rb);
    ck_assert_uint_eq(xapi_recv_batch_capacity(rb), 4);
    ck_assert_uint_eq(xapi_recv_batch_count(rb), 0);
    ck_assert_ptr_null(xapi_recv_batch_msg(rb, 0));
    memset(&e, 0, sizeof(e));
    ck_assert_int_eq(xapi_recv_batch_recv(fd, rb, 5, 0, 0, &e), -1);
    ck_assert_str_eq(e.arg, "count");
    memset(&e, 0, sizeof(e));
    ck_assert_int_eq(xapi_recv_batch_recv(fd, rb, 0, 0, 0, &e), -1);
    ck_assert_str_eq(e.arg, "count");
    memset(&e, 0, sizeof(e));
    ck_assert_int_eq(xapi_recv_batch_recv_into(fd, rb, 2, buf, 15, 8, 0, 0,
                                               &e), -1);
    ck_assert_str_eq(e.arg, "buffer");
    ck_assert_int_eq(e.code, EINVAL);
    memset(&e, 0, sizeof(e));
    ck_assert_int_eq(xapi_recv_batch_recv_into(fd, rb, 1, buf, sizeof(buf),
                                               XAPI_MAX_DATA + 1, 0, 0, &e),
                     -1);
    ck_assert_str_eq(e.arg, "slot");
    memset(&e, 0, sizeof(e));
    ck_assert_int_eq(xapi_recv_batch_recv_into(fd, rb, 1, NULL, 8, 8, 0, 0,
                                               &e), -1);
    ck_assert_str_eq(e.arg, "buffer");
    /* Nothing queued: a timeout of 0 is EAGAIN, a system error. */
    memset(&e, 0, sizeof(e));
    ck_assert_int_eq(xapi_recv_batch_recv(fd, rb, 4, 0, 0, &e), -1);
    ck_assert_int_eq(errno, EAGAIN);
    ck_assert_int_eq(e.code, EAGAIN);
    ck_assert_ptr_null(e.arg);
    memset(&e, 0, sizeof(e));
    ck_assert_int_eq(xapi_recv_batch_recv(-1, rb, 4, MSG_DONTWAIT, -1, &e),
                     -1);
    ck_assert_int_eq(e.code, EBADF);
    ck_assert_ptr_null(e.arg);
    memset(&e, 0, sizeof(e));
    ck_assert_int_eq(xapi_recv_batch_recv(fd, NULL, 1, 0, 0, &e), -1);
    ck_assert_str_eq(e.arg, "batch");
    xapi_recv_batch_free(rb);
    xapi_recv_batch_free(NULL);
    close(fd);
}
END_TEST

/* Sources a, a, c, a, a; items 7, 7, 7, 9, 9: the flags say which message
 * repeats its predecessor's address and items; a partial batch (5 of 16)
 * comes back whole. */
START_TEST(whole_recv_same_as_previous)
{
    int a = bound6(), c = bound6(), b = bound6(), i;
    xapi_addr to = sockname(b), from_a = sockname(a), from_c = sockname(c);
    unsigned char p7[sizeof(int)], p9[sizeof(int)];
    xapi_cmsg h7 = { IPPROTO_IPV6, IPV6_HOPLIMIT, p7, 0 };
    xapi_cmsg h9 = { IPPROTO_IPV6, IPV6_HOPLIMIT, p9, 0 };
    struct iovec v[5] = { { "m0", 2 }, { "m1", 2 }, { "m2", 2 },
                          { "m3", 2 }, { "m4", 2 } };
    xapi_batch_out out[5];
    xapi_recv_batch *rb;
    const xapi_batch_msg *m[5];
    xapi_error e;
    static const unsigned want_same[5] = {
        0, XAPI_BATCH_SAME_ADDR | XAPI_BATCH_SAME_ITEMS, XAPI_BATCH_SAME_ITEMS,
        0, XAPI_BATCH_SAME_ADDR | XAPI_BATCH_SAME_ITEMS };
    static const int want_hop[5] = { 7, 7, 7, 9, 9 };

    h7.len = (size_t)int_payload(7, p7);
    h9.len = (size_t)int_payload(9, p9);
    set_on(b, IPPROTO_IPV6, IPV6_RECVHOPLIMIT);
    memset(out, 0, sizeof(out));
    for (i = 0; i < 5; i++) {
        out[i].iov = &v[i];
        out[i].iovlen = 1;
        out[i].addr = &to;
        out[i].items = i < 3 ? &h7 : &h9;
        out[i].nitems = 1;
    }
    /* Message 2 comes from c; the others from a. */
    ck_assert_int_eq(xapi_batch_sendv(a, out, 2, 0, NULL), 2);
    ck_assert_int_eq(xapi_batch_sendv(c, out + 2, 1, 0, NULL), 1);
    ck_assert_int_eq(xapi_batch_sendv(a, out + 3, 2, 0, NULL), 2);

    rb = xapi_recv_batch_new(16, 32, 64, NULL);
    ck_assert_ptr_nonnull(rb);
    ck_assert_int_eq(xapi_recv_batch_recv(b, rb, 16, 0, 2000, &e), 5);
    ck_assert_uint_eq(xapi_recv_batch_count(rb), 5);
    ck_assert_ptr_null(xapi_recv_batch_msg(rb, 5));
    for (i = 0; i < 5; i++) {
        char text[3] = { 'm', (char)('0' + i), 0 };

        m[i] = xapi_recv_batch_msg(rb, (unsigned)i);
        ck_assert_ptr_nonnull(m[i]);
        ck_assert_uint_eq(m[i]->len, 2);
        ck_assert_uint_eq(m[i]->datalen, 2);
        ck_assert_int_eq(memcmp(m[i]->data, text, 2), 0);
        ck_assert_int_eq(m[i]->flags, 0);
        same_addr(&m[i]->addr, i == 2 ? &from_c : &from_a);
        ck_assert_uint_eq(m[i]->same, want_same[i]);
        ck_assert_uint_eq(m[i]->nitems, 1);
        ck_assert_int_eq(m[i]->items[0].level, IPPROTO_IPV6);
        ck_assert_int_eq(m[i]->items[0].type, IPV6_HOPLIMIT);
        ck_assert_int_eq(m[i]->values[0].kind, XAPI_VALUE_INT);
        ck_assert_str_eq(m[i]->values[0].name, "hoplimit");
        ck_assert_int_eq(m[i]->values[0].i, want_hop[i]);
    }
    /* Same items: the very same decoded arrays. */
    ck_assert_ptr_eq(m[1]->values, m[0]->values);
    ck_assert_ptr_eq(m[2]->values, m[0]->values);
    ck_assert_ptr_ne(m[3]->values, m[0]->values);
    ck_assert_ptr_eq(m[4]->items, m[3]->items);
    xapi_recv_batch_free(rb);
    close(a);
    close(b);
    close(c);
}
END_TEST

/* MSG_TRUNC per message: the slot holds what fits, datalen says the
 * datagram's length; a control slot too small for both items gives
 * MSG_CTRUNC and the item that fitted. */
START_TEST(whole_recv_truncation)
{
    int a = bound6(), b = bound6();
    xapi_addr to = sockname(b);
    static const char big[20] = "0123456789abcdefghi";
    xapi_recv_batch *rb;
    const xapi_batch_msg *m;
    size_t lens[3] = { 4, 8, 20 };
    int i;

    for (i = 0; i < 3; i++)
        send_one(a, &to, big, lens[i]);
    rb = xapi_recv_batch_new(8, 8, 0, NULL);
    ck_assert_int_eq(xapi_recv_batch_recv(b, rb, 8, MSG_TRUNC, 2000, NULL),
                     3);
    for (i = 0; i < 3; i++) {
        m = xapi_recv_batch_msg(rb, (unsigned)i);
        ck_assert_uint_eq(m->datalen, lens[i]);
        ck_assert_uint_eq(m->len, lens[i] < 8 ? lens[i] : 8);
        ck_assert_int_eq(memcmp(m->data, big, m->len), 0);
        ck_assert_int_eq((m->flags & MSG_TRUNC) != 0, lens[i] > 8);
        ck_assert_uint_eq(m->nitems, 0);
    }
    xapi_recv_batch_free(rb);

    /* Room for the hop limit (CMSG_SPACE(4)) but not for pktinfo too. */
    set_on(b, IPPROTO_IPV6, IPV6_RECVHOPLIMIT);
    set_on(b, IPPROTO_IPV6, IPV6_RECVPKTINFO);
    send_one(a, &to, "ct", 2);
    rb = xapi_recv_batch_new(2, 8, CMSG_SPACE(sizeof(int)), NULL);
    ck_assert_int_eq(xapi_recv_batch_recv(b, rb, 2, 0, 2000, NULL), 1);
    m = xapi_recv_batch_msg(rb, 0);
    ck_assert_int_ne(m->flags & MSG_CTRUNC, 0);
    ck_assert_uint_eq(m->nitems, 1);
    xapi_recv_batch_free(rb);
    /* With room for both: pktinfo decoded to its text form. */
    send_one(a, &to, "ok", 2);
    rb = xapi_recv_batch_new(2, 8, 2 * CMSG_SPACE(sizeof(struct in6_pktinfo)),
                             NULL);
    ck_assert_int_eq(xapi_recv_batch_recv(b, rb, 2, 0, 2000, NULL), 1);
    m = xapi_recv_batch_msg(rb, 0);
    ck_assert_int_eq(m->flags & MSG_CTRUNC, 0);
    ck_assert_uint_eq(m->nitems, 2);
    for (i = 0; i < 2; i++)
        if (m->values[i].kind == XAPI_VALUE_PKTINFO)
            ck_assert_str_eq(m->values[i].pktinfo.addr, "::1");
    xapi_recv_batch_free(rb);
    close(a);
    close(b);
}
END_TEST

/* Receive-into: the slots are views of one caller buffer. */
START_TEST(whole_recv_into)
{
    int a = bound6(), b = bound6(), i;
    xapi_addr to = sockname(b);
    unsigned char buf[4 * 6];
    xapi_recv_batch *rb = xapi_recv_batch_new(4, 0, 0, NULL);
    const xapi_batch_msg *m;

    ck_assert_ptr_nonnull(rb);
    memset(buf, 0xee, sizeof(buf));
    send_one(a, &to, "one", 3);
    send_one(a, &to, "twotwotwo", 9);
    ck_assert_int_eq(xapi_recv_batch_recv_into(b, rb, 3, buf, 18, 6, 0, 2000,
                                               NULL), 2);
    ck_assert_int_eq(memcmp(buf, "one", 3), 0);
    ck_assert_int_eq(memcmp(buf + 6, "twotwo", 6), 0);
    for (i = 12; i < 24; i++)
        ck_assert_uint_eq(buf[i], 0xee);      /* slot 2 and past: untouched */
    m = xapi_recv_batch_msg(rb, 1);
    ck_assert_ptr_eq(m->data, buf + 6);
    ck_assert_uint_eq(m->len, 6);
    ck_assert_int_ne(m->flags & MSG_TRUNC, 0);
    ck_assert_uint_eq(m->same & XAPI_BATCH_SAME_ADDR, XAPI_BATCH_SAME_ADDR);
    xapi_recv_batch_free(rb);
    close(a);
    close(b);
}
END_TEST

/* What the kernel hands back is clamped before use: lengths past their
 * buffers, an item whose cmsg_len runs past the end. */
START_TEST(whole_lying_lengths)
{
    xapi_recv_batch *rb = xapi_recv_batch_new(3, 8, 64, NULL);
    unsigned char hop[sizeof(int)];
    size_t used = 0;
    const xapi_batch_msg *m;
    struct cmsghdr h;

    ck_assert_int_eq(xapi_recv_batch_prepare_(rb, 3, rb->data, rb->slot), 0);
    int_payload(5, hop);
    ck_assert_int_eq(xapi_cmsg_append(rb->msgs[0].control, 64, &used,
                                      IPPROTO_IPV6, IPV6_HOPLIMIT, hop,
                                      sizeof(hop)), 0);
    rb->msgs[0].controllen = 1000;            /* past the slot */
    rb->msgs[0].addr.len = 1000;              /* past the storage */
    rb->msgs[0].datalen = 1000;               /* past the data slot */
    /* Message 1: an item that claims 200 bytes in a 64-byte slot. */
    memset(&h, 0, sizeof(h));
    h.cmsg_len = 200;
    h.cmsg_level = IPPROTO_IPV6;
    h.cmsg_type = IPV6_HOPLIMIT;
    memcpy(rb->msgs[1].control, &h, sizeof(h));
    rb->msgs[1].controllen = 64;
    /* Message 2: a hop limit item of 1 byte (malformed payload). */
    used = 0;
    ck_assert_int_eq(xapi_cmsg_append(rb->msgs[2].control, 64, &used,
                                      IPPROTO_IPV6, IPV6_HOPLIMIT, hop, 1), 0);
    rb->msgs[2].controllen = used;
    ck_assert_int_eq(xapi_recv_batch_decode_(rb, 3, rb->slot), 3);
    ck_assert_int_eq(xapi_recv_batch_decode_(rb, 4, rb->slot), -1);
    m = xapi_recv_batch_msg(rb, 0);
    ck_assert_uint_eq(m->len, 8);
    ck_assert_uint_eq(m->datalen, 1000);
    ck_assert_uint_eq(m->addr.len, sizeof(m->addr.ss));
    ck_assert_uint_eq(m->nitems, 1);
    ck_assert_int_eq(m->values[0].i, 5);
    m = xapi_recv_batch_msg(rb, 1);
    ck_assert_uint_eq(m->nitems, 0);
    ck_assert_uint_ne(m->same & XAPI_BATCH_BAD_CONTROL, 0);
    m = xapi_recv_batch_msg(rb, 2);
    ck_assert_uint_eq(m->nitems, 1);
    ck_assert_uint_eq(m->items[0].len, 1);
    ck_assert_int_eq(m->values[0].kind, XAPI_VALUE_NONE);
    xapi_recv_batch_free(rb);
}
END_TEST

/* Bad input sends nothing; errors part-way follow the kernel. */
START_TEST(whole_send_errors)
{
    int a = bound6(), b = bound6(), i, bad = 300;
    xapi_addr to = sockname(b), longaddr = to;
    unsigned char p9[sizeof(int)];
    xapi_cmsg good = { IPPROTO_IPV6, IPV6_HOPLIMIT, p9, 0 };
    xapi_cmsg wrong = { IPPROTO_IPV6, IPV6_HOPLIMIT, (unsigned char *)&bad,
                        sizeof(bad) };
    xapi_cmsg nulldata = { IPPROTO_IPV6, IPV6_HOPLIMIT, NULL, 4 };
    struct iovec v = { "part", 4 }, nullpiece = { NULL, 3 };
    xapi_batch_out out[6];
    xapi_recv_batch *rb = xapi_recv_batch_new(16, 8, 0, NULL);
    xapi_error e;

    good.len = (size_t)int_payload(9, p9);
    memset(out, 0, sizeof(out));
    for (i = 0; i < 6; i++) {
        out[i].iov = &v;
        out[i].iovlen = 1;
        out[i].addr = &to;
        out[i].items = &good;
        out[i].nitems = 1;
    }
    ck_assert_int_eq(xapi_batch_sendv(a, out, 0, 0, NULL), 0);
    /* Caller mistakes in message 4: nothing at all is sent. */
    out[4].iov = &nullpiece;
    memset(&e, 0, sizeof(e));
    ck_assert_int_eq(xapi_batch_sendv(a, out, 6, 0, &e), -1);
    ck_assert_int_eq(e.code, EINVAL);
    ck_assert_str_eq(e.arg, "messages");
    ck_assert_ptr_nonnull(strstr(e.reason, "message 4"));
    out[4].iov = &v;
    out[4].items = &nulldata;
    ck_assert_int_eq(xapi_batch_sendv(a, out, 6, 0, &e), -1);
    out[4].items = &good;
    out[4].iovlen = XAPI_MAX_PIECES + 1;
    ck_assert_int_eq(xapi_batch_sendv(a, out, 6, 0, &e), -1);
    out[4].iovlen = 1;
    longaddr.len = sizeof(longaddr.ss) + 1;
    out[4].addr = &longaddr;
    ck_assert_int_eq(xapi_batch_sendv(a, out, 6, 0, &e), -1);
    out[4].addr = &to;
    ck_assert_int_eq(xapi_batch_sendv(a, NULL, 2, 0, &e), -1);
    ck_assert_int_eq(xapi_recv_batch_recv(b, rb, 16, MSG_DONTWAIT, -1, NULL),
                     -1);
    ck_assert_int_eq(errno, EAGAIN);

    /* The kernel refuses message 3 (a hop limit of 300). */
    out[3].items = &wrong;
    ck_assert_int_eq(xapi_batch_sendv(a, out, 6, 0, NULL), 3);
    memset(&e, 0, sizeof(e));
    ck_assert_int_eq(xapi_batch_sendv(a, out + 3, 3, 0, &e), -1);
    ck_assert_int_eq(e.code, EINVAL);
    ck_assert_ptr_null(e.arg);
    ck_assert_int_eq(xapi_batch_sendv(a, out + 4, 2, 0, NULL), 2);
    ck_assert_int_eq(xapi_recv_batch_recv(b, rb, 16, 0, 2000, NULL), 5);
    /* A bad descriptor: the kernel's errno, no argument. */
    ck_assert_int_eq(xapi_batch_sendv(-1, out, 1, 0, &e), -1);
    ck_assert_int_eq(e.code, EBADF);
    xapi_recv_batch_free(rb);
    close(a);
    close(b);
}
END_TEST

/* More than XAPI_BATCH_MAX messages go in several calls; pieces gather. */
START_TEST(whole_send_many)
{
    int a = bound6(), b = bound6(), i;
    xapi_addr to = sockname(b);
    enum { MANY = XAPI_BATCH_MAX + 100 };
    static xapi_batch_out out[MANY];
    struct iovec v[2] = { { "ab", 2 }, { "cd", 2 } };
    xapi_recv_batch *rb = xapi_recv_batch_new(XAPI_BATCH_MAX, 8, 0, NULL);
    unsigned got = 0;
    int r;

    ck_assert_int_eq(xapi_setsockopt_int(b, SOL_SOCKET, SO_RCVBUF, 4 << 20),
                     0);
    for (i = 0; i < MANY; i++) {
        out[i].iov = v;
        out[i].iovlen = 2;
        out[i].addr = &to;
    }
    ck_assert_int_eq(xapi_batch_sendv(a, out, MANY, 0, NULL), MANY);
    while ((r = xapi_recv_batch_recv(b, rb, XAPI_BATCH_MAX, MSG_DONTWAIT, -1,
                                     NULL)) > 0) {
        for (i = 0; i < r; i++) {
            const xapi_batch_msg *m = xapi_recv_batch_msg(rb, (unsigned)i);

            ck_assert_uint_eq(m->len, 4);
            ck_assert_int_eq(memcmp(m->data, "abcd", 4), 0);
        }
        got += (unsigned)r;
    }
    ck_assert_uint_eq(got, MANY);
    xapi_recv_batch_free(rb);
    close(a);
    close(b);
}
END_TEST

/* One message scattered over caller pieces, decoded as a batch of one. */
START_TEST(whole_recv_iov)
{
    int a = bound6(), b = bound6();
    xapi_addr to = sockname(b);
    char p1[3], p2[4];
    struct iovec v[2] = { { p1, sizeof(p1) }, { p2, sizeof(p2) } };
    struct iovec bad[1] = { { NULL, 5 } };
    xapi_recv_batch *rb = xapi_recv_batch_new(1, 0, 64, NULL);
    const xapi_batch_msg *m;
    xapi_error e;

    set_on(b, IPPROTO_IPV6, IPV6_RECVHOPLIMIT);
    memset(&e, 0, sizeof(e));
    ck_assert_int_eq(xapi_recv_batch_recv_iov(b, rb, bad, 1, 0, &e), -1);
    ck_assert_str_eq(e.arg, "buffers");
    ck_assert_int_eq(xapi_recv_batch_recv_iov(b, rb, NULL, 1, 0, &e), -1);
    ck_assert_int_eq(xapi_recv_batch_recv_iov(b, rb, v, XAPI_MAX_PIECES + 1,
                                              0, &e), -1);
    memset(&e, 0, sizeof(e));
    ck_assert_int_eq(xapi_recv_batch_recv_iov(b, rb, v, 2, MSG_DONTWAIT, &e),
                     -1);
    ck_assert_int_eq(e.code, EAGAIN);
    send_one(a, &to, "abcdefghi", 9);
    ck_assert_int_eq(xapi_recv_batch_recv_iov(b, rb, v, 2, 0, NULL), 1);
    m = xapi_recv_batch_msg(rb, 0);
    ck_assert_uint_eq(m->datalen, 7);
    ck_assert_uint_eq(m->len, 3);
    ck_assert_ptr_eq(m->data, (const unsigned char *)p1);
    ck_assert_int_eq(memcmp(p1, "abc", 3), 0);
    ck_assert_int_eq(memcmp(p2, "defg", 4), 0);
    ck_assert_int_ne(m->flags & MSG_TRUNC, 0);
    ck_assert_uint_eq(m->nitems, 1);
    ck_assert_int_eq(m->values[0].i, 64); /* the loopback's default */
    /* The batch's own receive works again afterwards. */
    send_one(a, &to, "z", 1);
    ck_assert_int_eq(xapi_recv_batch_recv_into(b, rb, 1, p1, 3, 3, 0, 2000,
                                               NULL), 1);
    ck_assert_int_eq(p1[0], 'z');
    xapi_recv_batch_free(rb);
    close(a);
    close(b);
}
END_TEST

/* ------------------------------------------------------------------ */
/* GRO splitting (xapi_recv_batch_split)                                */
/* ------------------------------------------------------------------ */

/* Fills message i of rb as the kernel would: datalen, flags, an address
 * and, for gso >= 0, a (SOL_UDP, UDP_GRO) item holding the int gso. */
static void fake_buffer(xapi_recv_batch *rb, unsigned i, size_t datalen,
                        int flags, int gso)
{
    xapi_msg *m = &rb->msgs[i];
    unsigned char p[sizeof(int)];
    struct sockaddr_in6 *a = (struct sockaddr_in6 *)&m->addr.ss;
    size_t used = 0;

    memset(&m->addr, 0, sizeof(m->addr));
    a->sin6_family = AF_INET6;
    a->sin6_port = htons(4242);
    a->sin6_addr.s6_addr[15] = 1;
    m->addr.len = sizeof(*a);
    m->datalen = datalen;
    m->flags = flags;
    if (gso >= 0) {
        int_payload(gso, p);
        ck_assert_int_eq(xapi_cmsg_append(m->control, rb->ctlsize, &used,
                                          SOL_UDP, UDP_GRO, p, sizeof(p)),
                         0);
    }
    m->controllen = used;
}

/* Decodes r faked buffers and splits them, as recv_common does. */
static unsigned fake_split(xapi_recv_batch *rb, unsigned r)
{
    ck_assert_int_eq(xapi_recv_batch_decode_(rb, r, rb->slot), (int)r);
    rb->nbuf = r;
    rb->next_buf = 0;
    rb->next_seg = 0;
    xapi_recv_batch_split_(rb);
    return xapi_recv_batch_count(rb);
}

static void expect_seg(const xapi_recv_batch *rb, unsigned i,
                       const unsigned char *data, size_t len, size_t datalen,
                       int trunc, unsigned same)
{
    const xapi_batch_msg *m = xapi_recv_batch_msg(rb, i);

    ck_assert_ptr_nonnull(m);
    ck_assert_ptr_eq(m->data, data);
    ck_assert_uint_eq(m->len, len);
    ck_assert_uint_eq(m->datalen, datalen);
    ck_assert_int_eq(!!(m->flags & MSG_TRUNC), trunc);
    ck_assert_uint_eq(m->same & (XAPI_BATCH_SAME_ADDR | XAPI_BATCH_SAME_ITEMS),
                      same);
    ck_assert_uint_eq(m->addr.len, sizeof(struct sockaddr_in6));
}

#define SAME (XAPI_BATCH_SAME_ADDR | XAPI_BATCH_SAME_ITEMS)

START_TEST(recv_batch_fit_keeps_or_replaces)
{
    xapi_recv_batch *rb = NULL, *first;
    unsigned char buf[128];
    xapi_error e;

    memset(&e, 0, sizeof(e));
    ck_assert_int_eq(xapi_recv_batch_fit(NULL, 2, 64, 0, 0, &e), -1);
    ck_assert_int_eq(errno, EINVAL);
    ck_assert_str_eq(e.arg, "batch");
    /* None yet: made. */
    ck_assert_int_eq(xapi_recv_batch_fit(&rb, 2, 64, 32, 0, &e), 0);
    ck_assert_ptr_nonnull(rb);
    ck_assert_uint_eq(xapi_recv_batch_capacity(rb), 2);
    first = rb;
    /* The same dimensions: kept. */
    ck_assert_int_eq(xapi_recv_batch_fit(&rb, 2, 64, 32, 0, &e), 0);
    ck_assert_ptr_eq(rb, first);
    /* Bad dimensions: the new batch's error, the kept one unchanged. */
    ck_assert_int_eq(xapi_recv_batch_fit(&rb, 0, 64, 32, 0, &e), -1);
    ck_assert_int_eq(errno, EINVAL);
    ck_assert_str_eq(e.arg, "count");
    ck_assert_int_eq(xapi_recv_batch_fit(&rb, 2, 64, 32,
                                         XAPI_GRO_SPLIT_MAX + 1, &e), -1);
    ck_assert_str_eq(e.arg, "segcap");
    ck_assert_ptr_eq(rb, first);
    /* Another count, then splitting: replaced each time (the old one
     * freed: the leak checkers see to that). */
    ck_assert_int_eq(xapi_recv_batch_fit(&rb, 4, 64, 32, 0, &e), 0);
    ck_assert_uint_eq(xapi_recv_batch_capacity(rb), 4);
    first = rb;
    ck_assert_int_eq(xapi_recv_batch_fit(&rb, 4, 64, 32, 256, &e), 0);
    ck_assert_uint_eq(xapi_recv_batch_capacity(rb), 4);
    ck_assert_int_eq(xapi_recv_batch_fit(&rb, 4, 64, 32, 256, &e), 0);
    ck_assert_int_eq(xapi_recv_batch_recv_into(-1, rb, 1, buf, sizeof(buf),
                                               64, 0, -1, &e), -1);
    ck_assert_str_eq(e.arg, "batch"); /* splitting: the into forms refuse it */
    ck_assert_int_eq(xapi_recv_batch_fit(&rb, 4, 128, 32, 256, &e), 0);
    ck_assert_int_eq(xapi_recv_batch_fit(&rb, 4, 128, 16, 256, &e), 0);
    ck_assert_uint_eq(xapi_recv_batch_pending(rb), 0);
    xapi_recv_batch_free(rb);
}
END_TEST

START_TEST(gro_split_arguments)
{
    xapi_recv_batch *rb = xapi_recv_batch_new(2, 64, 64, NULL);
    unsigned char buf[128];
    xapi_error e;

    memset(&e, 0, sizeof(e));
    ck_assert_int_eq(xapi_recv_batch_split(NULL, 4, &e), -1);
    ck_assert_int_eq(errno, EINVAL);
    ck_assert_str_eq(e.arg, "batch");
    ck_assert_int_eq(xapi_recv_batch_split(rb, XAPI_GRO_SPLIT_MAX + 1, &e),
                     -1);
    ck_assert_int_eq(errno, EINVAL);
    ck_assert_str_eq(e.arg, "segcap");
    ck_assert_uint_eq(xapi_recv_batch_pending(rb), 0);
    ck_assert_uint_eq(xapi_recv_batch_pending(NULL), 0);
    ck_assert_int_eq(xapi_recv_batch_split(rb, XAPI_GRO_SPLIT_MAX, &e), 0);
    ck_assert_int_eq(xapi_recv_batch_split(rb, 128, &e), 0);
    /* Splitting needs the batch's own slots. */
    ck_assert_int_eq(xapi_recv_batch_recv_into(-1, rb, 2, buf, sizeof(buf),
                                               64, 0, -1, &e), -1);
    ck_assert_int_eq(errno, EINVAL);
    ck_assert_str_eq(e.arg, "batch");
    ck_assert_int_eq(xapi_recv_batch_recv_iov(-1, rb, NULL, 0, 0, &e), -1);
    ck_assert_int_eq(errno, EINVAL);
    ck_assert_str_eq(e.arg, "batch");
    /* Off again: the into forms work (here EBADF from the kernel). */
    ck_assert_int_eq(xapi_recv_batch_split(rb, 0, &e), 0);
    ck_assert_int_eq(xapi_recv_batch_recv_into(-1, rb, 2, buf, sizeof(buf),
                                               64, 0, -1, &e), -1);
    ck_assert_int_eq(errno, EBADF);
    xapi_recv_batch_free(rb);
}
END_TEST

/* A coalesced buffer becomes its segments; buffers that were not
 * coalesced (shorter than a segment, no item, a malformed item, exactly
 * one segment) stay one message each. */
START_TEST(gro_split_views)
{
    xapi_recv_batch *rb = xapi_recv_batch_new(5, 512, 64, NULL);
    const unsigned char *d0, *d1;
    const xapi_batch_msg *m;

    ck_assert_int_eq(xapi_recv_batch_split(rb, 64, NULL), 0);
    ck_assert_int_eq(xapi_recv_batch_prepare_(rb, 5, rb->data, rb->slot), 0);
    fake_buffer(rb, 0, 250, 0, 100);   /* 100 + 100 + 50 */
    fake_buffer(rb, 1, 80, 0, 100);    /* shorter than a segment */
    fake_buffer(rb, 2, 30, 0, -1);     /* no item */
    fake_buffer(rb, 3, 250, 0, 0);     /* segment size 0: malformed */
    fake_buffer(rb, 4, 100, 0, 100);   /* exactly one segment */
    ck_assert_uint_eq(fake_split(rb, 5), 7);
    d0 = rb->data;
    d1 = rb->data + rb->slot;
    expect_seg(rb, 0, d0, 100, 100, 0, 0);
    expect_seg(rb, 1, d0 + 100, 100, 100, 0, SAME);
    expect_seg(rb, 2, d0 + 200, 50, 50, 0, SAME);
    /* Buffer 1 has the same address and the same item as buffer 0. */
    expect_seg(rb, 3, d1, 80, 80, 0, SAME);
    m = xapi_recv_batch_msg(rb, 0);
    ck_assert_uint_eq(m->nitems, 1);
    ck_assert_int_eq(m->values[0].kind, XAPI_VALUE_INT);
    ck_assert_int_eq(m->values[0].i, 100);
    ck_assert_ptr_eq(xapi_recv_batch_msg(rb, 2)->items, m->items);
    expect_seg(rb, 4, rb->data + 2 * rb->slot, 30, 30, 0,
               XAPI_BATCH_SAME_ADDR);
    ck_assert_uint_eq(xapi_recv_batch_msg(rb, 4)->nitems, 0);
    expect_seg(rb, 5, rb->data + 3 * rb->slot, 250, 250, 0,
               XAPI_BATCH_SAME_ADDR);
    ck_assert_int_eq(xapi_recv_batch_msg(rb, 5)->values[0].kind,
                     XAPI_VALUE_NONE);
    expect_seg(rb, 6, rb->data + 4 * rb->slot, 100, 100, 0,
               XAPI_BATCH_SAME_ADDR);
    ck_assert_ptr_null(xapi_recv_batch_msg(rb, 7));
    ck_assert_uint_eq(xapi_recv_batch_pending(rb), 0);

    /* A segment size larger than the buffer, and over 65535 (lying). */
    ck_assert_int_eq(xapi_recv_batch_prepare_(rb, 2, rb->data, rb->slot), 0);
    fake_buffer(rb, 0, 300, 0, 4000);
    fake_buffer(rb, 1, 300, 0, 70000);
    ck_assert_uint_eq(fake_split(rb, 2), 2);
    expect_seg(rb, 0, d0, 300, 300, 0, 0);
    expect_seg(rb, 1, d1, 300, 300, 0, XAPI_BATCH_SAME_ADDR);
    xapi_recv_batch_free(rb);
}
END_TEST

/* Truncated buffers: cut by datalen; what is missing is flagged. */
START_TEST(gro_split_truncated)
{
    xapi_recv_batch *rb = xapi_recv_batch_new(2, 150, 64, NULL);
    const unsigned char *d0, *d1;

    ck_assert_int_eq(xapi_recv_batch_split(rb, 16, NULL), 0);
    ck_assert_int_eq(xapi_recv_batch_prepare_(rb, 2, rb->data, rb->slot), 0);
    /* MSG_TRUNC in the call's flags: datalen is the full 250. */
    fake_buffer(rb, 0, 250, MSG_TRUNC, 100);
    /* Without it: datalen is what was copied, 150. */
    fake_buffer(rb, 1, 150, MSG_TRUNC, 100);
    ck_assert_uint_eq(fake_split(rb, 2), 5);
    d0 = rb->data;
    d1 = rb->data + rb->slot;
    expect_seg(rb, 0, d0, 100, 100, 0, 0);
    expect_seg(rb, 1, d0 + 100, 50, 100, 1, SAME);
    expect_seg(rb, 2, d0, 0, 50, 1, SAME);
    expect_seg(rb, 3, d1, 100, 100, 0, SAME);
    expect_seg(rb, 4, d1 + 100, 50, 50, 1, SAME);
    xapi_recv_batch_free(rb);
}
END_TEST

/* More segments than segcap: the rest is kept and the next receive
 * delivers it without a system call (fd -1 would fail one). */
START_TEST(gro_split_pending)
{
    xapi_recv_batch *rb = xapi_recv_batch_new(2, 8, 64, NULL);
    xapi_error e;
    unsigned got = 0, k;
    int r;

    memset(&e, 0, sizeof(e));
    ck_assert_int_eq(xapi_recv_batch_split(rb, 16, NULL), 0);
    ck_assert_int_eq(xapi_recv_batch_prepare_(rb, 2, rb->data, rb->slot), 0);
    /* Lying: 1000 bytes claimed in an 8-byte slot, segment size 1. */
    fake_buffer(rb, 0, 1000, MSG_TRUNC, 1);
    fake_buffer(rb, 1, 5, 0, -1);
    ck_assert_uint_eq(fake_split(rb, 2), 16);
    ck_assert_uint_eq(xapi_recv_batch_pending(rb), 1001 - 16);
    for (k = 0; k < 16; k++) {
        const xapi_batch_msg *m = xapi_recv_batch_msg(rb, k);

        ck_assert_uint_eq(m->datalen, 1);
        ck_assert_uint_eq(m->len, k < 8 ? 1 : 0);
        ck_assert_ptr_eq(m->data, k < 8 ? rb->data + k : rb->data);
    }
    got = 16;
    while ((r = xapi_recv_batch_recv(-1, rb, 2, 0, -1, &e)) > 0) {
        const xapi_batch_msg *m = xapi_recv_batch_msg(rb, 0);

        ck_assert_uint_eq(m->same & SAME, 0);
        got += (unsigned)r;
        if (got == 1001) {
            m = xapi_recv_batch_msg(rb, (unsigned)r - 1);
            ck_assert_uint_eq(m->len, 5);
            ck_assert_ptr_eq(m->data, rb->data + rb->slot);
            ck_assert_int_eq(m->flags, 0);
        }
        ck_assert_uint_le(got, 1001);
        if (got == 1001)
            ck_assert_uint_eq(xapi_recv_batch_pending(rb), 0);
    }
    ck_assert_uint_eq(got, 1001);
    ck_assert_int_eq(r, -1);
    ck_assert_int_eq(errno, EBADF); /* the next one is a system call */
    xapi_recv_batch_free(rb);
}
END_TEST

/* A real GSO send to a UDP_GRO socket on loopback: one coalesced buffer
 * of 250 bytes (the gro_receive test), delivered as 100, 100 and 50
 * bytes with the bytes that were sent. */
START_TEST(gro_split_loopback)
{
    int a = bound6(), b = bound6(), i;
    xapi_addr to = sockname(b), from = sockname(a);
    xapi_recv_batch *rb = xapi_recv_batch_new(4, 512, 128, NULL);
    xapi_error e;

    if (xapi_setsockopt_int(b, SOL_UDP, UDP_GRO, 1) < 0) {
        printf("test_batch: SKIP gro: setsockopt UDP_GRO: %s\n",
               strerror(errno));
        goto out;
    }
    set_on(b, IPPROTO_IPV6, IPV6_RECVHOPLIMIT);
    ck_assert_int_eq(xapi_recv_batch_split(rb, 4 * 64, &e), 0);
    if (!gso_send(a, &to))
        goto out;
    ck_assert_int_eq(xapi_recv_batch_recv(b, rb, 4, MSG_WAITFORONE, 5000, &e),
                     3);
    for (i = 0; i < 3; i++) {
        const xapi_batch_msg *m = xapi_recv_batch_msg(rb, (unsigned)i);
        size_t want = i < 2 ? 100 : 50, j;

        ck_assert_uint_eq(m->len, want);
        ck_assert_uint_eq(m->datalen, want);
        ck_assert_int_eq(m->flags, 0);
        for (j = 0; j < want; j++)
            ck_assert_uint_eq(m->data[j], (unsigned char)(100 * i + j));
        ck_assert_uint_eq(m->addr.len, from.len);
        ck_assert_mem_eq(&m->addr.ss, &from.ss, from.len);
        ck_assert_uint_eq(m->nitems, 2);
        ck_assert_uint_eq(m->same & SAME, i > 0 ? SAME : 0u);
    }
    ck_assert_int_eq(xapi_recv_batch_recv(b, rb, 4, MSG_DONTWAIT, -1, &e), -1);
    ck_assert_int_eq(errno, EAGAIN);
out:
    xapi_recv_batch_free(rb);
    close(a);
    close(b);
}
END_TEST

static Suite *batch_suite(void)
{
    Suite *s = suite_create("batch");
    TCase *tc = tcase_create("api");

    tcase_add_test(tc, batch_object);
    tcase_add_test(tc, batch_call_arguments);
    tcase_add_test(tc, setup_slots_layout);
    tcase_add_test(tc, gso_items_codec);
    suite_add_tcase(s, tc);

    tc = tcase_create("loopback");
    tcase_add_test(tc, recv16_addresses_and_items);
    tcase_add_test(tc, recv_partial);
    tcase_add_test(tc, recv_truncation_per_message);
    tcase_add_test(tc, send_per_message_items);
    tcase_add_test(tc, send_error_partway);
    tcase_add_test(tc, send_several_destinations);
    suite_add_tcase(s, tc);

    tc = tcase_create("whole");
    tcase_add_test(tc, whole_arguments);
    tcase_add_test(tc, whole_recv_same_as_previous);
    tcase_add_test(tc, whole_recv_truncation);
    tcase_add_test(tc, whole_recv_into);
    tcase_add_test(tc, whole_recv_iov);
    tcase_add_test(tc, whole_lying_lengths);
    tcase_add_test(tc, whole_send_errors);
    tcase_add_test(tc, whole_send_many);
    suite_add_tcase(s, tc);

    tc = tcase_create("gso");
    tcase_add_test(tc, gso_send_three_segments);
    tcase_add_test(tc, gro_receive);
    tcase_add_test(tc, gso_socket_option);
    suite_add_tcase(s, tc);

    tc = tcase_create("gro_split");
    tcase_add_test(tc, recv_batch_fit_keeps_or_replaces);
    tcase_add_test(tc, gro_split_arguments);
    tcase_add_test(tc, gro_split_views);
    tcase_add_test(tc, gro_split_truncated);
    tcase_add_test(tc, gro_split_pending);
    tcase_add_test(tc, gro_split_loopback);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(batch_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
