/*
 * test_cmsg.c - control buffers: sizes against glibc's CMSG_* macros,
 * layout against glibc's own builder, and walks over lying buffers.  Every
 * buffer a walk reads is heap-allocated to its exact length, so
 * AddressSanitizer catches a read of even one byte past the end.
 */
#include <config.h>

#include <check.h>
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "xapi.h"

static unsigned char *dup_exact(const void *p, size_t n)
{
    unsigned char *q = malloc(n > 0 ? n : 1);

    ck_assert_ptr_nonnull(q);
    memcpy(q, p, n);
    return q;
}

START_TEST(space_and_len_match_glibc)
{
    size_t n;

    for (n = 0; n <= 4096; n++) {
        ck_assert_uint_eq(xapi_cmsg_space(n), CMSG_SPACE(n));
        ck_assert_uint_eq(xapi_cmsg_len(n), CMSG_LEN(n));
    }
    for (n = 65000; n < 66000; n += 7) {
        ck_assert_uint_eq(xapi_cmsg_space(n), CMSG_SPACE(n));
        ck_assert_uint_eq(xapi_cmsg_len(n), CMSG_LEN(n));
    }
}
END_TEST

START_TEST(space_and_len_overflow)
{
    /* The largest payloads whose item still fits in INT_MAX bytes,
     * found with glibc's macros. */
    size_t max_space = INT_MAX, max_len = INT_MAX;

    while (CMSG_SPACE(max_space) > (size_t)INT_MAX)
        max_space--;
    while (CMSG_LEN(max_len) > (size_t)INT_MAX)
        max_len--;

    ck_assert_uint_eq(xapi_cmsg_space(max_space), CMSG_SPACE(max_space));
    errno = 0;
    ck_assert_uint_eq(xapi_cmsg_space(max_space + 1), 0);
    ck_assert_int_eq(errno, EOVERFLOW);
    ck_assert_uint_eq(xapi_cmsg_len(max_len), (size_t)INT_MAX);
    errno = 0;
    ck_assert_uint_eq(xapi_cmsg_len(max_len + 1), 0);
    ck_assert_int_eq(errno, EOVERFLOW);
    errno = 0;
    ck_assert_uint_eq(xapi_cmsg_space(SIZE_MAX), 0);
    ck_assert_int_eq(errno, EOVERFLOW);
    errno = 0;
    ck_assert_uint_eq(xapi_cmsg_len(SIZE_MAX), 0);
    ck_assert_int_eq(errno, EOVERFLOW);
}
END_TEST

/* The same three items built by glibc's CMSG_FIRSTHDR/CMSG_NXTHDR and by
 * xapi_cmsg_append must be the same bytes, padding included. */
START_TEST(append_matches_glibc_layout)
{
    static const unsigned char p1[4] = { 7, 0, 0, 0 };
    static const unsigned char p3[13] = "thirteen-byte";
    unsigned char want[CMSG_SPACE(4) + CMSG_SPACE(0) + CMSG_SPACE(13)];
    unsigned char got[sizeof(want) + 8];
    struct msghdr mh;
    struct cmsghdr *c;
    size_t used = 0;

    memset(want, 0, sizeof(want));
    memset(&mh, 0, sizeof(mh));
    mh.msg_control = want;
    mh.msg_controllen = sizeof(want);
    c = CMSG_FIRSTHDR(&mh);
    c->cmsg_len = CMSG_LEN(4);
    c->cmsg_level = IPPROTO_IPV6;
    c->cmsg_type = IPV6_HOPLIMIT;
    memcpy(CMSG_DATA(c), p1, 4);
    c = CMSG_NXTHDR(&mh, c);
    c->cmsg_len = CMSG_LEN(0);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = 99;
    c = CMSG_NXTHDR(&mh, c);
    ck_assert_ptr_nonnull(c);
    c->cmsg_len = CMSG_LEN(13);
    c->cmsg_level = 65535;
    c->cmsg_type = -1;
    memcpy(CMSG_DATA(c), p3, 13);

    /* Dirty, so that unzeroed padding would show. */
    memset(got, 0xaa, sizeof(got));
    ck_assert_int_eq(xapi_cmsg_append(got, sizeof(got), &used, IPPROTO_IPV6,
                                      IPV6_HOPLIMIT, p1, 4), 0);
    ck_assert_uint_eq(used, CMSG_SPACE(4));
    ck_assert_int_eq(xapi_cmsg_append(got, sizeof(got), &used, SOL_SOCKET, 99,
                                      NULL, 0), 0);
    ck_assert_int_eq(xapi_cmsg_append(got, sizeof(got), &used, 65535, -1, p3,
                                      13), 0);
    ck_assert_uint_eq(used, sizeof(want));
    ck_assert_mem_eq(got, want, sizeof(want));
    /* Nothing past the last item was touched. */
    ck_assert_uint_eq(got[sizeof(want)], 0xaa);
}
END_TEST

