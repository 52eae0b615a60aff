/*
 * test_optwhole.c - the whole-header options calls (core/optwhole.c):
 * xapi_opt_build, _parse, _find and the in-place _hdr_ calls with
 * xapi_error.
 *
 * Expected bytes are RFC 2460 Appendix B's drawings (the same as RFC 8200
 * Appendix A), with option X = 0x1e (8n+2: a 4-octet then an 8-octet
 * field) and Y = 0x3e (4n+3: 1, 2 and 4 octets), field values a1.., b1..,
 * c1, d1d2, e1..e4 so every byte says which field it is.  RFC 3542
 * Appendix C builds the X-then-Y header with the in-place calls.
 */
#include <config.h>

#include <check.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "xapi.h"

#define OPT_X 0x1e
#define OPT_Y 0x3e

static const unsigned char x_data[12] = { 0xa1, 0xa2, 0xa3, 0xa4, 0xb1, 0xb2,
                                          0xb3, 0xb4, 0xb5, 0xb6, 0xb7, 0xb8 };
static const unsigned char y_data[7] = { 0xc1, 0xd1, 0xd2, 0xe1, 0xe2, 0xe3,
                                         0xe4 };

/* Appendix B example 1: X alone; 16 bytes, no padding. */
static const unsigned char x_alone[16] = {
    0x00, 0x01, OPT_X, 12, 0xa1, 0xa2, 0xa3, 0xa4,
    0xb1, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7, 0xb8,
};
/* Example 2: Y alone; Pad1 before it, PadN(2) after. */
static const unsigned char y_alone[16] = {
    0x00, 0x01, 0x00, OPT_Y, 7, 0xc1, 0xd1, 0xd2,
    0xe1, 0xe2, 0xe3, 0xe4, 0x01, 0x02, 0x00, 0x00,
};
/* Example 3: X then Y; PadN(1) between, PadN(2) at the end. */
static const unsigned char x_then_y[32] = {
    0x00, 0x03, OPT_X, 12, 0xa1, 0xa2, 0xa3, 0xa4,
    0xb1, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7, 0xb8,
    0x01, 0x01, 0x00, OPT_Y, 7, 0xc1, 0xd1, 0xd2,
    0xe1, 0xe2, 0xe3, 0xe4, 0x01, 0x02, 0x00, 0x00,
};
/* Example 3, Y first: Pad1, Y, PadN(4), X. */
static const unsigned char y_then_x[32] = {
    0x00, 0x03, 0x00, OPT_Y, 7, 0xc1, 0xd1, 0xd2,
    0xe1, 0xe2, 0xe3, 0xe4, 0x01, 0x04, 0x00, 0x00,
    0x00, 0x00, OPT_X, 12, 0xa1, 0xa2, 0xa3, 0xa4,
    0xb1, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7, 0xb8,
};

static const xapi_opt opt_x = { OPT_X, 8, x_data, sizeof x_data, 0 };
static const xapi_opt opt_y = { OPT_Y, 4, y_data, sizeof y_data, 0 };

#define ck_assert_err(expr, want_code, want_arg) do { \
        xapi_error e_ = { 0, NULL, "" }; \
        xapi_error *err = &e_; \
        errno = 0; \
        ck_assert_int_eq((int)(expr), -1); \
        ck_assert_int_eq(errno, (want_code)); \
        ck_assert_int_eq(e_.code, (want_code)); \
        ck_assert_ptr_nonnull(e_.arg); \
        ck_assert_str_eq(e_.arg, (want_arg)); \
        ck_assert_int_ne(e_.reason[0], '\0'); \
    } while (0)

static void check_build(const xapi_opt *opts, size_t n,
                        const unsigned char *want, size_t wantlen)
{
    unsigned char out[64];
    size_t len = 0;

    ck_assert_int_eq(xapi_opt_build(opts, n, NULL, 0, &len, NULL), 0);
    ck_assert_uint_eq(len, wantlen);
    len = 0;
    memset(out, 0xee, sizeof out);
    ck_assert_int_eq(xapi_opt_build(opts, n, out, sizeof out, &len, NULL), 0);
    ck_assert_uint_eq(len, wantlen);
    ck_assert_mem_eq(out, want, wantlen);
    ck_assert_uint_eq(out[wantlen], 0xee); /* nothing past the header */
}

