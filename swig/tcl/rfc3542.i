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

/* IPv6 address text -> in6_addr (no scope: a header carries none). */
static int xapi_tcl_get_in6(Tcl_Interp *interp, Tcl_Obj *obj,
                            const char *cmd, const char *arg,
                            struct in6_addr *out)
{
    Tcl_DString ds;
    int ok;

    if (xapi_tcl_get_text(interp, obj, cmd, arg, &ds) != TCL_OK)
        return TCL_ERROR;
    ok = inet_pton(AF_INET6, Tcl_DStringValue(&ds), out) == 1;
    Tcl_DStringFree(&ds);
    if (!ok)
        return xapi_tcl_arg_error(interp, cmd, arg,
            "\"%.80s\" is not an IPv6 address", Tcl_GetString(obj));
    return TCL_OK;
}

static Tcl_Obj *xapi_tcl_in6_obj(const void *addr16)
{
    struct in6_addr a;
    char text[INET6_ADDRSTRLEN];

    memcpy(&a, addr16, sizeof a);
    if (inet_ntop(AF_INET6, &a, text, sizeof text) == NULL)
        text[0] = '\0'; /* cannot happen with a big enough buffer */
    return Tcl_NewStringObj(text, -1);
}

/* ---- ICMPv6 filter (RFC 3542 3.2) ------------------------------------ */

/* A filter value: exactly 32 bytes in Linux's layout. */
static int xapi_tcl_get_filter(Tcl_Interp *interp, Tcl_Obj *obj,
                               const char *cmd, xapi_icmp6_filter *f)
{
    const unsigned char *p;
    size_t len;

    if (xapi_tcl_get_bytes(interp, obj, cmd, "filter", &p, &len) != TCL_OK)
        return TCL_ERROR;
    if (len != sizeof *f)
        return xapi_tcl_arg_error(interp, cmd, "filter",
            "%zu bytes, a filter is %d (from xapi::icmp6filter new)", len,
            XAPI_TCL_FILTER_BYTES);
    memcpy(f, p, sizeof *f);
    return TCL_OK;
}

static Tcl_Obj *xapi_tcl_filter_obj(const xapi_icmp6_filter *f)
{
    return Tcl_NewByteArrayObj((const unsigned char *)f, (int)sizeof *f);
}

/* xapi::icmp6filter new pass|block */
static int xapi_tcl_filter_new(ClientData cd, Tcl_Interp *interp, int objc,
                               Tcl_Obj *const objv[])
{
    static const char *const how[] = { "pass", "block", "passall",
                                       "blockall", NULL };
    xapi_icmp6_filter f;
    int idx;

    (void)cd;
    if (objc != 2)
        return xapi_tcl_usage(interp, objv, "pass|block");
    if (Tcl_GetIndexFromObj(NULL, objv[1], how, "filter", TCL_EXACT,
                            &idx) != TCL_OK)
        return xapi_tcl_arg_error(interp, "xapi::icmp6filter new", "how",
            "\"%.60s\" is not pass or block", Tcl_GetString(objv[1]));
    if (idx % 2 == 0)
        xapi_icmp6_filter_setpassall(&f);
    else
        xapi_icmp6_filter_setblockall(&f);
    Tcl_SetObjResult(interp, xapi_tcl_filter_obj(&f));
    return TCL_OK;
}

/* xapi::icmp6filter setpass|setblock F TYPE ?TYPE ...? -> new F
 * xapi::icmp6filter willpass|willblock F TYPE -> 0 or 1
 * (cd: 0 setpass, 1 setblock, 2 willpass, 3 willblock) */
