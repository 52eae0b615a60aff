/*
 * fuzz_rthdr.c - libFuzzer harness for routing headers (type 0 and SRH).
 * Besides "no crash", checks properties that hold for every header the
 * parsers accept:
 *  - an accepted SRH rebuilds to the same bytes (parse, then build);
 *  - reversing twice gives back the original path;
 *  - getaddr agrees with rth_segments on the valid index range.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "xapi.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static unsigned char a[4096], b[4096];
    int n = xapi_inet6_rth_segments(data, size);

    if (n < 0) {
        if (errno != EINVAL && errno != EOPNOTSUPP)
            abort();
    } else {
        size_t hdrlen = ((size_t)data[1] + 1) * 8;
        struct in6_addr x, y;

        if (hdrlen > size || hdrlen > sizeof(a))
            abort();
        for (int i = 0; i < n; i++)
            if (xapi_inet6_rth_getaddr(data, size, i, &x) != 0)
                abort();
        if (xapi_inet6_rth_getaddr(data, size, n, &x) == 0)
            abort();

        /* reverse into a second buffer, then back in place */
        if (xapi_inet6_rth_reverse(data, size, a, hdrlen) != 0)
            abort();
        if (n > 0) {
            xapi_inet6_rth_getaddr(data, size, 0, &x);
            xapi_inet6_rth_getaddr(a, hdrlen, n - 1, &y);
            if (memcmp(&x, &y, sizeof(x)) != 0)
                abort();
        }
        if (xapi_inet6_rth_reverse(a, hdrlen, a, hdrlen) != 0)
            abort();
        for (int i = 0; i < n; i++) {
            xapi_inet6_rth_getaddr(data, size, i, &x);
            xapi_inet6_rth_getaddr(a, hdrlen, i, &y);
            if (memcmp(&x, &y, sizeof(x)) != 0)
                abort();
        }
        if (a[3] != (unsigned)n)
            abort();

        /* adding to a copy fills exactly the remaining slots */
        memcpy(b, data, hdrlen);
        int room = n - data[3];
        for (int i = 0; i < room; i++)
            if (xapi_inet6_rth_add(b, hdrlen, &x) != 0)
                abort();
        if (xapi_inet6_rth_add(b, hdrlen, &x) == 0 || errno != ENOSPC)
            abort();
    }

    xapi_srh_info info;
    if (xapi_srh_parse(data, size, &info) == 0) {
        size_t outlen = 0;
        if (info.tlv_offset + info.tlv_len > size)
            abort();
        if (xapi_srh_build(&info, data + info.tlv_offset, info.tlv_len, a,
                           sizeof(a), &outlen) != 0)
            abort();
        if (outlen != info.tlv_offset + info.tlv_len ||
            memcmp(a, data, outlen) != 0)
            abort();
    }
    return 0;
}
