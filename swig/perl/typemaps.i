/*
 * swig/perl/typemaps.i - Perl typemaps for the shared interface, and the C
 * helpers that the typemaps and the message calls (msg.i) share.
 *
 * Conventions, for every Perl-facing call:
 *  - A socket argument is a Perl file handle (glob, glob ref, IO::Handle or
 *    IO::Socket object: its fileno is used) or a plain integer descriptor.
 *  - An OS error croaks "Xapi::CALL: strerror (ENAME)" after setting $! to
 *    errno, so `$!{EBADF}` holds after an eval.
 *  - A bad argument croaks "Xapi::CALL: bad argument NAME: why" and leaves
 *    $! as it was: the core may set errno while it validates, so every such
 *    path puts the caller's errno back before croaking.
 *  - Every croak names the line of the statement that called into Xapi
 *    (the first outside Xapi's own packages: xapi_perl_at_caller), so Perl
 *    sugar over a generated call needs no eval to move the croak there.
 *  - Bytes are bytes: read with the length Perl holds (a NUL survives), a
 *    string holding a character above 0xFF is refused, and results are made
 *    with newSVpvn and the length the core reports.
 *  - Nothing here allocates memory that a croak would leak: scratch space is
 *    a mortal SV, freed by Perl whether the call returns or croaks.
 */

