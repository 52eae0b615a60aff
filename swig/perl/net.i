/*
 * swig/perl/net.i - the lab topic for Perl: sockets in other network
 * namespaces and the error queue.  Both are shared declarations: the
 * socket_netns of swig/xapi.i, and recvmsg (the RECV_MSG shape of
 * typemaps.i) with MSG_ERRQUEUE, which Xapi::Net's recv_errqueue
 * (bindings/perl/Xapi/Net.pm) calls.  Xapi::Net is the Perl face: it turns
 * the descriptor into a file handle.  Nothing is Perl's own here.
 */
