/*
 * control.c - whole control buffers: built from an array of items, parsed
 * into flat arrays of (item, decoded value), and the one-call send that
 * takes items.  Every binding calls these instead of walking or building
 * a control buffer itself, so the walk, the sizing and the wording of a
 * malformed buffer exist once.
 */
#include <config.h>

#include <arpa/inet.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <linux/net_tstamp.h>

#include "internal.h"

int xapi_items_space(const xapi_item *items, size_t nitems, size_t *space,
                     xapi_error *err)
{
    size_t total = 0, i;

    if (space == NULL)
        return xapi_err_arg(err, EINVAL, "space", "is NULL");
    if (items == NULL && nitems > 0)
        return xapi_err_arg(err, EINVAL, "items", "is NULL with %zu items",
                            nitems);
    for (i = 0; i < nitems; i++) {
        size_t one;

        if (items[i].data == NULL && items[i].len > 0)
            return xapi_err_arg(err, EINVAL, "items", "item %zu has no data "
                                "for its %zu bytes", i, items[i].len);
        /* Each step is checked before it is added: XAPI_MAX_ANC is far
         * below SIZE_MAX, so the sum cannot wrap. */
        one = items[i].len <= XAPI_MAX_ANC ? xapi_cmsg_space(items[i].len) : 0;
        if (one == 0 || one > XAPI_MAX_ANC - total)
            return xapi_err_arg(err, EMSGSIZE, "items", "more than %zu bytes "
                                "of ancillary items (at item %zu)",
                                (size_t)XAPI_MAX_ANC, i);
        total += one;
    }
    *space = total;
    return 0;
}

int xapi_items_build(const xapi_item *items, size_t nitems, void *control,
                     size_t controlcap, size_t *controllen, xapi_error *err)
{
    size_t need, used = 0, i;

    if (controllen == NULL)
        return xapi_err_arg(err, EINVAL, "controllen", "is NULL");
    if (control == NULL && controlcap > 0)
        return xapi_err_arg(err, EINVAL, "control", "is NULL with capacity "
                            "%zu", controlcap);
    if (xapi_items_space(items, nitems, &need, err) < 0)
        return -1;
    /* Sized first, so that nothing is written when it would not fit. */
    if (need > controlcap)
        return xapi_err_sys(err, ENOSPC, "%zu bytes of items, room for %zu",
                            need, controlcap);
    for (i = 0; i < nitems; i++)
        if (xapi_cmsg_append(control, controlcap, &used, items[i].level,
                             items[i].type, items[i].data,
                             items[i].len) < 0)
            return xapi_err_errno(err); /* cannot happen: sized above */
    *controllen = used;
    return 0;
}

size_t xapi_items_count(const void *bytes, size_t len)
{
    xapi_cmsg_iter it;
    xapi_cmsg c;
    size_t n = 0;
    int saved = errno;

    xapi_cmsg_iter_init(&it, bytes, len);
    while (xapi_cmsg_next(&it, &c) == 1)
        n++;
    errno = saved;
    return n;
}

