/*
 * recv_batch.c - whole-batch receive and send: the layout, the receive,
 * the decoding of every message and the send marshalling that every
 * language binding used to write for itself.
 *
 * An xapi_recv_batch is one allocation (header, kernel headers, messages,
 * iovecs, data slots, control slots, views) plus the item arrays, which
 * grow on demand and are kept.  Decoding is "ok, then next" throughout:
 * every length the kernel hands back is clamped to the buffer it
 * describes before anything is read through it.
 */
#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <netinet/in.h>
#include <netinet/udp.h>

#include "batch_internal.h"

#ifndef SOL_UDP
#define SOL_UDP 17
#endif
#ifndef UDP_GRO
#define UDP_GRO 104
#endif

static size_t round16(size_t n)
{
    return (n + 15) & ~(size_t)15;
}

xapi_recv_batch *xapi_recv_batch_new(unsigned count, size_t slot,
                                     size_t ctlsize, xapi_error *err)
{
    size_t cslot, off_batch, off_msgs, off_iov, off_view, off_data, off_ctl;
    size_t total;
    xapi_recv_batch *rb;
    unsigned char *mem;

    if (count == 0 || count > XAPI_BATCH_MAX) {
        xapi_err_arg(err, EINVAL, "count", "must be in 1..%d, not %u",
                     XAPI_BATCH_MAX, count);
        return NULL;
    }
    if (slot > XAPI_MAX_DATA || slot * count > XAPI_MAX_DATA) {
        xapi_err_arg(err, EINVAL, "size", "count * size must be at most "
                     "%zu bytes", XAPI_MAX_DATA);
        return NULL;
    }
    if (ctlsize > XAPI_MAX_ANC || ctlsize * count > XAPI_MAX_DATA) {
        xapi_err_arg(err, EINVAL, "ancsize", "must be at most %zu bytes "
                     "(and count * ancsize at most %zu)", XAPI_MAX_ANC,
                     XAPI_MAX_DATA);
        return NULL;
    }
    /* Each control slot starts aligned as the kernel aligns items. */
    cslot = xapi_cmsg_align(ctlsize);
    off_batch = round16(sizeof *rb);
    off_msgs = off_batch + round16(xapi_batch_size(count));
    off_iov = off_msgs + round16((size_t)count * sizeof(xapi_msg));
    off_view = off_iov + round16((size_t)count * sizeof(struct iovec));
    off_data = off_view + round16((size_t)count * sizeof(xapi_batch_msg));
    off_ctl = off_data + round16((size_t)count * slot);
    total = off_ctl + (size_t)count * cslot;
    mem = calloc(1, total);
    if (mem == NULL) {
        xapi_err_errno(err);
        return NULL;
    }
    rb = (xapi_recv_batch *)mem;
    rb->cap = count;
    rb->slot = slot;
    rb->ctlsize = ctlsize;
    rb->cslot = cslot;
    rb->batch = xapi_batch_init(mem + off_batch, off_msgs - off_batch, count);
    rb->msgs = (xapi_msg *)(mem + off_msgs);
    rb->iov = (struct iovec *)(mem + off_iov);
    rb->view = (xapi_batch_msg *)(mem + off_view);
    rb->data = slot > 0 ? mem + off_data : NULL;
    rb->control = cslot > 0 ? mem + off_ctl : NULL;
    rb->out = rb->view;
    return rb;
}

void xapi_recv_batch_free(xapi_recv_batch *rb)
{
    if (rb == NULL)
        return;
    free(rb->items);
    free(rb->values);
    free(rb->seg);
    free(rb);
}

unsigned xapi_recv_batch_capacity(const xapi_recv_batch *rb)
{
    return rb != NULL ? rb->cap : 0;
}

unsigned xapi_recv_batch_count(const xapi_recv_batch *rb)
{
    return rb != NULL ? rb->count : 0;
}

const xapi_batch_msg *xapi_recv_batch_msg(const xapi_recv_batch *rb,
                                          unsigned i)
{
    if (rb == NULL || i >= rb->count) {
        errno = EINVAL;
        return NULL;
    }
    return &rb->out[i];
}

