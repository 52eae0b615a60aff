/*
 * fuzz_rthdr.c - libFuzzer harness for routing headers (type 0 and SRH).
 * Besides "no crash", checks properties that hold for every header the
 * parsers accept:
 *  - an accepted SRH rebuilds to the same bytes (parse, then build);
 *  - reversing twice gives back the original path;
 *  - getaddr agrees with rth_segments on the valid index range;
 *  - the whole-object calls (xapi_rth_parse, xapi_srh_decode) accept
 *    exactly what rth_segments accepts, agree with getaddr, name the
 *    argument at fault when they refuse, and rebuild what they parse
 *    (xapi_rth_build for a full header, xapi_srh_encode for an SRH).
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "xapi.h"

static void whole_calls(const uint8_t *data, size_t size, int n)
{
    static xapi_rth_info info;
    static xapi_in6_text addrs[127], one;
    static unsigned char out[XAPI_RTH_MAX];
    const char *texts[127];
    size_t naddrs = 0, outlen = 0;
    xapi_error e = { 0, NULL, "" };
    int r = xapi_rth_parse(data, size, &info, addrs, 127, &naddrs, &e);

    if ((r < 0) != (n < 0))
        abort();
    if (r < 0) {
        if (e.arg == NULL || strcmp(e.arg, "bytes") != 0 || e.code != errno ||
            memchr(e.reason, 0, sizeof e.reason) == NULL)
            abort();
    } else {
        if (naddrs != (size_t)n || info.length > size)
            abort();
        for (int i = 0; i < n; i++) {
            if (xapi_rth_getaddr(data, size, i, &one, NULL) != 0 ||
                strcmp(one.s, addrs[i].s) != 0)
                abort();
            texts[i] = addrs[i].s;
        }
        /* A full header (Segments Left n) with zero Reserved/flags/tag,
         * Next Header 0 and no TLVs is exactly what rth_build writes. */
        if (info.segments_left == (unsigned)n && info.next_header == 0 &&
            info.reserved == 0 && info.flags == 0 && info.tag == 0 &&
            info.tlv_len == 0 && !(info.type == 4 && n == 0)) {
            if (xapi_rth_build(info.type, texts, naddrs, out, sizeof out,
                               &outlen, NULL) != 0 ||
                outlen != info.length || memcmp(out, data, outlen) != 0)
                abort();
        }
        if (xapi_rth_reverse(data, size, out, sizeof out, &outlen, NULL) != 0 ||
            outlen != info.length)
            abort();
    }

    r = xapi_srh_decode(data, size, &info, addrs, 127, &naddrs, &e);
    if (r == 0) {
        for (size_t i = 0; i < naddrs; i++)
            texts[i] = addrs[i].s;
        if (info.type != 4 ||
            xapi_srh_encode(texts, naddrs, (int)info.segments_left,
                            (int)info.next_header, (int)info.flags,
                            (int)info.tag, info.tlv, info.tlv_len, out,
                            sizeof out, &outlen, NULL) != 0 ||
            outlen != info.length || memcmp(out, data, outlen) != 0)
            abort();
    } else if (e.arg == NULL || e.code != errno) {
        abort();
    }
}

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
    whole_calls(data, size, n);
    return 0;
}
