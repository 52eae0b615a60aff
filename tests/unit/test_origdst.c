/*
 * test_origdst.c - the original destination record, the flowinfo and
 * rxq_ovfl views, the "/flowinfo=N" address suffix and the flow label
 * lease calls.  Payloads are built by hand in the kernel's layouts
 * (struct sockaddr_in / sockaddr_in6 as ip_cmsg_recv_dstaddr and
 * ip6_datagram_recv_specific_ctl put them, a big-endian flowinfo word, a
 * u32 drop count), never taken from the code under test.
 */
#include <config.h>

#include <arpa/inet.h>
#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "xapi.h"

#ifndef IPV6_FLOWINFO
#define IPV6_FLOWINFO 11 /* <linux/in6.h> */
#endif
#ifndef IPV6_FL_S_EXCL
#define IPV6_FL_S_EXCL 1
#define IPV6_FL_S_ANY 255
#endif

static int decode(int level, int type, const void *data, size_t len,
                  xapi_value *v)
{
    xapi_cmsg c;

    c.level = level;
    c.type = type;
    c.data = data;
    c.len = len;
    return xapi_cmsg_decode(&c, v);
}

START_TEST(origdst_ipv4)
{
    /* sockaddr_in: family 2 (host order), port 0x1234, 192.0.2.7 */
    unsigned char sin[16] = { 0 };
    sa_family_t fam = AF_INET;
    xapi_value v;

    memcpy(sin, &fam, sizeof(fam));
    sin[2] = 0x12; sin[3] = 0x34;
    sin[4] = 192; sin[5] = 0; sin[6] = 2; sin[7] = 7;
    ck_assert_int_eq(decode(IPPROTO_IP, IP_ORIGDSTADDR, sin, 16, &v), 0);
    ck_assert_int_eq(v.kind, XAPI_VALUE_ORIGDST);
    ck_assert_str_eq(v.name, "origdst");
    ck_assert_str_eq(v.origdst.addr, "192.0.2.7");
    ck_assert_uint_eq(v.origdst.port, 0x1234);
    /* a length that is not a sockaddr_in */
    errno = 0;
    ck_assert_int_eq(decode(IPPROTO_IP, IP_ORIGDSTADDR, sin, 15, &v), -1);
    ck_assert_int_eq(errno, EINVAL);
    ck_assert_int_eq(v.kind, XAPI_VALUE_NONE);
    ck_assert_int_eq(decode(IPPROTO_IP, IP_ORIGDSTADDR, sin, 0, &v), -1);
    /* another family in an IPv4 item */
    fam = AF_INET6;
    memcpy(sin, &fam, sizeof(fam));
    ck_assert_int_eq(decode(IPPROTO_IP, IP_ORIGDSTADDR, sin, 16, &v), -1);
}
END_TEST

START_TEST(origdst_ipv6)
{
    unsigned char sin6[28] = { 0 };
    sa_family_t fam = AF_INET6;
    uint32_t scope = if_nametoindex("lo");
    xapi_value v;
    char want[64];

    memcpy(sin6, &fam, sizeof(fam));
    sin6[2] = 0; sin6[3] = 53;
    /* a stray sin6_flowinfo must not reach the text */
    sin6[4] = 0; sin6[5] = 1; sin6[6] = 0x23; sin6[7] = 0x45;
    sin6[8] = 0x20; sin6[9] = 0x01; sin6[10] = 0x0d; sin6[11] = 0xb8;
    sin6[23] = 5;
    ck_assert_int_eq(decode(IPPROTO_IPV6, IPV6_ORIGDSTADDR, sin6, 28, &v), 0);
    ck_assert_int_eq(v.kind, XAPI_VALUE_ORIGDST);
    ck_assert_str_eq(v.origdst.addr, "2001:db8::5");
    ck_assert_uint_eq(v.origdst.port, 53);
    /* link-local: the scope the kernel sets (ipv6_iface_scope_id) */
    memset(sin6 + 8, 0, 16);
    sin6[8] = 0xfe; sin6[9] = 0x80; sin6[23] = 1;
    memcpy(sin6 + 24, &scope, sizeof(scope));
    ck_assert_int_eq(decode(IPPROTO_IPV6, IPV6_ORIGDSTADDR, sin6, 28, &v), 0);
    snprintf(want, sizeof(want), "fe80::1%%lo");
    ck_assert_str_eq(v.origdst.addr, want);
    /* lengths of other structs, and an AF_INET payload */
    ck_assert_int_eq(decode(IPPROTO_IPV6, IPV6_ORIGDSTADDR, sin6, 24, &v), -1);
    ck_assert_int_eq(decode(IPPROTO_IPV6, IPV6_ORIGDSTADDR, sin6, 16, &v), -1);
    fam = AF_INET;
    memcpy(sin6, &fam, sizeof(fam));
    ck_assert_int_eq(decode(IPPROTO_IPV6, IPV6_ORIGDSTADDR, sin6, 28, &v), -1);
    ck_assert_int_eq(errno, EINVAL);
}
END_TEST