START_TEST(append_enospc_writes_nothing)
{
    static const int v = 1;
    unsigned char buf[64], before[64];
    size_t used = CMSG_SPACE(4);

    memset(buf, 0xaa, sizeof(buf));
    memcpy(before, buf, sizeof(buf));
    /* One byte short of room for a second item at offset 24. */
    errno = 0;
    ck_assert_int_eq(xapi_cmsg_append(buf, 2 * CMSG_SPACE(4) - 1, &used, 1, 2,
                                      &v, sizeof(v)), -1);
    ck_assert_int_eq(errno, ENOSPC);
    ck_assert_uint_eq(used, CMSG_SPACE(4));
    ck_assert_mem_eq(buf, before, sizeof(buf));
    /* Exactly enough room. */
    ck_assert_int_eq(xapi_cmsg_append(buf, 2 * CMSG_SPACE(4), &used, 1, 2,
                                      &v, sizeof(v)), 0);
    ck_assert_uint_eq(used, 2 * CMSG_SPACE(4));
    errno = 0;
    used = 0;
    ck_assert_int_eq(xapi_cmsg_append(NULL, 0, &used, 1, 2, &v, sizeof(v)), -1);
    ck_assert_int_eq(errno, ENOSPC);
}
END_TEST

START_TEST(append_bad_arguments)
{
    unsigned char buf[64];
    size_t used;

    used = 3; /* not on an item boundary */
    errno = 0;
    ck_assert_int_eq(xapi_cmsg_append(buf, sizeof(buf), &used, 1, 2, "", 0), -1);
    ck_assert_int_eq(errno, EINVAL);
    used = sizeof(buf) + 8;
    errno = 0;
    ck_assert_int_eq(xapi_cmsg_append(buf, sizeof(buf), &used, 1, 2, "", 0), -1);
    ck_assert_int_eq(errno, EINVAL);
    used = 0;
    errno = 0;
    ck_assert_int_eq(xapi_cmsg_append(buf, sizeof(buf), &used, 1, 2, NULL, 4),
                     -1);
    ck_assert_int_eq(errno, EINVAL);
    errno = 0;
    ck_assert_int_eq(xapi_cmsg_append(buf, sizeof(buf), NULL, 1, 2, "", 0), -1);
    ck_assert_int_eq(errno, EINVAL);
}
END_TEST

