/*
 * internal.h - helpers shared by libxapi's source files; never installed.
 */
#ifndef XAPI_INTERNAL_H
#define XAPI_INTERNAL_H

#include <errno.h>
#include <limits.h>
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

/* Addresses to text as inet_ntop(3) writes them (ntop.c), without its
 * cost: out needs INET_ADDRSTRLEN / INET6_ADDRSTRLEN bytes.  Return the
 * text's length. */
size_t xapi_ntop4(const void *addr, char *out);
size_t xapi_ntop6(const void *addr, char *out);

/* The checks every send or receive makes on one message before the
 * kernel sees it, shared by the single and the batch calls: 1 if usable.
 * A NULL piece with a length is the caller's bug; the kernel would answer
 * EFAULT, which hides that it was an argument error. */
static inline int xapi_msg_valid(const xapi_msg *m)
{
    if ((m->iov == NULL && m->iovlen > 0) || m->iovlen > IOV_MAX)
        return 0;
    for (size_t i = 0; i < m->iovlen; i++)
        if (m->iov[i].iov_base == NULL && m->iov[i].iov_len > 0)
            return 0;
    if ((m->control == NULL && m->controllen > 0) || m->controllen > INT_MAX)
        return 0;
    return 1;
}


/* Report a bad argument: sets errno to code and, when e is not NULL,
 * fills it (arg: a static name; fmt: printf wording of the reason).
 * Returns -1, so `return xapi_err_arg(err, EINVAL, "port", "...");`. */
int xapi_err_arg(xapi_error *e, int code, const char *arg, const char *fmt,
                 ...) __attribute__((format(printf, 4, 5)));
/* Report a system error (arg NULL): errno and e->code are code, the
 * reason is fmt's text (NULL for none).  Returns -1. */
int xapi_err_sys(xapi_error *e, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* After a core call that reported only through errno: fills e from errno
 * as a system error unless the call already filled it.  Returns -1. */
int xapi_err_errno(xapi_error *e);

/* fdpass.c: SCM_CREDENTIALS and SCM_RIGHTS payloads (EINVAL when
 * malformed: a wrong size, a negative descriptor), for the item table. */
int xapi_decode_creds_(const void *buf, size_t len, xapi_creds *out);
int xapi_decode_fds_(const void *buf, size_t len, xapi_fds *out);
/* After a receive: when msg_flags has MSG_CTRUNC, or an SCM_RIGHTS
 * payload is not whole ints, closes every descriptor of every SCM_RIGHTS
 * item in control (len bytes) and writes -1 in its place.  errno kept. */
void xapi_fds_scrub_(void *control, size_t len, int msg_flags,
                     const xapi_addr *from);

#endif /* XAPI_INTERNAL_H */
