/*
 * swig/tcl/rfc3542.i - the native half of the Tcl binding's RFC 3542
 * commands (issue 3): ICMPv6 filters, routing headers (type 0 and the
 * RFC 8754 Segment Routing Header), Hop-by-Hop / Destination options,
 * path MTU and the IPV6_NEXTHOP payload.
 *
 * Included textually by bindings/tcl/xapi_tcl.i after typemaps.i and
 * commands.i, so their helpers (xapi_tcl_get_bytes, xapi_tcl_arg_error,
 * xapi_tcl_os_error, xapi_tcl_get_fd, xapi_tcl_get_const,
 * xapi_tcl_get_range, xapi_tcl_get_text, xapi_tcl_dict_put) are in scope.
 *
 * Tcl users see values, not objects: a filter, a routing header and an
 * options header are byte arrays, exactly the bytes the kernel takes.
 * Each command here is registered as ::xapi::_r3542_NAME; rfc3542.tcl
 * moves them into ::xapi::rfc3542 and groups them as the ensembles
 * xapi::icmp6filter, xapi::rth, xapi::srh and xapi::opt (docs/tcl-rfc3542.md).
 *
 * Errors: bytes the core calls malformed (EINVAL) and out-of-range
 * arguments are {XAPI ARG argname message}; what the core reports with
 * another errno (EOPNOTSUPP for another routing type, ENOSPC for a full
 * header, EMSGSIZE) and every socket call are {POSIX ENAME message}.
 *
 * Shimmering rule (as in commands.i): integers and lists are converted
 * first; a byte pointer is taken last and used before anything else is
 * converted.
 */

