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
/* Errors on caller input                                               */
/* ------------------------------------------------------------------ */

/*
 * errno stays the error channel of every call.  A call that validates
 * what its caller gave it also takes an optional last argument
 * `xapi_error *err` (NULL is accepted everywhere): on failure it is
 * filled with the same errno value, the name of the argument at fault
 * and why, in words the core writes once for every language binding.
 *   arg != NULL   the named argument is wrong (a bad value, malformed
 *                 bytes, an unsupported type): the caller's mistake;
 *   arg == NULL   a system error (the kernel's answer, out of memory, a
 *                 state such as a full header): code is the errno and
 *                 reason may be "" (then strerror(code) says it all).
 * On success err is left as it was.  Bindings raise from it:
 * Python ValueError/OSError, Perl croak with $!, Tcl errorCode.
 */
#define XAPI_ERROR_REASON 160

typedef struct xapi_error {
    int code;                        /* the errno value also set; 0: none */
    const char *arg;                 /* a static argument name, or NULL */
    char reason[XAPI_ERROR_REASON];  /* what is wrong; NUL-terminated */
} xapi_error;

/* Writes the one wording of an error for a caller called fn ("bind",
 * "xapi::bind", ...; NULL or "" for none):
 *   "FN: bad argument ARG: REASON"        (arg set)
 *   "FN: REASON (strerror)"               (arg NULL, reason set)
 *   "FN: strerror"                        (arg NULL, reason "")
 * truncated to fit cap (always NUL-terminated when cap > 0).  Returns the
 * length it wanted, as snprintf does; -1 with EINVAL for a NULL e. */
XAPI_EXPORT int xapi_error_format(const xapi_error *e, const char *fn,
                                  char *out, size_t cap);
/* 1 when e says the argument is wrong in value (codes EINVAL, ERANGE,
 * EMSGSIZE, EOVERFLOW, ENOSPC, ENAMETOOLONG with arg set): bindings raise their
 * "bad value" error (Python ValueError) for these and their OS error
 * (Python OSError with e->code) for everything else. */
XAPI_EXPORT int xapi_error_is_value(const xapi_error *e);

/* ------------------------------------------------------------------ */
/* Addresses as text                                                    */
/* ------------------------------------------------------------------ */

/*
 * Text forms, shared by every language binding:
 *   AF_INET   "192.0.2.1"
 *   AF_INET6  "2001:db8::1", "fe80::1%eth0" (scope by name) or "fe80::1%2"
 *   AF_UNIX   a path; "" is the unnamed address; a leading '@' names an
 *             address in the abstract namespace ("@name" -> "\0name").
 * An IPv6 text may end in "/flowinfo=N", the sin6_flowinfo to send with
 * (see "Original destination and IPv6 flow labels" below); formatting
 * writes that suffix only for a non-zero sin6_flowinfo (its low 28 bits,
 * which are all the kernel uses).
 * Ports are host-order integers 0..65535 and are ignored for AF_UNIX.
 */
#define XAPI_ADDRSTRLEN 128 /* fits every text form above, NUL included */

typedef struct xapi_addr {
    struct sockaddr_storage ss;
    socklen_t len; /* 0: no address */
} xapi_addr;

/* family AF_UNSPEC guesses: '@' or '/' first -> AF_UNIX, a ':' -> AF_INET6,
 * otherwise AF_INET.  EINVAL for text that does not parse or a port above
 * 65535, EAFNOSUPPORT for other families, ENAMETOOLONG for a unix path
 * that does not fit, ENODEV for an unknown scope name; err (may be NULL)
 * names "host", "port" or "family". */
XAPI_EXPORT int xapi_addr_parse(xapi_addr *out, int family, const char *host,
                                unsigned port, xapi_error *err);
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
/* fd itself if it is an open descriptor (of any kind), else -1 with
 * EBADF: what a language whose sockets are handles (Tcl's channels) shows
 * as "the descriptor behind this handle", after its fd typemap. */
XAPI_EXPORT int xapi_fd_check(int fd);
/* host/port are parsed for the socket's own family (xapi_addr_parse's
 * errors, naming "host" or "port" in err); then bind(2)/connect(2)'s. */
XAPI_EXPORT int xapi_bind(int fd, const char *host, unsigned port,
                          xapi_error *err);
XAPI_EXPORT int xapi_connect(int fd, const char *host, unsigned port,
                             xapi_error *err);
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
/* Path MTU (see the RFC 3542 section below): struct ip6_mtuinfo. */
typedef struct xapi_mtuinfo {
    char addr[XAPI_ADDRSTRLEN]; /* destination, no scope suffix; "" when
                                   the kernel left the address unset
                                   (family 0), as Linux's getsockopt does */
    unsigned ifindex;           /* ip6m_addr.sin6_scope_id */
    uint32_t mtu;               /* ip6m_mtu */
} xapi_mtuinfo;

/* One record of an ICMP extension structure (RFC 4884), as
 * xapi_icmp_ext_parse gives it (see the error-queue section below): an
 * MPLS label stack entry (RFC 4950), an interface information object (RFC
 * 5837) or any other object, by its place in the message. */
#define XAPI_ICMP_EXT_NAMELEN 64 /* RFC 5837: 63 octets of name, NUL */
typedef struct xapi_icmp_ext {
    int class_num;     /* XAPI_ICMP_EXT_CLASS_MPLS (1), _IFINFO (2), ... */
    int c_type;        /* the object's C-Type octet */
    int label;         /* MPLS entry: the 20-bit label; -1 otherwise */
    int tc;            /* MPLS entry: traffic class (EXP); -1 otherwise */
    int s;             /* MPLS entry: bottom-of-stack bit; -1 otherwise */
    int ttl;           /* MPLS entry: its TTL; -1 otherwise */
    int role;          /* interface object: XAPI_ICMP_EXT_ROLE_*; -1 else */
    unsigned ifindex;  /* interface object: ifIndex; 0 when absent */
    unsigned mtu;      /* interface object: MTU; 0 when absent */
    unsigned offset;   /* where the object starts in the bytes parsed */
    unsigned length;   /* the object's length, its 4-octet header in */
    char addr[XAPI_ADDRSTRLEN];   /* interface object: the IP address
                                     as text; "" when absent */
    char name[XAPI_ICMP_EXT_NAMELEN]; /* interface object: the name
                                         (UTF-8); "" when absent */
} xapi_icmp_ext;

/* An extended socket error (see the error-queue section below). */
typedef struct xapi_sock_err {
    int ee_errno;      /* EHOSTUNREACH, EMSGSIZE, ECONNREFUSED, ... */
    int origin;        /* SO_EE_ORIGIN_LOCAL, _ICMP, _ICMP6, ... */
    int type;          /* ICMP(v6) type, for the ICMP origins */
    int code;          /* ICMP(v6) code */
    int pad;
    unsigned info;     /* e.g. the MTU of a packet too big / EMSGSIZE */
    unsigned data;
    char offender[XAPI_ADDRSTRLEN]; /* text form (see "Addresses as
                                       text"); "" if has_offender is 0 */
    int has_offender;  /* 1 when a whole AF_INET or AF_INET6 address
                          followed the struct (the kernel leaves family
                          AF_UNSPEC for locally generated errors) */
} xapi_sock_err;

/* A link-layer address (packet(7) struct sockaddr_ll), whole: what an
 * AF_PACKET socket's recvmsg and getsockname give. */
#define XAPI_LINKADDR_MAX 32 /* MAX_ADDR_LEN, the kernel's longest
                                hardware address (sll_addr holds 8; the
                                kernel writes longer ones past it) */
typedef struct xapi_linkaddr {
    unsigned ifindex;      /* sll_ifindex (0: none, e.g. an unbound socket) */
    unsigned protocol;     /* sll_protocol in HOST order: ETH_P_IPV6 ... */
    int pkttype;           /* sll_pkttype: PACKET_HOST, PACKET_OUTGOING ... */
    unsigned hatype;       /* sll_hatype: ARPHRD_ETHER, ARPHRD_LOOPBACK ... */
    unsigned char addr[XAPI_LINKADDR_MAX]; /* sll_addr: addrlen bytes */
    size_t addrlen;        /* sll_halen */
} xapi_linkaddr;

/* A netlink address (netlink(7) struct sockaddr_nl), whole. */
typedef struct xapi_nladdr {
    uint32_t pid;          /* nl_pid: the port id (0: the kernel) */
    uint32_t groups;       /* nl_groups: multicast groups bit mask */
} xapi_nladdr;
/* Timestamps (socket(7) SO_TIMESTAMP, SO_TIMESTAMPNS; the kernel's
 * Documentation/networking/timestamping.rst).  A received stamp is a time
 * on CLOCK_REALTIME: whole seconds and nanoseconds (0..999999999).
 * SO_TIMESTAMP's struct timeval gives microseconds, shown here times 1000.
 * The decoder accepts each item's exact payload: the old layouts (two
 * longs: SO_TIMESTAMP_OLD, SO_TIMESTAMPNS_OLD) and the 64-bit _NEW ones a
 * kernel sends to programs with a 64-bit time_t on 32-bit systems
 * (__kernel_sock_timeval, __kernel_timespec). */
typedef struct xapi_timestamp {
    int64_t sec;
    int64_t nsec;
} xapi_timestamp;

/* SCM_TIMESTAMPING (and SCM_TIMESTAMPING_NEW): struct scm_timestamping's
 * three timespecs, flat.  ts[0] is the software stamp, ts[1] is unused by
 * Linux since 3.17 (once the "hardware stamp in system time"; always
 * zero now, kept so nothing is lost) and ts[2] the raw hardware stamp.  A
 * stamp the kernel did not take is all zero.  On a transmit stamp from the
 * error queue, the same message's sock_err item (origin
 * SO_EE_ORIGIN_TIMESTAMPING) says what it belongs to: see
 * xapi_tx_timestamp_find. */
typedef struct xapi_timestamping {
    int64_t sw_sec, sw_nsec;         /* ts[0]: software */
    int64_t legacy_sec, legacy_nsec; /* ts[1]: deprecated, zero */
    int64_t hw_sec, hw_nsec;         /* ts[2]: raw hardware */
} xapi_timestamping;

/* The three payloads, each of exactly its size: wide 0 for the _OLD
 * layouts of two longs (what SO_TIMESTAMP, SO_TIMESTAMPNS, SO_TIMESTAMPING
 * are on 64-bit systems), 1 for the _NEW ones of two 64-bit words.  EINVAL
 * for any other length or a sub-second part out of range (microseconds
 * 0..999999, nanoseconds 0..999999999).  xapi_cmsg_decode calls these. */
XAPI_EXPORT int xapi_decode_timeval(const void *buf, size_t len, int wide,
                                    xapi_timestamp *out);
XAPI_EXPORT int xapi_decode_timespec(const void *buf, size_t len, int wide,
                                     xapi_timestamp *out);
XAPI_EXPORT int xapi_decode_timestamping(const void *buf, size_t len,
                                         int wide, xapi_timestamping *out);

/* The original destination of a datagram (IP_RECVORIGDSTADDR,
 * IPV6_RECVORIGDSTADDR): the address and port it was sent to, which for a
 * datagram a TPROXY rule diverted is not the socket's own.  addr is the
 * text form xapi_addr_parse takes (a link-local address carries its
 * "%ifname" scope), so a transparent proxy can bind a reply socket to it
 * as given. */
typedef struct xapi_origdst {
    char addr[XAPI_ADDRSTRLEN];
    unsigned port;     /* host order */
} xapi_origdst;