START_TEST(walk_round_trip)
{
    static const int v = 64;
    static const unsigned char odd[13] = "thirteen-byte";
    unsigned char buf[128];
    unsigned char *exact;
    size_t used = 0;
    xapi_cmsg_iter it;
    xapi_cmsg c;

    ck_assert_int_eq(xapi_cmsg_append(buf, sizeof(buf), &used, IPPROTO_IPV6,
                                      IPV6_HOPLIMIT, &v, sizeof(v)), 0);
    ck_assert_int_eq(xapi_cmsg_append(buf, sizeof(buf), &used, 7, 8, NULL, 0),
                     0);
    ck_assert_int_eq(xapi_cmsg_append(buf, sizeof(buf), &used, 65535, 99, odd,
                                      sizeof(odd)), 0);
    exact = dup_exact(buf, used);

    xapi_cmsg_iter_init(&it, exact, used);
    ck_assert_int_eq(xapi_cmsg_next(&it, &c), 1);
    ck_assert_int_eq(c.level, IPPROTO_IPV6);
    ck_assert_int_eq(c.type, IPV6_HOPLIMIT);
    ck_assert_uint_eq(c.len, sizeof(int));
    ck_assert_mem_eq(c.data, &v, sizeof(v));
    ck_assert_ptr_eq(c.data, exact + CMSG_LEN(0));
    ck_assert_int_eq(xapi_cmsg_next(&it, &c), 1);
    ck_assert_int_eq(c.level, 7);
    ck_assert_int_eq(c.type, 8);
    ck_assert_uint_eq(c.len, 0);
    ck_assert_int_eq(xapi_cmsg_next(&it, &c), 1);
    ck_assert_int_eq(c.level, 65535);
    ck_assert_int_eq(c.type, 99);
    ck_assert_uint_eq(c.len, sizeof(odd));
    ck_assert_mem_eq(c.data, odd, sizeof(odd));
    ck_assert_int_eq(xapi_cmsg_next(&it, &c), 0);
    ck_assert_int_eq(xapi_cmsg_next(&it, &c), 0);
    free(exact);
}
END_TEST

/* The kernel does not pad the last item: a buffer ending right after its
 * payload still walks. */
START_TEST(walk_unpadded_last_item)
{
    unsigned char buf[CMSG_SPACE(4)], *exact;
    size_t used = 0;
    int v = 5;
    xapi_cmsg_iter it;
    xapi_cmsg c;

    ck_assert_int_eq(xapi_cmsg_append(buf, sizeof(buf), &used, 1, 2, &v, 4), 0);
    exact = dup_exact(buf, CMSG_LEN(4));
    xapi_cmsg_iter_init(&it, exact, CMSG_LEN(4));
    ck_assert_int_eq(xapi_cmsg_next(&it, &c), 1);
    ck_assert_uint_eq(c.len, 4);
    ck_assert_int_eq(xapi_cmsg_next(&it, &c), 0);
    free(exact);
}
END_TEST

START_TEST(walk_empty)
{
    xapi_cmsg_iter it;
    xapi_cmsg c;

    xapi_cmsg_iter_init(&it, NULL, 0);
    ck_assert_int_eq(xapi_cmsg_next(&it, &c), 0);
    /* A NULL buffer has no bytes whatever length is claimed. */
    xapi_cmsg_iter_init(&it, NULL, 100);
    ck_assert_int_eq(xapi_cmsg_next(&it, &c), 0);
}
END_TEST

/* One header built by hand, with whatever cmsg_len it is given. */
static size_t put_header(unsigned char *p, size_t cmsg_len, int level,
                         int type)
{
    struct cmsghdr h;

    memset(&h, 0, sizeof(h));
    h.cmsg_len = cmsg_len;
    h.cmsg_level = level;
    h.cmsg_type = type;
    memcpy(p, &h, sizeof(h));
    return sizeof(h);
}

static void expect_walk(const unsigned char *buf, size_t len, int good_items,
                        int last)
{
    unsigned char *exact = dup_exact(buf, len);
    xapi_cmsg_iter it;
    xapi_cmsg c;
    int i;

    xapi_cmsg_iter_init(&it, exact, len);
    for (i = 0; i < good_items; i++)
        ck_assert_int_eq(xapi_cmsg_next(&it, &c), 1);
    errno = 0;
    ck_assert_int_eq(xapi_cmsg_next(&it, &c), last);
    if (last < 0) {
        ck_assert_int_eq(errno, EINVAL);
        /* The walk stays stopped at the bad item. */
        errno = 0;
        ck_assert_int_eq(xapi_cmsg_next(&it, &c), -1);
        ck_assert_int_eq(errno, EINVAL);
    }
    free(exact);
}

