/*
 * swig/tcl/fdpass.i - Tcl's one descriptor shape (unix(7) SCM_RIGHTS),
 * both ways, and the command that makes any descriptor a channel:
 *   (const int *FD_LIST, size_t FD_COUNT)  a list of descriptors in:
 *       channel names or integers (as every socket argument);
 *   a received SCM_RIGHTS item: name fds, value the list of integers,
 *       read from the core's view with xapi_fds_at (xapi::recvmsg
 *       -fds channel makes them channels with xapi::channel);
 *   xapi::channel fd ?-mode r|w|rw?: the descriptor as a registered
 *       channel (Tcl_MakeFileChannel; a socket gets channel.i's socket
 *       type), which then owns it.
 * Included before swig/xapi.i; commands.i's item dicts take the value
 * from xapi_tcl_fds_list.
 */
%{
/* A descriptor as a registered channel that owns it: a socket gets the
 * socket channel type (channel.i: fconfigure shows what it is), anything
 * else a file channel.  Tcl names a file channel fileN, channel.i a socket
 * sockN: a descriptor that has a channel in this interpreter already
 * cannot get a second (Tcl would panic): NULL, with its name in had
 * (had is "" otherwise). */
#define XAPI_TCL_CHAN_NAME 32
static Tcl_Channel xapi_tcl_fd_channel(Tcl_Interp *interp, int fd, int mode,
                                       char had[XAPI_TCL_CHAN_NAME])
{
    Tcl_Channel chan;

    snprintf(had, XAPI_TCL_CHAN_NAME, "file%d", fd);
    if (Tcl_GetChannel(interp, had, NULL) == NULL)
        snprintf(had, XAPI_TCL_CHAN_NAME, "sock%d", fd);
    if (Tcl_GetChannel(interp, had, NULL) != NULL)
        return NULL;
    had[0] = '\0';
    Tcl_ResetResult(interp);
    if (xapi_tcl_is_socket(fd))
        return xapi_tcl_sock_channel(interp, fd, mode);
    chan = Tcl_MakeFileChannel((ClientData)(intptr_t)fd, mode);
    if (chan != NULL)
        Tcl_RegisterChannel(interp, chan);
    return chan;
}

/* An SCM_RIGHTS item's descriptors (commands.i's item value): integers,
 * or, given an interpreter (xapi::recvmsg -fds channel), channels that
 * own them. */
static Tcl_Obj *xapi_tcl_fds_list(Tcl_Interp *chans, const xapi_value *v)
{
    Tcl_Obj *list = Tcl_NewListObj(0, NULL);
    size_t i;

    for (i = 0; i < v->fds.count; i++) {
        int fd = -1;
        char had[XAPI_TCL_CHAN_NAME];
        Tcl_Channel ch = NULL;

        (void)xapi_fds_at(v, i, &fd);
        if (chans != NULL && fd >= 0)
            ch = xapi_tcl_fd_channel(chans, fd, TCL_READABLE | TCL_WRITABLE,
                                     had);
        Tcl_ListObjAppendElement(NULL, list, ch != NULL
            ? Tcl_NewStringObj(Tcl_GetChannelName(ch), -1)
            : Tcl_NewIntObj(fd));
    }
    return list;
}

/* xapi::channel's check: the descriptor is open (the core's
 * xapi_fd_check: EBADF otherwise). */
static int xapi_tcl_descriptor(int descriptor, int CHANNEL_MODE)
{
    (void)CHANNEL_MODE;
    return xapi_fd_check(descriptor);
}
%}

%typemap(in) (const int *FD_LIST, size_t FD_COUNT) (int fdbuf[XAPI_FDS_MAX]) {
  Tcl_Obj **elems;
  int i, n;

  if (Tcl_ListObjGetElements(interp, $input, &n, &elems) != TCL_OK)
    SWIG_fail;
  for (i = 0; i < n && i < XAPI_FDS_MAX; i++)
    if (xapi_tcl_get_fd(interp, elems[i], "xapi::cmsg", &fdbuf[i]) != TCL_OK)
      SWIG_fail;
  /* More than XAPI_FDS_MAX: the core refuses the count, reading none. */
  $1 = fdbuf;
  $2 = (size_t)n;
}
%typemap(out) int xapi_typed_creds, int xapi_typed_fds "";

/* A channel's mode: r, w or rw. */
%typemap(in) int CHANNEL_MODE {
  const char *m = Tcl_GetString($input);
  if (strcmp(m, "r") == 0)
    $1 = TCL_READABLE;
  else if (strcmp(m, "w") == 0)
    $1 = TCL_WRITABLE;
  else if (strcmp(m, "rw") == 0)
    $1 = TCL_READABLE | TCL_WRITABLE;
  else {
    xapi_tcl_arg_error(interp, "xapi::channel", "mode",
                       "\"%.20s\" is not r, w or rw", m);
    SWIG_fail;
  }
}
%typemap(out) int xapi_tcl_descriptor {
  Tcl_Channel chan;
  char had[XAPI_TCL_CHAN_NAME];

  chan = xapi_tcl_fd_channel(interp, $1, arg2, had);
  if (chan == NULL && had[0] != '\0') {
    xapi_tcl_arg_error(interp, "xapi::channel", "fd", "descriptor %d "
                       "already has the channel %s", $1, had);
    SWIG_fail;
  }
  if (chan == NULL) {
    Tcl_SetObjResult(interp, Tcl_NewStringObj(
        "xapi::channel: cannot make a channel", -1));
    SWIG_fail;
  }
  Tcl_SetObjResult(interp, Tcl_NewStringObj(Tcl_GetChannelName(chan), -1));
}
%rename(_channel) xapi_tcl_descriptor;
%exception xapi_tcl_descriptor {
  errno = 0;
  $action
  if (result < 0) { XAPI_RAISE("channel", NULL); }
}
int xapi_tcl_descriptor(int descriptor, int CHANNEL_MODE);
