/*
 * test_addr.c - addresses as text, and the socket calls that take them.
 * Expected bytes come from inet_pton and hand-built sockaddrs.
 */
#include <config.h>

#include <arpa/inet.h>
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/un.h>
#include <unistd.h>

#include "xapi.h"

unsigned sys_ifindex(const char *name);

#define SUN_OFF offsetof(struct sockaddr_un, sun_path)

static void expect_text(const xapi_addr *a, const char *text, unsigned port)
{
    char host[XAPI_ADDRSTRLEN];
    unsigned p = 12345;

    ck_assert_int_eq(xapi_addr_format(a, host, sizeof(host), &p), 0);
    ck_assert_str_eq(host, text);
    ck_assert_uint_eq(p, port);
}

START_TEST(inet_round_trip)
{
    xapi_addr a;
    struct sockaddr_in want;

    memset(&want, 0, sizeof(want));
    want.sin_family = AF_INET;
    want.sin_port = htons(8080);
    ck_assert_int_eq(inet_pton(AF_INET, "192.0.2.1", &want.sin_addr), 1);

    ck_assert_int_eq(xapi_addr_parse(&a, AF_INET, "192.0.2.1", 8080, NULL), 0);
    ck_assert_uint_eq(a.len, sizeof(struct sockaddr_in));
    ck_assert_mem_eq(&a.ss, &want, sizeof(want));
    ck_assert_int_eq(xapi_addr_family(&a), AF_INET);
    expect_text(&a, "192.0.2.1", 8080);
}
END_TEST

START_TEST(inet6_round_trip)
{
    /* 2001:db8::1 spelled out, RFC 3849's documentation prefix. */
    static const unsigned char want[16] = { 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0,
                                            0, 0, 0, 0, 0, 0, 0, 1 };
    xapi_addr a;
    const struct sockaddr_in6 *s = (const struct sockaddr_in6 *)&a.ss;

    ck_assert_int_eq(xapi_addr_parse(&a, AF_INET6, "2001:db8::1", 65535, NULL), 0);
    ck_assert_uint_eq(a.len, sizeof(struct sockaddr_in6));
    ck_assert_int_eq(s->sin6_family, AF_INET6);
    ck_assert_uint_eq(ntohs(s->sin6_port), 65535);
    ck_assert_mem_eq(&s->sin6_addr, want, 16);
    ck_assert_uint_eq(s->sin6_scope_id, 0);
    expect_text(&a, "2001:db8::1", 65535);
}
END_TEST

START_TEST(inet6_scope_by_name)
{
    unsigned lo = sys_ifindex("lo");
    xapi_addr a;

    ck_assert_uint_ne(lo, 0);
    ck_assert_int_eq(xapi_addr_parse(&a, AF_INET6, "fe80::1%lo", 9, NULL), 0);
    ck_assert_uint_eq(((struct sockaddr_in6 *)&a.ss)->sin6_scope_id, lo);
    expect_text(&a, "fe80::1%lo", 9);
}
END_TEST

START_TEST(inet6_scope_by_number)
{
    unsigned lo = sys_ifindex("lo");
    char text[64];
    xapi_addr a;

    snprintf(text, sizeof(text), "fe80::1%%%u", lo);
    ck_assert_int_eq(xapi_addr_parse(&a, AF_INET6, text, 0, NULL), 0);
    ck_assert_uint_eq(((struct sockaddr_in6 *)&a.ss)->sin6_scope_id, lo);
    /* A number that names an interface comes back as its name... */
    expect_text(&a, "fe80::1%lo", 0);
    /* ...and one that names none stays a number. */
    ck_assert_int_eq(xapi_addr_parse(&a, AF_INET6, "fe80::1%999999", 0, NULL), 0);
    ck_assert_uint_eq(((struct sockaddr_in6 *)&a.ss)->sin6_scope_id, 999999);
    expect_text(&a, "fe80::1%999999", 0);
}
END_TEST

START_TEST(inet6_scope_errors)
{
    xapi_addr a;

    errno = 0;
    ck_assert_int_eq(xapi_addr_parse(&a, AF_INET6, "fe80::1%nosuchif0", 0, NULL), -1);
    ck_assert_int_eq(errno, ENODEV);
    errno = 0;
    ck_assert_int_eq(xapi_addr_parse(&a, AF_INET6, "fe80::1%", 0, NULL), -1);
    ck_assert_int_eq(errno, EINVAL);
    errno = 0;
    ck_assert_int_eq(xapi_addr_parse(&a, AF_INET6, "fe80::1%99999999999", 0, NULL),
                     -1);
    ck_assert_int_eq(errno, EINVAL);
}
END_TEST

