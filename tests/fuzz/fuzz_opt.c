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
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    walk(data, size);
    build(data, size);
    return 0;
}
