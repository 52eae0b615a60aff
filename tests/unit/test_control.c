/*
 * test_control.c - whole control buffers: xapi_items_space/_build against
 * glibc's own CMSG_* builder (the kernel's layout), xapi_items_parse over
 * lying buffers, and xapi_send over loopback.  Buffers a parse reads are
 * heap-allocated to their exact length, so ASan catches any over-read.
 */
#include <config.h>

#include <check.h>
#include <errno.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <linux/net_tstamp.h>

#include "xapi.h"

static unsigned char *dup_exact(const void *p, size_t n)
{
    unsigned char *q = malloc(n > 0 ? n : 1);

    ck_assert_ptr_nonnull(q);
    memcpy(q, p, n);
    return q;
}

/* The reference layout: glibc's CMSG_FIRSTHDR/CMSG_NXTHDR over a zeroed
 * buffer, as RFC 3542 section 20 shows it. */
static size_t glibc_build(unsigned char *buf, size_t cap,
                          const xapi_item *items, size_t n)
{
    struct msghdr mh;
    struct cmsghdr *c;
    size_t i, total = 0;

    for (i = 0; i < n; i++)
        total += CMSG_SPACE(items[i].len);
    ck_assert_uint_le(total, cap);
    memset(buf, 0, cap);
    memset(&mh, 0, sizeof(mh));
    mh.msg_control = buf;
    mh.msg_controllen = total;
    c = CMSG_FIRSTHDR(&mh);
    for (i = 0; i < n; i++) {
        ck_assert_ptr_nonnull(c);
        c->cmsg_len = CMSG_LEN(items[i].len);
        c->cmsg_level = items[i].level;
        c->cmsg_type = items[i].type;
        if (items[i].len > 0)
            memcpy(CMSG_DATA(c), items[i].data, items[i].len);
        c = CMSG_NXTHDR(&mh, c);
    }
    return total;
}

START_TEST(build_matches_glibc_layout)
{
    /* RFC 3542 6.3: IPV6_HOPLIMIT and IPV6_TCLASS carry an int. */
    int hops = 64, tclass = 0x28;
    static const unsigned char odd[3] = { 0xff, 0x00, 0xff };
    const xapi_item items[] = {
        { IPPROTO_IPV6, IPV6_HOPLIMIT, &hops, sizeof(hops) },
        { IPPROTO_IPV6, IPV6_TCLASS, &tclass, sizeof(tclass) },
        { 1, 99, odd, sizeof(odd) },
        { 65535, 7, NULL, 0 },
    };
    union { unsigned char b[256]; struct cmsghdr a; } want, got;
    size_t wantlen, space = 0, gotlen = 0;
    xapi_error e = { 0, NULL, "" };

    wantlen = glibc_build(want.b, sizeof(want.b), items, 4);
    ck_assert_int_eq(xapi_items_space(items, 4, &space, &e), 0);
    ck_assert_uint_eq(space, wantlen);
    memset(got.b, 0xaa, sizeof(got.b)); /* padding must be zeroed */
    ck_assert_int_eq(xapi_items_build(items, 4, got.b, space, &gotlen, &e), 0);
    ck_assert_uint_eq(gotlen, wantlen);
    ck_assert_mem_eq(got.b, want.b, wantlen);
    ck_assert_int_eq(e.code, 0);
    /* No items: an empty buffer, NULL accepted. */
    ck_assert_int_eq(xapi_items_space(NULL, 0, &space, NULL), 0);
    ck_assert_uint_eq(space, 0);
    ck_assert_int_eq(xapi_items_build(NULL, 0, NULL, 0, &gotlen, NULL), 0);
    ck_assert_uint_eq(gotlen, 0);
}
END_TEST

