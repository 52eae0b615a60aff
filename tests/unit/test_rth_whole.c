/*
 * test_rth_whole.c - Check tests for the whole-object RFC 3542 calls
 * (XAPI-RTH-WHOLE in xapi.h): routing headers built and parsed from
 * address lists, SRH encode/decode, ICMPv6 filters from type lists, path
 * MTU and next hop with an xapi_error.
 *
 * Expected bytes are written by hand from RFC 2460 section 4.4 (type 0),
 * RFC 8754 section 2 (SRH), RFC 3542 section 7 (what inet6_rth_* do) and
 * Linux's struct icmp6_filter (<linux/icmpv6.h>: __u32 icmp6_filt[8], a
 * set bit blocks the type), never from xapi's output.
 */
#include <config.h>

#include <check.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <netinet/in.h>

#include "xapi.h"

#define DB8(n) 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (n)

/* A failure with this errno, naming arg (NULL: a system error). */
#define ck_err(expr, e, want, name) do { \
        memset(&(e), 0, sizeof(e)); \
        errno = 0; \
        ck_assert_int_eq((int)(expr), -1); \
        ck_assert_int_eq(errno, (want)); \
        ck_assert_int_eq((e).code, (want)); \
        if ((name) == NULL) ck_assert_ptr_null((e).arg); \
        else { ck_assert_ptr_nonnull((e).arg); \
               ck_assert_str_eq((e).arg, (const char *)(name)); } \
    } while (0)

/* RFC 2460 4.4: Next Header 0 (the kernel sets it), Hdr Ext Len 2n,
 * Routing Type 0, Segments Left n (after n inet6_rth_add, RFC 3542 7.3),
 * 32-bit Reserved, Address[1..n]. */
static const unsigned char rth0_3[56] = {
    0x00, 0x06, 0x00, 0x03, 0x00, 0x00, 0x00, 0x00,
    DB8(1), DB8(2), DB8(3),
};

/* RFC 8754 section 2: the same path as an SRH, Segment List reversed,
 * Last Entry 2, Segments Left 3 (rth_add counts up for both types). */
static const unsigned char srh_path3[56] = {
    0x00, 0x06, 0x04, 0x03, 0x02, 0x00, 0x00, 0x00,
    DB8(3), DB8(2), DB8(1),
};

START_TEST(rth_build_type0_rfc2460)
{
    const char *addrs[] = { "2001:db8::1", "2001:db8::2", "2001:db8::3" };
    unsigned char out[XAPI_RTH_MAX];
    size_t len = 0;

    ck_assert_int_eq(xapi_rth_build(0, addrs, 3, out, sizeof out, &len,
                                    NULL), 0);
    ck_assert_uint_eq(len, sizeof rth0_3);
    ck_assert_mem_eq(out, rth0_3, sizeof rth0_3);
    ck_assert_int_eq(xapi_rth_build(4, addrs, 3, out, sizeof out, &len,
                                    NULL), 0);
    ck_assert_uint_eq(len, sizeof srh_path3);
    ck_assert_mem_eq(out, srh_path3, sizeof srh_path3);
    /* Zero addresses: the 8-byte type 0 header RFC 3542 7.1 allows. */
    ck_assert_int_eq(xapi_rth_build(0, NULL, 0, out, sizeof out, &len,
                                    NULL), 0);
    ck_assert_uint_eq(len, 8);
}
END_TEST

