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
 * and may define
 *   XAPI_ERR_ENTER           declarations at the start of every wrapper
 *                            that owns an xapi_error, before the errno
 *                            table clears errno (Perl keeps the caller's
 *                            errno there); empty by default.
 * The failure rule of every call is one line of the errno table below.
 */

%{
#include <errno.h>
#include <string.h>
#ifndef XAPI_ERR_ENTER
#define XAPI_ERR_ENTER
#endif
#include "xapi.h"
%}

/* ---- xapi_error *err: never seen by a language caller ------------------
 * The wrapper owns one xapi_error per call, under a fixed name, so that the
 * errno table below can hand it to XAPI_RAISE.  The %{ %} form emits the
 * declaration at the wrapper's own scope (no enclosing braces). */
%typemap(in, numinputs=0) xapi_error *err %{
  xapi_error xapi_err_ = { 0, NULL, "" };
  XAPI_ERR_ENTER
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
XAPI_ERRNO_ON_NEGATIVE(xapi_fd_check)
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

/* Words that name a constant (AF_INET6, SOCK_DGRAM, IPPROTO_IPV6,
 * IPV6_HOPLIMIT, MSG_PEEK): the shape int CONST_ARG, which is a plain int
 * where constants are already numbers (Python, Perl) and takes a name or
 * a list of names where they are words (Tcl). */
%apply int CONST_ARG { int family, int type, int protocol, int level,
                       int name, int flags };

/* The plain calls, identical in every language but for typemaps. */
int xapi_socket(int family, int type, int protocol);
int xapi_socket_family(int fd);
/* The descriptor behind a socket argument, through the int fd shape
 * (Tcl: the channel's; Python, Perl: the handle's). */
int xapi_fd_check(int fd);
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
/*
 * Whole-header calls (build, parse, find) and the RFC's seven in-place
 * calls on one buffer, every one reporting through xapi_error.  Each
 * language's opt.i (included before this file) defines these shapes:
 *   (const xapi_opt *OPT_LIST_IN, size_t OPT_LIST_LEN)
 *        a native list of options (type, align, data or data pieces)
 *   (xapi_opt *OPT_LIST_OUT, size_t OPT_LIST_CAP, size_t *OPT_LIST_COUNT)
 *        no argument; a native list of (type, data) out
 *   xapi_opt *OPT_OUT
 *        no argument; one option out as (type, data, offset) or the
 *        language's "none" when its data is NULL (not found, the end)
 *   (void *OPT_HDR_OUT, size_t OPT_HDR_CAP, size_t *OPT_HDR_LEN)
 *        no argument; the header written, as bytes
 *   (void *OPT_HDR_INOUT, size_t OPT_HDR_INOUT_LEN)
 *        a header changed in place (the language's writable buffer), or
 *        none for the RFC's lengths-only NULL
 *   (void *OPT_VAL_OUT, size_t OPT_VAL_LEN)
 *        a length in (at most XAPI_OPT_HDR_MAX), those bytes out
 *   size_t *OPT_OFFSET_OUT
 *        no argument; an offset out
 *   size_t OPT_SIZE, int OPT_TYPE
 *        a length or offset; an option type (Tcl also takes a constant
 *        name)
 *   int OPT_STATUS
 *        a result that only says "no error" (the outputs are the result)
 *   (const void *OPT_BYTES_IN, size_t OPT_BYTES_LEN)
 *        bytes in (read after the other arguments where that matters)
 */
#ifdef XAPI_OPT_SHAPES /* staging: a language's opt.i defines it once it
                         has the shapes (the others keep their own calls) */
%apply (const xapi_opt *OPT_LIST_IN, size_t OPT_LIST_LEN)
  { (const xapi_opt *opts, size_t n) };
%apply (xapi_opt *OPT_LIST_OUT, size_t OPT_LIST_CAP, size_t *OPT_LIST_COUNT)
  { (xapi_opt *opts, size_t cap, size_t *count) };
%apply xapi_opt *OPT_OUT { xapi_opt *opt_out };
%apply (void *OPT_HDR_OUT, size_t OPT_HDR_CAP, size_t *OPT_HDR_LEN)
  { (void *hdr, size_t hdrcap, size_t *hdrlen) };
%apply (void *OPT_HDR_INOUT, size_t OPT_HDR_INOUT_LEN)
  { (void *buf, size_t buflen) };
%apply (const void *OPT_BYTES_IN, size_t OPT_BYTES_LEN)
  { (const void *bytes, size_t len), (const void *buf, size_t buflen),
    (const void *data, size_t datalen), (const void *val, size_t vallen) };
%apply (void *OPT_VAL_OUT, size_t OPT_VAL_LEN)
  { (void *val, size_t vallen), (void *val, size_t len) };
%apply size_t *OPT_OFFSET_OUT { size_t *dataoff };
%apply size_t OPT_SIZE { size_t extlen, size_t dataoff, size_t datalen };
%apply int OPT_TYPE { int type };
%apply int OPT_STATUS
  { int xapi_opt_build, int xapi_opt_parse, int xapi_opt_find,
    int xapi_opt_get_val, int xapi_opt_router_alert };

/* The RFC's names for the one-buffer forms, and for the checked type
 * bits and the Router Alert header. */
%rename(inet6_opt_init) xapi_opt_hdr_init;
%rename(inet6_opt_append) xapi_opt_hdr_append;
%rename(inet6_opt_finish) xapi_opt_hdr_finish;
%rename(inet6_opt_set_val) xapi_opt_hdr_set_val;
%rename(inet6_opt_get_val) xapi_opt_hdr_get_val;
%rename(inet6_opt_next) xapi_opt_hdr_next;
%rename(inet6_opt_find) xapi_opt_hdr_find;
%rename(ip6opt_type) xapi_opt_type;
%rename(ip6opt_mutable) xapi_opt_mutable;
%rename(router_alert) xapi_opt_router_alert;

/* The C forms: a pointer into the middle of a header (databuf) has no
 * meaning in a language, and errno alone cannot say which argument is
 * wrong.  Each is reached through its xapi_opt_hdr_ / xapi_opt_ form. */
%ignore xapi_inet6_opt_init;        /* xapi_opt_hdr_init */
%ignore xapi_inet6_opt_append;      /* xapi_opt_hdr_append */
%ignore xapi_inet6_opt_finish;      /* xapi_opt_hdr_finish */
%ignore xapi_inet6_opt_set_val;     /* xapi_opt_hdr_set_val (databuf) */
%ignore xapi_inet6_opt_get_val;     /* xapi_opt_hdr_get_val (databuf) */
%ignore xapi_inet6_opt_next;        /* xapi_opt_hdr_next */
%ignore xapi_inet6_opt_find;        /* xapi_opt_hdr_find */
%ignore xapi_ip6opt_type;           /* xapi_opt_type (checks its type) */
%ignore xapi_ip6opt_mutable;        /* xapi_opt_mutable */
%ignore xapi_inet6_opt_router_alert; /* xapi_opt_router_alert */

/* XAPI_ERR_ON_NEGATIVE naming the function by its language name (the
 * renames above), not its C name. */
%define XAPI_OPT_ERR_ON_NEGATIVE(fn)
%exception fn {
  errno = 0;
  $action
  if (result < 0) { XAPI_RAISE("$symname", &xapi_err_); }
}
%enddef
XAPI_ERR_ON_NEGATIVE(xapi_opt_build)
XAPI_ERR_ON_NEGATIVE(xapi_opt_parse)
XAPI_ERR_ON_NEGATIVE(xapi_opt_find)
XAPI_ERR_ON_NEGATIVE(xapi_opt_get_val)
XAPI_OPT_ERR_ON_NEGATIVE(xapi_opt_hdr_init)
XAPI_OPT_ERR_ON_NEGATIVE(xapi_opt_hdr_append)
XAPI_OPT_ERR_ON_NEGATIVE(xapi_opt_hdr_finish)
XAPI_OPT_ERR_ON_NEGATIVE(xapi_opt_hdr_set_val)
XAPI_OPT_ERR_ON_NEGATIVE(xapi_opt_hdr_get_val)
XAPI_OPT_ERR_ON_NEGATIVE(xapi_opt_hdr_next)
XAPI_OPT_ERR_ON_NEGATIVE(xapi_opt_hdr_find)
XAPI_OPT_ERR_ON_NEGATIVE(xapi_opt_type)
XAPI_OPT_ERR_ON_NEGATIVE(xapi_opt_mutable)
XAPI_OPT_ERR_ON_NEGATIVE(xapi_opt_router_alert)

int xapi_opt_build(const xapi_opt *opts, size_t n, void *hdr, size_t hdrcap,
                   size_t *hdrlen, xapi_error *err);
int xapi_opt_parse(const void *bytes, size_t len, xapi_opt *opts, size_t cap,
                   size_t *count, xapi_error *err);
int xapi_opt_find(const void *bytes, size_t len, int type, xapi_opt *opt_out,
                  xapi_error *err);
int xapi_opt_get_val(const void *data, size_t datalen, int offset, void *val,
                     size_t len, xapi_error *err);
int xapi_opt_hdr_init(void *buf, size_t buflen, size_t extlen,
                      xapi_error *err);
int xapi_opt_hdr_append(void *buf, size_t buflen, size_t extlen, int offset,
                        int type, size_t len, unsigned align, size_t *dataoff,
                        xapi_error *err);
int xapi_opt_hdr_finish(void *buf, size_t buflen, size_t extlen, int offset,
                        xapi_error *err);
int xapi_opt_hdr_set_val(void *buf, size_t buflen, size_t dataoff,
                         size_t datalen, int offset, const void *val,
                         size_t vallen, xapi_error *err);
int xapi_opt_hdr_get_val(const void *buf, size_t buflen, size_t dataoff,
                         size_t datalen, int offset, void *val, size_t vallen,
                         xapi_error *err);
int xapi_opt_hdr_next(const void *buf, size_t buflen, size_t extlen,
                      int offset, xapi_opt *opt_out, xapi_error *err);
int xapi_opt_hdr_find(const void *buf, size_t buflen, size_t extlen,
                      int offset, int type, xapi_opt *opt_out,
                      xapi_error *err);
int xapi_opt_type(int type, xapi_error *err);
int xapi_opt_mutable(int type, xapi_error *err);
int xapi_opt_router_alert(unsigned value, void *hdr, size_t hdrcap,
                          size_t *hdrlen, xapi_error *err);

/* The shapes above are this block's: later blocks see the plain names. */
%clear (const xapi_opt *opts, size_t n);
%clear (xapi_opt *opts, size_t cap, size_t *count);
%clear xapi_opt *opt_out;
%clear (void *hdr, size_t hdrcap, size_t *hdrlen);
%clear (void *buf, size_t buflen);
%clear (const void *bytes, size_t len), (const void *buf, size_t buflen),
       (const void *data, size_t datalen), (const void *val, size_t vallen);
%clear (void *val, size_t vallen), (void *val, size_t len);
%clear size_t *dataoff;
%clear size_t extlen, size_t dataoff, size_t datalen;
%apply int CONST_ARG { int type };  /* back to the shared rule */
#endif /* XAPI_OPT_SHAPES */


/* ==== routing headers, SRH, ICMPv6 filter, path MTU, next hop ==== */
/* The whole-object calls of XAPI-RTH-WHOLE in xapi.h: every header,
 * filter and payload is built or read in one core call that names the
 * argument at fault in its xapi_error, so the languages hold no loops and
 * no explanations.  The shapes, whose typemaps each language's rth.i
 * defines (included here, ahead of the declarations that use them):
 *   (const char *const *addrs, size_t naddrs)   a list of IPv6 address
 *   (const char *const *segments, size_t nsegments)  strings in
 *   (const int *types, size_t ntypes)            a list of ints in
 *   (void *hdr_out, size_t hdr_cap, size_t *hdr_len)  bytes out (at most
 *                                                XAPI_RTH_MAX); no argument
 *   xapi_in6_text *addr_out                      one address string out
 *   unsigned *ifindex_out                        an unsigned out
 *   xapi_mtuinfo *mtu_out                        path MTU info out
 *                                                (addr, ifindex, mtu)
 *   (xapi_rth_info *info_out, xapi_in6_text *addrs_out, size_t addrs_cap,
 *    size_t *naddrs)                             a whole routing header out,
 *                                                as one native dict/hash
 *   (int *types_out, size_t types_cap, size_t *ntypes)  a list of ints out
 *   int type, int segments, int index, int passing, int segments_left,
 *   int next_header, int flags, int tag          ints the core range-checks
 *                                                (a language refuses only
 *                                                what does not fit an int)
 * Bytes in reuse the shared (const void *buf, size_t len). */
#if defined(SWIGPYTHON)
%include "rth.i"
#elif defined(SWIGPERL)
%include "swig/perl/rth.i"
#elif defined(SWIGTCL)
%include "tcl/rth.i"
#endif
%apply (const void *buf, size_t len) { (const void *tlv, size_t tlvlen) };

/* The RFC 3542 calls on caller buffers and struct pointers stay C-only:
 * each has a whole-object twin below that takes and returns values and
 * reports through xapi_error. */
%ignore xapi_inet6_rth_space;    /* xapi_rth_space: EINVAL naming the arg */
%ignore xapi_inet6_rth_init;     /* xapi_rth_init: returns the header */
%ignore xapi_inet6_rth_add;      /* xapi_rth_add: address text, a copy out */
%ignore xapi_inet6_rth_reverse;  /* xapi_rth_reverse: reports its length */
%ignore xapi_inet6_rth_segments; /* xapi_rth_segments: with err */
%ignore xapi_inet6_rth_getaddr;  /* xapi_rth_getaddr: address text out */
%ignore xapi_srh_build;          /* xapi_srh_encode: address texts, err */
%ignore xapi_srh_parse;          /* xapi_srh_decode: no fixed 32-slot struct */
%ignore xapi_icmp6_filter_setpassall;  /* xapi_icmp6_filter_make: lists */
%ignore xapi_icmp6_filter_setblockall; /* xapi_icmp6_filter_make */
%ignore xapi_icmp6_filter_setpass;     /* xapi_icmp6_filter_update */
%ignore xapi_icmp6_filter_setblock;    /* xapi_icmp6_filter_update */
%ignore xapi_icmp6_filter_willpass;    /* xapi_icmp6_filter_test */
%ignore xapi_icmp6_filter_willblock;   /* xapi_icmp6_filter_test */
%ignore xapi_icmp6_filter_set;   /* xapi_icmp6_filter_install: the bytes */
%ignore xapi_icmp6_filter_get;   /* xapi_icmp6_filter_fetch: the bytes */
%ignore xapi_decode_ip6_mtuinfo; /* xapi_mtuinfo_decode: with err */
%ignore xapi_encode_nexthop;     /* xapi_nexthop: with err */

XAPI_ERR_ON_NEGATIVE(xapi_rth_space)
XAPI_ERR_ON_NEGATIVE(xapi_rth_init)
XAPI_ERR_ON_NEGATIVE(xapi_rth_add)
XAPI_ERR_ON_NEGATIVE(xapi_rth_build)
XAPI_ERR_ON_NEGATIVE(xapi_rth_segments)
XAPI_ERR_ON_NEGATIVE(xapi_rth_getaddr)
XAPI_ERR_ON_NEGATIVE(xapi_rth_reverse)
XAPI_ERR_ON_NEGATIVE(xapi_rth_parse)
XAPI_ERR_ON_NEGATIVE(xapi_srh_encode)
XAPI_ERR_ON_NEGATIVE(xapi_srh_decode)
XAPI_ERR_ON_NEGATIVE(xapi_icmp6_filter_make)
XAPI_ERR_ON_NEGATIVE(xapi_icmp6_filter_update)
XAPI_ERR_ON_NEGATIVE(xapi_icmp6_filter_test)
XAPI_ERR_ON_NEGATIVE(xapi_icmp6_filter_types)
XAPI_ERR_ON_NEGATIVE(xapi_icmp6_filter_install)
XAPI_ERR_ON_NEGATIVE(xapi_icmp6_filter_fetch)
XAPI_ERR_ON_NEGATIVE(xapi_mtuinfo_decode)
XAPI_ERR_ON_NEGATIVE(xapi_mtuinfo_encode)
XAPI_ERR_ON_NEGATIVE(xapi_nexthop)
XAPI_ERR_ON_NEGATIVE(xapi_nexthop_decode)
XAPI_ERR_ON_NEGATIVE(xapi_rfc3542_decode_int)
XAPI_ERR_ON_NEGATIVE(xapi_rfc3542_decode_pktinfo)
XAPI_ERRNO_ON_NEGATIVE(xapi_get_pathmtu)

/* Calls whose result is what their argouts give (or nothing). */
XAPI_RTH_STATUS(xapi_rth_init)
XAPI_RTH_STATUS(xapi_rth_add)
XAPI_RTH_STATUS(xapi_rth_build)
XAPI_RTH_STATUS(xapi_rth_getaddr)
XAPI_RTH_STATUS(xapi_rth_reverse)
XAPI_RTH_STATUS(xapi_rth_parse)
XAPI_RTH_STATUS(xapi_srh_encode)
XAPI_RTH_STATUS(xapi_srh_decode)
XAPI_RTH_STATUS(xapi_icmp6_filter_make)
XAPI_RTH_STATUS(xapi_icmp6_filter_update)
XAPI_RTH_STATUS(xapi_icmp6_filter_types)
XAPI_RTH_STATUS(xapi_icmp6_filter_install)
XAPI_RTH_STATUS(xapi_icmp6_filter_fetch)
XAPI_RTH_STATUS(xapi_mtuinfo_decode)
XAPI_RTH_STATUS(xapi_mtuinfo_encode)
XAPI_RTH_STATUS(xapi_nexthop)
XAPI_RTH_STATUS(xapi_nexthop_decode)
XAPI_RTH_STATUS(xapi_rfc3542_decode_int)
XAPI_RTH_STATUS(xapi_rfc3542_decode_pktinfo)
XAPI_RTH_STATUS(xapi_get_pathmtu)
/* 1 pass, 0 blocked: a boolean. */
XAPI_RTH_BOOL(xapi_icmp6_filter_test)

int xapi_rth_space(int type, int segments, xapi_error *err);
int xapi_rth_init(int type, int segments, void *hdr_out, size_t hdr_cap,
                  size_t *hdr_len, xapi_error *err);
int xapi_rth_add(const void *buf, size_t len, const char *addr,
                 void *hdr_out, size_t hdr_cap, size_t *hdr_len,
                 xapi_error *err);
int xapi_rth_build(int type, const char *const *addrs, size_t naddrs,
                   void *hdr_out, size_t hdr_cap, size_t *hdr_len,
                   xapi_error *err);
int xapi_rth_segments(const void *buf, size_t len, xapi_error *err);
int xapi_rth_getaddr(const void *buf, size_t len, int index,
                     xapi_in6_text *addr_out, xapi_error *err);
int xapi_rth_reverse(const void *buf, size_t len, void *hdr_out,
                     size_t hdr_cap, size_t *hdr_len, xapi_error *err);
int xapi_rth_parse(const void *buf, size_t len, xapi_rth_info *info_out,
                   xapi_in6_text *addrs_out, size_t addrs_cap,
                   size_t *naddrs, xapi_error *err);
int xapi_srh_encode(const char *const *segments, size_t nsegments,
                    int segments_left, int next_header, int flags, int tag,
                    const void *tlv, size_t tlvlen, void *hdr_out,
                    size_t hdr_cap, size_t *hdr_len, xapi_error *err);
int xapi_srh_decode(const void *buf, size_t len, xapi_rth_info *info_out,
                    xapi_in6_text *addrs_out, size_t addrs_cap,
                    size_t *naddrs, xapi_error *err);
int xapi_icmp6_filter_make(int passing, const int *types, size_t ntypes,
                           void *hdr_out, size_t hdr_cap, size_t *hdr_len,
                           xapi_error *err);
int xapi_icmp6_filter_update(const void *buf, size_t len, int passing,
                             const int *types, size_t ntypes, void *hdr_out,
                             size_t hdr_cap, size_t *hdr_len,
                             xapi_error *err);
int xapi_icmp6_filter_test(const void *buf, size_t len, int type,
                           xapi_error *err);
int xapi_icmp6_filter_types(const void *buf, size_t len, int passing,
                            int *types_out, size_t types_cap,
                            size_t *ntypes, xapi_error *err);
int xapi_icmp6_filter_install(int fd, const void *buf, size_t len,
                              xapi_error *err);
int xapi_icmp6_filter_fetch(int fd, void *hdr_out, size_t hdr_cap,
                            size_t *hdr_len, xapi_error *err);
int xapi_mtuinfo_decode(const void *buf, size_t len, xapi_mtuinfo *mtu_out,
                        xapi_error *err);
int xapi_mtuinfo_encode(const char *addr, unsigned mtu, void *hdr_out,
                        size_t hdr_cap, size_t *hdr_len, xapi_error *err);
int xapi_nexthop(const char *addr, void *hdr_out, size_t hdr_cap,
                 size_t *hdr_len, xapi_error *err);
int xapi_nexthop_decode(const void *buf, size_t len,
                        xapi_in6_text *addr_out, unsigned *ifindex_out,
                        xapi_error *err);
int xapi_rfc3542_decode_int(const void *buf, size_t len, int *value,
                            xapi_error *err);
int xapi_rfc3542_decode_pktinfo(const void *buf, size_t len,
                                xapi_in6_text *addr_out,
                                unsigned *ifindex_out, xapi_error *err);
%apply xapi_mtuinfo *mtu_out { xapi_mtuinfo *out };
int xapi_get_pathmtu(int fd, xapi_mtuinfo *out);
%clear xapi_mtuinfo *out;

/* The kernel structs' sizes, for PyXAPI's .size attributes: Python's
 * only users (a wrapper without _GNU_SOURCE has no struct in6_pktinfo). */
#if defined(SWIGPYTHON)
%constant size_t XAPI_SIZEOF_INT = sizeof(int);
%constant size_t XAPI_SIZEOF_IN6_PKTINFO = sizeof(struct in6_pktinfo);
%constant size_t XAPI_SIZEOF_SOCKADDR_IN6 = sizeof(struct sockaddr_in6);
%constant size_t XAPI_SIZEOF_IP6_MTUINFO = sizeof(struct ip6_mtuinfo);
%constant size_t XAPI_SIZEOF_ICMP6_FILTER = sizeof(xapi_icmp6_filter);
#endif

/* What this block's typemaps changed for its own calls is put back. */
XAPI_RTH_END


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
/* The record descriptions: each language's item builder reads them when
 * it makes a record (its types and key caches when the module loads). */
%ignore xapi_record_of;
%ignore xapi_record_at;
%ignore xapi_view_name_at;
%ignore xapi_field_get;
%ignore xapi_field;
%ignore xapi_record;
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

/* The one-call send: the destination is made through the language's
 * destination cache (DEST_CACHE, numinputs 0: the module's one
 * xapi_dest_cache, which the DEST shape parses through), so a repeated
 * destination costs neither a parse nor a system call for the socket's
 * family, and a family gone stale is caught by the core. */
%apply xapi_dest_cache *DEST_CACHE { xapi_dest_cache *dest_cache };
%ignore xapi_send;          /* xapi_send_cached: the same, with the cache */
%ignore xapi_dest_cache_new;     /* each language's DEST_CACHE makes one */
%ignore xapi_dest_cache_free;    /* kept for the module's life */
%ignore xapi_dest_cache_once;    /* how each DEST_CACHE makes its one */
%ignore xapi_dest_cache_family;  /* inside the DEST and send-list shapes */
%ignore xapi_dest_cache_recheck; /* inside xapi_send_cached */
%ignore xapi_dest_cache_parse;   /* inside the DEST and send-list shapes */
%ignore xapi_dest_cache_resolve; /* inside the DEST and send-list shapes */
%rename(sendmsg) xapi_send_cached;
XAPI_ERR_ON_NEGATIVE_RETRY(xapi_send_cached, "sendmsg")
ssize_t xapi_send_cached(int fd, const struct iovec *iov, size_t iovlen,
                         xapi_dest_cache *dest_cache, const xapi_addr *dest,
                         const xapi_item *cmsgs, size_t ncmsgs,
                         int send_flags, xapi_error *err);
%clear xapi_dest_cache *dest_cache;

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
/* unix(7) items: SCM_CREDENTIALS from (pid, uid, gid), SCM_RIGHTS from
 * FD_LIST, the language's list of descriptors (ints or its native
 * objects: Python objects with fileno(), Perl handles, Tcl channels;
 * each language's fdpass.i).  A received SCM_RIGHTS item's value is the
 * descriptor-list shape of the same file. */
%apply (const int *FD_LIST, size_t FD_COUNT) { (const int *fds, size_t nfds) };
XAPI_ERR_ON_NEGATIVE_AS(xapi_typed_creds, "Cmsg")
XAPI_ERR_ON_NEGATIVE_AS(xapi_typed_fds, "Cmsg")
int xapi_typed_creds(int pid, unsigned uid, unsigned gid,
                     xapi_typed_item *out, xapi_error *err);
int xapi_typed_fds(const int *fds, size_t nfds, xapi_typed_item *out,
                   xapi_error *err);
%clear (const int *fds, size_t nfds);
/* A per-send SO_TIMESTAMPING item (its flags: SOF_TIMESTAMPING_TX_*).
 * Declared with "int flags" (the C call takes unsigned) so that the flags
 * are the CONST_ARG word: Tcl takes a name or a list of names OR-ed; a
 * negative int reaches the core as high bits, which it refuses naming
 * "flags".  The int result only says "no error": the item is the result. */
XAPI_ERR_ON_NEGATIVE_AS(xapi_typed_tsflags, "Cmsg")
%apply int OPT_STATUS { int xapi_typed_tsflags };
int xapi_typed_tsflags(int flags, xapi_typed_item *out, xapi_error *err);
%ignore xapi_fds_at; /* the received descriptor-list shape reads with it */
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
/* The single-payload codecs are C's: a language sends typed items
 * (xapi_typed_int, xapi_typed_pktinfo6/4) and reads decoded ones
 * (xapi_items_parse, the receive shapes), which call these inside. */
%ignore xapi_encode_int;
%ignore xapi_encode_in6_pktinfo;
%ignore xapi_encode_in_pktinfo;
%ignore xapi_decode_int;
%ignore xapi_decode_tos;
%ignore xapi_decode_in6_pktinfo;
%ignore xapi_decode_in_pktinfo;
%ignore xapi_decode_sock_err; /* xapi_items_parse gives it as kind
                                 XAPI_VALUE_SOCK_ERR */
/* Timestamps: a receive decodes them (kinds XAPI_VALUE_TIMESTAMP and
 * XAPI_VALUE_TIMESTAMPING, built by the generic record builders). */
%ignore xapi_decode_timeval;
%ignore xapi_decode_timespec;
%ignore xapi_decode_timestamping;
/* Takes the core's decoded values, which no language holds; the bindings
 * call xapi_tx_timestamp_of with a received message's items instead
 * (Python Message.tx_timestamp, Perl Xapi::tx_timestamp, Tcl
 * xapi::tx_timestamp are sugar over it that picks the one record). */
%ignore xapi_tx_timestamp_find;
%ignore xapi_tx_timestamp;
/* Items in (the send-item shape: a received message's items are accepted
 * as they are), the pair out as a TxStamp record (RECORDS: none or one). */
%rename(tx_timestamp_of) xapi_tx_timestamp_of;
%apply (const xapi_item *ITEMS, size_t NITEMS) {
  (const xapi_item *cmsgs, size_t ncmsgs) };
%apply (xapi_value *RECORDS, size_t RECORDS_CAP, size_t *RECORDS_COUNT) {
  (xapi_value *values, size_t cap, size_t *count) };
XAPI_ERR_ON_NEGATIVE_AS(xapi_tx_timestamp_of, "tx_timestamp_of")
XAPI_RTH_STATUS(xapi_tx_timestamp_of)
int xapi_tx_timestamp_of(const xapi_item *cmsgs, size_t ncmsgs,
                         xapi_value *values, size_t cap, size_t *count,
                         xapi_error *err);
%clear (const xapi_item *cmsgs, size_t ncmsgs);
%clear (xapi_value *values, size_t cap, size_t *count);
XAPI_ERRNO_ON_NEGATIVE(xapi_socket_netns)
int xapi_socket_netns(const char *netns, int family, int type, int protocol);
%clear const char *netns;

/* ICMP extensions (RFC 4884, 4950, 5837): bytes in (the shared
 * (const void *buf, size_t len) shape); the parses give their records
 * (kind XAPI_VALUE_ICMPEXT, each built by the language's generic record
 * builder from core/records.c) through the RECORDS shape, at most
 * XAPI_RECORDS_MAX of them (more: ENOSPC naming cap). */
%rename(icmp_ext_offset) xapi_icmp_ext_offset;
%rename(icmp_ext_parse) xapi_icmp_ext_parse;
%rename(icmp_ext_parse_struct) xapi_icmp_ext_parse_struct;
%rename(icmp_ext_parse_errqueue) xapi_icmp_ext_parse_errqueue;
%apply (const void *buf, size_t len) {
  (const void *icmp, size_t icmplen), (const void *ext, size_t extlen),
  (const void *data, size_t datalen) };
%apply (xapi_value *RECORDS, size_t RECORDS_CAP, size_t *RECORDS_COUNT) {
  (xapi_value *values, size_t cap, size_t *count) };
XAPI_ERR_ON_NEGATIVE_AS(xapi_icmp_ext_offset, "icmp_ext_offset")
XAPI_ERR_ON_NEGATIVE_AS(xapi_icmp_ext_parse, "icmp_ext_parse")
XAPI_ERR_ON_NEGATIVE_AS(xapi_icmp_ext_parse_struct, "icmp_ext_parse_struct")
XAPI_ERR_ON_NEGATIVE_AS(xapi_icmp_ext_parse_errqueue,
                        "icmp_ext_parse_errqueue")
XAPI_RTH_STATUS(xapi_icmp_ext_parse)
XAPI_RTH_STATUS(xapi_icmp_ext_parse_struct)
XAPI_RTH_STATUS(xapi_icmp_ext_parse_errqueue)
int xapi_icmp_ext_offset(int family, const void *icmp, size_t icmplen,
                         xapi_error *err);
int xapi_icmp_ext_parse(int family, const void *icmp, size_t icmplen,
                        xapi_value *values, size_t cap, size_t *count,
                        xapi_error *err);
int xapi_icmp_ext_parse_struct(const void *ext, size_t extlen,
                               xapi_value *values, size_t cap,
                               size_t *count, xapi_error *err);
int xapi_icmp_ext_parse_errqueue(unsigned ee_data, const void *data,
                                 size_t datalen, xapi_value *values,
                                 size_t cap, size_t *count,
                                 xapi_error *err);
%clear (const void *icmp, size_t icmplen), (const void *ext, size_t extlen),
       (const void *data, size_t datalen);
%clear (xapi_value *values, size_t cap, size_t *count);
%ignore xapi_icmp_ext;  /* a record: the generic builders read its fields */


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
XAPI_ERR_ON_NEGATIVE(xapi_recv_batch_split)
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
/* GRO splitting: the bindings' gro option calls it once on the handle. */
int xapi_recv_batch_split(xapi_recv_batch *rb, unsigned segcap,
                          xapi_error *err);
unsigned xapi_recv_batch_pending(const xapi_recv_batch *rb);
/* The UDP_SEGMENT payload, through the bytes-out shape. */
int xapi_encode_udp_segment(unsigned size, void *out, size_t cap,
                            size_t *outlen);

/* Not for languages: */
%ignore xapi_recv_batch_free;    /* the handle's destructor calls it */
%ignore xapi_recv_batch_count;   /* read by the result shapes */
%ignore xapi_recv_batch_msg;     /* read by the result shapes */
%ignore xapi_recv_batch_fit;     /* the bindings' kept batches (C) */
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
/* Addresses cross the language boundary as native values (Python's
 * (host, port, flowinfo, scope_id) tuples, Perl's [host, port] or packed
 * sockaddrs, Tcl's {host port} lists); the address shapes in each
 * typemaps.i turn them into xapi_addr with these three calls, so no
 * language calls them by name. */
%ignore xapi_addr_parse;  /* inside every address "in" shape */
%ignore xapi_addr_format; /* inside every address "out" builder */
%ignore xapi_addr_family; /* inside every address "out" builder */
%ignore xapi_addr_view_of; /* inside every address "out" builder: text,
                              a record (AF_PACKET, AF_NETLINK) or bytes */
/* Python and Perl accept with their own sockets (socket.accept, accept).
 * A Tcl server socket is a channel: Tcl accepts with the core's call, its
 * result made a channel by the channel-out typemap of xapi_socket, the
 * peer left to getpeername (xapi_addr *peer: no argument, NULL). */
#if defined(SWIGTCL)
XAPI_ERRNO_ON_NEGATIVE(xapi_accept)
int xapi_accept(int fd, xapi_addr *peer);
#else
%ignore xapi_accept;
#endif


/* ==== original destination and flow labels (issue 10) ==== */
/* The "origdst" record, the "flowinfo" and "rxq_ovfl" views and the
 * "/flowinfo=N" address suffix need no declaration: they come through
 * the decoded-items and address shapes.  The lease calls: */
%apply int CONST_ARG { int share };
XAPI_ERR_ON_NEGATIVE(xapi_flowlabel_lease)
XAPI_ERR_ON_NEGATIVE(xapi_flowlabel_release)
int xapi_flowlabel_lease(int fd, const char *host, unsigned label, int share,
                         xapi_error *err);
int xapi_flowlabel_release(int fd, unsigned label, xapi_error *err);
%clear int share;
/* ==== multicast ==== */
/* Group, interface and source are text (const char *: a language's
 * string; NULL, undef or "" for none); the core parses them, chooses
 * the option level by the group's family and names the argument at
 * fault.  The getters give their value through the int *value shape. */
XAPI_ERR_ON_NEGATIVE(xapi_mcast_join)
XAPI_ERR_ON_NEGATIVE(xapi_mcast_leave)
XAPI_ERR_ON_NEGATIVE(xapi_mcast_block)
XAPI_ERR_ON_NEGATIVE(xapi_mcast_unblock)
XAPI_ERR_ON_NEGATIVE(xapi_mcast_set_if)
XAPI_ERR_ON_NEGATIVE(xapi_mcast_set_hops)
XAPI_ERR_ON_NEGATIVE(xapi_mcast_get_hops)
XAPI_ERR_ON_NEGATIVE(xapi_mcast_set_loop)
XAPI_ERR_ON_NEGATIVE(xapi_mcast_get_loop)
XAPI_RTH_STATUS(xapi_mcast_join)
XAPI_RTH_STATUS(xapi_mcast_leave)
XAPI_RTH_STATUS(xapi_mcast_block)
XAPI_RTH_STATUS(xapi_mcast_unblock)
XAPI_RTH_STATUS(xapi_mcast_set_if)
XAPI_RTH_STATUS(xapi_mcast_set_hops)
XAPI_RTH_STATUS(xapi_mcast_get_hops)
XAPI_RTH_STATUS(xapi_mcast_set_loop)
XAPI_RTH_STATUS(xapi_mcast_get_loop)
int xapi_mcast_join(int fd, const char *group, const char *ifname,
                    const char *source, xapi_error *err);
int xapi_mcast_leave(int fd, const char *group, const char *ifname,
                     const char *source, xapi_error *err);
int xapi_mcast_block(int fd, const char *group, const char *ifname,
                     const char *source, xapi_error *err);
int xapi_mcast_unblock(int fd, const char *group, const char *ifname,
                       const char *source, xapi_error *err);
int xapi_mcast_set_if(int fd, const char *ifname, xapi_error *err);
int xapi_mcast_set_hops(int fd, int hops, xapi_error *err);
int xapi_mcast_get_hops(int fd, int *value, xapi_error *err);
int xapi_mcast_set_loop(int fd, int loop, xapi_error *err);
int xapi_mcast_get_loop(int fd, int *value, xapi_error *err);
