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
/* (declarations of the batch work) */


/* ==== sockets and addresses: the rest ==== */
/* Addresses cross the language boundary as native values (Python's
 * (host, port, flowinfo, scope_id) tuples, Perl's [host, port] or packed
 * sockaddrs, Tcl's {host port} lists); the address shapes in each
 * typemaps.i turn them into xapi_addr with these three calls, so no
 * language calls them by name. */
%ignore xapi_addr_parse;  /* inside every address "in" shape */
%ignore xapi_addr_format; /* inside every address "out" builder */
%ignore xapi_addr_family; /* inside every address "out" builder */
/* Python and Perl accept with their own sockets (socket.accept, accept);
 * a Tcl server socket is a channel, whose accept makes a channel of the
 * new descriptor (swig/tcl: the channel builder). */
%ignore xapi_accept;