enum xapi_value_kind {
    XAPI_VALUE_NONE = 0,         /* no typed view: raw bytes only */
    XAPI_VALUE_INT = 1,          /* v->i */
    XAPI_VALUE_PKTINFO = 2,      /* v->pktinfo */
    XAPI_VALUE_MTUINFO = 3,      /* v->mtuinfo: IPV6_PATHMTU */
    XAPI_VALUE_SOCK_ERR = 4,     /* v->sock_err: IP_RECVERR, IPV6_RECVERR */
    XAPI_VALUE_TIMESTAMP = 5,    /* v->timestamp: SO_TIMESTAMP(NS)(_NEW) */
    XAPI_VALUE_TIMESTAMPING = 6, /* v->timestamping: SO_TIMESTAMPING(_NEW) */
    XAPI_VALUE_ORIGDST = 7,      /* v->origdst: IP(V6)_ORIGDSTADDR */
    XAPI_VALUE_CREDS = 8,        /* v->creds: SCM_CREDENTIALS */
    XAPI_VALUE_FDS = 9,          /* v->fds: SCM_RIGHTS (read with xapi_fds_at) */
    XAPI_VALUE_LINKADDR = 10,    /* v->linkaddr: an AF_PACKET address */
    XAPI_VALUE_NLADDR = 11,      /* v->nladdr: an AF_NETLINK address */
    XAPI_VALUE_ICMPEXT = 12,     /* v->icmpext: an ICMP extension record, never an item */
    XAPI_VALUE_TXSTAMP = 14,     /* v->txstamp: a transmit timestamp paired
                                    with its send, never an item
                                    (xapi_tx_timestamp_of) */
};

/* SCM_CREDENTIALS (unix(7)): struct ucred, the sender's process and ids
 * as the kernel vouches for them (with SO_PASSCRED on the receiver). */
typedef struct xapi_creds {
    int pid;           /* pid_t */
    unsigned uid;      /* uid_t */
    unsigned gid;      /* gid_t */
} xapi_creds;

/* SCM_RIGHTS (unix(7)): descriptors, installed in the receiving process
 * by the kernel.  A view into the item's payload (count ints, read with
 * xapi_fds_at): valid as long as the item's bytes are. */
#define XAPI_FDS_MAX 253 /* SCM_MAX_FD: the most one item carries */
typedef struct xapi_fds {
    size_t count;                /* 1..XAPI_FDS_MAX */
    const unsigned char *data;   /* count ints, any alignment */
} xapi_fds;

/* A transmit timestamp matched to its send.  With SO_TIMESTAMPING's
 * SOF_TIMESTAMPING_TX_* flags the kernel queues, per stamped send, one
 * error-queue message holding two items: SCM_TIMESTAMPING (the stamps)
 * and IP_RECVERR / IPV6_RECVERR (a sock_extended_err with ee_errno
 * ENOMSG, ee_origin SO_EE_ORIGIN_TIMESTAMPING, ee_info the SCM_TSTAMP_*
 * type of ts[0] and, with SOF_TIMESTAMPING_OPT_ID, ee_data the send's
 * key: for UDP and raw sockets a counter of datagrams sent since the flag
 * was set, from 0; for TCP the byte offset of the send's last byte). */
typedef struct xapi_tx_timestamp {
    uint32_t key;   /* ee_data */
    int tstype;     /* ee_info: SCM_TSTAMP_SND, _SCHED or _ACK */
    xapi_timestamping stamps;
} xapi_tx_timestamp;

/* Only the member that kind names is written by xapi_cmsg_decode (the
 * others keep whatever they held), so decoding costs what the item needs. */
typedef struct xapi_value {
    int kind;          /* enum xapi_value_kind */
    const char *name;  /* the view's name in the item table ("hoplimit",
                          "pktinfo", "sock_err", ...: xapi_view_name_at
                          lists them); NULL for XAPI_VALUE_NONE */
    int64_t i;         /* XAPI_VALUE_INT; 0 otherwise.  64 bits wide so
                          that unsigned 32-bit items (the SO_RXQ_OVFL drop
                          counter) keep their whole range */
    union {
        xapi_pktinfo pktinfo;
        xapi_mtuinfo mtuinfo;
        xapi_sock_err sock_err;
        xapi_linkaddr linkaddr;
        xapi_nladdr nladdr;
        xapi_timestamp timestamp;
        xapi_timestamping timestamping;
        xapi_creds creds;
        xapi_fds fds;
        xapi_origdst origdst;
        xapi_icmp_ext icmpext;
        xapi_tx_timestamp txstamp;
    };
} xapi_value;

/* 0 and *v filled (kind NONE for items without a typed view); -1 with
 * EINVAL when a known item's payload is malformed. */
XAPI_EXPORT int xapi_cmsg_decode(const xapi_cmsg *c, xapi_value *v);

/* ------------------------------------------------------------------ */
/* Addresses whole: every family, never refused                         */
/* ------------------------------------------------------------------ */

/*
 * What a receive, getsockname, getpeername or accept gave, rendered for a
 * binding in one call that cannot fail on the address's contents, so no
 * binding ever takes a datagram off the queue and then fails on its
 * source address:
 *   XAPI_ADDR_NONE    no address (len 0)
 *   XAPI_ADDR_TEXT    AF_INET, AF_INET6, AF_UNIX: host (and port) as
 *                     xapi_addr_format writes them
 *   XAPI_ADDR_RECORD  AF_PACKET: record kind XAPI_VALUE_LINKADDR (name
 *                     "linkaddr"); AF_NETLINK: kind XAPI_VALUE_NLADDR
 *                     ("nladdr"); read with the record views above
 *   XAPI_ADDR_BYTES   anything else, and any address too short for its
 *                     family's struct or whose own lengths lie (an
 *                     sll_halen past the bytes received, an abstract unix
 *                     name holding a NUL): the sockaddr's bytes exactly
 *                     as the kernel gave them, family field included
 */
enum xapi_addr_form {
    XAPI_ADDR_NONE = 0,
    XAPI_ADDR_TEXT = 1,
    XAPI_ADDR_RECORD = 2,
    XAPI_ADDR_BYTES = 3
};

typedef struct xapi_addr_view {
    int form;                   /* enum xapi_addr_form */
    int family;                 /* ss_family (AF_UNSPEC for NONE) */
    char host[XAPI_ADDRSTRLEN]; /* TEXT */
    unsigned port;              /* TEXT: AF_INET, AF_INET6; else 0 */
    xapi_value record;          /* RECORD */
    const unsigned char *bytes; /* BYTES: points into the xapi_addr */
    size_t len;                 /* BYTES: their count */
} xapi_addr_view;

/* Fills *out and returns its form (never -1 for any contents of a);
 * -1 with EINVAL only for a NULL pointer.  A len above the storage is
 * read as the storage's size. */
XAPI_EXPORT int xapi_addr_view_of(const xapi_addr *a, xapi_addr_view *out);
/* Finds the pair in one message's decoded items (values[0..nvalues), as
 * xapi_items_parse or a batch receive gives them) and fills *out: 0, or
 * -1 with ENOENT when the message holds no transmit timestamp (no
 * "timestamping" item, or no sock_err of origin SO_EE_ORIGIN_TIMESTAMPING
 * beside it), EINVAL naming "values" for NULL with a count. */
XAPI_EXPORT int xapi_tx_timestamp_find(const xapi_value *values,
                                       size_t nvalues,
                                       xapi_tx_timestamp *out,
                                       xapi_error *err);

/* Descriptor i of an SCM_RIGHTS view (kind XAPI_VALUE_FDS, i below
 * v->fds.count) into *fd.  -1 with EINVAL for another kind, NULL
 * arguments or i out of range.  The descriptors are the caller's to
 * close: receives (xapi_recvmsg, the batch receives) install them
 * close-on-exec (MSG_CMSG_CLOEXEC) and close them themselves only when
 * the control buffer was cut (MSG_CTRUNC, see xapi_recvmsg). */
XAPI_EXPORT int xapi_fds_at(const xapi_value *v, size_t i, int *fd);

/* Record views.  Every kind but NONE, INT, PKTINFO and FDS is a record of
 * named fields, and the fields are described once, here, so a binding
 * builds its native record (a Python struct sequence, a Perl hash, a Tcl
 * dict) with one loop over them: a new kind added to the core (a row in
 * the item table, a member of the union and its record below) costs no
 * code in any language.  Field names are the keys every language shows. */
enum xapi_field_type {
    XAPI_FIELD_INT = 1,      /* int */
    XAPI_FIELD_UINT = 2,     /* unsigned int or uint32_t */
    XAPI_FIELD_I64 = 3,      /* int64_t */
    XAPI_FIELD_TEXT = 4,     /* char array, NUL-terminated */
    XAPI_FIELD_OPT_TEXT = 5, /* char array; "" means none (Python None,
                                Perl undef, Tcl "") */
    XAPI_FIELD_BYTES = 6,    /* unsigned char array; its length is the
                                size_t at len_offset */
    XAPI_FIELD_ERRNO = 7     /* int, an errno value: read as an integer,
                                with its name ("EMSGSIZE") too */
};

typedef struct xapi_field {
    const char *name;   /* the key: "addr", "mtu", "errno", ... */
    int type;           /* enum xapi_field_type */
    size_t offset;      /* from the start of the xapi_value */
    size_t len_offset;  /* XAPI_FIELD_BYTES: the length's offset */
    size_t cap;         /* XAPI_FIELD_BYTES: the array's size */
    const char *doc;    /* one line, for docstrings */
} xapi_field;

typedef struct xapi_record {
    int kind;               /* enum xapi_value_kind */
    const char *type_name;  /* a class name: "MtuInfo", "SockErr" */
    const char *doc;        /* one line, for docstrings */
    const xapi_field *fields;
    size_t nfields;
} xapi_record;

/* The most records a call returns to the bindings in one list (the
 * RECORDS shape of swig/xapi.i: xapi_value *, capacity, count out). */
#define XAPI_RECORDS_MAX 64

/* The record a kind's values are, or NULL (with EINVAL) for a kind that
 * is not a record (NONE, INT, PKTINFO) or is unknown. */
XAPI_EXPORT const xapi_record *xapi_record_of(int kind);
/* The i-th record kind, NULL past the last: bindings make their types
 * (and key caches) once when they load. */
XAPI_EXPORT const xapi_record *xapi_record_at(size_t i);
/* The i-th distinct view name of the item table ("hoplimit", "tclass",
 * ...), NULL past the last: bindings intern the names once. */
XAPI_EXPORT const char *xapi_view_name_at(size_t i);

/* One field of a record value read without a switch on its C type:
 * XAPI_FIELD_INT with *i set (every integer type; for an XAPI_FIELD_ERRNO
 * field *s is its name, or NULL when it has none), XAPI_FIELD_TEXT with
 * *s and *n set (text), XAPI_FIELD_BYTES with *s and *n (bytes), or 0 for
 * an optional text that is empty (none).  -1 with EINVAL for NULL
 * arguments or a BYTES length larger than its array (a corrupt value). */
XAPI_EXPORT int xapi_field_get(const xapi_value *v, const xapi_field *f,
                               int64_t *i, const char **s, size_t *n);

/* Whole control buffers: one array of items in, one buffer out, and one
 * buffer in, flat arrays of items and their typed views out.  Bindings
 * call these instead of walking or building a buffer themselves. */

/* One ancillary item to send: its payload is data, len bytes (data may be
 * NULL when len is 0). */
typedef struct xapi_item {
    int level;
    int type;
    const void *data;
    size_t len;
} xapi_item;

