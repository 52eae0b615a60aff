/*
 * swig/tcl/net.i - the lab topic of the Tcl binding (included by
 * bindings/tcl/xapi_tcl.i after commands.i): sockets in other network
 * namespaces.  The error queue needs no C of its own: xapi::recverr
 * (bindings/tcl/net.tcl) is xapi::recvmsg with MSG_ERRQUEUE, whose items
 * commands.i decodes (kind sock_err, and pathmtu for IPV6_PATHMTU).
 */

/* socket_netns is declared in swig/xapi.i (its NETNS shape and channel
 * result are in typemaps.i). */