START_TEST(build_appendix_b)
{
    xapi_opt xy[2] = { opt_x, opt_y }, yx[2] = { opt_y, opt_x };
    static const unsigned char empty[8] = { 0, 0, 1, 4, 0, 0, 0, 0 };
    /* RFC 2711 Router Alert, value 1 (RSVP): 05 02 00 01, PadN(2). */
    static const unsigned char ra[8] = { 0, 0, 5, 2, 0, 1, 1, 0 };
    static const unsigned char ra_val[2] = { 0, 1 };
    xapi_opt raopt = { 5, 2, ra_val, 2, 0 };

    check_build(&opt_x, 1, x_alone, sizeof x_alone);
    check_build(&opt_y, 1, y_alone, sizeof y_alone);
    check_build(xy, 2, x_then_y, sizeof x_then_y);
    check_build(yx, 2, y_then_x, sizeof y_then_x);
    check_build(NULL, 0, empty, sizeof empty);
    check_build(&raopt, 1, ra, sizeof ra);
}
END_TEST

START_TEST(build_bad_input)
{
    xapi_opt o = opt_x;
    unsigned char out[64];
    size_t len;

    o.type = 1;
    ck_assert_err(xapi_opt_build(&o, 1, out, sizeof out, &len, err), EINVAL,
                  "type");
    o.type = 256;
    ck_assert_err(xapi_opt_build(&o, 1, out, sizeof out, &len, err), EINVAL,
                  "type");
    o = opt_x;
    o.align = 3;
    ck_assert_err(xapi_opt_build(&o, 1, out, sizeof out, &len, err), EINVAL,
                  "align");
    o.align = 8;
    o.len = 4; /* 8n+y with 4 bytes of data */
    ck_assert_err(xapi_opt_build(&o, 1, out, sizeof out, &len, err), EINVAL,
                  "align");
    o.len = 256;
    ck_assert_err(xapi_opt_build(&o, 1, out, sizeof out, &len, err), EINVAL,
                  "data");
    o = opt_x;
    o.data = NULL;
    ck_assert_err(xapi_opt_build(&o, 1, out, sizeof out, &len, err), EINVAL,
                  "data");
    ck_assert_err(xapi_opt_build(NULL, 1, out, sizeof out, &len, err), EINVAL,
                  "options");
    /* 32 bytes into 16: refused, nothing written past cap. */
    xapi_opt xy[2] = { opt_x, opt_y };
    memset(out, 0xee, sizeof out);
    ck_assert_err(xapi_opt_build(xy, 2, out, 16, &len, err), ENOSPC, "hdrcap");
    ck_assert_uint_eq(out[0], 0xee);

    /* Nine options of 255 bytes: 9 * 257 + 2 passes 2048. */
    static unsigned char big[255];
    xapi_opt nine[9];
    for (int i = 0; i < 9; i++)
        nine[i] = (xapi_opt){ OPT_X, 1, big, sizeof big, 0 };
    ck_assert_err(xapi_opt_build(nine, 9, NULL, 0, &len, err), EMSGSIZE,
                  "options");
    /* Eight do not fit either (2 + 8 * 257 = 2058); seven do. */
    ck_assert_err(xapi_opt_build(nine, 8, NULL, 0, &len, err), EMSGSIZE,
                  "options");
    ck_assert_int_eq(xapi_opt_build(nine, 7, NULL, 0, &len, NULL), 0);
    ck_assert_uint_eq(len, 1808); /* 2 + 7 * 257 = 1801, padded to 8 */
    ck_assert_err(xapi_opt_build(nine, XAPI_OPT_MAXOPTS + 1, NULL, 0, &len,
                                 err), EMSGSIZE, "options");
    /* An error message names the option. */
    xapi_error e = { 0, NULL, "" };
    xapi_opt two[2] = { opt_x, opt_x };
    two[1].type = 0;
    ck_assert_int_eq(xapi_opt_build(two, 2, out, sizeof out, &len, &e), -1);
    ck_assert_ptr_nonnull(strstr(e.reason, "option 1: option type 0 is not "
                                 "2..255"));
}
END_TEST

