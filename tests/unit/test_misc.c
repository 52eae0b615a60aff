/*
 * test_misc.c - interface names against /sys/class/net, the constant
 * table against the Linux uapi values, and errno names.
 */
#include <config.h>

#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <string.h>

#include "xapi.h"

unsigned sys_ifindex(const char *name);

START_TEST(nametoindex_matches_sys)
{
    unsigned lo = sys_ifindex("lo");

    ck_assert_uint_ne(lo, 0);
    /* Success leaves errno alone. */
    errno = EDOM;
    ck_assert_uint_eq(xapi_if_nametoindex("lo"), lo);
    ck_assert_int_eq(errno, EDOM);
    errno = 0;
    ck_assert_uint_eq(xapi_if_nametoindex("nosuchif0"), 0);
    ck_assert_int_eq(errno, ENODEV);
    errno = 0;
    ck_assert_uint_eq(xapi_if_nametoindex("a-name-longer-than-ifnamsiz"), 0);
    ck_assert_int_eq(errno, ENODEV);
}
END_TEST

START_TEST(indextoname_inverts)
{
    char name[IF_NAMESIZE];

    ck_assert_int_eq(xapi_if_indextoname(sys_ifindex("lo"), name,
                                         sizeof(name)), 0);
    ck_assert_str_eq(name, "lo");
    errno = 0;
    ck_assert_int_eq(xapi_if_indextoname(999999, name, sizeof(name)), -1);
    ck_assert_int_eq(errno, ENXIO);
    errno = 0;
    ck_assert_int_eq(xapi_if_indextoname(sys_ifindex("lo"), name, 2), -1);
    ck_assert_int_eq(errno, ENOSPC);
}
END_TEST

START_TEST(nameindex_matches_sys)
{
    xapi_ifentry list[256];
    size_t count = 0, seen = 0, i, n;
    struct dirent *d;
    DIR *dir;

    ck_assert_int_eq(xapi_if_nameindex(list, 256, &count), 0);
    ck_assert_uint_gt(count, 0);
    dir = opendir("/sys/class/net");
    ck_assert_ptr_nonnull(dir);
    while ((d = readdir(dir)) != NULL) {
        if (d->d_name[0] == '.')
            continue;
        seen++;
        for (i = 0; i < count; i++)
            if (strcmp(list[i].name, d->d_name) == 0)
                break;
        ck_assert_msg(i < count, "%s missing", d->d_name);
        ck_assert_uint_eq(list[i].index, sys_ifindex(d->d_name));
    }
    closedir(dir);
    ck_assert_uint_eq(seen, count);

    /* Too small: nothing lost but the entries, the count is still right. */
    n = 0;
    errno = 0;
    ck_assert_int_eq(xapi_if_nameindex(NULL, 0, &n), -1);
    ck_assert_int_eq(errno, ENOSPC);
    ck_assert_uint_eq(n, count);
}
END_TEST

START_TEST(nameindex_all_matches_sys)
{
    size_t count = 99, seen = 0, i;
    xapi_ifentry *list = xapi_if_nameindex_all(&count, NULL);
    struct dirent *d;
    DIR *dir;

    ck_assert_ptr_nonnull(list);
    ck_assert_uint_gt(count, 0);
    dir = opendir("/sys/class/net");
    ck_assert_ptr_nonnull(dir);
    while ((d = readdir(dir)) != NULL) {
        if (d->d_name[0] == '.')
            continue;
        seen++;
        for (i = 0; i < count; i++)
            if (strcmp(list[i].name, d->d_name) == 0)
                break;
        ck_assert_msg(i < count, "%s missing", d->d_name);
        ck_assert_uint_eq(list[i].index, sys_ifindex(d->d_name));
    }
    closedir(dir);
    ck_assert_uint_eq(seen, count);
    xapi_if_nameindex_free(list);
    xapi_if_nameindex_free(NULL);
    ck_assert_ptr_null(xapi_if_nameindex_all(NULL, NULL));
    ck_assert_int_eq(errno, EINVAL);
}
END_TEST

static void expect_constant(const char *name, long want)
{
    long v = -12345;

    ck_assert_msg(xapi_constant_value(name, &v) == 0, "%s missing", name);
    ck_assert_msg(v == want, "%s is %ld, want %ld", name, v, want);
}