START_TEST(build_errors_name_the_argument)
{
    int one = 1;
    xapi_item items[2] = { { 41, 52, &one, sizeof(one) }, { 41, 67, NULL, 4 } };
    unsigned char buf[64];
    size_t space = 0, len = 0;
    xapi_error e = { 0, NULL, "" };

    ck_assert_int_eq(xapi_items_space(items, 2, &space, &e), -1);
    ck_assert_int_eq(errno, EINVAL);
    ck_assert_int_eq(e.code, EINVAL);
    ck_assert_str_eq(e.arg, "items");
    ck_assert_ptr_nonnull(strstr(e.reason, "item 1"));

    memset(&e, 0, sizeof(e));
    ck_assert_int_eq(xapi_items_space(NULL, 3, &space, &e), -1);
    ck_assert_str_eq(e.arg, "items");

    /* More than XAPI_MAX_ANC bytes in all: EMSGSIZE, a value error. */
    items[1].data = &one;
    items[1].len = XAPI_MAX_ANC;
    memset(&e, 0, sizeof(e));
    ck_assert_int_eq(xapi_items_space(items, 2, &space, &e), -1);
    ck_assert_int_eq(e.code, EMSGSIZE);
    ck_assert_str_eq(e.arg, "items");
    ck_assert_int_eq(xapi_error_is_value(&e), 1);

    /* Too small a buffer: ENOSPC, nothing written. */
    items[1].len = sizeof(one);
    memset(buf, 0x5a, sizeof(buf));
    memset(&e, 0, sizeof(e));
    ck_assert_int_eq(xapi_items_build(items, 2, buf, CMSG_SPACE(4), &len, &e),
                     -1);
    ck_assert_int_eq(e.code, ENOSPC);
    ck_assert_ptr_null(e.arg);
    ck_assert_uint_eq(buf[0], 0x5a);
    ck_assert_int_eq(xapi_items_build(items, 2, NULL, 8, &len, NULL), -1);
    ck_assert_int_eq(errno, EINVAL);
    ck_assert_int_eq(xapi_items_build(items, 2, buf, 64, NULL, NULL), -1);
    ck_assert_int_eq(errno, EINVAL);
}
END_TEST

START_TEST(parse_round_trip_with_views)
{
    int hops = 64, tclass = 0x28;
    struct in6_pktinfo pi;
    static const unsigned char raw[5] = "\0\0raw";
    xapi_item items[4];
    union { unsigned char b[512]; struct cmsghdr a; } ctl;
    xapi_cmsg c[4];
    xapi_value v[4];
    size_t len, n = 99;
    unsigned char *exact;
    xapi_error e = { 0, NULL, "" };

    memset(&pi, 0, sizeof(pi));
    pi.ipi6_addr.s6_addr[15] = 1; /* ::1 */
    pi.ipi6_ifindex = 1;
    items[0] = (xapi_item){ IPPROTO_IPV6, IPV6_HOPLIMIT, &hops, sizeof(hops) };
    items[1] = (xapi_item){ IPPROTO_IPV6, IPV6_TCLASS, &tclass, sizeof(tclass) };
    items[2] = (xapi_item){ IPPROTO_IPV6, IPV6_PKTINFO, &pi, sizeof(pi) };
    items[3] = (xapi_item){ 65535, 7, raw, sizeof(raw) };
    len = glibc_build(ctl.b, sizeof(ctl.b), items, 4);
    exact = dup_exact(ctl.b, len);

    ck_assert_uint_eq(xapi_items_count(exact, len), 4);
    ck_assert_int_eq(xapi_items_parse(exact, len, c, v, 4, &n,
                                      XAPI_ITEMS_STRICT_HEADERS |
                                      XAPI_ITEMS_STRICT_VALUES, &e), 0);
    ck_assert_uint_eq(n, 4);
    ck_assert_int_eq(c[0].level, IPPROTO_IPV6);
    ck_assert_int_eq(c[0].type, IPV6_HOPLIMIT);
    ck_assert_int_eq(v[0].kind, XAPI_VALUE_INT);
    ck_assert_str_eq(v[0].name, "hoplimit");
    ck_assert_int_eq(v[0].i, 64);
    ck_assert_str_eq(v[1].name, "tclass");
    ck_assert_int_eq(v[1].i, 0x28);
    ck_assert_int_eq(v[2].kind, XAPI_VALUE_PKTINFO);
    ck_assert_str_eq(v[2].pktinfo.addr, "::1");
    ck_assert_uint_eq(v[2].pktinfo.ifindex, 1);
    ck_assert_int_eq(v[3].kind, XAPI_VALUE_NONE);
    ck_assert_uint_eq(c[3].len, sizeof(raw));
    ck_assert_mem_eq(c[3].data, raw, sizeof(raw));
    /* Views point into the caller's buffer, at CMSG_DATA. */
    ck_assert_ptr_eq(c[0].data, exact + CMSG_LEN(0));

    /* Too small arrays: ENOSPC, a system error (never the caller's value). */
    memset(&e, 0, sizeof(e));
    ck_assert_int_eq(xapi_items_parse(exact, len, c, v, 3, &n, 0, &e), -1);
    ck_assert_int_eq(e.code, ENOSPC);
    ck_assert_ptr_null(e.arg);
    free(exact);

    /* Empty and NULL buffers hold no items. */
    ck_assert_int_eq(xapi_items_parse(NULL, 0, NULL, NULL, 0, &n, 0, NULL), 0);
    ck_assert_uint_eq(n, 0);
    ck_assert_uint_eq(xapi_items_count(NULL, 0), 0);
}
END_TEST

