/*
 * test_mcast.c - the multicast calls (core/mcast.c) against the kernel,
 * with no lab: argument errors named in xapi_error, the sending options
 * read back with plain getsockopt(2), and a join on the loopback
 * interface seen in the kernel's own membership table (/proc/net/igmp6,
 * /proc/net/igmp), never through xapi.  tests/matrix/cases/82-mcast.cases
 * checks what arrives across the lab.
 */
#include <config.h>

#include <check.h>
#include <errno.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "xapi.h"

static int udp(int family)
{
    int fd = socket(family, SOCK_DGRAM, 0);
    ck_assert_int_ge(fd, 0);
    return fd;
}

/* The call fails with errno want_errno and err naming want_arg (NULL:
 * none). */
#define CHECK_FAILS(call, want_errno, want_arg)                             \
    do {                                                                   \
        xapi_error err_ = { 0, NULL, "" };                                 \
        xapi_error *err = &err_;                                           \
        const char *want_arg_ = (want_arg);                                \
        errno = 0;                                                         \
        ck_assert_int_eq((call), -1);                                      \
        ck_assert_int_eq(errno, (want_errno));                             \
        ck_assert_int_eq(err_.code, (want_errno));                         \
        if (want_arg_ == NULL)                                             \
            ck_assert_ptr_null(err_.arg);                                  \
        else {                                                             \
            ck_assert_ptr_nonnull(err_.arg);                               \
            ck_assert_str_eq(err_.arg, want_arg_);                         \
        }                                                                  \
    } while (0)

START_TEST(bad_group_and_source_are_named)
{
    int s6 = udp(AF_INET6), s4 = udp(AF_INET);

    CHECK_FAILS(xapi_mcast_join(s6, "2001:db8::1", NULL, NULL, err), EINVAL,
                "group");
    CHECK_FAILS(xapi_mcast_join(s4, "192.0.2.1", "", NULL, err), EINVAL,
                "group");
    CHECK_FAILS(xapi_mcast_join(s6, "not-an-address", NULL, NULL, err),
                EINVAL, "group");
    CHECK_FAILS(xapi_mcast_join(s6, NULL, NULL, NULL, err), EINVAL, "group");
    CHECK_FAILS(xapi_mcast_join(s6, "", NULL, NULL, err), EINVAL, "group");
    CHECK_FAILS(xapi_mcast_join(s6, "@abstract", NULL, NULL, err), EINVAL,
                "group");
    /* 224.0.0.0/4 ends at 239.255.255.255 (RFC 5771). */
    CHECK_FAILS(xapi_mcast_join(s4, "240.0.0.1", NULL, NULL, err), EINVAL,
                "group");
    CHECK_FAILS(xapi_mcast_join(s4, "223.255.255.255", NULL, NULL, err),
                EINVAL, "group");
    CHECK_FAILS(xapi_mcast_join(s6, "ff3e::8000:1", NULL, "192.0.2.1", err),
                EINVAL, "source");
    CHECK_FAILS(xapi_mcast_join(s4, "232.1.2.3", NULL, "2001:db8::1", err),
                EINVAL, "source");
    CHECK_FAILS(xapi_mcast_join(s6, "ff3e::8000:1", NULL, "ff02::1", err),
                EINVAL, "source");
    CHECK_FAILS(xapi_mcast_join(s6, "ff3e::8000:1", NULL, "::", err), EINVAL,
                "source");
    CHECK_FAILS(xapi_mcast_join(s4, "232.1.2.3", NULL, "bad", err), EINVAL,
                "source");
    CHECK_FAILS(xapi_mcast_block(s6, "ff1e::1", NULL, NULL, err), EINVAL,
                "source");
    CHECK_FAILS(xapi_mcast_unblock(s4, "239.1.2.3", NULL, "", err), EINVAL,
                "source");
    close(s6);
    close(s4);
}
END_TEST