static int xapi_tcl_filter_op(ClientData cd, Tcl_Interp *interp, int objc,
                              Tcl_Obj *const objv[])
{
    static const char *const names[] = {
        "xapi::icmp6filter setpass", "xapi::icmp6filter setblock",
        "xapi::icmp6filter willpass", "xapi::icmp6filter willblock"
    };
    int op = (int)(intptr_t)cd, type, i, r;
    const char *cmd = names[op];
    xapi_icmp6_filter f;
    int *types;

    if (op < 2 ? objc < 3 : objc != 3)
        return xapi_tcl_usage(interp, objv,
                              op < 2 ? "filter type ?type ...?"
                                     : "filter type");
    if (op >= 2) {
        if (xapi_tcl_get_type(interp, objv[2], cmd, "type", 0, 255,
                              &type) != TCL_OK ||
            xapi_tcl_get_filter(interp, objv[1], cmd, &f) != TCL_OK)
            return TCL_ERROR;
        r = op == 2 ? xapi_icmp6_filter_willpass(type, &f)
                    : xapi_icmp6_filter_willblock(type, &f);
        if (r < 0)
            return xapi_tcl_core_error(interp, cmd, "type", "not 0..255");
        Tcl_SetObjResult(interp, Tcl_NewBooleanObj(r));
        return TCL_OK;
    }
    types = (int *)ckalloc((unsigned)(sizeof *types * (size_t)(objc - 2)));
    for (i = 2; i < objc; i++) {
        if (xapi_tcl_get_type(interp, objv[i], cmd, "type", 0, 255,
                              &types[i - 2]) != TCL_OK) {
            ckfree((char *)types);
            return TCL_ERROR;
        }
    }
    if (xapi_tcl_get_filter(interp, objv[1], cmd, &f) != TCL_OK) {
        ckfree((char *)types);
        return TCL_ERROR;
    }
    for (i = 0; i < objc - 2; i++) {
        r = op == 0 ? xapi_icmp6_filter_setpass(types[i], &f)
                    : xapi_icmp6_filter_setblock(types[i], &f);
        if (r < 0) {
            ckfree((char *)types);
            return xapi_tcl_core_error(interp, cmd, "type", "not 0..255");
        }
    }
    ckfree((char *)types);
    Tcl_SetObjResult(interp, xapi_tcl_filter_obj(&f));
    return TCL_OK;
}

/* xapi::icmp6filter install socket F */
static int xapi_tcl_filter_install(ClientData cd, Tcl_Interp *interp,
                                   int objc, Tcl_Obj *const objv[])
{
    const char *cmd = "xapi::icmp6filter install";
    xapi_icmp6_filter f;
    int fd;

    (void)cd;
    if (objc != 3)
        return xapi_tcl_usage(interp, objv, "socket filter");
    if (xapi_tcl_get_fd(interp, objv[1], cmd, &fd) != TCL_OK ||
        xapi_tcl_get_filter(interp, objv[2], cmd, &f) != TCL_OK)
        return TCL_ERROR;
    errno = 0;
    if (xapi_icmp6_filter_set(fd, &f) < 0)
        return xapi_tcl_os_error(interp, cmd);
    return TCL_OK;
}

/* xapi::icmp6filter get socket -> F */
static int xapi_tcl_filter_get(ClientData cd, Tcl_Interp *interp, int objc,
                               Tcl_Obj *const objv[])
{
    const char *cmd = "xapi::icmp6filter get";
    xapi_icmp6_filter f;
    int fd;

    (void)cd;
    if (objc != 2)
        return xapi_tcl_usage(interp, objv, "socket");
    if (xapi_tcl_get_fd(interp, objv[1], cmd, &fd) != TCL_OK)
        return TCL_ERROR;
    errno = 0;
    if (xapi_icmp6_filter_get(fd, &f) < 0)
        return xapi_tcl_os_error(interp, cmd);
    Tcl_SetObjResult(interp, xapi_tcl_filter_obj(&f));
    return TCL_OK;
}

/* ---- routing headers (RFC 3542 7, RFC 2460 4.4, RFC 8754 2) ------------ */

/* Why the core refused a routing header with EINVAL, in words: the same
 * checks xapi.h documents, in the order the core makes them, used only
 * to word the message (the core's answer is what counts). */
