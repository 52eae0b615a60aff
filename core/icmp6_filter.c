/*
 * icmp6_filter.c - the ICMPv6 type filter of RFC 3542 section 3.2, with
 * Linux's bit meaning (a set bit blocks the type).
 */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif
#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <netinet/icmp6.h>

#include "xapi.h"

/* The struct is handed to the kernel as is. */
_Static_assert(sizeof(xapi_icmp6_filter) == sizeof(struct icmp6_filter),
               "xapi_icmp6_filter must match the kernel's icmp6_filter");

/* A NULL filter is refused like a bad type: bad input is an error,
 * never a crash. */
static int type_ok(int type, const xapi_icmp6_filter *f)
{
    if (f == NULL || type < 0 || type > 255) {
        errno = EINVAL;
        return 0;
    }
    return 1;
}

static uint32_t type_bit(int type)
{
    return UINT32_C(1) << ((unsigned)type & 31u);
}

/* void in the API (as ICMP6_FILTER_SETPASSALL is): NULL is ignored. */
void xapi_icmp6_filter_setpassall(xapi_icmp6_filter *f)
{
    if (f != NULL)
        memset(f, 0, sizeof(*f));
}

void xapi_icmp6_filter_setblockall(xapi_icmp6_filter *f)
{
    if (f != NULL)
        memset(f, 0xff, sizeof(*f));
}

int xapi_icmp6_filter_setpass(int type, xapi_icmp6_filter *f)
{
    if (!type_ok(type, f))
        return -1;
    f->filt[type >> 5] &= ~type_bit(type);
    return 0;
}

int xapi_icmp6_filter_setblock(int type, xapi_icmp6_filter *f)
{
    if (!type_ok(type, f))
        return -1;
    f->filt[type >> 5] |= type_bit(type);
    return 0;
}

int xapi_icmp6_filter_willblock(int type, const xapi_icmp6_filter *f)
{
    if (!type_ok(type, f))
        return -1;
    return (f->filt[type >> 5] & type_bit(type)) != 0;
}

int xapi_icmp6_filter_willpass(int type, const xapi_icmp6_filter *f)
{
    int blocked = xapi_icmp6_filter_willblock(type, f);

    return blocked < 0 ? -1 : !blocked;
}

int xapi_icmp6_filter_set(int fd, const xapi_icmp6_filter *f)
{
    if (f == NULL) {
        errno = EINVAL;
        return -1;
    }
    return setsockopt(fd, IPPROTO_ICMPV6, ICMP6_FILTER, f, sizeof(*f));
}

int xapi_icmp6_filter_get(int fd, xapi_icmp6_filter *f)
{
    xapi_icmp6_filter tmp;
    socklen_t len = sizeof(tmp);

    if (f == NULL) {
        errno = EINVAL;
        return -1;
    }
    if (getsockopt(fd, IPPROTO_ICMPV6, ICMP6_FILTER, &tmp, &len) < 0)
        return -1;
    if (len != sizeof(tmp)) {
        errno = EPROTO;
        return -1;
    }
    *f = tmp;
    return 0;
}
