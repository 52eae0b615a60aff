/*
 * test_items.c - typed items: decoders and encoders against hand-built
 * kernel structs, and the one table behind xapi_cmsg_decode.
 */
#include <config.h>

#include <arpa/inet.h>
#include <check.h>
#include <errno.h>
#include <limits.h>
#include <string.h>

#include "xapi.h"

START_TEST(decode_int_exact_size)
{
    int v = 0x01020304, out = 0;
    unsigned char big[8] = { 0 };

    ck_assert_int_eq(xapi_decode_int(&v, sizeof(v), &out), 0);
    ck_assert_int_eq(out, 0x01020304);
    /* A long, a short and nothing are not an int. */
    errno = 0;
    ck_assert_int_eq(xapi_decode_int(big, 8, &out), -1);
    ck_assert_int_eq(errno, EINVAL);
    errno = 0;
    ck_assert_int_eq(xapi_decode_int(big, 2, &out), -1);
    ck_assert_int_eq(errno, EINVAL);
    errno = 0;
    ck_assert_int_eq(xapi_decode_int(big, 0, &out), -1);
    ck_assert_int_eq(errno, EINVAL);
}
END_TEST

START_TEST(decode_tos_byte_or_int)
{
    unsigned char byte = 0x10;
    int v = 255, out = -1;

    /* The kernel sends IP_TOS as one byte (ip_cmsg_recv_tos). */
    ck_assert_int_eq(xapi_decode_tos(&byte, 1, &out), 0);
    ck_assert_int_eq(out, 16);
    byte = 0xff;
    ck_assert_int_eq(xapi_decode_tos(&byte, 1, &out), 0);
    ck_assert_int_eq(out, 255);
    ck_assert_int_eq(xapi_decode_tos(&v, sizeof(v), &out), 0);
    ck_assert_int_eq(out, 255);
    v = 256;
    errno = 0;
    ck_assert_int_eq(xapi_decode_tos(&v, sizeof(v), &out), -1);
    ck_assert_int_eq(errno, EINVAL);
    v = -1;
    errno = 0;
    ck_assert_int_eq(xapi_decode_tos(&v, sizeof(v), &out), -1);
    ck_assert_int_eq(errno, EINVAL);
    errno = 0;
    ck_assert_int_eq(xapi_decode_tos(&v, 2, &out), -1);
    ck_assert_int_eq(errno, EINVAL);
}
END_TEST

START_TEST(in6_pktinfo_decode)
{
    struct in6_pktinfo pi;
    unsigned char raw[sizeof(pi) + 1];
    xapi_pktinfo out;

    memset(&pi, 0, sizeof(pi));
    ck_assert_int_eq(inet_pton(AF_INET6, "2001:db8::42", &pi.ipi6_addr), 1);
    pi.ipi6_ifindex = 3;
    ck_assert_int_eq(xapi_decode_in6_pktinfo(&pi, sizeof(pi), &out), 0);
    ck_assert_int_eq(out.family, AF_INET6);
    ck_assert_uint_eq(out.ifindex, 3);
    ck_assert_str_eq(out.addr, "2001:db8::42");
    ck_assert_str_eq(out.spec_dst, "");

    memcpy(raw, &pi, sizeof(pi));
    errno = 0;
    ck_assert_int_eq(xapi_decode_in6_pktinfo(raw, sizeof(pi) - 1, &out), -1);
    ck_assert_int_eq(errno, EINVAL);
    errno = 0;
    ck_assert_int_eq(xapi_decode_in6_pktinfo(raw, sizeof(pi) + 1, &out), -1);
    ck_assert_int_eq(errno, EINVAL);
}
END_TEST

START_TEST(in_pktinfo_decode)
{
    struct in_pktinfo pi;
    xapi_pktinfo out;

    memset(&pi, 0, sizeof(pi));
    pi.ipi_ifindex = 2;
    ck_assert_int_eq(inet_pton(AF_INET, "192.0.2.1", &pi.ipi_spec_dst), 1);
    ck_assert_int_eq(inet_pton(AF_INET, "198.51.100.7", &pi.ipi_addr), 1);
    ck_assert_int_eq(xapi_decode_in_pktinfo(&pi, sizeof(pi), &out), 0);
    ck_assert_int_eq(out.family, AF_INET);
    ck_assert_uint_eq(out.ifindex, 2);
    ck_assert_str_eq(out.addr, "198.51.100.7");
    ck_assert_str_eq(out.spec_dst, "192.0.2.1");
    errno = 0;
    ck_assert_int_eq(xapi_decode_in_pktinfo(&pi, sizeof(pi) - 4, &out), -1);
    ck_assert_int_eq(errno, EINVAL);
}
END_TEST

