/*
 * swig/xapi.i - the interface every language shares.
 *
 * Each language's top file (bindings/LANG/xapi_LANG.i) sets %module, then
 * includes its typemaps (swig/LANG/typemaps.i), which must define the C
 * macro XAPI_RAISE_OS(fname) - raise the language's OS error from errno
 * and jump to the wrapper's fail label - and then includes this file.
 * Everything a language does differently (message I/O, ancillary items,
 * addresses as native values) lives in its own files; the decisions that
 * are the same everywhere live here, once.
 *
 * Typemaps key on these parameter names, so keep them:
 *   int fd                                   a socket: native handle or int
 *   const char *host, unsigned port          an address in text form
 *   const void *buf, size_t len              bytes in
 *   void *out, size_t cap, size_t *outlen    bytes out
 *   int *value                               an int out
 *   xapi_addr *addr_out                      an address out
 *   xapi_error *err                          the core's account of bad
 *                                            input (never a language
 *                                            argument: see below)
 *
 * Errors: each language's typemaps.i defines
 *   XAPI_RAISE(fname, errp)  raise the language's error for a failed core
 *                            call, then jump to the wrapper's fail label.
 *                            errp is the call's xapi_error (NULL for calls
 *                            that report through errno alone).  An error
 *                            with an argument name is the caller's bad
 *                            input (xapi_error_is_value() picks "bad value"
 *                            or OS error), one without is an OS error
 *                            from errp->code or errno.  The message is
 *                            the core's xapi_error_format() wording.
 *   XAPI_RAISE_OS(fname)     XAPI_RAISE(fname, NULL).
 * The failure rule of every call is one line of the errno table below.
 */

%{
#include <errno.h>
#include <string.h>
#include "xapi.h"
%}

/* ---- xapi_error *err: never seen by a language caller ------------------
 * The wrapper owns one xapi_error per call, under a fixed name, so that the
 * errno table below can hand it to XAPI_RAISE.  The %{ %} form emits the
 * declaration at the wrapper's own scope (no enclosing braces). */
%typemap(in, numinputs=0) xapi_error *err %{
  xapi_error xapi_err_ = { 0, NULL, "" };
  $1 = &xapi_err_;
%}
%typemap(freearg) xapi_error *err ""

/* ---- the errno table: how each call says it failed ---------------------
 * XAPI_ERRNO_ON_NEGATIVE(fn)  result < 0, errno only
 * XAPI_ERRNO_ON_ZERO(fn)      result == 0, errno only
 * XAPI_ERR_ON_NEGATIVE(fn)    result < 0, the call's xapi_error *err
 * XAPI_ERR_ON_NULL(fn)        result == NULL, the call's xapi_error *err */
