/*
 * rawdecode.h - the raw C receive rows' per-message work, shared by
 * c_recv.c and c_uring.c so the two measure the same thing: the hop limit
 * and the pktinfo interface and address (as text) taken out of a received
 * control buffer with the CMSG_* macros, folded into a sum the compiler
 * cannot drop.
 */
#ifndef BENCH_RAWDECODE_H
#define BENCH_RAWDECODE_H

#include <arpa/inet.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

#include "xapi.h"

struct result {
    unsigned ifindex;
    int hoplimit;
    char addr[XAPI_ADDRSTRLEN];
};

/* Folded into an output the compiler cannot drop. */
static unsigned long sink;

static inline void consume(const struct result *r, size_t datalen)
{
    sink += r->ifindex + (unsigned)r->hoplimit + (unsigned char)r->addr[0] +
            datalen;
}

static inline void bench_raw_decode(struct msghdr *mh, struct result *r)
{
    struct cmsghdr *c;

    for (c = CMSG_FIRSTHDR(mh); c != NULL; c = CMSG_NXTHDR(mh, c)) {
        if (c->cmsg_level != IPPROTO_IPV6)
            continue;
        if (c->cmsg_type == IPV6_PKTINFO &&
            c->cmsg_len == CMSG_LEN(sizeof(struct in6_pktinfo))) {
            struct in6_pktinfo pi;

            memcpy(&pi, CMSG_DATA(c), sizeof(pi));
            r->ifindex = pi.ipi6_ifindex;
            inet_ntop(AF_INET6, &pi.ipi6_addr, r->addr, sizeof(r->addr));
        } else if (c->cmsg_type == IPV6_HOPLIMIT &&
                   c->cmsg_len == CMSG_LEN(sizeof(int))) {
            memcpy(&r->hoplimit, CMSG_DATA(c), sizeof(int));
        }
    }
}

#endif
