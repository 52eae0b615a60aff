/*
 * fuzz_decoders.c - libFuzzer harness for the typed decoders.  The first
 * byte picks the decoder, the rest is its payload.
 */
#include <arpa/inet.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "xapi.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const uint8_t *p = data + 1;
    size_t n = size - 1;
    int i;
    xapi_pktinfo pi;
    xapi_mtuinfo mi;
    xapi_icmp6_filter f;

    switch (data[0] % 8) {
    case 0:
        if (xapi_decode_ip6_mtuinfo(p, n, &mi) == 0 &&
            memchr(mi.addr, '\0', sizeof(mi.addr)) == NULL)
            abort();
        break;
    case 1:
        (void)xapi_decode_int(p, n, &i);
        (void)xapi_decode_tos(p, n, &i);
        break;
    case 2:
        if (xapi_decode_in6_pktinfo(p, n, &pi) == 0) {
            /* The core writes address text itself; glibc's inet_ntop is
             * the independent reference. */
            char want[INET6_ADDRSTRLEN];

            if (memchr(pi.addr, '\0', sizeof(pi.addr)) == NULL ||
                inet_ntop(AF_INET6, p, want, sizeof(want)) == NULL ||
                strcmp(want, pi.addr) != 0)
                abort();
        }
        break;
    case 3:
        if (xapi_decode_in_pktinfo(p, n, &pi) == 0 &&
            (memchr(pi.addr, '\0', sizeof(pi.addr)) == NULL ||
             memchr(pi.spec_dst, '\0', sizeof(pi.spec_dst)) == NULL))
            abort();
        break;
    case 4:
        /* filter bits: willpass is the negation of willblock */
        if (n >= sizeof(f)) {
            memcpy(&f, p, sizeof(f));
            for (int t = 0; t < 256; t++)
                if (xapi_icmp6_filter_willpass(t, &f) ==
                    xapi_icmp6_filter_willblock(t, &f))
                    abort();
        }
        break;
    case 5: {
        /* the error queue's struct sock_extended_err + offender */
        xapi_sock_err e;

        if (xapi_decode_sock_err(p, n, &e) == 0 &&
            (memchr(e.offender, '\0', sizeof(e.offender)) == NULL ||
             (!e.has_offender && e.offender[0] != '\0')))
            abort();
        break;
    }
    case 7: {
        /* timestamps: both layouts; a decoded sub-second part is in range */
        xapi_timestamp t;
        xapi_timestamping g;

        for (int wide = 0; wide < 2; wide++) {
            if (xapi_decode_timeval(p, n, wide, &t) == 0 &&
                (t.nsec < 0 || t.nsec > 999999000 || t.nsec % 1000 != 0))
                abort();
            if (xapi_decode_timespec(p, n, wide, &t) == 0 &&
                (t.nsec < 0 || t.nsec > 999999999))
                abort();
            if (xapi_decode_timestamping(p, n, wide, &g) == 0 &&
                (g.sw_nsec < 0 || g.sw_nsec > 999999999 ||
                 g.legacy_nsec < 0 || g.legacy_nsec > 999999999 ||
                 g.hw_nsec < 0 || g.hw_nsec > 999999999))
                abort();
        }
        break;
    }
    default: {
        /* srh_parse on odd alignments of the same bytes */
        xapi_srh_info s;
        (void)xapi_srh_parse(p, n, &s);
        break;
    }
    }
    return 0;
}
