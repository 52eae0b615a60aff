/*
 * socket.c - thin socket calls that take addresses as text; bad text is
 * reported through xapi_error as well as errno.
 */
#include <config.h>

#include <fcntl.h>
#include <limits.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

int xapi_socket(int family, int type, int protocol)
{
    /* Close-on-exec from birth: setting it later races with fork+exec in
     * another thread. */
    return socket(family, type | SOCK_CLOEXEC, protocol);
}

int xapi_socket_family(int fd)
{
    int family;
    socklen_t len = sizeof(family);

    if (getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &family, &len) < 0)
        return -1;
    return family;
}

int xapi_fd_check(int fd)
{
    /* F_GETFD reads the descriptor's own flags: no side effect, and
     * EBADF for anything that is not an open descriptor (negative too). */
    if (fcntl(fd, F_GETFD) < 0)
        return -1;
    return fd;
}

/* The address for this socket's own family, so "::1" cannot be handed to
 * an AF_INET socket by a guess. */
static int addr_for_socket(int fd, const char *host, unsigned port,
                           xapi_addr *out, xapi_error *err)
{
    int family;

    if (host == NULL)
        return xapi_err_arg(err, EINVAL, "host", "NULL");
    family = xapi_socket_family(fd);
    if (family < 0)
        return xapi_err_errno(err);
    return xapi_addr_parse(out, family, host, port, err);
}

int xapi_bind(int fd, const char *host, unsigned port, xapi_error *err)
{
    xapi_addr a;

    if (addr_for_socket(fd, host, port, &a, err) < 0)
        return -1;
    if (bind(fd, (const struct sockaddr *)&a.ss, a.len) < 0)
        return xapi_err_errno(err);
    return 0;
}

int xapi_connect(int fd, const char *host, unsigned port, xapi_error *err)
{
    xapi_addr a;

    if (addr_for_socket(fd, host, port, &a, err) < 0)
        return -1;
    if (connect(fd, (const struct sockaddr *)&a.ss, a.len) < 0)
        return xapi_err_errno(err);
    return 0;
}

int xapi_listen(int fd, int backlog)
{
    return listen(fd, backlog);
}

int xapi_accept(int fd, xapi_addr *peer)
{
    int nfd;

    if (peer == NULL)
        return accept4(fd, NULL, NULL, SOCK_CLOEXEC);
    peer->len = sizeof(peer->ss);
    nfd = accept4(fd, (struct sockaddr *)&peer->ss, &peer->len, SOCK_CLOEXEC);
    if (nfd < 0)
        peer->len = 0;
    else if (peer->len > sizeof(peer->ss))
        peer->len = sizeof(peer->ss); /* the kernel reports what it cut */
    return nfd;
}

int xapi_close(int fd)
{
    /* No retry on EINTR: on Linux the descriptor is gone either way, and a
     * retry could close one that another thread has just opened. */
    return close(fd);
}

typedef int (*name_call)(int, struct sockaddr *, socklen_t *);

static int get_name(name_call call, int fd, xapi_addr *out)
{
    xapi_addr a;

    if (out == NULL)
        return xapi_fail(EINVAL);
    memset(&a, 0, sizeof(a));
    a.len = sizeof(a.ss);
    if (call(fd, (struct sockaddr *)&a.ss, &a.len) < 0)
        return -1;
    if (a.len > sizeof(a.ss))
        a.len = sizeof(a.ss);
    *out = a;
    return 0;
}

int xapi_getsockname(int fd, xapi_addr *out)
{
    return get_name(getsockname, fd, out);
}

int xapi_getpeername(int fd, xapi_addr *out)
{
    return get_name(getpeername, fd, out);
}

int xapi_setsockopt_int(int fd, int level, int name, int value)
{
    return setsockopt(fd, level, name, &value, sizeof(value));
}

int xapi_getsockopt_int(int fd, int level, int name, int *value)
{
    int v = 0;
    socklen_t len = sizeof(v);

    if (value == NULL)
        return xapi_fail(EINVAL);
    if (getsockopt(fd, level, name, &v, &len) < 0)
        return -1;
    if (len == sizeof(v)) {
        *value = v;
    } else if (len == 1) {
        /* A few IPv4 options answer with one byte. */
        unsigned char b;

        memcpy(&b, &v, 1);
        *value = b;
    } else {
        return xapi_fail(EINVAL); /* not an integer option */
    }
    return 0;
}

int xapi_setsockopt_bytes(int fd, int level, int name, const void *buf,
                          size_t len)
{
    if ((buf == NULL && len > 0) || len > INT_MAX)
        return xapi_fail(EINVAL);
    return setsockopt(fd, level, name, buf, (socklen_t)len);
}

int xapi_getsockopt_bytes(int fd, int level, int name, void *out, size_t cap,
                          size_t *outlen)
{
    socklen_t len;

    if ((out == NULL && cap > 0) || outlen == NULL)
        return xapi_fail(EINVAL);
    len = cap > INT_MAX ? INT_MAX : (socklen_t)cap;
    if (getsockopt(fd, level, name, out, &len) < 0)
        return -1;
    /* Never report more than the buffer holds, whatever the kernel says. */
    *outlen = len < cap ? len : cap;
    return 0;
}
