/*
 * bindings/tcl/xapi_tcl.i - the Tcl package "xapi" (commands in ::xapi).
 *
 * swig -tcl8 -namespace -pkgversion VERSION: commands are ::xapi::bind,
 * ::xapi::recvmsg, ...; constants are variables $xapi::IPV6_HOPLIMIT.
 * See docs/tcl.md for the Tcl API.
 */
%module xapi

%begin %{
/* Tcl_InitStubs asks for 8.6: the binding uses 8.6's Tcl_ObjPrintf and
 * friends through the stubs table. */
#define SWIG_TCL_STUBS_VERSION "8.6"
%}

/* xapi_bind -> xapi::bind, xapi_setsockopt_int -> xapi::setsockopt. */
%rename("%(strip:[xapi_])s") "";
%rename(setsockopt) xapi_setsockopt_int;
%rename(getsockopt) xapi_getsockopt_int;

/* A Tcl channel closes its own descriptor: xapi::close (commands.i)
 * handles channels and plain descriptors both. */
%ignore xapi_close;

%include "tcl/typemaps.i"
/* Shape typemaps a block of xapi.i applies must come before it. */
%include "tcl/opt.i"
%include "xapi.i"


%include "tcl/commands.i"

/* One file per topic: RFC 3542, the lab (error queue, netns), batches. */
%include "tcl/rth.i"
%include "tcl/net.i"
%include "tcl/batch.i"
