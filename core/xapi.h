/*
 * xapi.h - the one public header of libxapi, an advanced sockets library.
 *
 * Conventions, everywhere in this header:
 *  - "Buffers in, structs out": decoders take (const void *buf, size_t len)
 *    and fill a plain struct; encoders take values and a caller-owned buffer
 *    with its capacity, and refuse with ENOSPC instead of overrunning.
 *  - Every function that can fail returns -1 (or 0 where 0 is not a valid
 *    result, as documented) and sets errno.  Nothing is printed, nothing
 *    exits, there is no global mutable state: every function is thread-safe.
 *  - No hidden allocation: the caller owns every buffer.
 */
#ifndef XAPI_H
#define XAPI_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <netinet/in.h>
#include <net/if.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(XAPI_BUILDING) && defined(__GNUC__)
#define XAPI_EXPORT __attribute__((visibility("default")))
#else
#define XAPI_EXPORT
#endif

#define XAPI_VERSION_STRING "0.1.0"

/* ------------------------------------------------------------------ */
/* Addresses as text                                                    */
/* ------------------------------------------------------------------ */

/*
 * Text forms, shared by every language binding:
 *   AF_INET   "192.0.2.1"
 *   AF_INET6  "2001:db8::1", "fe80::1%eth0" (scope by name) or "fe80::1%2"
 *   AF_UNIX   a path; "" is the unnamed address; a leading '@' names an
 *             address in the abstract namespace ("@name" -> "\0name").
 * Ports are host-order integers 0..65535 and are ignored for AF_UNIX.
 */
#define XAPI_ADDRSTRLEN 128 /* fits every text form above, NUL included */

typedef struct xapi_addr {
    struct sockaddr_storage ss;
    socklen_t len; /* 0: no address */
} xapi_addr;

/* family AF_UNSPEC guesses: '@' or '/' first -> AF_UNIX, a ':' -> AF_INET6,
 * otherwise AF_INET.  EINVAL for text that does not parse, EAFNOSUPPORT for
 * other families, ENAMETOOLONG for a unix path that does not fit, ENODEV
 * for an unknown scope name. */
XAPI_EXPORT int xapi_addr_parse(xapi_addr *out, int family, const char *host,
                                unsigned port);
/* Writes the text form into host (ENOSPC if hostlen is too small) and the
 * port into *port (0 for AF_UNIX; port may be NULL). */
XAPI_EXPORT int xapi_addr_format(const xapi_addr *a, char *host,
                                 size_t hostlen, unsigned *port);
/* AF_INET, AF_INET6, AF_UNIX, or AF_UNSPEC for an empty address. */
XAPI_EXPORT int xapi_addr_family(const xapi_addr *a);

/* ------------------------------------------------------------------ */
/* Sockets (Tcl has no UDP, raw or unix-datagram sockets of its own)    */
/* ------------------------------------------------------------------ */

/* Created close-on-exec.  Returns the descriptor. */
XAPI_EXPORT int xapi_socket(int family, int type, int protocol);
/* The socket's address family (SO_DOMAIN); ENOTSOCK, EBADF as the kernel says. */
XAPI_EXPORT int xapi_socket_family(int fd);
/* host/port are parsed for the socket's own family. */
XAPI_EXPORT int xapi_bind(int fd, const char *host, unsigned port);
XAPI_EXPORT int xapi_connect(int fd, const char *host, unsigned port);
XAPI_EXPORT int xapi_listen(int fd, int backlog);
/* Returns the new descriptor (close-on-exec); peer may be NULL. */
XAPI_EXPORT int xapi_accept(int fd, xapi_addr *peer);
XAPI_EXPORT int xapi_close(int fd);
XAPI_EXPORT int xapi_getsockname(int fd, xapi_addr *out);
XAPI_EXPORT int xapi_getpeername(int fd, xapi_addr *out);
XAPI_EXPORT int xapi_setsockopt_int(int fd, int level, int name, int value);
XAPI_EXPORT int xapi_getsockopt_int(int fd, int level, int name, int *value);
XAPI_EXPORT int xapi_setsockopt_bytes(int fd, int level, int name,
                                      const void *buf, size_t len);
/* Reads at most cap bytes into out; *outlen gets what the kernel wrote. */
XAPI_EXPORT int xapi_getsockopt_bytes(int fd, int level, int name, void *out,
                                      size_t cap, size_t *outlen);