/* xapi_tx_timestamp_find's pairing for items a binding holds (a received message's items
 * given back: level, type and payload bytes, cmsgs[0..ncmsgs)): each is
 * decoded as a receive decodes it, then paired as above.  values[0] gets
 * the pair as record kind XAPI_VALUE_TXSTAMP (name "tx_timestamp",
 * member txstamp) and *count 1; *count 0 when the items hold no
 * transmit timestamp (not an error).  EINVAL names "cmsgs" for NULL with
 * a count, "cap" for cap 0 (values may then be NULL).  Items whose
 * payload is malformed are skipped, as a receive leaves them untyped. */
XAPI_EXPORT int xapi_tx_timestamp_of(const xapi_item *cmsgs, size_t ncmsgs,
                                     xapi_value *values, size_t cap,
                                     size_t *count, xapi_error *err);

/* *space gets the bytes a control buffer holding items[0..nitems) takes
 * (the sum of their CMSG_SPACE; 0 for none).  EINVAL (err names "items")
 * for a NULL array or a NULL payload with a length, EMSGSIZE when they
 * take more than XAPI_MAX_ANC bytes. */
XAPI_EXPORT int xapi_items_space(const xapi_item *items, size_t nitems,
                                 size_t *space, xapi_error *err);
/* Lays the items out in control (capacity controlcap) in order, as the
 * kernel reads them (CMSG_SPACE steps, zeroed padding), and sets
 * *controllen.  xapi_items_space's errors, then ENOSPC (arg NULL) when
 * controlcap is below what xapi_items_space says; nothing is written then. */
XAPI_EXPORT int xapi_items_build(const xapi_item *items, size_t nitems,
                                 void *control, size_t controlcap,
                                 size_t *controllen, xapi_error *err);

/* xapi_items_parse's flags.  Without them a buffer is read as a receive
 * reads what the kernel gave: the walk stops at an item whose cmsg_len
 * lies (keeping the items before it), and a known item with a malformed
 * payload (cut short by MSG_CTRUNC) keeps its bytes with kind NONE. */
#define XAPI_ITEMS_STRICT_HEADERS 1 /* a lying cmsg_len is EINVAL */
#define XAPI_ITEMS_STRICT_VALUES  2 /* a malformed known payload is EINVAL */

/* How many items xapi_items_parse finds in bytes (len bytes), walking as
 * it does up to the end or the first lying cmsg_len: the capacity its
 * arrays need. */
XAPI_EXPORT size_t xapi_items_count(const void *bytes, size_t len);
/* Walks the control buffer bytes (len bytes, any alignment) and fills
 * cmsgs[i] (a view into bytes) and values[i] (its typed view, as
 * xapi_cmsg_decode gives it) for each item, at most cap; *count gets how
 * many.  EINVAL naming "bytes" for what flags make strict, ENOSPC (arg
 * NULL) for more than cap items. */
XAPI_EXPORT int xapi_items_parse(const void *bytes, size_t len,
                                 xapi_cmsg *cmsgs, xapi_value *values,
                                 size_t cap, size_t *count, int flags,
                                 xapi_error *err);

/* Typed items to send, made whole by the core: the payload written by the
 * encoders above into out->payload, out->item pointing at it, and
 * out->view as a receive would decode it ("the default", -1, has no
 * received form: it is given as kind XAPI_VALUE_INT with i = -1).  The
 * struct points into itself: use it where it was filled. */
#define XAPI_TYPED_ITEM_MAX 1024 /* XAPI_FDS_MAX descriptors fit */
typedef struct xapi_typed_item {
    xapi_item item;
    xapi_value view;
    unsigned char payload[XAPI_TYPED_ITEM_MAX];
} xapi_typed_item;

/* kind "hoplimit" or "tclass" (IPv6, -1..255), "ttl" (IPv4, 1..255) or
 * "tos" (IPv4, 0..255): EINVAL naming "kind", or the kind itself for a
 * value out of its range. */
XAPI_EXPORT int xapi_typed_int(const char *kind, int value,
                               xapi_typed_item *out, xapi_error *err);
/* IPV6_PKTINFO: addr (NULL or "" for ::); EINVAL naming "addr". */
XAPI_EXPORT int xapi_typed_pktinfo6(const char *addr, unsigned ifindex,
                                    xapi_typed_item *out, xapi_error *err);
/* Any item from its raw payload (data, len bytes; NOT copied:
 * out->item.data is data), with the view the decoder gives it (kind NONE
 * for an item it does not know or a malformed payload).  EINVAL naming
 * "data" for NULL with a length. */
XAPI_EXPORT int xapi_typed_raw(int level, int type, const void *data,
                               size_t len, xapi_typed_item *out,
                               xapi_error *err);
/* IP_PKTINFO: spec_dst and addr NULL or "" for 0.0.0.0; EINVAL naming
 * "ifindex" (above INT_MAX), "spec_dst" or "addr". */
XAPI_EXPORT int xapi_typed_pktinfo4(unsigned ifindex, const char *spec_dst,
                                    const char *addr, xapi_typed_item *out,
                                    xapi_error *err);

/* SCM_CREDENTIALS (level SOL_SOCKET) with pid, uid and gid: what a unix
 * socket sender claims.  The kernel checks it at send time: a process
 * without CAP_SYS_ADMIN may only give its own pid, without CAP_SETUID /
 * CAP_SETGID only its real, effective or saved ids (EPERM otherwise).
 * EINVAL naming "pid" for a pid below 0. */
XAPI_EXPORT int xapi_typed_creds(int pid, unsigned uid, unsigned gid,
                                 xapi_typed_item *out, xapi_error *err);
/* SCM_RIGHTS (level SOL_SOCKET) carrying fds[0..nfds): 1..XAPI_FDS_MAX
 * descriptors, none negative (EINVAL naming "fds").  Whether they are
 * open is the kernel's to say when the item is sent (EBADF). */
XAPI_EXPORT int xapi_typed_fds(const int *fds, size_t nfds,
                               xapi_typed_item *out, xapi_error *err);
/* SO_TIMESTAMPING (level SOL_SOCKET) with a 32-bit flags payload:
 * transmit timestamps for this one send (Linux 4.13), whatever the
 * socket's SO_TIMESTAMPING option asks.  Only the generation flags
 * SOF_TIMESTAMPING_TX_HARDWARE, _TX_SOFTWARE, _TX_SCHED, _TX_ACK (and
 * _TX_COMPLETION, bit 18, Linux 6.16) are allowed per send: EINVAL naming
 * "flags" for any other bit, as the kernel would refuse the send.  The
 * item has no received form: out->view is kind XAPI_VALUE_NONE. */
XAPI_EXPORT int xapi_typed_tsflags(unsigned flags, xapi_typed_item *out,
                                   xapi_error *err);

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

/* Limits every binding applies to what a caller asks for, before any
 * allocation: one piece and all pieces of a message together at most
 * XAPI_MAX_DATA bytes, at most XAPI_MAX_PIECES pieces (IOV_MAX on Linux),
 * an ancillary buffer at most XAPI_MAX_ANC bytes. */
#define XAPI_MAX_DATA   ((size_t)1 << 30)
#define XAPI_MAX_PIECES 1024
#define XAPI_MAX_ANC    ((size_t)1 << 20)

/* Both return the byte count (also left in m->datalen).  EINVAL for a NULL
 * iov with iovlen > 0, more than IOV_MAX pieces or a control length over
 * INT_MAX.
 * Descriptors passed with SCM_RIGHTS: a receive always adds
 * MSG_CMSG_CLOEXEC to flags, so received descriptors are close-on-exec
 * (clear FD_CLOEXEC with fcntl(2) to hand one to a program you exec).
 * When the kernel sets MSG_CTRUNC (the control buffer was too small), or
 * an SCM_RIGHTS payload is not a whole number of ints, every descriptor
 * of every SCM_RIGHTS item that did arrive is closed before the call
 * returns and its int in the control buffer overwritten with -1 (so the
 * item decodes with no view): a cut message never leaks descriptors, and
 * no number in it names a descriptor some other code may open later.
 * The batch receives (xapi_batch_recv and the xapi_recv_batch calls) do
 * the same per message. */
XAPI_EXPORT ssize_t xapi_sendmsg(int fd, xapi_msg *m, int flags);
XAPI_EXPORT ssize_t xapi_recvmsg(int fd, xapi_msg *m, int flags);

/* How many bytes of piece i hold data after a receive of m->datalen
 * bytes: pieces are filled in order and cut at what was received. */
XAPI_EXPORT size_t xapi_msg_piece_len(const xapi_msg *m, size_t i);

/* One send of the pieces iov[0..iovlen) to dest (NULL or len 0: the
 * connected peer) with items[0..nitems) as ancillary data, the control
 * buffer built by the core (on the stack up to 2 KB, else malloc'd for
 * the call).  Returns the bytes sent.  EINVAL naming "iov" (NULL with
 * pieces, more than XAPI_MAX_PIECES) or "dest", xapi_items_space's
 * errors, then sendmsg(2)'s (arg NULL). */
XAPI_EXPORT ssize_t xapi_send(int fd, const struct iovec *iov, size_t iovlen,
                              const xapi_addr *dest, const xapi_item *items,
                              size_t nitems, int flags, xapi_error *err);

/*
 * A destination cache, for senders that give their destinations as text
 * (every language binding keeps one): what would otherwise cost a system
 * call and a parse per send.  It remembers socket families by descriptor
 * (the last 64, direct-mapped) and the last 8 destinations parsed, keyed
 * by (family, text, port); text naming a scope by interface name
 * ("fe80::1%eth0") is parsed every time, as the interface may change.
 * Thread-safe (one lock per cache).
 *
 * A remembered family goes stale when its descriptor is closed and the
 * number reused for a socket of another family.  Only AF_INET6 is
 * remembered (other families are asked every time): an IPv6 address is
 * refused by a socket of any other family (EAFNOSUPPORT or EINVAL),
 * while a UDP IPv6 socket would send an IPv4 one.  xapi_send_cached
 * takes care of the refusal: it asks the family again and, if it
 * changed, parses the text anew and sends the message again.
 */
typedef struct xapi_dest_cache xapi_dest_cache;

/* NULL with ENOMEM. */
XAPI_EXPORT xapi_dest_cache *xapi_dest_cache_new(void);
/* *slot if set, else a new cache published into *slot: the first of
 * several threads calling at once wins, the others free theirs and
 * return its.  For a binding's process-wide cache (a static slot, never
 * freed).  NULL with ENOMEM (and *slot still NULL). */
XAPI_EXPORT xapi_dest_cache *xapi_dest_cache_once(xapi_dest_cache **slot);
/* NULL is accepted. */
XAPI_EXPORT void xapi_dest_cache_free(xapi_dest_cache *c);
/* fd's family as remembered, else asked (xapi_socket_family) and
 * remembered if AF_INET6.  A NULL c always asks.  -1 with EBADF,
 * ENOTSOCK. */
XAPI_EXPORT int xapi_dest_cache_family(xapi_dest_cache *c, int fd);
/* Asks fd's family again and remembers it: 1 when it differs from the
 * one remembered before (the descriptor was reused), else 0. */
XAPI_EXPORT int xapi_dest_cache_recheck(xapi_dest_cache *c, int fd);
/* xapi_addr_parse through the cache (its errors; a failure is not
 * remembered).  A NULL c parses every time. */
XAPI_EXPORT int xapi_dest_cache_parse(xapi_dest_cache *c, int family,
                                      const char *host, unsigned port,
                                      xapi_addr *out, xapi_error *err);
/* Both for socket fd: its family (xapi_dest_cache_family), then the text
 * parsed for it; text that does not parse for a remembered family is
 * parsed again if the family changed (xapi_dest_cache_recheck).  Returns
 * the family used; -1 with errno and err ("host" for NULL text, the
 * parser's errors, the kernel's for fd). */