START_TEST(unix_path)
{
    xapi_addr a;
    const struct sockaddr_un *s = (const struct sockaddr_un *)&a.ss;

    ck_assert_int_eq(xapi_addr_parse(&a, AF_UNIX, "/tmp/x.sock", 99, NULL), 0);
    ck_assert_uint_eq(a.len, SUN_OFF + strlen("/tmp/x.sock") + 1);
    ck_assert_int_eq(s->sun_family, AF_UNIX);
    ck_assert_str_eq(s->sun_path, "/tmp/x.sock");
    /* Ports mean nothing to AF_UNIX. */
    expect_text(&a, "/tmp/x.sock", 0);
}
END_TEST

START_TEST(unix_abstract)
{
    xapi_addr a;
    const struct sockaddr_un *s = (const struct sockaddr_un *)&a.ss;

    ck_assert_int_eq(xapi_addr_parse(&a, AF_UNSPEC, "@xapi-name", 0, NULL), 0);
    /* Counted, not terminated: no NUL and no padding in the length. */
    ck_assert_uint_eq(a.len, SUN_OFF + 1 + strlen("xapi-name"));
    ck_assert_int_eq(s->sun_path[0], '\0');
    ck_assert_mem_eq(s->sun_path + 1, "xapi-name", 9);
    expect_text(&a, "@xapi-name", 0);
}
END_TEST

START_TEST(unix_unnamed)
{
    xapi_addr a;

    ck_assert_int_eq(xapi_addr_parse(&a, AF_UNIX, "", 0, NULL), 0);
    ck_assert_uint_eq(a.len, sizeof(sa_family_t));
    ck_assert_int_eq(xapi_addr_family(&a), AF_UNIX);
    expect_text(&a, "", 0);
}
END_TEST

START_TEST(unix_lengths)
{
    /* sun_path is 108 bytes in the Linux ABI (include/uapi/linux/un.h). */
    char path[200];
    xapi_addr a;

    memset(path, 'a', sizeof(path));
    path[0] = '/';
    path[107] = '\0';
    ck_assert_int_eq(xapi_addr_parse(&a, AF_UNIX, path, 0, NULL), 0);
    ck_assert_uint_eq(a.len, SUN_OFF + 108);
    path[107] = 'a';
    path[108] = '\0';
    errno = 0;
    ck_assert_int_eq(xapi_addr_parse(&a, AF_UNIX, path, 0, NULL), -1);
    ck_assert_int_eq(errno, ENAMETOOLONG);

    /* An abstract name may use all 108 bytes: its NUL is the first. */
    path[0] = '@';
    ck_assert_int_eq(xapi_addr_parse(&a, AF_UNIX, path, 0, NULL), 0);
    ck_assert_uint_eq(a.len, SUN_OFF + 108);
    path[108] = 'a';
    path[109] = '\0';
    errno = 0;
    ck_assert_int_eq(xapi_addr_parse(&a, AF_UNIX, path, 0, NULL), -1);
    ck_assert_int_eq(errno, ENAMETOOLONG);
}
END_TEST

START_TEST(guess_family)
{
    xapi_addr a;

    ck_assert_int_eq(xapi_addr_parse(&a, AF_UNSPEC, "::1", 1, NULL), 0);
    ck_assert_int_eq(xapi_addr_family(&a), AF_INET6);
    ck_assert_int_eq(xapi_addr_parse(&a, AF_UNSPEC, "127.0.0.1", 1, NULL), 0);
    ck_assert_int_eq(xapi_addr_family(&a), AF_INET);
    ck_assert_int_eq(xapi_addr_parse(&a, AF_UNSPEC, "/x", 1, NULL), 0);
    ck_assert_int_eq(xapi_addr_family(&a), AF_UNIX);
}
END_TEST

START_TEST(bad_text)
{
    static const struct { int family; const char *text; } bad[] = {
        { AF_INET, "not-an-address" }, { AF_INET, "1.2.3" },
        { AF_INET, "256.1.1.1" }, { AF_INET, "" }, { AF_INET, "::1" },
        { AF_INET6, "not-an-address" }, { AF_INET6, "1::2::3" },
        { AF_INET6, "127.0.0.1" }, { AF_INET6, "" },
        { AF_INET6, "0000:0000:0000:0000:0000:0000:0000:0000:0000:0000:1" },
        { AF_UNSPEC, "nonsense" },
    };
    xapi_addr a, before;
    size_t i;

    memset(&before, 0x5a, sizeof(before));
    for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        a = before;
        errno = 0;
        ck_assert_msg(xapi_addr_parse(&a, bad[i].family, bad[i].text, 0, NULL) == -1,
                      "parsed %s", bad[i].text);
        ck_assert_int_eq(errno, EINVAL);
        /* A failed parse leaves the output as it was. */
        ck_assert_mem_eq(&a, &before, sizeof(a));
    }
    errno = 0;
    ck_assert_int_eq(xapi_addr_parse(&a, AF_INET6, "::1", 65536, NULL), -1);
    ck_assert_int_eq(errno, EINVAL);
    errno = 0;
    ck_assert_int_eq(xapi_addr_parse(&a, AF_INET, "127.0.0.1", 70000, NULL), -1);
    ck_assert_int_eq(errno, EINVAL);
    errno = 0;
    ck_assert_int_eq(xapi_addr_parse(&a, AF_PACKET, "x", 0, NULL), -1);
    ck_assert_int_eq(errno, EAFNOSUPPORT);
    errno = 0;
    ck_assert_int_eq(xapi_addr_parse(&a, AF_INET, NULL, 0, NULL), -1);
    ck_assert_int_eq(errno, EINVAL);
}
END_TEST