START_TEST(encode_int_range_and_room)
{
    unsigned char buf[8];
    size_t n = 0;
    int v;

    ck_assert_int_eq(xapi_encode_int(7, buf, sizeof(buf), &n), 0);
    ck_assert_uint_eq(n, sizeof(int));
    memcpy(&v, buf, sizeof(v));
    ck_assert_int_eq(v, 7);
    ck_assert_int_eq(xapi_encode_int(-1, buf, sizeof(buf), &n), 0);
    ck_assert_int_eq(xapi_encode_int(255, buf, sizeof(buf), &n), 0);
    errno = 0;
    ck_assert_int_eq(xapi_encode_int(256, buf, sizeof(buf), &n), -1);
    ck_assert_int_eq(errno, EINVAL);
    errno = 0;
    ck_assert_int_eq(xapi_encode_int(-2, buf, sizeof(buf), &n), -1);
    ck_assert_int_eq(errno, EINVAL);
    errno = 0;
    ck_assert_int_eq(xapi_encode_int(1, buf, sizeof(int) - 1, &n), -1);
    ck_assert_int_eq(errno, ENOSPC);
}
END_TEST

START_TEST(encode_in6_pktinfo_layout)
{
    struct in6_pktinfo want;
    unsigned char buf[64];
    size_t n = 0;

    memset(&want, 0, sizeof(want));
    ck_assert_int_eq(inet_pton(AF_INET6, "2001:db8::5", &want.ipi6_addr), 1);
    want.ipi6_ifindex = 7;
    ck_assert_int_eq(xapi_encode_in6_pktinfo("2001:db8::5", 7, buf,
                                             sizeof(buf), &n), 0);
    ck_assert_uint_eq(n, sizeof(want));
    ck_assert_mem_eq(buf, &want, sizeof(want));

    /* No address: the unspecified one, the kernel then picks. */
    memset(&want, 0, sizeof(want));
    ck_assert_int_eq(xapi_encode_in6_pktinfo(NULL, 0, buf, sizeof(buf), &n), 0);
    ck_assert_mem_eq(buf, &want, sizeof(want));

    errno = 0;
    ck_assert_int_eq(xapi_encode_in6_pktinfo("::1", 1, buf, sizeof(want) - 1,
                                             &n), -1);
    ck_assert_int_eq(errno, ENOSPC);
    errno = 0;
    ck_assert_int_eq(xapi_encode_in6_pktinfo("bogus", 1, buf, sizeof(buf), &n),
                     -1);
    ck_assert_int_eq(errno, EINVAL);
}
END_TEST

START_TEST(encode_in_pktinfo_layout)
{
    struct in_pktinfo want;
    unsigned char buf[64];
    size_t n = 0;

    memset(&want, 0, sizeof(want));
    want.ipi_ifindex = 4;
    ck_assert_int_eq(inet_pton(AF_INET, "192.0.2.1", &want.ipi_spec_dst), 1);
    ck_assert_int_eq(xapi_encode_in_pktinfo(4, "192.0.2.1", NULL, buf,
                                            sizeof(buf), &n), 0);
    ck_assert_uint_eq(n, sizeof(want));
    ck_assert_mem_eq(buf, &want, sizeof(want));

    ck_assert_int_eq(inet_pton(AF_INET, "198.51.100.7", &want.ipi_addr), 1);
    ck_assert_int_eq(xapi_encode_in_pktinfo(4, "192.0.2.1", "198.51.100.7",
                                            buf, sizeof(buf), &n), 0);
    ck_assert_mem_eq(buf, &want, sizeof(want));

    errno = 0;
    ck_assert_int_eq(xapi_encode_in_pktinfo((unsigned)INT_MAX + 1, NULL, NULL,
                                            buf, sizeof(buf), &n), -1);
    ck_assert_int_eq(errno, EINVAL);
    errno = 0;
    ck_assert_int_eq(xapi_encode_in_pktinfo(1, "::1", NULL, buf, sizeof(buf),
                                            &n), -1);
    ck_assert_int_eq(errno, EINVAL);
    errno = 0;
    ck_assert_int_eq(xapi_encode_in_pktinfo(1, NULL, NULL, buf, 4, &n), -1);
    ck_assert_int_eq(errno, ENOSPC);
}
END_TEST

