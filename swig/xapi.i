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
XAPI_ERRNO_ON_NEGATIVE(xapi_if_indextoname)
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
/* (declarations of the message work) */


/* ==== error queue and network namespaces ==== */
/* (declarations of the message work too) */


/* ==== batches ==== */
/*
 * Receive: a language holds an xapi_recv_batch as a handle (freed with
 * it) and one call receives and decodes a whole batch; the result shapes
 * build the native list from the batch's views in the same wrapper.
 * Send: the send-list shape marshals a native list of messages into
 * xapi_batch_out structs, handed over in one call.
 *
 * Shapes (typemaps in swig/LANG/batch.i, included here because they must
 * be known before the declarations; SWIG includes a file once):
 *   xapi_recv_batch *BATCH_RESULT      in: the handle; argout: the list of
 *                                      received messages (native Message
 *                                      objects / hashes / dicts)
 *   xapi_recv_batch *BATCH_INTO_RESULT the same for receive-into:
 *                                      (nbytes, address, items, flags)
 *   (void *WRITABLE, size_t WRITABLE_LEN)   a writable caller buffer
 *   (const struct iovec *WRITABLE_PIECES, size_t WRITABLE_NPIECES)
 *                                      one writable caller buffer or a
 *                                      list of them
 *   (const xapi_batch_out *SEND_LIST, size_t SEND_COUNT)
 *                                      a native list of messages (pieces,
 *                                      destination, items); needs int fd
 *                                      first (the family of destinations)
 *   unsigned BATCH_COUNT, size_t BATCH_SIZE   sizes: a negative or huge
 *                                      value is the language's "bad value"
 */
#ifdef SWIGPYTHON /* Perl and Tcl still hand-write theirs (batch.i) */
%include "batch.i"

/* Opaque to every language: a handle whose destructor frees it. */
typedef struct xapi_recv_batch xapi_recv_batch;
%nodefaultctor xapi_recv_batch;
struct xapi_recv_batch {};
%extend xapi_recv_batch {
  ~xapi_recv_batch() { xapi_recv_batch_free($self); }
}
%newobject xapi_recv_batch_new;

%apply unsigned BATCH_COUNT { unsigned count };
%apply size_t BATCH_SIZE { size_t size, size_t ancsize, size_t slot };
%apply xapi_recv_batch *BATCH_RESULT { xapi_recv_batch *batch };
%apply xapi_recv_batch *BATCH_INTO_RESULT { xapi_recv_batch *batch_into };
%apply (void *WRITABLE, size_t WRITABLE_LEN) { (void *buffer, size_t buflen) };
%apply (const struct iovec *WRITABLE_PIECES, size_t WRITABLE_NPIECES) {
  (const struct iovec *buffers, size_t nbuffers) };
%apply (const xapi_batch_out *SEND_LIST, size_t SEND_COUNT) {
  (const xapi_batch_out *messages, size_t n) };

XAPI_ERR_ON_NULL(xapi_recv_batch_new)
XAPI_ERR_ON_NEGATIVE(xapi_recv_batch_recv)
XAPI_ERR_ON_NEGATIVE(xapi_recv_batch_recv_into)
XAPI_ERR_ON_NEGATIVE(xapi_recv_batch_recv_iov)
XAPI_ERR_ON_NEGATIVE(xapi_batch_sendv)
XAPI_ERRNO_ON_NEGATIVE(xapi_encode_udp_segment)

/* Every language calls them so. */
%rename(send_batch) xapi_batch_sendv;
%rename(recvmsg_into) xapi_recv_batch_recv_iov;

xapi_recv_batch *xapi_recv_batch_new(unsigned count, size_t size,
                                     size_t ancsize, xapi_error *err);
unsigned xapi_recv_batch_capacity(const xapi_recv_batch *rb);
int xapi_recv_batch_recv(int fd, xapi_recv_batch *batch, unsigned count,
                         int flags, int timeout_ms, xapi_error *err);
int xapi_recv_batch_recv_into(int fd, xapi_recv_batch *batch_into,
                              unsigned count, void *buffer, size_t buflen,
                              size_t slot, int flags, int timeout_ms,
                              xapi_error *err);
int xapi_recv_batch_recv_iov(int fd, xapi_recv_batch *batch_into,
                             const struct iovec *buffers, size_t nbuffers,
                             int flags, xapi_error *err);
int xapi_batch_sendv(int fd, const xapi_batch_out *messages, size_t n,
                     int flags, xapi_error *err);
/* The UDP_SEGMENT payload, through the bytes-out shape. */
int xapi_encode_udp_segment(unsigned size, void *out, size_t cap,
                            size_t *outlen);
#endif

/* Not for languages: */
%ignore xapi_recv_batch_free;    /* the handle's destructor calls it */
%ignore xapi_recv_batch_count;   /* read by the result shapes */
%ignore xapi_recv_batch_msg;     /* read by the result shapes */
%ignore xapi_batch_size;         /* the per-message layout calls below are */
%ignore xapi_batch_init;         /* C's: xapi_recv_batch and */
%ignore xapi_batch_new;          /* xapi_batch_sendv own the layout for */
%ignore xapi_batch_free;         /* the languages */
%ignore xapi_batch_capacity;
%ignore xapi_batch_recv;
%ignore xapi_batch_send;
%ignore xapi_batch_setup_slots;
%ignore xapi_decode_udp_segment; /* items are decoded by xapi_cmsg_decode */
%ignore xapi_decode_udp_gro;     /* (the "gro" view of a received item) */
%ignore xapi_udp_gro_segments;   /* one division: sugar where wanted */


/* ==== sockets and addresses: the rest ==== */
/* (declarations of the lead) */

