/*
 * cmsg.c - building and walking control buffers ("ok, then next").
 *
 * Buffers come from callers and from the kernel; neither is trusted.  No
 * pointer is formed from a length before the length has been checked
 * against what remains, and headers are copied out with memcpy because a
 * caller's buffer need not be aligned.
 */
#include <config.h>

#include <limits.h>
#include <string.h>

#include "internal.h"

size_t xapi_cmsg_space(size_t len)
{
    size_t space;

    /* Checked before adding so the sum cannot wrap on 32-bit targets. */
    if (len > INT_MAX)
        goto overflow;
    space = xapi_cmsg_align(len) + XAPI_CMSG_HDRLEN;
    if (space > INT_MAX)
        goto overflow;
    return space;
overflow:
    errno = EOVERFLOW;
    return 0;
}

size_t xapi_cmsg_len(size_t len)
{
    if (len > INT_MAX - XAPI_CMSG_HDRLEN) {
        errno = EOVERFLOW;
        return 0;
    }
    return XAPI_CMSG_HDRLEN + len;
}

int xapi_cmsg_append(void *buf, size_t cap, size_t *used, int level, int type,
                     const void *data, size_t len)
{
    unsigned char *p = buf;
    struct cmsghdr h;
    size_t space;

    if (used == NULL || (buf == NULL && cap > 0) || (data == NULL && len > 0))
        return xapi_fail(EINVAL);
    /* An unaligned offset would give the kernel a list it cannot walk. */
    if (*used > cap || *used % XAPI_CMSG_ALIGNTO != 0)
        return xapi_fail(EINVAL);
    space = xapi_cmsg_space(len);
    if (space == 0)
        return -1;
    if (space > cap - *used)
        return xapi_fail(ENOSPC);

    p += *used;
    /* Zeroed first: the padding goes to the kernel and must not leak
     * whatever the caller's buffer held. */
    memset(p, 0, space);
    memset(&h, 0, sizeof(h));
    h.cmsg_len = xapi_cmsg_len(len);
    h.cmsg_level = level;
    h.cmsg_type = type;
    memcpy(p, &h, sizeof(h));
    if (len > 0)
        memcpy(p + XAPI_CMSG_HDRLEN, data, len);
    *used += space;
    return 0;
}

void xapi_cmsg_iter_init(xapi_cmsg_iter *it, const void *control, size_t len)
{
    if (it == NULL)
        return;
    it->buf = control;
    it->len = control != NULL ? len : 0;
    it->off = 0;
}

int xapi_cmsg_next(xapi_cmsg_iter *it, xapi_cmsg *out)
{
    struct cmsghdr h;
    size_t remaining, step;

    if (it == NULL || out == NULL || it->off > it->len)
        return xapi_fail(EINVAL);
    remaining = it->len - it->off;
    /* The kernel leaves a short tail after MSG_CTRUNC; it is not an item. */
    if (remaining < sizeof(h))
        return 0;
    memcpy(&h, it->buf + it->off, sizeof(h));
    /* ok: the item's own length covers its header and stays inside.  On a
     * bad item `off` is left where it is, so the walk keeps failing. */
    if (h.cmsg_len < XAPI_CMSG_HDRLEN || h.cmsg_len > remaining)
        return xapi_fail(EINVAL);

    out->level = h.cmsg_level;
    out->type = h.cmsg_type;
    out->data = it->buf + it->off + XAPI_CMSG_HDRLEN;
    out->len = h.cmsg_len - XAPI_CMSG_HDRLEN;

    /* then next: the last item's padding may be missing (the kernel does
     * not pad the final item), so the step is clamped to the end. */
    step = h.cmsg_len;
    if (remaining - step < xapi_cmsg_align(step) - step)
        step = remaining;
    else
        step = xapi_cmsg_align(step);
    it->off += step;
    return 1;
}