%define XAPI_ERRNO_ON_NEGATIVE(fn)
%exception fn {
  errno = 0;
  $action
  if (result < 0) { XAPI_RAISE(#fn, NULL); }
}
%enddef

%define XAPI_ERRNO_ON_ZERO(fn)
%exception fn {
  errno = 0;
  $action
  if (result == 0) { XAPI_RAISE(#fn, NULL); }
}
%enddef

%define XAPI_ERR_ON_NEGATIVE(fn)
%exception fn {
  errno = 0;
  $action
  if (result < 0) { XAPI_RAISE(#fn, &xapi_err_); }
}
%enddef

%define XAPI_ERR_ON_NULL(fn)
%exception fn {
  errno = 0;
  $action
  if (result == NULL) { XAPI_RAISE(#fn, &xapi_err_); }
}
%enddef

/* Formatting an error is what the raise functions do; no language calls
 * these itself. */
%ignore xapi_error_format;  /* used by every XAPI_RAISE */
%ignore xapi_error_is_value; /* used by every XAPI_RAISE */

XAPI_ERRNO_ON_NEGATIVE(xapi_socket)
XAPI_ERRNO_ON_NEGATIVE(xapi_socket_family)
XAPI_ERR_ON_NEGATIVE(xapi_bind)
XAPI_ERR_ON_NEGATIVE(xapi_connect)
XAPI_ERRNO_ON_NEGATIVE(xapi_listen)
XAPI_ERRNO_ON_NEGATIVE(xapi_close)
XAPI_ERRNO_ON_NEGATIVE(xapi_setsockopt_int)
XAPI_ERRNO_ON_NEGATIVE(xapi_getsockopt_int)
XAPI_ERRNO_ON_NEGATIVE(xapi_setsockopt_bytes)
XAPI_ERRNO_ON_NEGATIVE(xapi_getsockopt_bytes)
XAPI_ERRNO_ON_NEGATIVE(xapi_getsockname)
XAPI_ERRNO_ON_NEGATIVE(xapi_getpeername)
XAPI_ERRNO_ON_ZERO(xapi_if_nametoindex)
XAPI_ERRNO_ON_ZERO(xapi_cmsg_space)
XAPI_ERRNO_ON_ZERO(xapi_cmsg_len)

/* The plain calls, identical in every language but for typemaps. */
int xapi_socket(int family, int type, int protocol);
int xapi_socket_family(int fd);
int xapi_bind(int fd, const char *host, unsigned port, xapi_error *err);
int xapi_connect(int fd, const char *host, unsigned port, xapi_error *err);
int xapi_listen(int fd, int backlog);
int xapi_close(int fd);
int xapi_setsockopt_int(int fd, int level, int name, int value);
int xapi_getsockopt_int(int fd, int level, int name, int *value);
int xapi_setsockopt_bytes(int fd, int level, int name, const void *buf,
                          size_t len);
int xapi_getsockopt_bytes(int fd, int level, int name, void *out,
                          size_t cap, size_t *outlen);
int xapi_getsockname(int fd, xapi_addr *addr_out);
int xapi_getpeername(int fd, xapi_addr *addr_out);
unsigned xapi_if_nametoindex(const char *name);
size_t xapi_cmsg_space(size_t len);
size_t xapi_cmsg_len(size_t len);

/* ==== options headers (RFC 3542 section 10, RFC 2460 Appendix B) ==== */
/* (declarations of the options work) */


/* ==== routing headers, SRH, ICMPv6 filter, path MTU, next hop ==== */
/* (declarations of the routing-header work) */


/* ==== ancillary items, messages, interfaces, constants ==== */

/* A call named for its public name in every language (the error says
 * "parse_cmsgs", not the C name). */
%define XAPI_ERR_ON_NEGATIVE_AS(fn, public)
%exception fn {
  errno = 0;
  $action
  if (result < 0) { XAPI_RAISE(public, &xapi_err_); }
}
%enddef

/* Shapes (each language's typemaps.i), applied to the names below and
 * cleared after the block so that no other topic's parameters pick them up:
 *   (ITEMS, NITEMS)               a list of items to send: item objects or
 *                                 (level, type, data) lists, as the
 *                                 language spells an item
 *   (ITEMS .. CONTROL_LEN)        the same list in, the control buffer the
 *                                 core builds from it out (bytes), sized
 *                                 with xapi_items_space
 *   (CONTROL_IN .. ITEMS_COUNT)   bytes in, the decoded items out (the
 *                                 language's item objects, sized with
 *                                 xapi_items_count)
 *   (PIECES, NPIECES)             a list of byte buffers to send
 *   DEST                          a destination, parsed for the socket
 *                                 (the call's first argument)
 *   RECV_MSG                      a receive request in, the whole
 *                                 received message out
 *   TYPED_ITEM_OUT, IF_LIST_COUNT, CONST_COUNT, IFINDEX, NETNS: below. */
%apply (const xapi_item *ITEMS, size_t NITEMS, void *CONTROL_OUT,
        size_t CONTROL_CAP, size_t *CONTROL_LEN) {
  (const xapi_item *items, size_t nitems, void *control, size_t controlcap,
   size_t *controllen) };
%apply (const void *CONTROL_IN, size_t CONTROL_IN_LEN, xapi_cmsg *CMSGS_OUT,
        xapi_value *VALUES_OUT, size_t ITEMS_CAP, size_t *ITEMS_COUNT) {
  (const void *bytes, size_t len, xapi_cmsg *cmsgs, xapi_value *values,
   size_t cap, size_t *count) };
/* Without flags, a buffer a caller hands over is refused whole. */
%typemap(default) int items_flags {
  $1 = XAPI_ITEMS_STRICT_HEADERS | XAPI_ITEMS_STRICT_VALUES;
}

/* The piecewise calls under the whole ones: no binding walks or builds a
 * control buffer, or fills an xapi_msg for a send, itself. */
%ignore xapi_cmsg_append;    /* xapi_items_build lays the items out */
%ignore xapi_cmsg_iter_init; /* xapi_items_parse walks */
%ignore xapi_cmsg_next;      /* xapi_items_parse walks */
%ignore xapi_cmsg_decode;    /* xapi_items_parse decodes every item */
%ignore xapi_sendmsg;        /* xapi_send takes pieces, address and items */
%ignore xapi_msg_piece_len;  /* the RECV_MSG typemaps cut pieces with it */
%ignore xapi_items_space; /* the item shapes size their buffers with it */
%ignore xapi_items_count; /* the decoded-items shape sizes with it */

/* The destination, pieces and items of a send. */
%apply (const struct iovec *PIECES, size_t NPIECES) {
  (const struct iovec *iov, size_t iovlen) };
%apply const xapi_addr *DEST { const xapi_addr *dest };
%apply (const xapi_item *ITEMS, size_t NITEMS) {
  (const xapi_item *cmsgs, size_t ncmsgs) };
/* flags = 0 (each language's typemaps.i converts "int send_flags" as its
 * "flags" argument). */
%typemap(default) int send_flags { $1 = 0; }

/* A call that a signal may interrupt: retried where the language says so
 * (XAPI_RETRY_EINTR(), with the error state of a signal handler), then
 * named for its public name. */
%{
#ifndef XAPI_RETRY_EINTR
#define XAPI_RETRY_EINTR() 0
#endif
%}
%define XAPI_ERR_ON_NEGATIVE_RETRY(fn, public)
%exception fn {
  for (;;) {
    errno = 0;
    $action
    if (result >= 0 || errno != EINTR || !XAPI_RETRY_EINTR()) break;
    xapi_err_.code = 0;
  }
  if (result < 0) { XAPI_RAISE(public, &xapi_err_); }
}
%enddef

%rename(sendmsg) xapi_send;
XAPI_ERR_ON_NEGATIVE_RETRY(xapi_send, "sendmsg")
ssize_t xapi_send(int fd, const struct iovec *iov, size_t iovlen,
                  const xapi_addr *dest, const xapi_item *cmsgs,
                  size_t ncmsgs, int send_flags, xapi_error *err);

/* A receive: the language's request (sizes of the pieces, the control
 * buffer's size) in, its whole message out. */
%apply xapi_msg *RECV_MSG { xapi_msg *m };
%define XAPI_ERRNO_ON_NEGATIVE_RETRY(fn, public)
%exception fn {
  for (;;) {
    errno = 0;
    $action
    if (result >= 0 || errno != EINTR || !XAPI_RETRY_EINTR()) break;
  }
  if (result < 0) { XAPI_RAISE(public, NULL); }
}
%enddef
XAPI_ERRNO_ON_NEGATIVE_RETRY(xapi_recvmsg, "recvmsg")
ssize_t xapi_recvmsg(int fd, xapi_msg *m, int flags);

/* Interfaces, constants, errno names.  Shapes:
 *   IF_LIST_COUNT   (numinputs 0) the list xapi_if_nameindex_all returns
 *                   as the language's list of (index, name) pairs
 *   CONST_COUNT     (numinputs 0) the core's constant table as the
 *                   language's dict / hash
 *   (char *name, size_t len)  an interface name out */
%apply size_t *IF_LIST_COUNT { size_t *if_count };
%apply size_t *CONST_COUNT { size_t *const_count };
%rename(if_nameindex) xapi_if_nameindex_all;
%ignore xapi_if_nameindex;      /* xapi_if_nameindex_all takes its place */
%ignore xapi_if_nameindex_free; /* the IF_LIST_COUNT shape frees with it */
%ignore xapi_constant_value;    /* the Tcl constant typemaps look names up */
XAPI_ERR_ON_NULL(xapi_if_nameindex_all)
XAPI_ERRNO_ON_NEGATIVE(xapi_if_indextoname)
xapi_ifentry *xapi_if_nameindex_all(size_t *if_count, xapi_error *err);
int xapi_if_indextoname(unsigned index, char *name, size_t len);
const xapi_constant *xapi_constants(size_t *const_count);
const char *xapi_errno_name(int errnum);

/* Typed items to send (Cmsg.hoplimit, Xapi::Cmsg->hoplimit, xapi::cmsg
 * hoplimit): TYPED_ITEM_OUT (numinputs 0) is the language's item;
 * IFINDEX an interface index (Tcl: or its name). */
%apply xapi_typed_item *TYPED_ITEM_OUT { xapi_typed_item *out };
%apply unsigned IFINDEX { unsigned ifindex };
XAPI_ERR_ON_NEGATIVE_AS(xapi_typed_int, "Cmsg")
XAPI_ERR_ON_NEGATIVE_AS(xapi_typed_pktinfo6, "Cmsg")
XAPI_ERR_ON_NEGATIVE_AS(xapi_typed_pktinfo4, "Cmsg")
int xapi_typed_int(const char *kind, int value, xapi_typed_item *out,
                   xapi_error *err);
int xapi_typed_pktinfo6(const char *addr, unsigned ifindex,
                        xapi_typed_item *out, xapi_error *err);
int xapi_typed_pktinfo4(unsigned ifindex, const char *spec_dst,
                        const char *addr, xapi_typed_item *out,
                        xapi_error *err);
%apply (const void *buf, size_t len) { (const void *data, size_t len) };
XAPI_ERR_ON_NEGATIVE_AS(xapi_typed_raw, "Cmsg")
int xapi_typed_raw(int level, int type, const void *data, size_t len,
                   xapi_typed_item *out, xapi_error *err);
%clear (const void *data, size_t len);
%clear unsigned ifindex;
%clear xapi_typed_item *out;

%rename(build_cmsgs) xapi_items_build;
%rename(parse_cmsgs) xapi_items_parse;
XAPI_ERR_ON_NEGATIVE_AS(xapi_items_build, "build_cmsgs")
XAPI_ERR_ON_NEGATIVE_AS(xapi_items_parse, "parse_cmsgs")
int xapi_items_build(const xapi_item *items, size_t nitems, void *control,
                     size_t controlcap, size_t *controllen, xapi_error *err);
int xapi_items_parse(const void *bytes, size_t len, xapi_cmsg *cmsgs,
                     xapi_value *values, size_t cap, size_t *count,
                     int items_flags, xapi_error *err);

%clear (const struct iovec *iov, size_t iovlen);
%clear const xapi_addr *dest;
%clear (const xapi_item *cmsgs, size_t ncmsgs);
%clear xapi_msg *m;


/* ==== error queue and network namespaces ==== */

/* A namespace name or path (NETNS: text for the OS, never empty).  The
 * error queue needs no declaration of its own: it is recvmsg with
 * MSG_ERRQUEUE, whose items the core decodes. */
%apply const char *NETNS { const char *netns };
%ignore xapi_decode_sock_err; /* xapi_items_parse gives it as kind
                                 XAPI_VALUE_SOCK_ERR */
XAPI_ERRNO_ON_NEGATIVE(xapi_socket_netns)
int xapi_socket_netns(const char *netns, int family, int type, int protocol);
%clear const char *netns;


/* ==== batches ==== */
/* (declarations of the batch work) */


/* ==== sockets and addresses: the rest ==== */
/* (declarations of the lead) */