%{
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <string.h>
#include "xapi.h"

/* Sizes the Perl binding accepts are the core's (xapi.h): a piece and all
 * pieces of a message together, the number of pieces, and an ancillary or
 * option buffer.  As IVs, for xapi_perl_iv's range checks. */
#define XAPI_PERL_MAX_PIECE ((IV)XAPI_MAX_DATA)
#define XAPI_PERL_MAX_PIECES ((IV)XAPI_MAX_PIECES)
#define XAPI_PERL_MAX_ANC ((IV)XAPI_MAX_ANC)

/* "xapi_bind" (the C name, as the shared %exception passes it) and "bind"
 * (the Perl name) both print as "Xapi::bind". */
static const char *xapi_perl_fname(const char *fn)
{
    return strncmp(fn, "xapi_", 5) == 0 ? fn + 5 : fn;
}

/* Is cop a statement of Xapi's own packages (Xapi, Xapi::...)? */
static int xapi_perl_own_cop(pTHX_ const COP *cop)
{
    HV *stash = CopSTASH(cop);
    const char *name = stash != NULL ? HvNAME(stash) : NULL;

    return name != NULL && strncmp(name, "Xapi", 4) == 0 &&
           (name[4] == '\0' || (name[4] == ':' && name[5] == ':'));
}

/* Ends msg with " at FILE line N.\n": the statement that called into
 * Xapi, the first one outside Xapi's own packages (the statement running,
 * else the call sites of the subs being run, innermost first), as
 * Xapi::_die_at_caller finds it.  A croak of a message ending in a
 * newline adds no place of its own, so an error from the native layer
 * names the caller's line however many of Xapi's Perl subs are between:
 * the sugar needs no eval to move it there. */
static SV *xapi_perl_at_caller(pTHX_ SV *msg)
{
    const COP *cop = PL_curcop;
    I32 i = 0;

    while (cop != NULL && xapi_perl_own_cop(aTHX_ cop)) {
        const PERL_CONTEXT *cx = caller_cx(i++, NULL);

        if (cx == NULL)
            break;
        cop = cx->blk_oldcop;
    }
    if (cop != NULL)
        sv_catpvf(msg, " at %s line %" IVdf ".\n", CopFILE(cop),
                  (IV)CopLINE(cop));
    return msg;
}

/* The message of an OS error; also sets $! (and errno) to err. */
static SV *xapi_perl_os_message(pTHX_ const char *fn, int err)
{
    const char *name;
    SV *msg;

    /* A signal cut the call short: run Perl's deferred handlers first, as
     * Perl's own recv does, so `local $SIG{ALRM} = sub { die "alarm\n" }`
     * leaves "alarm\n" in $@ rather than this croak (and the handler
     * dying later, outside the caller's eval). */
    if (err == EINTR)
        PERL_ASYNC_CHECK();
    name = xapi_errno_name(err);
    msg = xapi_perl_at_caller(aTHX_ sv_2mortal(newSVpvf(
        "Xapi::%s: %s (%s)", xapi_perl_fname(fn), strerror(err),
        name != NULL ? name : "?")));

    sv_setiv(get_sv("!", GV_ADD), err);
    errno = err;
    return msg;
}

static void xapi_perl_croak_os(pTHX_ const char *fn, int err)
    __attribute__((noreturn));
static void xapi_perl_croak_os(pTHX_ const char *fn, int err)
{
    croak_sv(xapi_perl_os_message(aTHX_ fn, err));
}

static void xapi_perl_croak_arg(pTHX_ const char *fn, const char *arg,
                                const char *fmt, ...)
    __attribute__((noreturn, format(printf, 4, 5)));
static void xapi_perl_croak_arg(pTHX_ const char *fn, const char *arg,
                                const char *fmt, ...)
{
    char why[256];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(why, sizeof(why), fmt, ap);
    va_end(ap);
    croak_sv(xapi_perl_at_caller(aTHX_ sv_2mortal(newSVpvf(
        "Xapi::%s: bad argument %s: %s", xapi_perl_fname(fn), arg, why))));
}

/* A plain value (not undef, not a reference) or croak naming it. */
static void xapi_perl_want_plain(pTHX_ SV *sv, const char *fn,
                                 const char *arg, const char *what)
{
    if (!SvOK(sv))
        xapi_perl_croak_arg(aTHX_ fn, arg, "undef, %s is needed", what);
    if (SvROK(sv))
        xapi_perl_croak_arg(aTHX_ fn, arg, "a reference, %s is needed", what);
}

/* Is an optional argument given (not undef)?  Read once, through its
 * magic: a tied scalar's FETCH runs here, and *svp becomes a plain copy
 * of what it gave, so the reading that follows runs no more code. */
static int xapi_perl_given(pTHX_ SV **svp)
{
    SV *sv = *svp;

    SvGETMAGIC(sv);
    if (!SvOK(sv))
        return 0;
    if (SvGMAGICAL(sv))
        *svp = sv_2mortal(newSVsv_nomg(sv));
    return 1;
}

/* May a call write into sv?  Not a read-only value, nor one of Perl's
 * special variables ($1, $&, ...): those are not flagged read-only, but
 * their magic refuses a write, with Perl's own message, once the call's
 * work is done. */
static int xapi_perl_readonly(SV *sv)
{
    return SvREADONLY(sv) ||
           (SvMAGICAL(sv) && mg_find(sv, PERL_MAGIC_sv) != NULL);
}

/* An integer in [min, max]: an IV, an integral NV, or a string that looks
 * like one.  "abc", 1.5, undef and references croak naming the argument. */
static IV xapi_perl_iv(pTHX_ SV *sv, IV min, IV max, const char *fn,
                       const char *arg)
{
    NV nv;

    SvGETMAGIC(sv);
    xapi_perl_want_plain(aTHX_ sv, fn, arg, "an integer");
    if (SvIOK(sv)) {
        if (SvIsUV(sv)) {
            if (SvUVX(sv) > (UV)max)
                goto range;
            return (IV)SvUVX(sv);
        }
        if (SvIVX(sv) < min || SvIVX(sv) > max)
            goto range;
        return SvIVX(sv);
    }
    if (!SvNOK(sv) && !looks_like_number(sv))
        xapi_perl_croak_arg(aTHX_ fn, arg, "'%.40s' is not an integer",
                            SvPV_nolen(sv));
    nv = SvNV_nomg(sv);
    if (nv != nv || nv < (NV)min || nv > (NV)max)
        goto range;
    if (nv != floor(nv))
        xapi_perl_croak_arg(aTHX_ fn, arg, "%g is not an integer", (double)nv);
    return (IV)nv;
range:
    xapi_perl_croak_arg(aTHX_ fn, arg, "%s is out of range %" IVdf "..%" IVdf,
                        SvPV_nolen(sv), min, max);
}

/* Bytes, with their length: a byte string as it is, a character string
 * downgraded on a copy (the caller's value is left alone), numbers as their
 * text.  Returns a pointer valid until the statement ends. */
static const char *xapi_perl_bytes(pTHX_ SV *sv, STRLEN *len, const char *fn,
                                   const char *arg)
{
    const char *p;

    SvGETMAGIC(sv);
    xapi_perl_want_plain(aTHX_ sv, fn, arg, "a byte string");
    p = SvPV_nomg(sv, *len);
    if (SvUTF8(sv)) {
        SV *copy = sv_2mortal(newSVpvn_utf8(p, *len, 1));

        if (!sv_utf8_downgrade(copy, TRUE))
            xapi_perl_croak_arg(aTHX_ fn, arg,
                                "holds a character above 0xFF, not bytes");
        p = SvPV(copy, *len);
    }
    return p;
}

/* Text for a C string: bytes holding no NUL (which would silently cut it). */
static const char *xapi_perl_cstr(pTHX_ SV *sv, const char *fn,
                                  const char *arg)
{
    STRLEN len;
    const char *p = xapi_perl_bytes(aTHX_ sv, &len, fn, arg);

    if (memchr(p, '\0', len) != NULL)
        xapi_perl_croak_arg(aTHX_ fn, arg, "holds a NUL byte");
    return p;
}

/* The descriptor behind a socket argument. */
static int xapi_perl_fd(pTHX_ SV *sv, const char *fn)
{
    SV *target;
    IO *io = NULL;

    SvGETMAGIC(sv);
    target = SvROK(sv) ? SvRV(sv) : sv;
    if (isGV_with_GP(target))
        io = GvIO((GV *)target);
    else if (SvTYPE(target) == SVt_PVIO)
        io = (IO *)target;
    else if (!SvROK(sv))
        return (int)xapi_perl_iv(aTHX_ sv, INT_MIN, INT_MAX, fn, "sock");
    else
        xapi_perl_croak_arg(aTHX_ fn, "sock",
                            "not a file handle or a descriptor");
    /* A glob without an open handle: what Perl's own calls say, EBADF. */
    if (io == NULL || IoIFP(io) == NULL)
        xapi_perl_croak_os(aTHX_ fn, EBADF);
    return PerlIO_fileno(IoIFP(io));
}

/* A record view (AF_PACKET, AF_NETLINK addresses) as a hash ref of its
 * fields (msg.i: through the one record builder). */
static SV *xapi_perl_addr_record(pTHX_ const xapi_value *v);

/* An address as Perl sees one: undef when there is none, a path for a unix
 * socket ("@name" abstract, "" unnamed), [host, port] for IPv4 and IPv6.
 * Every other family comes back too, as the core renders it (never an
 * error, so no receive loses its datagram to its address): AF_PACKET as
 * {ifindex, protocol, pkttype, hatype, addr}, AF_NETLINK as {pid,
 * groups}, anything else (and an address malformed for its family, such
 * as an abstract name holding a NUL) as the packed sockaddr, as Perl's own
 * recv gives it.  A new SV. */
static SV *xapi_perl_addr_sv(pTHX_ const xapi_addr *a)
{
    xapi_addr_view v;
    AV *pair;

    switch (xapi_addr_view_of(a, &v)) {
    case XAPI_ADDR_TEXT:
        break;
    case XAPI_ADDR_RECORD:
        return xapi_perl_addr_record(aTHX_ &v.record);
    case XAPI_ADDR_BYTES:
        return newSVpvn((const char *)v.bytes, v.len);
    default:
        return newSV(0);
    }
    if (v.family == AF_UNIX)
        return newSVpv(v.host, 0);
    pair = newAV();
    av_push(pair, newSVpv(v.host, 0));
    av_push(pair, newSVuv(v.port));
    return newRV_noinc((SV *)pair);
}

/* The module's destination cache (the core's: families by descriptor,
 * parsed destinations), made on first use and kept for the process's
 * life; the core locks it, so every interpreter may share it.  NULL (no
 * memory) asks and parses every time. */
static xapi_dest_cache *xapi_perl_dest_cache(void)
{
    static xapi_dest_cache *slot;
    return xapi_dest_cache_once(&slot);
}

/* The socket's family, or an OS error (EBADF, ENOTSOCK) on the call:
 * asked of the kernel when fresh, else as the cache remembers it. */
static int xapi_perl_family(pTHX_ int fd, int fresh, const char *fn)
{
    int family = fresh ? xapi_socket_family(fd)
                       : xapi_dest_cache_family(xapi_perl_dest_cache(), fd);

    if (family < 0)
        xapi_perl_croak_os(aTHX_ fn, errno);
    return family;
}

/* Text and port parsed for the socket's own family, before any system call
 * sees them: text that does not parse is an argument error. */
static void xapi_perl_parse(pTHX_ xapi_addr *out, int family, const char *host,
                            unsigned port, const char *fn, const char *arg)
{
    int saved = errno;

    if (xapi_dest_cache_parse(xapi_perl_dest_cache(), family, host, port,
                              out, NULL) < 0) {
        int err = errno;

        errno = saved;
        xapi_perl_croak_arg(aTHX_ fn, arg, "'%.100s' port %u: %s", host,
                            port, strerror(err));
    }
}

/* A destination: undef (none), [host, port] (text, parsed for the
 * socket's family), or a plain string: a path for a unix socket, a packed
 * sockaddr (as getpeername, recv and pack_sockaddr_in6 give) otherwise.
 * *family is the socket's family, or -1 to be asked (SO_DOMAIN) when
 * needed and remembered there, so a batch asks once; -2 to take it from
 * the destination cache (a one-message send: xapi_send_cached catches a
 * family gone stale). */
static void xapi_perl_sv_to_addr_fam(pTHX_ SV *sv, int fd, int *family,
                                     xapi_addr *out, const char *fn,
                                     const char *arg)
{
    memset(out, 0, sizeof(*out));
    SvGETMAGIC(sv);
    if (!SvOK(sv))
        return;
    if (SvROK(sv) && SvTYPE(SvRV(sv)) == SVt_PVAV) {
        AV *av = (AV *)SvRV(sv);
        SSize_t n = av_len(av) + 1;
        SV **host = av_fetch(av, 0, 0);
        SV **port = av_fetch(av, 1, 0);

        const char *text;
        unsigned pnum;

        if (n < 1 || n > 2 || host == NULL)
            xapi_perl_croak_arg(aTHX_ fn, arg, "an array must be [host, port]");
        text = xapi_perl_cstr(aTHX_ *host, fn, arg);
        pnum = port == NULL ? 0 : (unsigned)xapi_perl_iv(aTHX_ *port, 0,
                                                         UINT_MAX, fn, "port");
        if (*family == -2) {
            /* The core's resolve: the remembered family, asked again when
             * the text does not parse for it. */
            xapi_error e;
            int saved = errno, r;

            e.code = 0;
            e.arg = NULL;
            r = xapi_dest_cache_resolve(xapi_perl_dest_cache(), fd, text,
                                        pnum, out, &e);
            if (r < 0 && e.arg == NULL)
                xapi_perl_croak_os(aTHX_ fn, e.code);
            if (r < 0) {
                errno = saved;
                xapi_perl_croak_arg(aTHX_ fn, arg, "'%.100s' port %u: %s",
                                    text, pnum, strerror(e.code));
            }
            *family = r;
            return;
        }
        if (*family < 0)
            *family = xapi_perl_family(aTHX_ fd, 1, fn);
        xapi_perl_parse(aTHX_ out, *family, text, pnum, fn, arg);
        return;
    }
    if (SvROK(sv))
        xapi_perl_croak_arg(aTHX_ fn, arg,
                            "not [host, port], a path or a packed sockaddr");
    if (*family < 0) {
        int fresh = *family == -1;

        *family = xapi_perl_family(aTHX_ fd, fresh, fn);
        /* A remembered family (AF_INET6) is asked again when the string
         * is not a packed sockaddr of it: the descriptor may be another
         * socket's now (a path for a unix socket, another family's). */
        if (!fresh) {
            STRLEN len;
            const char *p = SvPV_nomg(sv, len);
            sa_family_t f = AF_UNSPEC;

            if (len >= sizeof(f))
                memcpy(&f, p, sizeof(f));
            if ((len != sizeof(struct sockaddr_in6) || f != *family) &&
                xapi_dest_cache_recheck(xapi_perl_dest_cache(), fd))
                *family = xapi_perl_family(aTHX_ fd, 0, fn);
        }
    }
    if (*family == AF_UNIX) {
        xapi_perl_parse(aTHX_ out, *family, xapi_perl_cstr(aTHX_ sv, fn, arg),
                        0, fn, arg);
    } else {
        STRLEN len;
        const char *p = xapi_perl_bytes(aTHX_ sv, &len, fn, arg);
        sa_family_t f;
        size_t want = *family == AF_INET ? sizeof(struct sockaddr_in)
                    : *family == AF_INET6 ? sizeof(struct sockaddr_in6) : 0;

        if (len < sizeof(f))
            xapi_perl_croak_arg(aTHX_ fn, arg, "too short for a sockaddr");
        memcpy(&f, p, sizeof(f));
        if (f != *family || (want != 0 && len != want) ||
            len > sizeof(out->ss))
            xapi_perl_croak_arg(aTHX_ fn, arg,
                                "not a packed sockaddr of the socket's "
                                "family %d (family %d, %lu bytes)",
                                *family, (int)f, (unsigned long)len);
        memcpy(&out->ss, p, len);
        out->len = (socklen_t)len;
    }
}

static void xapi_perl_sv_to_addr(pTHX_ SV *sv, int fd, xapi_addr *out,
                                 const char *fn, const char *arg)
{
    int family = -2;

    xapi_perl_sv_to_addr_fam(aTHX_ sv, fd, &family, out, fn, arg);
}
%}