START_TEST(format_errors)
{
    char host[XAPI_ADDRSTRLEN];
    xapi_addr a;

    ck_assert_int_eq(xapi_addr_parse(&a, AF_INET, "192.0.2.1", 1, NULL), 0);
    /* Exactly enough room, then one byte short. */
    ck_assert_int_eq(xapi_addr_format(&a, host, 10, NULL), 0);
    ck_assert_str_eq(host, "192.0.2.1");
    errno = 0;
    ck_assert_int_eq(xapi_addr_format(&a, host, 9, NULL), -1);
    ck_assert_int_eq(errno, ENOSPC);

    /* An AF_INET6 address cut short is not read past its length. */
    ck_assert_int_eq(xapi_addr_parse(&a, AF_INET6, "::1", 1, NULL), 0);
    a.len = 8;
    errno = 0;
    ck_assert_int_eq(xapi_addr_format(&a, host, sizeof(host), NULL), -1);
    ck_assert_int_eq(errno, EINVAL);

    memset(&a, 0, sizeof(a));
    a.len = sizeof(struct sockaddr);
    a.ss.ss_family = AF_PACKET;
    errno = 0;
    ck_assert_int_eq(xapi_addr_format(&a, host, sizeof(host), NULL), -1);
    ck_assert_int_eq(errno, EAFNOSUPPORT);

    /* The empty address: no family, no text. */
    memset(&a, 0, sizeof(a));
    ck_assert_int_eq(xapi_addr_family(&a), AF_UNSPEC);
    expect_text(&a, "", 0);
}
END_TEST

START_TEST(socket_cloexec)
{
    int fd = xapi_socket(AF_INET6, SOCK_DGRAM, 0);

    ck_assert_int_ge(fd, 0);
    ck_assert_int_ne(fcntl(fd, F_GETFD) & FD_CLOEXEC, 0);
    ck_assert_int_eq(xapi_socket_family(fd), AF_INET6);
    ck_assert_int_eq(xapi_close(fd), 0);
}
END_TEST

START_TEST(socket_family_errors)
{
    int fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
    int closed = xapi_socket(AF_INET, SOCK_DGRAM, 0);

    ck_assert_int_ge(fd, 0);
    errno = 0;
    ck_assert_int_eq(xapi_socket_family(fd), -1);
    ck_assert_int_eq(errno, ENOTSOCK);
    errno = 0;
    ck_assert_int_eq(xapi_bind(fd, "::1", 0, NULL), -1);
    ck_assert_int_eq(errno, ENOTSOCK);
    close(fd);
    close(closed);
    errno = 0;
    ck_assert_int_eq(xapi_socket_family(closed), -1);
    ck_assert_int_eq(errno, EBADF);
}
END_TEST

/* fcntl(2): F_GETFD fails with EBADF on a descriptor that is not open;
 * any open one (a socket or not) is returned as it is. */
START_TEST(fd_check_open_and_closed)
{
    int file = open("/dev/null", O_RDONLY | O_CLOEXEC);
    int sock = xapi_socket(AF_INET6, SOCK_DGRAM, 0);

    ck_assert_int_ge(file, 0);
    ck_assert_int_ge(sock, 0);
    ck_assert_int_eq(xapi_fd_check(file), file);
    ck_assert_int_eq(xapi_fd_check(sock), sock);
    close(file);
    close(sock);
    errno = 0;
    ck_assert_int_eq(xapi_fd_check(sock), -1);
    ck_assert_int_eq(errno, EBADF);
    errno = 0;
    ck_assert_int_eq(xapi_fd_check(-1), -1);
    ck_assert_int_eq(errno, EBADF);
}
END_TEST

static void expect_sockname(int fd, const char *text, int port_nonzero)
{
    char host[XAPI_ADDRSTRLEN];
    unsigned port;
    xapi_addr a;

    ck_assert_int_eq(xapi_getsockname(fd, &a), 0);
    ck_assert_int_eq(xapi_addr_format(&a, host, sizeof(host), &port), 0);
    ck_assert_str_eq(host, text);
    if (port_nonzero)
        ck_assert_uint_ne(port, 0);
}