XAPI_EXPORT int xapi_dest_cache_resolve(xapi_dest_cache *c, int fd,
                                        const char *host, unsigned port,
                                        xapi_addr *out, xapi_error *err);
/* xapi_send with a destination made by this cache (or any other, or
 * NULL): when the kernel refuses it with EINVAL or EAFNOSUPPORT and fd's
 * family is no longer the one remembered, the text dest was parsed from
 * is parsed for the new family and the send made once more (its result
 * returned, a parse failure an argument error naming "host"). */
XAPI_EXPORT ssize_t xapi_send_cached(int fd, const struct iovec *iov,
                                     size_t iovlen, xapi_dest_cache *cache,
                                     const xapi_addr *dest,
                                     const xapi_item *items, size_t nitems,
                                     int flags, xapi_error *err);

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
/* Every interface at once, in one malloc'd array of *count entries (one
 * snapshot of if_nameindex(3), so no caller needs a growth rule); free it
 * with xapi_if_nameindex_free.  NULL with err (arg NULL) on failure; an
 * empty list is a valid array of 0 entries. */
XAPI_EXPORT xapi_ifentry *xapi_if_nameindex_all(size_t *count,
                                                xapi_error *err);
XAPI_EXPORT void xapi_if_nameindex_free(xapi_ifentry *list);

/* ------------------------------------------------------------------ */
/* Multicast (RFC 3678 protocol-independent joins, RFC 3493 options)    */
/* ------------------------------------------------------------------ */

/*
 * Membership of fd in a group, from text: group "ff3e::1234" or
 * "232.1.2.3" (its family picks the option level, IPPROTO_IPV6 or
 * IPPROTO_IP); ifname an interface name ("eth0"), an index as digits
 * ("2"), or NULL/"" for the kernel's choice (then a scope in IPv6 group
 * text, "ff02::1%eth0", names it); source a unicast address of the
 * group's family, or NULL/"" for none.
 *   join    MCAST_JOIN_GROUP, or MCAST_JOIN_SOURCE_GROUP with a source
 *           (source-specific: only that source's datagrams arrive)
 *   leave   MCAST_LEAVE_GROUP / MCAST_LEAVE_SOURCE_GROUP
 *   block   MCAST_BLOCK_SOURCE (source needed): an any-source member
 *           stops receiving from that source
 *   unblock MCAST_UNBLOCK_SOURCE (source needed)
 * Errors: EINVAL naming "group" (not IP text, not multicast), "source"
 * (not IP text, another family, not unicast, missing for block/unblock)
 * or "ifname" (an index out of range, a name too long); ENODEV naming
 * "ifname" for an unknown name (looked up with SIOCGIFINDEX on fd, so in
 * the socket's own network namespace); then setsockopt(2)'s (arg NULL):
 * Linux gives EADDRINUSE for a second any-source join of a group on an
 * interface and for an any-source join after a source-specific one,
 * EADDRNOTAVAIL for the same source joined twice and for leaving what
 * was not joined, ENODEV for an index with no interface.
 */
XAPI_EXPORT int xapi_mcast_join(int fd, const char *group, const char *ifname,
                                const char *source, xapi_error *err);
XAPI_EXPORT int xapi_mcast_leave(int fd, const char *group,
                                 const char *ifname, const char *source,
                                 xapi_error *err);
XAPI_EXPORT int xapi_mcast_block(int fd, const char *group,
                                 const char *ifname, const char *source,
                                 xapi_error *err);
XAPI_EXPORT int xapi_mcast_unblock(int fd, const char *group,
                                   const char *ifname, const char *source,
                                   xapi_error *err);
/* Sending options, by the SOCKET's family (IPV6_MULTICAST_* on AF_INET6,
 * IP_MULTICAST_* on AF_INET; EAFNOSUPPORT on others):
 *   set_if    the interface multicast leaves by (ifname as above; NULL or
 *             "" gives the choice back to the routing table): IPv4 sets
 *             IP_MULTICAST_IF with a struct ip_mreqn holding the index
 *   set_hops  -1 (the default: 1) or 0..255, else EINVAL naming "hops"
 *   set_loop  0 or 1 (whether this host's own members get a copy), else
 *             EINVAL naming "loop"
 * The getters read the same options back into *value.  (IPv4's
 * IP_MULTICAST_IF reads back as an address, not an index, so no getter
 * exists for the interface; IPv6's is getsockopt IPV6_MULTICAST_IF.) */
XAPI_EXPORT int xapi_mcast_set_if(int fd, const char *ifname,
                                  xapi_error *err);
XAPI_EXPORT int xapi_mcast_set_hops(int fd, int hops, xapi_error *err);
XAPI_EXPORT int xapi_mcast_get_hops(int fd, int *value, xapi_error *err);
XAPI_EXPORT int xapi_mcast_set_loop(int fd, int loop, xapi_error *err);
XAPI_EXPORT int xapi_mcast_get_loop(int fd, int *value, xapi_error *err);

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

/*
 * ICMPv6 type filter (RFC 3542 section 3.2), set with ICMP6_FILTER on a
 * raw IPPROTO_ICMPV6 socket.  RFC 3542 leaves struct icmp6_filter opaque;
 * this struct has the layout of Linux's (256 bits, one per ICMPv6 type,
 * type t is bit t & 31 of word t >> 5) and Linux's meaning: a SET bit
 * BLOCKS the type (BSD's implementation is the other way round).  Use the
 * functions below rather than the bits.  Types are 0..255; others, and a
 * NULL filter, give -1 with EINVAL (setpassall/setblockall ignore NULL).
 * man 3 xapi_rfc3542 documents this whole section.
 */
typedef struct xapi_icmp6_filter {
    uint32_t filt[8];
} xapi_icmp6_filter;

XAPI_EXPORT void xapi_icmp6_filter_setpassall(xapi_icmp6_filter *f);
XAPI_EXPORT void xapi_icmp6_filter_setblockall(xapi_icmp6_filter *f);
XAPI_EXPORT int xapi_icmp6_filter_setpass(int type, xapi_icmp6_filter *f);
XAPI_EXPORT int xapi_icmp6_filter_setblock(int type, xapi_icmp6_filter *f);
/* 1 or 0; -1 with EINVAL for a type outside 0..255. */
XAPI_EXPORT int xapi_icmp6_filter_willpass(int type,
                                           const xapi_icmp6_filter *f);
XAPI_EXPORT int xapi_icmp6_filter_willblock(int type,
                                            const xapi_icmp6_filter *f);
/* setsockopt/getsockopt(IPPROTO_ICMPV6, ICMP6_FILTER); errors as the
 * kernel says (ENOPROTOOPT on a socket that is not raw ICMPv6).  _get
 * gives EPROTO if the kernel returns a filter of another size. */
XAPI_EXPORT int xapi_icmp6_filter_set(int fd, const xapi_icmp6_filter *f);
XAPI_EXPORT int xapi_icmp6_filter_get(int fd, xapi_icmp6_filter *f);

/*
 * Path MTU (RFC 3542 section 11).  struct ip6_mtuinfo arrives as the
 * IPV6_PATHMTU ancillary item (with IPV6_RECVPATHMTU set) and comes from
 * getsockopt(IPV6_PATHMTU) on a connected socket.  struct xapi_mtuinfo
 * is declared with the typed items above.
 */

/* Exactly sizeof(struct ip6_mtuinfo) bytes (32 on Linux), family
 * AF_INET6 or 0; EINVAL otherwise. */
XAPI_EXPORT int xapi_decode_ip6_mtuinfo(const void *buf, size_t len,
                                        xapi_mtuinfo *out);
/* getsockopt(IPPROTO_IPV6, IPV6_PATHMTU): ENOTCONN when the socket has no
 * route cached (not connected). */
XAPI_EXPORT int xapi_get_pathmtu(int fd, xapi_mtuinfo *out);
/* The IPV6_NEXTHOP payload, a struct sockaddr_in6 (port 0), from an
 * address text as xapi_addr_parse takes it for AF_INET6 ("fe80::1%eth0").
 * See docs/rfc3542-linux.md for what Linux does with it. */
XAPI_EXPORT int xapi_encode_nexthop(const char *addr, void *out, size_t cap,
                                    size_t *outlen);

/*
 * Routing headers (RFC 3542 section 7): type 0 (RFC 2460 layout; Linux
 * refuses to send it, see docs/rfc3542-linux.md) and type 4, the Segment
 * Routing Header (RFC 8754).  Every function takes the buffer with its
 * length and checks, before reading anything, that the header's own
 * length fits the buffer, that a type 0 Hdr Ext Len is even, that an SRH's
 * Last Entry fits its Hdr Ext Len and that Segments Left is at most the
 * number of segments (an SRH's TLVs are walked and checked too).  EINVAL
 * for a malformed header, EOPNOTSUPP for another routing type.
 *
 * Addresses are numbered in path order, the order rth_add appends them:
 * index 0 is the first segment to visit.  For type 0 that is Address[1]
 * on the wire; for an SRH it is Segment List[Last Entry], since RFC 8754
 * stores the list in reverse.  rth_add advances Segments Left by one per
 * address (for both types), and rth_reverse sets it to the number of
 * segments, as RFC 3542 says for type 0.
 */
/* Bytes for a header of that type with that many segments (type 0:
 * 0..127, type 4: 1..127); 0 with EINVAL otherwise. */
XAPI_EXPORT size_t xapi_inet6_rth_space(int type, int segments);
/* Writes an empty header (Next Header 0, Segments Left 0, room for the
 * segments, zeroed) at buf.  0, or -1: EINVAL for a bad type/count,
 * ENOSPC if buflen is below xapi_inet6_rth_space(). */
XAPI_EXPORT int xapi_inet6_rth_init(void *buf, size_t buflen, int type,
                                    int segments);
/* Appends the next segment in path order.  ENOSPC when full. */
XAPI_EXPORT int xapi_inet6_rth_add(void *buf, size_t buflen,
                                   const struct in6_addr *addr);
/* Writes the header for the reverse path into out (in == out reverses in
 * place; other overlaps are handled too).  Everything else (Next Header,
 * flags, tag, SRH TLVs) is copied unchanged.  ENOSPC if outcap is below
 * the header's length. */
XAPI_EXPORT int xapi_inet6_rth_reverse(const void *in, size_t inlen,
                                       void *out, size_t outcap);
/* Number of segments the header holds (type 0: Hdr Ext Len / 2, SRH:
 * Last Entry + 1), or -1. */
XAPI_EXPORT int xapi_inet6_rth_segments(const void *buf, size_t len);
/* Segment index (path order, see above) into *out; EINVAL if out of
 * range. */
XAPI_EXPORT int xapi_inet6_rth_getaddr(const void *buf, size_t len,
                                       int index, struct in6_addr *out);

/* Segment Routing Header (RFC 8754 section 2), whole. */
#define XAPI_SRH_MAX_SEGMENTS 32

typedef struct xapi_srh_info {
    uint8_t next_header;
    uint8_t segments_left;
    uint8_t last_entry;   /* parse: the wire's; build: ignored (the
                             builder writes nsegments - 1) */
    uint8_t flags;
    uint16_t tag;         /* host order */
    size_t nsegments;     /* used entries of segments[] */
    /* Wire order, as RFC 8754 lays it out: segments[i] is Segment
     * List[i], so segments[0] is the LAST segment of the path. */
    struct in6_addr segments[XAPI_SRH_MAX_SEGMENTS];
    size_t tlv_offset;    /* parse: offset of the TLVs in buf */
    size_t tlv_len;       /* parse: their length, 0 for none */
} xapi_srh_info;