static xapi_cmsg item(int level, int type, const void *data, size_t len)
{
    xapi_cmsg c;

    c.level = level;
    c.type = type;
    c.data = data;
    c.len = len;
    return c;
}

static void expect_int_view(int level, int type, int value, const char *name)
{
    xapi_cmsg c = item(level, type, &value, sizeof(value));
    xapi_value v;

    ck_assert_int_eq(xapi_cmsg_decode(&c, &v), 0);
    ck_assert_int_eq(v.kind, XAPI_VALUE_INT);
    ck_assert_str_eq(v.name, name);
    ck_assert_int_eq(v.i, value);
}

static void expect_malformed(int level, int type, const void *data,
                             size_t len)
{
    xapi_cmsg c = item(level, type, data, len);
    xapi_value v;

    errno = 0;
    ck_assert_int_eq(xapi_cmsg_decode(&c, &v), -1);
    ck_assert_int_eq(errno, EINVAL);
}

START_TEST(decode_table_ints)
{
    int v;
    unsigned char tos = 0x10;
    xapi_cmsg c;
    xapi_value out;

    expect_int_view(IPPROTO_IPV6, IPV6_HOPLIMIT, 64, "hoplimit");
    expect_int_view(IPPROTO_IPV6, IPV6_HOPLIMIT, 0, "hoplimit");
    expect_int_view(IPPROTO_IPV6, IPV6_TCLASS, 0x28, "tclass");
    expect_int_view(IPPROTO_IP, IP_TTL, 1, "ttl");
    expect_int_view(IPPROTO_IP, IP_TTL, 255, "ttl");
    expect_int_view(IPPROTO_IP, IP_TOS, 0xb8, "tos");

    c = item(IPPROTO_IP, IP_TOS, &tos, 1);
    ck_assert_int_eq(xapi_cmsg_decode(&c, &out), 0);
    ck_assert_int_eq(out.kind, XAPI_VALUE_INT);
    ck_assert_str_eq(out.name, "tos");
    ck_assert_int_eq(out.i, 16);

    v = 256;
    expect_malformed(IPPROTO_IPV6, IPV6_HOPLIMIT, &v, sizeof(v));
    expect_malformed(IPPROTO_IPV6, IPV6_TCLASS, &v, sizeof(v));
    expect_malformed(IPPROTO_IP, IP_TTL, &v, sizeof(v));
    v = -1;
    expect_malformed(IPPROTO_IPV6, IPV6_HOPLIMIT, &v, sizeof(v));
    v = 0;
    expect_malformed(IPPROTO_IP, IP_TTL, &v, sizeof(v));
    v = 7;
    expect_malformed(IPPROTO_IPV6, IPV6_HOPLIMIT, &v, 2);
    expect_malformed(IPPROTO_IPV6, IPV6_HOPLIMIT, NULL, 0);
}
END_TEST

