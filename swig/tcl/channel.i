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
 * (xapi_tcl_channel_obj, at the end) and by xapi::channel for a
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

/* The value of option i of opts: -family and -socktype a constant's name
 * from the core's table (AF_INET6, SOCK_DGRAM; the usual name, not the
 * alias AF_LOCAL, which the table has first) or the integer; -sockname
 * and -peername the address, "" for a peer when not connected (and for
 * any failure while listing every option, all).  NULL: an error. */
static const char *const xapi_tcl_sock_opts[] = {
    "-family", "-socktype", "-sockname", "-peername"
};
static Tcl_Obj *xapi_tcl_sock_opt(Tcl_Interp *interp, int fd, size_t i,
                                  int all)
{
    const xapi_constant *c;
    size_t n, j;
    xapi_addr a;
    int v = -1;

    if (i < 2) {
        if (i == 0)
            v = xapi_socket_family(fd);
        else if (xapi_getsockopt_int(fd, SOL_SOCKET, SO_TYPE, &v) < 0)
            v = -1;
        for (c = xapi_constants(&n), j = 0; j < n; j++)
            if (c[j].value == v && strcmp(c[j].name, "AF_LOCAL") != 0 &&
                strncmp(c[j].name, i ? "SOCK_" : "AF_", i ? 5 : 3) == 0)
                return Tcl_NewStringObj(c[j].name, -1);
        return Tcl_NewIntObj(v);
    }
    memset(&a, 0, sizeof a);
    errno = 0;
    if ((i == 3 ? xapi_getpeername(fd, &a) : xapi_getsockname(fd, &a)) < 0) {
        if (all || errno == ENOTCONN)
            return Tcl_NewObj();
        if (interp != NULL) {
            Tcl_SetErrno(errno);
            Tcl_SetObjResult(interp, Tcl_ObjPrintf("can't get %s: %s",
                i == 3 ? "peername" : "sockname", Tcl_PosixError(interp)));
        }
        return NULL;
    }
    return xapi_tcl_addr_obj(&a);
}

static int xapi_tcl_sock_getopt(ClientData cd, Tcl_Interp *interp,
                                const char *name, Tcl_DString *ds)
{
    xapi_tcl_sock *s = (xapi_tcl_sock *)cd;
    Tcl_Obj *o;
    size_t i;

    for (i = 0; i < 4; i++) {
        if (name != NULL && strcmp(name, xapi_tcl_sock_opts[i]) != 0)
            continue;
        if ((o = xapi_tcl_sock_opt(interp, s->fd, i, name == NULL)) == NULL)
            return TCL_ERROR;
        Tcl_IncrRefCount(o);
        if (name != NULL) { /* one option: its value alone */
            Tcl_DStringAppend(ds, Tcl_GetString(o), -1);
            Tcl_DecrRefCount(o);
            return TCL_OK;
        }
        Tcl_DStringAppendElement(ds, xapi_tcl_sock_opts[i]);
        Tcl_DStringAppendElement(ds, Tcl_GetString(o));
        Tcl_DecrRefCount(o);
    }
    return name == NULL ? TCL_OK : Tcl_BadChannelOption(interp, name,
        "family socktype sockname peername");
}

/* (No seek, flush, handler, thread action or truncate; set option:
 * Tcl's generic options only.) */
static Tcl_ChannelType xapi_tcl_sock_type = {
    .typeName = "xapi-socket",
    .version = TCL_CHANNEL_VERSION_5,
    .closeProc = xapi_tcl_sock_close,
    .inputProc = xapi_tcl_sock_input,
    .outputProc = xapi_tcl_sock_output,
    .getOptionProc = xapi_tcl_sock_getopt,
    .watchProc = xapi_tcl_sock_watch,
    .getHandleProc = xapi_tcl_sock_handle,
    .close2Proc = xapi_tcl_sock_close2,
    .blockModeProc = xapi_tcl_sock_block,
};

/* Whether fd is a socket (xapi::channel picks the channel type by it). */
static int xapi_tcl_is_socket(int fd)
{
    return xapi_socket_family(fd) >= 0; /* (ENOTSOCK otherwise) */
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

/* A socket descriptor as a channel of this type, readable and writable
 * (so fileevent, chan configure and close work on it), and its name: the
 * result of xapi::socket, socket_netns and accept (typemaps.i). */
static Tcl_Obj *xapi_tcl_channel_obj(Tcl_Interp *interp, int fd)
{
    Tcl_Channel chan = xapi_tcl_sock_channel(interp, fd,
                                             TCL_READABLE | TCL_WRITABLE);

    return Tcl_NewStringObj(Tcl_GetChannelName(chan), -1);
}
%}