START_TEST(parse_appendix_b)
{
    xapi_opt o[4];
    size_t n = 99;

    ck_assert_int_eq(xapi_opt_parse(y_then_x, sizeof y_then_x, o, 4, &n,
                                    NULL), 0);
    ck_assert_uint_eq(n, 2);
    ck_assert_int_eq(o[0].type, OPT_Y);
    ck_assert_uint_eq(o[0].len, 7);
    ck_assert_uint_eq(o[0].offset, 5);
    ck_assert_ptr_eq(o[0].data, y_then_x + 5);
    ck_assert_mem_eq(o[0].data, y_data, 7);
    ck_assert_int_eq(o[1].type, OPT_X);
    ck_assert_uint_eq(o[1].offset, 20);
    ck_assert_mem_eq(o[1].data, x_data, 12);
    /* Bytes past Hdr Ext Len are ignored. */
    unsigned char longer[40];
    memcpy(longer, x_alone, 16);
    memset(longer + 16, 0xff, 24);
    ck_assert_int_eq(xapi_opt_parse(longer, sizeof longer, o, 4, &n, NULL),
                     0);
    ck_assert_uint_eq(n, 1);
    /* Only padding: no options. */
    static const unsigned char pads[8] = { 0, 0, 0, 0, 1, 2, 0, 0 };
    ck_assert_int_eq(xapi_opt_parse(pads, 8, o, 4, &n, NULL), 0);
    ck_assert_uint_eq(n, 0);
    /* Room for one of two. */
    ck_assert_err(xapi_opt_parse(x_then_y, 32, o, 1, &n, err), ENOSPC,
                  "opts");
    /* The most options: 1023 zero-length ones in 2048 bytes. */
    static unsigned char full[XAPI_OPT_HDR_MAX];
    static xapi_opt many[XAPI_OPT_MAXOPTS];
    full[1] = 255;
    for (size_t i = 2; i < sizeof full; i += 2) {
        full[i] = OPT_X;
        full[i + 1] = 0;
    }
    ck_assert_int_eq(xapi_opt_parse(full, sizeof full, many,
                                    XAPI_OPT_MAXOPTS, &n, NULL), 0);
    ck_assert_uint_eq(n, XAPI_OPT_MAXOPTS);
}
END_TEST

/* Each malformed header, and its Hdr Ext Len or option lying. */
START_TEST(parse_malformed)
{
    static const struct {
        unsigned char b[16];
        size_t len;
        const char *why;
    } bad[] = {
        { { 0 }, 0, "shorter than" },
        { { 0 }, 1, "shorter than" },
        { { 0, 1, 0, 0, 0, 0, 0, 0 }, 8, "Hdr Ext Len 1 means 16 bytes" },
        { { 0, 0, OPT_X, 8, 0, 0, 0, 0 }, 8, "runs past the header" },
        { { 0, 0, 1, 5, 0, 0, 0, 0 }, 8, "(type 1, length 5) runs past" },
        { { 0, 0, 0, 0, 0, 0, 0, OPT_X }, 8, "offset 7 (type 30) has no "
                                             "length byte" },
        { { 0, 0, 0, 0, 0, 0, 1, 1 }, 8, "offset 6 (type 1, length 1)" },
    };
    xapi_opt o[4];
    size_t n;

    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        xapi_error e = { 0, NULL, "" };
        n = 99;
        ck_assert_int_eq(xapi_opt_parse(bad[i].b, bad[i].len, o, 4, &n, &e),
                         -1);
        ck_assert_uint_eq(n, 0);
        ck_assert_int_eq(e.code, EINVAL);
        ck_assert_str_eq(e.arg, "bytes");
        ck_assert_msg(strstr(e.reason, bad[i].why) != NULL, "%zu: %s", i,
                      e.reason);
        ck_assert_ptr_nonnull(strstr(e.reason, "malformed"));
        memset(&e, 0, sizeof e);
        ck_assert_int_eq(xapi_opt_find(bad[i].b, bad[i].len, OPT_X, o, &e),
                         -1);
        ck_assert_str_eq(e.arg, "bytes");
        memset(&e, 0, sizeof e);
        ck_assert_int_eq(xapi_opt_hdr_next(bad[i].b, bad[i].len, bad[i].len,
                                           0, o, &e), -1);
        ck_assert_str_eq(e.arg, "extbuf");
    }
    ck_assert_err(xapi_opt_parse(NULL, 8, o, 4, &n, err), EINVAL, "bytes");
    /* find checks the whole header, past the option it finds */
    static const unsigned char tail_bad[8] = { 0, 0, OPT_X, 0, OPT_Y, 3, 0,
                                               0 };
    ck_assert_err(xapi_opt_find(tail_bad, 8, OPT_X, o, err), EINVAL,
                  "bytes");
}
END_TEST