START_TEST(bind_for_socket_family)
{
    int v4 = xapi_socket(AF_INET, SOCK_DGRAM, 0);
    int v6 = xapi_socket(AF_INET6, SOCK_DGRAM, 0);
    int un = xapi_socket(AF_UNIX, SOCK_DGRAM, 0);
    char name[64];

    /* Text is parsed for the socket's family: "::1" is no IPv4 address. */
    errno = 0;
    ck_assert_int_eq(xapi_bind(v4, "::1", 0, NULL), -1);
    ck_assert_int_eq(errno, EINVAL);
    errno = 0;
    ck_assert_int_eq(xapi_bind(v6, "::1", 70000, NULL), -1);
    ck_assert_int_eq(errno, EINVAL);
    ck_assert_int_eq(xapi_bind(v4, "127.0.0.1", 0, NULL), 0);
    ck_assert_int_eq(xapi_bind(v6, "::1", 0, NULL), 0);
    expect_sockname(v4, "127.0.0.1", 1);
    expect_sockname(v6, "::1", 1);

    /* An unbound unix socket's name is the unnamed address. */
    expect_sockname(un, "", 0);
    snprintf(name, sizeof(name), "@xapi-unit-%ld", (long)getpid());
    ck_assert_int_eq(xapi_bind(un, name, 0, NULL), 0);
    expect_sockname(un, name, 0);
    close(v4);
    close(v6);
    close(un);
}
END_TEST

START_TEST(tcp_connect_accept)
{
    int l = xapi_socket(AF_INET6, SOCK_STREAM, 0);
    int c = xapi_socket(AF_INET6, SOCK_STREAM, 0);
    int s;
    char host[XAPI_ADDRSTRLEN];
    unsigned lport, cport, pport;
    xapi_addr la, ca, peer;

    ck_assert_int_eq(xapi_bind(l, "::1", 0, NULL), 0);
    ck_assert_int_eq(xapi_listen(l, 8), 0);
    ck_assert_int_eq(xapi_getsockname(l, &la), 0);
    ck_assert_int_eq(xapi_addr_format(&la, host, sizeof(host), &lport), 0);
    ck_assert_int_eq(xapi_connect(c, "::1", lport, NULL), 0);
    s = xapi_accept(l, &peer);
    ck_assert_int_ge(s, 0);
    ck_assert_int_ne(fcntl(s, F_GETFD) & FD_CLOEXEC, 0);
    /* The accepted peer is the connecting socket. */
    ck_assert_int_eq(xapi_getsockname(c, &ca), 0);
    ck_assert_int_eq(xapi_addr_format(&ca, host, sizeof(host), &cport), 0);
    ck_assert_int_eq(xapi_addr_format(&peer, host, sizeof(host), &pport), 0);
    ck_assert_str_eq(host, "::1");
    ck_assert_uint_eq(pport, cport);
    ck_assert_int_eq(xapi_getpeername(c, &peer), 0);
    ck_assert_int_eq(xapi_addr_format(&peer, host, sizeof(host), &pport), 0);
    ck_assert_uint_eq(pport, lport);
    close(s);
    close(c);
    close(l);
}
END_TEST

START_TEST(sockopts)
{
    int fd = xapi_socket(AF_INET6, SOCK_DGRAM, 0);
    unsigned char buf[64];
    size_t n;
    int v = -5;

    ck_assert_int_eq(xapi_setsockopt_int(fd, IPPROTO_IPV6, IPV6_UNICAST_HOPS,
                                         17), 0);
    ck_assert_int_eq(xapi_getsockopt_int(fd, IPPROTO_IPV6, IPV6_UNICAST_HOPS,
                                         &v), 0);
    ck_assert_int_eq(v, 17);
    v = 33;
    ck_assert_int_eq(xapi_setsockopt_bytes(fd, IPPROTO_IPV6, IPV6_UNICAST_HOPS,
                                           &v, sizeof(v)), 0);
    ck_assert_int_eq(xapi_getsockopt_bytes(fd, IPPROTO_IPV6, IPV6_UNICAST_HOPS,
                                           buf, sizeof(buf), &n), 0);
    ck_assert_uint_eq(n, sizeof(int));
    memcpy(&v, buf, sizeof(v));
    ck_assert_int_eq(v, 33);
    errno = 0;
    ck_assert_int_eq(xapi_setsockopt_bytes(fd, IPPROTO_IPV6, IPV6_UNICAST_HOPS,
                                           NULL, 4), -1);
    ck_assert_int_eq(errno, EINVAL);
    close(fd);
}
END_TEST

/* The core writes address text itself (core/ntop.c) rather than through
 * inet_ntop(3), for speed; glibc's inet_ntop is the independent
 * reference it must agree with, byte for byte, on structured and random
 * addresses (runs of zero groups, IPv4-mapped and -compatible forms). */
static uint32_t lcg(uint32_t *state)
{
    *state = *state * 1664525u + 1013904223u;
    return *state >> 8;
}