START_TEST(rth_build_bad)
{
    const char *bad[] = { "2001:db8::1", "bogus" };
    const char *hole[] = { NULL };
    const char *v4[] = { "192.0.2.1" };
    const char *many[128];
    unsigned char out[XAPI_RTH_MAX];
    size_t len = 99;
    xapi_error e;

    for (int i = 0; i < 128; i++)
        many[i] = "::1";
    ck_err(xapi_rth_build(7, bad, 1, out, sizeof out, &len, &e), e,
           EOPNOTSUPP, "type");
    ck_assert_str_eq(e.reason, "routing type 7: only 0 and 4 (SRH) are known");
    ck_err(xapi_rth_build(0, bad, 2, out, sizeof out, &len, &e), e, EINVAL,
           "addrs");
    ck_assert_str_eq(e.reason, "element 1 'bogus' is not an IPv6 address");
    ck_err(xapi_rth_build(0, hole, 1, out, sizeof out, &len, &e), e, EINVAL,
           "addrs");
    ck_assert_str_eq(e.reason, "element 0 is missing");
    ck_err(xapi_rth_build(0, v4, 1, out, sizeof out, &len, &e), e, EINVAL,
           "addrs");
    ck_err(xapi_rth_build(0, many, 128, out, sizeof out, &len, &e), e,
           EINVAL, "addrs");
    ck_assert_str_eq(e.reason, "128 addresses, at most 127");
    ck_err(xapi_rth_build(4, many, 0, out, sizeof out, &len, &e), e, EINVAL,
           "addrs");
    /* An output too small is refused before anything is written. */
    memset(out, 0xaa, sizeof out);
    ck_err(xapi_rth_build(0, many, 2, out, 39, &len, &e), e, ENOSPC, "out");
    ck_assert_uint_eq(out[0], 0xaa);
    ck_assert_uint_eq(len, 99);
    /* err may be NULL. */
    errno = 0;
    ck_assert_int_eq(xapi_rth_build(9, many, 1, out, sizeof out, &len, NULL),
                     -1);
    ck_assert_int_eq(errno, EOPNOTSUPP);
}
END_TEST

START_TEST(rth_space_init_add)
{
    unsigned char h[XAPI_RTH_MAX], h2[XAPI_RTH_MAX];
    size_t len = 0, len2 = 0;
    xapi_error e;

    ck_assert_int_eq(xapi_rth_space(0, 3, NULL), 56);
    ck_assert_int_eq(xapi_rth_space(4, 127, NULL), 2040);
    ck_err(xapi_rth_space(0, 128, &e), e, EINVAL, "segments");
    ck_assert_str_eq(e.reason, "128 segments: type 0 takes 0..127");
    ck_err(xapi_rth_space(4, 0, &e), e, EINVAL, "segments");
    ck_assert_str_eq(e.reason, "0 segments: type 4 takes 1..127");
    ck_err(xapi_rth_space(2, 1, &e), e, EINVAL, "type");
    ck_err(xapi_rth_init(0, -1, h, sizeof h, &len, &e), e, EINVAL,
           "segments");

    /* init + three adds is the RFC 2460 layout above. */
    ck_assert_int_eq(xapi_rth_init(0, 3, h, sizeof h, &len, NULL), 0);
    ck_assert_uint_eq(len, 56);
    ck_assert_uint_eq(h[1], 6);
    ck_assert_uint_eq(h[3], 0);
    ck_assert_int_eq(xapi_rth_add(h, len, "2001:db8::1", h2, sizeof h2,
                                  &len2, NULL), 0);
    ck_assert_int_eq(xapi_rth_add(h2, len2, "2001:db8::2", h, sizeof h,
                                  &len, NULL), 0);
    /* in place: out == buf */
    ck_assert_int_eq(xapi_rth_add(h, len, "2001:db8::3", h, sizeof h, &len,
                                  NULL), 0);
    ck_assert_uint_eq(len, 56);
    ck_assert_mem_eq(h, rth0_3, 56);
    /* Full: the header's state, so no argument is named. */
    ck_err(xapi_rth_add(h, len, "2001:db8::4", h2, sizeof h2, &len2, &e), e,
           ENOSPC, NULL);
    ck_assert_ptr_nonnull(strstr(e.reason, "full"));
    ck_err(xapi_rth_add(h, len, "nope", h2, sizeof h2, &len2, &e), e, EINVAL,
           "addr");
    ck_assert_str_eq(e.reason, "'nope' is not an IPv6 address");
    /* Lying Hdr Ext Len: 127 means 1024 bytes. */
    static const unsigned char lying[8] = { 0, 0x7f, 0, 0, 0, 0, 0, 0 };
    ck_err(xapi_rth_add(lying, 8, "::1", h2, sizeof h2, &len2, &e), e,
           EINVAL, "buf");
    ck_assert_str_eq(e.reason, "malformed routing header: "
                     "Hdr Ext Len 127 means 1024 bytes, only 8 "
                     "given (truncated)");
    /* Trailing bytes past the header are not copied. */
    unsigned char longer[64];
    memset(longer, 0x55, sizeof longer);
    memcpy(longer, rth0_3, 56);
    longer[3] = 2;
    ck_assert_int_eq(xapi_rth_add(longer, sizeof longer, "2001:db8::9", h2,
                                  sizeof h2, &len2, NULL), 0);
    ck_assert_uint_eq(len2, 56);
}
END_TEST

