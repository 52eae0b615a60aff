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
 */

%{
#include <errno.h>
#include <string.h>
#include "xapi.h"
%}

/* Every wrapped call that returns a negative int on failure raises the
 * language's OS error (errno is the error channel in the core). */
%define XAPI_ERRNO_ON_NEGATIVE(fn)
%exception fn {
  errno = 0;
  $action
  if (result < 0) { XAPI_RAISE_OS(#fn); }
}
%enddef

/* ...and those for which 0 is the failure value. */
%define XAPI_ERRNO_ON_ZERO(fn)
%exception fn {
  errno = 0;
  $action
  if (result == 0) { XAPI_RAISE_OS(#fn); }
}
%enddef

XAPI_ERRNO_ON_NEGATIVE(xapi_socket)
XAPI_ERRNO_ON_NEGATIVE(xapi_socket_family)
XAPI_ERRNO_ON_NEGATIVE(xapi_bind)
XAPI_ERRNO_ON_NEGATIVE(xapi_connect)
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
int xapi_bind(int fd, const char *host, unsigned port);
int xapi_connect(int fd, const char *host, unsigned port);
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