static const char *xapi_tcl_rth_why(const unsigned char *p, size_t len,
                                    char *buf, size_t cap)
{
    size_t hdr;

    if (len < 8) {
        snprintf(buf, cap, "malformed routing header: %zu bytes, shorter "
                 "than the 8-byte fixed part", len);
        return buf;
    }
    hdr = ((size_t)p[1] + 1) * 8;
    if (hdr > len) {
        snprintf(buf, cap, "malformed routing header: Hdr Ext Len %u says "
                 "%zu bytes, only %zu given", p[1], hdr, len);
        return buf;
    }
    if (p[2] == 0 && p[1] % 2) {
        snprintf(buf, cap, "malformed type 0 routing header: Hdr Ext Len "
                 "%u is odd", p[1]);
        return buf;
    }
    if (p[2] == 4 && (p[1] < 2 || p[4] > p[1] / 2u - 1)) {
        snprintf(buf, cap, "malformed SRH: Last Entry %u does not fit Hdr "
                 "Ext Len %u", p[4], p[1]);
        return buf;
    }
    snprintf(buf, cap, "malformed routing header: Segments Left %u above "
             "the segment count, or bad SRH TLVs", p[3]);
    return buf;
}

/* The core's failure on header bytes p/len: EINVAL worded, others POSIX. */
static int xapi_tcl_rth_error(Tcl_Interp *interp, const char *cmd,
                              const char *arg, const unsigned char *p,
                              size_t len)
{
    char why[160];

    if (errno == EOPNOTSUPP) {
        /* Linux's EOPNOTSUPP and ENOTSUP are one number, which
         * Tcl_PosixError names ENOTSUP; xapi.h and RFC 3542 ports say
         * EOPNOTSUPP ("another routing type"), so that is the name. */
        const char *msg = Tcl_ErrnoMsg(EOPNOTSUPP);

        Tcl_SetObjResult(interp, Tcl_ObjPrintf("%s: %s (routing type %u)",
                         cmd, msg, len >= 8 ? p[2] : 0u));
        Tcl_SetErrorCode(interp, "POSIX", "EOPNOTSUPP", msg, (char *)NULL);
        return TCL_ERROR;
    }
    if (errno != EINVAL)
        return xapi_tcl_os_error(interp, cmd);
    return xapi_tcl_arg_error(interp, cmd, arg, "%s",
                              xapi_tcl_rth_why(p, len, why, sizeof why));
}

/* xapi::rth space type segments -> bytes needed */
static int xapi_tcl_rth_space(ClientData cd, Tcl_Interp *interp, int objc,
                              Tcl_Obj *const objv[])
{
    const char *cmd = "xapi::rth space";
    int type, n;
    size_t sz;

    (void)cd;
    if (objc != 3)
        return xapi_tcl_usage(interp, objv, "type segments");
    if (xapi_tcl_get_type(interp, objv[1], cmd, "type", 1, 0, &type) != TCL_OK
        || xapi_tcl_get_int_in(interp, objv[2], cmd, "segments", INT_MIN,
                               INT_MAX, &n) != TCL_OK)
        return TCL_ERROR;
    errno = 0;
    sz = xapi_inet6_rth_space(type, n);
    if (sz == 0)
        return xapi_tcl_arg_error(interp, cmd, "segments",
            "routing type %d with %d segments is refused (type 0: 0..127 "
            "segments, type 4: 1..127; no other type)", type, n);
    Tcl_SetObjResult(interp, Tcl_NewWideIntObj((Tcl_WideInt)sz));
    return TCL_OK;
}

/* Appends the addresses in list to the header in buf (inet6_rth_add, in
 * path order). */
