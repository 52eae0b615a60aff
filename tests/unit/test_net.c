/*
 * test_net.c - the error queue and network namespaces, against the real
 * kernel across the three-namespace lab of tests/lab/lab.sh:
 *
 *   A [a-r] ---- [r-a] R [r-b] ---- [b-r] B      (docs/lab.md)
 *   2001:db8:1::2   ::1  2001:db8:2::1   ::2
 *      MTU 1500            MTU 1280
 *
 * Expected values come from the RFCs (RFC 8200: a router decrements the
 * hop limit and sends Time Exceeded when it would reach 0; RFC 8201 and
 * RFC 4443: Packet Too Big carries the next-hop MTU; RFC 3542: ancillary
 * data) and from the topology as ip(8) reports it, never from xapi.
 *
 * The decoder tests with hand-made bytes run everywhere.  The lab tests
 * need root; without it they are skipped with a printed reason and the
 * program exits 77 (automake's SKIP) if everything else passed.
 */
#include <config.h>

#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/icmp6.h>
#include <linux/errqueue.h>

#include "xapi.h"

#ifndef XAPI_LAB_SH
#error "XAPI_LAB_SH (the path of tests/lab/lab.sh) must be defined"
#endif

#define PORT 5555
#define WAIT_MS 2000

/* ------------------------------------------------------------------ */
/* The lab: set up once by main() before any test runs, read-only after */
/* ------------------------------------------------------------------ */

struct lab {
    char prefix[32];
    char a[64], r[64], b[64];               /* namespace names */
    char a_addr[64], r_a_addr[64], r_b_addr[64], b_addr[64];
    unsigned a_ifindex, b_ifindex;
    unsigned mtu_ar, mtu_rb;
};

static struct lab lab;
static const char *lab_sh = XAPI_LAB_SH;
static pid_t owner_pid;  /* main's pid: Check's forked children never
                            tear the lab down */
static int lab_is_up;

/*
 * Signals.  Check's runner, while it runs, answers SIGINT/SIGTERM by
 * killing its whole process group, which would leave no one to remove the
 * lab.  So main() stays a small supervisor: the suite runs in a child in a
 * process group of its own, and main() forwards SIGINT/SIGTERM/SIGHUP to
 * whatever child it is waiting for (lab.sh, which cleans up after itself,
 * or the suite), then removes the lab and dies of the signal.
 */
static volatile sig_atomic_t pending_sig;
static volatile sig_atomic_t current_child;    /* pid, 0: none */
static volatile sig_atomic_t current_is_group; /* a process group leader */

static void on_signal(int sig)
{
    pending_sig = sig;
    if (getpid() == owner_pid && current_child > 0)
        kill(current_is_group ? -(pid_t)current_child
                              : (pid_t)current_child, sig);
}

static int wait_child(pid_t pid, int group)
{
    int status;

    current_is_group = group;
    current_child = pid;
    while (waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) {
            current_child = 0;
            return -1;
        }
    }
    current_child = 0;
    return status;
}

/* Runs argv (argv[0] a path), stdout into out (capacity cap) when out is
 * given, stdin from /dev/null.  Returns the exit status, or -1. */
static int run(char *const argv[], char *out, size_t cap)
{
    int pfd[2] = { -1, -1 };
    pid_t pid;
    int status;
    size_t used = 0;

    if (out != NULL && pipe(pfd) < 0)
        return -1;
    pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        int null = open("/dev/null", O_RDONLY);

        if (null >= 0)
            dup2(null, 0);
        if (out != NULL) {
            dup2(pfd[1], 1);
            close(pfd[0]);
            close(pfd[1]);
        }
        execv(argv[0], argv);
        _exit(127);
    }
    if (out != NULL) {
        ssize_t n;

        close(pfd[1]);
        while (used + 1 < cap &&
               (n = read(pfd[0], out + used, cap - 1 - used)) != 0) {
            if (n < 0) {
                if (errno == EINTR)
                    continue;
                break;
            }
            used += (size_t)n;
        }
        out[used] = '\0';
        close(pfd[0]);
    }
    status = wait_child(pid, 0);
    if (status == -1)
        return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static int lab_run(const char *cmd, char *out, size_t cap)
{
    char *argv[] = { "/bin/bash", (char *)lab_sh, (char *)cmd, lab.prefix,
                     NULL };

    return run(argv, out, cap);
}

static void lab_down(void)
{
    if (lab_is_up && getpid() == owner_pid) {
        lab_is_up = 0;
        lab_run("down", NULL, 0);
    }
}

static int env_value(const char *env, const char *key, char *out, size_t cap)
{
    size_t klen = strlen(key);
    const char *p = env;

    while (p != NULL && *p != '\0') {
        const char *eol = strchr(p, '\n');
        size_t llen = eol != NULL ? (size_t)(eol - p) : strlen(p);

        if (llen > klen && strncmp(p, key, klen) == 0 && p[klen] == '=') {
            size_t vlen = llen - klen - 1;

            if (vlen + 1 > cap)
                return -1;
            memcpy(out, p + klen + 1, vlen);
            out[vlen] = '\0';
            return 0;
        }
        p = eol != NULL ? eol + 1 : NULL;
    }
    return -1;
}

static int env_unsigned(const char *env, const char *key, unsigned *out)
{
    char text[32];
    char *end;
    unsigned long v;

    if (env_value(env, key, text, sizeof(text)) < 0)
        return -1;
    errno = 0;
    v = strtoul(text, &end, 10);
    if (errno != 0 || end == text || *end != '\0' || v > UINT_MAX)
        return -1;
    *out = (unsigned)v;
    return 0;
}

/* 0: the lab is up and described in `lab`; 77: skip (reason printed);
 * 1: failure. */
