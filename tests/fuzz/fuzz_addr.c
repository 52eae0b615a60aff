/*
 * fuzz_addr.c - libFuzzer harness for address text: xapi_addr_parse (also
 * through the destination cache, xapi_dest_cache_parse) and
 * xapi_addr_format.
 *
 * Input: byte 0 picks the mode and the family, bytes 1..4 are a port
 * (any 32-bit value, so ports past 65535 come up), the rest is the host
 * text (cut at its first NUL, as a C caller's would be).
 *
 *   byte 0 & 0x80 clear: parse the text for the family, with and without
 *     an xapi_error, and check that both calls agree, that a failure says
 *     why through errno and the xapi_error and leaves *out alone, and that
 *     a success formats (into exact-size buffers: ASan sees any write past
 *     them) to a text that parses back to the same address.
 *   byte 0 & 0x80 set: bytes 1..2 are a socklen and the rest the raw
 *     sockaddr, as the kernel might hand back; format must not read past
 *     len, and what it formats must parse and format again to the same text.
 *     xapi_addr_view_of must render it whatever it holds (never -1), in
 *     the form its family and lengths call for, reading nothing past len.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "xapi.h"

static const int families[8] = {
    AF_UNSPEC, AF_INET, AF_INET6, AF_UNIX,
    AF_PACKET, -1, AF_INET6, AF_INET,
};

/* A xapi_error after a failure: the code is errno, the argument one of the
 * documented names, the reason terminated, and the one wording formats. */
static void check_error(const xapi_error *e, int rc_errno)
{
    char line[256];
    int n;

    if (e->code != rc_errno || e->code == 0)
        abort();
    if (memchr(e->reason, '\0', sizeof(e->reason)) == NULL)
        abort();
    if (e->arg != NULL && strcmp(e->arg, "host") != 0 &&
        strcmp(e->arg, "port") != 0 && strcmp(e->arg, "family") != 0)
        abort();
    n = xapi_error_format(e, "fuzz", line, sizeof(line));
    if (n < 0 || memchr(line, '\0', sizeof(line)) == NULL)
        abort();
    /* A cap of 1 still terminates, and writes nothing else. */
    n = xapi_error_format(e, "fuzz", line, 1);
    if (n < 0 || line[0] != '\0')
        abort();
}

/* Formats a into a heap buffer of exactly the size it needs; returns it
 * (caller frees) or NULL with errno when format refuses a. */
static char *format_exact(const xapi_addr *a, unsigned *port)
{
    char big[XAPI_ADDRSTRLEN + 64];
    char *s;
    size_t n;

    if (xapi_addr_format(a, big, sizeof(big), port) < 0)
        return NULL;
    n = strlen(big);
    if (n >= XAPI_ADDRSTRLEN)
        abort();                    /* the header promises this fits */
    s = malloc(n + 1);
    if (s == NULL)
        abort();
    /* One byte short: ENOSPC, and nothing written past the buffer. */
    if (n > 0) {
        char *shorter = malloc(n);

        if (shorter == NULL)
            abort();
        errno = 0;
        if (xapi_addr_format(a, shorter, n, NULL) != -1 || errno != ENOSPC)
            abort();
        free(shorter);
    }
    if (xapi_addr_format(a, s, n + 1, NULL) < 0 || strcmp(s, big) != 0)
        abort();
    return s;
}

static void same_address(const xapi_addr *a, const xapi_addr *b)
{
    if (a->len != b->len || a->len > sizeof(a->ss) ||
        memcmp(&a->ss, &b->ss, a->len) != 0)
        abort();
}