static int xapi_tcl_rth_add_list(Tcl_Interp *interp, const char *cmd,
                                 Tcl_Obj *list, unsigned char *buf,
                                 size_t len)
{
    Tcl_Obj **av;
    int n, i;
    struct in6_addr a;

    if (Tcl_ListObjGetElements(interp, list, &n, &av) != TCL_OK)
        return TCL_ERROR;
    for (i = 0; i < n; i++) {
        if (xapi_tcl_get_in6(interp, av[i], cmd, "address", &a) != TCL_OK)
            return TCL_ERROR;
        errno = 0;
        if (xapi_inet6_rth_add(buf, len, &a) < 0)
            return xapi_tcl_rth_error(interp, cmd, "header", buf, len);
    }
    return TCL_OK;
}

/* xapi::rth init type segments -> an empty header
 * xapi::rth build type addresses -> a header holding them, path order */
static int xapi_tcl_rth_init(ClientData cd, Tcl_Interp *interp, int objc,
                             Tcl_Obj *const objv[])
{
    int build = (int)(intptr_t)cd;
    const char *cmd = build ? "xapi::rth build" : "xapi::rth init";
    int type, n;
    size_t sz;
    unsigned char *buf;
    Tcl_Obj *res;

    if (objc != 3)
        return xapi_tcl_usage(interp, objv,
                              build ? "type addresses" : "type segments");
    if (xapi_tcl_get_type(interp, objv[1], cmd, "type", 1, 0, &type) != TCL_OK)
        return TCL_ERROR;
    if (build) {
        if (Tcl_ListObjLength(interp, objv[2], &n) != TCL_OK)
            return TCL_ERROR;
    } else if (xapi_tcl_get_int_in(interp, objv[2], cmd, "segments",
                                   INT_MIN, INT_MAX, &n) != TCL_OK) {
        return TCL_ERROR;
    }
    errno = 0;
    sz = xapi_inet6_rth_space(type, n);
    if (sz == 0)
        return xapi_tcl_arg_error(interp, cmd, build ? "addresses" : "segments",
            "routing type %d with %d segments is refused (type 0: 0..127 "
            "segments, type 4: 1..127; no other type)", type, n);
    res = Tcl_NewByteArrayObj(NULL, 0);
    buf = Tcl_SetByteArrayLength(res, (int)sz);
    if (xapi_inet6_rth_init(buf, sz, type, n) < 0 ||
        (build && xapi_tcl_rth_add_list(interp, cmd, objv[2], buf,
                                        sz) != TCL_OK)) {
        if (!build)
            xapi_tcl_os_error(interp, cmd);
        Tcl_DecrRefCount(res);
        return TCL_ERROR;
    }
    Tcl_SetObjResult(interp, res);
    return TCL_OK;
}

/* A private, changeable copy of a header word's bytes. */
static Tcl_Obj *xapi_tcl_bytes_copy(Tcl_Interp *interp, Tcl_Obj *obj,
                                    const char *cmd, const char *arg,
                                    unsigned char **p, size_t *len)
{
    const unsigned char *src;
    Tcl_Obj *copy;

    if (xapi_tcl_get_bytes(interp, obj, cmd, arg, &src, len) != TCL_OK)
        return NULL;
    copy = Tcl_NewByteArrayObj(src, (int)*len);
    *p = Tcl_GetByteArrayFromObj(copy, NULL);
    return copy;
}

/* xapi::rth add header address -> the header with one more segment */
static int xapi_tcl_rth_add(ClientData cd, Tcl_Interp *interp, int objc,
                            Tcl_Obj *const objv[])
{
    const char *cmd = "xapi::rth add";
    struct in6_addr a;
    unsigned char *p;
    size_t len;
    Tcl_Obj *copy;

    (void)cd;
    if (objc != 3)
        return xapi_tcl_usage(interp, objv, "header address");
    if (xapi_tcl_get_in6(interp, objv[2], cmd, "address", &a) != TCL_OK)
        return TCL_ERROR;
    copy = xapi_tcl_bytes_copy(interp, objv[1], cmd, "header", &p, &len);
    if (copy == NULL)
        return TCL_ERROR;
    errno = 0;
    if (xapi_inet6_rth_add(p, len, &a) < 0) {
        xapi_tcl_rth_error(interp, cmd, "header", p, len);
        Tcl_DecrRefCount(copy);
        return TCL_ERROR;
    }
    Tcl_SetObjResult(interp, copy);
    return TCL_OK;
}

