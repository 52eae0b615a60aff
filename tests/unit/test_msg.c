/*
 * test_msg.c - sendmsg/recvmsg over real loopback sockets.  What arrives
 * is the kernel's behaviour; expected values are what was sent, and
 * /sys/class/net for interface indexes.
 */
#include <config.h>

#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>

#include "xapi.h"
#include "msg_helpers.h"

unsigned sys_ifindex(const char *name);

static int bound(int family, const char *host)
{
    int fd = xapi_socket(family, SOCK_DGRAM, 0);

    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(xapi_bind(fd, host, 0, NULL), 0);
    return fd;
}

static void wait_readable(int fd)
{
    struct pollfd p = { .fd = fd, .events = POLLIN };

    ck_assert_int_eq(poll(&p, 1, 5000), 1);
}



static void add_int(unsigned char *ctl, size_t cap, size_t *used, int level,
                    int type, int value)
{
    unsigned char payload[sizeof(int)];
    size_t n;

    ck_assert_int_eq(xapi_encode_int(value, payload, sizeof(payload), &n), 0);
    ck_assert_int_eq(xapi_cmsg_append(ctl, cap, used, level, type, payload, n),
                     0);
}


static int count_items(const xapi_msg *m)
{
    xapi_cmsg_iter it;
    xapi_cmsg c;
    int n = 0, rc;

    xapi_cmsg_iter_init(&it, m->control, m->controllen);
    while ((rc = xapi_cmsg_next(&it, &c)) == 1)
        n++;
    ck_assert_int_eq(rc, 0);
    return n;
}


START_TEST(udp6_items_scatter_gather)
{
    int a = bound(AF_INET6, "::1"), b = bound(AF_INET6, "::1");
    unsigned char sctl[128], rctl[256], p1[4], p2[4], p3[16];
    size_t used = 0;
    struct iovec out[3] = { { "abc", 3 }, { "\0", 1 }, { "xyz", 3 } };
    struct iovec in[3] = { { p1, 4 }, { p2, 4 }, { p3, sizeof(p3) } };
    xapi_msg sm, rm;
    xapi_value v;
    xapi_addr from;

    set_on(b, IPPROTO_IPV6, IPV6_RECVHOPLIMIT);
    set_on(b, IPPROTO_IPV6, IPV6_RECVTCLASS);
    set_on(b, IPPROTO_IPV6, IPV6_RECVPKTINFO);
    add_int(sctl, sizeof(sctl), &used, IPPROTO_IPV6, IPV6_HOPLIMIT, 7);
    add_int(sctl, sizeof(sctl), &used, IPPROTO_IPV6, IPV6_TCLASS, 0x28);

    memset(&sm, 0, sizeof(sm));
    sm.addr = sockname(b);
    sm.iov = out;
    sm.iovlen = 3;
    sm.control = sctl;
    sm.controllen = used;
    ck_assert_int_eq(xapi_sendmsg(a, &sm, 0), 7);
    ck_assert_uint_eq(sm.datalen, 7);

    memset(&rm, 0, sizeof(rm));
    rm.iov = in;
    rm.iovlen = 3;
    rm.control = rctl;
    rm.controllen = sizeof(rctl);
    wait_readable(b);
    ck_assert_int_eq(xapi_recvmsg(b, &rm, 0), 7);
    ck_assert_uint_eq(rm.datalen, 7);
    ck_assert_int_eq(rm.flags & (MSG_TRUNC | MSG_CTRUNC), 0);
    ck_assert_uint_eq(xapi_msg_piece_len(&rm, 0), 4);
    ck_assert_uint_eq(xapi_msg_piece_len(&rm, 1), 3);
    ck_assert_uint_eq(xapi_msg_piece_len(&rm, 2), 0);
    ck_assert_mem_eq(p1, "abc\0", 4);
    ck_assert_mem_eq(p2, "xyz", 3);

    from = sockname(a);
    same_addr(&rm.addr, &from);
    ck_assert_uint_le(rm.controllen, sizeof(rctl));
    ck_assert_int_eq(count_items(&rm), 3);
    ck_assert_int_eq(find_item(&rm, IPPROTO_IPV6, IPV6_HOPLIMIT, &v), 1);
    ck_assert_int_eq(v.i, 7);
    ck_assert_int_eq(find_item(&rm, IPPROTO_IPV6, IPV6_TCLASS, &v), 1);
    ck_assert_int_eq(v.i, 0x28);
    ck_assert_int_eq(find_item(&rm, IPPROTO_IPV6, IPV6_PKTINFO, &v), 1);
    ck_assert_str_eq(v.pktinfo.addr, "::1");
    ck_assert_uint_eq(v.pktinfo.ifindex, sys_ifindex("lo"));
    close(a);
    close(b);
}
END_TEST