static void fuzz_parse(int family, unsigned port, const char *host)
{
    xapi_addr a, b, sentinel;
    xapi_error e;
    int rc1, rc2, err1, err2;

    memset(&sentinel, 0x5a, sizeof(sentinel));
    a = sentinel;
    errno = 0;
    rc1 = xapi_addr_parse(&a, family, host, port, NULL);
    err1 = errno;
    memset(&e, 0xa5, sizeof(e));
    b = sentinel;
    errno = 0;
    rc2 = xapi_addr_parse(&b, family, host, port, &e);
    err2 = errno;

    /* With or without an xapi_error, the same answer. */
    if (rc1 != rc2 || (rc1 != 0 && rc1 != -1))
        abort();
    /* Through the destination cache, twice (the second from what it
     * remembered, or parsed again): the parser's answer each time. */
    {
        static xapi_dest_cache *cache;
        int k;

        if (cache == NULL && (cache = xapi_dest_cache_new()) == NULL)
            abort();
        for (k = 0; k < 2; k++) {
            xapi_addr d = sentinel;

            errno = 0;
            if (xapi_dest_cache_parse(cache, family, host, port, &d,
                                      NULL) != rc1 ||
                (rc1 < 0 ? errno != err1 || memcmp(&d, &sentinel,
                                                   sizeof(d)) != 0
                         : d.len != a.len ||
                               memcmp(&d.ss, &a.ss, a.len) != 0))
                abort();
        }
    }
    if (rc1 < 0) {
        if (err1 == 0 || err1 != err2)
            abort();
        check_error(&e, err2);
        /* A failure leaves *out as it was. */
        if (memcmp(&a, &sentinel, sizeof(a)) != 0 ||
            memcmp(&b, &sentinel, sizeof(b)) != 0)
            abort();
        return;
    }
    same_address(&a, &b);
    if (a.len == 0 || a.len > sizeof(a.ss))
        abort();

    int fam = xapi_addr_family(&a);
    if (family != AF_UNSPEC && fam != family)
        abort();
    if (fam != AF_INET && fam != AF_INET6 && fam != AF_UNIX)
        abort();

    unsigned p = 12345678;
    char *text = format_exact(&a, &p);
    if (text == NULL)
        abort();                    /* parsed text always has a text form */
    if (fam == AF_UNIX ? p != 0 : p != port)
        abort();

    /* The independent reference for the numeric forms: glibc's inet_ntop. */
    if (fam == AF_INET) {
        char want[INET_ADDRSTRLEN];
        const struct sockaddr_in *sin = (const struct sockaddr_in *)&a.ss;

        if (inet_ntop(AF_INET, &sin->sin_addr, want, sizeof(want)) == NULL ||
            strcmp(want, text) != 0)
            abort();
    } else if (fam == AF_INET6) {
        char want[INET6_ADDRSTRLEN];
        const struct sockaddr_in6 *sin6 = (const struct sockaddr_in6 *)&a.ss;
        /* the address, then "%scope" when scoped, then "/flowinfo=N"
         * when the flow info is not 0 */
        size_t n = strcspn(text, "%/");

        if (inet_ntop(AF_INET6, &sin6->sin6_addr, want, sizeof(want)) == NULL ||
            strlen(want) != n || memcmp(want, text, n) != 0 ||
            (sin6->sin6_scope_id == 0) != (text[n] != '%') ||
            (sin6->sin6_flowinfo == 0) != (strchr(text, '/') == NULL))
            abort();
    }

    /* parse(format(a)) == a */
    xapi_addr c;
    memset(&c, 0, sizeof(c));
    if (xapi_addr_parse(&c, fam, text, p, NULL) < 0)
        abort();
    same_address(&a, &c);
    free(text);
}

/* The whole rendering (xapi_addr_view_of): never refused, the form the
 * family says unless the bytes are malformed for it, a record's lengths
 * within what arrived, and nothing read past len (an address whose tail
 * differs renders the same). */
