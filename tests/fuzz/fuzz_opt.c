/*
 * fuzz_opt.c - libFuzzer harness for Hop-by-Hop/Destination options.
 *
 * 1. The input as a received header: walk it with inet6_opt_next and
 *    _find, reading every option's data with _get_val.  Offsets must
 *    grow, every option must lie inside the header, and the walk must end
 *    with ENOENT or EINVAL.
 * 2. The input as a recipe: (type, len, align) triples appended in both
 *    modes (lengths only, then into a buffer); the two must agree, and a
 *    walk of the result must give back the same options in order.
 * 3. The input as a received header again, through the whole-header
 *    calls: xapi_opt_parse succeeds exactly when the walk of 1 ends with
 *    ENOENT, gives the same options (data pointing inside the header),
 *    and xapi_opt_find and xapi_opt_hdr_next/_find/_get_val agree with it.
 * 4. The recipe of 2 through xapi_opt_build: the same bytes as the
 *    in-place calls wrote, its lengths-only form the same length.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "xapi.h"

static void walk(const uint8_t *data, size_t size)
{
    int off = 0, type;
    size_t len, d;
    unsigned char v[256];

    for (;;) {
        int next = xapi_inet6_opt_next(data, size, off, &type, &len, &d);
        if (next < 0) {
            if (errno != ENOENT && errno != EINVAL)
                abort();
            break;
        }
        if (next <= off || d + len != (size_t)next || (size_t)next > size ||
            type < 2 || type > 255)
            abort();
        if (xapi_inet6_opt_get_val(data + d, len, 0, v, len) != (int)len)
            abort();
        if (xapi_inet6_opt_get_val(data + d, len, 0, v, len + 1) != -1)
            abort();
        /* find from the same place finds this very option first */
        size_t flen, fd;
        if (xapi_inet6_opt_find(data, size, off, type, &flen, &fd) != next ||
            flen != len || fd != d)
            abort();
        off = next;
    }
}

static unsigned char built_ext[2048];
static size_t built_len;

static void build(const uint8_t *data, size_t size)
{
    static const unsigned aligns[4] = { 1, 2, 4, 8 };
    static unsigned char ext[2048];
    int types[64];
    size_t lens[64], count = 0;
    unsigned als[64];

    /* lengths only */
    int cur = xapi_inet6_opt_init(NULL, 0);
    for (size_t i = 0; i + 3 <= size && count < 64; i += 3) {
        int type = data[i] < 2 ? data[i] + 2 : data[i];
        size_t len = data[i + 1] % 64;
        unsigned align = aligns[data[i + 2] % 4];
        if (align > len)
            align = 1;
        int next = xapi_inet6_opt_append(NULL, 0, cur, type, len, align, NULL);
        if (next < 0)
            break;
        types[count] = type;
        lens[count] = len;
        als[count] = align;
        count++;
        cur = next;
    }
    int total = xapi_inet6_opt_finish(NULL, 0, cur);
    if (total < 0 || total % 8 != 0 || (size_t)total > sizeof(ext))
        abort();

    /* the same into a buffer: same lengths, every option ends aligned
     * (RFC 2460 Appendix B) */
    int built = xapi_inet6_opt_init(ext, (size_t)total);
    for (size_t k = 0; k < count; k++) {
        size_t d;
        built = xapi_inet6_opt_append(ext, (size_t)total, built, types[k],
                                      lens[k], als[k], &d);
        if (built < 0 || (d + lens[k]) % als[k] != 0)
            abort();
        memset(ext + d, 0xa5, lens[k]);
    }
    if (built != cur || xapi_inet6_opt_finish(ext, (size_t)total, built) != total)
        abort();

    /* and the walk gives them back, padding skipped */
    int off = 0, type;
    size_t len, d;
    for (size_t k = 0; k < count; k++) {
        off = xapi_inet6_opt_next(ext, (size_t)total, off, &type, &len, &d);
        if (off < 0 || type != types[k] || len != lens[k])
            abort();
    }
    if (xapi_inet6_opt_next(ext, (size_t)total, off, &type, &len, &d) != -1 ||
        errno != ENOENT)
        abort();
    memcpy(built_ext, ext, (size_t)total);
    built_len = (size_t)total;
}