int xapi_recv_batch_split(xapi_recv_batch *rb, unsigned segcap,
                          xapi_error *err)
{
    xapi_batch_msg *seg = NULL;

    if (rb == NULL)
        return xapi_err_arg(err, EINVAL, "batch", "is NULL");
    if (segcap > XAPI_GRO_SPLIT_MAX)
        return xapi_err_arg(err, EINVAL, "segcap", "must be in 0..%u, not "
                            "%u", (unsigned)XAPI_GRO_SPLIT_MAX, segcap);
    if (segcap > 0) {
        seg = calloc(segcap, sizeof *seg);
        if (seg == NULL)
            return xapi_err_errno(err);
    }
    /* Whatever was received or kept before is dropped with the views. */
    free(rb->seg);
    rb->seg = seg;
    rb->segcap = segcap;
    rb->out = segcap > 0 ? seg : rb->view;
    rb->count = 0;
    rb->nbuf = rb->next_buf = 0;
    rb->next_seg = 0;
    return 0;
}

int xapi_recv_batch_fit(xapi_recv_batch **rbp, unsigned count, size_t slot,
                        size_t ctlsize, unsigned segcap, xapi_error *err)
{
    xapi_recv_batch *rb;

    if (rbp == NULL)
        return xapi_err_arg(err, EINVAL, "batch", "is NULL");
    rb = *rbp;
    if (rb != NULL && rb->cap == count && rb->slot == slot &&
        rb->ctlsize == ctlsize && rb->segcap == segcap)
        return 0;
    rb = xapi_recv_batch_new(count, slot, ctlsize, err);
    if (rb == NULL)
        return -1;
    if (segcap > 0 && xapi_recv_batch_split(rb, segcap, err) < 0) {
        xapi_recv_batch_free(rb);
        return -1;
    }
    xapi_recv_batch_free(*rbp);
    *rbp = rb;
    return 0;
}

unsigned xapi_recv_batch_pending(const xapi_recv_batch *rb)
{
    size_t left = 0;
    unsigned b;

    if (rb == NULL || rb->segcap == 0)
        return 0;
    for (b = rb->next_buf; b < rb->nbuf; b++) {
        left += xapi_recv_batch_segments_(&rb->view[b]);
        if (b == rb->next_buf)
            left -= rb->next_seg;
        if (left >= UINT_MAX)
            return UINT_MAX;
    }
    return (unsigned)left;
}

int xapi_recv_batch_prepare_(xapi_recv_batch *rb, unsigned n, void *data,
                             size_t slot)
{
    unsigned i;

    if (xapi_batch_setup_slots(rb->msgs, n, rb->iov, data, slot, rb->control,
                               rb->cslot) < 0)
        return -1;
    /* The kernel gets what was asked for, not the aligned stride. */
    for (i = 0; i < n; i++)
        rb->msgs[i].controllen = rb->ctlsize;
    rb->count = 0;
    return 0;
}

/* Items are counted first (the walk is cheap), then the arrays are grown
 * once if this batch brings more than they hold. */
static int reserve_items(xapi_recv_batch *rb, size_t need)
{
    xapi_cmsg *items;
    xapi_value *values;
    size_t cap;

    if (need <= rb->item_cap)
        return 0;
    cap = rb->item_cap > 0 ? rb->item_cap : 16;
    while (cap < need)
        cap *= 2; /* need <= count * ctlsize / 16: no overflow */
    items = realloc(rb->items, cap * sizeof *items);
    if (items == NULL)
        return -1;
    rb->items = items;
    values = realloc(rb->values, cap * sizeof *values);
    if (values == NULL)
        return -1;
    rb->values = values;
    rb->item_cap = cap;
    return 0;
}

static int same_items(const xapi_cmsg *a, const xapi_cmsg *b, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (a[k].level != b[k].level || a[k].type != b[k].type ||
            a[k].len != b[k].len || memcmp(a[k].data, b[k].data, a[k].len))
            return 0;
    return 1;
}