START_TEST(parse_lying_cmsg_len)
{
    /* One IPV6_HOPLIMIT item whose cmsg_len is each lie in turn: below
     * the header (0, 15), past the end, huge. */
    static const size_t lies[] = { 0, 15, CMSG_LEN(4) + 1, 200,
                                   (size_t)1 << 31, SIZE_MAX };
    size_t i;

    for (i = 0; i < sizeof(lies) / sizeof(lies[0]); i++) {
        union { unsigned char b[64]; struct cmsghdr a; } ctl;
        struct cmsghdr h;
        int one = 1;
        xapi_cmsg c[2];
        xapi_value v[2];
        size_t n = 99, len = CMSG_LEN(sizeof(int));
        unsigned char *exact;
        xapi_error e = { 0, NULL, "" };

        memset(&ctl, 0, sizeof(ctl));
        h.cmsg_len = lies[i];
        h.cmsg_level = IPPROTO_IPV6;
        h.cmsg_type = IPV6_HOPLIMIT;
        memcpy(ctl.b, &h, sizeof(h));
        memcpy(ctl.b + CMSG_LEN(0), &one, sizeof(one));
        exact = dup_exact(ctl.b, len);

        ck_assert_uint_eq(xapi_items_count(exact, len), 0);
        /* Received (no flags): the walk stops, nothing is lost before. */
        ck_assert_int_eq(xapi_items_parse(exact, len, c, v, 2, &n, 0, &e), 0);
        ck_assert_uint_eq(n, 0);
        /* Strict: EINVAL naming bytes and the cmsg_len. */
        ck_assert_int_eq(xapi_items_parse(exact, len, c, v, 2, &n,
                                          XAPI_ITEMS_STRICT_HEADERS, &e), -1);
        ck_assert_int_eq(errno, EINVAL);
        ck_assert_int_eq(e.code, EINVAL);
        ck_assert_str_eq(e.arg, "bytes");
        ck_assert_ptr_nonnull(strstr(e.reason, "cmsg_len"));
        free(exact);
    }
}
END_TEST