static void check_text6(const unsigned char b[16])
{
    struct sockaddr_in6 *sin6;
    xapi_addr a;
    char want[INET6_ADDRSTRLEN], got[XAPI_ADDRSTRLEN];

    memset(&a, 0, sizeof(a));
    sin6 = (struct sockaddr_in6 *)&a.ss;
    sin6->sin6_family = AF_INET6;
    memcpy(&sin6->sin6_addr, b, 16);
    a.len = sizeof(*sin6);
    ck_assert_ptr_nonnull(inet_ntop(AF_INET6, b, want, sizeof(want)));
    ck_assert_int_eq(xapi_addr_format(&a, got, sizeof(got), NULL), 0);
    ck_assert_str_eq(got, want);
}

START_TEST(text_matches_inet_ntop)
{
    static const char *fixed[] = {
        "::", "::1", "1::", "::ffff:1.2.3.4", "::1.2.3.4", "::ffff:0:1.2.3.4",
        "1:0:0:1:0:0:0:1", "1:0:0:0:1:0:0:1", "0:1:0:1:0:1:0:1",
        "2001:db8::1:0:0:1", "fe80::1", "::ffff:0.0.0.0", "::0.0.0.1",
        "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "0:0:0:0:0:1:0:0",
    };
    unsigned char b[16];
    uint32_t st = 12345;

    for (size_t i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++) {
        ck_assert_int_eq(inet_pton(AF_INET6, fixed[i], b), 1);
        check_text6(b);
    }
    for (int n = 0; n < 300000; n++) {
        for (int w = 0; w < 8; w++) {
            uint32_t r = lcg(&st), v;

            /* Zero groups often, so runs of every length and position
             * occur; 0xffff and one-digit groups now and then. */
            switch (r % 8) {
            case 0: case 1: case 2: case 3: v = 0; break;
            case 4: v = 0xffff; break;
            case 5: v = (r >> 3) & 0xf; break;
            default: v = (r >> 3) & 0xffff; break;
            }
            b[2 * w] = (unsigned char)(v >> 8);
            b[2 * w + 1] = (unsigned char)v;
        }
        check_text6(b);
    }
    for (int n = 0; n < 100000; n++) {
        struct sockaddr_in *sin;
        xapi_addr a;
        uint32_t v = lcg(&st) ^ (lcg(&st) << 24);
        char want[INET_ADDRSTRLEN], got[XAPI_ADDRSTRLEN];

        memset(&a, 0, sizeof(a));
        sin = (struct sockaddr_in *)&a.ss;
        sin->sin_family = AF_INET;
        memcpy(&sin->sin_addr, &v, 4);
        a.len = sizeof(*sin);
        ck_assert_ptr_nonnull(inet_ntop(AF_INET, &sin->sin_addr, want,
                                        sizeof(want)));
        ck_assert_int_eq(xapi_addr_format(&a, got, sizeof(got), NULL), 0);
        ck_assert_str_eq(got, want);
    }
}
END_TEST

/* xapi_error names the argument at fault; its reason is the core's. */
START_TEST(error_names_the_argument)
{
    xapi_error e = { 0, NULL, "" };
    xapi_addr a;
    char text[256];
    int fd;

    ck_assert_int_eq(xapi_addr_parse(&a, AF_INET6, "::1", 70000, &e), -1);
    ck_assert_int_eq(errno, EINVAL);
    ck_assert_int_eq(e.code, EINVAL);
    ck_assert_str_eq(e.arg, "port");
    ck_assert_int_eq(xapi_error_is_value(&e), 1);
    ck_assert_int_gt(xapi_error_format(&e, "bind", text, sizeof text), 0);
    ck_assert_str_eq(text, "bind: bad argument port: 70000 is out of range 0..65535");

    memset(&e, 0, sizeof e);
    ck_assert_int_eq(xapi_addr_parse(&a, AF_INET6, "1.2.3.4", 1, &e), -1);
    ck_assert_str_eq(e.arg, "host");
    memset(&e, 0, sizeof e);
    ck_assert_int_eq(xapi_addr_parse(&a, AF_INET6, "fe80::1%no-such-if0", 1,
                                     &e), -1);
    ck_assert_int_eq(e.code, ENODEV);
    ck_assert_str_eq(e.arg, "host");
    /* An argument error that is not a wrong value: an OS error upstairs. */
    ck_assert_int_eq(xapi_error_is_value(&e), 0);
    memset(&e, 0, sizeof e);
    ck_assert_int_eq(xapi_addr_parse(&a, AF_PACKET, "x", 1, &e), -1);
    ck_assert_int_eq(e.code, EAFNOSUPPORT);
    ck_assert_str_eq(e.arg, "family");

    /* The kernel's error: no argument, strerror's words. */
    fd = xapi_socket(AF_INET6, SOCK_DGRAM, 0);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(xapi_bind(fd, "::1", 0, NULL), 0);
    memset(&e, 0, sizeof e);
    ck_assert_int_eq(xapi_bind(fd, "::1", 0, &e), -1);
    ck_assert_int_eq(e.code, EINVAL); /* already bound */
    ck_assert_ptr_null(e.arg);
    ck_assert_int_eq(xapi_error_is_value(&e), 0);
    xapi_error_format(&e, "bind", text, sizeof text);
    ck_assert_str_eq(text, "bind: Invalid argument");
    /* A port error names the port even through bind. */
    memset(&e, 0, sizeof e);
    ck_assert_int_eq(xapi_bind(fd, "::1", 65536, &e), -1);
    ck_assert_str_eq(e.arg, "port");
    xapi_close(fd);
    memset(&e, 0, sizeof e);
    ck_assert_int_eq(xapi_bind(fd, "::1", 0, &e), -1);
    ck_assert_int_eq(e.code, EBADF);

    /* Truncation keeps the NUL; the wanted length comes back. */
    e.code = EINVAL;
    e.arg = "host";
    snprintf(e.reason, sizeof e.reason, "%s", "a long reason");
    ck_assert_int_eq(xapi_error_format(&e, NULL, text, 8),
                     (int)strlen("bad argument host: a long reason"));
    ck_assert_str_eq(text, "bad arg");
    ck_assert_int_eq(xapi_error_format(NULL, "f", text, sizeof text), -1);
}
END_TEST