START_TEST(udp4_ttl_tos_pktinfo)
{
    int a = bound(AF_INET, "127.0.0.1"), b = bound(AF_INET, "127.0.0.1");
    unsigned char sctl[128], rctl[256], buf[16];
    size_t used = 0;
    struct iovec out = { "v4", 2 }, in = { buf, sizeof(buf) };
    xapi_msg sm, rm;
    xapi_value v;

    set_on(b, IPPROTO_IP, IP_RECVTTL);
    set_on(b, IPPROTO_IP, IP_RECVTOS);
    set_on(b, IPPROTO_IP, IP_PKTINFO);
    add_int(sctl, sizeof(sctl), &used, IPPROTO_IP, IP_TTL, 5);
    add_int(sctl, sizeof(sctl), &used, IPPROTO_IP, IP_TOS, 0x10);

    memset(&sm, 0, sizeof(sm));
    sm.addr = sockname(b);
    sm.iov = &out;
    sm.iovlen = 1;
    sm.control = sctl;
    sm.controllen = used;
    ck_assert_int_eq(xapi_sendmsg(a, &sm, 0), 2);

    memset(&rm, 0, sizeof(rm));
    rm.iov = &in;
    rm.iovlen = 1;
    rm.control = rctl;
    rm.controllen = sizeof(rctl);
    wait_readable(b);
    ck_assert_int_eq(xapi_recvmsg(b, &rm, 0), 2);
    ck_assert_int_eq(count_items(&rm), 3);
    ck_assert_int_eq(find_item(&rm, IPPROTO_IP, IP_TTL, &v), 1);
    ck_assert_str_eq(v.name, "ttl");
    ck_assert_int_eq(v.i, 5);
    ck_assert_int_eq(find_item(&rm, IPPROTO_IP, IP_TOS, &v), 1);
    ck_assert_int_eq(v.i, 0x10);
    ck_assert_int_eq(find_item(&rm, IPPROTO_IP, IP_PKTINFO, &v), 1);
    ck_assert_int_eq(v.pktinfo.family, AF_INET);
    ck_assert_str_eq(v.pktinfo.addr, "127.0.0.1");
    ck_assert_uint_eq(v.pktinfo.ifindex, sys_ifindex("lo"));
    close(a);
    close(b);
}
END_TEST

static void send_bytes(int from, int to, size_t n, int c)
{
    unsigned char data[256];
    struct iovec v = { data, n };
    xapi_msg m;

    ck_assert_uint_le(n, sizeof(data));
    memset(data, c, n);
    memset(&m, 0, sizeof(m));
    m.addr = sockname(to);
    m.iov = &v;
    m.iovlen = 1;
    ck_assert_int_eq(xapi_sendmsg(from, &m, 0), (ssize_t)n);
}

START_TEST(udp_trunc)
{
    int a = bound(AF_INET6, "::1"), b = bound(AF_INET6, "::1");
    unsigned char p1[6], p2[4];
    struct iovec in[2] = { { p1, 6 }, { p2, 4 } };
    xapi_msg m;

    send_bytes(a, b, 100, 0x41);
    memset(&m, 0, sizeof(m));
    m.iov = in;
    m.iovlen = 1;
    wait_readable(b);
    ck_assert_int_eq(xapi_recvmsg(b, &m, 0), 6);
    ck_assert_int_ne(m.flags & MSG_TRUNC, 0);

    /* MSG_TRUNC in the call: the datagram's real length comes back, the
     * pieces still hold only what fitted. */
    send_bytes(a, b, 100, 0x42);
    m.iovlen = 2;
    wait_readable(b);
    ck_assert_int_eq(xapi_recvmsg(b, &m, MSG_TRUNC), 100);
    ck_assert_uint_eq(m.datalen, 100);
    ck_assert_int_ne(m.flags & MSG_TRUNC, 0);
    ck_assert_uint_eq(xapi_msg_piece_len(&m, 0), 6);
    ck_assert_uint_eq(xapi_msg_piece_len(&m, 1), 4);
    ck_assert_uint_eq(p2[3], 0x42);
    close(a);
    close(b);
}
END_TEST