START_TEST(parse_malformed_payloads)
{
    /* A hop limit of 2 bytes (RFC 3542 says int) and a path MTU item that
     * is too short, after a good item. */
    int hops = 7;
    static const unsigned char two[2] = { 7, 0 }, shortmtu[5] = "short";
    const xapi_item items[] = {
        { IPPROTO_IPV6, IPV6_HOPLIMIT, &hops, sizeof(hops) },
        { IPPROTO_IPV6, IPV6_HOPLIMIT, two, sizeof(two) },
        { IPPROTO_IPV6, IPV6_PATHMTU, shortmtu, sizeof(shortmtu) },
    };
    union { unsigned char b[256]; struct cmsghdr a; } ctl;
    xapi_cmsg c[3];
    xapi_value v[3];
    size_t len, n = 0;
    unsigned char *exact;
    xapi_error e = { 0, NULL, "" };

    len = glibc_build(ctl.b, sizeof(ctl.b), items, 3);
    exact = dup_exact(ctl.b, len);
    /* Lenient: kept raw, no view. */
    ck_assert_int_eq(xapi_items_parse(exact, len, c, v, 3, &n,
                                      XAPI_ITEMS_STRICT_HEADERS, &e), 0);
    ck_assert_uint_eq(n, 3);
    ck_assert_int_eq(v[0].kind, XAPI_VALUE_INT);
    ck_assert_int_eq(v[1].kind, XAPI_VALUE_NONE);
    ck_assert_uint_eq(c[1].len, 2);
    ck_assert_int_eq(v[2].kind, XAPI_VALUE_NONE);
    /* Strict values: EINVAL naming bytes and the item. */
    ck_assert_int_eq(xapi_items_parse(exact, len, c, v, 3, &n,
                                      XAPI_ITEMS_STRICT_VALUES, &e), -1);
    ck_assert_int_eq(e.code, EINVAL);
    ck_assert_str_eq(e.arg, "bytes");
    ck_assert_ptr_nonnull(strstr(e.reason, "item 1"));
    ck_assert_int_eq(xapi_items_parse(exact, len, c, v, 3, &n, 4, &e), -1);
    ck_assert_str_eq(e.arg, "flags");
    free(exact);
}
END_TEST

START_TEST(send_items_over_loopback)
{
    int tx = xapi_socket(AF_INET6, SOCK_DGRAM, 0);
    int rx = xapi_socket(AF_INET6, SOCK_DGRAM, 0);
    int hops = 9;
    xapi_item item = { IPPROTO_IPV6, IPV6_HOPLIMIT, &hops, sizeof(hops) };
    struct iovec iov[2] = { { (void *)"ab", 2 }, { (void *)"cde", 3 } };
    unsigned char data[16];
    union { unsigned char b[256]; struct cmsghdr a; } ctl;
    struct iovec riov = { data, sizeof(data) };
    xapi_msg m;
    xapi_addr to;
    xapi_cmsg c[4];
    xapi_value v[4];
    size_t n = 0;
    struct pollfd p;
    xapi_error e = { 0, NULL, "" };

    ck_assert_int_ge(tx, 0);
    ck_assert_int_ge(rx, 0);
    ck_assert_int_eq(xapi_bind(rx, "::1", 0, NULL), 0);
    ck_assert_int_eq(xapi_setsockopt_int(rx, IPPROTO_IPV6,
                                         IPV6_RECVHOPLIMIT, 1), 0);
    ck_assert_int_eq(xapi_getsockname(rx, &to), 0);
    ck_assert_int_eq(xapi_send(tx, iov, 2, &to, &item, 1, 0, &e), 5);

    p.fd = rx;
    p.events = POLLIN;
    ck_assert_int_eq(poll(&p, 1, 5000), 1);
    memset(&m, 0, sizeof(m));
    m.iov = &riov;
    m.iovlen = 1;
    m.control = ctl.b;
    m.controllen = sizeof(ctl.b);
    ck_assert_int_eq(xapi_recvmsg(rx, &m, 0), 5);
    ck_assert_mem_eq(data, "abcde", 5);
    ck_assert_int_eq(xapi_items_parse(m.control, m.controllen, c, v, 4, &n,
                                      XAPI_ITEMS_STRICT_HEADERS, &e), 0);
    ck_assert_uint_eq(n, 1);
    ck_assert_str_eq(v[0].name, "hoplimit");
    ck_assert_int_eq(v[0].i, 9); /* what was sent, as the kernel reports */

    /* Bad input names its argument; the kernel's refusal does not. */
    ck_assert_int_eq(xapi_send(tx, NULL, 1, &to, NULL, 0, 0, &e), -1);
    ck_assert_str_eq(e.arg, "iov");
    memset(&e, 0, sizeof(e));
    item.data = NULL;
    ck_assert_int_eq(xapi_send(tx, iov, 2, &to, &item, 1, 0, &e), -1);
    ck_assert_str_eq(e.arg, "items");
    memset(&e, 0, sizeof(e));
    ck_assert_int_eq(xapi_send(-1, iov, 2, &to, NULL, 0, 0, &e), -1);
    ck_assert_int_eq(e.code, EBADF);
    ck_assert_ptr_null(e.arg);
    close(tx);
    close(rx);
}
END_TEST

