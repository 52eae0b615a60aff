/*
 * fuzz_batch.c - libFuzzer harness for the decode step of a whole-batch
 * receive (xapi_recv_batch_decode_): the input is what recvmmsg(2) could
 * leave in up to 8 messages, lengths included, and lengths may lie.
 *
 * Input: one byte, the message count (1 + byte % 8); then per message a
 * record of 7 bytes - controllen as claimed (u16 LE), datalen as claimed
 * (u16 LE), address length as claimed (u8), control bytes that follow
 * (u16 LE) - and those control bytes (cut to the 128-byte slot).  Every
 * view must stay inside its slots; "same items" must mean equal items.
 * The same input is then split as GRO buffers (xapi_recv_batch_split):
 * every segment view inside its buffer's slot, len <= datalen, and the
 * segments of all the buffers delivered, none lost, across the calls.
 */
#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "batch_internal.h"

#define MAXMSG 8
#define SLOT 16
#define CTL 128

static unsigned get16(const uint8_t *p)
{
    return (unsigned)p[0] | (unsigned)p[1] << 8;
}

/* Splits the n buffers left in g's messages (faked as in the main
 * harness) and checks every segment delivered. */
static void check_split(xapi_recv_batch *g, unsigned n)
{
    size_t want = 0, got = 0;
    unsigned i;

    if (xapi_recv_batch_decode_(g, n, SLOT) != (int)n)
        abort();
    for (i = 0; i < n; i++)
        want += xapi_recv_batch_segments_(&g->view[i]);
    g->nbuf = n;
    g->next_buf = 0;
    g->next_seg = 0;
    while (g->next_buf < g->nbuf) {
        xapi_recv_batch_split_(g);
        if (xapi_recv_batch_count(g) == 0)
            abort();
        for (i = 0; i < xapi_recv_batch_count(g); i++) {
            const xapi_batch_msg *v = xapi_recv_batch_msg(g, i);
            const unsigned char *lo = g->data, *hi = g->data + n * SLOT;

            if (v == NULL || v->len > v->datalen || v->data < lo ||
                v->data > hi || (size_t)(hi - v->data) < v->len)
                abort();
        }
        got += xapi_recv_batch_count(g);
    }
    if (got != want || xapi_recv_batch_pending(g) != 0)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static xapi_recv_batch *rb, *gb;
    const uint8_t *start = data;
    size_t start_size = size;
    unsigned n, i;
    size_t k;

    if (rb == NULL)
        rb = xapi_recv_batch_new(MAXMSG, SLOT, CTL, NULL);
    if (gb == NULL) {
        gb = xapi_recv_batch_new(MAXMSG, SLOT, CTL, NULL);
        if (gb != NULL && xapi_recv_batch_split(gb, 64, NULL) < 0)
            abort();
    }
    if (rb == NULL || gb == NULL || size < 1)
        return 0;
    n = 1 + data[0] % MAXMSG;
    data++;
    size--;
    if (xapi_recv_batch_prepare_(rb, n, rb->data, rb->slot) < 0)
        abort();
    for (i = 0; i < n; i++) {
        xapi_msg *m = &rb->msgs[i];
        unsigned clen;

        if (size < 7)
            break;
        m->controllen = get16(data);
        m->datalen = get16(data + 2);
        m->addr.len = data[4];
        clen = get16(data + 5);
        data += 7;
        size -= 7;
        if (clen > size)
            clen = (unsigned)size;
        memcpy(m->control, data, clen < CTL ? clen : CTL);
        data += clen;
        size -= clen;
    }
    if (xapi_recv_batch_decode_(rb, n, SLOT) != (int)n)
        abort();
    for (i = 0; i < n; i++) {
        const xapi_batch_msg *v = xapi_recv_batch_msg(rb, i);
        const unsigned char *ctl = rb->msgs[i].control;

        if (v == NULL || v->len > SLOT || v->addr.len > sizeof(v->addr.ss))
            abort();
        if (v->same & XAPI_BATCH_SAME_ITEMS) {
            const xapi_batch_msg *p = xapi_recv_batch_msg(rb, i - 1);

            if (i == 0 || p->nitems != v->nitems || p->items != v->items)
                abort();
            continue;
        }
        for (k = 0; k < v->nitems; k++) {
            const xapi_cmsg *c = &v->items[k];

            if (c->data < ctl || c->len > CTL ||
                (size_t)(c->data - ctl) > CTL - c->len)
                abort();
            if (v->values[k].kind < XAPI_VALUE_NONE ||
                v->values[k].kind > XAPI_VALUE_SOCK_ERR)
                abort();
        }
    }
    /* The same messages again, split. */
    data = start + 1;
    size = start_size - 1;
    if (xapi_recv_batch_prepare_(gb, n, gb->data, gb->slot) < 0)
        abort();
    for (i = 0; i < n; i++) {
        xapi_msg *m = &gb->msgs[i];
        unsigned clen;

        if (size < 7)
            break;
        m->controllen = get16(data);
        m->datalen = get16(data + 2);
        m->addr.len = data[4];
        clen = get16(data + 5);
        data += 7;
        size -= 7;
        if (clen > size)
            clen = (unsigned)size;
        memcpy(m->control, data, clen < CTL ? clen : CTL);
        data += clen;
        size -= clen;
    }
    check_split(gb, n);
    return 0;
}
