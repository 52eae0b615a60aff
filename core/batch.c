/*
 * batch.c - recvmmsg/sendmmsg over arrays of xapi_msg.
 *
 * The kernel wants a struct mmsghdr per message; xapi_msg is what callers
 * (and bindings) hold.  An xapi_batch is the one allocation between the
 * two: made once, it is refilled from the messages on every call, so the
 * hot path copies a few words per message and allocates nothing.
 */
#include <config.h>

#include <limits.h>
#include <poll.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#ifndef IOV_MAX
#define IOV_MAX 1024 /* UIO_MAXIOV, the kernel's limit */
#endif

struct xapi_batch {
    unsigned cap;
    struct mmsghdr hdr[]; /* cap entries */
};

size_t xapi_batch_size(unsigned n)
{
    if (n == 0 || n > XAPI_BATCH_MAX) {
        errno = EINVAL;
        return 0;
    }
    /* n is at most XAPI_BATCH_MAX: no overflow. */
    return offsetof(struct xapi_batch, hdr) + (size_t)n * sizeof(struct mmsghdr);
}

xapi_batch *xapi_batch_init(void *mem, size_t len, unsigned n)
{
    size_t need = xapi_batch_size(n);
    xapi_batch *b = mem;

    if (need == 0)
        return NULL;
    if (mem == NULL || (uintptr_t)mem % _Alignof(struct xapi_batch) != 0) {
        errno = EINVAL;
        return NULL;
    }
    if (len < need) {
        errno = ENOSPC;
        return NULL;
    }
    memset(b, 0, need);
    b->cap = n;
    return b;
}

xapi_batch *xapi_batch_new(unsigned n)
{
    size_t need = xapi_batch_size(n);
    void *mem;

    if (need == 0)
        return NULL;
    mem = malloc(need);
    if (mem == NULL)
        return NULL; /* errno is ENOMEM */
    return xapi_batch_init(mem, need, n);
}

void xapi_batch_free(xapi_batch *b)
{
    free(b);
}

unsigned xapi_batch_capacity(const xapi_batch *b)
{
    return b != NULL ? b->cap : 0;
}

/* The checks xapi_sendmsg and xapi_recvmsg make on one message, plus the
 * address length for a send. */
static inline int msg_ok(const xapi_msg *m, int sending)
{
    if (!xapi_msg_valid(m))
        return 0;
    if (sending && m->addr.len > sizeof(m->addr.ss))
        return 0;
    return 1;
}

/* Fills the kernel's headers from msgs[0..n) and returns how many of them,
 * from the first, passed the checks: the call is then made for that
 * prefix only, which is how the kernel itself treats a message it refuses
 * part-way through a batch. */
static unsigned prepare(xapi_batch *b, xapi_msg *msgs, unsigned n,
                        int sending)
{
    unsigned i;

    for (i = 0; i < n; i++) {
        xapi_msg *m = &msgs[i];
        struct msghdr *h = &b->hdr[i].msg_hdr;

        if (!msg_ok(m, sending))
            break;
        if (sending) {
            h->msg_name = m->addr.len > 0 ? &m->addr.ss : NULL;
            h->msg_namelen = m->addr.len;
        } else {
            h->msg_name = &m->addr.ss;
            h->msg_namelen = sizeof(m->addr.ss);
        }
        h->msg_iov = m->iov;
        h->msg_iovlen = m->iovlen;
        h->msg_control = m->controllen > 0 ? m->control : NULL;
        h->msg_controllen = m->controllen;
        h->msg_flags = 0;
        b->hdr[i].msg_len = 0;
    }
    return i;
}

static int check_call(const xapi_batch *b, const xapi_msg *msgs, unsigned n)
{
    if (b == NULL || (msgs == NULL && n > 0) || n > b->cap)
        return xapi_fail(EINVAL);
    return 0;
}

