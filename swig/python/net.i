/*
 * swig/python/net.i - Python's network-lab calls need no C of their own:
 * socket_netns is declared in swig/xapi.i (its NETNS shape is in
 * typemaps.i), and the error queue is recvmsg with MSG_ERRQUEUE, whose
 * IPV6_RECVERR / IP_RECVERR items the core decodes into SockErr values.
 * xapi/_net.py holds the public API.
 */