static void check_view(const xapi_addr *a)
{
    xapi_addr_view v, w;
    xapi_addr b = *a, clamped = *a;
    size_t len = a->len < sizeof(a->ss) ? a->len : sizeof(a->ss);
    int form = xapi_addr_view_of(a, &v);
    char text[XAPI_ADDRSTRLEN];
    unsigned port;

    clamped.len = (socklen_t)len; /* as the view reads it */

    if (form != v.form || form < XAPI_ADDR_NONE || form > XAPI_ADDR_BYTES)
        abort();
    if ((form == XAPI_ADDR_NONE) != (len == 0))
        abort();
    switch (form) {
    case XAPI_ADDR_TEXT:
        if (v.family != AF_INET && v.family != AF_INET6 && v.family != AF_UNIX)
            abort();
        if (xapi_addr_format(&clamped, text, sizeof(text), &port) < 0 ||
            strcmp(text, v.host) != 0 || port != v.port)
            abort();
        break;
    case XAPI_ADDR_RECORD:
        if (v.family == AF_PACKET) {
            if (v.record.kind != XAPI_VALUE_LINKADDR ||
                v.record.linkaddr.addrlen > XAPI_LINKADDR_MAX ||
                12 + v.record.linkaddr.addrlen > len)
                abort();
        } else if (v.family == AF_NETLINK) {
            if (v.record.kind != XAPI_VALUE_NLADDR || len < 12)
                abort();
        } else {
            abort();
        }
        break;
    case XAPI_ADDR_BYTES:
        if (v.len != len || v.bytes != (const unsigned char *)&a->ss)
            abort();
        /* A text family that rendered as bytes has no text form. */
        if (len >= sizeof(sa_family_t) &&
            (v.family == AF_INET || v.family == AF_INET6 ||
             v.family == AF_UNIX) &&
            xapi_addr_format(&clamped, text, sizeof(text), &port) == 0)
            abort();
        break;
    default:
        break;
    }
    if (len < sizeof(b.ss)) {
        memset((char *)&b.ss + len, 0x17, sizeof(b.ss) - len);
        if (xapi_addr_view_of(&b, &w) != form || w.family != v.family ||
            strcmp(w.host, v.host) != 0 || w.port != v.port)
            abort();
        if (form == XAPI_ADDR_RECORD &&
            (w.record.kind != v.record.kind ||
             (v.record.kind == XAPI_VALUE_LINKADDR &&
              (w.record.linkaddr.ifindex != v.record.linkaddr.ifindex ||
               w.record.linkaddr.protocol != v.record.linkaddr.protocol ||
               w.record.linkaddr.pkttype != v.record.linkaddr.pkttype ||
               w.record.linkaddr.hatype != v.record.linkaddr.hatype ||
               w.record.linkaddr.addrlen != v.record.linkaddr.addrlen ||
               memcmp(w.record.linkaddr.addr, v.record.linkaddr.addr,
                      v.record.linkaddr.addrlen) != 0)) ||
             (v.record.kind == XAPI_VALUE_NLADDR &&
              (w.record.nladdr.pid != v.record.nladdr.pid ||
               w.record.nladdr.groups != v.record.nladdr.groups))))
            abort();
    }
}

static void fuzz_format(const uint8_t *data, size_t size)
{
    xapi_addr a;
    unsigned p;

    if (size < 3)
        return;
    memset(&a, 0, sizeof(a));
    a.len = (socklen_t)(data[1] | (data[2] << 8));
    if (size - 3 > sizeof(a.ss))
        size = sizeof(a.ss) + 3;
    memcpy(&a.ss, data + 3, size - 3);
    /* Fill what the input did not cover with bytes format must not rely
     * on; ASan cannot see reads past len inside the struct, so the text
     * must not change when they do. */
    if (a.len < sizeof(a.ss))
        memset((char *)&a.ss + a.len, 0x41, sizeof(a.ss) - a.len);
    check_view(&a);

    char *text = format_exact(&a, &p);
    if (text == NULL)
        return;
    if (a.len < sizeof(a.ss)) {
        xapi_addr b = a;
        char other[XAPI_ADDRSTRLEN];

        memset((char *)&b.ss + b.len, 0, sizeof(b.ss) - b.len);
        if (xapi_addr_format(&b, other, sizeof(other), NULL) < 0 ||
            strcmp(other, text) != 0)
            abort();
    }
    if (a.len == 0) {
        if (text[0] != '\0')
            abort();
        free(text);
        return;
    }

    /* What format wrote parses, and formats again to the same text.
     * Not checked: AF_UNIX with len past struct sockaddr_un, which the
     * kernel never returns; format reads such a path on into the rest of
     * sockaddr_storage and writes a text parse refuses as too long. */
    int fam = xapi_addr_family(&a);
    if (fam == AF_UNIX && a.len > sizeof(struct sockaddr_un)) {
        free(text);
        return;
    }
    xapi_addr b;
    char *again;
    unsigned p2;

    if (xapi_addr_parse(&b, fam, text, p, NULL) < 0)
        abort();
    again = format_exact(&b, &p2);
    if (again == NULL || strcmp(again, text) != 0 || p2 != p)
        abort();
    free(again);
    free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    if (data[0] & 0x80) {
        fuzz_format(data, size);
        return 0;
    }
    if (size < 5)
        return 0;

    unsigned port = (unsigned)data[1] | (unsigned)data[2] << 8 |
                    (unsigned)data[3] << 16 | (unsigned)data[4] << 24;
    size_t n = size - 5;
    char *host = malloc(n + 1);

    if (host == NULL)
        abort();
    memcpy(host, data + 5, n);
    host[n] = '\0';
    fuzz_parse(families[data[0] & 7], port, host);
    free(host);
    return 0;
}