START_TEST(decode_table_pktinfo)
{
    struct in6_pktinfo p6;
    struct in_pktinfo p4;
    xapi_cmsg c;
    xapi_value v;

    memset(&p6, 0, sizeof(p6));
    p6.ipi6_addr.s6_addr[15] = 1;
    p6.ipi6_ifindex = 1;
    c = item(IPPROTO_IPV6, IPV6_PKTINFO, &p6, sizeof(p6));
    ck_assert_int_eq(xapi_cmsg_decode(&c, &v), 0);
    ck_assert_int_eq(v.kind, XAPI_VALUE_PKTINFO);
    ck_assert_str_eq(v.name, "pktinfo");
    ck_assert_int_eq(v.pktinfo.family, AF_INET6);
    ck_assert_str_eq(v.pktinfo.addr, "::1");
    ck_assert_uint_eq(v.pktinfo.ifindex, 1);

    memset(&p4, 0, sizeof(p4));
    p4.ipi_ifindex = 1;
    p4.ipi_addr.s_addr = htonl(0x7f000001);
    p4.ipi_spec_dst.s_addr = htonl(0x7f000002);
    c = item(IPPROTO_IP, IP_PKTINFO, &p4, sizeof(p4));
    ck_assert_int_eq(xapi_cmsg_decode(&c, &v), 0);
    ck_assert_int_eq(v.kind, XAPI_VALUE_PKTINFO);
    ck_assert_str_eq(v.pktinfo.addr, "127.0.0.1");
    ck_assert_str_eq(v.pktinfo.spec_dst, "127.0.0.2");

    expect_malformed(IPPROTO_IPV6, IPV6_PKTINFO, &p6, sizeof(p6) - 1);
    expect_malformed(IPPROTO_IP, IP_PKTINFO, &p4, sizeof(p4) - 1);
    expect_malformed(IPPROTO_IP, IP_PKTINFO, &p6, sizeof(p6));
}
END_TEST

START_TEST(decode_table_unknown)
{
    static const unsigned char raw[3] = { 1, 2, 3 };
    int hop = 64;
    xapi_cmsg c;
    xapi_value v;

    c = item(65535, 99, raw, sizeof(raw));
    ck_assert_int_eq(xapi_cmsg_decode(&c, &v), 0);
    ck_assert_int_eq(v.kind, XAPI_VALUE_NONE);
    ck_assert_ptr_null(v.name);
    /* A known type number at another level is another item. */
    c = item(SOL_SOCKET, IPV6_HOPLIMIT, &hop, sizeof(hop));
    ck_assert_int_eq(xapi_cmsg_decode(&c, &v), 0);
    ck_assert_int_eq(v.kind, XAPI_VALUE_NONE);
}
END_TEST

#if defined(__LP64__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
/* The 64-bit little-endian ABI vectors from tests/matrix/cases/20-cmsg. */
START_TEST(abi_vectors)
{
    static const unsigned char hoplimit7[] = {
        0x14, 0, 0, 0, 0, 0, 0, 0, 0x29, 0, 0, 0, 0x34, 0, 0, 0,
        0x07, 0, 0, 0, 0, 0, 0, 0 };
    static const unsigned char pktinfo_lo[] = {
        0x24, 0, 0, 0, 0, 0, 0, 0, 0x29, 0, 0, 0, 0x32, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1,
        1, 0, 0, 0, 0, 0, 0, 0 };
    unsigned char buf[64], payload[32];
    size_t used = 0, n;
    xapi_cmsg_iter it;
    xapi_cmsg c;
    xapi_value v;

    memset(buf, 0xee, sizeof(buf));
    ck_assert_int_eq(xapi_encode_int(7, payload, sizeof(payload), &n), 0);
    ck_assert_int_eq(xapi_cmsg_append(buf, sizeof(buf), &used, IPPROTO_IPV6,
                                      IPV6_HOPLIMIT, payload, n), 0);
    ck_assert_uint_eq(used, sizeof(hoplimit7));
    ck_assert_mem_eq(buf, hoplimit7, sizeof(hoplimit7));

    xapi_cmsg_iter_init(&it, pktinfo_lo, sizeof(pktinfo_lo));
    ck_assert_int_eq(xapi_cmsg_next(&it, &c), 1);
    ck_assert_int_eq(xapi_cmsg_decode(&c, &v), 0);
    ck_assert_str_eq(v.pktinfo.addr, "::1");
    ck_assert_uint_eq(v.pktinfo.ifindex, 1);
    ck_assert_int_eq(xapi_cmsg_next(&it, &c), 0);
}
END_TEST
#endif

/* Every record's fields lie inside xapi_value, have distinct names, and
 * read back through xapi_field_get as their C type holds them. */
