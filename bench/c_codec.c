/*
 * c_codec.c - the C codec scenarios (see README.md, "Codec scenarios"):
 *
 *   c-plain-opt-build   the options header below, by hand
 *   c-xapi-opt-build    the same with xapi_inet6_opt_init/append/set_val/finish
 *   c-plain-opt-parse   walk it by hand, collecting each option
 *   c-xapi-opt-parse    the same with xapi_inet6_opt_next
 *   c-plain-rth-build   the SRH below, by hand
 *   c-xapi-rth-build    the same with xapi_inet6_rth_init/add
 *   c-plain-rth-parse   read its segments by hand, in path order
 *   c-xapi-rth-parse    the same with xapi_inet6_rth_segments/getaddr
 *
 * One "message" is one whole header built, or one whole header parsed.
 * The plain versions are written here from the RFCs (RFC 8200 4.2 and
 * Appendix B's alignment rule, RFC 8754 2), not from xapi's code; before
 * timing, each program checks that both give the same bytes / the same
 * parse, so the comparison is between equivalent work.
 *
 * The options header (a Destination Options header, 24 bytes):
 *   option 0x1e, 4 bytes of data 01 02 03 04, alignment 4
 *   option 0x3e, 8 bytes of data 11 .. 18, alignment 8
 *   -> 00 02 1e 04 01 02 03 04 01 04 00 00 00 00 3e 08 11 12 .. 18
 * The SRH: three segments in path order 2001:db8::1, ::2, ::3, added one
 * by one (Segments Left counts them, as RFC 3542 rth_add does):
 *   -> 00 06 04 03 02 00 00 00, then 2001:db8::3, ::2, ::1 (wire order).
 */
#define _GNU_SOURCE
#include <config.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdint.h>

#include "common.h"
#include "xapi.h"

#define OPT_LEN 24
#define SRH_SEGS 3
#define SRH_LEN (8 + 16 * SRH_SEGS)

static unsigned char val_a[4] = { 1, 2, 3, 4 };
static const unsigned char val_b[8] = { 0x11, 0x12, 0x13, 0x14,
                                        0x15, 0x16, 0x17, 0x18 };
static struct in6_addr seg[SRH_SEGS];

/* What the work leaves behind, so the compiler keeps it. */
static volatile unsigned sink;

/* ---- plain options --------------------------------------------------- */

/* Pads buf from off so that an option of data length len and alignment
 * align starts its data on a multiple of align (len == align here, so
 * this is also Appendix B's "ends on a multiple"); returns the new
 * offset. */
static size_t plain_pad(unsigned char *buf, size_t off, size_t align)
{
    size_t pad = (align - (off + 2) % align) % align;

    if (pad == 1) {
        buf[off] = 0; /* Pad1 */
    } else if (pad > 1) {
        buf[off] = 1; /* PadN */
        buf[off + 1] = (unsigned char)(pad - 2);
        memset(buf + off + 2, 0, pad - 2);
    }
    return off + pad;
}

static size_t plain_opt_put(unsigned char *buf, size_t off, int type,
                            const unsigned char *val, size_t len,
                            size_t align)
{
    off = plain_pad(buf, off, align);
    buf[off] = (unsigned char)type;
    buf[off + 1] = (unsigned char)len;
    memcpy(buf + off + 2, val, len);
    return off + 2 + len;
}

static size_t plain_opt_build(unsigned char *buf)
{
    size_t off = 2;

    buf[0] = 0;
    off = plain_opt_put(buf, off, 0x1e, val_a, sizeof(val_a), 4);
    off = plain_opt_put(buf, off, 0x3e, val_b, sizeof(val_b), 8);
    if (off % 8 != 0) { /* to a multiple of 8 (none needed here) */
        size_t pad = 8 - off % 8;

        buf[off] = pad == 1 ? 0 : 1;
        if (pad > 1) {
            buf[off + 1] = (unsigned char)(pad - 2);
            memset(buf + off + 2, 0, pad - 2);
        }
        off += pad;
    }
    buf[1] = (unsigned char)(off / 8 - 1);
    return off;
}

/* Sum of (type + first data byte + length) over the options: the parse's
 * observable result.  0 for a malformed header. */
