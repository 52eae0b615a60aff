/*
 * swig/tcl/commands.i - the Tcl commands that are not one C call each:
 * message I/O, ancillary items, accept/close on channels, if_nameindex.
 *
 * Each is a Tcl_ObjCmdProc registered with %native, so a send or a receive
 * is one native crossing: recvmsg builds its whole result dict in C, with
 * every ancillary item decoded by the core's one decoder.
 *
 * Shimmering rule: a pointer from Tcl_GetByteArrayFromObj or
 * Tcl_ListObjGetElements dies when its object changes type, so every
 * command converts integers and options first, copies what it needs, and
 * takes byte pointers last, right before the system call.
 */

%{
/* ---- ancillary items ------------------------------------------------- */

/* Appends one item {level type data} to a growing control buffer. */
static int xapi_tcl_append_item(Tcl_Interp *interp, const char *cmd,
                                Tcl_Obj *item, int index,
                                unsigned char **buf, size_t *used)
{
    Tcl_Obj **f;
    int nf, level, type;
    const unsigned char *data;
    size_t len, space, cap;

    if (Tcl_ListObjGetElements(NULL, item, &nf, &f) != TCL_OK || nf != 3)
        return xapi_tcl_arg_error(interp, cmd, "cmsg",
            "item %d must be a list {level type data}, got \"%.60s\"",
            index, Tcl_GetString(item));
    if (xapi_tcl_get_const(interp, f[0], cmd, "cmsg level", &level) != TCL_OK
        || xapi_tcl_get_const(interp, f[1], cmd, "cmsg type", &type) != TCL_OK
        || xapi_tcl_get_bytes(interp, f[2], cmd, "cmsg data", &data,
                              &len) != TCL_OK)
        return TCL_ERROR;
    space = xapi_cmsg_space(len);
    if (space == 0 || space > (size_t)INT_MAX - *used)
        return xapi_tcl_arg_error(interp, cmd, "cmsg",
            "item %d is too large for a control buffer", index);
    cap = *used + space;
    *buf = (unsigned char *)ckrealloc((char *)*buf, (unsigned)cap);
    if (xapi_cmsg_append(*buf, cap, used, level, type, data, len) < 0)
        return xapi_tcl_os_error(interp, cmd);
    return TCL_OK;
}

/* A list of items -> a control buffer (ckalloc'd; NULL when empty). */
static int xapi_tcl_build_control(Tcl_Interp *interp, const char *cmd,
                                  Tcl_Obj *items, unsigned char **bufp,
                                  size_t *lenp)
{
    Tcl_Obj **iv;
    int n, i;

    *bufp = NULL;
    *lenp = 0;
    if (Tcl_ListObjGetElements(interp, items, &n, &iv) != TCL_OK)
        return TCL_ERROR;
    for (i = 0; i < n; i++) {
        if (xapi_tcl_append_item(interp, cmd, iv[i], i, bufp,
                                 lenp) != TCL_OK) {
            if (*bufp)
                ckfree((char *)*bufp);
            *bufp = NULL;
            *lenp = 0;
            return TCL_ERROR;
        }
    }
    return TCL_OK;
}

static void xapi_tcl_dict_put(Tcl_Obj *d, const char *key, Tcl_Obj *v)
{
    Tcl_DictObjPut(NULL, d, Tcl_NewStringObj(key, -1), v);
}

/* One received or parsed item as a dict: level, type, data, and for items
 * the core has a typed view of, name and value.  strict: a malformed
 * known item is an argument error (parse_cmsgs); otherwise it keeps its
 * raw bytes only (a receive: the kernel cuts the last item at MSG_CTRUNC). */
static Tcl_Obj *xapi_tcl_cmsg_obj(Tcl_Interp *interp, const char *cmd,
                                  const xapi_cmsg *c, int strict)
{
    xapi_value v;
    Tcl_Obj *d;

    memset(&v, 0, sizeof v);
    errno = 0;
    if (xapi_cmsg_decode(c, &v) < 0) {
        if (strict) {
            xapi_tcl_arg_error(interp, cmd, "bytes",
                "item level %d type %d has a malformed %zu-byte payload",
                c->level, c->type, c->len);
            return NULL;
        }
        v.kind = XAPI_VALUE_NONE;
    }
    d = Tcl_NewDictObj();
    xapi_tcl_dict_put(d, "level", Tcl_NewIntObj(c->level));
    xapi_tcl_dict_put(d, "type", Tcl_NewIntObj(c->type));
    xapi_tcl_dict_put(d, "data", Tcl_NewByteArrayObj(c->data, (int)c->len));
    if (v.kind == XAPI_VALUE_INT) {
        xapi_tcl_dict_put(d, "name", Tcl_NewStringObj(v.name, -1));
        xapi_tcl_dict_put(d, "value", Tcl_NewIntObj(v.i));
    } else if (v.kind == XAPI_VALUE_PKTINFO) {
        Tcl_Obj *pi[3];
        int npi = 2;

        pi[0] = Tcl_NewStringObj(v.pktinfo.addr, -1);
        pi[1] = Tcl_NewWideIntObj((Tcl_WideInt)v.pktinfo.ifindex);
        if (v.pktinfo.family == AF_INET)
            pi[npi++] = Tcl_NewStringObj(v.pktinfo.spec_dst, -1);
        xapi_tcl_dict_put(d, "name", Tcl_NewStringObj(v.name, -1));
        xapi_tcl_dict_put(d, "value", Tcl_NewListObj(npi, pi));
    }
    return d;
}

/* Walks a control buffer into a list of item dicts. */
static Tcl_Obj *xapi_tcl_cmsg_list(Tcl_Interp *interp, const char *cmd,
                                   const void *control, size_t len,
                                   int strict)
{
    xapi_cmsg_iter it;
    xapi_cmsg c;
    Tcl_Obj *list = Tcl_NewListObj(0, NULL), *item;
    int r;

    xapi_cmsg_iter_init(&it, control, len);
    while ((r = xapi_cmsg_next(&it, &c)) == 1) {
        item = xapi_tcl_cmsg_obj(interp, cmd, &c, strict);
        if (item == NULL) {
            Tcl_DecrRefCount(list);
            return NULL;
        }
        Tcl_ListObjAppendElement(NULL, list, item);
    }
    if (r < 0 && strict) {
        Tcl_DecrRefCount(list);
        xapi_tcl_arg_error(interp, cmd, "bytes",
            "malformed control buffer: a cmsg_len is below the header size "
            "or runs past the end");
        return NULL;
    }
    return list;
}

/* xapi::build_cmsgs items -> byte array */
static int xapi_tcl_build_cmsgs(ClientData cd, Tcl_Interp *interp, int objc,
                                Tcl_Obj *const objv[])
{
    unsigned char *buf;
    size_t len;

    (void)cd;
    if (objc != 2) {
        Tcl_WrongNumArgs(interp, 1, objv, "items");
        return TCL_ERROR;
    }
    if (xapi_tcl_build_control(interp, "xapi::build_cmsgs", objv[1], &buf,
                               &len) != TCL_OK)
        return TCL_ERROR;
    Tcl_SetObjResult(interp, Tcl_NewByteArrayObj(buf, (int)len));
    if (buf)
        ckfree((char *)buf);
    return TCL_OK;
}

/* xapi::parse_cmsgs bytes -> list of item dicts */
static int xapi_tcl_parse_cmsgs(ClientData cd, Tcl_Interp *interp, int objc,
                                Tcl_Obj *const objv[])
{
    const unsigned char *p;
    unsigned char *copy;
    size_t len;
    Tcl_Obj *list;

    (void)cd;
    if (objc != 2) {
        Tcl_WrongNumArgs(interp, 1, objv, "bytes");
        return TCL_ERROR;
    }
    if (xapi_tcl_get_bytes(interp, objv[1], "xapi::parse_cmsgs", "bytes", &p,
                           &len) != TCL_OK)
        return TCL_ERROR;
    /* A private, malloc-aligned copy: struct cmsghdr wants 8-byte
     * alignment, a byte array's storage promises none. */
    copy = (unsigned char *)ckalloc(len ? (unsigned)len : 1u);
    memcpy(copy, p, len);
    list = xapi_tcl_cmsg_list(interp, "xapi::parse_cmsgs", copy, len, 1);
    ckfree((char *)copy);
    if (list == NULL)
        return TCL_ERROR;
    Tcl_SetObjResult(interp, list);
    return TCL_OK;
}

/* An interface index: an integer, or a name looked up with
 * if_nametoindex. */
static int xapi_tcl_get_ifindex(Tcl_Interp *interp, Tcl_Obj *obj,
                                const char *cmd, unsigned *out)
{
    Tcl_WideInt w;
    Tcl_DString ds;

    if (Tcl_GetWideIntFromObj(NULL, obj, &w) == TCL_OK) {
        if (w < 0 || w > UINT_MAX)
            return xapi_tcl_arg_error(interp, cmd, "ifindex",
                "%" TCL_LL_MODIFIER "d is out of range", (long long)w);
        *out = (unsigned)w;
        return TCL_OK;
    }
    if (xapi_tcl_get_text(interp, obj, cmd, "ifindex", &ds) != TCL_OK)
        return TCL_ERROR;
    errno = 0;
    *out = xapi_if_nametoindex(Tcl_DStringValue(&ds));
    Tcl_DStringFree(&ds);
    if (*out == 0)
        return xapi_tcl_os_error(interp, cmd);
    return TCL_OK;
}

/* xapi::cmsg kind args... -> {level type data}, built with the core's
 * encoders:  hoplimit N | tclass N | ttl N | tos N |
 *            pktinfo6 addr ifindex | pktinfo4 ifindex spec_dst ?addr? */
static int xapi_tcl_cmsg(ClientData cd, Tcl_Interp *interp, int objc,
                         Tcl_Obj *const objv[])
{
    static const char *const kinds[] = {
        "hoplimit", "tclass", "ttl", "tos", "pktinfo6", "pktinfo4", NULL
    };
    enum { K_HOPLIMIT, K_TCLASS, K_TTL, K_TOS, K_PKTINFO6, K_PKTINFO4 };
    static const int levels[] = { IPPROTO_IPV6, IPPROTO_IPV6, IPPROTO_IP,
                                  IPPROTO_IP, IPPROTO_IPV6, IPPROTO_IP };
    static const int types[] = { IPV6_HOPLIMIT, IPV6_TCLASS, IP_TTL,
                                 IP_TOS, IPV6_PKTINFO, IP_PKTINFO };
    static const int lo[] = { -1, -1, 1, 0 };
    const char *cmd = "xapi::cmsg";
    unsigned char out[64];
    size_t outlen = 0;
    int kind, rc;
    Tcl_Obj *item[3];

    (void)cd;
    if (objc < 2) {
        Tcl_WrongNumArgs(interp, 1, objv, "kind value ?value ...?");
        return TCL_ERROR;
    }
    if (Tcl_GetIndexFromObj(interp, objv[1], kinds, "kind", 0,
                            &kind) != TCL_OK)
        return TCL_ERROR;
    errno = 0;
    if (kind <= K_TOS) {
        Tcl_WideInt w;

        if (objc != 3) {
            Tcl_WrongNumArgs(interp, 2, objv, "value");
            return TCL_ERROR;
        }
        if (xapi_tcl_get_range(interp, objv[2], cmd, kinds[kind], lo[kind],
                               255, &w) != TCL_OK)
            return TCL_ERROR;
        rc = xapi_encode_int((int)w, out, sizeof out, &outlen);
    } else if (kind == K_PKTINFO6) {
        unsigned ifindex;
        Tcl_DString ds;

        if (objc != 4) {
            Tcl_WrongNumArgs(interp, 2, objv, "addr ifindex");
            return TCL_ERROR;
        }
        if (xapi_tcl_get_ifindex(interp, objv[3], cmd, &ifindex) != TCL_OK ||
            xapi_tcl_get_text(interp, objv[2], cmd, "addr", &ds) != TCL_OK)
            return TCL_ERROR;
        rc = xapi_encode_in6_pktinfo(Tcl_DStringValue(&ds), ifindex, out,
                                     sizeof out, &outlen);
        Tcl_DStringFree(&ds);
    } else {
        unsigned ifindex;
        Tcl_DString ds1, ds2;

        if (objc != 4 && objc != 5) {
            Tcl_WrongNumArgs(interp, 2, objv, "ifindex spec_dst ?addr?");
            return TCL_ERROR;
        }
        if (xapi_tcl_get_ifindex(interp, objv[2], cmd, &ifindex) != TCL_OK ||
            xapi_tcl_get_text(interp, objv[3], cmd, "spec_dst",
                              &ds1) != TCL_OK)
            return TCL_ERROR;
        if (objc == 5) {
            if (xapi_tcl_get_text(interp, objv[4], cmd, "addr",
                                  &ds2) != TCL_OK) {
                Tcl_DStringFree(&ds1);
                return TCL_ERROR;
            }
        } else {
            Tcl_DStringInit(&ds2);
        }
        rc = xapi_encode_in_pktinfo(ifindex, Tcl_DStringValue(&ds1),
                                    Tcl_DStringValue(&ds2), out, sizeof out,
                                    &outlen);
        Tcl_DStringFree(&ds1);
        Tcl_DStringFree(&ds2);
    }
    if (rc < 0) {
        if (errno == EINVAL)
            return xapi_tcl_arg_error(interp, cmd, kinds[kind],
                                      "bad value or address");
        return xapi_tcl_os_error(interp, cmd);
    }
    item[0] = Tcl_NewIntObj(levels[kind]);
    item[1] = Tcl_NewIntObj(types[kind]);
    item[2] = Tcl_NewByteArrayObj(out, (int)outlen);
    Tcl_SetObjResult(interp, Tcl_NewListObj(3, item));
    return TCL_OK;
}

/* ---- message I/O ----------------------------------------------------- */

/* xapi::sendmsg socket buffers ?-to addr? ?-cmsg items? ?-flags flags?
 *   -> bytes sent */
static int xapi_tcl_sendmsg(ClientData cd, Tcl_Interp *interp, int objc,
                            Tcl_Obj *const objv[])
{
    static const char *const opts[] = { "-to", "-cmsg", "-flags", NULL };
    const char *cmd = "xapi::sendmsg";
    Tcl_Obj *to = NULL, *cmsgs = NULL, *flagsobj = NULL, **pieces;
    struct iovec *iov = NULL;
    unsigned char *control = NULL;
    size_t controllen = 0;
    xapi_msg m;
    ssize_t n;
    int fd, flags = 0, npieces, i, idx, rc = TCL_ERROR;

    (void)cd;
    if (objc < 3 || objc % 2 == 0) {
        Tcl_WrongNumArgs(interp, 1, objv,
            "socket buffers ?-to address? ?-cmsg items? ?-flags flags?");
        return TCL_ERROR;
    }
    if (xapi_tcl_get_fd(interp, objv[1], cmd, &fd) != TCL_OK)
        return TCL_ERROR;
    for (i = 3; i < objc; i += 2) {
        if (Tcl_GetIndexFromObj(interp, objv[i], opts, "option", 0,
                                &idx) != TCL_OK)
            return TCL_ERROR;
        if (idx == 0)
            to = objv[i + 1];
        else if (idx == 1)
            cmsgs = objv[i + 1];
        else
            flagsobj = objv[i + 1];
    }
    memset(&m, 0, sizeof m);
    if (flagsobj && xapi_tcl_get_const(interp, flagsobj, cmd, "flags",
                                       &flags) != TCL_OK)
        return TCL_ERROR;
    if (to) {
        int family = xapi_socket_family(fd);

        if (family < 0)
            return xapi_tcl_os_error(interp, cmd);
        if (family == AF_UNIX) {
            if (xapi_tcl_parse_addr(interp, cmd, family, to, NULL,
                                    &m.addr) != TCL_OK)
                return TCL_ERROR;
        } else {
            Tcl_Obj **hp;
            int nhp;

            if (Tcl_ListObjGetElements(NULL, to, &nhp, &hp) != TCL_OK ||
                nhp != 2)
                return xapi_tcl_arg_error(interp, cmd, "-to",
                    "expected {host port}, got \"%.60s\"", Tcl_GetString(to));
            if (xapi_tcl_parse_addr(interp, cmd, family, hp[0], hp[1],
                                    &m.addr) != TCL_OK)
                return TCL_ERROR;
        }
    }
    if (cmsgs && xapi_tcl_build_control(interp, cmd, cmsgs, &control,
                                        &controllen) != TCL_OK)
        return TCL_ERROR;

    /* Last: the pieces' byte pointers, used at once. */
    if (Tcl_ListObjGetElements(interp, objv[2], &npieces, &pieces) != TCL_OK)
        goto done;
    if (npieces > XAPI_TCL_MAX_PIECES) {
        xapi_tcl_arg_error(interp, cmd, "buffers",
                           "%d pieces, at most %d", npieces,
                           XAPI_TCL_MAX_PIECES);
        goto done;
    }
    iov = (struct iovec *)ckalloc(
        (unsigned)(sizeof *iov * (size_t)(npieces ? npieces : 1)));
    for (i = 0; i < npieces; i++) {
        const unsigned char *p;
        size_t len;

        if (xapi_tcl_get_bytes(interp, pieces[i], cmd, "buffers", &p,
                               &len) != TCL_OK)
            goto done;
        iov[i].iov_base = (void *)p;
        iov[i].iov_len = len;
    }
    m.iov = iov;
    m.iovlen = (size_t)npieces;
    m.control = control;
    m.controllen = controllen;
    errno = 0;
    n = xapi_sendmsg(fd, &m, flags);
    if (n < 0) {
        xapi_tcl_os_error(interp, cmd);
        goto done;
    }
    Tcl_SetObjResult(interp, Tcl_NewWideIntObj((Tcl_WideInt)n));
    rc = TCL_OK;
done:
    if (iov)
        ckfree((char *)iov);
    if (control)
        ckfree((char *)control);
    return rc;
}

/* xapi::recvmsg socket sizes ?-anc n? ?-flags flags?
 *   -> dict address, data, cmsgs, flags, nbytes */
static int xapi_tcl_recvmsg(ClientData cd, Tcl_Interp *interp, int objc,
                            Tcl_Obj *const objv[])
{
    static const char *const opts[] = { "-anc", "-flags", NULL };
    const char *cmd = "xapi::recvmsg";
    Tcl_Obj **sv, *result = NULL, *data, *addr, *cmsgs;
    Tcl_WideInt anc = 0, total = 0, w;
    struct iovec *iov = NULL;
    unsigned char *buf = NULL, *control = NULL;
    xapi_msg m;
    ssize_t n;
    size_t k;
    int fd, flags = 0, nsizes, i, idx, rc = TCL_ERROR;

    (void)cd;
    if (objc < 3 || objc % 2 == 0) {
        Tcl_WrongNumArgs(interp, 1, objv,
                         "socket sizes ?-anc n? ?-flags flags?");
        return TCL_ERROR;
    }
    if (xapi_tcl_get_fd(interp, objv[1], cmd, &fd) != TCL_OK)
        return TCL_ERROR;
    for (i = 3; i < objc; i += 2) {
        if (Tcl_GetIndexFromObj(interp, objv[i], opts, "option", 0,
                                &idx) != TCL_OK)
            return TCL_ERROR;
        if (idx == 0) {
            if (xapi_tcl_get_range(interp, objv[i + 1], cmd, "-anc", 0,
                                   XAPI_TCL_MAX_ANC, &anc) != TCL_OK)
                return TCL_ERROR;
        } else if (xapi_tcl_get_const(interp, objv[i + 1], cmd, "flags",
                                      &flags) != TCL_OK) {
            return TCL_ERROR;
        }
    }
    if (Tcl_ListObjGetElements(interp, objv[2], &nsizes, &sv) != TCL_OK)
        return TCL_ERROR;
    if (nsizes > XAPI_TCL_MAX_PIECES)
        return xapi_tcl_arg_error(interp, cmd, "sizes",
                                  "%d pieces, at most %d", nsizes,
                                  XAPI_TCL_MAX_PIECES);
    iov = (struct iovec *)ckalloc(
        (unsigned)(sizeof *iov * (size_t)(nsizes ? nsizes : 1)));
    for (i = 0; i < nsizes; i++) {
        if (xapi_tcl_get_range(interp, sv[i], cmd, "sizes", 0,
                               XAPI_TCL_MAX_SIZE, &w) != TCL_OK)
            goto done;
        iov[i].iov_len = (size_t)w;
        total += w;
    }
    if (total > XAPI_TCL_MAX_SIZE) {
        xapi_tcl_arg_error(interp, cmd, "sizes",
            "add up to %" TCL_LL_MODIFIER "d bytes, at most 2**30",
            (long long)total);
        goto done;
    }
    buf = (unsigned char *)attemptckalloc((unsigned)(total ? total : 1));
    control = anc ? (unsigned char *)attemptckalloc((unsigned)anc) : NULL;
    if (buf == NULL || (anc && control == NULL)) {
        errno = ENOMEM;
        xapi_tcl_os_error(interp, cmd);
        goto done;
    }
    for (i = 0, w = 0; i < nsizes; i++) {
        iov[i].iov_base = buf + w;
        w += (Tcl_WideInt)iov[i].iov_len;
    }
    memset(&m, 0, sizeof m);
    m.iov = iov;
    m.iovlen = (size_t)nsizes;
    m.control = control;
    m.controllen = (size_t)anc;
    errno = 0;
    n = xapi_recvmsg(fd, &m, flags);
    if (n < 0) {
        xapi_tcl_os_error(interp, cmd);
        goto done;
    }

    addr = xapi_tcl_addr_obj(interp, cmd, &m.addr);
    if (addr == NULL)
        goto done;
    data = Tcl_NewListObj(0, NULL);
    for (k = 0; k < m.iovlen; k++)
        Tcl_ListObjAppendElement(NULL, data, Tcl_NewByteArrayObj(
            (unsigned char *)iov[k].iov_base,
            (int)xapi_msg_piece_len(&m, k)));
    cmsgs = xapi_tcl_cmsg_list(interp, cmd, control, m.controllen, 0);
    result = Tcl_NewDictObj();
    xapi_tcl_dict_put(result, "address", addr);
    xapi_tcl_dict_put(result, "data", data);
    xapi_tcl_dict_put(result, "cmsgs", cmsgs);
    xapi_tcl_dict_put(result, "flags", Tcl_NewIntObj(m.flags));
    xapi_tcl_dict_put(result, "nbytes", Tcl_NewWideIntObj((Tcl_WideInt)n));
    Tcl_SetObjResult(interp, result);
    rc = TCL_OK;
done:
    if (iov)
        ckfree((char *)iov);
    if (buf)
        ckfree((char *)buf);
    if (control)
        ckfree((char *)control);
    return rc;
}

/* ---- channels and interfaces ----------------------------------------- */

/* xapi::accept socket -> a new channel */
static int xapi_tcl_accept(ClientData cd, Tcl_Interp *interp, int objc,
                           Tcl_Obj *const objv[])
{
    Tcl_Obj *chan;
    int fd, nfd;

    (void)cd;
    if (objc != 2) {
        Tcl_WrongNumArgs(interp, 1, objv, "socket");
        return TCL_ERROR;
    }
    if (xapi_tcl_get_fd(interp, objv[1], "xapi::accept", &fd) != TCL_OK)
        return TCL_ERROR;
    errno = 0;
    nfd = xapi_accept(fd, NULL);
    if (nfd < 0)
        return xapi_tcl_os_error(interp, "xapi::accept");
    chan = xapi_tcl_channel_obj(interp, nfd);
    if (chan == NULL) {
        Tcl_SetObjResult(interp, Tcl_NewStringObj(
            "xapi::accept: cannot make a channel", -1));
        return TCL_ERROR;
    }
    Tcl_SetObjResult(interp, chan);
    return TCL_OK;
}

/* xapi::close socket: a channel is unregistered (and so closed), a plain
 * descriptor closed. */
static int xapi_tcl_close(ClientData cd, Tcl_Interp *interp, int objc,
                          Tcl_Obj *const objv[])
{
    Tcl_Channel chan;
    int fd, mode;

    (void)cd;
    if (objc != 2) {
        Tcl_WrongNumArgs(interp, 1, objv, "socket");
        return TCL_ERROR;
    }
    if (Tcl_GetIntFromObj(NULL, objv[1], &fd) == TCL_OK) {
        errno = 0;
        if (xapi_close(fd) < 0)
            return xapi_tcl_os_error(interp, "xapi::close");
        return TCL_OK;
    }
    chan = Tcl_GetChannel(interp, Tcl_GetString(objv[1]), &mode);
    if (chan == NULL) {
        Tcl_ResetResult(interp);
        return xapi_tcl_arg_error(interp, "xapi::close", "socket",
            "\"%.60s\" is neither a channel nor a descriptor",
            Tcl_GetString(objv[1]));
    }
    return Tcl_UnregisterChannel(interp, chan);
}

/* xapi::fileno socket -> the descriptor behind a channel (an integer is
 * returned as it is). */
static int xapi_tcl_fileno(ClientData cd, Tcl_Interp *interp, int objc,
                           Tcl_Obj *const objv[])
{
    int fd;

    (void)cd;
    if (objc != 2) {
        Tcl_WrongNumArgs(interp, 1, objv, "socket");
        return TCL_ERROR;
    }
    if (xapi_tcl_get_fd(interp, objv[1], "xapi::fileno", &fd) != TCL_OK)
        return TCL_ERROR;
    Tcl_SetObjResult(interp, Tcl_NewIntObj(fd));
    return TCL_OK;
}

/* xapi::if_nameindex -> list of {index name} */
static int xapi_tcl_if_nameindex(ClientData cd, Tcl_Interp *interp,
                                 int objc, Tcl_Obj *const objv[])
{
    xapi_ifentry *ents = NULL;
    size_t cap = 16, count = 0, k;
    Tcl_Obj *list;
    int tries;

    (void)cd;
    if (objc != 1) {
        Tcl_WrongNumArgs(interp, 1, objv, "");
        return TCL_ERROR;
    }
    for (tries = 0; tries < 8; tries++) {
        ents = (xapi_ifentry *)ckrealloc((char *)ents,
                                         (unsigned)(sizeof *ents * cap));
        errno = 0;
        if (xapi_if_nameindex(ents, cap, &count) == 0)
            break;
        if (errno != ENOSPC || count > 65536) {
            xapi_tcl_os_error(interp, "xapi::if_nameindex");
            ckfree((char *)ents);
            return TCL_ERROR;
        }
        cap = count + 8; /* interfaces may appear meanwhile */
    }
    if (tries == 8) {
        ckfree((char *)ents);
        errno = EAGAIN;
        return xapi_tcl_os_error(interp, "xapi::if_nameindex");
    }
    list = Tcl_NewListObj(0, NULL);
    for (k = 0; k < count; k++) {
        Tcl_Obj *pair[2];
        Tcl_DString ds;

        Tcl_ExternalToUtfDString(NULL, ents[k].name, -1, &ds);
        pair[0] = Tcl_NewWideIntObj((Tcl_WideInt)ents[k].index);
        pair[1] = Tcl_NewStringObj(Tcl_DStringValue(&ds),
                                   Tcl_DStringLength(&ds));
        Tcl_DStringFree(&ds);
        Tcl_ListObjAppendElement(NULL, list, Tcl_NewListObj(2, pair));
    }
    ckfree((char *)ents);
    Tcl_SetObjResult(interp, list);
    return TCL_OK;
}

/* Every entry of the core's constant table as a variable ::xapi::NAME. */
static int xapi_tcl_set_constants(Tcl_Interp *interp)
{
    const xapi_constant *t;
    size_t n, i;
    char var[128];

    t = xapi_constants(&n);
    for (i = 0; i < n; i++) {
        snprintf(var, sizeof var, "::xapi::%s", t[i].name);
        if (Tcl_SetVar2Ex(interp, var, NULL,
                          Tcl_NewWideIntObj((Tcl_WideInt)t[i].value),
                          TCL_GLOBAL_ONLY | TCL_LEAVE_ERR_MSG) == NULL)
            return TCL_ERROR;
    }
    return TCL_OK;
}
%}

