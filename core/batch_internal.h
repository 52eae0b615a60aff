/*
 * batch_internal.h - the receive-batch object's layout, shared by
 * recv_batch.c, the unit tests and the fuzz harness; never installed.
 */
#ifndef XAPI_BATCH_INTERNAL_H
#define XAPI_BATCH_INTERNAL_H

#include "internal.h"

struct xapi_recv_batch {
    unsigned cap;           /* messages */
    unsigned count;         /* received by the last call */
    size_t slot;            /* bytes per own data slot (may be 0) */
    size_t ctlsize;         /* control bytes per message, as asked */
    size_t cslot;           /* control slot stride: ctlsize aligned */
    xapi_batch *batch;
    xapi_msg *msgs;
    struct iovec *iov;
    xapi_batch_msg *view;
    unsigned char *data;    /* cap * slot bytes, or NULL */
    unsigned char *control; /* cap * cslot bytes, or NULL */
    xapi_cmsg *items;       /* item_cap each, grown on demand */
    xapi_value *values;
    size_t item_cap;
    /* GRO splitting (xapi_recv_batch_split): seg is segcap views, out
     * what xapi_recv_batch_msg reads (view, or seg when splitting);
     * nbuf buffers of the last system call, the next segment to deliver
     * is segment next_seg of buffer next_buf (pending while next_buf <
     * nbuf). */
    xapi_batch_msg *seg;
    unsigned segcap;
    xapi_batch_msg *out;
    unsigned nbuf, next_buf;
    size_t next_seg;
};

/* Points the first n messages at the slots (data, slot: the object's own
 * or caller memory) and resets their capacities, as before a receive. */
int xapi_recv_batch_prepare_(xapi_recv_batch *rb, unsigned n, void *data,
                             size_t slot);
/* Builds the views of messages 0..r from what the kernel left in rb->msgs
 * (every length clamped first); slot is the data slot size in use.
 * Returns r, or -1 with errno (EINVAL r > capacity, ENOMEM). */
int xapi_recv_batch_decode_(xapi_recv_batch *rb, unsigned r, size_t slot);
/* With splitting on, lays the segments of the decoded buffers (from the
 * cursor on) into the segment views, at most segcap; sets count. */
void xapi_recv_batch_split_(xapi_recv_batch *rb);
/* How many messages decoded buffer v becomes when split (at least 1). */
size_t xapi_recv_batch_segments_(const xapi_batch_msg *v);

#endif /* XAPI_BATCH_INTERNAL_H */