START_TEST(rth_read_calls)
{
    xapi_in6_text a;
    xapi_error e;
    unsigned char r[XAPI_RTH_MAX];
    size_t rlen = 0;

    ck_assert_int_eq(xapi_rth_segments(rth0_3, sizeof rth0_3, NULL), 3);
    ck_assert_int_eq(xapi_rth_segments(srh_path3, sizeof srh_path3, NULL), 3);
    ck_assert_int_eq(xapi_rth_getaddr(rth0_3, sizeof rth0_3, 0, &a, NULL), 0);
    ck_assert_str_eq(a.s, "2001:db8::1");
    /* SRH index 0 is Segment List[Last Entry]: path order. */
    ck_assert_int_eq(xapi_rth_getaddr(srh_path3, 56, 0, &a, NULL), 0);
    ck_assert_str_eq(a.s, "2001:db8::1");
    ck_assert_int_eq(xapi_rth_getaddr(srh_path3, 56, 2, &a, NULL), 0);
    ck_assert_str_eq(a.s, "2001:db8::3");
    ck_err(xapi_rth_getaddr(rth0_3, 56, 3, &a, &e), e, EINVAL, "index");
    ck_assert_str_eq(e.reason, "3 is outside the 3 addresses (0..2)");
    ck_err(xapi_rth_getaddr(rth0_3, 56, -1, &a, &e), e, EINVAL, "index");

    /* RFC 3542 7.5: Address[n..1], Segments Left n; length reported. */
    static const unsigned char rev[56] = {
        0x00, 0x06, 0x00, 0x03, 0x00, 0x00, 0x00, 0x00,
        DB8(3), DB8(2), DB8(1),
    };
    unsigned char in[60];
    memcpy(in, rth0_3, 56);
    memset(in + 56, 0xee, 4);
    in[3] = 1;
    ck_assert_int_eq(xapi_rth_reverse(in, sizeof in, r, sizeof r, &rlen,
                                      NULL), 0);
    ck_assert_uint_eq(rlen, 56);
    ck_assert_mem_eq(r, rev, 56);
    ck_err(xapi_rth_reverse(in, sizeof in, r, 55, &rlen, &e), e, ENOSPC,
           "out");
    /* in place */
    ck_assert_int_eq(xapi_rth_reverse(in, sizeof in, in, sizeof in, &rlen,
                                      NULL), 0);
    ck_assert_mem_eq(in, rev, 56);
}
END_TEST

START_TEST(rth_malformed)
{
    xapi_error e;
    unsigned char b[64];

    ck_err(xapi_rth_segments(rth0_3, 7, &e), e, EINVAL, "bytes");
    ck_assert_str_eq(e.reason, "malformed routing header: "
                     "7 bytes, shorter than a routing header's 8");
    ck_err(xapi_rth_segments(NULL, 0, &e), e, EINVAL, "bytes");
    ck_err(xapi_rth_segments(rth0_3, 40, &e), e, EINVAL, "bytes");
    ck_assert_str_eq(e.reason, "malformed routing header: "
                     "Hdr Ext Len 6 means 56 bytes, only 40 given "
                     "(truncated)");
    memcpy(b, rth0_3, 56);
    b[1] = 5;
    ck_err(xapi_rth_segments(b, 56, &e), e, EINVAL, "bytes");
    ck_assert_str_eq(e.reason, "malformed routing header: "
                     "type 0 with an odd Hdr Ext Len 5");
    memcpy(b, rth0_3, 56);
    b[3] = 4;
    ck_err(xapi_rth_segments(b, 56, &e), e, EINVAL, "bytes");
    ck_assert_str_eq(e.reason, "malformed routing header: "
                     "Segments Left 4 is above the 3 addresses");
    memcpy(b, srh_path3, 56);
    b[4] = 3;
    ck_err(xapi_rth_segments(b, 56, &e), e, EINVAL, "bytes");
    ck_assert_str_eq(e.reason, "malformed routing header: "
                     "SRH Last Entry 3 does not fit Hdr Ext Len 6");
    /* RFC 6275 6.4's type 2: another routing type, not malformed. */
    memcpy(b, rth0_3, 24);
    b[1] = 2;
    b[2] = 2;
    b[3] = 1;
    ck_err(xapi_rth_segments(b, 24, &e), e, EOPNOTSUPP, "bytes");
    ck_assert_str_eq(e.reason, "routing type 2: only 0 and 4 (SRH) are known");
}
END_TEST