START_TEST(origdst_record)
{
    const xapi_record *r = xapi_record_of(XAPI_VALUE_ORIGDST);
    xapi_value v;
    int64_t i;
    const char *s;
    size_t n;

    ck_assert_ptr_nonnull(r);
    ck_assert_int_eq(XAPI_VALUE_ORIGDST, 7);
    ck_assert_str_eq(r->type_name, "OrigDst");
    ck_assert_uint_eq(r->nfields, 2);
    ck_assert_str_eq(r->fields[0].name, "addr");
    ck_assert_str_eq(r->fields[1].name, "port");
    memset(&v, 0, sizeof(v));
    strcpy(v.origdst.addr, "::1");
    v.origdst.port = 65535;
    ck_assert_int_eq(xapi_field_get(&v, &r->fields[0], &i, &s, &n),
                     XAPI_FIELD_TEXT);
    ck_assert_str_eq(s, "::1");
    ck_assert_int_eq(xapi_field_get(&v, &r->fields[1], &i, &s, &n),
                     XAPI_FIELD_INT);
    ck_assert_int_eq(i, 65535);
}
END_TEST

START_TEST(flowinfo_view)
{
    /* version 6, traffic class 0xb8, label 0x12345 would be
     * 6b 81 23 45 on the wire; the kernel masks the version away. */
    unsigned char w[4] = { 0x0b, 0x81, 0x23, 0x45 };
    unsigned char big[8] = { 0 };
    xapi_value v;

    ck_assert_int_eq(decode(IPPROTO_IPV6, IPV6_FLOWINFO, w, 4, &v), 0);
    ck_assert_int_eq(v.kind, XAPI_VALUE_INT);
    ck_assert_str_eq(v.name, "flowinfo");
    ck_assert_int_eq(v.i, 0x0b812345);
    ck_assert_int_eq(v.i >> 20, 0xb8);
    ck_assert_int_eq(v.i & 0xfffff, 0x12345);
    w[0] = 0x6b; /* version bits: not what the kernel sends */
    errno = 0;
    ck_assert_int_eq(decode(IPPROTO_IPV6, IPV6_FLOWINFO, w, 4, &v), -1);
    ck_assert_int_eq(errno, EINVAL);
    ck_assert_int_eq(decode(IPPROTO_IPV6, IPV6_FLOWINFO, big, 8, &v), -1);
    ck_assert_int_eq(decode(IPPROTO_IPV6, IPV6_FLOWINFO, big, 2, &v), -1);
}
END_TEST

START_TEST(rxq_ovfl_view)
{
    uint32_t n = 0xffffffffU;
    unsigned char big[8] = { 0 };
    xapi_value v;

    /* the whole unsigned range: sk_drops wraps past INT_MAX */
    ck_assert_int_eq(decode(SOL_SOCKET, SO_RXQ_OVFL, &n, 4, &v), 0);
    ck_assert_int_eq(v.kind, XAPI_VALUE_INT);
    ck_assert_str_eq(v.name, "rxq_ovfl");
    ck_assert(v.i == 4294967295LL);
    n = 0x80000000U;
    ck_assert_int_eq(decode(SOL_SOCKET, SO_RXQ_OVFL, &n, 4, &v), 0);
    ck_assert(v.i == 2147483648LL);
    n = 7;
    ck_assert_int_eq(decode(SOL_SOCKET, SO_RXQ_OVFL, &n, 4, &v), 0);
    ck_assert_int_eq(v.i, 7);
    ck_assert_int_eq(decode(SOL_SOCKET, SO_RXQ_OVFL, big, 8, &v), -1);
    ck_assert_int_eq(decode(SOL_SOCKET, SO_RXQ_OVFL, big, 3, &v), -1);
}
END_TEST

