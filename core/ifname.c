/*
 * ifname.c - RFC 3493 section 4 interface identification, with errno as
 * the only error channel.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "internal.h"

unsigned xapi_if_nametoindex(const char *name)
{
    int saved = errno;
    unsigned index;

    if (name == NULL) {
        errno = EINVAL;
        return 0;
    }
    errno = 0;
    index = if_nametoindex(name);
    if (index == 0) {
        /* glibc gives ENODEV from the ioctl; make sure a failure never
         * leaves errno 0, which bindings would turn into "Success". */
        if (errno == 0)
            errno = ENODEV;
        return 0;
    }
    /* glibc may try and fail a socket type on the way; success must not
     * change errno. */
    errno = saved;
    return index;
}

int xapi_if_indextoname(unsigned index, char *name, size_t len)
{
    char buf[IF_NAMESIZE];
    int saved = errno;

    if (name == NULL)
        return xapi_fail(EINVAL);
    errno = 0;
    if (if_indextoname(index, buf) == NULL) {
        if (errno == 0)
            errno = ENXIO;
        return -1;
    }
    errno = saved;
    return xapi_copy_text(name, len, buf);
}

int xapi_if_nameindex(xapi_ifentry *out, size_t cap, size_t *count)
{
    struct if_nameindex *list, *p;
    size_t n = 0;

    if ((out == NULL && cap > 0) || count == NULL)
        return xapi_fail(EINVAL);
    list = if_nameindex();
    if (list == NULL)
        return -1;
    for (p = list; p->if_index != 0 && p->if_name != NULL; p++, n++) {
        if (n >= cap)
            continue;
        out[n].index = p->if_index;
        /* Kernel names are shorter than IF_NAMESIZE; cut, never overrun,
         * if that ever changes. */
        memset(out[n].name, 0, sizeof(out[n].name));
        memcpy(out[n].name, p->if_name,
               strnlen(p->if_name, sizeof(out[n].name) - 1));
    }
    if_freenameindex(list);
    *count = n;
    if (n > cap)
        return xapi_fail(ENOSPC);
    return 0;
}

xapi_ifentry *xapi_if_nameindex_all(size_t *count, xapi_error *err)
{
    struct if_nameindex *list, *p;
    xapi_ifentry *out;
    size_t n = 0, i;

    if (count == NULL) {
        xapi_err_arg(err, EINVAL, "count", "is NULL");
        return NULL;
    }
    *count = 0;
    list = if_nameindex();
    if (list == NULL) {
        xapi_err_errno(err);
        return NULL;
    }
    for (p = list; p->if_index != 0 && p->if_name != NULL; p++)
        n++;
    /* One entry more than needed, so an empty list is not malloc(0). */
    out = calloc(n + 1, sizeof(*out));
    if (out == NULL) {
        if_freenameindex(list);
        xapi_err_sys(err, ENOMEM, NULL);
        return NULL;
    }
    for (i = 0; i < n; i++) {
        out[i].index = list[i].if_index;
        /* Kernel names are shorter than IF_NAMESIZE; cut, never overrun. */
        memcpy(out[i].name, list[i].if_name,
               strnlen(list[i].if_name, sizeof(out[i].name) - 1));
    }
    if_freenameindex(list);
    *count = n;
    return out;
}

void xapi_if_nameindex_free(xapi_ifentry *list)
{
    free(list);
}