/* xapi::rth reverse header -> the header for the reverse path */
static int xapi_tcl_rth_reverse(ClientData cd, Tcl_Interp *interp, int objc,
                                Tcl_Obj *const objv[])
{
    const char *cmd = "xapi::rth reverse";
    const unsigned char *p;
    unsigned char *out;
    size_t len, hdr;
    Tcl_Obj *res;

    (void)cd;
    if (objc != 2)
        return xapi_tcl_usage(interp, objv, "header");
    if (xapi_tcl_get_bytes(interp, objv[1], cmd, "header", &p,
                           &len) != TCL_OK)
        return TCL_ERROR;
    /* Only the header's own length comes back; rth_reverse checks that it
     * fits len before it writes anything. */
    hdr = len >= 8 ? ((size_t)p[1] + 1) * 8 : 8;
    res = Tcl_NewByteArrayObj(NULL, 0);
    out = Tcl_SetByteArrayLength(res, (int)hdr);
    errno = 0;
    if (xapi_inet6_rth_reverse(p, len, out, hdr) < 0) {
        xapi_tcl_rth_error(interp, cmd, "header", p, len);
        Tcl_DecrRefCount(res);
        return TCL_ERROR;
    }
    Tcl_SetObjResult(interp, res);
    return TCL_OK;
}

/* xapi::rth segments header -> count */
static int xapi_tcl_rth_segments(ClientData cd, Tcl_Interp *interp, int objc,
                                 Tcl_Obj *const objv[])
{
    const char *cmd = "xapi::rth segments";
    const unsigned char *p;
    size_t len;
    int n;

    (void)cd;
    if (objc != 2)
        return xapi_tcl_usage(interp, objv, "header");
    if (xapi_tcl_get_bytes(interp, objv[1], cmd, "header", &p,
                           &len) != TCL_OK)
        return TCL_ERROR;
    errno = 0;
    n = xapi_inet6_rth_segments(p, len);
    if (n < 0)
        return xapi_tcl_rth_error(interp, cmd, "header", p, len);
    Tcl_SetObjResult(interp, Tcl_NewIntObj(n));
    return TCL_OK;
}

/* xapi::rth getaddr header index -> address text (index in path order) */
static int xapi_tcl_rth_getaddr(ClientData cd, Tcl_Interp *interp, int objc,
                                Tcl_Obj *const objv[])
{
    const char *cmd = "xapi::rth getaddr";
    const unsigned char *p;
    struct in6_addr a;
    size_t len;
    int idx, n;

    (void)cd;
    if (objc != 3)
        return xapi_tcl_usage(interp, objv, "header index");
    if (xapi_tcl_get_int_in(interp, objv[2], cmd, "index", INT_MIN, INT_MAX,
                            &idx) != TCL_OK ||
        xapi_tcl_get_bytes(interp, objv[1], cmd, "header", &p,
                           &len) != TCL_OK)
        return TCL_ERROR;
    errno = 0;
    n = xapi_inet6_rth_segments(p, len);
    if (n < 0)
        return xapi_tcl_rth_error(interp, cmd, "header", p, len);
    if (xapi_inet6_rth_getaddr(p, len, idx, &a) < 0) {
        if (errno == EINVAL && (idx < 0 || idx >= n))
            return xapi_tcl_arg_error(interp, cmd, "index",
                "%d is out of range 0..%d (the header holds %d segments)",
                idx, n - 1, n);
        return xapi_tcl_rth_error(interp, cmd, "header", p, len);
    }
    Tcl_SetObjResult(interp, xapi_tcl_in6_obj(&a));
    return TCL_OK;
}

/* ---- the Segment Routing Header, whole (RFC 8754 2) -------------------- */