static unsigned plain_opt_parse(const unsigned char *buf, size_t len)
{
    size_t hlen, off = 2;
    unsigned acc = 0;

    if (len < 2 || (hlen = ((size_t)buf[1] + 1) * 8) > len)
        return 0;
    while (off < hlen) {
        size_t olen;

        if (buf[off] == 0) { /* Pad1 */
            off++;
            continue;
        }
        if (off + 2 > hlen || off + 2 + (olen = buf[off + 1]) > hlen)
            return 0;
        if (buf[off] != 1)
            acc += buf[off] + (olen > 0 ? buf[off + 2] : 0) + (unsigned)olen;
        off += 2 + olen;
    }
    return acc;
}

/* ---- xapi options ---------------------------------------------------- */

static size_t bench_xapi_opt_build(unsigned char *buf)
{
    size_t da, db;
    int off;

    if (xapi_inet6_opt_init(buf, OPT_LEN) < 0 ||
        (off = xapi_inet6_opt_append(buf, OPT_LEN, 2, 0x1e, sizeof(val_a), 4,
                                     &da)) < 0 ||
        xapi_inet6_opt_set_val(buf + da, sizeof(val_a), 0, val_a,
                               sizeof(val_a)) < 0 ||
        (off = xapi_inet6_opt_append(buf, OPT_LEN, off, 0x3e, sizeof(val_b),
                                     8, &db)) < 0 ||
        xapi_inet6_opt_set_val(buf + db, sizeof(val_b), 0, val_b,
                               sizeof(val_b)) < 0 ||
        (off = xapi_inet6_opt_finish(buf, OPT_LEN, off)) < 0)
        bench_die("xapi opt build");
    return (size_t)off;
}

static unsigned bench_xapi_opt_parse(const unsigned char *buf, size_t len)
{
    int off = 0, type;
    size_t olen, doff;
    unsigned acc = 0;

    while ((off = xapi_inet6_opt_next(buf, len, off, &type, &olen,
                                      &doff)) >= 0)
        acc += (unsigned)type + (olen > 0 ? buf[doff] : 0) + (unsigned)olen;
    return errno == ENOENT ? acc : 0;
}

/* ---- plain SRH ------------------------------------------------------- */

static size_t plain_rth_build(unsigned char *buf)
{
    int i;

    memset(buf, 0, SRH_LEN);
    buf[1] = (unsigned char)(SRH_LEN / 8 - 1); /* Hdr Ext Len */
    buf[2] = 4;                                /* Routing Type: SRH */
    buf[4] = SRH_SEGS - 1;                     /* Last Entry */
    /* Path order in, reverse (wire) order out: Segment List[0] last. */
    for (i = 0; i < SRH_SEGS; i++) {
        memcpy(buf + 8 + 16 * (SRH_SEGS - 1 - i), &seg[i], 16);
        buf[3]++;                              /* Segments Left */
    }
    return SRH_LEN;
}

/* XOR of the last byte of each segment in path order, weighted by
 * position; 0 for a malformed header. */
static unsigned plain_rth_parse(const unsigned char *buf, size_t len)
{
    size_t hlen, n, i;
    unsigned acc = 0;

    if (len < 8 || (hlen = ((size_t)buf[1] + 1) * 8) > len || buf[2] != 4)
        return 0;
    n = (size_t)buf[4] + 1;
    if (8 + 16 * n > hlen || buf[3] > n)
        return 0;
    for (i = 0; i < n; i++) {
        struct in6_addr a;

        memcpy(&a, buf + 8 + 16 * (n - 1 - i), 16);
        acc += (unsigned)(i + 1) * a.s6_addr[15];
    }
    return acc;
}

/* ---- xapi SRH -------------------------------------------------------- */

static size_t bench_xapi_rth_build(unsigned char *buf)
{
    int i;

    if (xapi_inet6_rth_init(buf, SRH_LEN, 4, SRH_SEGS) < 0)
        bench_die("xapi_inet6_rth_init");
    for (i = 0; i < SRH_SEGS; i++)
        if (xapi_inet6_rth_add(buf, SRH_LEN, &seg[i]) < 0)
            bench_die("xapi_inet6_rth_add");
    return SRH_LEN;
}

static unsigned bench_xapi_rth_parse(const unsigned char *buf, size_t len)
{
    int n = xapi_inet6_rth_segments(buf, len), i;
    unsigned acc = 0;

    if (n < 0)
        return 0;
    for (i = 0; i < n; i++) {
        struct in6_addr a;

        if (xapi_inet6_rth_getaddr(buf, len, i, &a) < 0)
            return 0;
        acc += (unsigned)(i + 1) * a.s6_addr[15];
    }
    return acc;
}