int xapi_items_parse(const void *bytes, size_t len, xapi_cmsg *cmsgs,
                     xapi_value *values, size_t cap, size_t *count, int flags,
                     xapi_error *err)
{
    xapi_cmsg_iter it;
    size_t n = 0;
    int r;

    if (count == NULL)
        return xapi_err_arg(err, EINVAL, "count", "is NULL");
    *count = 0;
    if (bytes == NULL && len > 0)
        return xapi_err_arg(err, EINVAL, "bytes", "is NULL with length %zu",
                            len);
    if ((cmsgs == NULL || values == NULL) && cap > 0)
        return xapi_err_arg(err, EINVAL, "cmsgs", "is NULL with capacity "
                            "%zu", cap);
    if (flags & ~(XAPI_ITEMS_STRICT_HEADERS | XAPI_ITEMS_STRICT_VALUES))
        return xapi_err_arg(err, EINVAL, "flags", "unknown bits 0x%x",
                            (unsigned)flags);
    xapi_cmsg_iter_init(&it, bytes, len);
    for (;;) {
        xapi_cmsg c;

        r = xapi_cmsg_next(&it, &c);
        if (r == 0)
            break;
        if (r < 0) {
            size_t claimed = 0;

            /* What the kernel handed over cannot be asked for again: a
             * receive keeps the items before a bad one. */
            if (!(flags & XAPI_ITEMS_STRICT_HEADERS))
                break;
            memcpy(&claimed, (const unsigned char *)bytes + it.off,
                   sizeof(claimed));
            return xapi_err_arg(err, EINVAL, "bytes", "malformed control "
                                "buffer: item %zu's cmsg_len %zu is below the "
                                "header size (%zu) or runs past the end "
                                "(offset %zu of %zu)", n, claimed,
                                (size_t)XAPI_CMSG_HDRLEN, it.off, len);
        }
        if (n == cap)
            return xapi_err_sys(err, ENOSPC, "more than %zu items", cap);
        cmsgs[n] = c;
        if (xapi_cmsg_decode(&c, &values[n]) < 0) {
            if (flags & XAPI_ITEMS_STRICT_VALUES)
                return xapi_err_arg(err, EINVAL, "bytes", "item %zu (level "
                                    "%d, type %d) has a malformed %zu-byte "
                                    "payload", n, c.level, c.type, c.len);
            /* A known item cut short (MSG_CTRUNC) keeps its raw bytes and
             * gets no typed view: the decoder left kind NONE. */
        }
        n++;
    }
    *count = n;
    return 0;
}

/* Control buffers up to this size are built on the stack: every item set a
 * caller sends per datagram in practice (hop limit, traffic class, packet
 * info, a routing header) fits. */
#define XAPI_SEND_STACK_CONTROL 2048

ssize_t xapi_send(int fd, const struct iovec *iov, size_t iovlen,
                  const xapi_addr *dest, const xapi_item *items,
                  size_t nitems, int flags, xapi_error *err)
{
    union {
        unsigned char b[XAPI_SEND_STACK_CONTROL];
        struct cmsghdr align;
    } stack;
    unsigned char *control = NULL;
    size_t need = 0, controllen = 0;
    xapi_msg m;
    ssize_t n;
    int saved;

    if (iov == NULL && iovlen > 0)
        return xapi_err_arg(err, EINVAL, "iov", "is NULL with %zu pieces",
                            iovlen);
    if (iovlen > XAPI_MAX_PIECES)
        return xapi_err_arg(err, EINVAL, "iov", "%zu pieces, at most %d",
                            iovlen, XAPI_MAX_PIECES);
    if (dest != NULL && dest->len > sizeof(dest->ss))
        return xapi_err_arg(err, EINVAL, "dest", "length %u is larger than "
                            "a sockaddr_storage", (unsigned)dest->len);
    if (xapi_items_space(items, nitems, &need, err) < 0)
        return -1;
    if (need > 0) {
        size_t i;

        control = need <= sizeof(stack.b) ? stack.b : malloc(need);
        if (control == NULL)
            return xapi_err_sys(err, ENOMEM, NULL);
        /* Sized and checked above: the items are laid out directly. */
        for (i = 0; i < nitems; i++)
            if (xapi_cmsg_append(control, need, &controllen, items[i].level,
                                 items[i].type, items[i].data,
                                 items[i].len) < 0) {
                xapi_err_errno(err);
                goto fail;
            }
    }
    memset(&m, 0, sizeof(m));
    if (dest != NULL)
        m.addr = *dest;
    m.iov = (struct iovec *)iov;
    m.iovlen = iovlen;
    m.control = control;
    m.controllen = controllen;
    n = xapi_sendmsg(fd, &m, flags);
    if (n < 0) {
        xapi_err_errno(err);
        goto fail;
    }
    if (control != stack.b)
        free(control);
    return n;
fail:
    saved = errno;
    if (control != stack.b)
        free(control);
    errno = saved;
    return -1;
}

/* The typed views of the items made below, as the decoder would give them;
 * only "the default" (-1) is filled by hand. */
static int typed_finish(xapi_typed_item *out, int level, int type, size_t len,
                        const char *kind, int value)
{
    xapi_cmsg c;

    out->item.level = level;
    out->item.type = type;
    out->item.data = out->payload;
    out->item.len = len;
    c.level = level;
    c.type = type;
    c.data = out->payload;
    c.len = len;
    if (xapi_cmsg_decode(&c, &out->view) < 0) {
        out->view.kind = XAPI_VALUE_INT;
        out->view.name = kind;
        out->view.i = value;
    }
    return 0;
}