START_TEST(records_table_sound)
{
    const xapi_record *r;
    size_t i, j, k;

    for (i = 0; (r = xapi_record_at(i)) != NULL; i++) {
        ck_assert_ptr_eq(xapi_record_of(r->kind), r);
        ck_assert_ptr_nonnull(r->type_name);
        ck_assert_uint_gt(r->nfields, 0);
        for (j = 0; j < r->nfields; j++) {
            const xapi_field *f = &r->fields[j];
            ck_assert_uint_lt(f->offset, sizeof(xapi_value));
            ck_assert_ptr_nonnull(f->doc);
            for (k = 0; k < j; k++)
                ck_assert_str_ne(r->fields[k].name, f->name);
        }
    }
    ck_assert_uint_ge(i, 2);
    errno = 0;
    ck_assert_ptr_null(xapi_record_of(XAPI_VALUE_INT));
    ck_assert_int_eq(errno, EINVAL);
    ck_assert_ptr_null(xapi_record_of(XAPI_VALUE_PKTINFO));
    ck_assert_ptr_null(xapi_record_of(-7));
}
END_TEST

START_TEST(records_field_get)
{
    xapi_value v;
    const xapi_record *r = xapi_record_of(XAPI_VALUE_SOCK_ERR);
    int64_t i = 0;
    const char *s = NULL;
    size_t n = 0, j;

    memset(&v, 0, sizeof(v));
    v.kind = XAPI_VALUE_SOCK_ERR;
    v.sock_err.ee_errno = EMSGSIZE;
    v.sock_err.info = 4000000000u; /* above INT_MAX: read unsigned */
    ck_assert_ptr_nonnull(r);
    for (j = 0; j < r->nfields; j++) {
        const xapi_field *f = &r->fields[j];
        int t = xapi_field_get(&v, f, &i, &s, &n);
        if (strcmp(f->name, "errno") == 0) {
            ck_assert_int_eq(t, XAPI_FIELD_INT);
            ck_assert_int_eq(i, EMSGSIZE);
        } else if (strcmp(f->name, "info") == 0) {
            ck_assert_int_eq(t, XAPI_FIELD_INT);
            ck_assert_int_eq(i, 4000000000LL);
        } else if (strcmp(f->name, "offender") == 0) {
            ck_assert_int_eq(t, 0); /* none: the text is empty */
            strcpy(v.sock_err.offender, "2001:db8::1");
            ck_assert_int_eq(xapi_field_get(&v, f, &i, &s, &n),
                             XAPI_FIELD_TEXT);
            ck_assert_str_eq(s, "2001:db8::1");
            ck_assert_uint_eq(n, 11);
        }
    }
    ck_assert_int_eq(xapi_field_get(NULL, &r->fields[0], &i, &s, &n), -1);
    ck_assert_int_eq(errno, EINVAL);
}
END_TEST

/* The view names: distinct, in table order, the pair rows once. */
START_TEST(view_names_distinct)
{
    size_t i, j;
    const char *name;
    int saw_pktinfo = 0, saw_hoplimit = 0;

    for (i = 0; (name = xapi_view_name_at(i)) != NULL; i++) {
        for (j = 0; j < i; j++)
            ck_assert_str_ne(xapi_view_name_at(j), name);
        saw_pktinfo += strcmp(name, "pktinfo") == 0;
        saw_hoplimit += strcmp(name, "hoplimit") == 0;
    }
    ck_assert_int_eq(saw_pktinfo, 1);
    ck_assert_int_eq(saw_hoplimit, 1);
    ck_assert_str_eq(xapi_view_name_at(0), "hoplimit");
}
END_TEST

Suite *items_suite(void);
Suite *items_suite(void)
{
    Suite *s = suite_create("items");
    TCase *t = tcase_create("typed");

    tcase_add_test(t, decode_int_exact_size);
    tcase_add_test(t, decode_tos_byte_or_int);
    tcase_add_test(t, in6_pktinfo_decode);
    tcase_add_test(t, in_pktinfo_decode);
    tcase_add_test(t, encode_int_range_and_room);
    tcase_add_test(t, encode_in6_pktinfo_layout);
    tcase_add_test(t, encode_in_pktinfo_layout);
    tcase_add_test(t, decode_table_ints);
    tcase_add_test(t, decode_table_pktinfo);
    tcase_add_test(t, decode_table_unknown);
    tcase_add_test(t, records_table_sound);
    tcase_add_test(t, records_field_get);
    tcase_add_test(t, view_names_distinct);
#if defined(__LP64__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    tcase_add_test(t, abi_vectors);
#endif
    suite_add_tcase(s, t);
    return s;
}
