/*
 * gso.c - UDP segmentation offload items: UDP_SEGMENT (send) and UDP_GRO
 * (receive), in the payload layouts the kernel uses for each.
 */
#include <config.h>

#include <stdint.h>
#include <string.h>

#include "internal.h"

int xapi_encode_udp_segment(unsigned size, void *out, size_t cap,
                            size_t *outlen)
{
    uint16_t v;

    /* udp_cmsg_send reads a __u16 and refuses any other cmsg_len, so an
     * int here would be EINVAL at send time, far from the mistake. */
    if (size > UINT16_MAX || outlen == NULL || (out == NULL && cap > 0))
        return xapi_fail(EINVAL);
    if (cap < sizeof(v))
        return xapi_fail(ENOSPC);
    v = (uint16_t)size;
    memcpy(out, &v, sizeof(v));
    *outlen = sizeof(v);
    return 0;
}

int xapi_decode_udp_segment(const void *buf, size_t len, unsigned *out)
{
    uint16_t v;

    if (buf == NULL || out == NULL || len != sizeof(v))
        return xapi_fail(EINVAL);
    memcpy(&v, buf, sizeof(v));
    *out = v;
    return 0;
}

int xapi_decode_udp_gro(const void *buf, size_t len, int *out)
{
    int v;

    /* udp_cmsg_recv puts an int holding the skb's gso_size, an unsigned
     * short that is never 0 on a coalesced buffer. */
    if (buf == NULL || out == NULL || len != sizeof(v))
        return xapi_fail(EINVAL);
    memcpy(&v, buf, sizeof(v));
    if (v < 1 || v > UINT16_MAX)
        return xapi_fail(EINVAL);
    *out = v;
    return 0;
}

size_t xapi_udp_gro_segments(size_t datalen, int gso_size)
{
    size_t g;

    if (gso_size <= 0)
        return 0;
    g = (size_t)gso_size;
    return datalen / g + (datalen % g != 0);
}