%native(sendmsg) int xapi_tcl_sendmsg(ClientData, Tcl_Interp *, int, Tcl_Obj *const[]);
%native(recvmsg) int xapi_tcl_recvmsg(ClientData, Tcl_Interp *, int, Tcl_Obj *const[]);
%native(cmsg) int xapi_tcl_cmsg(ClientData, Tcl_Interp *, int, Tcl_Obj *const[]);
%native(build_cmsgs) int xapi_tcl_build_cmsgs(ClientData, Tcl_Interp *, int, Tcl_Obj *const[]);
%native(parse_cmsgs) int xapi_tcl_parse_cmsgs(ClientData, Tcl_Interp *, int, Tcl_Obj *const[]);
%native(accept) int xapi_tcl_accept(ClientData, Tcl_Interp *, int, Tcl_Obj *const[]);
%native(close) int xapi_tcl_close(ClientData, Tcl_Interp *, int, Tcl_Obj *const[]);
%native(fileno) int xapi_tcl_fileno(ClientData, Tcl_Interp *, int, Tcl_Obj *const[]);
%native(if_nameindex) int xapi_tcl_if_nameindex(ClientData, Tcl_Interp *, int, Tcl_Obj *const[]);

%init %{
  if (xapi_tcl_set_constants(interp) != TCL_OK)
    return TCL_ERROR;
%}
