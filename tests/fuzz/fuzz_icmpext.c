/*
 * fuzz_icmpext.c - libFuzzer harness for the ICMP extension parser
 * (RFC 4884, 4950, 5837).  The first byte picks what the rest is: an ICMP
 * message (0), an ICMPv6 message (1), an extension structure alone (2) or
 * an error-queue message (3: ee_data in the first four bytes).
 * Besides memory safety it checks what the core promises: at most len / 4
 * records, counting and filling agree, a capacity one short is ENOSPC,
 * every record's object lies inside the input, texts are terminated, the
 * MPLS and role fields are in range, and a message parses as its
 * structure does from the offset xapi_icmp_ext_offset gives.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "xapi.h"

static unsigned ee_data;

static int parse(int mode, const uint8_t *p, size_t n, xapi_value *v,
                 size_t cap, size_t *count)
{
    if (mode == 3)
        return xapi_icmp_ext_parse_errqueue(ee_data, p, n, v, cap, count,
                                            NULL);
    if (mode == 2)
        return xapi_icmp_ext_parse_struct(p, n, v, cap, count, NULL);
    return xapi_icmp_ext_parse(mode ? AF_INET6 : AF_INET, p, n, v, cap, count,
                               NULL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    xapi_value *v;
    size_t n, count = 0, again = 0, i;
    int mode, r;
    const uint8_t *p;

    if (size < 1)
        return 0;
    mode = data[0] % 4;
    p = data + 1;
    n = size - 1;
    if (mode == 3) {
        if (n < 4)
            return 0;
        memcpy(&ee_data, p, 4);
        p += 4;
        n -= 4;
    }
    if (parse(mode, p, n, NULL, 0, &count) < 0)
        return 0;
    if (count > n / 4)
        abort();
    v = malloc((count + 1) * sizeof(*v));
    if (v == NULL)
        return 0;
    if (count > 0) {
        errno = 0;
        if (parse(mode, p, n, v, count - 1, &again) != -1 ||
            errno != ENOSPC || again != count)
            abort();
    }
    r = parse(mode, p, n, v, count + 1, &again);
    /* An interface object is only read whole in the filling pass. */
    if (r == 0 && again != count)
        abort();
    for (i = 0; r == 0 && i < again; i++) {
        const xapi_icmp_ext *e = &v[i].icmpext;

        if (v[i].kind != XAPI_VALUE_ICMPEXT || e->length < 4 ||
            e->offset > n || e->length > n - e->offset ||
            memchr(e->addr, '\0', sizeof(e->addr)) == NULL ||
            memchr(e->name, '\0', sizeof(e->name)) == NULL ||
            e->class_num != p[e->offset + 2] || e->c_type != p[e->offset + 3])
            abort();
        if (e->label != -1 &&
            (e->label > 0xfffff || e->tc > 7 || e->s > 1 || e->ttl > 255 ||
             e->class_num != 1))
            abort();
        if (e->role != -1 && (e->role > 3 || e->class_num != 2))
            abort();
    }
    if (r == 0 && mode < 2) {
        int off = xapi_icmp_ext_offset(mode ? AF_INET6 : AF_INET, p, n, NULL);
        size_t sc = 0;

        if (off < 0 || (off == 0 && again != 0))
            abort();
        if (off > 0 && (xapi_icmp_ext_parse_struct(p + off, n - (size_t)off,
                                                   NULL, 0, &sc, NULL) != 0 ||
                        sc != again))
            abort();
    }
    free(v);
    return 0;
}