int xapi_recv_batch_decode_(xapi_recv_batch *rb, unsigned r, size_t slot)
{
    size_t total = 0, used = 0;
    xapi_cmsg_iter it;
    xapi_cmsg c;
    unsigned i;

    if (r > rb->cap)
        return xapi_fail(EINVAL);
    /* Lengths first: every one of them came from the kernel. */
    for (i = 0; i < r; i++) {
        xapi_msg *m = &rb->msgs[i];

        if (m->controllen > rb->ctlsize)
            m->controllen = rb->ctlsize;
        if (m->addr.len > sizeof(m->addr.ss))
            m->addr.len = sizeof(m->addr.ss);
        if (m->controllen > 0 && m->control == NULL)
            m->controllen = 0;
        xapi_cmsg_iter_init(&it, m->control, m->controllen);
        while (xapi_cmsg_next(&it, &c) == 1)
            total++;
    }
    if (reserve_items(rb, total) < 0)
        return -1;
    for (i = 0; i < r; i++) {
        const xapi_msg *m = &rb->msgs[i];
        xapi_batch_msg *v = &rb->view[i];
        const xapi_batch_msg *p = i > 0 ? &rb->view[i - 1] : NULL;
        size_t first = used, k;
        int rc;

        v->data = m->iovlen > 0 ? m->iov[0].iov_base : NULL;
        v->datalen = m->datalen;
        v->len = m->datalen < slot ? m->datalen : slot;
        v->addr = m->addr;
        v->flags = m->flags;
        v->same = 0;
        if (p != NULL && p->addr.len == v->addr.len &&
            memcmp(&p->addr.ss, &v->addr.ss, v->addr.len) == 0)
            v->same |= XAPI_BATCH_SAME_ADDR;
        /* The same walk as the count above: used stays within total. */
        xapi_cmsg_iter_init(&it, m->control, m->controllen);
        while ((rc = xapi_cmsg_next(&it, &c)) == 1)
            rb->items[used++] = c;
        if (rc < 0)
            v->same |= XAPI_BATCH_BAD_CONTROL;
        v->nitems = used - first;
        if (p != NULL && p->nitems == v->nitems &&
            (v->nitems == 0 ||
             same_items(p->items, &rb->items[first], v->nitems))) {
            /* The previous message's decoded items serve again. */
            v->same |= XAPI_BATCH_SAME_ITEMS;
            v->items = p->items;
            v->values = p->values;
            used = first;
            continue;
        }
        v->items = v->nitems > 0 ? &rb->items[first] : NULL;
        v->values = v->nitems > 0 ? &rb->values[first] : NULL;
        for (k = first; k < used; k++) {
            xapi_value *val = &rb->values[k];

            if (xapi_cmsg_decode(&rb->items[k], val) < 0) {
                /* Received bytes: a malformed payload (the last item cut
                 * by MSG_CTRUNC) keeps its raw bytes, without a view. */
                val->kind = XAPI_VALUE_NONE;
                val->name = NULL;
            }
        }
    }
    rb->count = r;
    return (int)r;
}

/* The segment size of a coalesced buffer: the first (SOL_UDP, UDP_GRO)
 * item that decoded (1..65535), or 0 (none, or malformed: no split). */
static size_t gro_size(const xapi_batch_msg *v)
{
    for (size_t k = 0; k < v->nitems; k++)
        if (v->items[k].level == SOL_UDP && v->items[k].type == UDP_GRO &&
            v->values[k].kind == XAPI_VALUE_INT && v->values[k].i > 0 &&
            v->values[k].i <= UINT16_MAX)
            return (size_t)v->values[k].i;
    return 0;
}

/* How many messages buffer v becomes: one without a usable GRO item, or
 * when it holds no more than one segment (not coalesced, or empty). */
size_t xapi_recv_batch_segments_(const xapi_batch_msg *v)
{
    size_t g = gro_size(v), total;

    if (g == 0)
        return 1;
    /* datalen is the kernel's count: the full length under MSG_TRUNC in
     * the call's flags, else what was copied.  The segments are cut from
     * it; those past the bytes in the slot are delivered empty, with
     * MSG_TRUNC (never silently lost). */
    total = v->datalen;
    return total <= g ? 1 : total / g + (total % g != 0);
}