START_TEST(udp_ctrunc)
{
    int a = bound(AF_INET6, "::1"), b = bound(AF_INET6, "::1");
    unsigned char buf[16], rctl[CMSG_SPACE(sizeof(int))];
    struct iovec in = { buf, sizeof(buf) };
    xapi_msg m;
    xapi_value v;

    set_on(b, IPPROTO_IPV6, IPV6_RECVHOPLIMIT);
    set_on(b, IPPROTO_IPV6, IPV6_RECVPKTINFO);
    send_bytes(a, b, 5, 's');
    memset(&m, 0, sizeof(m));
    m.iov = &in;
    m.iovlen = 1;
    m.control = rctl;
    m.controllen = sizeof(rctl);
    wait_readable(b);
    ck_assert_int_eq(xapi_recvmsg(b, &m, 0), 5);
    ck_assert_int_ne(m.flags & MSG_CTRUNC, 0);
    ck_assert_uint_le(m.controllen, sizeof(rctl));
    /* Whatever did arrive still walks cleanly. */
    ck_assert_int_le(count_items(&m), 1);

    /* No control buffer at all. */
    send_bytes(a, b, 5, 't');
    m.control = NULL;
    m.controllen = 0;
    wait_readable(b);
    ck_assert_int_eq(xapi_recvmsg(b, &m, 0), 5);
    ck_assert_int_ne(m.flags & MSG_CTRUNC, 0);
    ck_assert_uint_eq(m.controllen, 0);
    ck_assert_int_eq(find_item(&m, IPPROTO_IPV6, IPV6_HOPLIMIT, &v), 0);
    close(a);
    close(b);
}
END_TEST

START_TEST(udp_dontwait_and_kernel_refusals)
{
    int a = bound(AF_INET6, "::1"), b = bound(AF_INET6, "::1");
    unsigned char buf[8], ctl[64];
    short bad = 7;
    size_t used = 0;
    struct iovec v = { buf, sizeof(buf) };
    xapi_msg m;

    memset(&m, 0, sizeof(m));
    m.iov = &v;
    m.iovlen = 1;
    errno = 0;
    ck_assert_int_eq(xapi_recvmsg(b, &m, MSG_DONTWAIT), -1);
    ck_assert_int_eq(errno, EAGAIN);

    /* A hop limit item of two bytes is the kernel's to refuse. */
    ck_assert_int_eq(xapi_cmsg_append(ctl, sizeof(ctl), &used, IPPROTO_IPV6,
                                      IPV6_HOPLIMIT, &bad, sizeof(bad)), 0);
    m.addr = sockname(b);
    m.control = ctl;
    m.controllen = used;
    errno = 0;
    ck_assert_int_eq(xapi_sendmsg(a, &m, 0), -1);
    ck_assert_int_eq(errno, EINVAL);
    close(a);
    close(b);
}
END_TEST

