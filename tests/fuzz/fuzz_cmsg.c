/*
 * fuzz_cmsg.c - libFuzzer harness: the input is a control buffer as
 * recvmsg would fill it.  Walks it with xapi_cmsg_next and decodes every
 * item with xapi_cmsg_decode; every item must lie inside the buffer and
 * the walk must end.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "xapi.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* The kernel hands control buffers over aligned; so do we. */
    static _Alignas(max_align_t) unsigned char control[65536];
    if (size > sizeof(control))
        return 0;
    memcpy(control, data, size);

    xapi_cmsg_iter it;
    xapi_cmsg c;
    size_t steps = 0;
    int r;

    xapi_cmsg_iter_init(&it, control, size);
    while ((r = xapi_cmsg_next(&it, &c)) == 1) {
        if (++steps > size) /* every item takes at least a header */
            abort();
        if (c.data < control || c.len > size ||
            (size_t)(c.data - control) > size - c.len)
            abort();
        xapi_value v;
        (void)xapi_cmsg_decode(&c, &v);
    }
    if (r != 0 && r != -1)
        abort();
    return 0;
}