START_TEST(rth_parse_whole)
{
    xapi_rth_info info;
    xapi_in6_text a[127];
    size_t n = 0;
    xapi_error e;
    static const unsigned char resv[24] = {
        0x11, 0x02, 0x00, 0x01, 0xde, 0xad, 0xbe, 0xef, DB8(7),
    };

    ck_assert_int_eq(xapi_rth_parse(rth0_3, 56, &info, a, 127, &n, NULL), 0);
    ck_assert_uint_eq(n, 3);
    ck_assert_int_eq(info.type, 0);
    ck_assert_uint_eq(info.hdr_ext_len, 6);
    ck_assert_uint_eq(info.segments_left, 3);
    ck_assert_uint_eq(info.length, 56);
    ck_assert_str_eq(a[0].s, "2001:db8::1");
    ck_assert_str_eq(a[2].s, "2001:db8::3");
    ck_assert_int_eq(xapi_rth_parse(resv, 24, &info, a, 127, &n, NULL), 0);
    ck_assert_uint_eq(info.next_header, 17);
    ck_assert_uint_eq(info.reserved, 0xdeadbeefu);
    /* SRH in path order */
    ck_assert_int_eq(xapi_rth_parse(srh_path3, 56, &info, a, 127, &n, NULL),
                     0);
    ck_assert_int_eq(info.type, 4);
    ck_assert_uint_eq(info.last_entry, 2);
    ck_assert_str_eq(a[0].s, "2001:db8::1");
    ck_assert_uint_eq(info.tlv_len, 0);
    /* fewer slots than addresses */
    ck_err(xapi_rth_parse(rth0_3, 56, &info, a, 2, &n, &e), e, EMSGSIZE,
           "bytes");
}
END_TEST

/* RFC 8754 section 2 with a PadN TLV (section 2.1.1.2). */
static const unsigned char srh_tlv[64] = {
    0x11, 0x07, 0x04, 0x02, 0x02, 0x80, 0x12, 0x34,
    DB8(3), DB8(2), DB8(1),
    0x04, 0x06, 0, 0, 0, 0, 0, 0,
};

START_TEST(srh_encode_decode)
{
    const char *segs[] = { "2001:db8::3", "2001:db8::2", "2001:db8::1" };
    static const unsigned char padn[8] = { 0x04, 0x06, 0, 0, 0, 0, 0, 0 };
    unsigned char out[XAPI_RTH_MAX];
    size_t len = 0, n = 0;
    xapi_rth_info info;
    xapi_in6_text a[127];

    ck_assert_int_eq(xapi_srh_encode(segs, 3, 2, 17, 0x80, 0x1234, padn, 8,
                                     out, sizeof out, &len, NULL), 0);
    ck_assert_uint_eq(len, sizeof srh_tlv);
    ck_assert_mem_eq(out, srh_tlv, sizeof srh_tlv);
    ck_assert_int_eq(xapi_srh_decode(srh_tlv, sizeof srh_tlv, &info, a, 127,
                                     &n, NULL), 0);
    ck_assert_uint_eq(n, 3);
    ck_assert_str_eq(a[0].s, "2001:db8::3"); /* wire order */
    ck_assert_uint_eq(info.next_header, 17);
    ck_assert_uint_eq(info.segments_left, 2);
    ck_assert_uint_eq(info.last_entry, 2);
    ck_assert_uint_eq(info.flags, 0x80);
    ck_assert_uint_eq(info.tag, 0x1234);
    ck_assert_uint_eq(info.tlv_len, 8);
    ck_assert_mem_eq(info.tlv, padn, 8);
}
END_TEST

