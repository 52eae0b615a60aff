/*
 * bindings/python/xapi_python.i - the Python 3 top file.
 *
 * Builds the C extension xapi._xapi (swig -python -interface _xapi); the
 * public, documented API is the pure-Python package xapi/ around it, so
 * SWIG's own proxy module is not used.
 */
%module(package="xapi", threads="1") _xapi

/* The GIL is released around every core call (a blocking connect must not
 * stop other threads), except in the functions of msg.i, which work on
 * Python objects and release it themselves around the system call. */
/* Building or parsing a control buffer is shorter than a GIL switch. */
%feature("nothreadallow") xapi_items_build;
%feature("nothreadallow") xapi_items_parse;
%feature("nothreadallow") xapi_constants;
%feature("nothreadallow") xapi_typed_int;
%feature("nothreadallow") xapi_typed_pktinfo6;
%feature("nothreadallow") xapi_typed_pktinfo4;
%feature("nothreadallow") xapi_typed_raw;
%rename(_make_cmsg) xapi_typed_raw;
%feature("nothreadallow") xapi_errno_name;
/* A receive asked not to wait (MSG_DONTWAIT in its flags, argument
 * FLAGS of the wrapper) cannot block: it keeps the GIL, whose release and
 * retaking cost more than the non-blocking system call (the socket
 * module's own non-blocking loops pay it on every call). */
%define XAPI_PY_KEEP_GIL_WITHOUT_WAIT(fn, FLAGS)
%feature("threadbeginallow") fn
  "PyThreadState *_swig_thread_allow = (FLAGS & MSG_DONTWAIT) ? NULL : PyEval_SaveThread();";
%feature("threadendallow") fn
  "if (_swig_thread_allow != NULL) PyEval_RestoreThread(_swig_thread_allow);";
%enddef
XAPI_PY_KEEP_GIL_WITHOUT_WAIT(xapi_recvmsg, arg3)
XAPI_PY_KEEP_GIL_WITHOUT_WAIT(xapi_recv_batch_recv, arg4)

%{
#define PY_SSIZE_T_CLEAN
%}

/* Python names without the C prefix: xapi_bind -> xapi._xapi.bind. */
%rename("%(strip:[xapi_])s") "";

/* The Python typemaps; they define XAPI_RAISE_OS. */
%include "typemaps.i"
/* Shape typemaps a block of xapi.i applies must come before it. */
%include "opt.i"
%include "fdpass.i"

/* The decisions shared by every language. */
%include "xapi.i"

/* Python only: message I/O, ancillary items, constants, interfaces. */
%include "msg.i"

/* One file per topic: RFC 3542, the lab (error queue, netns), batches. */
%include "rth.i"
%include "net.i"
%include "batch.i"