/* The shared interface's error hook: set $! and the message, then leave
 * through the wrapper's fail label (SWIG croaks with $@ there). */
%{
/* The one raise function: the message of a core failure, with the call's
 * xapi_error when it has one, in $@ (SWIG_fail croaks with it).  A wrong
 * value leaves $! alone, as every bad-argument croak does; an OS error
 * (an argument's included, e.g. EOPNOTSUPP) sets $!.  An argument error reads "Xapi::FN: bad
 * argument ARG: REASON" (the core's xapi_error_format wording); an OS
 * error "Xapi::FN: strerror (ENAME)", with the core's reason first when it
 * gave one. */
static SV *xapi_perl_error_message(pTHX_ const char *fname, const xapi_error *e,
                                   int errno_in)
{
    char fn[80], msg[XAPI_ERROR_REASON + 200];
    const char *name;
    int err;

    if (e == NULL || e->code == 0 || (e->arg == NULL && e->reason[0] == '\0'))
        return xapi_perl_os_message(aTHX_ fname,
                                    e != NULL && e->code != 0 ? e->code
                                    : errno != 0 ? errno : EIO);
    err = e->code;
    snprintf(fn, sizeof fn, "Xapi::%s", xapi_perl_fname(fname));
    xapi_error_format(e, fn, msg, sizeof msg);
    if (xapi_error_is_value(e)) {
        errno = errno_in; /* the wrapper cleared it before the call */
        return xapi_perl_at_caller(aTHX_ sv_2mortal(newSVpv(msg, 0)));
    }
    sv_setiv(get_sv("!", GV_ADD), err);
    errno = err;
    name = xapi_errno_name(err);
    return xapi_perl_at_caller(aTHX_ sv_2mortal(newSVpvf(
        "%s [%s]", msg, name != NULL ? name : "?")));
}
/* The caller's errno, which a wrong value leaves in $!: a wrapper that
 * owns an xapi_error (the only kind a wrong value fails) keeps it in a
 * local of this name (XAPI_ERR_ENTER, swig/xapi.i), which hides this
 * file-scope 0 for the calls that report through errno alone.  The
 * argout below puts it back after a call that worked too, so sugar over
 * a generated call need not save and restore $! itself. */
static const int xapi_errno_in_ = 0;
#define XAPI_ERR_ENTER                                                    \
    int xapi_errno_in_ = errno;
#define XAPI_RAISE(fname, errp)                                           \
    do {                                                                  \
        sv_setsv(get_sv("@", GV_ADD),                                     \
                 xapi_perl_error_message(aTHX_ (fname), (errp),           \
                                         xapi_errno_in_));                \
        SWIG_fail;                                                        \
    } while (0)
#define XAPI_RAISE_OS(fname) XAPI_RAISE(fname, NULL)
%}

