/*
 * fdpass.c - a parent hands a bound UDP socket to a child over a unix
 * socket (SCM_RIGHTS); the child, which never bound anything, answers a
 * datagram through it, and sees who sent the socket (SCM_CREDENTIALS).
 *
 *   usage: fdpass
 *
 * The parent listens on an abstract unix name, forks, accepts the child,
 * and sends it one message carrying the UDP socket.  The child receives
 * it close-on-exec (xapi always asks for MSG_CMSG_CLOEXEC), reads the
 * parent's pid from the credentials the kernel attached (SO_PASSCRED),
 * waits for a datagram on the socket and answers it.
 */
#include "example.h"

#include <sys/wait.h>
#include <unistd.h>

static const char *prog = "fdpass";

static int child(const char *name)
{
    _Alignas(size_t) unsigned char control[256];
    unsigned char buf[64];
    struct iovec iov = { buf, sizeof(buf) };
    xapi_cmsg items[4];
    xapi_value values[4];
    xapi_addr from;
    xapi_msg m;
    size_t n, i;
    int s, udp = -1, fromparent = -1;

    s = xapi_socket(AF_UNIX, SOCK_STREAM, 0);
    if (s < 0 || xapi_setsockopt_int(s, SOL_SOCKET, SO_PASSCRED, 1) < 0 ||
        xapi_connect(s, name, 0, NULL) < 0)
        return ex_fail(prog, "child: connect");
    memset(&m, 0, sizeof(m));
    m.iov = &iov;
    m.iovlen = 1;
    m.control = control;
    m.controllen = sizeof(control);
    if (xapi_recvmsg(s, &m, 0) < 0)
        return ex_fail(prog, "child: recvmsg");
    if (xapi_items_parse(control, m.controllen, items, values, 4, &n, 0,
                         NULL) < 0)
        return ex_fail(prog, "child: items");
    for (i = 0; i < n; i++) {
        if (values[i].kind == XAPI_VALUE_FDS && udp < 0)
            (void)xapi_fds_at(&values[i], 0, &udp);
        else if (values[i].kind == XAPI_VALUE_CREDS)
            fromparent = values[i].creds.pid == getppid();
    }
    xapi_close(s);
    if (udp < 0) {
        fprintf(stderr, "%s: child: no descriptor arrived\n", prog);
        return -1;
    }
    printf("child: received a UDP socket from %s\n",
           fromparent == 1 ? "my parent" : "someone else");
    fflush(stdout);
    /* The handed-over socket, bound by the parent: answer on it. */
    iov.iov_len = sizeof(buf);
    memset(&m, 0, sizeof(m));
    m.iov = &iov;
    m.iovlen = 1;
    if (ex_wait(udp, POLLIN, 5000) != 1 || xapi_recvmsg(udp, &m, 0) < 0)
        return ex_fail(prog, "child: receive on the passed socket");
    from = m.addr;
    printf("child: datagram '%.*s'\n", (int)m.datalen, (const char *)buf);
    fflush(stdout);
    {
        struct iovec out = { (void *)"hello back", 10 };

        if (xapi_send(udp, &out, 1, &from, NULL, 0, 0, NULL) < 0)
            return ex_fail(prog, "child: send");
    }
    xapi_close(udp);
    return 0;
}

int main(void)
{
    char name[64], reply[64];
    xapi_addr bound, from;
    xapi_typed_item item;
    struct iovec iov = { (void *)"here", 4 };
    unsigned bport, fport;
    char host[XAPI_ADDRSTRLEN];
    pid_t pid;
    int l, conn, udp, peer, status, rc = 0;

    snprintf(name, sizeof(name), "@xapi-fdpass-%ld", (long)getpid());
    l = xapi_socket(AF_UNIX, SOCK_STREAM, 0);
    if (l < 0 || xapi_bind(l, name, 0, NULL) < 0 || xapi_listen(l, 1) < 0)
        { ex_fail(prog, "listen"); return 1; }
    fflush(stdout);
    pid = fork();
    if (pid < 0)
        { ex_fail(prog, "fork"); return 1; }
    if (pid == 0) {
        xapi_close(l);
        _exit(child(name) < 0 ? 1 : 0);
    }
    conn = xapi_accept(l, NULL);
    udp = xapi_socket(AF_INET, SOCK_DGRAM, 0);
    if (conn < 0 || udp < 0 || xapi_bind(udp, "127.0.0.1", 0, NULL) < 0 ||
        xapi_getsockname(udp, &bound) < 0)
        { ex_fail(prog, "parent: sockets"); return 1; }
    /* The UDP socket goes to the child; the parent keeps no copy. */
    if (xapi_typed_fds(&udp, 1, &item, NULL) < 0 ||
        xapi_send(conn, &iov, 1, NULL, &item.item, 1, 0, NULL) < 0)
        { ex_fail(prog, "parent: send the socket"); return 1; }
    xapi_close(udp);
    xapi_close(conn);
    xapi_close(l);

    peer = xapi_socket(AF_INET, SOCK_DGRAM, 0);
    iov.iov_base = (void *)"hello";
    iov.iov_len = 5;
    if (peer < 0 || xapi_send(peer, &iov, 1, &bound, NULL, 0, 0, NULL) < 0)
        { ex_fail(prog, "parent: send hello"); return 1; }
    {
        struct iovec in = { reply, sizeof(reply) };
        xapi_msg m;

        memset(&m, 0, sizeof(m));
        m.iov = &in;
        m.iovlen = 1;
        if (ex_wait(peer, POLLIN, 5000) != 1 || xapi_recvmsg(peer, &m, 0) < 0)
            { ex_fail(prog, "parent: no answer"); return 1; }
        from = m.addr;
        (void)xapi_addr_format(&bound, host, sizeof(host), &bport);
        (void)xapi_addr_format(&from, host, sizeof(host), &fport);
        printf("parent: answer '%.*s' from %s\n", (int)m.datalen, reply,
               fport == bport ? "the socket it handed over"
                              : "another socket");
    }
    xapi_close(peer);
    if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) ||
        WEXITSTATUS(status) != 0)
        rc = 1;
    return rc;
}