/* Writes the SRH (routing type 4) for info, followed by the TLV bytes
 * tlv/tlvlen (tlvlen a multiple of 8, each TLV well formed: Pad1 or
 * type, length, value; tlv may be NULL when tlvlen is 0).  EINVAL for 0
 * or more than XAPI_SRH_MAX_SEGMENTS segments, segments_left above
 * nsegments, bad TLVs or a header over 2048 bytes; ENOSPC if cap is too
 * small (nothing is written then). */
XAPI_EXPORT int xapi_srh_build(const xapi_srh_info *info, const void *tlv,
                               size_t tlvlen, void *out, size_t cap,
                               size_t *outlen);
/* Decodes an SRH; the checks above, then EMSGSIZE if it holds more than
 * XAPI_SRH_MAX_SEGMENTS segments.  Bytes past the header's own length
 * are ignored. */
XAPI_EXPORT int xapi_srh_parse(const void *buf, size_t len,
                               xapi_srh_info *out);

/*
 * Hop-by-Hop and Destination options (RFC 3542 section 10), laid out by
 * RFC 2460 Appendix B's rule: an option of alignment xn+y is placed so
 * that it ENDS on a multiple of align (so with the largest field last,
 * every field is naturally aligned), with Pad1/PadN before it.
 *
 * Offsets are ints as in the RFC; option data is given as an offset into
 * the extension buffer instead of a pointer.  extbuf NULL computes
 * lengths only.  The largest header is 2048 bytes (Hdr Ext Len 255).
 */
/* 2 (the empty header's size).  With extbuf: extlen must be a multiple of
 * 8 between 8 and 2048 (EINVAL); Next Header is set to 0 (the kernel
 * fills it in) and Hdr Ext Len to extlen / 8 - 1. */
XAPI_EXPORT int xapi_inet6_opt_init(void *extbuf, size_t extlen);
/* Appends option type (2..255) with len (0..255) data bytes, aligned
 * align (1, 2, 4 or 8, at most len, except align 1), after offset bytes.
 * Returns the new length; *dataoff (may be NULL) gets the data's offset
 * in extbuf, where the data is zeroed.  EINVAL for bad arguments,
 * ENOSPC if it would pass extlen, EMSGSIZE past 2048 bytes. */
XAPI_EXPORT int xapi_inet6_opt_append(void *extbuf, size_t extlen,
                                      int offset, int type, size_t len,
                                      unsigned align, size_t *dataoff);
/* Pads to a multiple of 8 and returns that length.  With extbuf it also
 * sets Hdr Ext Len to match it, so the header is self-consistent even if
 * extlen was larger.  ENOSPC if the padding does not fit. */
XAPI_EXPORT int xapi_inet6_opt_finish(void *extbuf, size_t extlen,
                                      int offset);
/* Copies val into the option data databuf (datalen bytes long, e.g.
 * extbuf + dataoff and the option's len) at offset; returns offset +
 * vallen.  ENOSPC if it would pass datalen. */
XAPI_EXPORT int xapi_inet6_opt_set_val(void *databuf, size_t datalen,
                                       int offset, const void *val,
                                       size_t vallen);
/* The option after offset (0 for the first), Pad1/PadN skipped: *typep,
 * *lenp and *dataoff (each may be NULL) describe it; the return value is
 * the offset to pass next.  -1 with ENOENT at the end, EINVAL for a
 * malformed header (any option, PadN included, running past the header,
 * or a header longer than extlen). */
XAPI_EXPORT int xapi_inet6_opt_next(const void *extbuf, size_t extlen,
                                    int offset, int *typep, size_t *lenp,
                                    size_t *dataoff);
/* Like _next, for the next option of that type; ENOENT if none. */
XAPI_EXPORT int xapi_inet6_opt_find(const void *extbuf, size_t extlen,
                                    int offset, int type, size_t *lenp,
                                    size_t *dataoff);
/* Copies vallen bytes at offset of the option data out; returns offset +
 * vallen.  EINVAL if that passes datalen. */
XAPI_EXPORT int xapi_inet6_opt_get_val(const void *databuf, size_t datalen,
                                       int offset, void *val,
                                       size_t vallen);
/* IP6OPT_TYPE(): the two action bits of an option type (0x00 skip, 0x40
 * discard, 0x80 discard + ICMP, 0xc0 discard + ICMP unless multicast). */
XAPI_EXPORT int xapi_ip6opt_type(int opttype);
/* 1 if the option data may change en route (bit 0x20), else 0. */
XAPI_EXPORT int xapi_ip6opt_mutable(int opttype);
/* A whole 8-byte Hop-by-Hop header holding one Router Alert option
 * (RFC 2711; value 0 MLD, 1 RSVP, 2 active networks) for IPV6_HOPOPTS.
 * EINVAL for a value above 65535, ENOSPC if cap < 8. */
XAPI_EXPORT int xapi_inet6_opt_router_alert(unsigned value, void *out,
                                            size_t cap, size_t *outlen);
/* Whole-header calls for options headers (build from / parse into an
 * array of option structs). */
/* XAPI-OPT-WHOLE-BEGIN */
/*
 * One option, as xapi_opt_build takes it and xapi_opt_parse, _find and
 * the _hdr_ walkers give it.  type 2..255 (0 and 1 are padding); align
 * (build only) 1, 2, 4 or 8, RFC 2460's x of xn+y, at most len unless 1;
 * len data bytes at data (NULL allowed with len 0).  From a parse, data
 * points into the caller's header, offset is its offset there and align
 * is 0; build ignores offset.
 */
typedef struct xapi_opt {
    int type;
    unsigned align;
    const unsigned char *data;
    size_t len;
    size_t offset;
} xapi_opt;

/* The largest options header (Hdr Ext Len 255) and the most options it
 * can hold (each takes at least its type and length bytes). */
#define XAPI_OPT_HDR_MAX 2048
#define XAPI_OPT_MAXOPTS 1023

/* The whole header for n options, laid out as xapi_inet6_opt_append does
 * (both passes of RFC 3542 Appendix C, here once): *hdrlen gets its length
 * (a multiple of 8).  hdr NULL or hdrcap 0 computes the length only.  Bad
 * input through err: "options" (more than XAPI_OPT_MAXOPTS, or the header
 * would pass 2048 bytes: EMSGSIZE), "type", "align", "data" (an option's
 * fields, the reason names the option's index), "hdrcap" (ENOSPC: below
 * the length). */
XAPI_EXPORT int xapi_opt_build(const xapi_opt *opts, size_t n, void *hdr,
                               size_t hdrcap, size_t *hdrlen,
                               xapi_error *err);
/* Every option of the header in bytes (len bytes; bytes past its own Hdr
 * Ext Len are ignored), Pad1/PadN skipped, into opts[0..*count-1]
 * (ENOSPC if more than cap; XAPI_OPT_MAXOPTS always suffice).  A
 * malformed header is an error on "bytes" saying where and why. */
XAPI_EXPORT int xapi_opt_parse(const void *bytes, size_t len, xapi_opt *opts,
                               size_t cap, size_t *count, xapi_error *err);
/* The first option of type (2..255) in the header: 1 and *opt_out filled,
 * or 0 if there is none (opt_out->data NULL, offset 0). */
XAPI_EXPORT int xapi_opt_find(const void *bytes, size_t len, int type,
                              xapi_opt *opt_out, xapi_error *err);

/*
 * The RFC 3542 in-place calls on one buffer (buf, buflen): the header is
 * its first extlen bytes (extlen checked against buflen), and an option's
 * data is named by its offset dataoff in the buffer and its length datalen
 * instead of a pointer.  buf NULL (init, append, finish) computes lengths
 * only, as the RFC's NULL extbuf.  Results are the RFC's; _next and _find
 * return 0 (not -1) when there is no (further) option, so -1 is always an
 * error, reported through err.
 */
XAPI_EXPORT int xapi_opt_hdr_init(void *buf, size_t buflen, size_t extlen,
                                  xapi_error *err);
XAPI_EXPORT int xapi_opt_hdr_append(void *buf, size_t buflen, size_t extlen,
                                    int offset, int type, size_t len,
                                    unsigned align, size_t *dataoff,
                                    xapi_error *err);
XAPI_EXPORT int xapi_opt_hdr_finish(void *buf, size_t buflen, size_t extlen,
                                    int offset, xapi_error *err);
XAPI_EXPORT int xapi_opt_hdr_set_val(void *buf, size_t buflen, size_t dataoff,
                                     size_t datalen, int offset,
                                     const void *val, size_t vallen,
                                     xapi_error *err);
XAPI_EXPORT int xapi_opt_hdr_get_val(const void *buf, size_t buflen,
                                     size_t dataoff, size_t datalen,
                                     int offset, void *val, size_t vallen,
                                     xapi_error *err);
/* opt_out gets the option (align 0); the result is the offset to pass
 * next. */
XAPI_EXPORT int xapi_opt_hdr_next(const void *buf, size_t buflen,
                                  size_t extlen, int offset,
                                  xapi_opt *opt_out, xapi_error *err);
XAPI_EXPORT int xapi_opt_hdr_find(const void *buf, size_t buflen,
                                  size_t extlen, int offset, int type,
                                  xapi_opt *opt_out, xapi_error *err);
/* len bytes at offset of an option's data (data, datalen bytes: what
 * xapi_opt_parse or _find gave) into val; returns offset + len. */
XAPI_EXPORT int xapi_opt_get_val(const void *data, size_t datalen, int offset,
                                 void *val, size_t len, xapi_error *err);
/* IP6OPT_TYPE() (the action bits) and the change-en-route bit (0 or 1) of
 * an option type, checked (0..255). */
XAPI_EXPORT int xapi_opt_type(int type, xapi_error *err);
XAPI_EXPORT int xapi_opt_mutable(int type, xapi_error *err);
/* xapi_inet6_opt_router_alert with value checked (0..65535). */
XAPI_EXPORT int xapi_opt_router_alert(unsigned value, void *hdr,
                                      size_t hdrcap, size_t *hdrlen,
                                      xapi_error *err);
/* XAPI-OPT-WHOLE-END */

/* Whole-header calls for routing headers, SRHs and ICMPv6 filters. */
/* XAPI-RTH-WHOLE-BEGIN */
/*
 * Whole-object calls: each builds or reads a whole header, filter or
 * payload in one call and reports bad input through err (may be NULL),
 * naming the argument at fault, so a binding needs no loop and no
 * explanation of its own.  Addresses are IPv6 text without a scope
 * ("2001:db8::1"): the core parses and writes them, so a bad element is
 * worded once ("element 1 'bogus' is not an IPv6 address") and a binding
 * needs only a list-of-strings shape.  Outputs go to a caller buffer
 * (out, cap) with the length in *outlen; XAPI_RTH_MAX bytes always fit
 * (the largest extension header is 2048 bytes).
 *
 * Errors (errno and err->code): EINVAL for a bad value or malformed
 * bytes, with err->arg naming the argument; EOPNOTSUPP for a routing
 * type other than 0 and 4 (arg "type" or the header's name); ENOSPC with
 * arg NULL when a header is full (its state, not an argument) and with
 * arg "out" when cap is too small; EMSGSIZE when more addresses than
 * addrs_cap come out.
 */
#define XAPI_RTH_MAX 2048
#define XAPI_IN6_TEXT 46 /* INET6_ADDRSTRLEN */

/* One IPv6 address as text, NUL-terminated. */
typedef struct xapi_in6_text {
    char s[XAPI_IN6_TEXT];
} xapi_in6_text;