/* A call that worked leaves $! as its caller had it. */
%typemap(argout) xapi_error *err "errno = xapi_errno_in_;"

/* ---- arguments --------------------------------------------------------- */

%typemap(in) int fd "$1 = xapi_perl_fd(aTHX_ $input, \"$symname\");"

%typemap(in) int
  "$1 = (int)xapi_perl_iv(aTHX_ $input, INT_MIN, INT_MAX, \"$symname\", \"$1_name\");"
%typemap(in) unsigned, unsigned int
  "$1 = (unsigned)xapi_perl_iv(aTHX_ $input, 0, UINT_MAX, \"$symname\", \"$1_name\");"
%typemap(in) size_t
  "$1 = (size_t)xapi_perl_iv(aTHX_ $input, 0, IV_MAX, \"$symname\", \"$1_name\");"
%typemap(in) const char *
  "$1 = ($1_ltype)xapi_perl_cstr(aTHX_ $input, \"$symname\", \"$1_name\");"
/* The text points into the argument's own buffer: nothing to free. */
%typemap(freearg) const char * ""

/* An address in text form is parsed for the socket's family before the
 * call, so text that does not parse is an argument error, not the EINVAL
 * the kernel also uses.  The socket is always the first argument. */

/* Bytes in. */
%typemap(in) (const void *buf, size_t len) {
  STRLEN n;
  $1 = ($1_ltype)xapi_perl_bytes(aTHX_ $input, &n, "$symname", "bytes");
  $2 = (size_t)n;
}