START_TEST(find_by_type)
{
    xapi_opt o;

    ck_assert_int_eq(xapi_opt_find(x_then_y, 32, OPT_Y, &o, NULL), 1);
    ck_assert_uint_eq(o.offset, 21);
    ck_assert_uint_eq(o.len, 7);
    ck_assert_mem_eq(o.data, y_data, 7);
    ck_assert_int_eq(xapi_opt_find(x_then_y, 32, OPT_X, &o, NULL), 1);
    ck_assert_uint_eq(o.offset, 4);
    /* a value inside the data found: the 8-octet field of X */
    unsigned char v[8];
    ck_assert_int_eq(xapi_opt_get_val(o.data, o.len, 4, v, 8, NULL), 12);
    ck_assert_mem_eq(v, x_data + 4, 8);
    ck_assert_err(xapi_opt_get_val(o.data, o.len, 5, v, 8, err), EINVAL,
                  "len");
    ck_assert_err(xapi_opt_get_val(o.data, o.len, -1, v, 1, err), EINVAL,
                  "offset");
    ck_assert_err(xapi_opt_get_val(o.data, o.len, 13, v, 0, err), EINVAL,
                  "offset");
    ck_assert_int_eq(xapi_opt_get_val(o.data, o.len, 12, v, 0, NULL), 12);
    ck_assert_int_eq(xapi_opt_find(x_then_y, 32, 0x5e, &o, NULL), 0);
    ck_assert_ptr_null(o.data);
    ck_assert_uint_eq(o.offset, 0);
    ck_assert_err(xapi_opt_find(x_then_y, 32, 1, &o, err), EINVAL, "type");
    ck_assert_err(xapi_opt_find(x_then_y, 32, 256, &o, err), EINVAL, "type");
}
END_TEST