int xapi_typed_int(const char *kind, int value, xapi_typed_item *out,
                   xapi_error *err)
{
    static const struct {
        const char *kind;
        int level, type, min;
    } kinds[] = {
        { "hoplimit", IPPROTO_IPV6, IPV6_HOPLIMIT, -1 },
        { "tclass", IPPROTO_IPV6, IPV6_TCLASS, -1 },
        { "ttl", IPPROTO_IP, IP_TTL, 1 },
        { "tos", IPPROTO_IP, IP_TOS, 0 },
    };
    size_t k, len = 0;

    if (out == NULL)
        return xapi_err_arg(err, EINVAL, "out", "is NULL");
    for (k = 0; kind != NULL && k < sizeof(kinds) / sizeof(kinds[0]); k++)
        if (strcmp(kind, kinds[k].kind) == 0)
            break;
    if (kind == NULL || k == sizeof(kinds) / sizeof(kinds[0]))
        return xapi_err_arg(err, EINVAL, "kind", "'%.40s' is not hoplimit, "
                            "tclass, ttl or tos", kind ? kind : "(null)");
    if (value < kinds[k].min || value > 255)
        return xapi_err_arg(err, EINVAL, kinds[k].kind, "%d is out of range "
                            "%d..255", value, kinds[k].min);
    if (xapi_encode_int(value, out->payload, sizeof(out->payload), &len) < 0)
        return xapi_err_errno(err);
    return typed_finish(out, kinds[k].level, kinds[k].type, len,
                        kinds[k].kind, value);
}

int xapi_typed_pktinfo6(const char *addr, unsigned ifindex,
                        xapi_typed_item *out, xapi_error *err)
{
    size_t len = 0;

    if (out == NULL)
        return xapi_err_arg(err, EINVAL, "out", "is NULL");
    if (xapi_encode_in6_pktinfo(addr, ifindex, out->payload,
                                sizeof(out->payload), &len) < 0)
        return xapi_err_arg(err, EINVAL, "addr", "'%.60s' is not an IPv6 "
                            "address", addr);
    return typed_finish(out, IPPROTO_IPV6, IPV6_PKTINFO, len, "pktinfo", 0);
}

int xapi_typed_pktinfo4(unsigned ifindex, const char *spec_dst,
                        const char *addr, xapi_typed_item *out,
                        xapi_error *err)
{
    struct in_addr a;
    size_t len = 0;

    if (out == NULL)
        return xapi_err_arg(err, EINVAL, "out", "is NULL");
    if (ifindex > INT_MAX)
        return xapi_err_arg(err, EINVAL, "ifindex", "%u is above %d",
                            ifindex, INT_MAX);
    if (spec_dst != NULL && spec_dst[0] != '\0' &&
        inet_pton(AF_INET, spec_dst, &a) != 1)
        return xapi_err_arg(err, EINVAL, "spec_dst", "'%.60s' is not an IPv4 "
                            "address", spec_dst);
    if (addr != NULL && addr[0] != '\0' && inet_pton(AF_INET, addr, &a) != 1)
        return xapi_err_arg(err, EINVAL, "addr", "'%.60s' is not an IPv4 "
                            "address", addr);
    if (xapi_encode_in_pktinfo(ifindex, spec_dst, addr, out->payload,
                               sizeof(out->payload), &len) < 0)
        return xapi_err_errno(err);
    return typed_finish(out, IPPROTO_IP, IP_PKTINFO, len, "pktinfo", 0);
}

int xapi_typed_raw(int level, int type, const void *data, size_t len,
                   xapi_typed_item *out, xapi_error *err)
{
    xapi_cmsg c;

    if (out == NULL)
        return xapi_err_arg(err, EINVAL, "out", "is NULL");
    if (data == NULL && len > 0)
        return xapi_err_arg(err, EINVAL, "data", "is NULL with length %zu",
                            len);
    out->item.level = c.level = level;
    out->item.type = c.type = type;
    out->item.data = c.data = data;
    out->item.len = c.len = len;
    /* Lenient, as for a received item: a malformed payload keeps its
     * bytes and gets no view (the decoder leaves kind NONE). */
    (void)xapi_cmsg_decode(&c, &out->view);
    return 0;
}