%{
#include <arpa/inet.h>
#include <netinet/in.h>

#define XAPI_TCL_FILTER_BYTES ((int)sizeof(xapi_icmp6_filter))
#define XAPI_TCL_OPT_MAX 2048    /* largest options header, (255+1)*8 */
#define XAPI_TCL_OPT_MAXOPTS 1024 /* more cannot fit 2048 bytes */

/* The core failed with errno: EINVAL is the caller's input (an argument
 * error naming arg, with why), anything else the OS error it is. */
static int xapi_tcl_core_error(Tcl_Interp *interp, const char *cmd,
                               const char *arg, const char *why)
{
    if (errno == EINVAL)
        return xapi_tcl_arg_error(interp, cmd, arg, "%s", why);
    return xapi_tcl_os_error(interp, cmd);
}

/* wrong # args, with the usage after the command words. */
static int xapi_tcl_usage(Tcl_Interp *interp, Tcl_Obj *const objv[],
                          const char *usage)
{
    Tcl_WrongNumArgs(interp, 1, objv, usage);
    return TCL_ERROR;
}

/* An int word in [lo, hi] (Tcl's error when not an integer). */
static int xapi_tcl_get_int_in(Tcl_Interp *interp, Tcl_Obj *obj,
                               const char *cmd, const char *arg, int lo,
                               int hi, int *out)
{
    Tcl_WideInt w;

    if (xapi_tcl_get_range(interp, obj, cmd, arg, lo, hi, &w) != TCL_OK)
        return TCL_ERROR;
    *out = (int)w;
    return TCL_OK;
}

/* A type word (ICMPv6 type, option type, routing type): an integer or
 * one constant name from the core's table (ICMP6_ECHO_REQUEST,
 * IP6OPT_ROUTER_ALERT, IPV6_RTHDR_TYPE_4).  The range [lo, hi] is checked
 * here unless lo > hi (then the core checks it). */
static int xapi_tcl_get_type(Tcl_Interp *interp, Tcl_Obj *obj,
                             const char *cmd, const char *arg, int lo,
                             int hi, int *out)
{
    Tcl_WideInt w;
    long lv;

    if (Tcl_GetWideIntFromObj(NULL, obj, &w) != TCL_OK) {
        if (xapi_constant_value(Tcl_GetString(obj), &lv) < 0)
            return xapi_tcl_arg_error(interp, cmd, arg,
                "expected an integer or a constant name, got \"%.60s\"",
                Tcl_GetString(obj));
        w = lv;
    }
    if (w < INT_MIN || w > INT_MAX || (lo <= hi && (w < lo || w > hi)))
        return xapi_tcl_arg_error(interp, cmd, arg,
            "%" TCL_LL_MODIFIER "d is out of range %d..%d", (long long)w,
            lo <= hi ? lo : INT_MIN, lo <= hi ? hi : INT_MAX);
    *out = (int)w;
    return TCL_OK;
}

/* A byte array held by a variable, to be changed in place: unshared,
 * checked for non-byte characters, with a reference the caller gives
 * back through xapi_tcl_var_store (or Tcl_DecrRefCount on failure). */
static Tcl_Obj *xapi_tcl_var_bytes(Tcl_Interp *interp, Tcl_Obj *name,
                                   const char *cmd, unsigned char **p,
                                   size_t *len)
{
    Tcl_Obj *v = Tcl_ObjGetVar2(interp, name, NULL, TCL_LEAVE_ERR_MSG);
    const unsigned char *cp;
    int n;

    if (v == NULL)
        return NULL;
    if (xapi_tcl_get_bytes(interp, v, cmd, "buffer", &cp, len) != TCL_OK)
        return NULL;
    if (Tcl_IsShared(v))
        v = Tcl_DuplicateObj(v);
    Tcl_IncrRefCount(v);
    *p = Tcl_GetByteArrayFromObj(v, &n);
    *len = (size_t)n;
    return v;
}

static int xapi_tcl_var_store(Tcl_Interp *interp, Tcl_Obj *name,
                              Tcl_Obj *v)
{
    Tcl_Obj *r;

    Tcl_InvalidateStringRep(v);
    r = Tcl_ObjSetVar2(interp, name, NULL, v, TCL_LEAVE_ERR_MSG);
    Tcl_DecrRefCount(v);
    return r == NULL ? TCL_ERROR : TCL_OK;
}

static int xapi_tcl_set_var(Tcl_Interp *interp, Tcl_Obj *name, Tcl_Obj *v)
{
    return Tcl_ObjSetVar2(interp, name, NULL, v, TCL_LEAVE_ERR_MSG) == NULL
        ? TCL_ERROR : TCL_OK;
}

/* ---- Hop-by-Hop and Destination options (RFC 3542 10) ---------------- */

static const char *xapi_tcl_opt_why(const unsigned char *p, size_t len,
                                    char *buf, size_t cap)
{
    if (len < 2)
        snprintf(buf, cap, "malformed options header: %zu bytes, shorter "
                 "than Next Header and Hdr Ext Len", len);
    else if (((size_t)p[1] + 1) * 8 > len)
        snprintf(buf, cap, "malformed options header: Hdr Ext Len %u says "
                 "%zu bytes, only %zu given", p[1], ((size_t)p[1] + 1) * 8,
                 len);
    else
        snprintf(buf, cap, "malformed options header: an option's length "
                 "runs past the header's end");
    return buf;
}

/* One option of xapi::opt build, from {type align ?data?} or
 * {type align -pieces {p ...}}: what the lengths pass needs.  The data
 * bytes themselves are fetched again in the second pass, each right
 * before it is copied (see the shimmering rule above). */
typedef struct xapi_tcl_optspec {
    int type;
    unsigned align;
    size_t len;
} xapi_tcl_optspec;

static int xapi_tcl_opt_spec(Tcl_Interp *interp, const char *cmd,
                             Tcl_Obj *item, int index, xapi_tcl_optspec *o,
                             Tcl_Obj **data, Tcl_Obj **pieces)
{
    Tcl_Obj **f, **pv;
    int nf, np, k, align;
    const unsigned char *bp;
    size_t bl;

    *data = *pieces = NULL;
    if (Tcl_ListObjGetElements(NULL, item, &nf, &f) != TCL_OK ||
        nf < 2 || nf > 4 ||
        (nf == 4 && strcmp(Tcl_GetString(f[2]), "-pieces") != 0))
        return xapi_tcl_arg_error(interp, cmd, "options",
            "option %d must be {type align data} or {type align -pieces "
            "list}, got \"%.60s\"", index, Tcl_GetString(item));
    if (xapi_tcl_get_type(interp, f[0], cmd, "option type", 2, 255,
                          &o->type) != TCL_OK ||
        xapi_tcl_get_int_in(interp, f[1], cmd, "align", 1, 8,
                            &align) != TCL_OK)
        return TCL_ERROR;
    o->align = (unsigned)align;
    o->len = 0;
    if (nf == 3) {
        *data = f[2];
        if (xapi_tcl_get_bytes(interp, f[2], cmd, "option data", &bp,
                               &bl) != TCL_OK)
            return TCL_ERROR;
        o->len = bl;
    } else if (nf == 4) {
        *pieces = f[3];
        if (Tcl_ListObjGetElements(interp, f[3], &np, &pv) != TCL_OK)
            return TCL_ERROR;
        for (k = 0; k < np; k++) {
            if (xapi_tcl_get_bytes(interp, pv[k], cmd, "option data", &bp,
                                   &bl) != TCL_OK)
                return TCL_ERROR;
            o->len += bl;
            if (o->len > 255)
                break;
        }
    }
    if (o->len > 255)
        return xapi_tcl_arg_error(interp, cmd, "option data",
            "option %d has %zu data bytes, at most 255", index, o->len);
    return TCL_OK;
}

/* Writes data bytes of obj into the option data at *off with set_val. */
static int xapi_tcl_opt_put(Tcl_Interp *interp, const char *cmd,
                            Tcl_Obj *obj, unsigned char *databuf,
                            size_t datalen, int *off)
{
    const unsigned char *bp;
    size_t bl;
    int r;

    if (xapi_tcl_get_bytes(interp, obj, cmd, "option data", &bp,
                           &bl) != TCL_OK)
        return TCL_ERROR;
    errno = 0;
    r = xapi_inet6_opt_set_val(databuf, datalen, *off, bp, bl);
    if (r < 0) /* the data changed length between the passes */
        return xapi_tcl_core_error(interp, cmd, "option data",
                                   "does not fit the option");
    *off = r;
    return TCL_OK;
}

/* xapi::opt build options -> a whole Hop-by-Hop/Destination header:
 * inet6_opt_init, one inet6_opt_append per option (data written with
 * inet6_opt_set_val, one call per piece), inet6_opt_finish; lengths are
 * computed first without a buffer, as RFC 3542 Appendix C does. */
static int xapi_tcl_opt_build(ClientData cd, Tcl_Interp *interp, int objc,
                              Tcl_Obj *const objv[])
{
    const char *cmd = "xapi::opt build";
    Tcl_Obj **ov, *data, *pieces, *res = NULL;
    xapi_tcl_optspec *spec = NULL;
    unsigned char *buf;
    int n, i, len, extlen, rc = TCL_ERROR;

    (void)cd;
    if (objc != 2)
        return xapi_tcl_usage(interp, objv, "options");
    if (Tcl_ListObjGetElements(interp, objv[1], &n, &ov) != TCL_OK)
        return TCL_ERROR;
    if (n > XAPI_TCL_OPT_MAXOPTS)
        return xapi_tcl_arg_error(interp, cmd, "options",
            "%d options cannot fit a %d-byte header", n, XAPI_TCL_OPT_MAX);
    spec = (xapi_tcl_optspec *)ckalloc(
        (unsigned)(sizeof *spec * (size_t)(n ? n : 1)));

    /* Pass 1: lengths only. */
    len = xapi_inet6_opt_init(NULL, 0);
    for (i = 0; i < n; i++) {
        if (xapi_tcl_opt_spec(interp, cmd, ov[i], i, &spec[i], &data,
                              &pieces) != TCL_OK)
            goto done;
        errno = 0;
        len = xapi_inet6_opt_append(NULL, 0, len, spec[i].type, spec[i].len,
                                    spec[i].align, NULL);
        if (len < 0) {
            if (errno == EMSGSIZE)
                xapi_tcl_arg_error(interp, cmd, "options",
                    "the header would pass %d bytes", XAPI_TCL_OPT_MAX);
            else
                xapi_tcl_core_error(interp, cmd, "align",
                    "option alignment must be 1, 2, 4 or 8 and, unless 1, "
                    "at most the data length");
            goto done;
        }
    }
    errno = 0;
    extlen = xapi_inet6_opt_finish(NULL, 0, len);
    if (extlen < 0 || extlen > XAPI_TCL_OPT_MAX) {
        errno = EMSGSIZE;
        xapi_tcl_arg_error(interp, cmd, "options",
                           "the header would pass %d bytes",
                           XAPI_TCL_OPT_MAX);
        goto done;
    }

    /* Pass 2: into a buffer of that size; each piece's bytes are fetched
     * and copied at once. */
    res = Tcl_NewByteArrayObj(NULL, 0);
    Tcl_IncrRefCount(res);
    buf = Tcl_SetByteArrayLength(res, extlen);
    errno = 0;
    len = xapi_inet6_opt_init(buf, (size_t)extlen);
    for (i = 0; i < n && len >= 0; i++) {
        Tcl_Obj **f, **pv;
        int nf, np, k, off = 0;
        size_t dataoff = 0;

        len = xapi_inet6_opt_append(buf, (size_t)extlen, len, spec[i].type,
                                    spec[i].len, spec[i].align, &dataoff);
        if (len < 0)
            break;
        if (Tcl_ListObjGetElements(interp, ov[i], &nf, &f) != TCL_OK)
            goto done;
        if (nf == 3 && xapi_tcl_opt_put(interp, cmd, f[2], buf + dataoff,
                                        spec[i].len, &off) != TCL_OK)
            goto done;
        if (nf == 4) {
            if (Tcl_ListObjGetElements(interp, f[3], &np, &pv) != TCL_OK)
                goto done;
            for (k = 0; k < np; k++)
                if (xapi_tcl_opt_put(interp, cmd, pv[k], buf + dataoff,
                                     spec[i].len, &off) != TCL_OK)
                    goto done;
        }
    }
    if (len >= 0)
        len = xapi_inet6_opt_finish(buf, (size_t)extlen, len);
    if (len != extlen) {
        /* The two passes disagree: a bug in the core, not the input. */
        if (len >= 0 || errno == 0)
            errno = EPROTO;
        xapi_tcl_os_error(interp, cmd);
        goto done;
    }
    Tcl_SetObjResult(interp, res);
    rc = TCL_OK;
done:
    if (res)
        Tcl_DecrRefCount(res);
    ckfree((char *)spec);
    return rc;
}

/* Walks header p/len from offset (0: the start) to the next option that
 * is not padding (type < 0) or the next of that type.  Returns the offset
 * past it, -1 at the end (ENOENT); TCL_ERROR result set and -2 when the
 * header is malformed. */
static int xapi_tcl_opt_walk(Tcl_Interp *interp, const char *cmd,
                             const unsigned char *p, size_t len, int offset,
                             int type, int *typep, size_t *lenp,
                             size_t *dataoff)
{
    char why[160];
    int r;

    errno = 0;
    if (type < 0)
        r = xapi_inet6_opt_next(p, len, offset, typep, lenp, dataoff);
    else {
        r = xapi_inet6_opt_find(p, len, offset, type, lenp, dataoff);
        *typep = type;
    }
    if (r >= 0)
        return r;
    if (errno == ENOENT)
        return -1;
    if (errno == EINVAL && len >= 2 && ((size_t)p[1] + 1) * 8 <= len &&
        offset != 0 && (offset < 2 || (size_t)offset > ((size_t)p[1] + 1) * 8)) {
        xapi_tcl_arg_error(interp, cmd, "offset",
            "%d is not inside the %zu-byte header", offset,
            ((size_t)p[1] + 1) * 8);
        return -2;
    }
    if (errno == EINVAL)
        xapi_tcl_arg_error(interp, cmd, "bytes", "%s",
                           xapi_tcl_opt_why(p, len, why, sizeof why));
    else
        xapi_tcl_os_error(interp, cmd);
    return -2;
}

/* xapi::opt parse bytes -> list of {type data}, padding skipped */
static int xapi_tcl_opt_parse(ClientData cd, Tcl_Interp *interp, int objc,
                              Tcl_Obj *const objv[])
{
    const char *cmd = "xapi::opt parse";
    const unsigned char *p;
    size_t len, olen, doff;
    int off = 0, type;
    Tcl_Obj *list, *pair[2];

    (void)cd;
    if (objc != 2)
        return xapi_tcl_usage(interp, objv, "bytes");
    if (xapi_tcl_get_bytes(interp, objv[1], cmd, "bytes", &p,
                           &len) != TCL_OK)
        return TCL_ERROR;
    list = Tcl_NewListObj(0, NULL);
    while ((off = xapi_tcl_opt_walk(interp, cmd, p, len, off, -1, &type,
                                    &olen, &doff)) >= 0) {
        pair[0] = Tcl_NewIntObj(type);
        pair[1] = Tcl_NewByteArrayObj(p + doff, (int)olen);
        Tcl_ListObjAppendElement(NULL, list, Tcl_NewListObj(2, pair));
    }
    if (off == -2) {
        Tcl_DecrRefCount(list);
        return TCL_ERROR;
    }
    Tcl_SetObjResult(interp, list);
    return TCL_OK;
}

/* xapi::opt find bytes type -> the first such option's data, or ""
 * xapi::opt find bytes type dataVar -> 1 (dataVar set) or 0 */
static int xapi_tcl_opt_find(ClientData cd, Tcl_Interp *interp, int objc,
                             Tcl_Obj *const objv[])
{
    const char *cmd = "xapi::opt find";
    const unsigned char *p;
    size_t len, olen = 0, doff = 0;
    int type, r;
    Tcl_Obj *data;

    (void)cd;
    if (objc != 3 && objc != 4)
        return xapi_tcl_usage(interp, objv, "bytes type ?dataVar?");
    if (xapi_tcl_get_type(interp, objv[2], cmd, "type", 2, 255,
                          &type) != TCL_OK ||
        xapi_tcl_get_bytes(interp, objv[1], cmd, "bytes", &p,
                           &len) != TCL_OK)
        return TCL_ERROR;
    r = xapi_tcl_opt_walk(interp, cmd, p, len, 0, type, &type, &olen, &doff);
    if (r == -2)
        return TCL_ERROR;
    data = r >= 0 ? Tcl_NewByteArrayObj(p + doff, (int)olen) : NULL;
    if (objc == 3) {
        Tcl_SetObjResult(interp, data ? data : Tcl_NewObj());
        return TCL_OK;
    }
    if (data && xapi_tcl_set_var(interp, objv[3], data) != TCL_OK)
        return TCL_ERROR;
    Tcl_SetObjResult(interp, Tcl_NewBooleanObj(data != NULL));
    return TCL_OK;
}

/* xapi::opt next bytes offset ?typeVar? ?lenVar? ?dataVar?
 *   -> the offset past the next option (typeVar, lenVar, dataVar set to
 *      its type, data length and data), or -1 at the end: RFC 3542's
 *      inet6_opt_next with data as bytes instead of a pointer. */
static int xapi_tcl_opt_next(ClientData cd, Tcl_Interp *interp, int objc,
                             Tcl_Obj *const objv[])
{
    const char *cmd = "xapi::opt next";
    const unsigned char *p;
    size_t len, olen = 0, doff = 0;
    int off, type = 0, r;

    (void)cd;
    if (objc < 3 || objc > 6)
        return xapi_tcl_usage(interp, objv,
                              "bytes offset ?typeVar? ?lenVar? ?dataVar?");
    if (xapi_tcl_get_int_in(interp, objv[2], cmd, "offset", 0, INT_MAX,
                            &off) != TCL_OK ||
        xapi_tcl_get_bytes(interp, objv[1], cmd, "bytes", &p,
                           &len) != TCL_OK)
        return TCL_ERROR;
    r = xapi_tcl_opt_walk(interp, cmd, p, len, off, -1, &type, &olen, &doff);
    if (r == -2)
        return TCL_ERROR;
    if (r >= 0) {
        /* The data object is made before any variable is set: a trace
         * on a variable could change the bytes p points into. */
        Tcl_Obj *data = Tcl_NewByteArrayObj(p + doff, (int)olen);

        Tcl_IncrRefCount(data);
        if ((objc > 3 && xapi_tcl_set_var(interp, objv[3],
                                          Tcl_NewIntObj(type)) != TCL_OK) ||
            (objc > 4 && xapi_tcl_set_var(interp, objv[4],
                                          Tcl_NewWideIntObj(
                                              (Tcl_WideInt)olen)) != TCL_OK) ||
            (objc > 5 && xapi_tcl_set_var(interp, objv[5], data) != TCL_OK)) {
            Tcl_DecrRefCount(data);
            return TCL_ERROR;
        }
        Tcl_DecrRefCount(data);
    }
    Tcl_SetObjResult(interp, Tcl_NewIntObj(r));
    return TCL_OK;
}

/* xapi::opt getval data offset len -> len bytes at offset
 * xapi::opt getval data offset len valVar -> offset + len (valVar set) */
static int xapi_tcl_opt_getval(ClientData cd, Tcl_Interp *interp, int objc,
                               Tcl_Obj *const objv[])
{
    const char *cmd = "xapi::opt getval";
    const unsigned char *p;
    size_t len;
    int off, n, r;
    Tcl_Obj *val;

    (void)cd;
    if (objc != 4 && objc != 5)
        return xapi_tcl_usage(interp, objv, "data offset len ?valVar?");
    if (xapi_tcl_get_int_in(interp, objv[2], cmd, "offset", 0, INT_MAX,
                            &off) != TCL_OK ||
        xapi_tcl_get_int_in(interp, objv[3], cmd, "len", 0, INT_MAX,
                            &n) != TCL_OK ||
        xapi_tcl_get_bytes(interp, objv[1], cmd, "data", &p, &len) != TCL_OK)
        return TCL_ERROR;
    if ((size_t)off > len || (size_t)n > len - (size_t)off)
        return xapi_tcl_arg_error(interp, cmd, "len",
            "%d bytes at offset %d pass the %zu bytes of data", n, off, len);
    val = Tcl_NewByteArrayObj(NULL, 0);
    errno = 0;
    r = xapi_inet6_opt_get_val(p, len, off, Tcl_SetByteArrayLength(val, n),
                               (size_t)n);
    if (r < 0) {
        Tcl_DecrRefCount(val);
        return xapi_tcl_core_error(interp, cmd, "len",
                                   "passes the end of the data");
    }
    if (objc == 4) {
        Tcl_SetObjResult(interp, val);
        return TCL_OK;
    }
    if (xapi_tcl_set_var(interp, objv[4], val) != TCL_OK)
        return TCL_ERROR;
    Tcl_SetObjResult(interp, Tcl_NewIntObj(r));
    return TCL_OK;
}

/* xapi::opt type T -> IP6OPT_TYPE(T); xapi::opt mutable T -> 0/1 */
static int xapi_tcl_opt_typebits(ClientData cd, Tcl_Interp *interp,
                                 int objc, Tcl_Obj *const objv[])
{
    int mut = (int)(intptr_t)cd, t;
    const char *cmd = mut ? "xapi::opt mutable" : "xapi::opt type";

    if (objc != 2)
        return xapi_tcl_usage(interp, objv, "optiontype");
    if (xapi_tcl_get_type(interp, objv[1], cmd, "optiontype", 0, 255,
                          &t) != TCL_OK)
        return TCL_ERROR;
    Tcl_SetObjResult(interp, Tcl_NewIntObj(mut ? xapi_ip6opt_mutable(t)
                                               : xapi_ip6opt_type(t)));
    return TCL_OK;
}

/* xapi::opt router_alert value -> an 8-byte Hop-by-Hop header */
static int xapi_tcl_opt_router_alert(ClientData cd, Tcl_Interp *interp,
                                     int objc, Tcl_Obj *const objv[])
{
    const char *cmd = "xapi::opt router_alert";
    unsigned char out[8];
    size_t outlen = 0;
    int v;

    (void)cd;
    if (objc != 2)
        return xapi_tcl_usage(interp, objv, "value");
    if (xapi_tcl_get_int_in(interp, objv[1], cmd, "value", 0, 65535,
                            &v) != TCL_OK)
        return TCL_ERROR;
    errno = 0;
    if (xapi_inet6_opt_router_alert((unsigned)v, out, sizeof out,
                                    &outlen) < 0)
        return xapi_tcl_core_error(interp, cmd, "value", "not 0..65535");
    Tcl_SetObjResult(interp, Tcl_NewByteArrayObj(out, (int)outlen));
    return TCL_OK;
}

/* The RFC-shaped builders, for line-by-line ports of RFC 3542 Appendix C.
 * The buffer is a variable holding a byte array, changed in place (as
 * `append` and `lappend` do); without one ("" or left out) only lengths
 * are computed, like the RFC's NULL extbuf.
 *
 *   xapi::opt init ?bufVar extlen?                   -> 2
 *   xapi::opt append ?bufVar extlen? offset type len align ?dataVar?
 *                                                    -> new offset
 *   xapi::opt finish ?bufVar extlen? offset          -> final length
 *   xapi::opt setval bufVar databuf offset value     -> offset + length
 *
 * init with a buffer sets bufVar to extlen bytes (the header, zeroed);
 * append's dataVar gets the option's data place {offset length}, which
 * setval takes as databuf. */

/* Splits off an optional leading "bufVar extlen": *name is NULL when
 * there is none (left out, or bufVar ""), *first the index in objv of the
 * first word after it.  A call has nbare words without a buffer, and up
 * to nopt optional words after them. */
static int xapi_tcl_opt_bufargs(Tcl_Interp *interp, const char *cmd,
                                int objc, Tcl_Obj *const objv[], int nbare,
                                int nopt, Tcl_Obj **name, int *extlen,
                                int *first)
{
    int nargs = objc - 1;

    *name = NULL;
    *extlen = 0;
    *first = 1;
    if (nargs >= nbare + 2 && nargs <= nbare + 2 + nopt) {
        if (xapi_tcl_get_int_in(interp, objv[2], cmd, "extlen", 0,
                                XAPI_TCL_OPT_MAX, extlen) != TCL_OK)
            return TCL_ERROR;
        if (Tcl_GetCharLength(objv[1]) > 0)
            *name = objv[1];
        else if (*extlen != 0)
            return xapi_tcl_arg_error(interp, cmd, "extlen",
                "must be 0 without a buffer");
        *first = 3;
    }
    return TCL_OK;
}

static int xapi_tcl_opt_rfc_init(ClientData cd, Tcl_Interp *interp,
                                 int objc, Tcl_Obj *const objv[])
{
    const char *cmd = "xapi::opt init";
    Tcl_Obj *name, *buf;
    unsigned char *p;
    int extlen, first, r;

    (void)cd;
    if (objc != 1 && objc != 3)
        return xapi_tcl_usage(interp, objv, "?bufVar extlen?");
    if (xapi_tcl_opt_bufargs(interp, cmd, objc, objv, 0, 0, &name, &extlen,
                             &first) != TCL_OK)
        return TCL_ERROR;
    if (name == NULL) {
        Tcl_SetObjResult(interp, Tcl_NewIntObj(xapi_inet6_opt_init(NULL,
                                                                   0)));
        return TCL_OK;
    }
    buf = Tcl_NewByteArrayObj(NULL, 0);
    Tcl_IncrRefCount(buf);
    p = Tcl_SetByteArrayLength(buf, extlen);
    memset(p, 0, (size_t)extlen);
    errno = 0;
    r = xapi_inet6_opt_init(p, (size_t)extlen);
    if (r < 0) {
        Tcl_DecrRefCount(buf);
        return xapi_tcl_core_error(interp, cmd, "extlen",
                                   "must be a multiple of 8, 8..2048");
    }
    if (xapi_tcl_var_store(interp, name, buf) != TCL_OK)
        return TCL_ERROR;
    Tcl_SetObjResult(interp, Tcl_NewIntObj(r));
    return TCL_OK;
}

/* The buffer in name for writing, at least extlen bytes long. */
static Tcl_Obj *xapi_tcl_opt_rfc_buf(Tcl_Interp *interp, const char *cmd,
                                     Tcl_Obj *name, size_t need,
                                     unsigned char **p)
{
    size_t len;
    Tcl_Obj *v = xapi_tcl_var_bytes(interp, name, cmd, p, &len);

    if (v != NULL && len < need) {
        Tcl_DecrRefCount(v);
        xapi_tcl_arg_error(interp, cmd, "extlen",
            "%zu, but the buffer holds %zu bytes", need, len);
        return NULL;
    }
    return v;
}

static int xapi_tcl_opt_rfc_append(ClientData cd, Tcl_Interp *interp,
                                   int objc, Tcl_Obj *const objv[])
{
    const char *cmd = "xapi::opt append";
    Tcl_Obj *name, *v = NULL;
    unsigned char *p = NULL;
    size_t dataoff = 0;
    int extlen, first, off, type, len, align, r, nrest;

    (void)cd;
    if (objc < 5 || objc > 8)
        return xapi_tcl_usage(interp, objv,
            "?bufVar extlen? offset type len align ?dataVar?");
    if (xapi_tcl_opt_bufargs(interp, cmd, objc, objv, 4, 1, &name, &extlen,
                             &first) != TCL_OK)
        return TCL_ERROR;
    nrest = objc - first;
    if (nrest != 4 && !(nrest == 5 && first == 3))
        return xapi_tcl_usage(interp, objv,
            "?bufVar extlen? offset type len align ?dataVar?");
    if (xapi_tcl_get_int_in(interp, objv[first], cmd, "offset", 0, INT_MAX,
                            &off) != TCL_OK ||
        xapi_tcl_get_type(interp, objv[first + 1], cmd, "type", 1, 0,
                          &type) != TCL_OK ||
        xapi_tcl_get_int_in(interp, objv[first + 2], cmd, "len", 0, INT_MAX,
                            &len) != TCL_OK ||
        xapi_tcl_get_int_in(interp, objv[first + 3], cmd, "align", 0,
                            INT_MAX, &align) != TCL_OK)
        return TCL_ERROR;
    if (name != NULL) {
        v = xapi_tcl_opt_rfc_buf(interp, cmd, name, (size_t)extlen, &p);
        if (v == NULL)
            return TCL_ERROR;
    }
    errno = 0;
    r = xapi_inet6_opt_append(p, (size_t)extlen, off, type, (size_t)len,
                              (unsigned)align, &dataoff);
    if (r < 0) {
        if (v)
            Tcl_DecrRefCount(v);
        if (errno == EMSGSIZE)
            return xapi_tcl_arg_error(interp, cmd, "len",
                "the header would pass %d bytes", XAPI_TCL_OPT_MAX);
        return xapi_tcl_core_error(interp, cmd, "option",
            "type 2..255, len 0..255, align 1, 2, 4 or 8 and at most len "
            "(unless 1), offset from init or append");
    }
    if (v && xapi_tcl_var_store(interp, name, v) != TCL_OK)
        return TCL_ERROR;
    if (nrest == 5 && name != NULL) {
        Tcl_Obj *place[2];

        place[0] = Tcl_NewWideIntObj((Tcl_WideInt)dataoff);
        place[1] = Tcl_NewIntObj(len);
        if (xapi_tcl_set_var(interp, objv[objc - 1],
                             Tcl_NewListObj(2, place)) != TCL_OK)
            return TCL_ERROR;
    }
    Tcl_SetObjResult(interp, Tcl_NewIntObj(r));
    return TCL_OK;
}

static int xapi_tcl_opt_rfc_finish(ClientData cd, Tcl_Interp *interp,
                                   int objc, Tcl_Obj *const objv[])
{
    const char *cmd = "xapi::opt finish";
    Tcl_Obj *name, *v = NULL;
    unsigned char *p = NULL;
    int extlen, first, off, r;

    (void)cd;
    if (objc != 2 && objc != 4)
        return xapi_tcl_usage(interp, objv, "?bufVar extlen? offset");
    if (xapi_tcl_opt_bufargs(interp, cmd, objc, objv, 1, 0, &name, &extlen,
                             &first) != TCL_OK ||
        xapi_tcl_get_int_in(interp, objv[first], cmd, "offset", 0, INT_MAX,
                            &off) != TCL_OK)
        return TCL_ERROR;
    if (name != NULL) {
        v = xapi_tcl_opt_rfc_buf(interp, cmd, name, (size_t)extlen, &p);
        if (v == NULL)
            return TCL_ERROR;
    }
    errno = 0;
    r = xapi_inet6_opt_finish(p, (size_t)extlen, off);
    if (r < 0) {
        if (v)
            Tcl_DecrRefCount(v);
        return xapi_tcl_core_error(interp, cmd, "offset",
                                   "not an offset from init or append");
    }
    if (v && xapi_tcl_var_store(interp, name, v) != TCL_OK)
        return TCL_ERROR;
    Tcl_SetObjResult(interp, Tcl_NewIntObj(r));
    return TCL_OK;
}

static int xapi_tcl_opt_rfc_setval(ClientData cd, Tcl_Interp *interp,
                                   int objc, Tcl_Obj *const objv[])
{
    const char *cmd = "xapi::opt setval";
    Tcl_Obj **pl, *v, *val;
    Tcl_WideInt doff, dlen;
    const unsigned char *vp;
    unsigned char *p;
    size_t vlen, blen;
    int npl, off, r;

    (void)cd;
    if (objc != 5)
        return xapi_tcl_usage(interp, objv, "bufVar databuf offset value");
    if (Tcl_ListObjGetElements(NULL, objv[2], &npl, &pl) != TCL_OK ||
        npl != 2)
        return xapi_tcl_arg_error(interp, cmd, "databuf",
            "expected {offset length} from xapi::opt append's dataVar, got "
            "\"%.60s\"", Tcl_GetString(objv[2]));
    if (xapi_tcl_get_range(interp, pl[0], cmd, "databuf", 0,
                           XAPI_TCL_OPT_MAX, &doff) != TCL_OK ||
        xapi_tcl_get_range(interp, pl[1], cmd, "databuf", 0, 255,
                           &dlen) != TCL_OK ||
        xapi_tcl_get_int_in(interp, objv[3], cmd, "offset", 0, INT_MAX,
                            &off) != TCL_OK)
        return TCL_ERROR;
    /* A private copy of the value: it may be the buffer variable's own
     * object, which is about to change. */
    if (xapi_tcl_get_bytes(interp, objv[4], cmd, "value", &vp,
                           &vlen) != TCL_OK)
        return TCL_ERROR;
    val = Tcl_NewByteArrayObj(vp, (int)vlen);
    Tcl_IncrRefCount(val);
    vp = Tcl_GetByteArrayFromObj(val, NULL);
    v = xapi_tcl_var_bytes(interp, objv[1], cmd, &p, &blen);
    if (v == NULL) {
        Tcl_DecrRefCount(val);
        return TCL_ERROR;
    }
    if ((size_t)(doff + dlen) > blen) {
        Tcl_DecrRefCount(v);
        Tcl_DecrRefCount(val);
        return xapi_tcl_arg_error(interp, cmd, "databuf",
            "{%" TCL_LL_MODIFIER "d %" TCL_LL_MODIFIER "d} passes the "
            "%zu-byte buffer", (long long)doff, (long long)dlen, blen);
    }
    errno = 0;
    r = xapi_inet6_opt_set_val(p + doff, (size_t)dlen, off, vp, vlen);
    Tcl_DecrRefCount(val);
    if (r < 0) {
        Tcl_DecrRefCount(v);
        if (errno == ENOSPC)
            return xapi_tcl_arg_error(interp, cmd, "value",
                "%zu bytes at offset %d pass the option's %"
                TCL_LL_MODIFIER "d data bytes", vlen, off, (long long)dlen);
        return xapi_tcl_core_error(interp, cmd, "offset", "out of range");
    }
    if (xapi_tcl_var_store(interp, objv[1], v) != TCL_OK)
        return TCL_ERROR;
    Tcl_SetObjResult(interp, Tcl_NewIntObj(r));
    return TCL_OK;
}

/* Commands that share one C function tell it apart by ClientData. */
static int xapi_tcl_rfc3542_init(Tcl_Interp *interp)
{
    static const struct {
        const char *name;
        Tcl_ObjCmdProc *proc;
        intptr_t cd;
    } cmds[] = {
        { "::xapi::_r3542_opt_type", xapi_tcl_opt_typebits, 0 },
        { "::xapi::_r3542_opt_mutable", xapi_tcl_opt_typebits, 1 },
    };
    size_t i;

    for (i = 0; i < sizeof cmds / sizeof cmds[0]; i++)
        if (Tcl_CreateObjCommand(interp, cmds[i].name, cmds[i].proc,
                                 (ClientData)cmds[i].cd, NULL) == NULL)
            return TCL_ERROR;
    return TCL_OK;
}
%}