/* RFC 3542 Appendix C with the one-buffer calls. */
START_TEST(hdr_appendix_c)
{
    unsigned char ext[40];
    size_t dx = 0, dy = 0;
    int cur;

    cur = xapi_opt_hdr_init(NULL, 0, 0, NULL);
    ck_assert_int_eq(cur, 2);
    cur = xapi_opt_hdr_append(NULL, 0, 0, cur, OPT_X, 12, 8, NULL, NULL);
    cur = xapi_opt_hdr_append(NULL, 0, 0, cur, OPT_Y, 7, 4, NULL, NULL);
    cur = xapi_opt_hdr_finish(NULL, 0, 0, cur, NULL);
    ck_assert_int_eq(cur, 32);

    memset(ext, 0xee, sizeof ext);
    cur = xapi_opt_hdr_init(ext, sizeof ext, 32, NULL);
    cur = xapi_opt_hdr_append(ext, sizeof ext, 32, cur, OPT_X, 12, 8, &dx,
                              NULL);
    ck_assert_uint_eq(dx, 4);
    int off = xapi_opt_hdr_set_val(ext, sizeof ext, dx, 12, 0, x_data, 4,
                                   NULL);
    off = xapi_opt_hdr_set_val(ext, sizeof ext, dx, 12, off, x_data + 4, 8,
                               NULL);
    ck_assert_int_eq(off, 12);
    cur = xapi_opt_hdr_append(ext, sizeof ext, 32, cur, OPT_Y, 7, 4, &dy,
                              NULL);
    ck_assert_uint_eq(dy, 21);
    off = xapi_opt_hdr_set_val(ext, sizeof ext, dy, 7, 0, y_data, 7, NULL);
    ck_assert_int_eq(off, 7);
    ck_assert_err(xapi_opt_hdr_set_val(ext, sizeof ext, dy, 7, off, y_data,
                                       1, err), ENOSPC, "vallen");
    cur = xapi_opt_hdr_finish(ext, sizeof ext, 32, cur, NULL);
    ck_assert_int_eq(cur, 32);
    ck_assert_mem_eq(ext, x_then_y, 32);
    ck_assert_uint_eq(ext[32], 0xee);

    /* Walk it back. */
    xapi_opt o;
    unsigned char v[8];
    cur = xapi_opt_hdr_next(ext, sizeof ext, 32, 0, &o, NULL);
    ck_assert_int_eq(cur, 16);
    ck_assert_int_eq(o.type, OPT_X);
    ck_assert_uint_eq(o.offset, 4);
    ck_assert_int_eq(xapi_opt_hdr_get_val(ext, 32, o.offset, o.len, 4, v, 8,
                                          NULL), 12);
    ck_assert_mem_eq(v, x_data + 4, 8);
    cur = xapi_opt_hdr_next(ext, sizeof ext, 32, cur, &o, NULL);
    ck_assert_int_eq(cur, 28);
    ck_assert_int_eq(o.type, OPT_Y);
    ck_assert_int_eq(xapi_opt_hdr_next(ext, sizeof ext, 32, cur, &o, NULL),
                     0);
    ck_assert_ptr_null(o.data);
    ck_assert_int_eq(xapi_opt_hdr_find(ext, 32, 32, 0, OPT_Y, &o, NULL), 28);
    ck_assert_uint_eq(o.offset, 21);
    ck_assert_int_eq(xapi_opt_hdr_find(ext, 32, 32, 16, OPT_X, &o, NULL), 0);
    ck_assert_int_eq(xapi_opt_hdr_find(ext, 32, 32, 0, 0x5e, &o, NULL), 0);
}
END_TEST

