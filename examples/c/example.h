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

/* Prints len bytes as hex into out (2 * len + 1 bytes). */
static inline void ex_hex(const unsigned char *p, size_t len, char *out)
{
    size_t i;

    for (i = 0; i < len; i++)
        snprintf(out + 2 * i, 3, "%02x", p[i]);
    out[2 * len] = '\0';
}

#endif /* XAPI_EXAMPLE_H */