START_TEST(unix_abstract_dgram)
{
    char an[64], bn[64];
    int a = xapi_socket(AF_UNIX, SOCK_DGRAM, 0);
    int b = xapi_socket(AF_UNIX, SOCK_DGRAM, 0);
    unsigned char p1[2], p2[16];
    struct iovec out[2] = { { "\0\xff\0", 3 }, { "unix", 4 } };
    struct iovec in[2] = { { p1, 2 }, { p2, sizeof(p2) } };
    xapi_msg m;
    xapi_addr from;

    snprintf(an, sizeof(an), "@xapi-unit-%ld-a", (long)getpid());
    snprintf(bn, sizeof(bn), "@xapi-unit-%ld-b", (long)getpid());
    ck_assert_int_eq(xapi_bind(a, an, 0, NULL), 0);
    ck_assert_int_eq(xapi_bind(b, bn, 0, NULL), 0);
    memset(&m, 0, sizeof(m));
    m.addr = sockname(b);
    m.iov = out;
    m.iovlen = 2;
    ck_assert_int_eq(xapi_sendmsg(a, &m, 0), 7);
    memset(&m, 0, sizeof(m));
    m.iov = in;
    m.iovlen = 2;
    wait_readable(b);
    ck_assert_int_eq(xapi_recvmsg(b, &m, 0), 7);
    ck_assert_mem_eq(p1, "\0\xff", 2);
    ck_assert_mem_eq(p2, "\0unix", 5);
    from = sockname(a);
    same_addr(&m.addr, &from);
    close(a);
    close(b);
}
END_TEST

START_TEST(tcp_stream_no_source)
{
    int l = xapi_socket(AF_INET6, SOCK_STREAM, 0);
    int c = xapi_socket(AF_INET6, SOCK_STREAM, 0);
    int s;
    char host[XAPI_ADDRSTRLEN];
    unsigned port;
    unsigned char p1[3], p2[4];
    struct iovec out[3] = { { "abc", 3 }, { "\0", 1 }, { "def", 3 } };
    struct iovec in[2] = { { p1, 3 }, { p2, 4 } };
    xapi_addr la;
    xapi_msg m;

    ck_assert_int_eq(xapi_bind(l, "::1", 0, NULL), 0);
    ck_assert_int_eq(xapi_listen(l, 8), 0);
    la = sockname(l);
    ck_assert_int_eq(xapi_addr_format(&la, host, sizeof(host), &port), 0);
    ck_assert_int_eq(xapi_connect(c, host, port, NULL), 0);
    s = xapi_accept(l, NULL);
    ck_assert_int_ge(s, 0);
    memset(&m, 0, sizeof(m));
    m.iov = out;
    m.iovlen = 3;
    ck_assert_int_eq(xapi_sendmsg(c, &m, 0), 7);
    memset(&m, 0, sizeof(m));
    m.iov = in;
    m.iovlen = 2;
    ck_assert_int_eq(xapi_recvmsg(s, &m, MSG_WAITALL), 7);
    ck_assert_mem_eq(p1, "abc", 3);
    ck_assert_mem_eq(p2, "\0def", 4);
    /* A stream socket names no source. */
    ck_assert_uint_eq(m.addr.len, 0);
    ck_assert_int_eq(xapi_addr_family(&m.addr), AF_UNSPEC);
    close(s);
    close(c);
    close(l);
}
END_TEST

START_TEST(bad_descriptors)
{
    int closed = xapi_socket(AF_INET, SOCK_DGRAM, 0);
    int notsock = open("/dev/null", O_RDWR | O_CLOEXEC);
    unsigned char buf[8];
    struct iovec v = { buf, sizeof(buf) };
    xapi_msg m;

    ck_assert_int_ge(notsock, 0);
    close(closed);
    memset(&m, 0, sizeof(m));
    m.iov = &v;
    m.iovlen = 1;
    errno = 0;
    ck_assert_int_eq(xapi_sendmsg(closed, &m, 0), -1);
    ck_assert_int_eq(errno, EBADF);
    errno = 0;
    ck_assert_int_eq(xapi_recvmsg(closed, &m, MSG_DONTWAIT), -1);
    ck_assert_int_eq(errno, EBADF);
    errno = 0;
    ck_assert_int_eq(xapi_sendmsg(notsock, &m, 0), -1);
    ck_assert_int_eq(errno, ENOTSOCK);
    errno = 0;
    ck_assert_int_eq(xapi_recvmsg(notsock, &m, MSG_DONTWAIT), -1);
    ck_assert_int_eq(errno, ENOTSOCK);
    errno = 0;
    ck_assert_int_eq(xapi_setsockopt_int(notsock, IPPROTO_IPV6,
                                         IPV6_RECVHOPLIMIT, 1), -1);
    ck_assert_int_eq(errno, ENOTSOCK);
    close(notsock);
}
END_TEST