START_TEST(send_large_control_on_the_heap)
{
    /* More items than the core's stack buffer holds (2 KB): 200 hop
     * limits take 200 * CMSG_SPACE(4) = 4000 bytes; the kernel accepts a
     * repeated item and uses the last. */
    int tx = xapi_socket(AF_INET6, SOCK_DGRAM, 0);
    int rx = xapi_socket(AF_INET6, SOCK_DGRAM, 0);
    int hops = 5;
    xapi_item items[200];
    struct iovec iov = { (void *)"x", 1 };
    xapi_addr to;
    size_t i;
    ssize_t r;

    for (i = 0; i < 200; i++)
        items[i] = (xapi_item){ IPPROTO_IPV6, IPV6_HOPLIMIT, &hops,
                                sizeof(hops) };
    ck_assert_int_eq(xapi_bind(rx, "::1", 0, NULL), 0);
    ck_assert_int_eq(xapi_getsockname(rx, &to), 0);
    r = xapi_send(tx, &iov, 1, &to, items, 200, 0, NULL);
    /* Either sent or refused by the kernel's optmem limit (ENOBUFS);
     * never an overrun (ASan) or a leak (LSan). */
    ck_assert(r == 1 || (r == -1 && errno == ENOBUFS));
    close(tx);
    close(rx);
}
END_TEST