void xapi_recv_batch_split_(xapi_recv_batch *rb)
{
    unsigned out = 0;

    while (rb->next_buf < rb->nbuf && out < rb->segcap) {
        const xapi_batch_msg *v = &rb->view[rb->next_buf];
        size_t nseg = xapi_recv_batch_segments_(v), g = gro_size(v);

        while (rb->next_seg < nseg && out < rb->segcap) {
            xapi_batch_msg *s = &rb->seg[out];
            size_t j = rb->next_seg;

            *s = *v;
            if (nseg > 1) {
                size_t start = j * g, end = start + g;

                if (end > v->datalen)
                    end = v->datalen;
                s->datalen = end - start;
                /* The bytes of this segment that are in the slot. */
                s->data = v->data != NULL && start < v->len ? v->data + start
                                                            : v->data;
                s->len = start >= v->len ? 0
                         : (end < v->len ? end : v->len) - start;
                s->flags &= ~MSG_TRUNC;
                /* The cut segment, and those after it, lost bytes. */
                if (s->len < s->datalen ||
                    ((v->flags & MSG_TRUNC) && j + 1 == nseg))
                    s->flags |= MSG_TRUNC;
            }
            /* Segments of one buffer share its address and items; the
             * first keeps the buffer's flags against the buffer before,
             * whose last segment precedes it.  A call's first message
             * follows nothing. */
            if (j > 0)
                s->same |= XAPI_BATCH_SAME_ADDR | XAPI_BATCH_SAME_ITEMS;
            if (out == 0)
                s->same &= ~(XAPI_BATCH_SAME_ADDR | XAPI_BATCH_SAME_ITEMS);
            out++;
            rb->next_seg++;
        }
        if (rb->next_seg >= nseg) {
            rb->next_buf++;
            rb->next_seg = 0;
        }
    }
    rb->count = out;
}

static int recv_common(int fd, xapi_recv_batch *rb, unsigned n, void *data,
                       size_t slot, int flags, int timeout_ms,
                       xapi_error *err)
{
    int r;

    if (rb->segcap > 0 && rb->next_buf < rb->nbuf) {
        /* Segments kept by the last call: delivered first, no system
         * call (their buffers are still in the slots). */
        xapi_recv_batch_split_(rb);
        return (int)rb->count;
    }
    if (xapi_recv_batch_prepare_(rb, n, data, slot) < 0)
        return xapi_err_errno(err);
    rb->nbuf = rb->next_buf = 0;
    rb->next_seg = 0;
    r = xapi_batch_recv(fd, rb->batch, rb->msgs, n, flags, timeout_ms);
    if (r < 0)
        return xapi_err_errno(err);
    if (xapi_recv_batch_decode_(rb, (unsigned)r, slot) < 0)
        return xapi_err_errno(err);
    if (rb->segcap > 0) {
        rb->nbuf = (unsigned)r;
        xapi_recv_batch_split_(rb);
        return (int)rb->count;
    }
    return r;
}

static int check_count(const xapi_recv_batch *rb, unsigned n, xapi_error *err)
{
    if (rb == NULL)
        return xapi_err_arg(err, EINVAL, "batch", "is NULL");
    if (n == 0 || n > rb->cap)
        return xapi_err_arg(err, EINVAL, "count", "must be in 1..%u (the "
                            "batch's capacity), not %u", rb->cap, n);
    return 0;
}

int xapi_recv_batch_recv(int fd, xapi_recv_batch *rb, unsigned n, int flags,
                         int timeout_ms, xapi_error *err)
{
    if (check_count(rb, n, err) < 0)
        return -1;
    return recv_common(fd, rb, n, rb->data, rb->slot, flags, timeout_ms,
                       err);
}

int xapi_recv_batch_recv_into(int fd, xapi_recv_batch *rb, unsigned n,
                              void *buf, size_t buflen, size_t slot,
                              int flags, int timeout_ms, xapi_error *err)
{
    if (check_count(rb, n, err) < 0)
        return -1;
    if (rb->segcap > 0)
        return xapi_err_arg(err, EINVAL, "batch", "splits GRO buffers: "
                            "receive into its own slots");
    if (slot > XAPI_MAX_DATA)
        return xapi_err_arg(err, EINVAL, "slot", "must be at most %zu "
                            "bytes, not %zu", XAPI_MAX_DATA, slot);
    if (buf == NULL && buflen > 0)
        return xapi_err_arg(err, EINVAL, "buffer", "is NULL");
    /* slot <= 2^30 and n <= 1024: the product fits. */
    if ((size_t)n * slot > buflen)
        return xapi_err_arg(err, EINVAL, "buffer", "holds %zu bytes, less "
                            "than count * slot = %zu", buflen,
                            (size_t)n * slot);
    if (buf == NULL)
        slot = 0;
    return recv_common(fd, rb, n, buf, slot, flags, timeout_ms, err);
}