int xapi_typed_creds(int pid, unsigned uid, unsigned gid,
                     xapi_typed_item *out, xapi_error *err)
{
    struct ucred uc;

    if (out == NULL)
        return xapi_err_arg(err, EINVAL, "out", "is NULL");
    if (pid < 0)
        return xapi_err_arg(err, EINVAL, "pid", "%d is negative", pid);
    memset(&uc, 0, sizeof(uc));
    uc.pid = pid;
    uc.uid = uid;
    uc.gid = gid;
    memcpy(out->payload, &uc, sizeof(uc));
    return typed_finish(out, SOL_SOCKET, SCM_CREDENTIALS, sizeof(uc),
                        "creds", 0);
}

int xapi_typed_fds(const int *fds, size_t nfds, xapi_typed_item *out,
                   xapi_error *err)
{
    size_t i;

    if (out == NULL)
        return xapi_err_arg(err, EINVAL, "out", "is NULL");
    if (fds == NULL && nfds > 0)
        return xapi_err_arg(err, EINVAL, "fds", "is NULL with a count");
    if (nfds == 0 || nfds > XAPI_FDS_MAX)
        return xapi_err_arg(err, EINVAL, "fds", "%zu descriptors: one item "
                            "carries 1..%d", nfds, XAPI_FDS_MAX);
    for (i = 0; i < nfds; i++)
        if (fds[i] < 0)
            return xapi_err_arg(err, EINVAL, "fds", "descriptor %zu is %d, "
                                "not a descriptor", i, fds[i]);
    _Static_assert(XAPI_TYPED_ITEM_MAX >= XAPI_FDS_MAX * sizeof(int),
                   "a typed item holds the most descriptors one item carries");
    memcpy(out->payload, fds, nfds * sizeof(int));
    return typed_finish(out, SOL_SOCKET, SCM_RIGHTS, nfds * sizeof(int),
                        "fds", 0);
}

/* What __sock_cmsg_send() accepts in a per-send SO_TIMESTAMPING item:
 * SOF_TIMESTAMPING_TX_RECORD_MASK, the four generation flags, which Linux
 * 6.16 widened with SOF_TIMESTAMPING_TX_COMPLETION (bit 18, a name older
 * headers lack; older kernels refuse it at send time with EINVAL). */
#define XAPI_TX_COMPLETION (1u << 18)
#define XAPI_TSFLAGS_PER_SEND                                              \
    ((unsigned)SOF_TIMESTAMPING_TX_HARDWARE |                              \
     (unsigned)SOF_TIMESTAMPING_TX_SOFTWARE |                              \
     (unsigned)SOF_TIMESTAMPING_TX_SCHED | (unsigned)SOF_TIMESTAMPING_TX_ACK | \
     XAPI_TX_COMPLETION)

int xapi_typed_tsflags(unsigned flags, xapi_typed_item *out,
                       xapi_error *err)
{
    uint32_t f = flags;

    if (out == NULL)
        return xapi_err_arg(err, EINVAL, "out", "is NULL");
    if (flags & ~XAPI_TSFLAGS_PER_SEND)
        return xapi_err_arg(err, EINVAL, "flags", "0x%x has bits 0x%x that "
                            "are not SOF_TIMESTAMPING_TX_* (allowed per send: "
                            "0x%x)", flags, flags & ~XAPI_TSFLAGS_PER_SEND,
                            XAPI_TSFLAGS_PER_SEND);
    _Static_assert(sizeof(f) == 4, "the kernel reads a __u32");
    memcpy(out->payload, &f, sizeof(f));
    out->item.level = SOL_SOCKET;
    out->item.type = SO_TIMESTAMPING;
    out->item.data = out->payload;
    out->item.len = sizeof(f);
    /* Send-only: a received SO_TIMESTAMPING item is three timespecs, so
     * these four bytes have no received view. */
    memset(&out->view, 0, sizeof(out->view));
    out->view.kind = XAPI_VALUE_NONE;
    out->view.name = NULL;
    return 0;
}
