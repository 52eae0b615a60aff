/*
 * dest.c - the destination cache behind every binding's one-call send:
 * socket families remembered by descriptor, destinations given as text
 * parsed once per (family, text, port), and the send that notices a
 * remembered family gone stale (a descriptor closed and reused for a
 * socket of another family) and sends again with the text parsed anew.
 */
#include <config.h>

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define XAPI_DEST_FDS   64 /* remembered families, direct-mapped by fd */
#define XAPI_DEST_TEXTS 8  /* remembered destinations, replaced in turn */

struct xapi_dest_entry {
    int family;          /* 0: empty */
    unsigned port;
    size_t hostlen;
    char host[XAPI_ADDRSTRLEN];
    xapi_addr addr;
};

struct xapi_dest_cache {
    pthread_mutex_t lock;
    struct {
        int fd;          /* -1: empty */
        int family;
    } fds[XAPI_DEST_FDS];
    struct xapi_dest_entry texts[XAPI_DEST_TEXTS];
    unsigned next;       /* the entry replaced next */
};

xapi_dest_cache *xapi_dest_cache_new(void)
{
    xapi_dest_cache *c = calloc(1, sizeof(*c));
    size_t i;

    if (c == NULL)
        return NULL; /* errno is ENOMEM */
    if (pthread_mutex_init(&c->lock, NULL) != 0) {
        free(c);
        errno = ENOMEM;
        return NULL;
    }
    for (i = 0; i < XAPI_DEST_FDS; i++)
        c->fds[i].fd = -1;
    return c;
}

/* The binding's one cache: the first caller makes it, a racing caller
 * that loses the compare-and-swap frees its own and takes the winner's. */
xapi_dest_cache *xapi_dest_cache_once(xapi_dest_cache **slot)
{
    xapi_dest_cache *c = __atomic_load_n(slot, __ATOMIC_ACQUIRE);
    xapi_dest_cache *none = NULL;

    if (c != NULL || (c = xapi_dest_cache_new()) == NULL)
        return c;
    if (!__atomic_compare_exchange_n(slot, &none, c, 0, __ATOMIC_ACQ_REL,
                                     __ATOMIC_ACQUIRE)) {
        xapi_dest_cache_free(c);
        c = none;
    }
    return c;
}

void xapi_dest_cache_free(xapi_dest_cache *c)
{
    if (c == NULL)
        return;
    pthread_mutex_destroy(&c->lock);
    free(c);
}

/* Asked of the kernel, and remembered only when an address made for it
 * can never be sent by a socket of another family that reuses the
 * descriptor: an AF_INET6 address is refused by every other family
 * (EAFNOSUPPORT: udp, raw, ping; EINVAL: unix, packet, netlink), which
 * xapi_send_cached catches, while a UDP IPv6 socket would send an
 * AF_INET one (udpv6_sendmsg takes it) where text parsed for AF_INET6
 * would have been refused.  Lock held by the caller. */
static int family_fresh(xapi_dest_cache *c, int fd)
{
    int family = xapi_socket_family(fd);

    if (family == AF_INET6 && fd >= 0) {
        c->fds[fd % XAPI_DEST_FDS].fd = fd;
        c->fds[fd % XAPI_DEST_FDS].family = family;
    }
    return family;
}

int xapi_dest_cache_family(xapi_dest_cache *c, int fd)
{
    int family;

    if (c == NULL)
        return xapi_socket_family(fd);
    if (fd < 0)
        return xapi_fail(EBADF);
    pthread_mutex_lock(&c->lock);
    if (c->fds[fd % XAPI_DEST_FDS].fd == fd)
        family = c->fds[fd % XAPI_DEST_FDS].family;
    else
        family = family_fresh(c, fd);
    pthread_mutex_unlock(&c->lock);
    return family;
}

int xapi_dest_cache_recheck(xapi_dest_cache *c, int fd)
{
    int before = -1, after;

    if (c == NULL || fd < 0)
        return 0;
    pthread_mutex_lock(&c->lock);
    if (c->fds[fd % XAPI_DEST_FDS].fd == fd)
        before = c->fds[fd % XAPI_DEST_FDS].family;
    c->fds[fd % XAPI_DEST_FDS].fd = -1;
    after = family_fresh(c, fd);
    pthread_mutex_unlock(&c->lock);
    return after >= 0 && before >= 0 && after != before;
}

/* Text whose parse depends on more than the text: a scope given by
 * interface name is looked up at parse time (an interface may be
 * renumbered), so it is parsed every time. */
static int cacheable(const char *host, size_t len)
{
    const char *pct;

    if (len >= XAPI_ADDRSTRLEN)
        return 0;
    pct = memchr(host, '%', len);
    return pct == NULL || (pct[1] >= '0' && pct[1] <= '9');
}

