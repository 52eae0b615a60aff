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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static xapi_recv_batch *rb;
    unsigned n, i;
    size_t k;

    if (rb == NULL)
        rb = xapi_recv_batch_new(MAXMSG, SLOT, CTL, NULL);
    if (rb == NULL || size < 1)
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
    return 0;
}