/* xapi::srh build ?-nh N? ?-flags N? ?-tag N? ?-tlv BYTES? ?-left N?
 *                 segments
 * segments in wire order (Segment List[0] first); -left defaults to
 * the number of segments - 1 (the first segment is the next to visit). */
static int xapi_tcl_srh_build(ClientData cd, Tcl_Interp *interp, int objc,
                              Tcl_Obj *const objv[])
{
    static const char *const opts[] = { "-nh", "-flags", "-tag", "-tlv",
                                        "-left", NULL };
    enum { O_NH, O_FLAGS, O_TAG, O_TLV, O_LEFT };
    static const int hi[] = { 255, 255, 65535, 0, 255 };
    const char *cmd = "xapi::srh build";
    xapi_srh_info *info;
    Tcl_Obj **sv, *tlvobj = NULL, *res;
    const unsigned char *tlv = NULL;
    size_t tlvlen = 0, cap, outlen = 0;
    unsigned char *out;
    int i, idx, nseg, v, left = -1, rc = TCL_ERROR;

    (void)cd;
    if (objc < 2 || objc % 2 != 0)
        return xapi_tcl_usage(interp, objv,
            "?-nh N? ?-flags N? ?-tag N? ?-tlv bytes? ?-left N? segments");
    info = (xapi_srh_info *)ckalloc((unsigned)sizeof *info);
    memset(info, 0, sizeof *info);
    for (i = 1; i < objc - 1; i += 2) {
        if (Tcl_GetIndexFromObj(interp, objv[i], opts, "option", 0,
                                &idx) != TCL_OK)
            goto done;
        if (idx == O_TLV) {
            tlvobj = objv[i + 1];
            continue;
        }
        if (xapi_tcl_get_int_in(interp, objv[i + 1], cmd, opts[idx], 0,
                                hi[idx], &v) != TCL_OK)
            goto done;
        switch (idx) {
        case O_NH: info->next_header = (uint8_t)v; break;
        case O_FLAGS: info->flags = (uint8_t)v; break;
        case O_TAG: info->tag = (uint16_t)v; break;
        default: left = v; break;
        }
    }
    if (Tcl_ListObjGetElements(interp, objv[objc - 1], &nseg, &sv) != TCL_OK)
        goto done;
    if (nseg < 1 || nseg > XAPI_SRH_MAX_SEGMENTS) {
        xapi_tcl_arg_error(interp, cmd, "segments",
            "%d segments, an SRH built here holds 1..%d", nseg,
            XAPI_SRH_MAX_SEGMENTS);
        goto done;
    }
    for (i = 0; i < nseg; i++)
        if (xapi_tcl_get_in6(interp, sv[i], cmd, "segments",
                             &info->segments[i]) != TCL_OK)
            goto done;
    info->nsegments = (size_t)nseg;
    if (left < 0)
        left = nseg - 1;
    if (left > nseg) {
        xapi_tcl_arg_error(interp, cmd, "-left",
            "%d is above the %d segments", left, nseg);
        goto done;
    }
    info->segments_left = (uint8_t)left;
    if (tlvobj != NULL && xapi_tcl_get_bytes(interp, tlvobj, cmd, "-tlv",
                                             &tlv, &tlvlen) != TCL_OK)
        goto done;
    if (tlvlen > 2048) {
        xapi_tcl_arg_error(interp, cmd, "-tlv", "%zu bytes, too long",
                           tlvlen);
        goto done;
    }
    cap = 8 + (size_t)nseg * 16 + tlvlen;
    res = Tcl_NewByteArrayObj(NULL, 0);
    out = Tcl_SetByteArrayLength(res, (int)cap);
    errno = 0;
    if (xapi_srh_build(info, tlvlen ? tlv : NULL, tlvlen, out, cap,
                       &outlen) < 0) {
        Tcl_DecrRefCount(res);
        xapi_tcl_core_error(interp, cmd, "-tlv",
            "TLVs must be well formed (Pad1, or type, length, value) and a "
            "multiple of 8 bytes, the header at most 2048");
        goto done;
    }
    Tcl_SetByteArrayLength(res, (int)outlen);
    Tcl_SetObjResult(interp, res);
    rc = TCL_OK;
done:
    ckfree((char *)info);
    return rc;
}

