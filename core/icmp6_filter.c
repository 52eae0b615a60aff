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

#include "internal.h"

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

/* ------------------------------------------------------------------ */
/* Whole-filter calls: the 32 bytes in and out, lists of types          */
/* ------------------------------------------------------------------ */

static int filter_in(const void *buf, size_t len, xapi_icmp6_filter *f,
                     xapi_error *err)
{
    if (buf == NULL || len != sizeof(*f))
        return xapi_err_arg(err, EINVAL, "filter", "holds %zu bytes, a "
                            "filter is %zu", buf == NULL ? 0 : len,
                            sizeof(*f));
    memcpy(f, buf, sizeof(*f));
    return 0;
}

static int filter_out(const xapi_icmp6_filter *f, void *out, size_t cap,
                      size_t *outlen, xapi_error *err)
{
    if (out == NULL || cap < sizeof(*f))
        return xapi_err_arg(err, ENOSPC, "out", "%zu bytes are needed, %zu "
                            "given", sizeof(*f), out == NULL ? 0 : cap);
    memcpy(out, f, sizeof(*f));
    if (outlen != NULL)
        *outlen = sizeof(*f);
    return 0;
}

static int type_err(int type, xapi_error *err, const char *arg, long index)
{
    if (index >= 0)
        return xapi_err_arg(err, EINVAL, arg, "element %ld: %d is not an "
                            "ICMPv6 type (0..255)", index, type);
    return xapi_err_arg(err, EINVAL, arg, "%d is not an ICMPv6 type "
                        "(0..255)", type);
}

/* Every type is checked before f changes. */
static int filter_apply(xapi_icmp6_filter *f, int pass, const int *types,
                        size_t ntypes, xapi_error *err)
{
    if (types == NULL && ntypes > 0)
        return xapi_err_arg(err, EINVAL, "type", "no list");
    for (size_t i = 0; i < ntypes; i++)
        if (types[i] < 0 || types[i] > 255)
            return type_err(types[i], err, "type",
                            ntypes == 1 ? -1 : (long)i);
    for (size_t i = 0; i < ntypes; i++) {
        if (pass)
            xapi_icmp6_filter_setpass(types[i], f);
        else
            xapi_icmp6_filter_setblock(types[i], f);
    }
    return 0;
}

int xapi_icmp6_filter_make(int pass, const int *types, size_t ntypes,
                           void *out, size_t cap, size_t *outlen,
                           xapi_error *err)
{
    xapi_icmp6_filter f;

    if (pass)
        xapi_icmp6_filter_setblockall(&f);
    else
        xapi_icmp6_filter_setpassall(&f);
    if (filter_apply(&f, pass, types, ntypes, err) < 0)
        return -1;
    return filter_out(&f, out, cap, outlen, err);
}

int xapi_icmp6_filter_update(const void *buf, size_t len, int pass,
                             const int *types, size_t ntypes, void *out,
                             size_t cap, size_t *outlen, xapi_error *err)
{
    xapi_icmp6_filter f;

    if (filter_in(buf, len, &f, err) < 0 ||
        filter_apply(&f, pass, types, ntypes, err) < 0)
        return -1;
    return filter_out(&f, out, cap, outlen, err);
}

int xapi_icmp6_filter_test(const void *buf, size_t len, int type,
                           xapi_error *err)
{
    xapi_icmp6_filter f;

    if (type < 0 || type > 255)
        return type_err(type, err, "type", -1);
    if (filter_in(buf, len, &f, err) < 0)
        return -1;
    return xapi_icmp6_filter_willpass(type, &f);
}

int xapi_icmp6_filter_types(const void *buf, size_t len, int pass,
                            int *types_out, size_t types_cap,
                            size_t *ntypes, xapi_error *err)
{
    xapi_icmp6_filter f;
    size_t n = 0;

    if (filter_in(buf, len, &f, err) < 0)
        return -1;
    if (ntypes == NULL || (types_out == NULL && types_cap > 0))
        return xapi_err_arg(err, EINVAL, "types_out", "no output");
    for (int t = 0; t < 256; t++) {
        if (xapi_icmp6_filter_willpass(t, &f) != !!pass)
            continue;
        if (n == types_cap)
            return xapi_err_arg(err, ENOSPC, "types_out", "more than %zu "
                                "types", types_cap);
        types_out[n++] = t;
    }
    *ntypes = n;
    return 0;
}

int xapi_icmp6_filter_install(int fd, const void *buf, size_t len,
                              xapi_error *err)
{
    xapi_icmp6_filter f;

    if (filter_in(buf, len, &f, err) < 0)
        return -1;
    if (xapi_icmp6_filter_set(fd, &f) < 0)
        return xapi_err_errno(err);
    return 0;
}

int xapi_icmp6_filter_fetch(int fd, void *out, size_t cap, size_t *outlen,
                            xapi_error *err)
{
    xapi_icmp6_filter f;

    if (xapi_icmp6_filter_get(fd, &f) < 0)
        return xapi_err_errno(err);
    return filter_out(&f, out, cap, outlen, err);
}