/* ------------------------------------------------------------------ */
/* Ancillary data                                                       */
/* ------------------------------------------------------------------ */

/* CMSG_SPACE and CMSG_LEN; 0 (errno EOVERFLOW) when len is too large for a
 * control message (more than INT_MAX bytes in all). */
XAPI_EXPORT size_t xapi_cmsg_space(size_t len);
XAPI_EXPORT size_t xapi_cmsg_len(size_t len);

/* One validated ancillary item: a view into a control buffer. */
typedef struct xapi_cmsg {
    int level;
    int type;
    const unsigned char *data;
    size_t len; /* payload bytes (cmsg_len - CMSG_LEN(0)) */
} xapi_cmsg;

/* Appends one item at offset *used of buf (capacity cap), zeroing the
 * padding, and advances *used by CMSG_SPACE(len).  ENOSPC if it would not
 * fit; nothing is written then. */
XAPI_EXPORT int xapi_cmsg_append(void *buf, size_t cap, size_t *used,
                                 int level, int type, const void *data,
                                 size_t len);

/* Walking is "ok, then next": every header and every cmsg_len is checked
 * against what remains before anything is read. */
typedef struct xapi_cmsg_iter {
    const unsigned char *buf;
    size_t len;
    size_t off;
} xapi_cmsg_iter;

XAPI_EXPORT void xapi_cmsg_iter_init(xapi_cmsg_iter *it, const void *control,
                                     size_t len);
/* 1: *out holds the next item; 0: end of buffer (trailing bytes shorter
 * than a header are ignored, as the kernel leaves them after MSG_CTRUNC);
 * -1 with EINVAL: a cmsg_len below the header size or past the end of the
 * buffer.  The walk stops at the first bad item. */
XAPI_EXPORT int xapi_cmsg_next(xapi_cmsg_iter *it, xapi_cmsg *out);

/* ------------------------------------------------------------------ */
/* Typed items: hop limit, traffic class, TTL, TOS, packet info          */
/* ------------------------------------------------------------------ */

/* IPV6_HOPLIMIT, IPV6_TCLASS, IP_TTL: the kernel's payload is an int
 * (not a long).  Decoders accept exactly sizeof(int) bytes and a value in
 * range (hop limit 0..255, traffic class 0..255, TTL 1..255; tclass and
 * hop limit may be -1 when sending, meaning "the default"). */
XAPI_EXPORT int xapi_decode_int(const void *buf, size_t len, int *out);
/* IP_TOS arrives as one byte; an int is accepted too.  0..255. */
XAPI_EXPORT int xapi_decode_tos(const void *buf, size_t len, int *out);

/* Packet information, decoded to plain structs with text addresses. */
typedef struct xapi_pktinfo {
    int family;                    /* AF_INET6 or AF_INET */
    unsigned ifindex;
    char addr[XAPI_ADDRSTRLEN];    /* ipi6_addr / ipi_addr */
    char spec_dst[XAPI_ADDRSTRLEN];/* AF_INET only: ipi_spec_dst; "" else */
} xapi_pktinfo;

XAPI_EXPORT int xapi_decode_in6_pktinfo(const void *buf, size_t len,
                                        xapi_pktinfo *out);
XAPI_EXPORT int xapi_decode_in_pktinfo(const void *buf, size_t len,
                                       xapi_pktinfo *out);

/* Encoders write the kernel's payload into out (capacity cap) and set
 * *outlen.  ENOSPC if cap is too small, EINVAL for a bad value/address. */
XAPI_EXPORT int xapi_encode_int(int value, void *out, size_t cap,
                                size_t *outlen);
XAPI_EXPORT int xapi_encode_in6_pktinfo(const char *addr, unsigned ifindex,
                                        void *out, size_t cap,
                                        size_t *outlen);
/* spec_dst and addr may be NULL or "" for 0.0.0.0. */
XAPI_EXPORT int xapi_encode_in_pktinfo(unsigned ifindex, const char *spec_dst,
                                       const char *addr, void *out,
                                       size_t cap, size_t *outlen);

/* One decoder for every item the bindings give a typed view of, driven by
 * one table of (level, type) -> kind.  Bindings call this once per
 * received item to build native values in one crossing. */