static struct xapi_dest_entry *lookup(xapi_dest_cache *c, int family,
                                      const char *host, size_t len,
                                      unsigned port)
{
    size_t i;

    for (i = 0; i < XAPI_DEST_TEXTS; i++) {
        struct xapi_dest_entry *e = &c->texts[i];

        if (e->family == family && e->port == port && e->hostlen == len &&
            memcmp(e->host, host, len) == 0)
            return e;
    }
    return NULL;
}

int xapi_dest_cache_parse(xapi_dest_cache *c, int family, const char *host,
                          unsigned port, xapi_addr *out, xapi_error *err)
{
    struct xapi_dest_entry *e;
    size_t len;

    if (c == NULL || host == NULL || out == NULL || family <= 0)
        return xapi_addr_parse(out, family, host, port, err);
    len = strlen(host);
    if (!cacheable(host, len))
        return xapi_addr_parse(out, family, host, port, err);
    pthread_mutex_lock(&c->lock);
    e = lookup(c, family, host, len, port);
    if (e != NULL) {
        *out = e->addr;
        pthread_mutex_unlock(&c->lock);
        return 0;
    }
    pthread_mutex_unlock(&c->lock);
    /* Parsed unlocked (a failure is not remembered: its wording is the
     * parser's, every time). */
    if (xapi_addr_parse(out, family, host, port, err) < 0)
        return -1;
    pthread_mutex_lock(&c->lock);
    e = &c->texts[c->next];
    c->next = (c->next + 1) % XAPI_DEST_TEXTS;
    e->family = family;
    e->port = port;
    e->hostlen = len;
    memcpy(e->host, host, len + 1);
    e->addr = *out;
    pthread_mutex_unlock(&c->lock);
    return 0;
}

int xapi_dest_cache_resolve(xapi_dest_cache *c, int fd, const char *host,
                            unsigned port, xapi_addr *out, xapi_error *err)
{
    int family;

    if (host == NULL)
        return xapi_err_arg(err, EINVAL, "host", "NULL");
    family = xapi_dest_cache_family(c, fd);
    if (family < 0)
        return xapi_err_errno(err);
    if (xapi_dest_cache_parse(c, family, host, port, out, err) == 0)
        return family;
    /* Text that does not parse for a remembered family may be text for
     * the family of a socket that reused the descriptor. */
    if (!xapi_dest_cache_recheck(c, fd))
        return -1;
    if (err != NULL)
        memset(err, 0, sizeof(*err));
    family = xapi_dest_cache_family(c, fd);
    if (family < 0)
        return xapi_err_errno(err);
    if (xapi_dest_cache_parse(c, family, host, port, out, err) < 0)
        return -1;
    return family;
}

/* The text and port dest was parsed from, if the cache made it: 1 and
 * host (XAPI_ADDRSTRLEN bytes) and *port filled. */
static int origin_of(xapi_dest_cache *c, const xapi_addr *dest, char *host,
                     unsigned *port)
{
    size_t i;
    int found = 0;

    pthread_mutex_lock(&c->lock);
    for (i = 0; i < XAPI_DEST_TEXTS && !found; i++) {
        const struct xapi_dest_entry *e = &c->texts[i];

        if (e->family != 0 && e->addr.len == dest->len &&
            memcmp(&e->addr.ss, &dest->ss, dest->len) == 0) {
            memcpy(host, e->host, e->hostlen + 1);
            *port = e->port;
            found = 1;
        }
    }
    pthread_mutex_unlock(&c->lock);
    return found;
}

ssize_t xapi_send_cached(int fd, const struct iovec *iov, size_t iovlen,
                         xapi_dest_cache *cache, const xapi_addr *dest,
                         const xapi_item *items, size_t nitems, int flags,
                         xapi_error *err)
{
    char host[XAPI_ADDRSTRLEN];
    unsigned port = 0;
    xapi_addr again;
    xapi_error local;
    ssize_t n;
    int e;

    /* The core's own refusals (arg set) are told from the kernel's. */
    if (err == NULL) {
        local.code = 0;
        local.arg = NULL;
        local.reason[0] = '\0';
        err = &local;
    }
    n = xapi_send(fd, iov, iovlen, dest, items, nitems, flags, err);
    if (n >= 0 || cache == NULL || dest == NULL || dest->len == 0)
        return n;
    /* What a kernel answers for an address of another family (EINVAL:
     * udpv6, unix, packet, netlink; EAFNOSUPPORT: udp, raw).  The
     * destination was made for the family remembered for fd: when fd now
     * holds a socket of another family, the text is parsed for it and
     * sent again (nothing was sent: the kernel refused the address). */
    e = errno;
    if ((e != EINVAL && e != EAFNOSUPPORT) || err->arg != NULL)
        return n;
    if (!xapi_dest_cache_recheck(cache, fd) ||
        !origin_of(cache, dest, host, &port)) {
        errno = e;
        return n;
    }
    memset(err, 0, sizeof(*err));
    if (xapi_dest_cache_resolve(cache, fd, host, port, &again, err) < 0)
        return -1;
    return xapi_send(fd, iov, iovlen, &again, items, nitems, flags, err);
}