int xapi_recv_batch_recv_iov(int fd, xapi_recv_batch *rb,
                             const struct iovec *buffers, size_t nbuffers,
                             int flags, xapi_error *err)
{
    size_t k, bytes = 0;
    xapi_msg *m;

    if (rb == NULL)
        return xapi_err_arg(err, EINVAL, "batch", "is NULL");
    if (rb->segcap > 0)
        return xapi_err_arg(err, EINVAL, "batch", "splits GRO buffers: "
                            "receive into its own slots");
    if (buffers == NULL && nbuffers > 0)
        return xapi_err_arg(err, EINVAL, "buffers", "NULL with a count");
    if (nbuffers > XAPI_MAX_PIECES)
        return xapi_err_arg(err, EINVAL, "buffers", "%zu pieces, at most %d",
                            nbuffers, XAPI_MAX_PIECES);
    for (k = 0; k < nbuffers; k++) {
        if (buffers[k].iov_base == NULL && buffers[k].iov_len > 0)
            return xapi_err_arg(err, EINVAL, "buffers", "piece %zu is NULL "
                                "with a length", k);
        if (buffers[k].iov_len > XAPI_MAX_DATA - bytes)
            return xapi_err_arg(err, EINVAL, "buffers", "more than %zu "
                                "bytes in all", XAPI_MAX_DATA);
        bytes += buffers[k].iov_len;
    }
    if (xapi_recv_batch_prepare_(rb, 1, NULL, 0) < 0)
        return xapi_err_errno(err);
    m = &rb->msgs[0];
    m->iov = (struct iovec *)buffers; /* the kernel writes the pieces only */
    m->iovlen = nbuffers;
    if (xapi_recvmsg(fd, m, flags) < 0)
        return xapi_err_errno(err);
    if (xapi_recv_batch_decode_(rb, 1, nbuffers > 0 ? buffers[0].iov_len
                                                    : 0) < 0)
        return xapi_err_errno(err);
    return 1;
}

/* ---- send --------------------------------------------------------------- */

static int check_out(const xapi_batch_out *o, size_t i, size_t *ctl,
                     xapi_error *err)
{
    size_t bytes = 0, k, space = 0;

    if (o->iov == NULL && o->iovlen > 0)
        return xapi_err_arg(err, EINVAL, "messages", "message %zu: NULL "
                            "pieces with a count", i);
    if (o->iovlen > XAPI_MAX_PIECES)
        return xapi_err_arg(err, EINVAL, "messages", "message %zu has %zu "
                            "buffers, at most %d", i, o->iovlen,
                            XAPI_MAX_PIECES);
    for (k = 0; k < o->iovlen; k++) {
        if (o->iov[k].iov_base == NULL && o->iov[k].iov_len > 0)
            return xapi_err_arg(err, EINVAL, "messages", "message %zu: "
                                "NULL piece %zu with a length", i, k);
        if (o->iov[k].iov_len > XAPI_MAX_DATA - bytes)
            return xapi_err_arg(err, EINVAL, "messages", "message %zu: "
                                "more than %zu bytes", i, XAPI_MAX_DATA);
        bytes += o->iov[k].iov_len;
    }
    if (o->addr != NULL && o->addr->len > sizeof(o->addr->ss))
        return xapi_err_arg(err, EINVAL, "messages", "message %zu: an "
                            "address of %u bytes", i,
                            (unsigned)o->addr->len);
    if (o->items == NULL && o->nitems > 0)
        return xapi_err_arg(err, EINVAL, "messages", "message %zu: NULL "
                            "items with a count", i);
    for (k = 0; k < o->nitems; k++) {
        const xapi_cmsg *c = &o->items[k];

        if (c->data == NULL && c->len > 0)
            return xapi_err_arg(err, EINVAL, "messages", "message %zu: "
                                "item %zu has NULL data", i, k);
        if (c->len > XAPI_MAX_ANC ||
            xapi_cmsg_space(c->len) > XAPI_MAX_ANC - space)
            return xapi_err_arg(err, EINVAL, "messages", "message %zu: "
                                "items over %zu bytes", i, XAPI_MAX_ANC);
        space += xapi_cmsg_space(c->len);
    }
    *ctl = space;
    return 0;
}

/* Message i's items are message i - 1's: the same array, or items equal
 * in level, type and payload bytes (a binding that reads each message's
 * own item objects gives a new array per message): they are laid out
 * once and the control buffer shared. */