/* A routing header's fixed fields, as parsed. */
typedef struct xapi_rth_info {
    int type;              /* 0 or 4 */
    unsigned next_header;
    unsigned hdr_ext_len;
    unsigned segments_left;
    unsigned last_entry;   /* SRH; type 0: 0 */
    unsigned flags;        /* SRH; type 0: 0 */
    unsigned tag;          /* SRH, host order; type 0: 0 */
    uint32_t reserved;     /* type 0: the Reserved field, host order */
    size_t length;         /* the header's own length in bytes */
    size_t nsegments;
    size_t tlv_len;        /* SRH: bytes after the list; 0 for none */
    unsigned char tlv[XAPI_RTH_MAX]; /* those bytes */
} xapi_rth_info;

/* inet6_rth_space with err: the size, or -1 (EINVAL naming "type" or
 * "segments"). */
XAPI_EXPORT int xapi_rth_space(int type, int segments, xapi_error *err);
/* inet6_rth_init into out: an empty header (Segments Left 0). */
XAPI_EXPORT int xapi_rth_init(int type, int segments, void *out, size_t cap,
                              size_t *outlen, xapi_error *err);
/* A copy of header buf/len (its own length) with addr appended as the
 * next segment (inet6_rth_add).  ENOSPC, arg NULL, when it is full. */
XAPI_EXPORT int xapi_rth_add(const void *buf, size_t len, const char *addr,
                             void *out, size_t cap, size_t *outlen,
                             xapi_error *err);
/* A whole header of type (0 or 4) visiting addrs in path order (init and
 * one add per address: Segments Left naddrs, Next Header 0).  EOPNOTSUPP
 * naming "type" for another routing type; EINVAL naming "addrs" for more
 * than 127 (or, type 4, no) addresses or one that does not parse. */
XAPI_EXPORT int xapi_rth_build(int type, const char *const *addrs,
                               size_t naddrs, void *out, size_t cap,
                               size_t *outlen, xapi_error *err);
/* inet6_rth_segments with err (the header is named "bytes", as the bindings call it). */
XAPI_EXPORT int xapi_rth_segments(const void *buf, size_t len,
                                  xapi_error *err);
/* inet6_rth_getaddr with err: address index (path order) as text. */
XAPI_EXPORT int xapi_rth_getaddr(const void *buf, size_t len, int index,
                                 xapi_in6_text *addr_out, xapi_error *err);
/* inet6_rth_reverse into out, reporting the length written (the header's
 * own; out may be buf: in place). */
XAPI_EXPORT int xapi_rth_reverse(const void *buf, size_t len, void *out,
                                 size_t cap, size_t *outlen,
                                 xapi_error *err);
/* The whole header: fields into *info_out, addresses in path order into
 * addrs_out (capacity addrs_cap, count *naddrs). */
XAPI_EXPORT int xapi_rth_parse(const void *buf, size_t len,
                               xapi_rth_info *info_out,
                               xapi_in6_text *addrs_out, size_t addrs_cap,
                               size_t *naddrs, xapi_error *err);
/* An SRH (RFC 8754 section 2) from segments in WIRE order (Segment
 * List[0] first), every field given (0..255; tag 0..65535;
 * segments_left at most nsegments) and TLV bytes (a multiple of 8, each
 * TLV well formed).  1..XAPI_SRH_MAX_SEGMENTS segments. */
XAPI_EXPORT int xapi_srh_encode(const char *const *segments,
                                size_t nsegments, int segments_left,
                                int next_header, int flags, int tag,
                                const void *tlv, size_t tlvlen, void *out,
                                size_t cap, size_t *outlen,
                                xapi_error *err);
/* An SRH, segments in WIRE order; EINVAL for another routing type (not
 * an SRH) or more than XAPI_SRH_MAX_SEGMENTS segments. */
XAPI_EXPORT int xapi_srh_decode(const void *buf, size_t len,
                                xapi_rth_info *info_out,
                                xapi_in6_text *addrs_out, size_t addrs_cap,
                                size_t *naddrs, xapi_error *err);

/* ICMPv6 filters as their 32 bytes (Linux layout, see above), from and
 * to lists of types.  pass 1: a filter blocking every type but types
 * ("pass list"); pass 0: passing every type but types ("block list").
 * A type outside 0..255 is EINVAL naming "type"; a filter of another
 * length EINVAL naming "filter". */
XAPI_EXPORT int xapi_icmp6_filter_make(int pass, const int *types,
                                       size_t ntypes, void *out, size_t cap,
                                       size_t *outlen, xapi_error *err);
/* The filter buf/len with types set to pass (pass 1) or block (pass 0). */
XAPI_EXPORT int xapi_icmp6_filter_update(const void *buf, size_t len,
                                         int pass, const int *types,
                                         size_t ntypes, void *out,
                                         size_t cap, size_t *outlen,
                                         xapi_error *err);
/* 1 if type passes the filter, 0 if it is blocked, -1. */
XAPI_EXPORT int xapi_icmp6_filter_test(const void *buf, size_t len,
                                       int type, xapi_error *err);
/* The types that pass (pass 1) or are blocked (pass 0), ascending. */
XAPI_EXPORT int xapi_icmp6_filter_types(const void *buf, size_t len,
                                        int pass, int *types_out,
                                        size_t types_cap, size_t *ntypes,
                                        xapi_error *err);
/* setsockopt(ICMP6_FILTER) of the 32 bytes buf/len; the kernel's errno. */
XAPI_EXPORT int xapi_icmp6_filter_install(int fd, const void *buf,
                                          size_t len, xapi_error *err);
/* getsockopt(ICMP6_FILTER) into out (32 bytes). */
XAPI_EXPORT int xapi_icmp6_filter_fetch(int fd, void *out, size_t cap,
                                        size_t *outlen, xapi_error *err);

/* struct ip6_mtuinfo bytes (exactly its size, family AF_INET6 or 0) to
 * *mtu_out; EINVAL naming "data". */
XAPI_EXPORT int xapi_mtuinfo_decode(const void *buf, size_t len,
                                    xapi_mtuinfo *mtu_out, xapi_error *err);
/* struct ip6_mtuinfo for addr (as xapi_encode_nexthop takes it) and mtu. */
XAPI_EXPORT int xapi_mtuinfo_encode(const char *addr, unsigned mtu,
                                    void *out, size_t cap, size_t *outlen,
                                    xapi_error *err);
/* The IPV6_NEXTHOP payload (a struct sockaddr_in6) for addr ("fe80::1%eth0"
 * sets the scope); EINVAL naming "addr". */
XAPI_EXPORT int xapi_nexthop(const char *addr, void *out, size_t cap,
                             size_t *outlen, xapi_error *err);
/* A struct sockaddr_in6 payload (exactly its size, AF_INET6) back to the
 * address text and its scope id; EINVAL naming "data". */
XAPI_EXPORT int xapi_nexthop_decode(const void *buf, size_t len,
                                    xapi_in6_text *addr_out,
                                    unsigned *ifindex_out, xapi_error *err);
/* IPV6_HOPLIMIT / IPV6_TCLASS payloads (an int, -1..255) and struct
 * in6_pktinfo, with err naming "data" (PyXAPI's set_from_data). */
XAPI_EXPORT int xapi_rfc3542_decode_int(const void *buf, size_t len,
                                        int *value, xapi_error *err);
XAPI_EXPORT int xapi_rfc3542_decode_pktinfo(const void *buf, size_t len,
                                            xapi_in6_text *addr_out,
                                            unsigned *ifindex_out,
                                            xapi_error *err);
/* XAPI-RTH-WHOLE-END */

/* XAPI-RFC3542-END */

/* ------------------------------------------------------------------ */
/* Error queue and network namespaces (see issue 4)                     */
/* XAPI-NET-BEGIN (declarations added by the network-lab work) */

/*
 * A socket in another network namespace.  netns names a namespace as
 * ip-netns(8) does ("lab-a" means /run/netns/lab-a) or, if it contains a
 * '/', is a path to a namespace file (/proc/PID/ns/net).  The calling
 * thread enters that namespace (setns(2), which needs CAP_SYS_ADMIN),
 * creates the socket close-on-exec and always returns to the namespace it
 * was in; signals are blocked meanwhile, so no handler runs in the wrong
 * namespace.  The socket stays in the namespace it was created in: one
 * process can hold sockets in many namespaces at once.  If the thread is
 * already in that namespace, no switch is made.
 *
 * Returns the descriptor.  Errors: EINVAL for a NULL or empty name, "."
 * or ".."; ENAMETOOLONG; ENOENT (no such namespace) and the other open(2)
 * errors; EINVAL from setns(2) when the file is not a network namespace;
 * EPERM without the capability; socket(2)'s errors.  In every failure
 * case the thread is back in its own namespace: should returning fail
 * (it cannot in practice), the new socket is closed and -1 returned with
 * that error.
 */
XAPI_EXPORT int xapi_socket_netns(const char *netns, int family, int type,
                                  int protocol);

/*
 * The error queue (ip(7) IP_RECVERR, ipv6(7) IPV6_RECVERR): with that
 * option set, recvmsg(..., MSG_ERRQUEUE) returns the payload of the
 * datagram that failed and one ancillary item, level IPPROTO_IP type
 * IP_RECVERR or level IPPROTO_IPV6 type IPV6_RECVERR, whose payload is a
 * struct sock_extended_err followed by the offender's address (for ICMP
 * errors, the node that sent the ICMP message).  struct xapi_sock_err is
 * declared with the typed items above; xapi_cmsg_decode gives it as kind
 * XAPI_VALUE_SOCK_ERR, name "sock_err".
 */

/* Decodes one IP_RECVERR / IPV6_RECVERR payload of len bytes.  EINVAL for
 * a NULL pointer or len below sizeof(struct sock_extended_err) (16). */
XAPI_EXPORT int xapi_decode_sock_err(const void *buf, size_t len,
                                     xapi_sock_err *out);

/*
 * ICMP extensions (RFC 4884 multi-part messages, RFC 4950 MPLS label
 * stacks, RFC 5837 interface information), as routers append them to
 * ICMP Destination Unreachable, Time Exceeded and (ICMPv4) Parameter
 * Problem messages after the "original datagram", which the RFC 4884
 * length field then measures (ICMPv4: octet 5, in 32-bit words; ICMPv6:
 * octet 4, in 64-bit words; at least 128 octets when set).
 *
 * Where the bytes come from on Linux: a raw ICMP socket receives the
 * whole message (IPv4: behind the IP header, which the caller skips by
 * its IHL; ICMPv6: the message itself), which xapi_icmp_ext_parse takes.
 * A UDP socket's error queue (IP_RECVERR, IPV6_RECVERR) returns the
 * quoted datagram's payload onwards, extension included; with
 * IP_RECVERR_RFC4884 / IPV6_RECVERR_RFC4884 set the kernel checks the
 * structure and gives its offset in those bytes in ee_data's low 16 bits
 * (struct sock_ee_data_rfc4884, flag SO_EE_RFC4884_FLAG_INVALID), from
 * which xapi_icmp_ext_parse_struct takes the structure alone.
 *
 * Both calls check every length before use and give one record (kind
 * XAPI_VALUE_ICMPEXT, name "icmpext", member icmpext) per MPLS label
 * stack entry, per interface information object and per other object, in
 * the message's order, into values (capacity cap, *count set).  There are
 * never more than len / 4 records, so a caller can size values from len.
 * cap 0 and values NULL only count.  Errors (errno, and err naming the
 * argument): EINVAL for bytes that lie ("icmp" / "ext": an RFC 4884
 * length past the end or below 128 octets, an extension version other
 * than 2, a wrong checksum, an object length below 4 or past the end, an
 * interface object whose length disagrees with its C-Type, an unknown
 * address family, a name that is not UTF-8), for a family other than
 * AF_INET or AF_INET6 ("family"); ENOSPC when cap is too small (*count is
 * the number needed).
 */