/* 1 if the RFC walk of 1 reads the whole header without error. */
static int walk_ok(const uint8_t *data, size_t size, size_t *n)
{
    int off = 0, type;
    size_t len, d;

    *n = 0;
    for (;;) {
        off = xapi_inet6_opt_next(data, size, off, &type, &len, &d);
        if (off < 0)
            return errno == ENOENT;
        (*n)++;
    }
}

static void whole(const uint8_t *data, size_t size)
{
    static xapi_opt opts[XAPI_OPT_MAXOPTS];
    xapi_error e = { 0, NULL, "" };
    size_t n = 0, want;
    int ok = walk_ok(data, size, &want);
    int r = xapi_opt_parse(data, size, opts, XAPI_OPT_MAXOPTS, &n, &e);

    if ((r == 0) != ok)
        abort();
    if (r < 0) {
        if (e.code != EINVAL || e.arg == NULL || e.reason[0] == '\0' ||
            n != 0)
            abort();
        /* find refuses the same header */
        if (xapi_opt_find(data, size, 0x1e, NULL, NULL) != -1)
            abort();
        return;
    }
    if (n != want)
        abort();
    int off = 0;
    for (size_t k = 0; k < n; k++) {
        xapi_opt o, f;
        off = xapi_opt_hdr_next(data, size, size, off, &o, NULL);
        if (off <= 0 || o.type != opts[k].type || o.len != opts[k].len ||
            o.offset != opts[k].offset || o.data != data + o.offset ||
            opts[k].data != o.data || o.offset + o.len > size)
            abort();
        /* the first option of this type is this one or an earlier one */
        if (xapi_opt_find(data, size, o.type, &f, NULL) != 1 ||
            f.offset > o.offset || f.type != o.type)
            abort();
        if (xapi_opt_hdr_find(data, size, size, (int)o.offset - 2, o.type,
                              &f, NULL) != off || f.offset != o.offset)
            abort();
        unsigned char v[256];
        if (xapi_opt_hdr_get_val(data, size, o.offset, o.len, 0, v, o.len,
                                 NULL) != (int)o.len ||
            memcmp(v, o.data, o.len) != 0)
            abort();
        if (xapi_opt_hdr_get_val(data, size, o.offset, o.len, 0, v,
                                 o.len + 1, NULL) != -1)
            abort();
    }
    if (xapi_opt_hdr_next(data, size, size, off, NULL, NULL) != 0)
        abort();
}

static void build_whole(const uint8_t *data, size_t size)
{
    static const unsigned aligns[4] = { 1, 2, 4, 8 };
    static const unsigned char fill[64] = { 0 };
    static unsigned char out[2048 + 8];
    xapi_opt opts[64];
    size_t count = 0, len = 0;

    /* The recipe of build(), with the lengths-only pass's stopping rule:
     * the options build() appended. */
    for (size_t i = 0; i + 3 <= size && count < 64; i += 3) {
        int type = data[i] < 2 ? data[i] + 2 : data[i];
        size_t l = data[i + 1] % 64;
        unsigned align = aligns[data[i + 2] % 4];
        if (align > l)
            align = 1;
        opts[count] = (xapi_opt){ type, align, fill, l, 0 };
        if (xapi_opt_build(opts, count + 1, NULL, 0, &len, NULL) < 0)
            break;
        count++;
    }
    /* data as build() wrote it: 0xa5 */
    static unsigned char a5[64];
    memset(a5, 0xa5, sizeof a5);
    for (size_t k = 0; k < count; k++)
        opts[k].data = a5;
    if (xapi_opt_build(opts, count, NULL, 0, &len, NULL) != 0 ||
        len != built_len)
        abort();
    memset(out, 0xee, sizeof out);
    if (xapi_opt_build(opts, count, out, sizeof out, &len, NULL) != 0 ||
        len != built_len || memcmp(out, built_ext, len) != 0 ||
        out[len] != 0xee)
        abort();
    /* one byte short is refused, nothing written */
    xapi_error e = { 0, NULL, "" };
    memset(out, 0xee, sizeof out);
    if (xapi_opt_build(opts, count, out, len - 1, &len, &e) != -1 ||
        e.code != ENOSPC || out[0] != 0xee)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    walk(data, size);
    build(data, size);
    whole(data, size);
    build_whole(data, size);
    return 0;
}