static int shares_items(const xapi_batch_out *msgs, size_t i)
{
    const xapi_cmsg *a, *b;
    size_t k;

    if (i == 0 || msgs[i].nitems == 0 || msgs[i].nitems != msgs[i - 1].nitems)
        return 0;
    a = msgs[i].items;
    b = msgs[i - 1].items;
    if (a == b)
        return 1;
    for (k = 0; k < msgs[i].nitems; k++)
        if (a[k].level != b[k].level || a[k].type != b[k].type ||
            a[k].len != b[k].len ||
            (a[k].len > 0 && a[k].data != b[k].data &&
             memcmp(a[k].data, b[k].data, a[k].len) != 0))
            return 0;
    return 1;
}

int xapi_batch_sendv(int fd, const xapi_batch_out *msgs, size_t n, int flags,
                     xapi_error *err)
{
    size_t i, k, ctl_total = 0, ctl = 0, off, done = 0;
    unsigned cap;
    unsigned char *mem, *control;
    xapi_msg *m;
    xapi_batch *b;
    size_t bsize, off_msgs, off_ctl;

    if (msgs == NULL && n > 0)
        return xapi_err_arg(err, EINVAL, "messages", "NULL with a count");
    if (n > INT_MAX)
        return xapi_err_arg(err, EINVAL, "messages", "more than %d", INT_MAX);
    if (n == 0)
        return 0;
    for (i = 0; i < n; i++) {
        if (check_out(&msgs[i], i, &ctl, err) < 0)
            return -1;
        if (!shares_items(msgs, i)) {
            if (ctl > SIZE_MAX - ctl_total)
                return xapi_err_arg(err, EOVERFLOW, "messages", "items too "
                                    "large in all");
            ctl_total += ctl;
        }
    }
    cap = n < XAPI_BATCH_MAX ? (unsigned)n : XAPI_BATCH_MAX;
    bsize = xapi_batch_size(cap);
    off_msgs = round16(bsize);
    /* n <= INT_MAX and ctl_total <= n * XAPI_MAX_ANC: no overflow on a
     * 64-bit size_t; checked for the others. */
    if (n > (SIZE_MAX - off_msgs - 64) / sizeof(xapi_msg) ||
        ctl_total > SIZE_MAX - off_msgs - 64 - n * sizeof(xapi_msg))
        return xapi_err_arg(err, EOVERFLOW, "messages", "too many");
    off_ctl = off_msgs + round16(n * sizeof(xapi_msg));
    mem = calloc(1, off_ctl + ctl_total);
    if (mem == NULL)
        return xapi_err_errno(err);
    b = xapi_batch_init(mem, bsize, cap);
    m = (xapi_msg *)(mem + off_msgs);
    control = mem + off_ctl;
    off = 0;
    for (i = 0; i < n; i++) {
        const xapi_batch_out *o = &msgs[i];

        m[i].iov = (struct iovec *)o->iov; /* the kernel only reads them */
        m[i].iovlen = o->iovlen;
        if (o->addr != NULL && o->addr->len > 0)
            m[i].addr = *o->addr;
        if (shares_items(msgs, i)) {
            m[i].control = m[i - 1].control;
            m[i].controllen = m[i - 1].controllen;
            continue;
        }
        if (o->nitems == 0)
            continue;
        m[i].control = control + off;
        for (k = 0; k < o->nitems; k++) {
            const xapi_cmsg *c = &o->items[k];
            size_t used = 0;

            /* Sized above: cannot fail. */
            (void)xapi_cmsg_append(control + off, ctl_total - off, &used,
                                   c->level, c->type, c->data, c->len);
            off += used;
        }
        m[i].controllen = (size_t)(control + off - (unsigned char *)m[i].control);
    }
    while (done < n) {
        unsigned chunk = n - done < XAPI_BATCH_MAX ? (unsigned)(n - done)
                                                   : XAPI_BATCH_MAX;
        int r = xapi_batch_send(fd, b, m + done, chunk, flags);

        if (r < 0) {
            if (done == 0) {
                int e = errno;

                free(mem);
                return xapi_err_sys(err, e, NULL);
            }
            break; /* reported by the next call, which starts there */
        }
        done += (size_t)r;
        if ((unsigned)r < chunk)
            break;
    }
    free(mem);
    return (int)done;
}