/* Refused before any system call: fd -1 would otherwise give EBADF. */
START_TEST(bad_messages)
{
    unsigned char buf[8];
    struct iovec v = { buf, sizeof(buf) };
    xapi_msg m;

    memset(&m, 0, sizeof(m));
    m.iov = NULL;
    m.iovlen = 1;
    errno = 0;
    ck_assert_int_eq(xapi_sendmsg(-1, &m, 0), -1);
    ck_assert_int_eq(errno, EINVAL);
    errno = 0;
    ck_assert_int_eq(xapi_recvmsg(-1, &m, 0), -1);
    ck_assert_int_eq(errno, EINVAL);
    m.iov = &v;
    m.iovlen = (size_t)IOV_MAX + 1;
    errno = 0;
    ck_assert_int_eq(xapi_sendmsg(-1, &m, 0), -1);
    ck_assert_int_eq(errno, EINVAL);
    m.iovlen = 1;
    m.control = buf;
    m.controllen = (size_t)INT_MAX + 1;
    errno = 0;
    ck_assert_int_eq(xapi_recvmsg(-1, &m, 0), -1);
    ck_assert_int_eq(errno, EINVAL);
    m.control = NULL;
    m.controllen = 4;
    errno = 0;
    ck_assert_int_eq(xapi_sendmsg(-1, &m, 0), -1);
    ck_assert_int_eq(errno, EINVAL);
    errno = 0;
    ck_assert_int_eq(xapi_sendmsg(-1, NULL, 0), -1);
    ck_assert_int_eq(errno, EINVAL);
    /* A well-formed message does reach the kernel. */
    m.controllen = 0;
    errno = 0;
    ck_assert_int_eq(xapi_sendmsg(-1, &m, 0), -1);
    ck_assert_int_eq(errno, EBADF);
}
END_TEST

START_TEST(piece_lengths)
{
    struct iovec v[4] = { { NULL, 4 }, { NULL, 0 }, { NULL, 4 }, { NULL, 8 } };
    xapi_msg m;

    memset(&m, 0, sizeof(m));
    m.iov = v;
    m.iovlen = 4;
    m.datalen = 10;
    ck_assert_uint_eq(xapi_msg_piece_len(&m, 0), 4);
    ck_assert_uint_eq(xapi_msg_piece_len(&m, 1), 0);
    ck_assert_uint_eq(xapi_msg_piece_len(&m, 2), 4);
    ck_assert_uint_eq(xapi_msg_piece_len(&m, 3), 2);
    ck_assert_uint_eq(xapi_msg_piece_len(&m, 4), 0);
    m.datalen = 3;
    ck_assert_uint_eq(xapi_msg_piece_len(&m, 0), 3);
    ck_assert_uint_eq(xapi_msg_piece_len(&m, 2), 0);
    ck_assert_uint_eq(xapi_msg_piece_len(&m, 3), 0);
    /* More than the buffers hold (MSG_TRUNC in the call). */
    m.datalen = 1000;
    ck_assert_uint_eq(xapi_msg_piece_len(&m, 0), 4);
    ck_assert_uint_eq(xapi_msg_piece_len(&m, 3), 8);
    m.datalen = 0;
    ck_assert_uint_eq(xapi_msg_piece_len(&m, 0), 0);
    ck_assert_uint_eq(xapi_msg_piece_len(NULL, 0), 0);
}
END_TEST

Suite *msg_suite(void);
Suite *msg_suite(void)
{
    Suite *s = suite_create("msg");
    TCase *t = tcase_create("loopback");
    TCase *e = tcase_create("errors");

    tcase_add_test(t, udp6_items_scatter_gather);
    tcase_add_test(t, udp4_ttl_tos_pktinfo);
    tcase_add_test(t, udp_trunc);
    tcase_add_test(t, udp_ctrunc);
    tcase_add_test(t, udp_dontwait_and_kernel_refusals);
    tcase_add_test(t, unix_abstract_dgram);
    tcase_add_test(t, tcp_stream_no_source);
    suite_add_tcase(s, t);
    tcase_add_test(e, bad_descriptors);
    tcase_add_test(e, bad_messages);
    tcase_add_test(e, piece_lengths);
    suite_add_tcase(s, e);
    return s;
}
