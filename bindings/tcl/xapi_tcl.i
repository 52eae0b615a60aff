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
/* xapi::fileno socket: the channel's descriptor (the int fd typemap finds
 * it, the core checks that it is open). */
%rename(fileno) xapi_fd_check;


/* The batch calls under the names of the public commands batch.tcl makes
 * of them (swig/xapi.i's own %rename of xapi_batch_sendv, send_batch,
 * yields to these, which name the whole declaration). */
%rename(recvbatch) xapi_recv_batch_recv(int fd, xapi_recv_batch *batch,
                                        unsigned count, int flags,
                                        int timeout_ms, xapi_error *err);
%rename(recvbatch_into) xapi_recv_batch_recv_into(int fd,
    xapi_recv_batch *batch_into, unsigned count, void *buffer, size_t buflen,
    size_t slot, int flags, int timeout_ms, xapi_error *err);
%rename(sendbatch) xapi_batch_sendv(int fd, const xapi_batch_out *messages,
                                    size_t n, int flags, xapi_error *err);

/* A receive batch is SWIG's owned pointer object, made and kept by
 * batch.tcl under private names (deleting its command frees it). */
%rename(_recv_batch) xapi_recv_batch;
%rename(_recv_batch_new) xapi_recv_batch_new;
%rename(_recv_batch_capacity) xapi_recv_batch_capacity;
%rename(_recv_batch_split) xapi_recv_batch_split;
%rename(_recv_batch_pending) xapi_recv_batch_pending;

%include "tcl/typemaps.i"
%include "tcl/channel.i"
/* Shape typemaps a block of xapi.i applies must come before it. */
%include "tcl/opt.i"
%include "tcl/fdpass.i"
%include "xapi.i"


%include "tcl/commands.i"

/* One file per topic: RFC 3542, the lab (error queue, netns).  Batches
 * (tcl/batch.i) are included by swig/xapi.i's batch block, as "batch.i"
 * (the build searches swig/tcl first). */
%include "tcl/rth.i"
%include "tcl/net.i"
