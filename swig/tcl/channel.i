/*
 * swig/tcl/channel.i - Tcl's socket channel shape: a socket descriptor as
 * a Tcl channel of xapi's own type, "xapi-socket" (issue 11).
 *
 * Tcl_MakeFileChannel turns an inet socket into a channel of Tcl's "tcp"
 * type, whose -peername fails with ENOTCONN on an unconnected datagram
 * socket and whose -sockname is TCP's {addr host port}; a unix socket
 * becomes a plain file.  A channel of this type says what the socket is:
 *
 *   fconfigure $s  ->  ... -family AF_INET6 -socktype SOCK_DGRAM
 *                      -sockname {::1 5353} -peername {}
 *
 * -sockname and -peername are addresses as xapi::getsockname gives them
 * ({host port}, a unix path, ...), -peername empty while the socket is
 * not connected (never an error); -family and -socktype are the core's
 * constant names (an integer for one the table does not know).  I/O is
 * Tcl's own buffering over recv/send: one datagram per read system call,
 * one per flush.  Used by xapi::socket, socket_netns, accept
 * (typemaps.i's xapi_tcl_channel_obj) and by xapi::channel for a
 * descriptor that is a socket (fdpass.i).
 */
%{
#include <fcntl.h>
#include <unistd.h>

typedef struct xapi_tcl_sock {
    int fd;
    Tcl_Channel chan;
} xapi_tcl_sock;

static int xapi_tcl_sock_close(ClientData cd, Tcl_Interp *interp)
{
    xapi_tcl_sock *s = (xapi_tcl_sock *)cd;
    int rc = 0;

    (void)interp;
    Tcl_DeleteFileHandler(s->fd);
    if (close(s->fd) < 0)
        rc = errno;
    ckfree((char *)s);
    return rc;
}

/* chan close $s read|write: shutdown(2) of that direction. */
static int xapi_tcl_sock_close2(ClientData cd, Tcl_Interp *interp, int flags)
{
    xapi_tcl_sock *s = (xapi_tcl_sock *)cd;
    int how;

    if ((flags & (TCL_CLOSE_READ | TCL_CLOSE_WRITE)) == 0)
        return xapi_tcl_sock_close(cd, interp);
    how = (flags & TCL_CLOSE_READ) ? SHUT_RD : SHUT_WR;
    return shutdown(s->fd, how) < 0 ? errno : 0;
}

static int xapi_tcl_sock_input(ClientData cd, char *buf, int size, int *err)
{
    xapi_tcl_sock *s = (xapi_tcl_sock *)cd;
    ssize_t n = recv(s->fd, buf, (size_t)size, 0);

    *err = n < 0 ? errno : 0;
    return n < 0 ? -1 : (int)n;
}

static int xapi_tcl_sock_output(ClientData cd, const char *buf, int size,
                                int *err)
{
    xapi_tcl_sock *s = (xapi_tcl_sock *)cd;
    ssize_t n = send(s->fd, buf, (size_t)size, MSG_NOSIGNAL);

    *err = n < 0 ? errno : 0;
    return n < 0 ? -1 : (int)n;
}

static int xapi_tcl_sock_block(ClientData cd, int mode)
{
    xapi_tcl_sock *s = (xapi_tcl_sock *)cd;
    int fl = fcntl(s->fd, F_GETFL);

    if (fl < 0)
        return errno;
    fl = mode == TCL_MODE_NONBLOCKING ? (fl | O_NONBLOCK) : (fl & ~O_NONBLOCK);
    return fcntl(s->fd, F_SETFL, fl) < 0 ? errno : 0;
}

static void xapi_tcl_sock_watch(ClientData cd, int mask)
{
    xapi_tcl_sock *s = (xapi_tcl_sock *)cd;

    if (mask)
        Tcl_CreateFileHandler(s->fd, mask, (Tcl_FileProc *)Tcl_NotifyChannel,
                              (ClientData)s->chan);
    else
        Tcl_DeleteFileHandler(s->fd);
}

static int xapi_tcl_sock_handle(ClientData cd, int dir, ClientData *hp)
{
    (void)dir;
    *hp = (ClientData)(intptr_t)((xapi_tcl_sock *)cd)->fd;
    return TCL_OK;
}

/* A constant's name from the core's table by prefix and value (AF_INET6,
 * SOCK_DGRAM; the usual name, not an alias such as AF_LOCAL), or the
 * integer, as one value appended to ds (an element when listing). */
static void xapi_tcl_sock_put(Tcl_DString *ds, int listing, const char *v)
{
    if (listing)
        Tcl_DStringAppendElement(ds, v);
    else
        Tcl_DStringAppend(ds, v, -1);
}

static void xapi_tcl_sock_const(Tcl_DString *ds, int listing,
                                const char *prefix, long v)
{
    static const char *const aliases[] = { "AF_LOCAL", "AF_FILE", "AF_ROUTE" };
    size_t n, i, j, plen = strlen(prefix);
    const xapi_constant *c = xapi_constants(&n);
    char num[32];

    for (i = 0; i < n; i++) {
        if (c[i].value != v || strncmp(c[i].name, prefix, plen) != 0)
            continue;
        for (j = 0; j < sizeof aliases / sizeof aliases[0]; j++)
            if (strcmp(c[i].name, aliases[j]) == 0)
                break;
        if (j == sizeof aliases / sizeof aliases[0]) {
            xapi_tcl_sock_put(ds, listing, c[i].name);
            return;
        }
    }
    snprintf(num, sizeof num, "%ld", v);
    xapi_tcl_sock_put(ds, listing, num);
}

/* -sockname or -peername: the address, "" for a peer when not connected
 * (and for any failure while listing every option). */
static int xapi_tcl_sock_addr(Tcl_Interp *interp, int fd, int peer,
                              int listing, Tcl_DString *ds)
{
    xapi_addr a;
    Tcl_Obj *o;
    int rc;

    memset(&a, 0, sizeof a);
    errno = 0;
    rc = peer ? xapi_getpeername(fd, &a) : xapi_getsockname(fd, &a);
    if (rc < 0) {
        if (listing || errno == ENOTCONN) {
            xapi_tcl_sock_put(ds, listing, "");
            return TCL_OK;
        }
        if (interp != NULL) {
            Tcl_SetErrno(errno);
            Tcl_SetObjResult(interp, Tcl_ObjPrintf("can't get %s: %s",
                peer ? "peername" : "sockname", Tcl_PosixError(interp)));
        }
        return TCL_ERROR;
    }
    if (interp == NULL) { /* (records need the interpreter's keys) */
        xapi_tcl_sock_put(ds, listing, "");
        return TCL_OK;
    }
    o = xapi_tcl_addr_obj(interp, "fconfigure", &a);
    Tcl_IncrRefCount(o);
    xapi_tcl_sock_put(ds, listing, Tcl_GetString(o));
    Tcl_DecrRefCount(o);
    return TCL_OK;
}

static int xapi_tcl_sock_getopt(ClientData cd, Tcl_Interp *interp,
                                const char *name, Tcl_DString *ds)
{
    static const char *const opts[] = {
        "-family", "-socktype", "-sockname", "-peername"
    };
    xapi_tcl_sock *s = (xapi_tcl_sock *)cd;
    size_t i;

    for (i = 0; i < sizeof opts / sizeof opts[0]; i++) {
        int v = 0;

        if (name != NULL && strcmp(name, opts[i]) != 0)
            continue;
        if (name == NULL)
            Tcl_DStringAppendElement(ds, opts[i]);
        switch (i) {
        case 0:
            xapi_tcl_sock_const(ds, name == NULL, "AF_",
                                (long)xapi_socket_family(s->fd));
            break;
        case 1:
            if (xapi_getsockopt_int(s->fd, SOL_SOCKET, SO_TYPE, &v) < 0)
                v = -1;
            xapi_tcl_sock_const(ds, name == NULL, "SOCK_", (long)v);
            break;
        default:
            if (xapi_tcl_sock_addr(interp, s->fd, i == 3, name == NULL,
                                   ds) != TCL_OK)
                return TCL_ERROR;
            break;
        }
        if (name != NULL)
            return TCL_OK;
    }
    if (name == NULL)
        return TCL_OK;
    return Tcl_BadChannelOption(interp, name,
                                "family socktype sockname peername");
}

static Tcl_ChannelType xapi_tcl_sock_type = {
    "xapi-socket",
    TCL_CHANNEL_VERSION_5,
    xapi_tcl_sock_close,
    xapi_tcl_sock_input,
    xapi_tcl_sock_output,
    NULL,                 /* seek */
    NULL,                 /* set option: Tcl's generic ones only */
    xapi_tcl_sock_getopt,
    xapi_tcl_sock_watch,
    xapi_tcl_sock_handle,
    xapi_tcl_sock_close2,
    xapi_tcl_sock_block,
    NULL,                 /* flush */
    NULL,                 /* handler */
    NULL,                 /* wide seek */
    NULL,                 /* thread action */
    NULL                  /* truncate */
};

/* Whether fd is a socket (xapi::channel picks the channel type by it). */
static int xapi_tcl_is_socket(int fd)
{
    int v = 0;

    return xapi_getsockopt_int(fd, SOL_SOCKET, SO_TYPE, &v) == 0;
}

/* The socket fd as a channel named sockFD, binary (no encoding, no
 * newline translation), registered in interp; it owns the descriptor. */
static Tcl_Channel xapi_tcl_sock_channel(Tcl_Interp *interp, int fd, int mode)
{
    xapi_tcl_sock *s = (xapi_tcl_sock *)ckalloc(sizeof *s);
    char name[32];

    snprintf(name, sizeof name, "sock%d", fd);
    s->fd = fd;
    s->chan = Tcl_CreateChannel(&xapi_tcl_sock_type, name, (ClientData)s,
                                mode);
    Tcl_SetChannelOption(NULL, s->chan, "-translation", "binary");
    Tcl_RegisterChannel(interp, s->chan);
    return s->chan;
}
%}