START_TEST(srh_bad)
{
    const char *one[] = { "::1" };
    const char *many[33];
    unsigned char out[XAPI_RTH_MAX];
    size_t len = 0, n = 0;
    xapi_error e;
    xapi_rth_info info;
    xapi_in6_text a[127];
    static const unsigned char bad_tlv[8] = { 0x04, 0x07, 0, 0, 0, 0, 0, 0 };

    for (int i = 0; i < 33; i++)
        many[i] = "::1";
    ck_err(xapi_srh_encode(one, 0, 0, 0, 0, 0, NULL, 0, out, sizeof out,
                           &len, &e), e, EINVAL, "segments");
    ck_assert_str_eq(e.reason, "0 segments: 1..32 are needed");
    ck_err(xapi_srh_encode(many, 33, 0, 0, 0, 0, NULL, 0, out, sizeof out,
                           &len, &e), e, EINVAL, "segments");
    ck_err(xapi_srh_encode(one, 1, 2, 0, 0, 0, NULL, 0, out, sizeof out,
                           &len, &e), e, EINVAL, "segments_left");
    ck_assert_str_eq(e.reason, "2 is above the 1 segments");
    ck_err(xapi_srh_encode(one, 1, 0, 256, 0, 0, NULL, 0, out, sizeof out,
                           &len, &e), e, EINVAL, "next_header");
    ck_err(xapi_srh_encode(one, 1, 0, 0, -1, 0, NULL, 0, out, sizeof out,
                           &len, &e), e, EINVAL, "flags");
    ck_err(xapi_srh_encode(one, 1, 0, 0, 0, 65536, NULL, 0, out, sizeof out,
                           &len, &e), e, EINVAL, "tag");
    ck_assert_str_eq(e.reason, "65536 is out of range 0..65535");
    ck_err(xapi_srh_encode(one, 1, 0, 0, 0, 0, bad_tlv, 4, out, sizeof out,
                           &len, &e), e, EINVAL, "tlv");
    ck_assert_str_eq(e.reason, "4 bytes, not a multiple of 8");
    ck_err(xapi_srh_encode(one, 1, 0, 0, 0, 0, bad_tlv, 8, out, sizeof out,
                           &len, &e), e, EINVAL, "tlv");
    ck_assert_str_eq(e.reason, "malformed TLVs (a length runs past the end)");
    ck_err(xapi_srh_encode(one, 1, 0, 0, 0, 0, out, 2048, out, sizeof out,
                           &len, &e), e, EINVAL, "tlv");
    /* decode: a type 0 header is not an SRH; a lying SRH */
    ck_err(xapi_srh_decode(rth0_3, 56, &info, a, 127, &n, &e), e, EINVAL,
           "bytes");
    ck_assert_str_eq(e.reason, "routing type 0, not an SRH (4)");
    ck_err(xapi_srh_decode(srh_tlv, 40, &info, a, 127, &n, &e), e, EINVAL,
           "bytes");
    unsigned char b[64];
    memcpy(b, srh_tlv, 64);
    b[63] = 0x01; /* the PadN's length now ends past the header */
    b[57] = 0x07;
    ck_err(xapi_srh_decode(b, 64, &info, a, 127, &n, &e), e, EINVAL,
           "bytes");
    ck_assert_str_eq(e.reason, "malformed routing header: "
                     "an SRH TLV runs past the header");
    memcpy(b, srh_tlv, 64);
    b[3] = 4;
    ck_err(xapi_srh_decode(b, 64, &info, a, 127, &n, &e), e, EINVAL,
           "bytes");
    /* 33 segments parse as a routing header, not as an SRH here */
    unsigned char big[8 + 33 * 16];
    memset(big, 0, sizeof big);
    big[1] = 66;
    big[2] = 4;
    big[4] = 32;
    ck_assert_int_eq(xapi_rth_segments(big, sizeof big, NULL), 33);
    ck_err(xapi_srh_decode(big, sizeof big, &info, a, 127, &n, &e), e,
           EMSGSIZE, "bytes");
}
END_TEST