/* ---- every family whole (xapi_addr_view_of) ----------------------------
 * Bytes written by hand from the Linux ABI: struct sockaddr_ll (packet(7))
 * is family u16, protocol be16, ifindex int, hatype u16, pkttype u8,
 * halen u8, addr[8]; struct sockaddr_nl (netlink(7)) is family u16, pad
 * u16, pid u32, groups u32.  Little-endian hosts (x86_64, arm64). */
static xapi_addr addr_of(const void *bytes, size_t len)
{
    xapi_addr a;

    memset(&a, 0, sizeof(a));
    memcpy(&a.ss, bytes, len);
    a.len = (socklen_t)len;
    return a;
}

START_TEST(view_packet_received)
{
    /* What recvmsg gives for an IPv6 frame on lo, sent by this host. */
    static const unsigned char ll[20] = {
        0x11, 0x00, 0x86, 0xdd, 0x01, 0x00, 0x00, 0x00, 0x04, 0x03, 0x04,
        0x06, 0x02, 0x00, 0x5e, 0x00, 0x53, 0x01, 0x00, 0x00 };
    xapi_addr a = addr_of(ll, sizeof(ll));
    xapi_addr_view v;
    const xapi_record *r;
    int64_t i;
    const char *s;
    size_t n;

    ck_assert_int_eq(xapi_addr_view_of(&a, &v), XAPI_ADDR_RECORD);
    ck_assert_int_eq(v.family, 17);
    ck_assert_int_eq(v.record.kind, XAPI_VALUE_LINKADDR);
    ck_assert_str_eq(v.record.name, "linkaddr");
    ck_assert_uint_eq(v.record.linkaddr.ifindex, 1);
    ck_assert_uint_eq(v.record.linkaddr.protocol, 0x86dd);
    ck_assert_int_eq(v.record.linkaddr.pkttype, 4);    /* PACKET_OUTGOING */
    ck_assert_uint_eq(v.record.linkaddr.hatype, 772);  /* ARPHRD_LOOPBACK */
    ck_assert_uint_eq(v.record.linkaddr.addrlen, 6);
    ck_assert_mem_eq(v.record.linkaddr.addr, ll + 12, 6);
    /* The record view reads the same fields, the address as 6 bytes. */
    r = xapi_record_of(XAPI_VALUE_LINKADDR);
    ck_assert_ptr_nonnull(r);
    ck_assert_uint_eq(r->nfields, 5);
    ck_assert_str_eq(r->fields[4].name, "addr");
    ck_assert_int_eq(xapi_field_get(&v.record, &r->fields[4], &i, &s, &n),
                     XAPI_FIELD_BYTES);
    ck_assert_uint_eq(n, 6);
    ck_assert_mem_eq(s, ll + 12, 6);
    ck_assert_int_eq(xapi_field_get(&v.record, &r->fields[1], &i, &s, &n),
                     XAPI_FIELD_INT);
    ck_assert_int_eq(i, 0x86dd);
}
END_TEST

