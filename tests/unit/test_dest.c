/*
 * test_dest.c - the destination cache (xapi_dest_cache_*) and
 * xapi_send_cached: parsed destinations equal what the parser gives
 * (checked against inet_pton-built sockaddrs), errors are the parser's
 * every time, a family is remembered only for AF_INET6, and a descriptor
 * closed and reused for a socket of another family gets its destination
 * parsed for the new family (the kernel's real refusal drives it).
 */
#include <config.h>

#include <arpa/inet.h>
#include <check.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "xapi.h"

static void want6(const xapi_addr *a, const char *text, unsigned port)
{
    struct sockaddr_in6 s6;

    ck_assert_uint_eq(a->len, sizeof(s6));
    memcpy(&s6, &a->ss, sizeof(s6));
    ck_assert_int_eq(s6.sin6_family, AF_INET6);
    ck_assert_uint_eq(ntohs(s6.sin6_port), port);
    {
        struct in6_addr w;
        ck_assert_int_eq(inet_pton(AF_INET6, text, &w), 1);
        ck_assert(memcmp(&w, &s6.sin6_addr, sizeof(w)) == 0);
    }
}

START_TEST(parse_repeats_and_errors)
{
    xapi_dest_cache *c = xapi_dest_cache_new();
    xapi_addr a;
    xapi_error e;
    int i;

    ck_assert_ptr_nonnull(c);
    for (i = 0; i < 3; i++) {
        memset(&a, 0x55, sizeof(a));
        ck_assert_int_eq(xapi_dest_cache_parse(c, AF_INET6, "2001:db8::7",
                                               53, &a, NULL), 0);
        want6(&a, "2001:db8::7", 53);
    }
    /* Same text, another port or family: not the remembered one. */
    ck_assert_int_eq(xapi_dest_cache_parse(c, AF_INET6, "2001:db8::7", 54,
                                           &a, NULL), 0);
    want6(&a, "2001:db8::7", 54);
    ck_assert_int_eq(xapi_dest_cache_parse(c, AF_INET, "192.0.2.9", 7, &a,
                                           NULL), 0);
    ck_assert_uint_eq(a.len, sizeof(struct sockaddr_in));
    ck_assert_int_eq(xapi_addr_family(&a), AF_INET);
    /* More destinations than the cache holds, then the first again. */
    for (i = 0; i < 20; i++) {
        char t[64];
        snprintf(t, sizeof t, "2001:db8::%x", i + 1);
        ck_assert_int_eq(xapi_dest_cache_parse(c, AF_INET6, t, 1, &a, NULL),
                         0);
        want6(&a, t, 1);
    }
    ck_assert_int_eq(xapi_dest_cache_parse(c, AF_INET6, "2001:db8::7", 53,
                                           &a, NULL), 0);
    want6(&a, "2001:db8::7", 53);
    /* Errors are the parser's, every time (never remembered). */
    for (i = 0; i < 2; i++) {
        memset(&e, 0, sizeof(e));
        ck_assert_int_eq(xapi_dest_cache_parse(c, AF_INET6, "127.0.0.1", 1,
                                               &a, &e), -1);
        ck_assert_int_eq(errno, EINVAL);
        ck_assert_str_eq(e.arg, "host");
        memset(&e, 0, sizeof(e));
        ck_assert_int_eq(xapi_dest_cache_parse(c, AF_INET6, "::1", 70000,
                                               &a, &e), -1);
        ck_assert_str_eq(e.arg, "port");
    }
    /* A scope by number is remembered, with its index. */
    ck_assert_int_eq(xapi_dest_cache_parse(c, AF_INET6, "fe80::1%3", 9, &a,
                                           NULL), 0);
    ck_assert_uint_eq(((struct sockaddr_in6 *)&a.ss)->sin6_scope_id, 3);
    /* A NULL cache parses. */
    ck_assert_int_eq(xapi_dest_cache_parse(NULL, AF_INET6, "::1", 5, &a,
                                           NULL), 0);
    want6(&a, "::1", 5);
    xapi_dest_cache_free(c);
    xapi_dest_cache_free(NULL);
}
END_TEST

START_TEST(family_remembered_for_inet6_only)
{
    xapi_dest_cache *c = xapi_dest_cache_new();
    int s6 = xapi_socket(AF_INET6, SOCK_DGRAM, 0);
    int s4 = xapi_socket(AF_INET, SOCK_DGRAM, 0);
    int fd;

    ck_assert_int_ge(s6, 0);
    ck_assert_int_ge(s4, 0);
    ck_assert_int_eq(xapi_dest_cache_family(c, s6), AF_INET6);
    ck_assert_int_eq(xapi_dest_cache_family(c, s4), AF_INET);
    /* s4's number reused for an IPv6 socket: AF_INET was not kept. */
    fd = s4;
    close(s4);
    s4 = xapi_socket(AF_INET6, SOCK_DGRAM, 0);
    ck_assert_int_eq(s4, fd);
    ck_assert_int_eq(xapi_dest_cache_family(c, s4), AF_INET6);
    /* s6's number reused for an IPv4 socket: remembered (stale) until
     * rechecked, which says it changed. */
    fd = s6;
    close(s6);
    s6 = xapi_socket(AF_INET, SOCK_DGRAM, 0);
    ck_assert_int_eq(s6, fd);
    ck_assert_int_eq(xapi_dest_cache_family(c, s6), AF_INET6);
    ck_assert_int_eq(xapi_dest_cache_recheck(c, s6), 1);
    ck_assert_int_eq(xapi_dest_cache_family(c, s6), AF_INET);
    ck_assert_int_eq(xapi_dest_cache_recheck(c, s6), 0);
    /* Bad descriptors are the kernel's errors. */
    ck_assert_int_eq(xapi_dest_cache_family(c, -1), -1);
    ck_assert_int_eq(errno, EBADF);
    close(s4);
    close(s6);
    xapi_dest_cache_free(c);
}
END_TEST

