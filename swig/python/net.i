/*
 * swig/python/net.i - Python's network-lab calls: sockets in other network
 * namespaces.  The error queue needs no C of its own: it is recvmsg with
 * MSG_ERRQUEUE (msg.i), whose IPV6_RECVERR / IP_RECVERR items the core's
 * decoder turns into SockErr values; xapi/_net.py holds the public API.
 */

%feature("nothreadallow") xapi_py_socket_netns;

%{
/* The descriptor of a new socket in namespace netns (str, bytes or a path
 * already passed through os.fspath).  The GIL is released around the
 * namespace switch and socket(2): other threads keep running, in their
 * own namespaces, since setns(2) only moves the calling thread. */
static PyObject *xapi_py_socket_netns(PyObject *netns, int family, int type,
                                      int proto)
{
    const char *name;
    int fd, err;

    name = xapi_py_text(netns, "socket_netns", "netns");
    if (name == NULL)
        return NULL;
    Py_BEGIN_ALLOW_THREADS
    fd = xapi_socket_netns(name, family, type, proto);
    err = errno;
    Py_END_ALLOW_THREADS
    if (fd < 0) {
        errno = err;
        /* Name the namespace, as open(2)'s errors do with a path. */
        PyErr_SetFromErrnoWithFilenameObject(PyExc_OSError, netns);
        return NULL;
    }
    return PyLong_FromLong(fd);
}
%}

%rename(_socket_netns) xapi_py_socket_netns;
PyObject *xapi_py_socket_netns(PyObject *netns, int family, int type,
                               int proto);
