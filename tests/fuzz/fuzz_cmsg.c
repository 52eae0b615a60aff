/*
 * fuzz_cmsg.c - libFuzzer harness: the input is a control buffer as
 * recvmsg would fill it.  Walks it with xapi_cmsg_next and decodes every
 * item with xapi_cmsg_decode; every item must lie inside the buffer and
 * the walk must end.  Then the whole-buffer calls: xapi_items_count and
 * xapi_items_parse (lenient and strict, over an unaligned copy too) must
 * agree with the walk, and the items parsed, built again with
 * xapi_items_build, must parse back to the same items.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <netinet/in.h>

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

    /* The whole-buffer calls agree with the walk. */
    static xapi_cmsg cs[4096], cs2[4096];
    static xapi_value vs[4096], vs2[4096];
    static _Alignas(max_align_t) unsigned char rebuilt[65536 + 8];
    static xapi_item items[4096];
    size_t n = 0, n2 = 0, len2 = 0, i;
    xapi_error e = { 0, NULL, "" };

    if (xapi_items_count(control, size) != steps || steps > 4096)
        abort();
    if (xapi_items_parse(control, size, cs, vs, steps, &n, 0, &e) != 0 ||
        n != steps)
        abort();
    /* Strict: fails exactly when the walk did, naming bytes. */
    r = xapi_items_parse(control, size, cs2, vs2, steps, &n2,
                         XAPI_ITEMS_STRICT_HEADERS, &e);
    if ((r == 0) != (xapi_cmsg_next(&it, &c) == 0) ||
        (r < 0 && (e.arg == NULL || strcmp(e.arg, "bytes") != 0)))
        abort();
    /* Unaligned input parses the same. */
    memcpy(rebuilt + 1, data, size);
    if (xapi_items_parse(rebuilt + 1, size, cs2, vs2, steps, &n2, 0, NULL) != 0
        || n2 != n)
        abort();
    for (i = 0; i < n; i++) {
        if (cs2[i].len != cs[i].len || vs2[i].kind != vs[i].kind)
            abort();
        items[i].level = cs[i].level;
        items[i].type = cs[i].type;
        items[i].data = cs[i].data;
        items[i].len = cs[i].len;
    }
    /* Typed views made again by the typed constructors. */
    for (i = 0; i < n; i++) {
        xapi_typed_item t;
        const xapi_value *v = &vs[i];

        /* (gro, fragsize, flowinfo and rxq_ovfl are only received: no
         * constructor) */
        if (v->kind == XAPI_VALUE_INT && v->name != NULL &&
            strcmp(v->name, "gro") != 0 && strcmp(v->name, "fragsize") != 0 &&
            strcmp(v->name, "flowinfo") != 0 &&
            strcmp(v->name, "rxq_ovfl") != 0) {
            if (xapi_typed_int(v->name, (int)v->i, &t, NULL) != 0 ||
                t.view.i != v->i ||
                (cs[i].len == sizeof(int) &&
                 memcmp(t.item.data, cs[i].data, sizeof(int)) != 0))
                abort();
        } else if (v->kind == XAPI_VALUE_PKTINFO) {
            int r2 = v->pktinfo.family == AF_INET6
                ? xapi_typed_pktinfo6(v->pktinfo.addr, v->pktinfo.ifindex,
                                      &t, NULL)
                : xapi_typed_pktinfo4(v->pktinfo.ifindex,
                                      v->pktinfo.spec_dst, v->pktinfo.addr,
                                      &t, NULL);
            if (r2 != 0 || t.item.len != cs[i].len ||
                memcmp(t.item.data, cs[i].data, cs[i].len) != 0)
                abort();
        } else if (cs[i].level == SOL_SOCKET &&
                   cs[i].type == SO_TIMESTAMPING && cs[i].len == 4) {
            /* Four bytes of SO_TIMESTAMPING: the per-send flags item,
             * remade exactly (no view) or refused naming "flags". */
            xapi_error e2 = { 0, NULL, "" };
            uint32_t f;
            int r3;

            memcpy(&f, cs[i].data, sizeof(f));
            r3 = xapi_typed_tsflags(f, &t, &e2);
            if (r3 == 0 ? (t.item.len != 4 || t.view.kind != XAPI_VALUE_NONE ||
                           memcmp(t.item.data, cs[i].data, 4) != 0)
                        : (e2.arg == NULL || strcmp(e2.arg, "flags") != 0))
                abort();
        }
    }

    /* Round trip: build what was parsed, parse it strictly. */
    if (xapi_items_build(items, n, rebuilt, sizeof(rebuilt), &len2, NULL) != 0)
        return 0; /* only EMSGSIZE past XAPI_MAX_ANC can refuse, never here */
    if (xapi_items_parse(rebuilt, len2, cs2, vs2, n, &n2,
                         XAPI_ITEMS_STRICT_HEADERS, NULL) != 0 || n2 != n)
        abort();
    for (i = 0; i < n; i++)
        if (cs2[i].level != cs[i].level || cs2[i].type != cs[i].type ||
            cs2[i].len != cs[i].len ||
            (cs[i].len > 0 && memcmp(cs2[i].data, cs[i].data, cs[i].len) != 0))
            abort();
    return 0;
}