START_TEST(view_packet_lengths)
{
    /* getsockname of an unbound ETH_P_ALL socket: 12 bytes, halen 0. */
    static const unsigned char unbound[12] = {
        0x11, 0x00, 0x00, 0x03, 0, 0, 0, 0, 0, 0, 0, 0 };
    /* A hardware address longer than sll_addr (IPoIB's 20 bytes), which
     * the kernel writes past it: 12 + 20 bytes. */
    unsigned char ib[32] = { 0x11, 0x00, 0x08, 0x00, 0x03, 0, 0, 0,
                             0x20, 0x00, 0x00, 20 };
    unsigned char ll[20] = {
        0x11, 0x00, 0x86, 0xdd, 0x01, 0x00, 0x00, 0x00, 0x04, 0x03, 0x00,
        0x06, 1, 2, 3, 4, 5, 6, 0, 0 };
    xapi_addr a;
    xapi_addr_view v;
    size_t k;

    a = addr_of(unbound, sizeof(unbound));
    ck_assert_int_eq(xapi_addr_view_of(&a, &v), XAPI_ADDR_RECORD);
    ck_assert_uint_eq(v.record.linkaddr.ifindex, 0);
    ck_assert_uint_eq(v.record.linkaddr.protocol, 3); /* ETH_P_ALL */
    ck_assert_uint_eq(v.record.linkaddr.addrlen, 0);

    for (k = 12; k < sizeof(ib); k++)
        ib[k] = (unsigned char)k;
    a = addr_of(ib, sizeof(ib));
    ck_assert_int_eq(xapi_addr_view_of(&a, &v), XAPI_ADDR_RECORD);
    ck_assert_uint_eq(v.record.linkaddr.addrlen, 20);
    ck_assert_mem_eq(v.record.linkaddr.addr, ib + 12, 20);

    /* sll_halen claiming more than arrived: the bytes, all of them. */
    ll[11] = 9;
    a = addr_of(ll, sizeof(ll));
    ck_assert_int_eq(xapi_addr_view_of(&a, &v), XAPI_ADDR_BYTES);
    ck_assert_uint_eq(v.len, 20);
    ck_assert_mem_eq(v.bytes, ll, 20);
    /* ... or more than any hardware address, with the bytes there. */
    ll[11] = 200;
    a = addr_of(ll, sizeof(ll));
    a.len = sizeof(a.ss);
    ck_assert_int_eq(xapi_addr_view_of(&a, &v), XAPI_ADDR_BYTES);
    ck_assert_uint_eq(v.len, sizeof(a.ss));
    /* Shorter than the fixed part. */
    ll[11] = 0;
    a = addr_of(ll, 11);
    ck_assert_int_eq(xapi_addr_view_of(&a, &v), XAPI_ADDR_BYTES);
    ck_assert_uint_eq(v.len, 11);
    /* A length above the storage is read as the storage. */
    a = addr_of(ll, sizeof(ll));
    a.len = (socklen_t)sizeof(a.ss) + 100;
    ck_assert_int_eq(xapi_addr_view_of(&a, &v), XAPI_ADDR_RECORD);
}
END_TEST

START_TEST(view_netlink)
{
    static const unsigned char nl[12] = {
        0x10, 0x00, 0x00, 0x00, 0xd2, 0x04, 0x00, 0x00, 0x05, 0x00, 0x00,
        0x00 };
    xapi_addr a = addr_of(nl, sizeof(nl));
    xapi_addr_view v;

    ck_assert_int_eq(xapi_addr_view_of(&a, &v), XAPI_ADDR_RECORD);
    ck_assert_int_eq(v.family, 16);
    ck_assert_int_eq(v.record.kind, XAPI_VALUE_NLADDR);
    ck_assert_str_eq(v.record.name, "nladdr");
    ck_assert_uint_eq(v.record.nladdr.pid, 1234);
    ck_assert_uint_eq(v.record.nladdr.groups, 5);
    ck_assert_ptr_nonnull(xapi_record_of(XAPI_VALUE_NLADDR));
    a = addr_of(nl, 8);
    ck_assert_int_eq(xapi_addr_view_of(&a, &v), XAPI_ADDR_BYTES);
    ck_assert_uint_eq(v.len, 8);
}
END_TEST

START_TEST(view_other_families)
{
    /* AF_VSOCK (40), struct sockaddr_vm: no text form, so its bytes. */
    static const unsigned char vm[16] = {
        0x28, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
        0xff, 0, 0, 0, 0 };
    static const unsigned char in4[16] = {
        0x02, 0x00, 0x1f, 0x90, 192, 0, 2, 1, 0, 0, 0, 0, 0, 0, 0, 0 };
    static const unsigned char abstract_nul[6] = { 0x01, 0x00, 0, 'a', 0,
                                                   'b' };
    xapi_addr a;
    xapi_addr_view v;

    a = addr_of(vm, sizeof(vm));
    ck_assert_int_eq(xapi_addr_view_of(&a, &v), XAPI_ADDR_BYTES);
    ck_assert_int_eq(v.family, 40);
    ck_assert_uint_eq(v.len, 16);
    ck_assert_mem_eq(v.bytes, vm, 16);

    a = addr_of(in4, sizeof(in4));
    ck_assert_int_eq(xapi_addr_view_of(&a, &v), XAPI_ADDR_TEXT);
    ck_assert_str_eq(v.host, "192.0.2.1");
    ck_assert_uint_eq(v.port, 8080);
    /* Too short for a sockaddr_in: bytes, not a failure. */
    a = addr_of(in4, 8);
    ck_assert_int_eq(xapi_addr_view_of(&a, &v), XAPI_ADDR_BYTES);
    ck_assert_uint_eq(v.len, 8);
    /* An abstract unix name holding a NUL has no text form. */
    a = addr_of(abstract_nul, sizeof(abstract_nul));
    ck_assert_int_eq(xapi_addr_view_of(&a, &v), XAPI_ADDR_BYTES);
    ck_assert_mem_eq(v.bytes, abstract_nul, sizeof(abstract_nul));
    /* One byte: not even a family. */
    a = addr_of(in4, 1);
    ck_assert_int_eq(xapi_addr_view_of(&a, &v), XAPI_ADDR_BYTES);
    ck_assert_int_eq(v.family, AF_UNSPEC);
    ck_assert_uint_eq(v.len, 1);
    a = addr_of(in4, 0);
    ck_assert_int_eq(xapi_addr_view_of(&a, &v), XAPI_ADDR_NONE);
    errno = 0;
    ck_assert_int_eq(xapi_addr_view_of(NULL, &v), -1);
    ck_assert_int_eq(errno, EINVAL);
    ck_assert_int_eq(xapi_addr_view_of(&a, NULL), -1);
}
END_TEST