START_TEST(walk_lying_lengths)
{
    unsigned char buf[64];
    size_t n;

    memset(buf, 0, sizeof(buf));
    /* Past the end of the buffer. */
    n = put_header(buf, 200, IPPROTO_IPV6, IPV6_HOPLIMIT);
    expect_walk(buf, n + 8, 0, -1);
    /* One byte past the end. */
    put_header(buf, CMSG_LEN(4) + 1, IPPROTO_IPV6, IPV6_HOPLIMIT);
    expect_walk(buf, CMSG_LEN(4), 0, -1);
    /* Smaller than its own header, and zero. */
    put_header(buf, sizeof(struct cmsghdr) - 1, 1, 1);
    expect_walk(buf, 24, 0, -1);
    put_header(buf, 0, 1, 1);
    expect_walk(buf, 24, 0, -1);
    /* Huge: would wrap any pointer or offset it was added to. */
    put_header(buf, SIZE_MAX, 1, 1);
    expect_walk(buf, 24, 0, -1);
    put_header(buf, SIZE_MAX - 6, 1, 1);
    expect_walk(buf, 24, 0, -1);
    /* A good item, then a liar. */
    n = put_header(buf, CMSG_LEN(4), IPPROTO_IPV6, IPV6_HOPLIMIT);
    n = CMSG_SPACE(4);
    n += put_header(buf + n, (size_t)-1 >> 1, IPPROTO_IPV6, IPV6_HOPLIMIT);
    expect_walk(buf, n, 1, -1);
}
END_TEST

START_TEST(walk_short_tail)
{
    unsigned char buf[64];
    size_t n = CMSG_SPACE(4);
    int v = 7;

    memset(buf, 0x11, sizeof(buf));
    put_header(buf, CMSG_LEN(4), IPPROTO_IPV6, IPV6_HOPLIMIT);
    memcpy(buf + CMSG_LEN(0), &v, sizeof(v));
    /* Anything shorter than a header after an item ends the walk. */
    for (size_t tail = 0; tail < sizeof(struct cmsghdr); tail++)
        expect_walk(buf, n + tail, 1, 0);
    /* A whole header's worth of junk is read as a header, and refused. */
    expect_walk(buf, n + sizeof(struct cmsghdr), 1, -1);
}
END_TEST

START_TEST(walk_unaligned_buffer)
{
    unsigned char buf[64], *raw;
    size_t used = 0;
    int v = 9;
    xapi_cmsg_iter it;
    xapi_cmsg c;

    ck_assert_int_eq(xapi_cmsg_append(buf, sizeof(buf), &used, 1, 2, &v, 4), 0);
    ck_assert_int_eq(xapi_cmsg_append(buf, sizeof(buf), &used, 3, 4, &v, 4), 0);
    raw = malloc(used + 1);
    ck_assert_ptr_nonnull(raw);
    memcpy(raw + 1, buf, used);
    xapi_cmsg_iter_init(&it, raw + 1, used);
    ck_assert_int_eq(xapi_cmsg_next(&it, &c), 1);
    ck_assert_int_eq(xapi_cmsg_next(&it, &c), 1);
    ck_assert_int_eq(c.level, 3);
    ck_assert_int_eq(c.type, 4);
    ck_assert_int_eq(xapi_cmsg_next(&it, &c), 0);
    free(raw);
}
END_TEST

Suite *cmsg_suite(void);
Suite *cmsg_suite(void)
{
    Suite *s = suite_create("cmsg");
    TCase *t = tcase_create("build");
    TCase *w = tcase_create("walk");

    tcase_add_test(t, space_and_len_match_glibc);
    tcase_add_test(t, space_and_len_overflow);
    tcase_add_test(t, append_matches_glibc_layout);
    tcase_add_test(t, append_enospc_writes_nothing);
    tcase_add_test(t, append_bad_arguments);
    suite_add_tcase(s, t);
    tcase_add_test(w, walk_round_trip);
    tcase_add_test(w, walk_unpadded_last_item);
    tcase_add_test(w, walk_empty);
    tcase_add_test(w, walk_lying_lengths);
    tcase_add_test(w, walk_short_tail);
    tcase_add_test(w, walk_unaligned_buffer);
    suite_add_tcase(s, w);
    return s;
}