#define XAPI_ICMP_EXT_CLASS_MPLS 1   /* RFC 4950 */
#define XAPI_ICMP_EXT_CLASS_IFINFO 2 /* RFC 5837 */
#define XAPI_ICMP_EXT_ROLE_INCOMING 0  /* incoming IP interface */
#define XAPI_ICMP_EXT_ROLE_SUB_IP 1    /* sub-IP component of it */
#define XAPI_ICMP_EXT_ROLE_OUTGOING 2  /* outgoing IP interface */
#define XAPI_ICMP_EXT_ROLE_NEXTHOP 3   /* IP next hop */

/* Where the extension structure starts in an ICMP (family AF_INET) or
 * ICMPv6 (AF_INET6) message of len bytes: 8 + the RFC 4884 length, or 0
 * when the message has none (a length of 0, or a type that cannot carry
 * one).  -1 with EINVAL as above. */
XAPI_EXPORT int xapi_icmp_ext_offset(int family, const void *icmp,
                                     size_t icmplen, xapi_error *err);
/* The records of the ICMP(v6) message in icmp (no records when it has no
 * extension structure); offsets are from the start of the message. */
XAPI_EXPORT int xapi_icmp_ext_parse(int family, const void *icmp,
                                    size_t icmplen, xapi_value *values,
                                    size_t cap, size_t *count,
                                    xapi_error *err);
/* The records of an extension structure alone (its header first), e.g.
 * the error-queue bytes from the offset the kernel gave; offsets are from
 * the start of ext. */
XAPI_EXPORT int xapi_icmp_ext_parse_struct(const void *ext, size_t extlen,
                                           xapi_value *values, size_t cap,
                                           size_t *count, xapi_error *err);
/* The records of an error-queue message: data (datalen bytes) is what
 * recvmsg(MSG_ERRQUEUE) read on a socket with IP_RECVERR_RFC4884 /
 * IPV6_RECVERR_RFC4884 set, ee_data the error item's ee_data (the
 * sock_err record's "data" field), which the kernel then fills as struct
 * sock_ee_data_rfc4884: the structure's offset in data (0: none, no
 * records) and SO_EE_RFC4884_FLAG_INVALID when its own check failed
 * (EINVAL naming "ee_data", as for an offset past datalen).  Offsets in
 * the records are from the start of data. */
XAPI_EXPORT int xapi_icmp_ext_parse_errqueue(unsigned ee_data,
                                             const void *data,
                                             size_t datalen,
                                             xapi_value *values, size_t cap,
                                             size_t *count,
                                             xapi_error *err);

/* XAPI-NET-END */

/* ------------------------------------------------------------------ */
/* Batch I/O: recvmmsg / sendmmsg over reusable arrays (see issue 5)    */
/* XAPI-BATCH-BEGIN (declarations added by the batch work) */

/*
 * Batches move many datagrams per system call (recvmmsg(2), sendmmsg(2))
 * over an array of xapi_msg: each message keeps its own address, buffers
 * and control buffer, so every message of a batch may go to another
 * destination with ancillary items of its own.
 *
 * The kernel's struct mmsghdr array lives in an xapi_batch, allocated once
 * (xapi_batch_new, or xapi_batch_init in caller memory of
 * xapi_batch_size(n) bytes) and reused for every call: the calls
 * themselves allocate nothing.  A batch is scratch space for one call at
 * a time: threads that do batch I/O concurrently need one batch each.
 */
#define XAPI_BATCH_MAX 1024 /* UIO_MAXIOV: sendmmsg's own limit */

typedef struct xapi_batch xapi_batch;

/* Bytes an xapi_batch of capacity n needs (1..XAPI_BATCH_MAX); 0 with
 * EINVAL otherwise. */
XAPI_EXPORT size_t xapi_batch_size(unsigned n);
/* Lays out a batch of capacity n in mem (len bytes, at least
 * xapi_batch_size(n), aligned for a pointer, as malloc's memory is).
 * Returns mem as a batch; NULL with EINVAL for a bad n, a NULL or
 * misaligned mem, ENOSPC if len is too small.  Nothing to free. */
XAPI_EXPORT xapi_batch *xapi_batch_init(void *mem, size_t len, unsigned n);
/* The same, with the memory from malloc; NULL with EINVAL or ENOMEM. */
XAPI_EXPORT xapi_batch *xapi_batch_new(unsigned n);
/* For batches from xapi_batch_new only; NULL is accepted. */
XAPI_EXPORT void xapi_batch_free(xapi_batch *b);
/* The n the batch was made for. */
XAPI_EXPORT unsigned xapi_batch_capacity(const xapi_batch *b);

/*
 * Both calls take n messages (0..capacity; 0 returns 0 without a system
 * call) and return how many were done, 1..n, or -1 with errno.  Each
 * message is checked as xapi_sendmsg / xapi_recvmsg check theirs
 * (EINVAL).
 *
 * Errors part-way follow the kernel: when message k fails after k > 0
 * messages were done, the call returns k and the error is not reported;
 * the next call, starting at message k, fails with it (for a send: the
 * same message is refused again).  A message that fails xapi's own checks
 * counts as one the kernel refused: the messages before it are done and
 * their count returned; a call starting at it fails with EINVAL.  So a
 * caller loops "done += r" until done == n or r == -1.
 *
 * Receive: msgs[i] is filled as xapi_recvmsg fills one message (datalen,
 * flags, addr.len, controllen, which therefore needs resetting to the
 * buffer's capacity before the next receive, e.g. with
 * xapi_batch_setup_slots); messages past the count returned are left
 * untouched.  flags are recvmmsg's: MSG_DONTWAIT returns what is queued
 * (EAGAIN if nothing), MSG_WAITFORONE waits for the first datagram only,
 * MSG_TRUNC per message as for xapi_recvmsg.
 * timeout_ms < 0: no timeout, the call blocks as the socket and flags
 * say.  timeout_ms >= 0: wait up to that long for the first datagram
 * (poll(2)), then take what is queued without waiting further; -1 with
 * EAGAIN when nothing came in time.  (recvmmsg's own timeout is not used:
 * it is only checked after each datagram, see BUGS in recvmmsg(2).)
 * EINTR is returned, never retried.
 *
 * Send: msgs[i].datalen gets the bytes sent for every message done.
 */
XAPI_EXPORT int xapi_batch_recv(int fd, xapi_batch *b, xapi_msg *msgs,
                                unsigned n, int flags, int timeout_ms);
XAPI_EXPORT int xapi_batch_send(int fd, xapi_batch *b, xapi_msg *msgs,
                                unsigned n, int flags);

/*
 * Points n messages at slots of caller memory, for receiving a batch into
 * one contiguous buffer (a bytearray, a Perl scalar) without allocating
 * per message: msgs[i].iov = &iov[i] (one piece) over data + i * slot,
 * slot bytes; control = control + i * cslot, controllen = cslot (control
 * may be NULL when cslot is 0); addr.len, flags and datalen are zeroed.
 * Calling it again before each receive restores the capacities a receive
 * overwrote.  A cslot that is a multiple of sizeof(size_t) keeps every
 * control slot aligned as the kernel aligns items (not required: xapi's
 * walker reads unaligned buffers).  EINVAL for n = 0, NULL arrays, a NULL
 * data with slot > 0, cslot over INT_MAX; EOVERFLOW when n * slot or
 * n * cslot does not fit a size_t.
 */
XAPI_EXPORT int xapi_batch_setup_slots(xapi_msg *msgs, unsigned n,
                                       struct iovec *iov, void *data,
                                       size_t slot, void *control,
                                       size_t cslot);

/*
 * UDP segmentation offload (udp(7)).  With UDP_SEGMENT set on the socket
 * (xapi_setsockopt_int(fd, SOL_UDP, UDP_SEGMENT, size)) or given per
 * message as an ancillary item (level SOL_UDP, type UDP_SEGMENT), one
 * send of up to 64 KB leaves as datagrams of size bytes each, the last
 * one shorter.  The item's payload is a uint16_t, not an int (the kernel
 * refuses any other length, udp_cmsg_send); 0 turns segmentation off for
 * that message.  The kernel also refuses (EINVAL, at send time) a size
 * that does not fit the path MTU and more than its UDP_MAX_SEGMENTS
 * segments per send (64; 128 on recent kernels).
 *
 * Receive side: with UDP_GRO set on the socket the kernel may hand over
 * several datagrams of one flow as one coalesced buffer with an item
 * (SOL_UDP, UDP_GRO) whose payload is an int, the segment size: every
 * segment has that size except the last, which may be shorter.
 */
/* Writes the UDP_SEGMENT payload (2 bytes); EINVAL for size > 65535,
 * ENOSPC if cap < 2. */
XAPI_EXPORT int xapi_encode_udp_segment(unsigned size, void *out, size_t cap,
                                        size_t *outlen);
/* Reads a UDP_SEGMENT payload: exactly 2 bytes. */
XAPI_EXPORT int xapi_decode_udp_segment(const void *buf, size_t len,
                                        unsigned *out);
/* Reads a UDP_GRO payload: exactly sizeof(int) bytes, 1..65535. */
XAPI_EXPORT int xapi_decode_udp_gro(const void *buf, size_t len, int *out);
/* How many segments a coalesced buffer of datalen bytes holds with
 * segment size gso_size (the last one may be shorter); 0 for gso_size 0. */
XAPI_EXPORT size_t xapi_udp_gro_segments(size_t datalen, int gso_size);

/*
 * Whole-batch receive (what the language bindings use).  An
 * xapi_recv_batch owns everything one recvmmsg(2) call and its result
 * need: count data slots of slot bytes, count control slots, the
 * addresses, the kernel's headers and the decoded items, as flat arrays
 * of xapi_cmsg and xapi_value.  It is made once and reused: a receive
 * allocates nothing, except that the item arrays grow (and stay grown)
 * the first time a batch brings more items than they hold.
 *
 * xapi_recv_batch_recv receives up to n datagrams and decodes every one:
 * its source address, its data, its items (walked as xapi_cmsg_next
 * walks them, each decoded with xapi_cmsg_decode; a malformed payload
 * keeps kind XAPI_VALUE_NONE, a malformed header ends the walk and sets
 * XAPI_BATCH_BAD_CONTROL).  Message i is then read with
 * xapi_recv_batch_msg.  Bindings build native results from these views
 * and may reuse the objects of message i - 1 when `same` says so.
 * xapi_recv_batch_recv_into does the same with the data slots laid over
 * caller memory: slot i is buf + i * slot (the object's own slot size is
 * not used; it may be 0).
 *
 * flags and timeout_ms are xapi_batch_recv's (timeout_ms < 0: none).
 * Return the count received (1..n) or -1 with errno and err: EINVAL with
 * err->arg "count" (n is 0 or above the capacity), "buffer" (too small
 * for n * slot, or NULL), "slot" (over XAPI_MAX_DATA); the kernel's errno
 * (EAGAIN when nothing came in time, EINTR never retried) with arg NULL.
 * The views stay valid until the next receive or the free.  One thread at
 * a time per object.
 */
typedef struct xapi_recv_batch xapi_recv_batch;

#define XAPI_BATCH_SAME_ADDR   1u /* source address bytes == message i-1's */
#define XAPI_BATCH_SAME_ITEMS  2u /* items (count, level, type, payload
                                     bytes) == message i-1's; items and
                                     values then point at i-1's */