/* Bytes out: the Perl argument is the capacity; the result is a string of
 * what the kernel wrote. */
%typemap(in) (void *out, size_t cap, size_t *outlen) (size_t got = 0) {
  $2 = (size_t)xapi_perl_iv(aTHX_ $input, 0, XAPI_PERL_MAX_ANC, "$symname", "cap");
  $1 = SvPVX(sv_2mortal(newSV($2 + 1))); /* +1: newSV(0) has no buffer */
  $3 = &got;
}
%typemap(argout) (void *out, size_t cap, size_t *outlen) {
  (void)$input; /* SWIG keeps the argument for argouts; it is not needed */
  if (argvi >= items) EXTEND(sp, argvi + 1);
  $result = sv_2mortal(newSVpvn((const char *)$1, *$3 < $2 ? *$3 : $2));
  argvi++;
}

%typemap(in, numinputs=0) int *value (int tmp = 0) "$1 = &tmp;"
%typemap(argout) int *value {
  if (argvi >= items) EXTEND(sp, argvi + 1);
  $result = sv_2mortal(newSViv(*$1));
  argvi++;
}

%typemap(in, numinputs=0) xapi_addr *addr_out (xapi_addr tmp) {
  memset(&tmp, 0, sizeof(tmp));
  $1 = &tmp;
}
%typemap(argout) xapi_addr *addr_out {
  if (argvi >= items) EXTEND(sp, argvi + 1);
  $result = sv_2mortal(xapi_perl_addr_sv(aTHX_ $1));
  argvi++;
}