/* xapi::srh parse bytes -> dict nh left last flags tag segments tlv */
static int xapi_tcl_srh_parse(ClientData cd, Tcl_Interp *interp, int objc,
                              Tcl_Obj *const objv[])
{
    const char *cmd = "xapi::srh parse";
    const unsigned char *p;
    size_t len, i;
    xapi_srh_info *info;
    Tcl_Obj *d, *segs;

    (void)cd;
    if (objc != 2)
        return xapi_tcl_usage(interp, objv, "bytes");
    if (xapi_tcl_get_bytes(interp, objv[1], cmd, "bytes", &p,
                           &len) != TCL_OK)
        return TCL_ERROR;
    info = (xapi_srh_info *)ckalloc((unsigned)sizeof *info);
    errno = 0;
    if (xapi_srh_parse(p, len, info) < 0) {
        ckfree((char *)info);
        if (errno == EINVAL && len >= 8 && p[2] != 4)
            return xapi_tcl_arg_error(interp, cmd, "bytes",
                "routing type %u, an SRH is type 4", p[2]);
        return xapi_tcl_rth_error(interp, cmd, "bytes", p, len);
    }
    segs = Tcl_NewListObj(0, NULL);
    for (i = 0; i < info->nsegments; i++)
        Tcl_ListObjAppendElement(NULL, segs,
                                 xapi_tcl_in6_obj(&info->segments[i]));
    d = Tcl_NewDictObj();
    xapi_tcl_dict_put(d, "nh", Tcl_NewIntObj(info->next_header));
    xapi_tcl_dict_put(d, "left", Tcl_NewIntObj(info->segments_left));
    xapi_tcl_dict_put(d, "last", Tcl_NewIntObj(info->last_entry));
    xapi_tcl_dict_put(d, "flags", Tcl_NewIntObj(info->flags));
    xapi_tcl_dict_put(d, "tag", Tcl_NewIntObj(info->tag));
    xapi_tcl_dict_put(d, "segments", segs);
    xapi_tcl_dict_put(d, "tlv", Tcl_NewByteArrayObj(p + info->tlv_offset,
                                                    (int)info->tlv_len));
    ckfree((char *)info);
    Tcl_SetObjResult(interp, d);
    return TCL_OK;
}

/* ---- path MTU and next hop (RFC 3542 11, 6.1) --------------------------- */

/* xapi::pathmtu socket -> dict addr ifindex mtu */
static int xapi_tcl_pathmtu(ClientData cd, Tcl_Interp *interp, int objc,
                            Tcl_Obj *const objv[])
{
    const char *cmd = "xapi::pathmtu";
    xapi_mtuinfo mi;
    Tcl_Obj *d;
    int fd;

    (void)cd;
    if (objc != 2)
        return xapi_tcl_usage(interp, objv, "socket");
    if (xapi_tcl_get_fd(interp, objv[1], cmd, &fd) != TCL_OK)
        return TCL_ERROR;
    memset(&mi, 0, sizeof mi);
    errno = 0;
    if (xapi_get_pathmtu(fd, &mi) < 0)
        return xapi_tcl_os_error(interp, cmd);
    d = Tcl_NewDictObj();
    xapi_tcl_dict_put(d, "addr", Tcl_NewStringObj(mi.addr, -1));
    xapi_tcl_dict_put(d, "ifindex", Tcl_NewWideIntObj((Tcl_WideInt)mi.ifindex));
    xapi_tcl_dict_put(d, "mtu", Tcl_NewWideIntObj((Tcl_WideInt)mi.mtu));
    Tcl_SetObjResult(interp, d);
    return TCL_OK;
}