START_TEST(view_netlink_socket)
{
    /* A NETLINK_ROUTE socket is bound by the kernel on its first send
     * (netlink_autobind): getsockname then gives the port id it chose,
     * never 0, which is the kernel's own. */
    int fd = xapi_socket(AF_NETLINK, SOCK_RAW, 0 /* NETLINK_ROUTE */);
    xapi_addr a;
    xapi_addr_view v;
    /* struct nlmsghdr: len 16, NLMSG_NOOP, NLM_F_REQUEST | NLM_F_ACK,
     * seq 7, pid 0: the kernel answers with an NLMSG_ERROR ack. */
    unsigned char noop[16] = { 16, 0, 0, 0, 1, 0, 5, 0, 7, 0, 0, 0,
                               0, 0, 0, 0 };
    unsigned char reply[64];
    struct iovec iov = { noop, sizeof(noop) };
    xapi_msg m;

    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(xapi_getsockname(fd, &a), 0);
    ck_assert_int_eq(xapi_addr_view_of(&a, &v), XAPI_ADDR_RECORD);
    ck_assert_uint_eq(v.record.nladdr.pid, 0);
    memset(&m, 0, sizeof(m));
    m.iov = &iov;
    m.iovlen = 1;
    ck_assert_int_eq(xapi_sendmsg(fd, &m, 0), 16);
    /* The ack comes from the kernel: port id 0, no group. */
    iov.iov_base = reply;
    iov.iov_len = sizeof(reply);
    ck_assert_int_gt(xapi_recvmsg(fd, &m, 0), 0);
    ck_assert_int_eq(xapi_addr_view_of(&m.addr, &v), XAPI_ADDR_RECORD);
    ck_assert_uint_eq(v.record.nladdr.pid, 0);
    ck_assert_uint_eq(v.record.nladdr.groups, 0);
    ck_assert_int_eq(xapi_getsockname(fd, &a), 0);
    ck_assert_int_eq(xapi_addr_view_of(&a, &v), XAPI_ADDR_RECORD);
    ck_assert_uint_ne(v.record.nladdr.pid, 0);
    ck_assert_uint_eq(v.record.nladdr.groups, 0);
    xapi_close(fd);
}
END_TEST

Suite *addr_suite(void);
Suite *addr_suite(void)
{
    Suite *s = suite_create("addr");
    TCase *t = tcase_create("text");
    TCase *k = tcase_create("sockets");
    TCase *x = tcase_create("text_vs_inet_ntop");
    TCase *f = tcase_create("every_family");

    tcase_add_test(t, inet_round_trip);
    tcase_add_test(t, inet6_round_trip);
    tcase_add_test(t, inet6_scope_by_name);
    tcase_add_test(t, inet6_scope_by_number);
    tcase_add_test(t, inet6_scope_errors);
    tcase_add_test(t, unix_path);
    tcase_add_test(t, unix_abstract);
    tcase_add_test(t, unix_unnamed);
    tcase_add_test(t, unix_lengths);
    tcase_add_test(t, guess_family);
    tcase_add_test(t, bad_text);
    tcase_add_test(t, format_errors);
    tcase_add_test(t, error_names_the_argument);
    suite_add_tcase(s, t);
    /* 400,000 addresses: more than the default 4 s under sanitizers. */
    tcase_set_timeout(x, 120);
    tcase_add_test(x, text_matches_inet_ntop);
    suite_add_tcase(s, x);
    tcase_add_test(k, socket_cloexec);
    tcase_add_test(k, socket_family_errors);
    tcase_add_test(k, fd_check_open_and_closed);
    tcase_add_test(k, bind_for_socket_family);
    tcase_add_test(k, tcp_connect_accept);
    tcase_add_test(k, sockopts);
    suite_add_tcase(s, k);
    tcase_add_test(f, view_packet_received);
    tcase_add_test(f, view_packet_lengths);
    tcase_add_test(f, view_netlink);
    tcase_add_test(f, view_other_families);
    tcase_add_test(f, view_netlink_socket);
    suite_add_tcase(s, f);
    return s;
}