int xapi_batch_recv(int fd, xapi_batch *b, xapi_msg *msgs, unsigned n,
                    int flags, int timeout_ms)
{
    unsigned k, i;
    int r;

    if (check_call(b, msgs, n) < 0)
        return -1;
    if (n == 0)
        return 0;
    k = prepare(b, msgs, n, 0);
    if (k == 0)
        return xapi_fail(EINVAL);
    if (timeout_ms >= 0) {
        struct pollfd p = { .fd = fd, .events = POLLIN };

        r = poll(&p, 1, timeout_ms);
        if (r < 0)
            return -1;
        if (r == 0)
            return xapi_fail(EAGAIN);
        /* Readable (or an error is pending, or fd is bad: recvmmsg says
         * which).  Take what is there; never wait past the timeout. */
        flags |= MSG_DONTWAIT;
    }
    /* As xapi_recvmsg: descriptors close-on-exec, cut messages scrubbed. */
    /* (AF_PACKET refuses the flag before taking anything: see there.) */
    r = recvmmsg(fd, b->hdr, k, flags | MSG_CMSG_CLOEXEC, NULL);
    if (r < 0 && errno == EINVAL && !(flags & MSG_CMSG_CLOEXEC))
        r = recvmmsg(fd, b->hdr, k, flags, NULL);
    if (r <= 0)
        return r;
    for (i = 0; i < (unsigned)r; i++) {
        xapi_msg *m = &msgs[i];
        const struct mmsghdr *h = &b->hdr[i];

        m->datalen = h->msg_len;
        m->flags = h->msg_hdr.msg_flags & ~(MSG_CMSG_CLOEXEC & ~flags);
        /* Both lengths come back from the kernel; neither may claim more
         * than the buffer it describes. */
        m->addr.len = h->msg_hdr.msg_namelen <= sizeof(m->addr.ss)
                          ? h->msg_hdr.msg_namelen
                          : (socklen_t)sizeof(m->addr.ss);
        if (h->msg_hdr.msg_controllen < m->controllen)
            m->controllen = h->msg_hdr.msg_controllen;
        xapi_fds_scrub_(m->control, m->controllen, m->flags, &m->addr);
    }
    return r;
}

int xapi_batch_send(int fd, xapi_batch *b, xapi_msg *msgs, unsigned n,
                    int flags)
{
    unsigned k, i;
    int r;

    if (check_call(b, msgs, n) < 0)
        return -1;
    if (n == 0)
        return 0;
    k = prepare(b, msgs, n, 1);
    if (k == 0)
        return xapi_fail(EINVAL);
    /* EINTR is surfaced, not retried, as in xapi_sendmsg. */
    r = sendmmsg(fd, b->hdr, k, flags);
    if (r <= 0)
        return r;
    for (i = 0; i < (unsigned)r; i++)
        msgs[i].datalen = b->hdr[i].msg_len;
    return r;
}

int xapi_batch_setup_slots(xapi_msg *msgs, unsigned n, struct iovec *iov,
                           void *data, size_t slot, void *control,
                           size_t cslot)
{
    unsigned char *d = data, *c = control;
    unsigned i;

    if (msgs == NULL || iov == NULL || n == 0)
        return xapi_fail(EINVAL);
    if ((data == NULL && slot > 0) || (control == NULL && cslot > 0) ||
        cslot > INT_MAX)
        return xapi_fail(EINVAL);
    if (slot > SIZE_MAX / n || cslot > SIZE_MAX / n)
        return xapi_fail(EOVERFLOW);
    for (i = 0; i < n; i++) {
        xapi_msg *m = &msgs[i];

        iov[i].iov_base = slot > 0 ? d + (size_t)i * slot : NULL;
        iov[i].iov_len = slot;
        m->addr.len = 0;
        m->iov = &iov[i];
        m->iovlen = 1;
        m->control = cslot > 0 ? c + (size_t)i * cslot : NULL;
        m->controllen = cslot;
        m->flags = 0;
        m->datalen = 0;
    }
    return 0;
}
