/*
 * internal.h - helpers shared by libxapi's source files; never installed.
 */
#ifndef XAPI_INTERNAL_H
#define XAPI_INTERNAL_H

#include <errno.h>
#include <stddef.h>
#include <sys/socket.h>

#include "xapi.h"

/* Fail with an errno in one statement: `return xapi_fail(EINVAL);`. */
static inline int xapi_fail(int err)
{
    errno = err;
    return -1;
}

/* The ancillary-data alignment rule of the Linux ABI: the kernel aligns to
 * sizeof(long) and glibc's CMSG_ALIGN to sizeof(size_t), which agree on
 * every Linux target.  Spelled out here rather than taken from CMSG_ALIGN
 * so that the unit tests compare two independent computations.  The
 * caller guarantees n + XAPI_CMSG_ALIGNTO - 1 does not overflow. */
#define XAPI_CMSG_ALIGNTO sizeof(size_t)
static inline size_t xapi_cmsg_align(size_t n)
{
    return (n + XAPI_CMSG_ALIGNTO - 1) & ~(XAPI_CMSG_ALIGNTO - 1);
}
/* The header's size as the payload offset: CMSG_LEN(0). */
#define XAPI_CMSG_HDRLEN xapi_cmsg_align(sizeof(struct cmsghdr))

/* Copies the NUL-terminated src into dst (capacity cap); ENOSPC, and dst
 * left untouched, when it does not fit. */
int xapi_copy_text(char *dst, size_t cap, const char *src);

#endif /* XAPI_INTERNAL_H */
