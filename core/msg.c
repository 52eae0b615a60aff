/*
 * msg.c - sendmsg/recvmsg over a reusable xapi_msg.
 */
#include <config.h>

#include <limits.h>
#include <string.h>

#include "internal.h"

#ifndef IOV_MAX
#define IOV_MAX 1024 /* UIO_MAXIOV, the kernel's limit */
#endif

/* The checks sendmsg and recvmsg share, made before any system call so the
 * kernel never sees a length it would have to reject for us. */
static int check_msg(const xapi_msg *m)
{
    if (m == NULL || !xapi_msg_valid(m))
        return xapi_fail(EINVAL);
    return 0;
}

ssize_t xapi_sendmsg(int fd, xapi_msg *m, int flags)
{
    struct msghdr mh;
    ssize_t n;

    if (check_msg(m) < 0)
        return -1;
    if (m->addr.len > sizeof(m->addr.ss))
        return xapi_fail(EINVAL);
    memset(&mh, 0, sizeof(mh));
    if (m->addr.len > 0) {
        mh.msg_name = &m->addr.ss;
        mh.msg_namelen = m->addr.len;
    }
    mh.msg_iov = m->iov;
    mh.msg_iovlen = m->iovlen;
    mh.msg_control = m->controllen > 0 ? m->control : NULL;
    mh.msg_controllen = m->controllen;
    /* EINTR is surfaced, not retried: whether to retry is the caller's
     * policy (a signal may be how it asks to stop). */
    n = sendmsg(fd, &mh, flags);
    if (n >= 0)
        m->datalen = (size_t)n;
    return n;
}

ssize_t xapi_recvmsg(int fd, xapi_msg *m, int flags)
{
    struct msghdr mh;
    ssize_t n;
    int cloexec;

    if (check_msg(m) < 0)
        return -1;
    memset(&mh, 0, sizeof(mh));
    mh.msg_name = &m->addr.ss;
    mh.msg_namelen = sizeof(m->addr.ss);
    mh.msg_iov = m->iov;
    mh.msg_iovlen = m->iovlen;
    mh.msg_control = m->controllen > 0 ? m->control : NULL;
    mh.msg_controllen = m->controllen;
    /* Received descriptors never leak into programs this process execs
     * (see xapi.h: the caller clears FD_CLOEXEC to pass one on).  They
     * come only with a control buffer, and AF_PACKET's recvmsg refuses
     * flags it does not know with EINVAL before it takes anything off
     * the queue: there, ask again without the flag. */
    cloexec = mh.msg_controllen > 0 ? MSG_CMSG_CLOEXEC & ~flags : 0;
    n = recvmsg(fd, &mh, flags | cloexec);
    if (n < 0 && errno == EINVAL && cloexec != 0)
        n = recvmsg(fd, &mh, flags);
    if (n < 0)
        return -1;
    m->datalen = (size_t)n;
    /* The kernel echoes MSG_CMSG_CLOEXEC in msg_flags: only a caller that
     * asked for it sees it. */
    m->flags = mh.msg_flags & ~(MSG_CMSG_CLOEXEC & ~flags);
    /* Both lengths come back from the kernel; neither may claim more than
     * the buffer it describes. */
    m->addr.len = mh.msg_namelen <= sizeof(m->addr.ss)
                      ? mh.msg_namelen : (socklen_t)sizeof(m->addr.ss);
    if (mh.msg_controllen < m->controllen)
        m->controllen = mh.msg_controllen;
    xapi_fds_scrub_(m->control, m->controllen, m->flags, &m->addr);
    return n;
}

size_t xapi_msg_piece_len(const xapi_msg *m, size_t i)
{
    size_t left, j;

    if (m == NULL || m->iov == NULL || i >= m->iovlen)
        return 0;
    /* With MSG_TRUNC in the call datalen may exceed the buffers; the
     * walk below cuts it at their total capacity. */
    left = m->datalen;
    for (j = 0; j < i && left > 0; j++)
        left -= m->iov[j].iov_len < left ? m->iov[j].iov_len : left;
    return m->iov[i].iov_len < left ? m->iov[i].iov_len : left;
}