/* if_indextoname's name buffer. */
%typemap(in, numinputs=0) (char *name, size_t len) (char tmp[IF_NAMESIZE]) {
  tmp[0] = '\0';
  $1 = tmp;
  $2 = sizeof(tmp);
}
%typemap(argout) (char *name, size_t len) {
  if (argvi >= items) EXTEND(sp, argvi + 1);
  $result = sv_2mortal(newSVpv($1, 0));
  argvi++;
}

/* ---- results ----------------------------------------------------------- */

/* Calls that only succeed or croak return true, so `... or die` reads
 * right; calls whose value comes back through an argout return only that. */
%typemap(out) int xapi_bind, int xapi_connect, int xapi_listen,
              int xapi_close, int xapi_setsockopt_int,
              int xapi_setsockopt_bytes {
  $result = &PL_sv_yes;
  argvi++;
}
%typemap(out) int xapi_getsockopt_int, int xapi_getsockopt_bytes,
              int xapi_getsockname, int xapi_getpeername,
              int xapi_if_indextoname "(void)$1;"

/* ---- ancillary items (helpers in msg.i) -------------------------------- */

/* A list of items in (undef or [] for none), the control buffer the core
 * builds from it out, as a byte string. */
%typemap(in) (const xapi_item *ITEMS, size_t NITEMS, void *CONTROL_OUT,
              size_t CONTROL_CAP, size_t *CONTROL_LEN)
    (xapi_item item_stack[XAPI_PERL_STACK_ITEMS], size_t need = 0,
     size_t got = 0) {
  $1 = xapi_perl_items(aTHX_ NULL, $input, item_stack, XAPI_PERL_STACK_ITEMS,
                       &$2, "$symname", "cmsgs");
  /* A refusal (too large) is left to the call, which words it. */
  (void)xapi_items_space($1, $2, &need, NULL);
  $3 = SvPVX(sv_2mortal(newSV(need + 1)));
  $4 = need;
  $5 = &got;
}
%typemap(argout) (const xapi_item *ITEMS, size_t NITEMS, void *CONTROL_OUT,
                  size_t CONTROL_CAP, size_t *CONTROL_LEN) {
  (void)$input; /* SWIG keeps the argument for argouts; it is not needed */
  if (argvi >= items) EXTEND(sp, argvi + 1);
  $result = sv_2mortal(newSVpvn((const char *)$3, *$5));
  argvi++;
}

