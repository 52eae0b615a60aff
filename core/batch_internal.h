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
};

/* Points the first n messages at the slots (data, slot: the object's own
 * or caller memory) and resets their capacities, as before a receive. */
int xapi_recv_batch_prepare_(xapi_recv_batch *rb, unsigned n, void *data,
                             size_t slot);
/* Builds the views of messages 0..r from what the kernel left in rb->msgs
 * (every length clamped first); slot is the data slot size in use.
 * Returns r, or -1 with errno (EINVAL r > capacity, ENOMEM). */
int xapi_recv_batch_decode_(xapi_recv_batch *rb, unsigned r, size_t slot);

#endif /* XAPI_BATCH_INTERNAL_H */