enum xapi_value_kind {
    XAPI_VALUE_NONE = 0, /* no typed view: raw bytes only */
    XAPI_VALUE_INT = 1,  /* v->i */
    XAPI_VALUE_PKTINFO = 2 /* v->pktinfo */
};

typedef struct xapi_value {
    int kind;          /* enum xapi_value_kind */
    const char *name;  /* "hoplimit", "tclass", "ttl", "tos", "pktinfo",
                          ... ; NULL for XAPI_VALUE_NONE */
    int i;
    xapi_pktinfo pktinfo;
} xapi_value;

/* 0 and *v filled (kind NONE for items without a typed view); -1 with
 * EINVAL when a known item's payload is malformed. */
XAPI_EXPORT int xapi_cmsg_decode(const xapi_cmsg *c, xapi_value *v);

/* ------------------------------------------------------------------ */
/* Message I/O                                                          */
/* ------------------------------------------------------------------ */

/*
 * A message, reusable across calls: it only points at caller memory, so
 * sending or receiving allocates nothing.  Arrays of these are what the
 * batch calls will take.
 */
typedef struct xapi_msg {
    xapi_addr addr;        /* send: destination (len 0: none);
                              recv: source (len 0: none given) */
    struct iovec *iov;
    size_t iovlen;
    void *control;
    size_t controllen;     /* send: bytes of items; recv: capacity in,
                              bytes received out */
    int flags;             /* recv: msg_flags (MSG_TRUNC, MSG_CTRUNC...) */
    size_t datalen;        /* bytes sent / received; with MSG_TRUNC set
                              in the call's flags, the datagram's full
                              length, which may exceed the buffers */
} xapi_msg;

/* Both return the byte count (also left in m->datalen).  EINVAL for a NULL
 * iov with iovlen > 0, more than IOV_MAX pieces or a control length over
 * INT_MAX. */
XAPI_EXPORT ssize_t xapi_sendmsg(int fd, xapi_msg *m, int flags);
XAPI_EXPORT ssize_t xapi_recvmsg(int fd, xapi_msg *m, int flags);

/* How many bytes of piece i hold data after a receive of m->datalen
 * bytes: pieces are filled in order and cut at what was received. */
XAPI_EXPORT size_t xapi_msg_piece_len(const xapi_msg *m, size_t i);

/* ------------------------------------------------------------------ */
/* RFC 3493 interface identification                                    */
/* ------------------------------------------------------------------ */

/* 0 with errno ENODEV for an unknown name. */
XAPI_EXPORT unsigned xapi_if_nametoindex(const char *name);
/* name needs IF_NAMESIZE bytes; ENXIO for an unknown index. */
XAPI_EXPORT int xapi_if_indextoname(unsigned index, char *name, size_t len);

typedef struct xapi_ifentry {
    unsigned index;
    char name[IF_NAMESIZE];
} xapi_ifentry;

/* Fills up to cap entries, sets *count to the number of interfaces.
 * ENOSPC (with *count set) if cap was too small. */
XAPI_EXPORT int xapi_if_nameindex(xapi_ifentry *out, size_t cap,
                                  size_t *count);

/* ------------------------------------------------------------------ */
/* Constants: one table, generated from the system headers              */
/* ------------------------------------------------------------------ */

typedef struct xapi_constant {
    const char *name;
    long value;
} xapi_constant;

/* The whole table (every MSG_*, SOL_*, AF_*, SOCK_*, IPPROTO_*, IPV6_*,
 * IP_*, SCM_*, ... name the system headers define), for bindings to export. */
XAPI_EXPORT const xapi_constant *xapi_constants(size_t *count);
/* ENOENT for an unknown name. */
XAPI_EXPORT int xapi_constant_value(const char *name, long *value);

/* The error table's name for an errno value ("EBADF"), or NULL. */
XAPI_EXPORT const char *xapi_errno_name(int err);

/* ------------------------------------------------------------------ */
/* RFC 3542 (see issue 3): ICMPv6 filter, routing headers, options      */
/* XAPI-RFC3542-BEGIN (declarations added by the RFC 3542 work) */
/* XAPI-RFC3542-END */

/* ------------------------------------------------------------------ */
/* Error queue and network namespaces (see issue 4)                     */
/* XAPI-NET-BEGIN (declarations added by the network-lab work) */
/* XAPI-NET-END */

#ifdef __cplusplus
}
#endif

#endif /* XAPI_H */