/* Bytes in, the decoded items out as a list of Xapi::Cmsg: the core walks
 * and decodes, the typemap only builds the objects. */
%typemap(in) (const void *CONTROL_IN, size_t CONTROL_IN_LEN,
              xapi_cmsg *CMSGS_OUT, xapi_value *VALUES_OUT, size_t ITEMS_CAP,
              size_t *ITEMS_COUNT) (size_t count = 0) {
  STRLEN n;
  $1 = ($1_ltype)xapi_perl_bytes(aTHX_ $input, &n, "$symname", "bytes");
  $2 = (size_t)n;
  $5 = xapi_items_count($1, $2);
  $3 = (xapi_cmsg *)SvPVX(sv_2mortal(newSV($5 * sizeof(xapi_cmsg) + 1)));
  $4 = (xapi_value *)SvPVX(sv_2mortal(newSV($5 * sizeof(xapi_value) + 1)));
  $6 = &count;
}
%typemap(argout) (const void *CONTROL_IN, size_t CONTROL_IN_LEN,
                  xapi_cmsg *CMSGS_OUT, xapi_value *VALUES_OUT,
                  size_t ITEMS_CAP, size_t *ITEMS_COUNT) {
  struct xapi_perl_ctx x;
  size_t i;
  (void)$input;
  xapi_perl_ctx_init(aTHX_ &x);
  EXTEND(sp, argvi + (SSize_t)*$6);
  for (i = 0; i < *$6; i++) {
    SV *sv = NULL;
    xapi_perl_put_cmsg(aTHX_ &x, &sv, &$3[i], &$4[i]);
    ST(argvi++) = sv_2mortal(sv);
  }
}
%typemap(out) int xapi_items_build, int xapi_items_parse "(void)$1;"

/* ---- sending (helpers in msg.i) ---------------------------------------- */

/* The pieces of a message: an array ref of byte strings.  Read last (the
 * check typemap runs after every argument's "in"): they are pointed into,
 * and reading another argument may run code (a tied FETCH) that changes
 * them. */
%typemap(in) (const struct iovec *PIECES, size_t NPIECES)
    (SV *pieces_sv = NULL, struct iovec iov_stack[XAPI_PERL_STACK_PIECES]) {
  pieces_sv = $input;
}
%typemap(check) (const struct iovec *PIECES, size_t NPIECES) {
  SSize_t npieces;
  $1 = xapi_perl_pieces(aTHX_ pieces_sv$argnum, 0, iov_stack$argnum,
                        XAPI_PERL_STACK_PIECES, &npieces, "$symname",
                        "buffers");
  $2 = (size_t)npieces;
}

/* A destination for the socket (the call's first argument): undef,
 * [host, port], a unix path or a packed sockaddr. */
%typemap(in) const xapi_addr *DEST (xapi_addr dest) {
  xapi_perl_sv_to_addr(aTHX_ $input, arg1, &dest, "$symname", "address");
  $1 = dest.len > 0 ? &dest : NULL;
}
%typemap(default) const xapi_addr *DEST "$1 = NULL;"

/* The module's destination cache (the core's), which the DEST shape
 * parses through: no argument. */
%typemap(in, numinputs=0) xapi_dest_cache *DEST_CACHE "$1 = xapi_perl_dest_cache();"

/* A list of items to send (undef or [] for none). */
%typemap(in) (const xapi_item *ITEMS, size_t NITEMS)
    (xapi_item item_stack[XAPI_PERL_STACK_ITEMS]) {
  $1 = xapi_perl_items(aTHX_ NULL, $input, item_stack, XAPI_PERL_STACK_ITEMS,
                       &$2, "$symname", "cmsgs");
}
%typemap(default) (const xapi_item *ITEMS, size_t NITEMS) {
  $1 = NULL;
  $2 = 0;
}