/* Linux's layout: type t is bit t & 31 of word t >> 5; set = blocked. */
START_TEST(filter_lists)
{
    unsigned char f[32], g[32];
    uint32_t w[8];
    size_t len = 0, n = 0;
    int types[256];
    xapi_error e;
    const int pass[] = { 129, 1, 255 };

    ck_assert_int_eq(xapi_icmp6_filter_make(1, pass, 3, f, sizeof f, &len,
                                            NULL), 0);
    ck_assert_uint_eq(len, 32);
    memcpy(w, f, 32);
    ck_assert_uint_eq(w[0], ~UINT32_C(2));                 /* 1 passes */
    ck_assert_uint_eq(w[4], ~UINT32_C(2));                 /* 129 */
    ck_assert_uint_eq(w[7], ~(UINT32_C(1) << 31));         /* 255 */
    ck_assert_uint_eq(w[1], UINT32_MAX);
    ck_assert_int_eq(xapi_icmp6_filter_types(f, 32, 1, types, 256, &n,
                                             NULL), 0);
    ck_assert_uint_eq(n, 3);
    ck_assert_int_eq(types[0], 1);
    ck_assert_int_eq(types[1], 129);
    ck_assert_int_eq(types[2], 255);
    ck_assert_int_eq(xapi_icmp6_filter_types(f, 32, 0, types, 256, &n,
                                             NULL), 0);
    ck_assert_uint_eq(n, 253);
    ck_assert_int_eq(xapi_icmp6_filter_test(f, 32, 129, NULL), 1);
    ck_assert_int_eq(xapi_icmp6_filter_test(f, 32, 128, NULL), 0);

    /* block list */
    const int block[] = { 0, 32 };
    ck_assert_int_eq(xapi_icmp6_filter_make(0, block, 2, g, sizeof g, &len,
                                            NULL), 0);
    memcpy(w, g, 32);
    ck_assert_uint_eq(w[0], 1);
    ck_assert_uint_eq(w[1], 1);
    ck_assert_uint_eq(w[2], 0);
    /* update: pass 0 again */
    ck_assert_int_eq(xapi_icmp6_filter_update(g, 32, 1, block, 1, g, sizeof g,
                                              &len, NULL), 0);
    memcpy(w, g, 32);
    ck_assert_uint_eq(w[0], 0);
    ck_assert_uint_eq(w[1], 1);

    /* bad input, nothing changed */
    const int badt[] = { 3, 256 };
    memcpy(f, g, 32);
    ck_err(xapi_icmp6_filter_update(g, 32, 0, badt, 2, g, sizeof g, &len,
                                    &e), e, EINVAL, "type");
    ck_assert_str_eq(e.reason, "element 1: 256 is not an ICMPv6 type (0..255)");
    ck_assert_mem_eq(f, g, 32);
    ck_err(xapi_icmp6_filter_update(g, 32, 0, badt + 1, 1, g, sizeof g, &len,
                                    &e), e, EINVAL, "type");
    ck_assert_str_eq(e.reason, "256 is not an ICMPv6 type (0..255)");
    ck_err(xapi_icmp6_filter_update(g, 31, 0, badt, 1, g, sizeof g, &len,
                                    &e), e, EINVAL, "filter");
    ck_assert_str_eq(e.reason, "holds 31 bytes, a filter is 32");
    ck_err(xapi_icmp6_filter_test(g, 32, -1, &e), e, EINVAL, "type");
    ck_err(xapi_icmp6_filter_test(g, 33, 1, &e), e, EINVAL, "filter");
    ck_err(xapi_icmp6_filter_make(1, NULL, 0, g, 31, &len, &e), e, ENOSPC,
           "out");
    ck_err(xapi_icmp6_filter_types(f, 32, 1, types, 10, &n, &e), e, ENOSPC,
           "types_out");
    /* not a raw ICMPv6 socket: the kernel's errno, no argument named */
    ck_err(xapi_icmp6_filter_install(-1, f, 32, &e), e, EBADF, NULL);
    ck_err(xapi_icmp6_filter_install(-1, f, 3, &e), e, EINVAL, "filter");
    ck_err(xapi_icmp6_filter_fetch(-1, g, sizeof g, &len, &e), e, EBADF,
           NULL);
}
END_TEST

