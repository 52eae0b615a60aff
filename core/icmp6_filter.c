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

static int type_ok(int type)
{
    if (type < 0 || type > 255) {
        errno = EINVAL;
        return 0;
    }
    return 1;
}

static uint32_t type_bit(int type)
{
    return UINT32_C(1) << ((unsigned)type & 31u);
}

void xapi_icmp6_filter_setpassall(xapi_icmp6_filter *f)
{
    memset(f, 0, sizeof(*f));
}

void xapi_icmp6_filter_setblockall(xapi_icmp6_filter *f)
{
    memset(f, 0xff, sizeof(*f));
}

int xapi_icmp6_filter_setpass(int type, xapi_icmp6_filter *f)
{
    if (!type_ok(type))
        return -1;
    f->filt[type >> 5] &= ~type_bit(type);
    return 0;
}

int xapi_icmp6_filter_setblock(int type, xapi_icmp6_filter *f)
{
    if (!type_ok(type))
        return -1;
    f->filt[type >> 5] |= type_bit(type);
    return 0;
}

int xapi_icmp6_filter_willblock(int type, const xapi_icmp6_filter *f)
{
    if (!type_ok(type))
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
    return setsockopt(fd, IPPROTO_ICMPV6, ICMP6_FILTER, f, sizeof(*f));
}

int xapi_icmp6_filter_get(int fd, xapi_icmp6_filter *f)
{
    xapi_icmp6_filter tmp;
    socklen_t len = sizeof(tmp);

    if (getsockopt(fd, IPPROTO_ICMPV6, ICMP6_FILTER, &tmp, &len) < 0)
        return -1;
    if (len != sizeof(tmp)) {
        errno = EPROTO;
        return -1;
    }
    *f = tmp;
    return 0;
}