/* Values from the Linux uapi headers (linux/in6.h, linux/in.h,
 * linux/socket.h, asm-generic/socket.h, linux/udp.h), not from libc. */
START_TEST(constants_have_uapi_values)
{
    expect_constant("AF_UNIX", 1);
    expect_constant("AF_INET", 2);
    expect_constant("AF_INET6", 10);
    expect_constant("PF_INET6", 10);
    expect_constant("SOCK_STREAM", 1);
    expect_constant("SOCK_DGRAM", 2);
    expect_constant("SOCK_RAW", 3);
    expect_constant("SOL_SOCKET", 1);
    expect_constant("SOL_IP", 0);
    expect_constant("SOL_IPV6", 41);
    expect_constant("SOL_UDP", 17);
    expect_constant("SO_REUSEADDR", 2);
    expect_constant("SO_SNDBUF", 7);
    expect_constant("SO_RCVBUF", 8);
    expect_constant("SO_REUSEPORT", 15);
    expect_constant("SCM_RIGHTS", 1);
    expect_constant("SCM_CREDENTIALS", 2);
    expect_constant("MSG_OOB", 1);
    expect_constant("MSG_PEEK", 2);
    expect_constant("MSG_CTRUNC", 8);
    expect_constant("MSG_TRUNC", 0x20);
    expect_constant("MSG_DONTWAIT", 0x40);
    expect_constant("MSG_WAITALL", 0x100);
    expect_constant("MSG_ERRQUEUE", 0x2000);
    expect_constant("MSG_NOSIGNAL", 0x4000);
    expect_constant("MSG_WAITFORONE", 0x10000);
    expect_constant("MSG_ZEROCOPY", 0x4000000);
    expect_constant("IPPROTO_IP", 0);
    expect_constant("IPPROTO_HOPOPTS", 0);
    expect_constant("IPPROTO_ICMP", 1);
    expect_constant("IPPROTO_TCP", 6);
    expect_constant("IPPROTO_UDP", 17);
    expect_constant("IPPROTO_IPV6", 41);
    expect_constant("IPPROTO_ROUTING", 43);
    expect_constant("IPPROTO_FRAGMENT", 44);
    expect_constant("IPPROTO_ICMPV6", 58);
    expect_constant("IPPROTO_NONE", 59);
    expect_constant("IPPROTO_DSTOPTS", 60);
    expect_constant("IPPROTO_RAW", 255);
    expect_constant("IP_TOS", 1);
    expect_constant("IP_TTL", 2);
    expect_constant("IP_PKTINFO", 8);
    expect_constant("IP_MTU_DISCOVER", 10);
    expect_constant("IP_RECVERR", 11);
    expect_constant("IP_RECVTTL", 12);
    expect_constant("IP_RECVTOS", 13);
    expect_constant("IP_PMTUDISC_DO", 2);
    expect_constant("IPV6_UNICAST_HOPS", 16);
    expect_constant("IPV6_MULTICAST_HOPS", 18);
    expect_constant("IPV6_MTU_DISCOVER", 23);
    expect_constant("IPV6_RECVERR", 25);
    expect_constant("IPV6_V6ONLY", 26);
    expect_constant("IPV6_RECVPKTINFO", 49);
    expect_constant("IPV6_PKTINFO", 50);
    expect_constant("IPV6_RECVHOPLIMIT", 51);
    expect_constant("IPV6_HOPLIMIT", 52);
    expect_constant("IPV6_RECVHOPOPTS", 53);
    expect_constant("IPV6_HOPOPTS", 54);
    expect_constant("IPV6_RTHDRDSTOPTS", 55);
    expect_constant("IPV6_RECVRTHDR", 56);
    expect_constant("IPV6_RTHDR", 57);
    expect_constant("IPV6_RECVDSTOPTS", 58);
    expect_constant("IPV6_DSTOPTS", 59);
    expect_constant("IPV6_RECVPATHMTU", 60);
    expect_constant("IPV6_PATHMTU", 61);
    expect_constant("IPV6_DONTFRAG", 62);
    expect_constant("IPV6_RECVTCLASS", 66);
    expect_constant("IPV6_TCLASS", 67);
    expect_constant("IPV6_PMTUDISC_DO", 2);
    expect_constant("UDP_SEGMENT", 103);
    expect_constant("UDP_GRO", 104);
    expect_constant("IF_NAMESIZE", 16);
    expect_constant("INET_ADDRSTRLEN", 16);
    expect_constant("INET6_ADDRSTRLEN", 46);
#if defined(__x86_64__) || defined(__aarch64__) || defined(__i386__)
    /* These two differ on alpha, mips, parisc and sparc. */
    expect_constant("SOCK_NONBLOCK", 04000);
    expect_constant("SOCK_CLOEXEC", 02000000);
#endif
}
END_TEST