START_TEST(typed_items_match_rfc3542)
{
    xapi_typed_item t;
    struct in6_pktinfo pi6;
    struct in_pktinfo pi4;
    xapi_error e = { 0, NULL, "" };
    int v = 64;

    /* RFC 3542 6.3: an int payload. */
    ck_assert_int_eq(xapi_typed_int("hoplimit", 64, &t, &e), 0);
    ck_assert_int_eq(t.item.level, IPPROTO_IPV6);
    ck_assert_int_eq(t.item.type, IPV6_HOPLIMIT);
    ck_assert_uint_eq(t.item.len, sizeof(int));
    ck_assert_mem_eq(t.item.data, &v, sizeof(v));
    ck_assert_str_eq(t.view.name, "hoplimit");
    ck_assert_int_eq(t.view.i, 64);
    /* -1: the default, no received form, still a view. */
    ck_assert_int_eq(xapi_typed_int("tclass", -1, &t, &e), 0);
    ck_assert_int_eq(t.item.type, IPV6_TCLASS);
    ck_assert_int_eq(t.view.kind, XAPI_VALUE_INT);
    ck_assert_int_eq(t.view.i, -1);
    ck_assert_int_eq(xapi_typed_int("ttl", 0, &t, &e), -1);
    ck_assert_str_eq(e.arg, "ttl");
    ck_assert_int_eq(xapi_typed_int("tos", 256, &t, &e), -1);
    ck_assert_int_eq(xapi_typed_int("nope", 1, &t, &e), -1);
    ck_assert_str_eq(e.arg, "kind");
    ck_assert_int_eq(xapi_error_is_value(&e), 1);

    /* RFC 3542 6.1: struct in6_pktinfo. */
    ck_assert_int_eq(xapi_typed_pktinfo6("::1", 7, &t, &e), 0);
    memset(&pi6, 0, sizeof(pi6));
    pi6.ipi6_addr.s6_addr[15] = 1;
    pi6.ipi6_ifindex = 7;
    ck_assert_uint_eq(t.item.len, sizeof(pi6));
    ck_assert_mem_eq(t.item.data, &pi6, sizeof(pi6));
    ck_assert_str_eq(t.view.pktinfo.addr, "::1");
    ck_assert_int_eq(xapi_typed_pktinfo6("bad", 7, &t, &e), -1);
    ck_assert_str_eq(e.arg, "addr");

    /* ip(7): struct in_pktinfo. */
    ck_assert_int_eq(xapi_typed_pktinfo4(3, "192.0.2.1", NULL, &t, &e), 0);
    memset(&pi4, 0, sizeof(pi4));
    pi4.ipi_ifindex = 3;
    pi4.ipi_spec_dst.s_addr = htonl(0xc0000201);
    ck_assert_int_eq(t.item.level, IPPROTO_IP);
    ck_assert_int_eq(t.item.type, IP_PKTINFO);
    ck_assert_mem_eq(t.item.data, &pi4, sizeof(pi4));
    ck_assert_str_eq(t.view.pktinfo.spec_dst, "192.0.2.1");
    ck_assert_int_eq(xapi_typed_pktinfo4(3, "x", NULL, &t, &e), -1);
    ck_assert_str_eq(e.arg, "spec_dst");
    ck_assert_int_eq(xapi_typed_pktinfo4(1u << 31, NULL, NULL, &t, &e), -1);
    ck_assert_str_eq(e.arg, "ifindex");

    /* Raw: not copied, decoded leniently. */
    ck_assert_int_eq(xapi_typed_raw(IPPROTO_IPV6, IPV6_HOPLIMIT, &v,
                                    sizeof(v), &t, &e), 0);
    ck_assert_ptr_eq(t.item.data, &v);
    ck_assert_str_eq(t.view.name, "hoplimit");
    ck_assert_int_eq(t.view.i, 64);
    ck_assert_int_eq(xapi_typed_raw(IPPROTO_IPV6, IPV6_HOPLIMIT, &v, 2, &t,
                                    &e), 0);
    ck_assert_int_eq(t.view.kind, XAPI_VALUE_NONE);
    ck_assert_int_eq(xapi_typed_raw(1, 2, NULL, 3, &t, &e), -1);
    ck_assert_str_eq(e.arg, "data");
}
END_TEST

/* timestamping.rst 1.3.3: an SO_TIMESTAMPING item on one send asks for
 * that send's transmit stamps; the payload is a __u32 of TX flags, and
 * __sock_cmsg_send() refuses any other bit. */