/* flags: undef is 0. */
%typemap(in) int send_flags {
  $1 = xapi_perl_given(aTHX_ &$input)
       ? (int)xapi_perl_iv(aTHX_ $input, INT_MIN, INT_MAX, "$symname", "flags")
       : 0;
}

%typemap(out) ssize_t {
  $result = sv_2mortal(newSViv((IV)$1));
  argvi++;
}

/* ---- receiving (helpers in msg.i) -------------------------------------- */

/* A message to receive, from the request [\@sizes, $ancsize] that
 * Xapi::recvmsg (Xapi.pm) makes of its arguments; the result is the whole
 * message: in list context ($address, \@data, \@cmsgs, $msg_flags,
 * $nbytes), in scalar context a hash ref with those keys, and $! as it
 * was before the call.  Everything the
 * "in" part allocates is mortal: freearg has nothing to free. */
%typemap(in) xapi_msg *RECV_MSG (struct xapi_perl_recvbuf rbuf) {
  rbuf.errno_in = errno;
  xapi_perl_recvbuf_get(aTHX_ &rbuf, $input, "$symname");
  $1 = &rbuf.m;
}
%typemap(argout) xapi_msg *RECV_MSG {
  (void)$input;
  EXTEND(sp, argvi + 5);
  argvi += xapi_perl_recvbuf_put(aTHX_ &rbuf$argnum, GIMME_V == G_LIST,
                                 &ST(argvi));
  /* A receive that worked leaves $! as its caller had it (the errno
   * table clears errno before the call). */
  errno = rbuf$argnum.errno_in;
}
%typemap(freearg) xapi_msg *RECV_MSG ""
%typemap(out) ssize_t xapi_recvmsg "(void)$1;"

/* ---- interfaces and constants ------------------------------------------ */

/* if_nameindex() -> ([index, name], ...) */
%typemap(in, numinputs=0) size_t *IF_LIST_COUNT (size_t n = 0) "$1 = &n;"
%typemap(out) xapi_ifentry * "";
%typemap(argout) size_t *IF_LIST_COUNT {
  size_t i;
  EXTEND(sp, argvi + (SSize_t)*$1);
  for (i = 0; i < *$1; i++) {
    AV *e = newAV();
    av_push(e, newSVuv(result[i].index));
    av_push(e, newSVpv(result[i].name, 0));
    ST(argvi++) = sv_2mortal(newRV_noinc((SV *)e));
  }
  xapi_if_nameindex_free(result);
}

/* constants() -> {NAME => value, ...}, the core's whole table */
%typemap(in, numinputs=0) size_t *CONST_COUNT (size_t n = 0) "$1 = &n;"
%typemap(out) const xapi_constant * "";
%typemap(argout) size_t *CONST_COUNT {
  HV *hv = newHV();
  size_t i;
  for (i = 0; i < *$1; i++)
    (void)hv_store(hv, result[i].name, (I32)strlen(result[i].name),
                   newSViv((IV)result[i].value), 0);
  if (argvi >= items) EXTEND(sp, argvi + 1);
  ST(argvi++) = sv_2mortal(newRV_noinc((SV *)hv));
}

/* ---- typed items -------------------------------------------------------- */

/* One typed item made by the core, as an Xapi::Cmsg with its view. */
%typemap(in, numinputs=0) xapi_typed_item *TYPED_ITEM_OUT (xapi_typed_item t) "$1 = &t;"
%typemap(argout) xapi_typed_item *TYPED_ITEM_OUT {
  if (argvi >= items) EXTEND(sp, argvi + 1);
  ST(argvi++) = sv_2mortal(xapi_perl_cmsg_new(aTHX_ $1->item.level,
                                              $1->item.type, $1->item.data,
                                              $1->item.len, &$1->view));
}
%typemap(out) int xapi_typed_int, int xapi_typed_pktinfo6,
              int xapi_typed_pktinfo4, int xapi_typed_raw "(void)$1;"

/* An interface index and a namespace name are a plain unsigned and text. */
%apply unsigned { unsigned IFINDEX };
%apply const char * { const char *NETNS };

/* A constant word is a plain integer here (constants are numbers). */
%apply int { int CONST_ARG };