START_TEST(send_cached_reused_descriptor)
{
    xapi_dest_cache *c = xapi_dest_cache_new();
    int r6 = xapi_socket(AF_INET6, SOCK_DGRAM, 0);
    int a, b, fd;
    xapi_addr bound, dest;
    char host[XAPI_ADDRSTRLEN], buf[8];
    unsigned port;
    struct iovec iov = { "six", 3 };
    xapi_error e;

    ck_assert_int_eq(xapi_bind(r6, "::1", 0, NULL), 0);
    ck_assert_int_eq(xapi_getsockname(r6, &bound), 0);
    ck_assert_int_eq(xapi_addr_format(&bound, host, sizeof host, &port), 0);
    a = xapi_socket(AF_INET6, SOCK_DGRAM, 0);
    ck_assert_int_eq(xapi_dest_cache_resolve(c, a, host, port, &dest, NULL),
                     AF_INET6);
    ck_assert_int_eq(xapi_send_cached(a, &iov, 1, c, &dest, NULL, 0, 0, NULL),
                     3);
    ck_assert_int_eq(recv(r6, buf, sizeof buf, 0), 3);
    /* a's number reused for an IPv4 socket: the remembered AF_INET6 makes
     * an IPv6 destination, the kernel refuses it (EAFNOSUPPORT), the core
     * notices the new family and parses the text for it: "::1" is no
     * IPv4 address, an argument error naming host, as without a cache. */
    fd = a;
    close(a);
    b = xapi_socket(AF_INET, SOCK_DGRAM, 0);
    ck_assert_int_eq(b, fd);
    ck_assert_int_eq(xapi_dest_cache_resolve(c, b, host, port, &dest, NULL),
                     AF_INET6);
    memset(&e, 0, sizeof e);
    ck_assert_int_eq(xapi_send_cached(b, &iov, 1, c, &dest, NULL, 0, 0, &e),
                     -1);
    ck_assert_int_eq(errno, EINVAL);
    ck_assert_str_eq(e.arg, "host");
    /* And now known: the same text is refused before any send. */
    memset(&e, 0, sizeof e);
    ck_assert_int_eq(xapi_dest_cache_resolve(c, b, host, port, &dest, &e),
                     -1);
    ck_assert_str_eq(e.arg, "host");
    /* A kernel error that is not about the family stays the kernel's. */
    ck_assert_int_eq(xapi_dest_cache_resolve(c, r6, host, port, &dest, NULL),
                     AF_INET6);
    memset(&e, 0, sizeof e);
    ck_assert_int_eq(xapi_send_cached(r6, &iov, 1, c, &dest, NULL, 0, -1, &e),
                     -1);
    ck_assert_ptr_null(e.arg);
    close(b);
    close(r6);
    xapi_dest_cache_free(c);
}
END_TEST

/* Many threads asking for one slot's cache at once all get the same one
 * (the losers of the race free theirs: ASan's leak check sees to that). */
#define ONCE_THREADS 8
static void *once_worker(void *slot)
{
    return xapi_dest_cache_once(slot);
}

START_TEST(once_publishes_one_cache)
{
    xapi_dest_cache *slot = NULL, *got[ONCE_THREADS];
    pthread_t t[ONCE_THREADS];
    int i;

    for (i = 0; i < ONCE_THREADS; i++)
        ck_assert_int_eq(pthread_create(&t[i], NULL, once_worker, &slot), 0);
    for (i = 0; i < ONCE_THREADS; i++) {
        void *r;
        ck_assert_int_eq(pthread_join(t[i], &r), 0);
        got[i] = r;
    }
    ck_assert_ptr_nonnull(slot);
    for (i = 0; i < ONCE_THREADS; i++)
        ck_assert_ptr_eq(got[i], slot);
    /* A set slot is returned as it is. */
    ck_assert_ptr_eq(xapi_dest_cache_once(&slot), got[0]);
    xapi_dest_cache_free(slot);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("dest");
    TCase *t = tcase_create("cache");
    SRunner *sr;
    int failed;

    tcase_add_test(t, parse_repeats_and_errors);
    tcase_add_test(t, family_remembered_for_inet6_only);
    tcase_add_test(t, send_cached_reused_descriptor);
    tcase_add_test(t, once_publishes_one_cache);
    suite_add_tcase(s, t);
    sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