/* xapi::nexthop address -> the IPV6_NEXTHOP payload (sockaddr_in6) */
static int xapi_tcl_nexthop(ClientData cd, Tcl_Interp *interp, int objc,
                            Tcl_Obj *const objv[])
{
    const char *cmd = "xapi::nexthop";
    unsigned char out[64];
    size_t outlen = 0;
    Tcl_DString ds;
    int r;

    (void)cd;
    if (objc != 2)
        return xapi_tcl_usage(interp, objv, "address");
    if (xapi_tcl_get_text(interp, objv[1], cmd, "address", &ds) != TCL_OK)
        return TCL_ERROR;
    errno = 0;
    r = xapi_encode_nexthop(Tcl_DStringValue(&ds), out, sizeof out, &outlen);
    Tcl_DStringFree(&ds);
    if (r < 0) {
        if (errno == EINVAL)
            return xapi_tcl_arg_error(interp, cmd, "address",
                "\"%.80s\" is not an IPv6 address", Tcl_GetString(objv[1]));
        return xapi_tcl_os_error(interp, cmd);
    }
    Tcl_SetObjResult(interp, Tcl_NewByteArrayObj(out, (int)outlen));
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
        { "::xapi::_r3542_icmp6filter_setpass", xapi_tcl_filter_op, 0 },
        { "::xapi::_r3542_icmp6filter_setblock", xapi_tcl_filter_op, 1 },
        { "::xapi::_r3542_icmp6filter_willpass", xapi_tcl_filter_op, 2 },
        { "::xapi::_r3542_icmp6filter_willblock", xapi_tcl_filter_op, 3 },
        { "::xapi::_r3542_rth_init", xapi_tcl_rth_init, 0 },
        { "::xapi::_r3542_rth_build", xapi_tcl_rth_init, 1 },
    };
    size_t i;

    for (i = 0; i < sizeof cmds / sizeof cmds[0]; i++)
        if (Tcl_CreateObjCommand(interp, cmds[i].name, cmds[i].proc,
                                 (ClientData)cmds[i].cd, NULL) == NULL)
            return TCL_ERROR;
    return TCL_OK;
}
%}

%native(_r3542_icmp6filter_new) int xapi_tcl_filter_new(ClientData, Tcl_Interp *, int, Tcl_Obj *const[]);
%native(_r3542_icmp6filter_install) int xapi_tcl_filter_install(ClientData, Tcl_Interp *, int, Tcl_Obj *const[]);
%native(_r3542_icmp6filter_get) int xapi_tcl_filter_get(ClientData, Tcl_Interp *, int, Tcl_Obj *const[]);
%native(_r3542_rth_space) int xapi_tcl_rth_space(ClientData, Tcl_Interp *, int, Tcl_Obj *const[]);
%native(_r3542_rth_add) int xapi_tcl_rth_add(ClientData, Tcl_Interp *, int, Tcl_Obj *const[]);
%native(_r3542_rth_reverse) int xapi_tcl_rth_reverse(ClientData, Tcl_Interp *, int, Tcl_Obj *const[]);
%native(_r3542_rth_segments) int xapi_tcl_rth_segments(ClientData, Tcl_Interp *, int, Tcl_Obj *const[]);
%native(_r3542_rth_getaddr) int xapi_tcl_rth_getaddr(ClientData, Tcl_Interp *, int, Tcl_Obj *const[]);
%native(_r3542_srh_build) int xapi_tcl_srh_build(ClientData, Tcl_Interp *, int, Tcl_Obj *const[]);
%native(_r3542_srh_parse) int xapi_tcl_srh_parse(ClientData, Tcl_Interp *, int, Tcl_Obj *const[]);
%native(_r3542_pathmtu) int xapi_tcl_pathmtu(ClientData, Tcl_Interp *, int, Tcl_Obj *const[]);
%native(_r3542_nexthop) int xapi_tcl_nexthop(ClientData, Tcl_Interp *, int, Tcl_Obj *const[]);

%init %{
  if (xapi_tcl_rfc3542_init(interp) != TCL_OK)
    return TCL_ERROR;
%}
