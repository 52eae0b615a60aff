/*
 * errqueue.c - the error queue's ancillary item (IP_RECVERR and
 * IPV6_RECVERR): struct sock_extended_err and the offender's address.
 */
#include <config.h>

#include <string.h>
#include <time.h> /* <linux/errqueue.h> uses struct timespec */
#include <linux/errqueue.h>

#include "internal.h"

/*
 * The kernel writes the offender right after the struct (SO_EE_OFFENDER
 * in <linux/errqueue.h>): a struct sockaddr_in for IP_RECVERR, a struct
 * sockaddr_in6 for IPV6_RECVERR (an IPv4 sender is given v4-mapped), and
 * family AF_UNSPEC when there is none (locally generated errors,
 * timestamps, zerocopy notifications).  Only a whole address of a known
 * family is believed; anything else is "no offender", not an error,
 * because the struct itself is still good.
 */
static int decode_offender(const unsigned char *p, size_t rem,
                           xapi_sock_err *out)
{
    xapi_addr a;
    sa_family_t family;
    size_t need;

    if (rem < sizeof(family))
        return 0;
    memcpy(&family, p, sizeof(family)); /* p may be unaligned */
    if (family == AF_INET)
        need = sizeof(struct sockaddr_in);
    else if (family == AF_INET6)
        need = sizeof(struct sockaddr_in6);
    else
        return 0;
    if (rem < need)
        return 0;

    memset(&a, 0, sizeof(a));
    memcpy(&a.ss, p, need);
    a.len = (socklen_t)need;
    if (xapi_addr_format(&a, out->offender, sizeof(out->offender), NULL) < 0)
        return -1;
    out->has_offender = 1;
    return 0;
}

int xapi_decode_sock_err(const void *buf, size_t len, xapi_sock_err *out)
{
    struct sock_extended_err ee;
    xapi_sock_err r;

    if (buf == NULL || out == NULL || len < sizeof(ee))
        return xapi_fail(EINVAL);
    memcpy(&ee, buf, sizeof(ee));

    memset(&r, 0, sizeof(r));
    r.ee_errno = (int)ee.ee_errno;
    r.origin = ee.ee_origin;
    r.type = ee.ee_type;
    r.code = ee.ee_code;
    r.pad = ee.ee_pad;
    r.info = ee.ee_info;
    r.data = ee.ee_data;
    if (decode_offender((const unsigned char *)buf + sizeof(ee),
                        len - sizeof(ee), &r) < 0)
        return -1;
    *out = r;
    return 0;
}