START_TEST(bad_interface_is_named)
{
    int s6 = udp(AF_INET6);

    CHECK_FAILS(xapi_mcast_join(s6, "ff1e::1", "a-name-longer-than-16", NULL,
                                err), EINVAL, "ifname");
    CHECK_FAILS(xapi_mcast_join(s6, "ff1e::1", "99999999999", NULL, err),
                EINVAL, "ifname");
    CHECK_FAILS(xapi_mcast_join(s6, "ff1e::1", "2147483648", NULL, err),
                EINVAL, "ifname");
    CHECK_FAILS(xapi_mcast_join(s6, "ff1e::1", "nosuch0", NULL, err), ENODEV,
                "ifname");
    CHECK_FAILS(xapi_mcast_set_if(s6, "nosuch0", err), ENODEV, "ifname");
    /* An index with no interface: the kernel's ENODEV, no argument. */
    CHECK_FAILS(xapi_mcast_join(s6, "ff1e::1", "2147483647", NULL, err),
                ENODEV, NULL);
    close(s6);
}
END_TEST

START_TEST(option_ranges_and_sockets)
{
    int s4 = udp(AF_INET), u = socket(AF_UNIX, SOCK_DGRAM, 0);

    ck_assert_int_ge(u, 0);
    CHECK_FAILS(xapi_mcast_set_hops(s4, 256, err), EINVAL, "hops");
    CHECK_FAILS(xapi_mcast_set_hops(s4, -2, err), EINVAL, "hops");
    CHECK_FAILS(xapi_mcast_set_loop(s4, 2, err), EINVAL, "loop");
    CHECK_FAILS(xapi_mcast_set_loop(s4, -1, err), EINVAL, "loop");
    CHECK_FAILS(xapi_mcast_set_hops(u, 1, err), EAFNOSUPPORT, NULL);
    CHECK_FAILS(xapi_mcast_get_loop(u, &(int){0}, err), EAFNOSUPPORT, NULL);
    CHECK_FAILS(xapi_mcast_set_if(u, NULL, err), EAFNOSUPPORT, NULL);
    CHECK_FAILS(xapi_mcast_set_hops(-1, 1, err), EBADF, NULL);
    close(u);
    close(s4);
}
END_TEST

static int get_int(int fd, int level, int name)
{
    int v = -12345;
    socklen_t len = sizeof v;

    ck_assert_int_eq(getsockopt(fd, level, name, &v, &len), 0);
    return v;
}

START_TEST(sending_options_read_back)
{
    int s6 = udp(AF_INET6), s4 = udp(AF_INET), v = -1;
    unsigned lo = if_nametoindex("lo");

    /* RFC 3493 5.2 and ip(7): hops 1 and loop 1 by default. */
    ck_assert_int_eq(xapi_mcast_get_hops(s6, &v, NULL), 0);
    ck_assert_int_eq(v, 1);
    ck_assert_int_eq(xapi_mcast_get_loop(s4, &v, NULL), 0);
    ck_assert_int_eq(v, 1);

    ck_assert_int_eq(xapi_mcast_set_hops(s6, 64, NULL), 0);
    ck_assert_int_eq(get_int(s6, IPPROTO_IPV6, IPV6_MULTICAST_HOPS), 64);
    ck_assert_int_eq(xapi_mcast_get_hops(s6, &v, NULL), 0);
    ck_assert_int_eq(v, 64);
    ck_assert_int_eq(xapi_mcast_set_hops(s6, -1, NULL), 0);
    ck_assert_int_eq(get_int(s6, IPPROTO_IPV6, IPV6_MULTICAST_HOPS), 1);
    ck_assert_int_eq(xapi_mcast_set_hops(s4, 255, NULL), 0);
    ck_assert_int_eq(get_int(s4, IPPROTO_IP, IP_MULTICAST_TTL), 255);
    ck_assert_int_eq(xapi_mcast_set_hops(s4, 0, NULL), 0);
    ck_assert_int_eq(get_int(s4, IPPROTO_IP, IP_MULTICAST_TTL), 0);

    ck_assert_int_eq(xapi_mcast_set_loop(s6, 0, NULL), 0);
    ck_assert_int_eq(get_int(s6, IPPROTO_IPV6, IPV6_MULTICAST_LOOP), 0);
    ck_assert_int_eq(xapi_mcast_set_loop(s4, 0, NULL), 0);
    ck_assert_int_eq(get_int(s4, IPPROTO_IP, IP_MULTICAST_LOOP), 0);
    ck_assert_int_eq(xapi_mcast_get_loop(s4, &v, NULL), 0);
    ck_assert_int_eq(v, 0);

    ck_assert_uint_ne(lo, 0);
    ck_assert_int_eq(xapi_mcast_set_if(s6, "lo", NULL), 0);
    ck_assert_int_eq(get_int(s6, IPPROTO_IPV6, IPV6_MULTICAST_IF), (int)lo);
    ck_assert_int_eq(xapi_mcast_set_if(s6, "", NULL), 0);
    ck_assert_int_eq(get_int(s6, IPPROTO_IPV6, IPV6_MULTICAST_IF), 0);
    /* IPv4 takes the index through struct ip_mreqn. */
    ck_assert_int_eq(xapi_mcast_set_if(s4, "lo", NULL), 0);
    close(s6);
    close(s4);
}
END_TEST