/* ---- the scenarios --------------------------------------------------- */

static void check_same(void)
{
    unsigned char p[64], x[64];
    size_t pl, xl;

    pl = plain_opt_build(p);
    memset(x, 0xee, sizeof(x));
    xl = bench_xapi_opt_build(x);
    if (pl != OPT_LEN || xl != pl || memcmp(p, x, pl) != 0) {
        fprintf(stderr, "bench: the options headers differ\n");
        exit(1);
    }
    if (plain_opt_parse(p, pl) == 0 ||
        plain_opt_parse(p, pl) != bench_xapi_opt_parse(p, pl)) {
        fprintf(stderr, "bench: the options parses differ\n");
        exit(1);
    }
    pl = plain_rth_build(p);
    memset(x, 0xee, sizeof(x));
    xl = bench_xapi_rth_build(x);
    if (xl != pl || memcmp(p, x, pl) != 0) {
        fprintf(stderr, "bench: the SRHs differ\n");
        exit(1);
    }
    if (plain_rth_parse(p, pl) == 0 ||
        plain_rth_parse(p, pl) != bench_xapi_rth_parse(p, pl)) {
        fprintf(stderr, "bench: the SRH parses differ\n");
        exit(1);
    }
}

int main(int argc, char **argv)
{
    static const char *const names[] = {
        "c-plain-opt-build", "c-xapi-opt-build", "c-plain-opt-parse",
        "c-xapi-opt-parse", "c-plain-rth-build", "c-xapi-rth-build",
        "c-plain-rth-parse", "c-xapi-rth-parse",
    };
    const char *name = argc > 1 ? argv[1] : "";
    long count = bench_env_long("XAPI_BENCH_COUNT", 1000000), i;
    unsigned char opt[OPT_LEN], rth[SRH_LEN], buf[64];
    unsigned acc = 0;
    long rss0, rss1;
    double t0, t1;
    int kind = -1, k;

    for (k = 0; k < (int)(sizeof(names) / sizeof(names[0])); k++)
        if (strcmp(name, names[k]) == 0)
            kind = k;
    if (kind < 0) {
        fprintf(stderr, "usage: bench_c_codec c-{plain,xapi}-{opt,rth}-"
                        "{build,parse}\n");
        return 2;
    }
    for (k = 0; k < SRH_SEGS; k++) {
        char text[32];

        snprintf(text, sizeof(text), "2001:db8::%d", k + 1);
        if (inet_pton(AF_INET6, text, &seg[k]) != 1)
            bench_die("inet_pton");
    }
    check_same();
    plain_opt_build(opt);
    plain_rth_build(rth);

    rss0 = bench_rss_kb();
    t0 = bench_now();
    for (i = 0; i < count; i++) {
        /* One input byte changes every time, so that no compiler can
         * hoist the work out of the loop; the same for both sides. */
        unsigned char salt = (unsigned char)i;

        val_a[0] = salt;
        seg[0].s6_addr[15] = salt;
        opt[4] = salt;
        rth[8 + 16 * (SRH_SEGS - 1) + 15] = salt;
        switch (kind) {
        case 0: acc += (unsigned)plain_opt_build(buf) + buf[15]; break;
        case 1: acc += (unsigned)bench_xapi_opt_build(buf) + buf[15]; break;
        case 2: acc += plain_opt_parse(opt, sizeof(opt)); break;
        case 3: acc += bench_xapi_opt_parse(opt, sizeof(opt)); break;
        case 4: acc += (unsigned)plain_rth_build(buf) + buf[55]; break;
        case 5: acc += (unsigned)bench_xapi_rth_build(buf) + buf[55]; break;
        case 6: acc += plain_rth_parse(rth, sizeof(rth)); break;
        default: acc += bench_xapi_rth_parse(rth, sizeof(rth)); break;
        }
        /* The usual benchmark barrier: the compiler must assume every
         * byte written is read, and every input changed, so inlined
         * plain code cannot drop stores that xapi's calls must make. */
        __asm__ __volatile__("" : : "r"(buf), "r"(opt), "r"(rth) : "memory");
    }
    t1 = bench_now();
    rss1 = bench_rss_kb();
    sink = acc;
    printf("%s %.0f %ld %ld\n", name, (double)count / (t1 - t0), rss0, rss1);
    return 0;
}