START_TEST(hdr_bad_input)
{
    unsigned char ext[16] = { 0 };
    unsigned char v[4];
    xapi_opt o;

    ck_assert_err(xapi_opt_hdr_init(ext, 8, 16, err), EINVAL, "extlen");
    ck_assert_err(xapi_opt_hdr_init(ext, 16, 12, err), EINVAL, "extlen");
    ck_assert_int_eq(xapi_opt_hdr_init(ext, 16, 8, NULL), 2);
    ck_assert_err(xapi_opt_hdr_append(ext, 16, 8, 2, OPT_X, 12, 8, NULL, err),
                  ENOSPC, "extlen");
    ck_assert_err(xapi_opt_hdr_append(ext, 16, 8, 1, OPT_X, 1, 1, NULL, err),
                  EINVAL, "offset");
    ck_assert_err(xapi_opt_hdr_append(ext, 16, 8, 2, 0, 1, 1, NULL, err),
                  EINVAL, "type");
    ck_assert_err(xapi_opt_hdr_append(ext, 16, 8, 2, OPT_X, 256, 1, NULL,
                                      err), EINVAL, "len");
    ck_assert_err(xapi_opt_hdr_append(ext, 16, 8, 2, OPT_X, 2, 4, NULL, err),
                  EINVAL, "align");
    ck_assert_err(xapi_opt_hdr_append(NULL, 0, 0, 2047, OPT_X, 255, 1, NULL,
                                      err), EMSGSIZE, "len");
    ck_assert_err(xapi_opt_hdr_finish(ext, 16, 8, 9, err), ENOSPC, "extlen");
    ck_assert_err(xapi_opt_hdr_finish(ext, 16, 8, -1, err), EINVAL, "offset");
    /* data place outside the buffer; value outside the data */
    ck_assert_err(xapi_opt_hdr_set_val(ext, 16, 14, 4, 0, "a", 1, err),
                  EINVAL, "databuf");
    ck_assert_err(xapi_opt_hdr_set_val(ext, 16, 4, 2, -1, "a", 1, err),
                  EINVAL, "offset");
    ck_assert_err(xapi_opt_hdr_set_val(ext, 16, 4, 2, 3, "a", 1, err),
                  EINVAL, "offset");
    ck_assert_err(xapi_opt_hdr_get_val(ext, 16, 4, 2, 1, v, 2, err), EINVAL,
                  "vallen");
    ck_assert_err(xapi_opt_hdr_get_val(ext, 16, 4, 2, 0, v, (size_t)-1, err),
                  EINVAL, "vallen");
    ck_assert_err(xapi_opt_hdr_get_val(NULL, 16, 4, 2, 0, v, 1, err), EINVAL,
                  "extbuf");
    /* walking: extlen past the buffer, offsets outside the header */
    ck_assert_err(xapi_opt_hdr_next(x_then_y, 32, 33, 0, &o, err), EINVAL,
                  "extlen");
    ck_assert_err(xapi_opt_hdr_next(x_then_y, 32, 32, 1, &o, err), EINVAL,
                  "offset");
    ck_assert_err(xapi_opt_hdr_next(x_then_y, 32, 32, 33, &o, err), EINVAL,
                  "offset");
    ck_assert_err(xapi_opt_hdr_find(x_then_y, 32, 32, 0, 1, &o, err), EINVAL,
                  "type");
    ck_assert_err(xapi_opt_hdr_next(x_then_y, 32, 24, 0, &o, err), EINVAL,
                  "extbuf");
}
END_TEST

START_TEST(type_bits_and_router_alert)
{
    unsigned char out[8];
    size_t len = 0;
    static const unsigned char ra0[8] = { 0, 0, 5, 2, 0, 0, 1, 0 };

    ck_assert_int_eq(xapi_opt_type(0xc2, NULL), 0xc0);
    ck_assert_int_eq(xapi_opt_type(0x9e, NULL), 0x80);
    ck_assert_int_eq(xapi_opt_mutable(OPT_Y, NULL), 1);
    ck_assert_int_eq(xapi_opt_mutable(OPT_X, NULL), 0);
    ck_assert_err(xapi_opt_type(256, err), EINVAL, "type");
    ck_assert_err(xapi_opt_mutable(-1, err), EINVAL, "type");
    ck_assert_int_eq(xapi_opt_router_alert(0, out, sizeof out, &len, NULL),
                     0);
    ck_assert_uint_eq(len, 8);
    ck_assert_mem_eq(out, ra0, 8);
    ck_assert_err(xapi_opt_router_alert(65536, out, sizeof out, &len, err),
                  EINVAL, "value");
    ck_assert_err(xapi_opt_router_alert(0, out, 7, &len, err), ENOSPC,
                  "hdrcap");
}
END_TEST

static Suite *optwhole_suite(void)
{
    Suite *s = suite_create("optwhole");
    TCase *tc = tcase_create("whole");

    tcase_add_test(tc, build_appendix_b);
    tcase_add_test(tc, build_bad_input);
    tcase_add_test(tc, parse_appendix_b);
    tcase_add_test(tc, parse_malformed);
    tcase_add_test(tc, find_by_type);
    tcase_add_test(tc, hdr_appendix_c);
    tcase_add_test(tc, hdr_bad_input);
    tcase_add_test(tc, type_bits_and_router_alert);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(optwhole_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