%native(_r3542_opt_build) int xapi_tcl_opt_build(ClientData, Tcl_Interp *, int, Tcl_Obj *const[]);
%native(_r3542_opt_parse) int xapi_tcl_opt_parse(ClientData, Tcl_Interp *, int, Tcl_Obj *const[]);
%native(_r3542_opt_find) int xapi_tcl_opt_find(ClientData, Tcl_Interp *, int, Tcl_Obj *const[]);
%native(_r3542_opt_next) int xapi_tcl_opt_next(ClientData, Tcl_Interp *, int, Tcl_Obj *const[]);
%native(_r3542_opt_getval) int xapi_tcl_opt_getval(ClientData, Tcl_Interp *, int, Tcl_Obj *const[]);
%native(_r3542_opt_router_alert) int xapi_tcl_opt_router_alert(ClientData, Tcl_Interp *, int, Tcl_Obj *const[]);
%native(_r3542_opt_init) int xapi_tcl_opt_rfc_init(ClientData, Tcl_Interp *, int, Tcl_Obj *const[]);
%native(_r3542_opt_append) int xapi_tcl_opt_rfc_append(ClientData, Tcl_Interp *, int, Tcl_Obj *const[]);
%native(_r3542_opt_finish) int xapi_tcl_opt_rfc_finish(ClientData, Tcl_Interp *, int, Tcl_Obj *const[]);
%native(_r3542_opt_setval) int xapi_tcl_opt_rfc_setval(ClientData, Tcl_Interp *, int, Tcl_Obj *const[]);

%init %{
  if (xapi_tcl_rfc3542_init(interp) != TCL_OK)
    return TCL_ERROR;
%}