START_TEST(flowinfo_suffix_parse)
{
    xapi_addr a;
    xapi_error e;
    const struct sockaddr_in6 *s6 = (const struct sockaddr_in6 *)&a.ss;
    char host[XAPI_ADDRSTRLEN];
    unsigned port;
    static const char *bad[] = {
        "2001:db8::1/flow=1", "2001:db8::1/flowinfo=", "2001:db8::1/",
        "2001:db8::1/flowinfo=-1", "2001:db8::1/flowinfo= 1",
        "2001:db8::1/flowinfo=0x10000000", "2001:db8::1/flowinfo=1x",
        "2001:db8::1/flowinfo=99999999999999999999", "::1%lo/",
    };

    ck_assert_int_eq(xapi_addr_parse(&a, AF_INET6,
                                     "2001:db8::1/flowinfo=0x12345", 9, &e),
                     0);
    ck_assert_uint_eq(ntohl(s6->sin6_flowinfo), 0x12345);
    ck_assert_uint_eq(ntohs(s6->sin6_port), 9);
    ck_assert_int_eq(xapi_addr_format(&a, host, sizeof(host), &port), 0);
    ck_assert_str_eq(host, "2001:db8::1/flowinfo=0x12345");
    /* decimal, the largest, with a scope */
    ck_assert_int_eq(xapi_addr_parse(&a, AF_INET6,
                                     "fe80::1%lo/flowinfo=268435455", 0, &e),
                     0);
    ck_assert_uint_eq(ntohl(s6->sin6_flowinfo), 0x0fffffff);
    ck_assert_uint_eq(s6->sin6_scope_id, if_nametoindex("lo"));
    ck_assert_int_eq(xapi_addr_format(&a, host, sizeof(host), &port), 0);
    ck_assert_str_eq(host, "fe80::1%lo/flowinfo=0xfffffff");
    /* bits above the 28 the kernel uses are not written (the text must
     * parse back) */
    ((struct sockaddr_in6 *)&a.ss)->sin6_flowinfo = htonl(0x6b812345);
    ck_assert_int_eq(xapi_addr_format(&a, host, sizeof(host), &port), 0);
    ck_assert_str_eq(host, "fe80::1%lo/flowinfo=0xb812345");
    /* 0 is no suffix on the way back */
    ck_assert_int_eq(xapi_addr_parse(&a, AF_UNSPEC, "::1/flowinfo=0", 0, &e),
                     0);
    ck_assert_int_eq(xapi_addr_format(&a, host, sizeof(host), &port), 0);
    ck_assert_str_eq(host, "::1");
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        memset(&e, 0, sizeof(e));
        errno = 0;
        ck_assert_msg(xapi_addr_parse(&a, AF_INET6, bad[i], 0, &e) == -1,
                      "%s parsed", bad[i]);
        ck_assert_int_eq(errno, EINVAL);
        ck_assert_str_eq(e.arg, "host");
    }
    /* IPv4 has no flow info */
    ck_assert_int_eq(xapi_addr_parse(&a, AF_INET, "192.0.2.1/flowinfo=1", 0,
                                     &e), -1);
    /* a long text before the '/' is refused, not copied */
    {
        char longhost[300];

        memset(longhost, 'a', sizeof(longhost));
        memcpy(longhost + 200, "/flowinfo=1", 12);
        ck_assert_int_eq(xapi_addr_parse(&a, AF_INET6, longhost, 0, &e), -1);
        ck_assert_int_eq(errno, EINVAL);
    }
}
END_TEST

