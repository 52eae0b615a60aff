/*
 * example.h - the little every example program needs besides libxapi:
 * reporting an error and waiting for a descriptor.  Header-only, so each
 * example stays one file you can copy with this one.
 */
#ifndef XAPI_EXAMPLE_H
#define XAPI_EXAMPLE_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1 /* struct in6_pktinfo, the RFC 3542 names */
#endif

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "xapi.h"

/* Prints "PROG: WHAT: strerror(errno)" and returns -1. */
static inline int ex_fail(const char *prog, const char *what)
{
    fprintf(stderr, "%s: %s: %s\n", prog, what, strerror(errno));
    return -1;
}

/* Waits up to ms milliseconds for events on fd: 1 when they came, 0 on a
 * timeout, -1 with errno. */
static inline int ex_wait(int fd, short events, int ms)
{
    struct pollfd p = { .fd = fd, .events = events, .revents = 0 };
    int r;

    do {
        r = poll(&p, 1, ms);
    } while (r < 0 && errno == EINTR);
    return r;
}

/* Milliseconds on the monotonic clock. */
static inline double ex_now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* Parses a decimal number in [lo, hi]; -1 (errno EINVAL) otherwise. */
static inline long ex_number(const char *s, long lo, long hi)
{
    char *end;
    long v;

    errno = 0;
    v = strtol(s, &end, 10);
    if (errno != 0 || end == s || *end != '\0' || v < lo || v > hi) {
        errno = EINVAL;
        return -1;
    }
    return v;
}

/* One receive into data (cap bytes) and control (ccap bytes, may be 0),
 * after waiting up to wait_ms for the socket (for POLLERR when flags has
 * MSG_ERRQUEUE: an error queue does not make a socket readable); no wait
 * when wait_ms < 0.  0 and *m filled, or -1 with errno (ETIMEDOUT). */
static inline int ex_recv(int fd, void *data, size_t cap, void *control,
                          size_t ccap, int flags, int wait_ms, xapi_msg *m,
                          struct iovec *iov)
{
    if (wait_ms >= 0) {
        int r = ex_wait(fd, (flags & MSG_ERRQUEUE) ? 0 : POLLIN, wait_ms);

        if (r <= 0) {
            if (r == 0)
                errno = ETIMEDOUT;
            return -1;
        }
    }
    iov->iov_base = data;
    iov->iov_len = cap;
    memset(m, 0, sizeof(*m));
    m->iov = iov;
    m->iovlen = 1;
    m->control = control;
    m->controllen = ccap;
    return xapi_recvmsg(fd, m, flags) < 0 ? -1 : 0;
}

/* One send of len bytes to dest (NULL: the connected peer) with the
 * items in control (used bytes; control may be NULL).  0 or -1. */
static inline int ex_send(int fd, const xapi_addr *dest, const void *data,
                          size_t len, void *control, size_t used)
{
    struct iovec iov = { (void *)data, len };
    xapi_msg m;

    memset(&m, 0, sizeof(m));
    if (dest != NULL)
        m.addr = *dest;
    m.iov = &iov;
    m.iovlen = 1;
    m.control = used > 0 ? control : NULL;
    m.controllen = used;
    return xapi_sendmsg(fd, &m, 0) < 0 ? -1 : 0;
}

/* Prints len bytes as hex into out (2 * len + 1 bytes). */
static inline void ex_hex(const unsigned char *p, size_t len, char *out)
{
    size_t i;

    for (i = 0; i < len; i++)
        snprintf(out + 2 * i, 3, "%02x", p[i]);
    out[2 * len] = '\0';
}

#endif /* XAPI_EXAMPLE_H */