START_TEST(mtu_nexthop)
{
    unsigned char out[64];
    size_t len = 0;
    xapi_error e;
    xapi_mtuinfo m;
    xapi_in6_text a;
    unsigned ifindex = 9;
    int v = 0;

    /* struct ip6_mtuinfo (RFC 3542 11.1): a sockaddr_in6, then a 32-bit
     * MTU: 28 + 4 bytes on Linux. */
    ck_assert_int_eq(xapi_mtuinfo_encode("2001:db8::1", 1280, out, sizeof out,
                                         &len, NULL), 0);
    ck_assert_uint_eq(len, 32);
    ck_assert_int_eq(out[0] | out[1] << 8, AF_INET6);
    ck_assert_uint_eq(out[8], 0x20);
    ck_assert_int_eq(xapi_mtuinfo_decode(out, len, &m, NULL), 0);
    ck_assert_str_eq(m.addr, "2001:db8::1");
    ck_assert_uint_eq(m.mtu, 1280);
    ck_err(xapi_mtuinfo_decode(out, 31, &m, &e), e, EINVAL, "data");
    ck_err(xapi_mtuinfo_encode("192.0.2.1", 1, out, sizeof out, &len, &e), e,
           EINVAL, "addr");
    ck_err(xapi_mtuinfo_encode("::1", 1, out, 31, &len, &e), e, ENOSPC,
           "out");

    ck_assert_int_eq(xapi_nexthop("fe80::1%1", out, sizeof out, &len, NULL),
                     0);
    ck_assert_uint_eq(len, sizeof(struct sockaddr_in6));
    ck_assert_int_eq(xapi_nexthop_decode(out, len, &a, &ifindex, NULL), 0);
    ck_assert_str_eq(a.s, "fe80::1");
    ck_assert_uint_eq(ifindex, 1);
    ck_err(xapi_nexthop("192.0.2.1", out, sizeof out, &len, &e), e, EINVAL,
           "addr");
    ck_err(xapi_nexthop_decode(out, len - 1, &a, &ifindex, &e), e, EINVAL,
           "data");
    out[0] = AF_INET;
    out[1] = 0;
    ck_err(xapi_nexthop_decode(out, len, &a, &ifindex, &e), e, EINVAL,
           "data");

    int i = 255;
    ck_assert_int_eq(xapi_rfc3542_decode_int(&i, sizeof i, &v, NULL), 0);
    ck_assert_int_eq(v, 255);
    i = 256;
    ck_err(xapi_rfc3542_decode_int(&i, sizeof i, &v, &e), e, EINVAL, "data");
    ck_err(xapi_rfc3542_decode_int(&i, 8, &v, &e), e, EINVAL, "data");
    /* struct in6_pktinfo (RFC 3542 6.1): 16-byte address, int index */
    unsigned char pi[20] = { DB8(5), 3, 0, 0, 0 };
    ck_assert_int_eq(xapi_rfc3542_decode_pktinfo(pi, 20, &a, &ifindex, NULL),
                     0);
    ck_assert_str_eq(a.s, "2001:db8::5");
    ck_err(xapi_rfc3542_decode_pktinfo(pi, 19, &a, &ifindex, &e), e, EINVAL,
           "data");
}
END_TEST

static Suite *rth_whole_suite(void)
{
    Suite *s = suite_create("rth_whole");
    TCase *tc = tcase_create("routing headers");

    tcase_add_test(tc, rth_build_type0_rfc2460);
    tcase_add_test(tc, rth_build_bad);
    tcase_add_test(tc, rth_space_init_add);
    tcase_add_test(tc, rth_read_calls);
    tcase_add_test(tc, rth_malformed);
    tcase_add_test(tc, rth_parse_whole);
    tcase_add_test(tc, srh_encode_decode);
    tcase_add_test(tc, srh_bad);
    suite_add_tcase(s, tc);
    tc = tcase_create("filter, path MTU, next hop");
    tcase_add_test(tc, filter_lists);
    tcase_add_test(tc, mtu_nexthop);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(rth_whole_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
