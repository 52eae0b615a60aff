/*
 * ssm_recv.c - a source-specific multicast receiver (RFC 4607), and a
 * sender to try it with.  The join is one call with address text and an
 * interface name: the core builds struct group_source_req (RFC 3678)
 * and picks IPv4 or IPv6 from the group.
 *
 *   usage: ssm_recv recv GROUP IFNAME SOURCE PORT [COUNT]
 *          ssm_recv send GROUP IFNAME PORT TEXT [FROM]
 *   $ sudo ip netns exec lab-b ./ssm_recv recv ff3e::8000:db8 b-r 2001:db8:2::1 7010 &
 *   $ sudo ip netns exec lab-r ./ssm_recv send ff3e::8000:db8 r-b 7010 other 2001:db8:1::1
 *   $ sudo ip netns exec lab-r ./ssm_recv send ff3e::8000:db8 r-b 7010 hello 2001:db8:2::1
 *   joined ff3e::8000:db8 from 2001:db8:2::1 on b-r
 *   from 2001:db8:2::1: hello
 *   left
 *
 * The receiver prints COUNT (default 1) datagrams, then leaves the group;
 * only SOURCE's datagrams reach it, the "other" one never does.  The
 * sender sends TEXT by IFNAME with hop limit (TTL) 8, bound to FROM if
 * given, which is the source the receiver sees.
 */
#include "example.h"

#include <sys/socket.h>
#include <unistd.h>

#define PROG "ssm_recv"
#define WAIT_MS 5000

/* The family of an address text, as the core reads it. */
static int family_of(const char *text)
{
    xapi_addr a;

    if (xapi_addr_parse(&a, AF_UNSPEC, text, 0, NULL) < 0)
        return -1;
    return xapi_addr_family(&a);
}

/* Prints the core's account of a failed call: which argument, and why. */
static int fail_err(const char *what, const xapi_error *err)
{
    char text[256];

    xapi_error_format(err, what, text, sizeof text);
    fprintf(stderr, "%s: %s\n", PROG, text);
    return -1;
}

static int do_recv(const char *group, const char *ifname, const char *source,
                   unsigned port, long count)
{
    xapi_error err = { 0, NULL, "" };
    int family = family_of(group), fd;

    if (family < 0)
        return ex_fail(PROG, group);
    fd = xapi_socket(family, SOCK_DGRAM, 0);
    if (fd < 0)
        return ex_fail(PROG, "socket");
    /* Bound to the group itself: only this group's datagrams to PORT. */
    if (xapi_bind(fd, group, port, &err) < 0 ||
        xapi_mcast_join(fd, group, ifname, source, &err) < 0) {
        fail_err("join", &err);
        close(fd);
        return -1;
    }
    printf("joined %s from %s on %s\n", group, source, ifname);
    fflush(stdout);
    for (long i = 0; i < count; i++) {
        char data[1500], host[XAPI_ADDRSTRLEN];
        xapi_addr from;
        ssize_t n;

        if (ex_wait(fd, POLLIN, WAIT_MS) <= 0) {
            fprintf(stderr, "%s: nothing from %s within %d ms\n", PROG,
                    source, WAIT_MS);
            close(fd);
            return -1;
        }
        from.len = sizeof from.ss;
        n = recvfrom(fd, data, sizeof data, 0, (struct sockaddr *)&from.ss,
                     &from.len);
        if (n < 0 || xapi_addr_format(&from, host, sizeof host, NULL) < 0) {
            close(fd);
            return ex_fail(PROG, "recvfrom");
        }
        printf("from %s: %.*s\n", host, (int)n, data);
        fflush(stdout);
    }
    if (xapi_mcast_leave(fd, group, ifname, source, &err) < 0) {
        fail_err("leave", &err);
        close(fd);
        return -1;
    }
    printf("left\n");
    close(fd);
    return 0;
}

static int do_send(const char *group, const char *ifname, unsigned port,
                   const char *text, const char *from)
{
    xapi_error err = { 0, NULL, "" };
    int family = family_of(group), fd, rc = 0;

    if (family < 0)
        return ex_fail(PROG, group);
    fd = xapi_socket(family, SOCK_DGRAM, 0);
    if (fd < 0)
        return ex_fail(PROG, "socket");
    if ((from != NULL && xapi_bind(fd, from, 0, &err) < 0) ||
        xapi_mcast_set_if(fd, ifname, &err) < 0 ||
        xapi_mcast_set_hops(fd, 8, &err) < 0 ||
        xapi_connect(fd, group, port, &err) < 0)
        rc = fail_err("send", &err);
    else if (send(fd, text, strlen(text), 0) < 0)
        rc = ex_fail(PROG, "send");
    close(fd);
    return rc;
}

int main(int argc, char **argv)
{
    long port, count = 1;

    if (argc >= 6 && argc <= 7 && strcmp(argv[1], "recv") == 0) {
        if ((port = ex_number(argv[5], 1, 65535)) < 0 ||
            (argc == 7 && (count = ex_number(argv[6], 1, 1000000)) < 0))
            return ex_fail(PROG, "PORT or COUNT"), 2;
        return do_recv(argv[2], argv[3], argv[4], (unsigned)port, count) < 0;
    }
    if (argc >= 6 && argc <= 7 && strcmp(argv[1], "send") == 0) {
        if ((port = ex_number(argv[4], 1, 65535)) < 0)
            return ex_fail(PROG, "PORT"), 2;
        return do_send(argv[2], argv[3], (unsigned)port, argv[5],
                       argc == 7 ? argv[6] : NULL) < 0;
    }
    fprintf(stderr,
            "usage: %s recv GROUP IFNAME SOURCE PORT [COUNT]\n"
            "       %s send GROUP IFNAME PORT TEXT [FROM]\n", PROG, PROG);
    return 2;
}