static int lab_up(void)
{
    char env[4096];
    int rc;

    snprintf(lab.prefix, sizeof(lab.prefix), "xl%ld", (long)getpid());
    lab_is_up = 1; /* from here on, exit removes it */
    rc = lab_run("up", NULL, 0);
    if (rc == 77) {
        lab_is_up = 0;
        printf("test_net: SKIP lab tests: %s up skipped (reason above)\n",
               lab_sh);
        return 77;
    }
    if (rc != 0) {
        fprintf(stderr, "test_net: %s up %s failed (status %d)\n", lab_sh,
                lab.prefix, rc);
        return 1;
    }
    if (lab_run("env", env, sizeof(env)) != 0 ||
        env_value(env, "LAB_A", lab.a, sizeof(lab.a)) < 0 ||
        env_value(env, "LAB_R", lab.r, sizeof(lab.r)) < 0 ||
        env_value(env, "LAB_B", lab.b, sizeof(lab.b)) < 0 ||
        env_value(env, "LAB_A_ADDR", lab.a_addr, sizeof(lab.a_addr)) < 0 ||
        env_value(env, "LAB_R_A_ADDR", lab.r_a_addr, sizeof(lab.r_a_addr)) < 0 ||
        env_value(env, "LAB_R_B_ADDR", lab.r_b_addr, sizeof(lab.r_b_addr)) < 0 ||
        env_value(env, "LAB_B_ADDR", lab.b_addr, sizeof(lab.b_addr)) < 0 ||
        env_unsigned(env, "LAB_A_IFINDEX", &lab.a_ifindex) < 0 ||
        env_unsigned(env, "LAB_B_IFINDEX", &lab.b_ifindex) < 0 ||
        env_unsigned(env, "LAB_MTU_AR", &lab.mtu_ar) < 0 ||
        env_unsigned(env, "LAB_MTU_RB", &lab.mtu_rb) < 0) {
        fprintf(stderr, "test_net: %s env %s: unexpected output:\n%s\n",
                lab_sh, lab.prefix, env);
        return 1;
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* Helpers                                                              */
/* ------------------------------------------------------------------ */

static ino_t own_netns_inode(void)
{
    struct stat st;

    ck_assert_int_eq(stat("/proc/thread-self/ns/net", &st), 0);
    return st.st_ino;
}

static int sock_in(const char *ns)
{
    int fd = xapi_socket_netns(ns, AF_INET6, SOCK_DGRAM, 0);

    ck_assert_msg(fd >= 0, "xapi_socket_netns(%s): %s", ns, strerror(errno));
    return fd;
}

static void set_int(int fd, int level, int name, int value)
{
    ck_assert_msg(xapi_setsockopt_int(fd, level, name, value) == 0,
                  "setsockopt(%d, %d, %d): %s", level, name, value,
                  strerror(errno));
}

/* 1 when fd reports any of events (POLLERR is always reported) within
 * ms milliseconds, 0 on timeout. */
static int wait_for(int fd, short events, int ms)
{
    struct pollfd p = { .fd = fd, .events = events, .revents = 0 };
    int rc;

    do {
        rc = poll(&p, 1, ms);
    } while (rc < 0 && errno == EINTR);
    ck_assert_int_ge(rc, 0);
    return rc;
}

/* Flushes A's route cache, so a path MTU learned by an earlier test (the
 * kernel keeps it for net.ipv6.route.mtu_expires, 10 minutes) is gone. */
static void flush_route_cache_in_a(void)
{
    char *argv[] = { "/bin/ip", "-n", lab.a, "-6", "route", "flush", "cache",
                     NULL };

    if (access(argv[0], X_OK) != 0)
        argv[0] = "/sbin/ip";
    ck_assert_int_eq(run(argv, NULL, 0), 0);
}

/* getsockopt(IPV6_PATHMTU) read as the kernel's struct, not via xapi.
 * RFC 3542 11.2 says ip6m_addr holds the destination; Linux fills only
 * the MTU and leaves the address zero (family 0, "::"), which is what is
 * asserted here. */
static unsigned raw_pathmtu(int fd)
{
    static const struct in6_addr any = IN6ADDR_ANY_INIT;
    struct ip6_mtuinfo mi;
    socklen_t len = sizeof(mi);

    memset(&mi, 0xff, sizeof(mi));
    ck_assert_int_eq(getsockopt(fd, IPPROTO_IPV6, IPV6_PATHMTU, &mi, &len), 0);
    ck_assert_uint_eq(len, sizeof(mi));
    ck_assert_int_eq(mi.ip6m_addr.sin6_family, 0);
    ck_assert_mem_eq(&mi.ip6m_addr.sin6_addr, &any, sizeof(any));
    return mi.ip6m_mtu;
}

struct rx {
    unsigned char data[2048];
    unsigned char control[512];
    struct iovec iov;
    xapi_msg m;
    char from[XAPI_ADDRSTRLEN];
    unsigned port;
};

/* Receives one message (flags: 0 or MSG_ERRQUEUE) without waiting. */
static ssize_t receive_now(int fd, int flags, struct rx *rx)
{
    ssize_t n;

    memset(rx, 0, sizeof(*rx));
    rx->iov.iov_base = rx->data;
    rx->iov.iov_len = sizeof(rx->data);
    rx->m.iov = &rx->iov;
    rx->m.iovlen = 1;
    rx->m.control = rx->control;
    rx->m.controllen = sizeof(rx->control);
    n = xapi_recvmsg(fd, &rx->m, flags | MSG_DONTWAIT);
    ck_assert_msg(n >= 0, "recvmsg: %s", strerror(errno));
    if (rx->m.addr.len > 0)
        ck_assert_int_eq(xapi_addr_format(&rx->m.addr, rx->from,
                                          sizeof(rx->from), &rx->port), 0);
    return n;
}

/* Receives one message (flags: 0 or MSG_ERRQUEUE) after waiting for it. */
static ssize_t receive(int fd, int flags, struct rx *rx)
{
    ck_assert_msg(wait_for(fd, flags & MSG_ERRQUEUE ? 0 : POLLIN, WAIT_MS),
                  "nothing to receive within %d ms", WAIT_MS);
    return receive_now(fd, flags, rx);
}

/* The payload of the one item (level, type) in rx; fails the test if it
 * is missing. */
static xapi_cmsg find_item(const struct rx *rx, int level, int type)
{
    xapi_cmsg_iter it;
    xapi_cmsg c;
    int rc;

    xapi_cmsg_iter_init(&it, rx->control, rx->m.controllen);
    while ((rc = xapi_cmsg_next(&it, &c)) == 1) {
        if (c.level == level && c.type == type)
            return c;
    }
    ck_abort_msg("no item level %d type %d (walk ended with %d)", level,
                 type, rc);
    return c; /* not reached */
}

static ssize_t send_to_b(int fd, const void *buf, size_t len,
                         const void *control, size_t controllen)
{
    struct iovec iov = { .iov_base = (void *)buf, .iov_len = len };
    xapi_msg m;

    memset(&m, 0, sizeof(m));
    ck_assert_int_eq(xapi_addr_parse(&m.addr, AF_INET6, lab.b_addr, PORT, NULL), 0);
    m.iov = &iov;
    m.iovlen = 1;
    m.control = (void *)control;
    m.controllen = controllen;
    return xapi_sendmsg(fd, &m, 0);
}

static int lab_missing(void)
{
    if (lab_is_up)
        return 0;
    printf("test_net: SKIP %s: needs the lab (root)\n", tcase_name());
    return 1;
}

/* ------------------------------------------------------------------ */
/* (a) hop limit, traffic class and packet info across R               */
/* ------------------------------------------------------------------ */

START_TEST(forward_hoplimit_tclass_pktinfo)
{
    static const char payload[] = "across the router";
    unsigned char control[128];
    size_t used = 0;
    int hoplimit = 10, tclass = 0xb8; /* DSCP EF (46), ECN 0 */
    struct rx rx;
    xapi_cmsg c;
    xapi_value v;
    ssize_t n;
    int a, b;

    if (lab_missing())
        return;
    b = sock_in(lab.b);
    set_int(b, IPPROTO_IPV6, IPV6_RECVHOPLIMIT, 1);
    set_int(b, IPPROTO_IPV6, IPV6_RECVTCLASS, 1);
    set_int(b, IPPROTO_IPV6, IPV6_RECVPKTINFO, 1);
    ck_assert_int_eq(xapi_bind(b, "::", PORT, NULL), 0);
    a = sock_in(lab.a);

    ck_assert_int_eq(xapi_cmsg_append(control, sizeof(control), &used,
                                      IPPROTO_IPV6, IPV6_HOPLIMIT, &hoplimit,
                                      sizeof(hoplimit)), 0);
    ck_assert_int_eq(xapi_cmsg_append(control, sizeof(control), &used,
                                      IPPROTO_IPV6, IPV6_TCLASS, &tclass,
                                      sizeof(tclass)), 0);
    n = send_to_b(a, payload, sizeof(payload), control, used);
    ck_assert_msg(n == (ssize_t)sizeof(payload), "send: %s", strerror(errno));

    n = receive(b, 0, &rx);
    ck_assert_int_eq(n, sizeof(payload));
    ck_assert_mem_eq(rx.data, payload, sizeof(payload));
    ck_assert_str_eq(rx.from, lab.a_addr);

    /* RFC 8200 3: R forwarded it once, so one less than A sent. */
    c = find_item(&rx, IPPROTO_IPV6, IPV6_HOPLIMIT);
    ck_assert_int_eq(xapi_cmsg_decode(&c, &v), 0);
    ck_assert_int_eq(v.i, hoplimit - 1);
    /* Routers forward the traffic class unchanged (no DSCP rewriting
     * configured in R, and ECN was 0). */
    c = find_item(&rx, IPPROTO_IPV6, IPV6_TCLASS);
    ck_assert_int_eq(xapi_cmsg_decode(&c, &v), 0);
    ck_assert_int_eq(v.i, tclass);
    /* B's own address and the index ip(8) reports for b-r inside B. */
    c = find_item(&rx, IPPROTO_IPV6, IPV6_PKTINFO);
    ck_assert_int_eq(xapi_cmsg_decode(&c, &v), 0);
    ck_assert_str_eq(v.pktinfo.addr, lab.b_addr);
    ck_assert_uint_eq(v.pktinfo.ifindex, lab.b_ifindex);

    xapi_close(a);
    xapi_close(b);
}
END_TEST

/* ------------------------------------------------------------------ */
/* (b) hop limit 1: Time Exceeded from R, read from the error queue     */
/* ------------------------------------------------------------------ */

START_TEST(time_exceeded_in_error_queue)
{
    static const char payload[] = "expires at R";
    unsigned char control[64];
    size_t used = 0;
    int hoplimit = 1;
    xapi_sock_err e;
    struct rx rx;
    xapi_cmsg c;
    ssize_t n;
    int a, b;

    if (lab_missing())
        return;
    b = sock_in(lab.b);
    ck_assert_int_eq(xapi_bind(b, "::", PORT, NULL), 0);
    a = sock_in(lab.a);
    set_int(a, IPPROTO_IPV6, IPV6_RECVERR, 1);

    ck_assert_int_eq(xapi_cmsg_append(control, sizeof(control), &used,
                                      IPPROTO_IPV6, IPV6_HOPLIMIT, &hoplimit,
                                      sizeof(hoplimit)), 0);
    n = send_to_b(a, payload, sizeof(payload), control, used);
    ck_assert_int_eq(n, sizeof(payload));

    /* ipv6(7): the error is queued, the socket reports POLLERR, and
     * MSG_ERRQUEUE returns the failed datagram's payload, its original
     * destination as the address, and one IPV6_RECVERR item. */
    n = receive(a, MSG_ERRQUEUE, &rx);
    ck_assert_int_eq(n, sizeof(payload));
    ck_assert_mem_eq(rx.data, payload, sizeof(payload));
    ck_assert(rx.m.flags & MSG_ERRQUEUE);
    ck_assert_str_eq(rx.from, lab.b_addr);
    ck_assert_uint_eq(rx.port, PORT);

    c = find_item(&rx, IPPROTO_IPV6, IPV6_RECVERR);
    ck_assert_int_eq(xapi_decode_sock_err(c.data, c.len, &e), 0);
    /* RFC 4443 3.3: Time Exceeded (3), code 0 "hop limit exceeded in
     * transit", sent by R from the interface facing A; the kernel maps it
     * to EHOSTUNREACH (icmpv6_err_convert). */
    ck_assert_int_eq(e.ee_errno, EHOSTUNREACH);
    ck_assert_int_eq(e.origin, SO_EE_ORIGIN_ICMP6);
    ck_assert_int_eq(e.type, ICMP6_TIME_EXCEEDED);
    ck_assert_int_eq(e.code, ICMP6_TIME_EXCEED_TRANSIT);
    ck_assert_uint_eq(e.info, 0);
    ck_assert_int_eq(e.has_offender, 1);
    ck_assert_str_eq(e.offender, lab.r_a_addr);

    /* It never reached B. */
    ck_assert_int_eq(wait_for(b, POLLIN, 200), 0);

    xapi_close(a);
    xapi_close(b);
}
END_TEST

/* ------------------------------------------------------------------ */
/* (c) path MTU: 1500 on A's link, 1280 on R<->B                        */
/* ------------------------------------------------------------------ */

/*
 * What Linux does (observed on this lab, kernel 6.x, and matching
 * RFC 8201 and RFC 3542 section 11), for a connected UDP socket in A with
 * IPV6_DONTFRAG=1, IPV6_RECVPATHMTU=1 and IPV6_RECVERR=1:
 *  1. Before anything is learned, the path MTU is A's link MTU, 1500.
 *  2. A 1400-byte datagram (1448 bytes on the wire) fits A's link, so the
 *     first send succeeds.  R cannot forward it onto the 1280 link and
 *     returns Packet Too Big (type 2, code 0, MTU 1280) from its A-side
 *     address.  A's kernel records path MTU 1280 for B and queues the
 *     error: EMSGSIZE, origin ICMP6, ee_info 1280, offender R, with the
 *     first 1184 bytes of the payload (what R's 1280-byte ICMPv6 message
 *     could quote).
 *  3. getsockopt(IPV6_PATHMTU) now says 1280 (its address part is left
 *     zero by Linux, unlike RFC 3542's description).
 *  4. The next 1400-byte send fails at once with EMSGSIZE (DONTFRAG:
 *     never fragment locally), and that failure is reported twice more:
 *     a locally generated error in the queue (origin LOCAL, EMSGSIZE,
 *     ee_info 1280, no offender: family AF_UNSPEC), and an IPV6_PATHMTU
 *     item (struct ip6_mtuinfo, MTU 1280, address B) on the next ordinary
 *     recvmsg, which returns 0 bytes from B with port 0.  That notice
 *     does not make the socket readable for poll(2): a program that
 *     waits for POLLIN before reading would never see it.
 *  5. 1232 bytes (1232 + 8 + 40 = 1280) are sent and arrive; 1233 fail.
 * Without IPV6_RECVERR (second test) step 2 leaves EMSGSIZE as the
 * socket's pending error instead (a connected socket, path MTU discovery
 * not disabled): the next recv returns -1 EMSGSIZE once, and the error
 * queue stays empty; steps 3 to 5 are the same.
 */
static int pmtu_socket(int recverr)
{
    int a = sock_in(lab.a);

    set_int(a, IPPROTO_IPV6, IPV6_DONTFRAG, 1);
    set_int(a, IPPROTO_IPV6, IPV6_RECVPATHMTU, 1);
    if (recverr)
        set_int(a, IPPROTO_IPV6, IPV6_RECVERR, 1);
    ck_assert_int_eq(xapi_connect(a, lab.b_addr, PORT, NULL), 0);
    return a;
}

static void pmtu_after_learning(int a, int b, int recverr)
{
    static unsigned char big[1400], fits[1232];
    const size_t over = sizeof(fits) + 1;
    char addr[INET6_ADDRSTRLEN];
    xapi_sock_err e;
    xapi_cmsg c;
    struct ip6_mtuinfo mi;
    struct rx rx;

    /* 3 */
    ck_assert_uint_eq(raw_pathmtu(a), lab.mtu_rb);

    /* 4 */
    errno = 0;
    ck_assert_int_eq(send(a, big, sizeof(big), 0), -1);
    ck_assert_int_eq(errno, EMSGSIZE);
    if (recverr) {
        receive(a, MSG_ERRQUEUE, &rx);
        c = find_item(&rx, IPPROTO_IPV6, IPV6_RECVERR);
        ck_assert_int_eq(xapi_decode_sock_err(c.data, c.len, &e), 0);
        ck_assert_int_eq(e.ee_errno, EMSGSIZE);
        ck_assert_int_eq(e.origin, SO_EE_ORIGIN_LOCAL);
        ck_assert_int_eq(e.type, 0);
        ck_assert_int_eq(e.code, 0);
        ck_assert_uint_eq(e.info, lab.mtu_rb);
        ck_assert_int_eq(e.has_offender, 0);
        ck_assert_str_eq(e.offender, "");
    }
    /* The IPV6_PATHMTU notice is kept aside, not queued as data: poll
     * does not report the socket readable for it, but recvmsg returns it
     * at once. */
    ck_assert_int_eq(wait_for(a, POLLIN, 0), 0);
    ck_assert_int_eq(receive_now(a, 0, &rx), 0);
    ck_assert_str_eq(rx.from, lab.b_addr);
    ck_assert_uint_eq(rx.port, 0);
    c = find_item(&rx, IPPROTO_IPV6, IPV6_PATHMTU);
    ck_assert_uint_eq(c.len, sizeof(mi));
    memcpy(&mi, c.data, sizeof(mi));
    ck_assert_uint_eq(mi.ip6m_mtu, lab.mtu_rb);
    ck_assert_int_eq(mi.ip6m_addr.sin6_family, AF_INET6);
    ck_assert_ptr_nonnull(inet_ntop(AF_INET6, &mi.ip6m_addr.sin6_addr, addr,
                                    sizeof(addr)));
    ck_assert_str_eq(addr, lab.b_addr);

    /* 5 */
    ck_assert_int_eq(send(a, fits, sizeof(fits), 0), sizeof(fits));
    ck_assert_int_eq(receive(b, 0, &rx), sizeof(fits));
    errno = 0;
    ck_assert_int_eq(send(a, big, over, 0), -1);
    ck_assert_int_eq(errno, EMSGSIZE);
}

START_TEST(path_mtu_with_recverr)
{
    static unsigned char big[1400];
    /* RFC 4443 2.4 (c): R quotes as much of the packet as fits in an
     * ICMPv6 message of the minimum MTU, 1280 bytes: 1280 - 40 (outer
     * IPv6) - 8 (ICMPv6) - 40 (inner IPv6) - 8 (UDP) bytes of payload come
     * back, not all 1400. */
    const size_t quoted = 1280 - 40 - 8 - 40 - 8;
    xapi_sock_err e;
    struct rx rx;
    xapi_cmsg c;
    int a, b;

    if (lab_missing())
        return;
    memset(big, 'x', sizeof(big));
    flush_route_cache_in_a();
    b = sock_in(lab.b);
    ck_assert_int_eq(xapi_bind(b, "::", PORT, NULL), 0);
    a = pmtu_socket(1);

    /* 1 */
    ck_assert_uint_eq(raw_pathmtu(a), lab.mtu_ar);
    /* 2 */
    ck_assert_int_eq(send(a, big, sizeof(big), 0), sizeof(big));
    ck_assert_int_eq(receive(a, MSG_ERRQUEUE, &rx), quoted);
    ck_assert_mem_eq(rx.data, big, quoted);
    c = find_item(&rx, IPPROTO_IPV6, IPV6_RECVERR);
    ck_assert_int_eq(xapi_decode_sock_err(c.data, c.len, &e), 0);
    ck_assert_int_eq(e.ee_errno, EMSGSIZE);
    ck_assert_int_eq(e.origin, SO_EE_ORIGIN_ICMP6);
    ck_assert_int_eq(e.type, ICMP6_PACKET_TOO_BIG);
    ck_assert_int_eq(e.code, 0);
    ck_assert_uint_eq(e.info, lab.mtu_rb);
    ck_assert_int_eq(e.has_offender, 1);
    ck_assert_str_eq(e.offender, lab.r_a_addr);
    ck_assert_int_eq(wait_for(b, POLLIN, 200), 0); /* dropped at R */

    pmtu_after_learning(a, b, 1);
    xapi_close(a);
    xapi_close(b);
}
END_TEST

START_TEST(path_mtu_without_recverr)
{
    static unsigned char big[1400];
    unsigned char buf[16];
    int a, b;

    if (lab_missing())
        return;
    flush_route_cache_in_a();
    b = sock_in(lab.b);
    ck_assert_int_eq(xapi_bind(b, "::", PORT, NULL), 0);
    a = pmtu_socket(0);

    ck_assert_uint_eq(raw_pathmtu(a), lab.mtu_ar);
    ck_assert_int_eq(send(a, big, sizeof(big), 0), sizeof(big));
    /* The Packet Too Big becomes the pending error: POLLERR, then one
     * recv fails with it (and clears it); nothing is queued. */
    ck_assert_int_eq(wait_for(a, 0, WAIT_MS), 1);
    errno = 0;
    ck_assert_int_eq(recv(a, buf, sizeof(buf), MSG_DONTWAIT), -1);
    ck_assert_int_eq(errno, EMSGSIZE);
    errno = 0;
    ck_assert_int_eq(recv(a, buf, sizeof(buf), MSG_ERRQUEUE | MSG_DONTWAIT),
                     -1);
    ck_assert_int_eq(errno, EAGAIN);

    pmtu_after_learning(a, b, 0);
    xapi_close(a);
    xapi_close(b);
}
END_TEST

/* ------------------------------------------------------------------ */
/* (d) namespaces themselves                                            */
/* ------------------------------------------------------------------ */

START_TEST(netns_missing_is_enoent)
{
    char name[64];
    ino_t before;

    if (lab_missing())
        return;
    before = own_netns_inode();
    snprintf(name, sizeof(name), "%s-none", lab.prefix);
    errno = 0;
    ck_assert_int_eq(xapi_socket_netns(name, AF_INET6, SOCK_DGRAM, 0), -1);
    ck_assert_int_eq(errno, ENOENT);
    ck_assert_uint_eq(own_netns_inode(), before);

    errno = 0;
    ck_assert_int_eq(xapi_socket_netns("/run/netns/no/such", AF_INET6,
                                       SOCK_DGRAM, 0), -1);
    ck_assert_int_eq(errno, ENOENT);
    ck_assert_uint_eq(own_netns_inode(), before);
}
END_TEST

START_TEST(netns_bad_arguments)
{
    ino_t before;

    if (lab_missing())
        return;
    before = own_netns_inode();
    errno = 0;
    ck_assert_int_eq(xapi_socket_netns(NULL, AF_INET6, SOCK_DGRAM, 0), -1);
    ck_assert_int_eq(errno, EINVAL);
    errno = 0;
    ck_assert_int_eq(xapi_socket_netns("", AF_INET6, SOCK_DGRAM, 0), -1);
    ck_assert_int_eq(errno, EINVAL);
    errno = 0;
    ck_assert_int_eq(xapi_socket_netns("..", AF_INET6, SOCK_DGRAM, 0), -1);
    ck_assert_int_eq(errno, EINVAL);
    /* setns(2): a file that is not a namespace, and a namespace of
     * another kind, are EINVAL. */
    errno = 0;
    ck_assert_int_eq(xapi_socket_netns("/dev/null", AF_INET6, SOCK_DGRAM, 0),
                     -1);
    ck_assert_int_eq(errno, EINVAL);
    errno = 0;
    ck_assert_int_eq(xapi_socket_netns("/proc/self/ns/uts", AF_INET6,
                                       SOCK_DGRAM, 0), -1);
    ck_assert_int_eq(errno, EINVAL);
    ck_assert_uint_eq(own_netns_inode(), before);
    /* socket(2) failing inside the target still brings the thread back. */
    errno = 0;
    ck_assert_int_eq(xapi_socket_netns(lab.b, AF_INET6, SOCK_DGRAM,
                                       IPPROTO_TCP), -1);
    ck_assert_int_eq(errno, EPROTONOSUPPORT);
    ck_assert_uint_eq(own_netns_inode(), before);
}
END_TEST

START_TEST(netns_socket_stays_in_its_namespace)
{
    char path[128];
    ino_t before;
    int inb, inb2, here, fd;

    if (lab_missing())
        return;
    before = own_netns_inode();
    /* B's address exists only in B: binding it works for a socket made
     * there and fails (EADDRNOTAVAIL) for one made in our own namespace,
     * after the switch back. */
    inb = sock_in(lab.b);
    ck_assert_uint_eq(own_netns_inode(), before);
    ck_assert_int_eq(xapi_bind(inb, lab.b_addr, 0, NULL), 0);
    here = xapi_socket(AF_INET6, SOCK_DGRAM, 0);
    ck_assert_int_ge(here, 0);
    errno = 0;
    ck_assert_int_eq(xapi_bind(here, lab.b_addr, 0, NULL), -1);
    ck_assert_int_eq(errno, EADDRNOTAVAIL);

    /* The path form names the same namespace. */
    snprintf(path, sizeof(path), "/run/netns/%s", lab.b);
    inb2 = xapi_socket_netns(path, AF_INET6, SOCK_DGRAM, 0);
    ck_assert_int_ge(inb2, 0);
    ck_assert_int_eq(xapi_bind(inb2, lab.b_addr, 0, NULL), 0);
    ck_assert_uint_eq(own_netns_inode(), before);

    /* Our own namespace by path: no switch, a plain socket, close-on-exec
     * like every xapi socket. */
    fd = xapi_socket_netns("/proc/thread-self/ns/net", AF_INET6, SOCK_DGRAM,
                           0);
    ck_assert_int_ge(fd, 0);
    ck_assert(fcntl(fd, F_GETFD) & FD_CLOEXEC);
    ck_assert(fcntl(inb, F_GETFD) & FD_CLOEXEC);

    xapi_close(fd);
    xapi_close(inb2);
    xapi_close(here);
    xapi_close(inb);
}
END_TEST

/* ------------------------------------------------------------------ */
/* The lab's promise: R forwards an SRH with segments [R, B]            */
/* ------------------------------------------------------------------ */

START_TEST(srh_through_r)
{
    static const char payload[] = "segment routed";
    /* RFC 8754 2: Next Header (filled by the kernel), Hdr Ext Len 4
     * (two segments: (8 + 32) / 8 - 1), Routing Type 4, Segments Left 1,
     * Last Entry 1, Flags 0, Tag 0, then the list in reverse: [0] the
     * final segment (B; the kernel puts the send destination there) and
     * [1] the first one (R). */
    unsigned char srh[8 + 2 * 16];
    unsigned char control[128];
    size_t used = 0;
    struct rx rx;
    xapi_cmsg c;
    int a, b;

    if (lab_missing())
        return;
    memset(srh, 0, sizeof(srh));
    srh[1] = 4;
    srh[2] = 4;
    srh[3] = 1;
    srh[4] = 1;
    ck_assert_int_eq(inet_pton(AF_INET6, lab.b_addr, srh + 8), 1);
    ck_assert_int_eq(inet_pton(AF_INET6, lab.r_a_addr, srh + 24), 1);

    b = sock_in(lab.b);
    set_int(b, IPPROTO_IPV6, IPV6_RECVRTHDR, 1);
    ck_assert_int_eq(xapi_bind(b, "::", PORT, NULL), 0);
    a = sock_in(lab.a);
    /* Linux takes an SRH only as the sticky option: as an ancillary item
     * it accepts no routing type but 2 (net/ipv6/datagram.c), EINVAL. */
    ck_assert_int_eq(xapi_cmsg_append(control, sizeof(control), &used,
                                      IPPROTO_IPV6, IPV6_RTHDR, srh,
                                      sizeof(srh)), 0);
    errno = 0;
    ck_assert_int_eq(send_to_b(a, payload, sizeof(payload), control, used),
                     -1);
    ck_assert_int_eq(errno, EINVAL);
    ck_assert_int_eq(xapi_setsockopt_bytes(a, IPPROTO_IPV6, IPV6_RTHDR, srh,
                                           sizeof(srh)), 0);
    ck_assert_int_eq(send_to_b(a, payload, sizeof(payload), NULL, 0),
                     sizeof(payload));

    ck_assert_int_eq(receive(b, 0, &rx), sizeof(payload));
    ck_assert_mem_eq(rx.data, payload, sizeof(payload));
    ck_assert_str_eq(rx.from, lab.a_addr);
    /* B sees the header R processed: Segments Left 0, same list, and
     * Next Header filled in by A's kernel (UDP). */
    c = find_item(&rx, IPPROTO_IPV6, IPV6_RTHDR);
    ck_assert_uint_eq(c.len, sizeof(srh));
    ck_assert_uint_eq(c.data[0], IPPROTO_UDP);
    ck_assert_uint_eq(c.data[1], 4);
    ck_assert_uint_eq(c.data[2], 4);
    ck_assert_uint_eq(c.data[3], 0);
    ck_assert_mem_eq(c.data + 8, srh + 8, 32);

    xapi_close(a);
    xapi_close(b);
}
END_TEST

/* ------------------------------------------------------------------ */
/* The decoder on hand-made bytes (no root needed)                      */
/* ------------------------------------------------------------------ */

START_TEST(decode_icmp6_with_offender)
{
    struct {
        struct sock_extended_err ee;
        struct sockaddr_in6 off;
    } item;
    unsigned char shifted[1 + sizeof(item)];
    xapi_sock_err e;

    memset(&item, 0, sizeof(item));
    item.ee.ee_errno = EMSGSIZE;
    item.ee.ee_origin = SO_EE_ORIGIN_ICMP6;
    item.ee.ee_type = 2;
    item.ee.ee_code = 0;
    item.ee.ee_info = 1280;
    item.ee.ee_data = 7;
    item.off.sin6_family = AF_INET6;
    ck_assert_int_eq(inet_pton(AF_INET6, "2001:db8:1::1",
                               &item.off.sin6_addr), 1);
    /* Unaligned on purpose. */
    memcpy(shifted + 1, &item, sizeof(item));
    ck_assert_int_eq(xapi_decode_sock_err(shifted + 1, sizeof(item), &e), 0);
    ck_assert_int_eq(e.ee_errno, EMSGSIZE);
    ck_assert_int_eq(e.origin, SO_EE_ORIGIN_ICMP6);
    ck_assert_int_eq(e.type, 2);
    ck_assert_int_eq(e.code, 0);
    ck_assert_int_eq(e.pad, 0);
    ck_assert_uint_eq(e.info, 1280);
    ck_assert_uint_eq(e.data, 7);
    ck_assert_int_eq(e.has_offender, 1);
    ck_assert_str_eq(e.offender, "2001:db8:1::1");

    /* One byte short of the whole sockaddr_in6: no offender, still 0. */
    ck_assert_int_eq(xapi_decode_sock_err(&item, sizeof(item) - 1, &e), 0);
    ck_assert_int_eq(e.has_offender, 0);
    ck_assert_str_eq(e.offender, "");
    ck_assert_uint_eq(e.info, 1280);
}
END_TEST

START_TEST(decode_ipv4_and_no_offender)
{
    struct {
        struct sock_extended_err ee;
        struct sockaddr_in off;
    } item4;
    struct sock_extended_err ee;
    xapi_sock_err e;

    memset(&item4, 0, sizeof(item4));
    item4.ee.ee_errno = ECONNREFUSED;
    item4.ee.ee_origin = SO_EE_ORIGIN_ICMP;
    item4.ee.ee_type = 3;
    item4.ee.ee_code = 3;
    item4.off.sin_family = AF_INET;
    ck_assert_int_eq(inet_pton(AF_INET, "192.0.2.1", &item4.off.sin_addr), 1);
    ck_assert_int_eq(xapi_decode_sock_err(&item4, sizeof(item4), &e), 0);
    ck_assert_int_eq(e.ee_errno, ECONNREFUSED);
    ck_assert_int_eq(e.origin, SO_EE_ORIGIN_ICMP);
    ck_assert_int_eq(e.has_offender, 1);
    ck_assert_str_eq(e.offender, "192.0.2.1");

    /* AF_UNSPEC, as the kernel leaves it for local errors. */
    item4.off.sin_family = AF_UNSPEC;
    ck_assert_int_eq(xapi_decode_sock_err(&item4, sizeof(item4), &e), 0);
    ck_assert_int_eq(e.has_offender, 0);
    /* A family that is neither: ignored, not trusted. */
    item4.off.sin_family = AF_UNIX;
    ck_assert_int_eq(xapi_decode_sock_err(&item4, sizeof(item4), &e), 0);
    ck_assert_int_eq(e.has_offender, 0);

    /* The bare struct, nothing after it. */
    memset(&ee, 0, sizeof(ee));
    ee.ee_errno = EMSGSIZE;
    ee.ee_origin = SO_EE_ORIGIN_LOCAL;
    ee.ee_info = 1280;
    ck_assert_int_eq(xapi_decode_sock_err(&ee, sizeof(ee), &e), 0);
    ck_assert_int_eq(e.origin, SO_EE_ORIGIN_LOCAL);
    ck_assert_int_eq(e.has_offender, 0);
}
END_TEST

START_TEST(decode_rejects_short_and_null)
{
    unsigned char buf[sizeof(struct sock_extended_err)];
    xapi_sock_err e;

    memset(buf, 0, sizeof(buf));
    ck_assert_uint_eq(sizeof(buf), 16); /* the kernel ABI */
    errno = 0;
    ck_assert_int_eq(xapi_decode_sock_err(buf, sizeof(buf) - 1, &e), -1);
    ck_assert_int_eq(errno, EINVAL);
    errno = 0;
    ck_assert_int_eq(xapi_decode_sock_err(NULL, sizeof(buf), &e), -1);
    ck_assert_int_eq(errno, EINVAL);
    errno = 0;
    ck_assert_int_eq(xapi_decode_sock_err(buf, sizeof(buf), NULL), -1);
    ck_assert_int_eq(errno, EINVAL);
    errno = 0;
    ck_assert_int_eq(xapi_decode_sock_err(buf, 0, &e), -1);
    ck_assert_int_eq(errno, EINVAL);
}
END_TEST

/* The typed views of xapi_cmsg_decode for the error queue's item and the
 * path MTU notice, from hand-made items in a control buffer (RFC 3542
 * 11.3 for struct ip6_mtuinfo, <linux/errqueue.h> for the error). */
START_TEST(decode_typed_views)
{
    struct {
        struct sock_extended_err ee;
        struct sockaddr_in6 off;
    } err;
    struct ip6_mtuinfo mi;
    unsigned char control[256];
    size_t used = 0;
    xapi_cmsg_iter it;
    xapi_cmsg c;
    xapi_value v;

    memset(&err, 0, sizeof(err));
    err.ee.ee_errno = EHOSTUNREACH;
    err.ee.ee_origin = SO_EE_ORIGIN_ICMP6;
    err.ee.ee_type = ICMP6_TIME_EXCEEDED;
    err.ee.ee_code = ICMP6_TIME_EXCEED_TRANSIT;
    err.off.sin6_family = AF_INET6;
    ck_assert_int_eq(inet_pton(AF_INET6, "2001:db8:1::1",
                               &err.off.sin6_addr), 1);
    memset(&mi, 0, sizeof(mi));
    mi.ip6m_mtu = 1280;
    mi.ip6m_addr.sin6_family = AF_INET6;
    mi.ip6m_addr.sin6_scope_id = 32;
    ck_assert_int_eq(inet_pton(AF_INET6, "2001:db8:2::2",
                               &mi.ip6m_addr.sin6_addr), 1);
    ck_assert_int_eq(xapi_cmsg_append(control, sizeof(control), &used,
                                      IPPROTO_IPV6, IPV6_RECVERR, &err,
                                      sizeof(err)), 0);
    ck_assert_int_eq(xapi_cmsg_append(control, sizeof(control), &used,
                                      IPPROTO_IPV6, IPV6_PATHMTU, &mi,
                                      sizeof(mi)), 0);
    /* One byte short: a known item that does not decode. */
    ck_assert_int_eq(xapi_cmsg_append(control, sizeof(control), &used,
                                      IPPROTO_IPV6, IPV6_PATHMTU, &mi,
                                      sizeof(mi) - 1), 0);

    xapi_cmsg_iter_init(&it, control, used);
    ck_assert_int_eq(xapi_cmsg_next(&it, &c), 1);
    ck_assert_int_eq(xapi_cmsg_decode(&c, &v), 0);
    ck_assert_int_eq(v.kind, XAPI_VALUE_SOCK_ERR);
    ck_assert_str_eq(v.name, "sock_err");
    ck_assert_int_eq(v.sock_err.ee_errno, EHOSTUNREACH);
    ck_assert_int_eq(v.sock_err.origin, SO_EE_ORIGIN_ICMP6);
    ck_assert_int_eq(v.sock_err.type, 3);
    ck_assert_int_eq(v.sock_err.code, 0);
    ck_assert_int_eq(v.sock_err.has_offender, 1);
    ck_assert_str_eq(v.sock_err.offender, "2001:db8:1::1");

    ck_assert_int_eq(xapi_cmsg_next(&it, &c), 1);
    ck_assert_int_eq(xapi_cmsg_decode(&c, &v), 0);
    ck_assert_int_eq(v.kind, XAPI_VALUE_MTUINFO);
    ck_assert_str_eq(v.name, "pathmtu");
    ck_assert_uint_eq(v.mtuinfo.mtu, 1280);
    ck_assert_uint_eq(v.mtuinfo.ifindex, 32);
    ck_assert_str_eq(v.mtuinfo.addr, "2001:db8:2::2");

    ck_assert_int_eq(xapi_cmsg_next(&it, &c), 1);
    errno = 0;
    ck_assert_int_eq(xapi_cmsg_decode(&c, &v), -1);
    ck_assert_int_eq(errno, EINVAL);
    ck_assert_int_eq(xapi_cmsg_next(&it, &c), 0);
}
END_TEST

static Suite *net_suite(void)
{
    Suite *s = suite_create("net");
    TCase *tc;

    tc = tcase_create("sock_err_decoder");
    tcase_add_test(tc, decode_icmp6_with_offender);
    tcase_add_test(tc, decode_ipv4_and_no_offender);
    tcase_add_test(tc, decode_rejects_short_and_null);
    tcase_add_test(tc, decode_typed_views);
    suite_add_tcase(s, tc);

    /* Each lab test is its own TCase so that a skip prints which one. */
    tc = tcase_create("lab_forward");
    tcase_add_test(tc, forward_hoplimit_tclass_pktinfo);
    suite_add_tcase(s, tc);
    tc = tcase_create("lab_time_exceeded");
    tcase_add_test(tc, time_exceeded_in_error_queue);
    suite_add_tcase(s, tc);
    tc = tcase_create("lab_path_mtu");
    tcase_set_timeout(tc, 20);
    tcase_add_test(tc, path_mtu_with_recverr);
    tcase_add_test(tc, path_mtu_without_recverr);
    suite_add_tcase(s, tc);
    tc = tcase_create("lab_srh");
    tcase_add_test(tc, srh_through_r);
    suite_add_tcase(s, tc);
    tc = tcase_create("netns");
    tcase_add_test(tc, netns_missing_is_enoent);
    tcase_add_test(tc, netns_bad_arguments);
    tcase_add_test(tc, netns_socket_stays_in_its_namespace);
    suite_add_tcase(s, tc);
    return s;
}

/* The suite, in the child: exit status 0, 1 (a failure) or 77 (the lab
 * tests were skipped and everything that ran passed). */
static int run_suite(int lab_rc)
{
    SRunner *sr = srunner_create(net_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    if (failed != 0)
        return EXIT_FAILURE;
    /* The lab tests returned early without asserting anything: report
     * SKIP, not PASS, when only the decoder tests really ran. */
    return lab_rc == 77 ? 77 : EXIT_SUCCESS;
}

static int die_of_pending_signal(void)
{
    int sig = pending_sig;

    lab_down();
    signal(sig, SIG_DFL);
    raise(sig);
    return 128 + sig; /* if the signal is blocked or ignored */
}

int main(void)
{
    struct sigaction sa;
    int lab_rc, status;
    pid_t pid;
    const char *override = getenv("XAPI_LAB_SH");

    owner_pid = getpid();
    if (override != NULL && override[0] != '\0')
        lab_sh = override;
    setvbuf(stdout, NULL, _IOLBF, 0);

    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    atexit(lab_down);

    if (geteuid() != 0) {
        printf("test_net: SKIP lab tests: not root (network namespaces, "
               "veth and setns need CAP_SYS_ADMIN)\n");
        lab_rc = 77;
    } else {
        lab_rc = lab_up();
        if (pending_sig != 0)
            return die_of_pending_signal();
        if (lab_rc == 1)
            return EXIT_FAILURE; /* atexit removes what was built */
    }

    fflush(NULL);
    pid = fork();
    if (pid < 0) {
        perror("test_net: fork");
        return EXIT_FAILURE;
    }
    if (pid == 0) {
        setpgid(0, 0);
        signal(SIGINT, SIG_DFL);
        signal(SIGTERM, SIG_DFL);
        signal(SIGHUP, SIG_DFL);
        exit(run_suite(lab_rc));
    }
    setpgid(pid, pid); /* both sides, so neither order races */
    status = wait_child(pid, 1);
    lab_down();
    if (pending_sig != 0)
        return die_of_pending_signal();
    if (status == -1 || !WIFEXITED(status)) {
        fprintf(stderr, "test_net: the suite died (status %d)\n", status);
        return EXIT_FAILURE;
    }
    return WEXITSTATUS(status);
}