/* Whether /proc/net/igmp6 lists group (32 hex digits) on interface
 * index ifindex: "IDX NAME GROUP USERS FLAGS TIMER" per line. */
static int in_igmp6(unsigned ifindex, const char *group)
{
    FILE *f = fopen("/proc/net/igmp6", "r");
    char line[256], name[64], grp[64];
    unsigned idx;
    int found = 0;

    if (f == NULL)
        return -1;
    while (fgets(line, sizeof line, f) != NULL)
        if (sscanf(line, "%u %63s %63s", &idx, name, grp) == 3 &&
            idx == ifindex && strcmp(grp, group) == 0)
            found = 1;
    fclose(f);
    return found;
}

START_TEST(join_and_leave_reach_the_kernel)
{
    int s6 = udp(AF_INET6);
    unsigned lo = if_nametoindex("lo");
    /* ff1e::db8:c0d, as the kernel prints it: 32 hex digits. */
    const char *hex = "ff1e000000000000000000000db80c0d";
    char byindex[16];

    if (in_igmp6(lo, hex) < 0)
        return; /* no /proc/net/igmp6 (no IPv6?): nothing to compare */
    ck_assert_int_eq(in_igmp6(lo, hex), 0);
    ck_assert_int_eq(xapi_mcast_join(s6, "ff1e::db8:c0d", "lo", NULL, NULL),
                     0);
    ck_assert_int_eq(in_igmp6(lo, hex), 1);
    /* Linux: a second join of the same group and interface. */
    CHECK_FAILS(xapi_mcast_join(s6, "ff1e::db8:c0d", "lo", "", err),
                EADDRINUSE, NULL);
    snprintf(byindex, sizeof byindex, "%u", lo);
    ck_assert_int_eq(xapi_mcast_leave(s6, "ff1e::db8:c0d", byindex, NULL,
                                      NULL), 0);
    ck_assert_int_eq(in_igmp6(lo, hex), 0);
    CHECK_FAILS(xapi_mcast_leave(s6, "ff1e::db8:c0d", "lo", NULL, err),
                EADDRNOTAVAIL, NULL);
    /* The scope in the group text names the interface. */
    ck_assert_int_eq(xapi_mcast_join(s6, "ff1e::db8:c0d%lo", NULL, NULL,
                                     NULL), 0);
    ck_assert_int_eq(in_igmp6(lo, hex), 1);
    close(s6);
    ck_assert_int_eq(in_igmp6(lo, hex), 0);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("mcast");
    TCase *t = tcase_create("mcast");
    SRunner *sr;
    int failed;

    tcase_add_test(t, bad_group_and_source_are_named);
    tcase_add_test(t, bad_interface_is_named);
    tcase_add_test(t, option_ranges_and_sockets);
    tcase_add_test(t, sending_options_read_back);
    tcase_add_test(t, join_and_leave_reach_the_kernel);
    suite_add_tcase(s, t);
    sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