START_TEST(flowlabel_lease_calls)
{
    int fd = xapi_socket(AF_INET6, SOCK_DGRAM, 0);
    int fd4 = xapi_socket(AF_INET, SOCK_DGRAM, 0);
    xapi_error e;
    int label;

    ck_assert_int_ge(fd, 0);
    ck_assert_int_ge(fd4, 0);
    /* the kernel chooses a label and writes it back */
    label = xapi_flowlabel_lease(fd, "::1", 0, IPV6_FL_S_ANY, &e);
    ck_assert_int_gt(label, 0);
    ck_assert_int_le(label, 0xfffff);
    ck_assert_int_eq(xapi_flowlabel_release(fd, (unsigned)label, &e), 0);
    /* a label of one's own choice: the one just given back, which
     * lingers (flr_linger) for the same destination and sharing; a fixed
     * label could be another test's, leased towards another address */
    ck_assert_int_eq(xapi_flowlabel_lease(fd, "::1", (unsigned)label,
                                          IPV6_FL_S_ANY, &e), label);
    ck_assert_int_eq(xapi_flowlabel_release(fd, (unsigned)label, &e), 0);
    memset(&e, 0, sizeof(e));
    errno = 0;
    ck_assert_int_eq(xapi_flowlabel_release(fd, (unsigned)label, &e), -1);
    ck_assert_int_eq(errno, ESRCH);
    ck_assert_ptr_null(e.arg);
    /* caller mistakes, named */
    memset(&e, 0, sizeof(e));
    ck_assert_int_eq(xapi_flowlabel_lease(fd, "::1", 0x100000, IPV6_FL_S_ANY,
                                          &e), -1);
    ck_assert_int_eq(errno, EINVAL);
    ck_assert_str_eq(e.arg, "label");
    memset(&e, 0, sizeof(e));
    ck_assert_int_eq(xapi_flowlabel_lease(fd, "::1", 1, 0, &e), -1);
    ck_assert_str_eq(e.arg, "share");
    memset(&e, 0, sizeof(e));
    ck_assert_int_eq(xapi_flowlabel_lease(fd, "no-address", 1, IPV6_FL_S_ANY,
                                          &e), -1);
    ck_assert_str_eq(e.arg, "host");
    /* fl_create's bare EINVAL for these, named */
    memset(&e, 0, sizeof(e));
    ck_assert_int_eq(xapi_flowlabel_lease(fd, "::", 1, IPV6_FL_S_ANY, &e), -1);
    ck_assert_str_eq(e.arg, "host");
    memset(&e, 0, sizeof(e));
    ck_assert_int_eq(xapi_flowlabel_lease(fd, "", 1, IPV6_FL_S_ANY, &e), -1);
    ck_assert_str_eq(e.arg, "host");
    memset(&e, 0, sizeof(e));
    ck_assert_int_eq(xapi_flowlabel_lease(fd, "::ffff:192.0.2.1", 1,
                                          IPV6_FL_S_ANY, &e), -1);
    ck_assert_str_eq(e.arg, "host");
    memset(&e, 0, sizeof(e));
    ck_assert_int_eq(xapi_flowlabel_release(fd, 0x100000, &e), -1);
    ck_assert_str_eq(e.arg, "label");
    /* not an IPv6 socket: the kernel's error, no argument named */
    memset(&e, 0, sizeof(e));
    ck_assert_int_eq(xapi_flowlabel_lease(fd4, "::1", 1, IPV6_FL_S_ANY, &e),
                     -1);
    ck_assert_ptr_null(e.arg);
    ck_assert_int_eq(xapi_flowlabel_lease(-1, "::1", 1, IPV6_FL_S_ANY, NULL),
                     -1);
    ck_assert_int_eq(errno, EBADF);
    xapi_close(fd);
    xapi_close(fd4);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("origdst");
    TCase *t = tcase_create("items");
    SRunner *sr;
    int failed;

    tcase_add_test(t, origdst_ipv4);
    tcase_add_test(t, origdst_ipv6);
    tcase_add_test(t, origdst_record);
    tcase_add_test(t, flowinfo_view);
    tcase_add_test(t, rxq_ovfl_view);
    tcase_add_test(t, flowinfo_suffix_parse);
    tcase_add_test(t, flowlabel_lease_calls);
    suite_add_tcase(s, t);
    sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