START_TEST(constant_table_is_sound)
{
    size_t count = 0, i, j;
    const xapi_constant *t = xapi_constants(&count);
    long v;

    ck_assert_ptr_nonnull(t);
    ck_assert_uint_gt(count, 300);
    for (i = 0; i < count; i++) {
        ck_assert_ptr_nonnull(t[i].name);
        /* errno values have a table of their own (names that merely
         * start with E, such as ETH_P_ALL, are not errno values). */
        ck_assert_msg(xapi_errno_name((int)t[i].value) == NULL ||
                      strcmp(xapi_errno_name((int)t[i].value),
                             t[i].name) != 0, "%s", t[i].name);
        for (j = i + 1; j < count; j++)
            ck_assert_msg(strcmp(t[i].name, t[j].name) != 0, "%s twice",
                          t[i].name);
        ck_assert_int_eq(xapi_constant_value(t[i].name, &v), 0);
        ck_assert_int_eq(v, t[i].value);
    }
    errno = 0;
    ck_assert_int_eq(xapi_constant_value("NO_SUCH_CONSTANT", &v), -1);
    ck_assert_int_eq(errno, ENOENT);
    errno = 0;
    ck_assert_int_eq(xapi_constant_value("EINVAL", &v), -1);
    ck_assert_int_eq(errno, ENOENT);
}
END_TEST

START_TEST(errno_names)
{
    int e;

    /* Numbers from include/uapi/asm-generic/errno-base.h and errno.h. */
    ck_assert_str_eq(xapi_errno_name(1), "EPERM");
    ck_assert_str_eq(xapi_errno_name(7), "E2BIG");
    ck_assert_str_eq(xapi_errno_name(9), "EBADF");
    ck_assert_str_eq(xapi_errno_name(11), "EAGAIN");
    ck_assert_str_eq(xapi_errno_name(18), "EXDEV");
    ck_assert_str_eq(xapi_errno_name(19), "ENODEV");
    ck_assert_str_eq(xapi_errno_name(22), "EINVAL");
    ck_assert_str_eq(xapi_errno_name(35), "EDEADLK");
    ck_assert_str_eq(xapi_errno_name(88), "ENOTSOCK");
    ck_assert_str_eq(xapi_errno_name(95), "EOPNOTSUPP");
    ck_assert_str_eq(xapi_errno_name(111), "ECONNREFUSED");
    ck_assert_str_eq(xapi_errno_name(133), "EHWPOISON");
    ck_assert_str_eq(xapi_errno_name(EWOULDBLOCK), "EAGAIN");
    ck_assert_ptr_null(xapi_errno_name(0));
    ck_assert_ptr_null(xapi_errno_name(-1));
    ck_assert_ptr_null(xapi_errno_name(100000));
    /* Linux numbers 1..133 densely but for 41 and 58, which are aliases
     * only (EWOULDBLOCK, EDEADLOCK). */
    for (e = 1; e <= 133; e++) {
        if (e == 41 || e == 58)
            ck_assert_ptr_null(xapi_errno_name(e));
        else
            ck_assert_msg(xapi_errno_name(e) != NULL, "errno %d", e);
    }
}
END_TEST

Suite *misc_suite(void);
Suite *misc_suite(void)
{
    Suite *s = suite_create("misc");
    TCase *i = tcase_create("interfaces");
    TCase *c = tcase_create("constants");

    tcase_add_test(i, nametoindex_matches_sys);
    tcase_add_test(i, indextoname_inverts);
    tcase_add_test(i, nameindex_matches_sys);
    tcase_add_test(i, nameindex_all_matches_sys);
    suite_add_tcase(s, i);
    tcase_add_test(c, constants_have_uapi_values);
    tcase_add_test(c, constant_table_is_sound);
    tcase_add_test(c, errno_names);
    suite_add_tcase(s, c);
    return s;
}