#define XAPI_BATCH_BAD_CONTROL 4u /* the walk stopped at a malformed
                                     header (the items before it kept) */

typedef struct xapi_batch_msg {
    const unsigned char *data; /* the slot */
    size_t len;                /* bytes of data in the slot */
    size_t datalen;            /* the kernel's count: with MSG_TRUNC in the
                                  call's flags the datagram's full length */
    xapi_addr addr;            /* the source (len 0: none given) */
    int flags;                 /* msg_flags: MSG_TRUNC, MSG_CTRUNC, ... */
    unsigned same;             /* XAPI_BATCH_SAME_* , BAD_CONTROL */
    const xapi_cmsg *items;    /* nitems items, views into the control slot */
    const xapi_value *values;  /* their decoded values */
    size_t nitems;
} xapi_batch_msg;

/* count 1..XAPI_BATCH_MAX, slot 0..XAPI_MAX_DATA bytes, ctlsize
 * 0..XAPI_MAX_ANC bytes, count * slot and count * ctlsize at most
 * XAPI_MAX_DATA; NULL with EINVAL (err->arg "count", "size", "ancsize")
 * or ENOMEM. */
XAPI_EXPORT xapi_recv_batch *xapi_recv_batch_new(unsigned count, size_t slot,
                                                 size_t ctlsize,
                                                 xapi_error *err);
/* NULL is accepted. */
XAPI_EXPORT void xapi_recv_batch_free(xapi_recv_batch *rb);
XAPI_EXPORT unsigned xapi_recv_batch_capacity(const xapi_recv_batch *rb);
XAPI_EXPORT int xapi_recv_batch_recv(int fd, xapi_recv_batch *rb, unsigned n,
                                     int flags, int timeout_ms,
                                     xapi_error *err);
XAPI_EXPORT int xapi_recv_batch_recv_into(int fd, xapi_recv_batch *rb,
                                          unsigned n, void *buf, size_t buflen,
                                          size_t slot, int flags,
                                          int timeout_ms, xapi_error *err);
/* One message scattered over caller pieces (recvmsg(2), as
 * socket.recvmsg_into does): afterwards message 0 of the batch describes
 * it (data and len: piece 0; datalen: all bytes received).  The batch's
 * own slots are not used (make it with count 1, slot 0 and the control
 * size wanted).  EINVAL with err->arg "buffers" for a NULL array with a
 * count, a NULL piece with a length, more than XAPI_MAX_PIECES pieces or
 * more than XAPI_MAX_DATA bytes; the kernel's errno otherwise (EINTR is
 * not retried).  No timeout: flags (MSG_DONTWAIT) and the socket say. */
XAPI_EXPORT int xapi_recv_batch_recv_iov(int fd, xapi_recv_batch *rb,
                                         const struct iovec *buffers,
                                         size_t nbuffers, int flags,
                                         xapi_error *err);
/*
 * GRO splitting.  With UDP_GRO set on the socket (xapi_setsockopt_int(fd,
 * SOL_UDP, UDP_GRO, 1)) Linux may hand over up to 64 datagrams of one
 * flow (UDP_GRO_CNT_MAX) coalesced in one buffer, with a (SOL_UDP,
 * UDP_GRO) item holding the segment size.  xapi_recv_batch_split(rb,
 * segcap) makes every later xapi_recv_batch_recv on rb deliver each such
 * buffer as separate messages, one per segment, as if they had come one
 * by one:
 *   - message data/len is a view into the buffer's slot (segment j at
 *     offset j * size, every segment size bytes but the last, which may
 *     be shorter); datalen is the segment's length;
 *   - every segment carries the buffer's source address, flags and items
 *     (the UDP_GRO item included); segments after a buffer's first have
 *     XAPI_BATCH_SAME_ADDR | XAPI_BATCH_SAME_ITEMS set, so bindings reuse
 *     the objects;
 *   - a buffer is left whole (one message) when it has no UDP_GRO item,
 *     the item is malformed (not an int in 1..65535), or it holds at most
 *     one segment (datalen <= size: not coalesced);
 *   - a truncated buffer (the slot shorter than the buffer: MSG_TRUNC) is
 *     cut by its datalen (the full length when MSG_TRUNC is in the
 *     call's flags, else the bytes copied): segments with bytes missing
 *     have len < datalen (0 for those wholly past the slot) and
 *     MSG_TRUNC, and the last segment keeps the kernel's MSG_TRUNC; no
 *     datagram is dropped silently.
 * The slot must hold a whole coalesced buffer: 64 * segment size bytes,
 * at most 65535 (UDP_GRO_CNT_MAX segments per buffer; a larger slot
 * costs nothing but memory).
 *
 * segcap (1..XAPI_GRO_SPLIT_MAX) bounds the messages one receive
 * delivers; capacity * 64 never holds anything back for a kernel that
 * coalesces at most 64.  The return value of xapi_recv_batch_recv and
 * xapi_recv_batch_count are then the number of messages delivered, n
 * still the number of buffers asked from recvmmsg(2).  Segments past
 * segcap are kept: the next xapi_recv_batch_recv delivers them (up to
 * segcap, from the same slots) without a system call, ignoring its n,
 * flags and timeout; xapi_recv_batch_pending says how many are kept.
 * segcap 0 turns splitting off.  Either call drops what was received or
 * kept.  While splitting, xapi_recv_batch_recv_into and _recv_iov refuse
 * the batch (EINVAL, err->arg "batch"): the views need the batch's own
 * slots.  EINVAL with err->arg "batch" (NULL) or "segcap" (over
 * XAPI_GRO_SPLIT_MAX); ENOMEM.
 */
#define XAPI_GRO_SPLIT_MAX 65536u /* XAPI_BATCH_MAX * 64 */
XAPI_EXPORT int xapi_recv_batch_split(xapi_recv_batch *rb, unsigned segcap,
                                      xapi_error *err);
/* Segments kept for the next receive (0 when not splitting or none;
 * UINT_MAX when more). */
XAPI_EXPORT unsigned xapi_recv_batch_pending(const xapi_recv_batch *rb);
/*
 * A batch kept for the last dimensions asked for (what a binding keeps
 * between calls, so a receive loop allocates nothing): *rbp is left as
 * it is when it was made for count, slot and ctlsize and splits with
 * segcap (0: not splitting), else replaced by a new batch made so (the
 * old one freed; NULL is none).  0, or -1 with errno and err as
 * xapi_recv_batch_new's and xapi_recv_batch_split's (*rbp unchanged; err
 * ->arg "batch" for a NULL rbp).
 */
XAPI_EXPORT int xapi_recv_batch_fit(xapi_recv_batch **rbp, unsigned count,
                                    size_t slot, size_t ctlsize,
                                    unsigned segcap, xapi_error *err);
/* How many messages the last receive brought (0 before the first). */
XAPI_EXPORT unsigned xapi_recv_batch_count(const xapi_recv_batch *rb);
/* Message i of the last receive; NULL (EINVAL) for i >= the count. */
XAPI_EXPORT const xapi_batch_msg *xapi_recv_batch_msg(
    const xapi_recv_batch *rb, unsigned i);

/*
 * Whole-batch send: n messages as plain structs, each with its pieces,
 * its destination and its items (xapi_cmsg with level, type, data, len;
 * the core lays out each message's control buffer).  Every message is
 * checked before anything is sent, so bad input sends nothing: EINVAL
 * with err->arg "messages" and the message's index in the reason (a NULL
 * piece with a length, more than XAPI_MAX_PIECES pieces, more than
 * XAPI_MAX_DATA bytes, an address longer than a sockaddr_storage, a NULL
 * item payload, items over XAPI_MAX_ANC bytes).  Messages whose items
 * are the previous message's (the same array, or items equal in level,
 * type and payload bytes) share its control buffer, laid out once.  More than XAPI_BATCH_MAX messages go in several sendmmsg(2)
 * calls.  Returns how many were sent (0 for n = 0); errors part-way
 * follow the kernel, as for xapi_batch_send: the count so far is
 * returned and the error left to the next call, which starts at the
 * refused message; -1 with errno and err (arg NULL) when the first
 * message fails.  The scratch (kernel headers, control buffers) is one
 * allocation per call.
 */
typedef struct xapi_batch_out {
    const struct iovec *iov;
    size_t iovlen;
    const xapi_addr *addr;     /* NULL or len 0: no destination */
    const xapi_cmsg *items;
    size_t nitems;
} xapi_batch_out;

XAPI_EXPORT int xapi_batch_sendv(int fd, const xapi_batch_out *msgs,
                                 size_t n, int flags, xapi_error *err);

/* XAPI-BATCH-END */

/* ------------------------------------------------------------------ */
/* Original destination and IPv6 flow labels (ip(7), ipv6(7))            */
/* ------------------------------------------------------------------ */

/*
 * Received:
 *   IP_RECVORIGDSTADDR / IPV6_RECVORIGDSTADDR set on a socket give every
 *   datagram an IP_ORIGDSTADDR / IPV6_ORIGDSTADDR item, decoded to kind
 *   XAPI_VALUE_ORIGDST ("origdst": address and port it was sent to).
 *   IPV6_FLOWINFO set to 1 gives an IPV6_FLOWINFO item: the header's
 *   traffic class and flow label as the kernel copies them (a big-endian
 *   32-bit word, version bits cleared), decoded to an int in host order
 *   ("flowinfo": tclass << 20 | label, 0..0x0fffffff; the label is
 *   value & IPV6_FLOWINFO_FLOWLABEL, the traffic class value >> 20).
 *   SO_RXQ_OVFL set to 1 gives, once the socket has dropped datagrams,
 *   an SO_RXQ_OVFL item: the kernel's drop count (a 32-bit unsigned
 *   counter that wraps) when the datagram was queued ("rxq_ovfl",
 *   0..4294967295).
 *
 * Sent: an IPv6 address's text may end in "/flowinfo=N" (after any
 * "%scope"), N decimal or 0x hex, 0..0x0fffffff in the same host-order
 * layout: xapi_addr_parse puts it in sin6_flowinfo, so every call that
 * takes address text (send, connect, bind) takes it.  Linux uses it only
 * with IPV6_FLOWINFO_SEND set on the socket, and then refuses (EINVAL) a
 * label the socket has not leased with xapi_flowlabel_lease.
 */

/* Leases flow label `label` (1..0xfffff; 0 lets the kernel choose one)
 * towards the IPv6 address host (text; not :: or v4-mapped, which the
 * kernel refuses; its scope is ignored) on socket
 * fd: IPV6_FLOWLABEL_MGR with IPV6_FL_A_GET and IPV6_FL_F_CREATE, sharing
 * `share` (IPV6_FL_S_EXCL, _PROCESS, _USER or _ANY).  Returns the label
 * leased.  EINVAL naming "host", "label" or "share"; then the kernel's
 * errors (arg NULL): ERANGE for a label with bit 0x80000 set while the
 * flowlabel_state_ranges sysctl reserves those, EPERM or EINVAL for a
 * label held by another socket under another sharing or towards another
 * destination, ENOPROTOOPT on a socket that is not IPv6. */
XAPI_EXPORT int xapi_flowlabel_lease(int fd, const char *host, unsigned label,
                                     int share, xapi_error *err);
/* Gives the lease back (IPV6_FL_A_PUT).  EINVAL naming "label"; ESRCH
 * (arg NULL) for a label the socket does not hold. */
XAPI_EXPORT int xapi_flowlabel_release(int fd, unsigned label,
                                       xapi_error *err);

#ifdef __cplusplus
}
#endif

#endif /* XAPI_H */
