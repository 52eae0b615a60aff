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
%rename(make_cmsg) xapi_typed_raw;
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

/* xapi.recvmsg is the native call itself (typemaps.i, the receive shape):
 * its docstring, with the signature inspect reads. */
%feature("docstring") xapi_recvmsg
  "recvmsg(sock, sizes, ancsize=0, flags=0, fds='int')\n"
  "--\n"
  "\n"
  "Receive one message, scattered into pieces of the given *sizes*.\n"
  "\n"
  "*sizes* is an iterable of ints (each and their total in 0..2**30);\n"
  "*ancsize* is the ancillary buffer's size in bytes (0..2**20; use\n"
  ":func:`cmsg_space` to compute it).  Returns a :class:`Message`, which\n"
  "unpacks as ``(address, data, cmsgs, flags)``:\n"
  "\n"
  "- address: ``(host, port)`` (IPv4), ``(host, port, flowinfo,\n"
  "  scope_id)`` (IPv6), a str (AF_UNIX, ``'@name'`` for abstract names),\n"
  "  :class:`LinkAddr` (AF_PACKET), :class:`NlAddr` (AF_NETLINK), the\n"
  "  sockaddr's bytes for any other family, or None when the kernel\n"
  "  gives none (connected stream sockets).  An address never makes the\n"
  "  receive fail, so no datagram is taken and then lost;\n"
  "- data: a tuple of bytes, one per size, cut to what arrived (pieces\n"
  "  past the received bytes are empty, and kept);\n"
  "- cmsgs: a tuple of :class:`Cmsg`, decoded;\n"
  "- flags: msg_flags (test ``MSG_TRUNC``, ``MSG_CTRUNC``).\n"
  "\n"
  "``Message.nbytes`` is the byte count the kernel returned: with\n"
  "``MSG_TRUNC`` in *flags* it is a datagram's full length, which may\n"
  "exceed the pieces.  The receive and the whole result are made in one\n"
  "native call; the GIL is released while waiting.\n"
  "\n"
  "Descriptors passed with SCM_RIGHTS arrive close-on-exec (the core\n"
  "always adds MSG_CMSG_CLOEXEC); an ``SCM_RIGHTS`` item's value is a\n"
  "tuple of ints with ``fds=\"int\"`` (the default; they are yours to\n"
  "close), or of objects that own them with ``fds=\"socket\"``:\n"
  ":class:`socket.socket` for sockets, unbuffered file objects for other\n"
  "descriptors.  When the control buffer was too small (``MSG_CTRUNC``)\n"
  "the descriptors that did arrive are already closed and the item has\n"
  "no value.\n"
  "\n"
  "A socket object's timeout (``settimeout``) applies as for\n"
  "``socket.recvmsg``: TimeoutError(\"timed out\") if nothing came in that\n"
  "time, BlockingIOError at once with ``settimeout(0)`` or\n"
  "``MSG_DONTWAIT``.  EINTR is retried after signal handlers run\n"
  "(PEP 475); a handler's exception ends the call.\n";

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