START_TEST(typed_tsflags_per_send)
{
    xapi_typed_item t;
    xapi_error e = { 0, NULL, "" };
    uint32_t want = SOF_TIMESTAMPING_TX_SOFTWARE | SOF_TIMESTAMPING_TX_SCHED;
    int tx = xapi_socket(AF_INET, SOCK_DGRAM, 0);
    int rx = xapi_socket(AF_INET, SOCK_DGRAM, 0);
    int opt = SOF_TIMESTAMPING_SOFTWARE | SOF_TIMESTAMPING_OPT_TSONLY;
    struct iovec iov = { (void *)"x", 1 };
    struct pollfd p;
    char buf[256], ctl[512];
    struct iovec riov = { buf, sizeof(buf) };
    xapi_msg m;
    xapi_addr to;

    ck_assert_int_eq(xapi_typed_tsflags(want, &t, &e), 0);
    ck_assert_int_eq(t.item.level, SOL_SOCKET);
    ck_assert_int_eq(t.item.type, SO_TIMESTAMPING);
    ck_assert_uint_eq(t.item.len, 4);
    ck_assert_mem_eq(t.item.data, &want, 4);
    ck_assert_int_eq(t.view.kind, XAPI_VALUE_NONE); /* send-only */
    ck_assert_int_eq(xapi_typed_tsflags(SOF_TIMESTAMPING_TX_HARDWARE |
                                        SOF_TIMESTAMPING_TX_ACK, &t, &e), 0);
    ck_assert_int_eq(xapi_typed_tsflags(0, &t, &e), 0);
    /* Reporting and option flags are the socket option's, not a send's. */
    ck_assert_int_eq(xapi_typed_tsflags(SOF_TIMESTAMPING_RX_SOFTWARE, &t, &e),
                     -1);
    ck_assert_str_eq(e.arg, "flags");
    ck_assert_int_eq(e.code, EINVAL);
    memset(&e, 0, sizeof(e));
    ck_assert_int_eq(xapi_typed_tsflags(SOF_TIMESTAMPING_TX_SOFTWARE |
                                        SOF_TIMESTAMPING_OPT_ID, &t, &e), -1);
    ck_assert_str_eq(e.arg, "flags");
    ck_assert_int_eq(xapi_typed_tsflags(SOF_TIMESTAMPING_SOFTWARE, &t, &e),
                     -1);
    ck_assert_int_eq(xapi_typed_tsflags(0, NULL, &e), -1);
    ck_assert_str_eq(e.arg, "out");

    /* The kernel takes it: a socket reporting software stamps but
     * generating none gets one for the send that carries the item. */
    ck_assert_int_eq(xapi_bind(rx, "127.0.0.1", 0, NULL), 0);
    ck_assert_int_eq(xapi_getsockname(rx, &to), 0);
    ck_assert_int_eq(setsockopt(tx, SOL_SOCKET, SO_TIMESTAMPING, &opt,
                                sizeof(opt)), 0);
    ck_assert_int_eq(xapi_send(tx, &iov, 1, &to, NULL, 0, 0, NULL), 1);
    ck_assert_int_eq(recv(tx, buf, sizeof(buf), MSG_ERRQUEUE | MSG_DONTWAIT),
                     -1);
    ck_assert_int_eq(errno, EAGAIN);
    ck_assert_int_eq(xapi_typed_tsflags(SOF_TIMESTAMPING_TX_SOFTWARE, &t, &e),
                     0);
    ck_assert_int_eq(xapi_send(tx, &iov, 1, &to, &t.item, 1, 0, NULL), 1);
    p.fd = tx;
    p.events = 0; /* POLLERR is always reported */
    ck_assert_int_eq(poll(&p, 1, 5000), 1);
    ck_assert(p.revents & POLLERR);
    memset(&m, 0, sizeof(m));
    m.iov = &riov;
    m.iovlen = 1;
    m.control = ctl;
    m.controllen = sizeof(ctl);
    ck_assert_int_ge(xapi_recvmsg(tx, &m, MSG_ERRQUEUE), 0);
    close(tx);
    close(rx);
}
END_TEST

Suite *control_suite(void);
Suite *control_suite(void)
{
    Suite *s = suite_create("control");
    TCase *b = tcase_create("build");
    TCase *p = tcase_create("parse");
    TCase *t = tcase_create("send");

    tcase_add_test(b, build_matches_glibc_layout);
    tcase_add_test(b, build_errors_name_the_argument);
    tcase_add_test(b, typed_items_match_rfc3542);
    tcase_add_test(p, parse_round_trip_with_views);
    tcase_add_test(p, parse_lying_cmsg_len);
    tcase_add_test(p, parse_malformed_payloads);
    tcase_add_test(t, send_items_over_loopback);
    tcase_add_test(t, send_large_control_on_the_heap);
    tcase_add_test(t, typed_tsflags_per_send);
    suite_add_tcase(s, b);
    suite_add_tcase(s, p);
    suite_add_tcase(s, t);
    return s;
}
