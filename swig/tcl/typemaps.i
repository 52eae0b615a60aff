/*
 * swig/tcl/typemaps.i - how Tcl values cross into the xapi core.
 *
 * Included by bindings/tcl/xapi_tcl.i before swig/xapi.i.  Defines
 * XAPI_RAISE_OS for the shared %exception blocks, the C helpers every Tcl
 * command uses (descriptors, constants, bytes, addresses, errors), and the
 * typemaps keyed on the parameter names swig/xapi.i documents.
 *
 * Error convention (docs/tcl.md):
 *   OS errors   errorCode {POSIX ENAME message}, result "xapi::cmd: message"
 *   bad input   errorCode {XAPI ARG argname message}, or Tcl's own
 *               {TCL VALUE NUMBER} for a word that is not an integer.
 */

%{
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include "xapi.h"

/* The core's limits on what a caller may ask for (xapi.h, "Message
 * I/O"), checked before any allocation, so a typo cannot ask for a
 * terabyte. */
#define XAPI_TCL_MAX_SIZE ((Tcl_WideInt)XAPI_MAX_DATA)
#define XAPI_TCL_MAX_ANC ((Tcl_WideInt)XAPI_MAX_ANC)
#define XAPI_TCL_MAX_PIECES XAPI_MAX_PIECES

/* The Tcl command a core function is exposed as, for error messages:
 * "xapi_setsockopt_int" -> "xapi::setsockopt". */
static void xapi_tcl_cmdname(const char *cname, char *out, size_t cap)
{
    /* The calls Tcl names otherwise (bindings/tcl/xapi_tcl.i renames
     * them; swig/xapi.i's %exception blocks give the C name). */
    static const char *const renamed[][2] = {
        { "xapi_batch_sendv", "sendbatch" },
        { "xapi_recv_batch_recv", "recvbatch" },
        { "xapi_recv_batch_recv_into", "recvbatch_into" },
        { "xapi_recv_batch_recv_iov", "recvmsg_into" },
        { "xapi_fd_check", "fileno" },
        { "xapi_setsockopt_int", "setsockopt" },
        { "xapi_getsockopt_int", "getsockopt" },
    };
    size_t i;

    for (i = 0; i < sizeof renamed / sizeof renamed[0]; i++)
        if (strcmp(cname, renamed[i][0]) == 0) {
            cname = renamed[i][1];
            break;
        }
    if (strncmp(cname, "xapi_", 5) == 0)
        cname += 5;
    snprintf(out, cap, "xapi::%s", cname);
}

/* An OS error from errno: errorCode {POSIX ENAME message} (Tcl_PosixError),
 * result "xapi::cmd: message".  Returns TCL_ERROR. */
static int xapi_tcl_os_error(Tcl_Interp *interp, const char *cmd)
{
    /* (the core always sets errno; never report "no error") */
    Tcl_SetErrno(errno != 0 ? errno : EIO);
    Tcl_SetObjResult(interp, Tcl_ObjPrintf("%s: %s", cmd,
                                           Tcl_PosixError(interp)));
    return TCL_ERROR;
}

/* A bad argument: errorCode {XAPI ARG argname message}.  Returns TCL_ERROR. */
static int xapi_tcl_arg_error(Tcl_Interp *interp, const char *cmd,
                              const char *arg, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int xapi_tcl_arg_error(Tcl_Interp *interp, const char *cmd,
                              const char *arg, const char *fmt, ...)
{
    char msg[256];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    Tcl_SetObjResult(interp, Tcl_ObjPrintf("%s: %s: %s", cmd, arg, msg));
    Tcl_SetErrorCode(interp, "XAPI", "ARG", arg, msg, (char *)NULL);
    return TCL_ERROR;
}

/* A command's option words, as Tcl's own commands take them:
 * objv[1..npos] the positional words, then "-name value" pairs, opts[i]
 * the value of names[i] (NULL when absent; the last one given wins;
 * names ends with NULL).  Errors as Tcl's: {TCL WRONGARGS} with the
 * usage, and Tcl_GetIndexFromObj's {TCL LOOKUP INDEX option NAME} for an
 * unknown option (no abbreviations). */
static int xapi_tcl_options(Tcl_Interp *interp, const char *cmd,
                            const char *usage, int objc,
                            Tcl_Obj *const objv[], int npos,
                            const char *const names[], Tcl_Obj *opts[])
{
    int i, j;

    for (j = 0; names[j] != NULL; j++)
        opts[j] = NULL;
    if (objc < npos + 1 || (objc - 1 - npos) % 2 != 0) {
        Tcl_SetObjResult(interp, Tcl_ObjPrintf(
            "wrong # args: should be \"%s %s\"", cmd, usage));
        Tcl_SetErrorCode(interp, "TCL", "WRONGARGS", (char *)NULL);
        return TCL_ERROR;
    }
    for (i = npos + 1; i < objc; i += 2) {
        if (Tcl_GetIndexFromObj(interp, objv[i], names, "option", TCL_EXACT,
                                &j) != TCL_OK)
            return TCL_ERROR;
        opts[j] = objv[i + 1];
    }
    return TCL_OK;
}

/* Every integer argument is read here.  Tcl 8.6's Tcl_GetWideIntFromObj
 * takes any integer of magnitude up to 2^64-1 and wraps it
 * (18446744073709551615 reads as -1, -18446744073709551615 as 1) and calls
 * a larger one an arithmetic overflow.  Tcl keeps an integer as a bignum
 * only when it does not fit a Tcl_WideInt (it normalizes every smaller
 * one to its int type), so a bignum is refused here whatever
 * Tcl_GetWideIntFromObj makes of it.  Returns TCL_OK with *out,
 * XAPI_TCL_BIG for an integer outside the 64-bit range, or TCL_ERROR for
 * a word that is not an integer (Tcl's own error in interp if not NULL). */
#define XAPI_TCL_BIG 5 /* not TCL_OK/ERROR/RETURN/BREAK/CONTINUE */

static int xapi_tcl_get_wide(Tcl_Interp *interp, Tcl_Obj *obj,
                             Tcl_WideInt *out)
{
    int rc = Tcl_GetWideIntFromObj(NULL, obj, out);

    /* (the failed parse of a too large integer leaves it a bignum too) */
    if (obj->typePtr != NULL && strcmp(obj->typePtr->name, "bignum") == 0)
        return XAPI_TCL_BIG;
    if (rc != TCL_OK && interp != NULL)
        (void)Tcl_GetWideIntFromObj(interp, obj, out); /* Tcl's message */
    return rc;
}

/* A socket: a channel name (its descriptor, via Tcl_GetChannelHandle) or a
 * plain integer descriptor. */
static int xapi_tcl_get_fd(Tcl_Interp *interp, Tcl_Obj *obj, const char *cmd,
                           int *fd)
{
    Tcl_Channel chan;
    ClientData handle;
    Tcl_WideInt w;
    int mode, rc;

    /* A channel name (a letter first) is never an integer: not parsed
     * as one on every call. */
    if (obj->typePtr == NULL) {
        const char *w0 = Tcl_GetString(obj);
        if ((w0[0] >= 'a' && w0[0] <= 'z') || (w0[0] >= 'A' && w0[0] <= 'Z'))
            goto channel;
    }
    /* Not Tcl_GetIntFromObj: it wraps -4294967293 to 3. */
    rc = xapi_tcl_get_wide(NULL, obj, &w);
    if (rc == XAPI_TCL_BIG || (rc == TCL_OK && (w < INT_MIN || w > INT_MAX)))
        return xapi_tcl_arg_error(interp, cmd, "socket",
            "descriptor %.60s is out of range", Tcl_GetString(obj));
    if (rc == TCL_OK) {
        *fd = (int)w;
        return TCL_OK;
    }
channel:
    chan = Tcl_GetChannel(interp, Tcl_GetString(obj), &mode);
    if (chan == NULL) {
        Tcl_ResetResult(interp);
        return xapi_tcl_arg_error(interp, cmd, "socket",
            "\"%.60s\" is neither a channel nor a descriptor",
            Tcl_GetString(obj));
    }
    if (Tcl_GetChannelHandle(chan, TCL_READABLE, &handle) != TCL_OK &&
        Tcl_GetChannelHandle(chan, TCL_WRITABLE, &handle) != TCL_OK)
        return xapi_tcl_arg_error(interp, cmd, "socket",
            "channel \"%.60s\" has no descriptor", Tcl_GetString(obj));
    *fd = (int)(intptr_t)handle;
    return TCL_OK;
}

/* A word of constant names resolved once: its value is kept in the
 * word's own object (the string stays), so a flags word in a receive
 * loop (-flags MSG_DONTWAIT, a literal) is looked up once, not per call.
 * The values are the core's, the same in every interpreter. */
static void xapi_tcl_constword_dup(Tcl_Obj *src, Tcl_Obj *dup)
{
    dup->internalRep.longValue = src->internalRep.longValue;
    dup->typePtr = src->typePtr;
}
static const Tcl_ObjType xapi_tcl_constword_type = {
    "xapi-constword", NULL, xapi_tcl_constword_dup, NULL, NULL
};

static void xapi_tcl_constword_keep(Tcl_Obj *obj, long v)
{
    if (obj->bytes == NULL)
        return; /* (no string to keep: a pure list) */
    if (obj->typePtr != NULL && obj->typePtr->freeIntRepProc != NULL)
        obj->typePtr->freeIntRepProc(obj);
    obj->internalRep.longValue = v;
    obj->typePtr = &xapi_tcl_constword_type;
}

/* A level, type, family, protocol or flags word: an integer, a constant
 * name from the core's table, or a list of those ORed together.  Each
 * integer is an int or its bits up to UINT_MAX (0xffffffff), never
 * wrapped. */
static int xapi_tcl_get_const(Tcl_Interp *interp, Tcl_Obj *obj,
                              const char *cmd, const char *arg, int *out)
{
    Tcl_Obj **elems = &obj;
    Tcl_WideInt w;
    int n = 1, i, rc;
    long acc = 0, v;

    if (obj->typePtr == &xapi_tcl_constword_type) {
        *out = (int)obj->internalRep.longValue;
        return TCL_OK;
    }
    /* One integer, first: never made a list (no shimmering). */
    rc = xapi_tcl_get_wide(NULL, obj, &w);
    if (rc == TCL_ERROR &&
        (Tcl_ListObjGetElements(NULL, obj, &n, &elems) != TCL_OK || n == 0))
        return xapi_tcl_arg_error(interp, cmd, arg,
            "expected an integer, a constant name or a list of them, "
            "got \"%.60s\"", Tcl_GetString(obj));
    for (i = 0; i < n; i++) {
        if (elems != &obj) /* (one integer: read above) */
            rc = xapi_tcl_get_wide(NULL, elems[i], &w);
        if (rc == TCL_ERROR &&
            xapi_constant_value(Tcl_GetString(elems[i]), &v) < 0)
            return xapi_tcl_arg_error(interp, cmd, arg,
                "unknown constant \"%.60s\"", Tcl_GetString(elems[i]));
        if (rc == TCL_ERROR)
            w = v;
        if (rc == XAPI_TCL_BIG || w < INT_MIN || w > (Tcl_WideInt)UINT_MAX)
            return xapi_tcl_arg_error(interp, cmd, arg,
                "%.60s does not fit an int", Tcl_GetString(elems[i]));
        acc |= (long)(unsigned)w;
    }
    *out = (int)acc;
    /* (the elements' pointers die here: the list rep is freed) */
    if (elems != &obj)
        xapi_tcl_constword_keep(obj, acc);
    return TCL_OK;
}

/* An integer in [lo, hi]: not an integer is Tcl's own {TCL VALUE NUMBER},
 * out of range (a bignum too) is {XAPI ARG ...}. */
static int xapi_tcl_get_range(Tcl_Interp *interp, Tcl_Obj *obj,
                              const char *cmd, const char *arg,
                              Tcl_WideInt lo, Tcl_WideInt hi,
                              Tcl_WideInt *out)
{
    int rc = xapi_tcl_get_wide(interp, obj, out);

    if (rc == TCL_ERROR) {
        Tcl_SetObjResult(interp, Tcl_ObjPrintf("%s: %s: %s", cmd, arg,
                         Tcl_GetString(Tcl_GetObjResult(interp))));
        return TCL_ERROR;
    }
    if (rc == XAPI_TCL_BIG || *out < lo || *out > hi)
        return xapi_tcl_arg_error(interp, cmd, arg,
            "%.60s is out of range %" TCL_LL_MODIFIER "d..%" TCL_LL_MODIFIER
            "d", Tcl_GetString(obj), (long long)lo, (long long)hi);
    return TCL_OK;
}

/* Bytes: a Tcl byte array.  Tcl 8.6's Tcl_GetByteArrayFromObj silently
 * keeps the low byte of a character above U+00FF; that is refused here.
 * A pure byte array (no string rep) needs no check.  The pointer is only
 * valid until the object changes type or is freed: callers fetch bytes
 * after every other argument has been converted, with the object held
 * (commands.i's xapi_tcl_held) when a list's rep is all that keeps it. */
static int xapi_tcl_get_bytes(Tcl_Interp *interp, Tcl_Obj *obj,
                              const char *cmd, const char *arg,
                              const unsigned char **p, size_t *len)
{
    int n;

    if (obj->typePtr != Tcl_GetObjType("bytearray") || obj->bytes != NULL) {
        const char *s = Tcl_GetStringFromObj(obj, &n);
        const char *end = s + n;

        while (s < end) {
            Tcl_UniChar ch = 0;

            s += Tcl_UtfToUniChar(s, &ch);
            if (ch > 0xFF)
                return xapi_tcl_arg_error(interp, cmd, arg,
                    "holds the character U+%04X, which is not a byte "
                    "(use a byte array: binary format, encoding convertto)",
                    (unsigned)ch);
        }
    }
    *p = Tcl_GetByteArrayFromObj(obj, &n);
    *len = (size_t)n;
    return TCL_OK;
}

/* Text for the OS (host, path, interface name) in the system encoding;
 * a NUL inside is refused.  On TCL_OK, ds is initialised and the caller
 * frees it. */
static int xapi_tcl_get_text(Tcl_Interp *interp, Tcl_Obj *obj,
                             const char *cmd, const char *arg,
                             Tcl_DString *ds)
{
    int n;
    const char *s = Tcl_GetStringFromObj(obj, &n);

    Tcl_UtfToExternalDString(NULL, s, n, ds);
    if (strlen(Tcl_DStringValue(ds)) != (size_t)Tcl_DStringLength(ds)) {
        Tcl_DStringFree(ds);
        return xapi_tcl_arg_error(interp, cmd, arg, "holds a NUL character");
    }
    return TCL_OK;
}

/* The module's destination cache (the core's: families by descriptor,
 * parsed destinations), made on first use and kept for the process's
 * life; the core locks it, so every interpreter and thread may share it.
 * NULL (no memory) asks and parses every time. */
static xapi_dest_cache *xapi_tcl_dest_cache(void)
{
    static xapi_dest_cache *slot;
    return xapi_dest_cache_once(&slot);
}

/* Parses host text and port for a family with the core's parser (through
 * the destination cache), before any system call: text that does not
 * parse is an argument error. */
static int xapi_tcl_parse_addr(Tcl_Interp *interp, const char *cmd,
                               int family, Tcl_Obj *hostobj,
                               Tcl_Obj *portobj, xapi_addr *out)
{
    Tcl_DString ds;
    Tcl_WideInt port = 0;
    int rc, len, i;
    const char *s;

    if (portobj && xapi_tcl_get_range(interp, portobj, cmd, "port", 0,
                                      65535, &port) != TCL_OK)
        return TCL_ERROR;
    /* ASCII text (every address, most paths) is its own external form:
     * no conversion per send.  Tcl's strings hold no NUL byte (U+0000 is
     * C0 80), which the scan stops at as at any byte above 0x7F. */
    s = Tcl_GetStringFromObj(hostobj, &len);
    for (i = 0; i < len && (unsigned char)s[i] - 1u < 0x7fu; i++)
        ;
    if (i < len) {
        if (xapi_tcl_get_text(interp, hostobj, cmd, "address", &ds) != TCL_OK)
            return TCL_ERROR;
        s = Tcl_DStringValue(&ds);
    }
    errno = 0;
    rc = xapi_dest_cache_parse(xapi_tcl_dest_cache(), family, s,
                               (unsigned)port, out, NULL);
    if (i < len)
        Tcl_DStringFree(&ds);
    if (rc < 0) {
        int err = errno;

        return xapi_tcl_arg_error(interp, cmd, "address",
            "\"%.80s\" is not an address for this socket (%s)",
            Tcl_GetString(hostobj),
            err ? Tcl_ErrnoMsg(err) : "does not parse");
    }
    return TCL_OK;
}

/* A record view as a dict of its fields: one loop over the core's field
 * table.  An errno field shows its name (EMSGSIZE), as errorCode does. */
static Tcl_Obj *xapi_tcl_record(const xapi_value *v)
{
    const xapi_record *r = xapi_record_of(v->kind);
    Tcl_Obj *d;
    size_t j;

    if (r == NULL)
        return NULL;
    d = Tcl_NewDictObj();
    for (j = 0; j < r->nfields; j++) {
        const xapi_field *fd = &r->fields[j];
        int64_t n = 0;
        const char *t = NULL;
        size_t len = 0;
        Tcl_Obj *f;

        switch (xapi_field_get(v, fd, &n, &t, &len)) {
        case XAPI_FIELD_INT:
            f = fd->type == XAPI_FIELD_ERRNO && t != NULL
                    ? Tcl_NewStringObj(t, -1)
                    : Tcl_NewWideIntObj((Tcl_WideInt)n);
            break;
        case XAPI_FIELD_TEXT:
            f = Tcl_NewStringObj(t, (int)len);
            break;
        case XAPI_FIELD_BYTES:
            f = Tcl_NewByteArrayObj((const unsigned char *)t, (int)len);
            break;
        default:
            f = Tcl_NewObj();
            break;
        }
        Tcl_DictObjPut(NULL, d, Tcl_NewStringObj(fd->name, -1), f);
    }
    return d;
}

/* A socket address as Tcl sees it: {host port} for IPv4/IPv6, the path for
 * AF_UNIX ("@name" in the abstract namespace, "" unnamed), "" for none.
 * Every other family comes back too, as the core renders it (never an
 * error, so no receive loses its datagram to its address): AF_PACKET as
 * the dict {ifindex N protocol N pkttype N hatype N addr BYTES},
 * AF_NETLINK as {pid N groups N}, anything else (and an address malformed
 * for its family) as a byte array of the sockaddr; never NULL. */
static Tcl_Obj *xapi_tcl_addr_obj(const xapi_addr *a)
{
    xapi_addr_view v;
    Tcl_Obj *pair[2];

    switch (xapi_addr_view_of(a, &v)) {
    case XAPI_ADDR_TEXT:
        break;
    case XAPI_ADDR_BYTES:
        return Tcl_NewByteArrayObj(v.bytes, (int)v.len);
    case XAPI_ADDR_RECORD: /* (a kind with a record: never NULL) */
        if ((pair[0] = xapi_tcl_record(&v.record)) != NULL)
            return pair[0];
        /* FALLTHROUGH */
    default:
        return Tcl_NewObj();
    }
    if (v.family == AF_UNIX) {
        Tcl_DString ds;
        Tcl_Obj *o;

        Tcl_ExternalToUtfDString(NULL, v.host, -1, &ds);
        o = Tcl_NewStringObj(Tcl_DStringValue(&ds), Tcl_DStringLength(&ds));
        Tcl_DStringFree(&ds);
        return o;
    }
    pair[0] = Tcl_NewStringObj(v.host, -1);
    pair[1] = Tcl_NewWideIntObj((Tcl_WideInt)v.port);
    return Tcl_NewListObj(2, pair);
}

%}

/* For the shared %exception blocks: raise from errno, jump to fail. */
%{
/* The one raise function: a core failure, with the call's xapi_error when
 * it has one.  A wrong value: errorCode {XAPI ARG argname reason}, result
 * "xapi::cmd: bad argument ARG: REASON" (the core's xapi_error_format
 * wording); anything else, an argument error with another errno included
 * (EOPNOTSUPP, ENODEV, ...): errorCode {POSIX ENAME message}. */
static int xapi_tcl_raise(Tcl_Interp *interp, const char *cname,
                          const xapi_error *e)
{
    char cmd[64], msg[XAPI_ERROR_REASON + 160];
    int err = errno;

    xapi_tcl_cmdname(cname, cmd, sizeof cmd);
    if (e == NULL || e->code == 0 || (e->arg == NULL && e->reason[0] == '\0')) {
        errno = e != NULL && e->code != 0 ? e->code : err;
        return xapi_tcl_os_error(interp, cmd);
    }
    xapi_error_format(e, cmd, msg, sizeof msg);
    Tcl_SetObjResult(interp, Tcl_NewStringObj(msg, -1));
    if (xapi_error_is_value(e)) {
        Tcl_SetErrorCode(interp, "XAPI", "ARG", e->arg, e->reason,
                         (char *)NULL);
    } else {
        const char *name = xapi_errno_name(e->code);
        Tcl_SetErrno(e->code);
        Tcl_SetErrorCode(interp, "POSIX", name != NULL ? name : "EIO", msg,
                         (char *)NULL);
    }
    return TCL_ERROR;
}
#define XAPI_RAISE(fname, errp) \
    do { xapi_tcl_raise(interp, (fname), (errp)); SWIG_fail; } while (0)
#define XAPI_RAISE_OS(fname) XAPI_RAISE(fname, NULL)
%}

/* --- typemaps, keyed on the parameter names swig/xapi.i documents --- */

%typemap(in) int fd {
  if (xapi_tcl_get_fd(interp, $input, "xapi::$symname", &$1) != TCL_OK)
    SWIG_fail;
}

/* A constant word: an integer, a constant name or a list of them (OR-ed);
 * swig/xapi.i applies it to family, type, protocol, level, name, flags. */
%typemap(in) int CONST_ARG {
  if (xapi_tcl_get_const(interp, $input, "xapi::$symname", "$1_name",
                         &$1) != TCL_OK)
    SWIG_fail;
}

/* The two shapes most words have, one typemap each per use:
 *   XAPI_TCL_RANGE_IN(TYPE, ARG, LO, HI)  an integer in LO..HI (Tcl's own
 *       error when the word is not an integer, {XAPI ARG ARG ...} when it
 *       is out of range, a bignum too)
 *   XAPI_TCL_TEXT_IN(TYPE, ARG)  text for the OS in the system encoding
 *       (a NUL inside is refused), freed after the call. */
%define XAPI_TCL_RANGE_IN(TYPE, ARG, LO, HI)
%typemap(in) TYPE {
  Tcl_WideInt w;
  if (xapi_tcl_get_range(interp, $input, "xapi::$symname", ARG, LO, HI,
                         &w) != TCL_OK)
    SWIG_fail;
  $1 = ($1_ltype)w;
}
%enddef
%define XAPI_TCL_TEXT_IN(TYPE, ARG)
%typemap(in) TYPE (Tcl_DString ds, int ds_init = 0) {
  if (xapi_tcl_get_text(interp, $input, "xapi::$symname", ARG, &ds) != TCL_OK)
    SWIG_fail;
  ds_init = 1;
  $1 = Tcl_DStringValue(&ds);
}
%typemap(freearg) TYPE {
  if (ds_init$argnum) Tcl_DStringFree(&ds$argnum);
}
%enddef

/* Plain integers (backlog, option values). */
XAPI_TCL_RANGE_IN(int, "$1_name", INT_MIN, INT_MAX)
XAPI_TCL_RANGE_IN(unsigned, "$1_name", 0, UINT_MAX)
XAPI_TCL_RANGE_IN(unsigned int, "$1_name", 0, UINT_MAX)
XAPI_TCL_RANGE_IN(size_t len, "len", 0, (Tcl_WideInt)INT_MAX)
%typemap(out) size_t, unsigned {
  Tcl_SetObjResult(interp, Tcl_NewWideIntObj((Tcl_WideInt)$1));
}

/* Host text and port, parsed for the socket's own family before the call
 * (the core would parse again; here a parse failure is an argument error,
 * not an OS error). */
XAPI_TCL_TEXT_IN(const char *host, "address")
XAPI_TCL_RANGE_IN(unsigned port, "port", 0, 65535)
/* Interface names and other plain text for the OS. */
XAPI_TCL_TEXT_IN(const char *name, "name")

/* Bytes in. */
%typemap(in) (const void *buf, size_t len) {
  const unsigned char *bytes_p;
  size_t bytes_n;
  if (xapi_tcl_get_bytes(interp, $input, "xapi::$symname", "value",
                         &bytes_p, &bytes_n) != TCL_OK)
    SWIG_fail;
  $1 = (void *)bytes_p;
  $2 = bytes_n;
}

/* Bytes out: the Tcl word is the capacity, the result a byte array. */
%typemap(in) (void *out, size_t cap, size_t *outlen) (size_t outlen_tmp = 0) {
  Tcl_WideInt w;
  if (xapi_tcl_get_range(interp, $input, "xapi::$symname", "size", 0,
                         65536, &w) != TCL_OK)
    SWIG_fail;
  $2 = (size_t)w;
  $1 = ckalloc(w > 0 ? (unsigned)w : 1u);
  $3 = &outlen_tmp;
}
%typemap(argout) (void *out, size_t cap, size_t *outlen) {
  Tcl_SetObjResult(interp, Tcl_NewByteArrayObj((unsigned char *)$1,
                                               (int)*$3));
}
%typemap(freearg) (void *out, size_t cap, size_t *outlen) {
  if ($1) ckfree((char *)$1);
}

/* An int out becomes the result. */
%typemap(in, numinputs=0) int *value (int value_tmp = 0) {
  $1 = &value_tmp;
}
%typemap(argout) int *value {
  Tcl_SetObjResult(interp, Tcl_NewIntObj(*$1));
}

/* An address out becomes {host port} or a unix path. */
%typemap(in, numinputs=0) xapi_addr *addr_out (xapi_addr addr_tmp) {
  memset(&addr_tmp, 0, sizeof addr_tmp);
  $1 = &addr_tmp;
}
%typemap(argout) xapi_addr *addr_out {
  Tcl_SetObjResult(interp, xapi_tcl_addr_obj($1));
}

/* An interface name out. */
%typemap(in, numinputs=0) (char *name, size_t len) (char name_tmp[IF_NAMESIZE]) {
  name_tmp[0] = '\0';
  $1 = name_tmp;
  $2 = sizeof name_tmp;
}
%typemap(argout) (char *name, size_t len) {
  Tcl_DString name_ds;
  Tcl_ExternalToUtfDString(NULL, $1, -1, &name_ds);
  Tcl_DStringResult(interp, &name_ds);
}

/* Calls whose only result is success: an empty result, or what argout
 * sets. */
%typemap(out) int xapi_bind, int xapi_connect, int xapi_listen,
              int xapi_close, int xapi_setsockopt_int,
              int xapi_setsockopt_bytes, int xapi_getsockopt_int,
              int xapi_getsockopt_bytes, int xapi_getsockname,
              int xapi_getpeername, int xapi_if_indextoname "";

/* xapi::socket (and socket_netns, accept) returns a channel, not a
 * descriptor (channel.i: making one cannot fail). */
%typemap(out) int xapi_socket, int xapi_socket_netns, int xapi_accept
  "Tcl_SetObjResult(interp, xapi_tcl_channel_obj(interp, $1));";

/* xapi::accept socket: the peer is getpeername's. */
%typemap(in, numinputs=0) xapi_addr *peer "$1 = NULL;"

/* Optional trailing words: xapi::socket family type ?protocol?,
 * xapi::listen socket ?backlog?. */
%typemap(default) int protocol { $1 = 0; }
%typemap(default) int backlog { $1 = SOMAXCONN; }

/* --- ancillary items (helpers in commands.i) --- */

/* A list of items in, the control buffer the core builds from it out, as
 * a byte array. */
%typemap(in) (const xapi_item *ITEMS, size_t NITEMS, void *CONTROL_OUT,
              size_t CONTROL_CAP, size_t *CONTROL_LEN)
    (xapi_tcl_itemv items, xapi_tcl_held *items_got = NULL,
     size_t need = 0, size_t got = 0) {
  items_got = &items.held;
  if (xapi_tcl_items(interp, "xapi::$symname", $input, &items) != TCL_OK ||
      xapi_tcl_items_bytes(interp, "xapi::$symname", &items) != TCL_OK)
    SWIG_fail;
  $1 = items.it;
  $2 = items.held.n;
  /* A refusal (too large) is left to the call, which words it. */
  (void)xapi_items_space($1, $2, &need, NULL);
  $3 = ckalloc(need > 0 ? (unsigned)need : 1u);
  $4 = need;
  $5 = &got;
}
%typemap(argout) (const xapi_item *ITEMS, size_t NITEMS, void *CONTROL_OUT,
                  size_t CONTROL_CAP, size_t *CONTROL_LEN) {
  Tcl_SetObjResult(interp, Tcl_NewByteArrayObj((unsigned char *)$3,
                                               (int)*$5));
}
%typemap(freearg) (const xapi_item *ITEMS, size_t NITEMS, void *CONTROL_OUT,
                   size_t CONTROL_CAP, size_t *CONTROL_LEN) {
  xapi_tcl_held_release(items_got$argnum);
  if ($3) ckfree((char *)$3);
}

/* Bytes in, a list of item dicts out: the core walks and decodes, the
 * typemap only builds the dicts. */
%typemap(in) (const void *CONTROL_IN, size_t CONTROL_IN_LEN,
              xapi_cmsg *CMSGS_OUT, xapi_value *VALUES_OUT, size_t ITEMS_CAP,
              size_t *ITEMS_COUNT) (size_t count = 0) {
  const unsigned char *bytes_p;
  size_t bytes_n;
  if (xapi_tcl_get_bytes(interp, $input, "xapi::$symname", "bytes",
                         &bytes_p, &bytes_n) != TCL_OK)
    SWIG_fail;
  $1 = (void *)bytes_p;
  $2 = bytes_n;
  /* Room for every item, as far as ckalloc's unsigned size reaches (15
   * million): the core refuses more (ENOSPC) rather than overrun. */
  $5 = xapi_items_count($1, $2);
  if ($5 > (UINT_MAX - 1u) / sizeof(xapi_value))
    $5 = (UINT_MAX - 1u) / sizeof(xapi_value);
  $3 = (xapi_cmsg *)ckalloc((unsigned)($5 * sizeof(xapi_cmsg)) + 1u);
  $4 = (xapi_value *)ckalloc((unsigned)($5 * sizeof(xapi_value)) + 1u);
  $6 = &count;
}
%typemap(argout) (const void *CONTROL_IN, size_t CONTROL_IN_LEN,
                  xapi_cmsg *CMSGS_OUT, xapi_value *VALUES_OUT,
                  size_t ITEMS_CAP, size_t *ITEMS_COUNT) {
  Tcl_Obj *parsed;
  xapi_tcl_items_objs(xapi_tcl_get_keys(interp), NULL, $3, $4, *$6, &parsed,
                      NULL);
  Tcl_SetObjResult(interp, parsed);
}
%typemap(freearg) (const void *CONTROL_IN, size_t CONTROL_IN_LEN,
                   xapi_cmsg *CMSGS_OUT, xapi_value *VALUES_OUT,
                   size_t ITEMS_CAP, size_t *ITEMS_COUNT) {
  if ($3) ckfree((char *)$3);
  if ($4) ckfree((char *)$4);
}
%typemap(out) int xapi_items_build, int xapi_items_parse "";

/* --- sending (helpers in commands.i; the options are xapi.tcl's) --- */

/* The pieces: a list of byte arrays, read last (the check typemap runs
 * after every "in"), each piece held (xapi_tcl_held) before any bytes
 * are taken, until the command returns. */
%typemap(in) (const struct iovec *PIECES, size_t NPIECES)
    (Tcl_Obj *pieces_obj = NULL, xapi_tcl_iovs pieces,
     xapi_tcl_held *pieces_got = NULL) {
  pieces_obj = $input;
}
%typemap(check) (const struct iovec *PIECES, size_t NPIECES) {
  pieces_got$argnum = &pieces$argnum.held;
  if (xapi_tcl_pieces(interp, "xapi::sendmsg", "buffers", pieces_obj$argnum,
                      0, &pieces$argnum) != TCL_OK)
    SWIG_fail;
  $1 = pieces$argnum.iov;
  $2 = pieces$argnum.n;
}
%typemap(freearg) (const struct iovec *PIECES, size_t NPIECES) {
  xapi_tcl_held_release(pieces_got$argnum);
}

/* A destination for the socket (the call's first argument). */
%typemap(in) const xapi_addr *DEST (xapi_addr dest) {
  if (xapi_tcl_dest(interp, "xapi::sendmsg", arg1, $input, &dest) != TCL_OK)
    SWIG_fail;
  $1 = dest.len > 0 ? &dest : NULL;
}

/* The module's destination cache (the core's), which the DEST shape
 * parses through: no argument. */
%typemap(in, numinputs=0) xapi_dest_cache *DEST_CACHE "$1 = xapi_tcl_dest_cache();"

/* A list of items (to send, or xapi::tx_timestamp_of's; errors name the
 * command): levels and types now, the payloads held, their bytes last,
 * after the pieces' (the flags word may be the very object of a payload:
 * a shared literal "0"). */
%typemap(in) (const xapi_item *ITEMS, size_t NITEMS)
    (xapi_tcl_itemv items, xapi_tcl_held *items_got = NULL) {
  items_got = &items.held;
  if (xapi_tcl_items(interp, "xapi::$symname", $input, &items) != TCL_OK)
    SWIG_fail;
  $1 = items.it;
  $2 = items.held.n;
}
%typemap(check) (const xapi_item *ITEMS, size_t NITEMS) {
  if (xapi_tcl_items_bytes(interp, "xapi::$symname", &items$argnum) != TCL_OK)
    SWIG_fail;
}
%typemap(freearg) (const xapi_item *ITEMS, size_t NITEMS) {
  xapi_tcl_held_release(items_got$argnum);
}

%typemap(in) int send_flags {
  if (xapi_tcl_get_const(interp, $input, "xapi::sendmsg", "flags",
                         &$1) != TCL_OK)
    SWIG_fail;
}
%typemap(out) ssize_t {
  Tcl_SetObjResult(interp, Tcl_NewWideIntObj((Tcl_WideInt)$1));
}

/* --- receiving (helpers in commands.i; the options are xapi.tcl's) --- */

/* xapi::recvmsg socket sizes ?-anc n? ?-flags flags? ?-fds int|channel?,
 * whole in the generated command (no Tcl proc on the per-message path):
 * the option words are read before SWIG's argument check and the words
 * become {socket sizes flags}; sizes and -anc make the receive buffer,
 * the recvmsg dict is built from the message the core received. */
%typemap(arginit) xapi_msg *RECV_MSG (Tcl_Obj *recv_words[4],
                                      Tcl_Obj *recv_opts[3],
                                      int recv_fdch = 0) {
  static const char *const recv_names[] = { "-anc", "-flags", "-fds", NULL };
  if (xapi_tcl_options(interp, "xapi::$symname", "socket sizes ?-anc n? "
                       "?-flags flags? ?-fds int|channel?", objc, objv, 2,
                       recv_names, recv_opts) != TCL_OK)
    SWIG_fail;
  if (recv_opts[2] != NULL) {
    const char *fdw = Tcl_GetString(recv_opts[2]);
    if (strcmp(fdw, "channel") == 0)
      recv_fdch = 1;
    else if (strcmp(fdw, "int") != 0) {
      xapi_tcl_arg_error(interp, "xapi::$symname", "-fds",
                         "expected int or channel, got \"%.60s\"", fdw);
      SWIG_fail;
    }
  }
  recv_words[0] = objv[0];
  recv_words[1] = objv[1];
  recv_words[2] = objv[2];
  recv_words[3] = recv_opts[1] != NULL
      ? recv_opts[1] : xapi_tcl_int(xapi_tcl_get_keys(interp), 0);
  objv = recv_words;
  objc = 4;
}
%typemap(in) xapi_msg *RECV_MSG (xapi_tcl_recvbuf rbuf, int rbuf_held = 0) {
  rbuf_held = 1;
  rbuf.fds_channel = recv_fdch$argnum;
  if (xapi_tcl_recvbuf_get(interp, "xapi::$symname", $input,
                           recv_opts$argnum[0], &rbuf) != TCL_OK)
    SWIG_fail;
  $1 = &rbuf.m;
}
%typemap(argout) xapi_msg *RECV_MSG {
  Tcl_SetObjResult(interp, xapi_tcl_recvbuf_message(interp, &rbuf$argnum));
}
%typemap(freearg) xapi_msg *RECV_MSG {
  if (rbuf_held$argnum) xapi_tcl_recvbuf_release(&rbuf$argnum);
}
%typemap(out) ssize_t xapi_recvmsg "";

/* --- interfaces and constants --- */

/* xapi::if_nameindex -> list of {index name} */
%typemap(in, numinputs=0) size_t *IF_LIST_COUNT (size_t n = 0) "$1 = &n;"
%typemap(out) xapi_ifentry * "";
%typemap(argout) size_t *IF_LIST_COUNT {
  Tcl_Obj *if_list = Tcl_NewListObj(0, NULL);
  size_t i;
  for (i = 0; i < *$1; i++) {
    Tcl_Obj *pair[2];
    Tcl_DString ds;
    Tcl_ExternalToUtfDString(NULL, result[i].name, -1, &ds);
    pair[0] = Tcl_NewWideIntObj((Tcl_WideInt)result[i].index);
    pair[1] = Tcl_NewStringObj(Tcl_DStringValue(&ds), Tcl_DStringLength(&ds));
    Tcl_DStringFree(&ds);
    Tcl_ListObjAppendElement(NULL, if_list, Tcl_NewListObj(2, pair));
  }
  xapi_if_nameindex_free(result);
  Tcl_SetObjResult(interp, if_list);
}

/* xapi::constants -> dict NAME value, the core's whole table (xapi.tcl
 * makes the ::xapi::NAME variables from it) */
%typemap(in, numinputs=0) size_t *CONST_COUNT (size_t n = 0) "$1 = &n;"
%typemap(out) const xapi_constant * "";
%typemap(argout) size_t *CONST_COUNT {
  Tcl_Obj *consts = Tcl_NewDictObj();
  size_t i;
  for (i = 0; i < *$1; i++)
    Tcl_DictObjPut(NULL, consts, Tcl_NewStringObj(result[i].name, -1),
                   Tcl_NewWideIntObj((Tcl_WideInt)result[i].value));
  Tcl_SetObjResult(interp, consts);
}
%typemap(out) const char *xapi_errno_name {
  Tcl_SetObjResult(interp, Tcl_NewStringObj($1 != NULL ? $1 : "", -1));
}

/* A network namespace: an ip-netns name or a path, never empty. */
XAPI_TCL_TEXT_IN(const char *NETNS, "netns")
%typemap(check) const char *NETNS {
  if ($1[0] == '\0') {
    xapi_tcl_arg_error(interp, "xapi::$symname", "netns",
                       "the namespace name is empty");
    SWIG_fail;
  }
}

%{
/* A generated command called with the wrong number of words fails as
 * Tcl's own commands do, with errorCode {TCL WRONGARGS} (SWIG's argument
 * parser sets none). */
static int xapi_tcl_wrongargs(Tcl_Interp *interp, int rc)
{
    if (rc != TCL_OK &&
        strncmp(Tcl_GetStringResult(interp), "Wrong", 5) == 0)
        Tcl_SetErrorCode(interp, "TCL", "WRONGARGS", (char *)NULL);
    return rc;
}
#undef SWIG_GetArgs
#define SWIG_GetArgs(interp, objc, objv, ...) \
    xapi_tcl_wrongargs((interp), SWIG_Tcl_GetArgs((interp), (objc), (objv), \
                                                  __VA_ARGS__))
%}

/* --- typed items --- */

/* One typed item made by the core, as {level type data}. */
%typemap(in, numinputs=0) xapi_typed_item *TYPED_ITEM_OUT (xapi_typed_item t) "$1 = &t;"
%typemap(argout) xapi_typed_item *TYPED_ITEM_OUT {
  Tcl_Obj *item_words[3];
  item_words[0] = Tcl_NewIntObj($1->item.level);
  item_words[1] = Tcl_NewIntObj($1->item.type);
  item_words[2] = Tcl_NewByteArrayObj((const unsigned char *)$1->item.data,
                                      (int)$1->item.len);
  Tcl_SetObjResult(interp, Tcl_NewListObj(3, item_words));
}
%typemap(out) int xapi_typed_int, int xapi_typed_pktinfo6,
              int xapi_typed_pktinfo4, int xapi_typed_raw "";
/* An interface index, or an interface's name. */
%typemap(in) unsigned IFINDEX {
  if (xapi_tcl_get_ifindex(interp, $input, "xapi::cmsg", &$1) != TCL_OK)
    SWIG_fail;
}

/* A list of record values out (up to XAPI_RECORDS_MAX): a list of their
 * dicts, the command's result. */
%typemap(in, numinputs=0)
    (xapi_value *RECORDS, size_t RECORDS_CAP, size_t *RECORDS_COUNT)
    (xapi_value recs[XAPI_RECORDS_MAX], size_t n = 0) {
  $1 = recs;
  $2 = XAPI_RECORDS_MAX;
  $3 = &n;
}
%typemap(argout)
    (xapi_value *RECORDS, size_t RECORDS_CAP, size_t *RECORDS_COUNT) {
  Tcl_Obj *l = Tcl_NewListObj(0, NULL);
  size_t ri;

  for (ri = 0; ri < *$3; ri++) {
    Tcl_Obj *o = xapi_tcl_record(&$1[ri]);
    Tcl_ListObjAppendElement(NULL, l, o ? o : Tcl_NewObj());
  }
  Tcl_SetObjResult(interp, l);
}
