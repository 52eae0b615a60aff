/*
 * swig/tcl/net.i - the lab topic of the Tcl binding (included by
 * bindings/tcl/xapi_tcl.i after commands.i): sockets in other network
 * namespaces.  The error queue needs no C of its own: xapi::recverr
 * (bindings/tcl/net.tcl) is xapi::recvmsg with MSG_ERRQUEUE, whose items
 * commands.i decodes (kind sock_err, and pathmtu for IPV6_PATHMTU).
 */

%{
/* xapi::socket_netns netns family type ?protocol? -> a channel, like
 * xapi::socket, for a socket made in namespace netns (an ip-netns name or
 * a path with a '/', as xapi_socket_netns takes it). */
static int xapi_tcl_socket_netns(ClientData cd, Tcl_Interp *interp,
                                 int objc, Tcl_Obj *const objv[])
{
    const char *cmd = "xapi::socket_netns";
    int family, type, protocol = 0, fd;
    Tcl_DString ds;
    Tcl_Obj *chan;

    (void)cd;
    if (objc != 4 && objc != 5) {
        Tcl_WrongNumArgs(interp, 1, objv, "netns family type ?protocol?");
        return TCL_ERROR;
    }
    if (xapi_tcl_get_const(interp, objv[2], cmd, "family", &family) != TCL_OK
        || xapi_tcl_get_const(interp, objv[3], cmd, "type", &type) != TCL_OK
        || (objc == 5 && xapi_tcl_get_const(interp, objv[4], cmd, "protocol",
                                            &protocol) != TCL_OK))
        return TCL_ERROR;
    if (Tcl_GetCharLength(objv[1]) == 0)
        return xapi_tcl_arg_error(interp, cmd, "netns",
                                  "the namespace name is empty");
    if (xapi_tcl_get_text(interp, objv[1], cmd, "netns", &ds) != TCL_OK)
        return TCL_ERROR;
    errno = 0;
    fd = xapi_socket_netns(Tcl_DStringValue(&ds), family, type, protocol);
    Tcl_DStringFree(&ds);
    if (fd < 0)
        return xapi_tcl_os_error(interp, cmd);
    chan = xapi_tcl_channel_obj(interp, fd);
    if (chan == NULL) {
        Tcl_SetObjResult(interp, Tcl_NewStringObj(
            "xapi::socket_netns: cannot make a channel", -1));
        return TCL_ERROR;
    }
    Tcl_SetObjResult(interp, chan);
    return TCL_OK;
}
%}

%native(socket_netns) int xapi_tcl_socket_netns(ClientData, Tcl_Interp *, int, Tcl_Obj *const[]);
