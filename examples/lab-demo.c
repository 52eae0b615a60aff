/*
 * lab-demo.c - what a router does to a datagram, shown in plain words on
 * the three-namespace lab of tests/lab/lab.sh (docs/lab.md):
 *
 *   A 2001:db8:1::2 ---- R (forwarding) ---- B 2001:db8:2::2
 *          MTU 1500                 MTU 1280
 *
 *   usage: lab-demo PREFIX     (the lab must be up: lab.sh up PREFIX)
 *
 * One process holds sockets in A and in B at once (xapi_socket_netns) and
 * follows four datagrams: a hop limit that R decrements, a Segment Routing
 * Header that R acts on, a hop limit of 1 that R answers with Time
 * Exceeded, and a datagram too big for the R-B link that R answers with
 * Packet Too Big.  Needs root (namespaces), like the lab itself.
 */
#include "c/example.h"

#include <arpa/inet.h>
#include <netinet/icmp6.h>

#define PROG "lab-demo"
#define A_ADDR "2001:db8:1::2"
#define R_ADDR "2001:db8:1::1"
#define B_ADDR "2001:db8:2::2"
#define WAIT_MS 3000

struct received {
    size_t len;
    int hoplimit, tclass;
    xapi_pktinfo pktinfo;
    int have_pktinfo;
    xapi_srh_info srh;
    int have_srh;
    xapi_sock_err err;
    int have_err;
    xapi_mtuinfo mtu;
    int have_mtu;
};

static int sock_in(const char *prefix, char node, int type, int proto)
{
    char ns[64];

    snprintf(ns, sizeof(ns), "%s-%c", prefix, node);
    return xapi_socket_netns(ns, AF_INET6, type, proto);
}

static int send_to(int fd, const char *host, unsigned port, size_t len,
                   int hoplimit, int tclass)
{
    static unsigned char data[1400];
    union {
        struct cmsghdr align;
        unsigned char buf[128];
    } control;
    unsigned char payload[sizeof(int)];
    size_t used = 0, plen;
    xapi_addr to;

    memset(data, 'x', sizeof(data));
    if (hoplimit >= 0 &&
        (xapi_encode_int(hoplimit, payload, sizeof(payload), &plen) < 0 ||
         xapi_cmsg_append(control.buf, sizeof(control.buf), &used,
                          IPPROTO_IPV6, IPV6_HOPLIMIT, payload, plen) < 0))
        return -1;
    if (tclass >= 0 &&
        (xapi_encode_int(tclass, payload, sizeof(payload), &plen) < 0 ||
         xapi_cmsg_append(control.buf, sizeof(control.buf), &used,
                          IPPROTO_IPV6, IPV6_TCLASS, payload, plen) < 0))
        return -1;
    if (xapi_addr_parse(&to, AF_INET6, host, port, NULL) < 0)
        return -1;
    return ex_send(fd, &to, data, len, control.buf, used);
}

/* One receive (flags may hold MSG_ERRQUEUE or MSG_DONTWAIT), every item
 * decoded into *r. */
static int receive(int fd, int flags, struct received *r)
{
    unsigned char data[2048];
    union {
        struct cmsghdr align;
        unsigned char buf[1024];
    } control;
    struct iovec iov;
    xapi_cmsg_iter it;
    xapi_cmsg c;
    xapi_msg m;

    memset(r, 0, sizeof(*r));
    r->hoplimit = r->tclass = -1;
    if (ex_recv(fd, data, sizeof(data), control.buf, sizeof(control.buf),
                flags, (flags & MSG_DONTWAIT) ? -1 : WAIT_MS, &m, &iov) < 0)
        return -1;
    r->len = m.datalen;
    xapi_cmsg_iter_init(&it, m.control, m.controllen);
    while (xapi_cmsg_next(&it, &c) == 1) {
        xapi_value v;

        if (c.level == IPPROTO_IPV6 && c.type == IPV6_RTHDR &&
            xapi_srh_parse(c.data, c.len, &r->srh) == 0) {
            r->have_srh = 1;
            continue;
        }
        if (xapi_cmsg_decode(&c, &v) < 0 || v.name == NULL)
            continue;
        if (strcmp(v.name, "hoplimit") == 0)
            r->hoplimit = v.i;
        else if (strcmp(v.name, "tclass") == 0)
            r->tclass = v.i;
        else if (v.kind == XAPI_VALUE_PKTINFO)
            r->pktinfo = v.pktinfo, r->have_pktinfo = 1;
        else if (v.kind == XAPI_VALUE_SOCK_ERR)
            r->err = v.sock_err, r->have_err = 1;
        else if (v.kind == XAPI_VALUE_MTUINFO)
            r->mtu = v.mtuinfo, r->have_mtu = 1;
    }
    return 0;
}

static int hop_limit(int a, int b)
{
    struct received r;

    printf("1. Hop limit and traffic class\n");
    if (send_to(a, B_ADDR, 7100, 32, 10, 0x28) < 0 || receive(b, 0, &r) < 0)
        return ex_fail(PROG, "hop limit");
    printf("   A sent a datagram to B with hop limit 10 and traffic class "
           "0x28.\n   B received it with hop limit %d: R forwarded it and "
           "took one off.\n", r.hoplimit);
    printf("   Traffic class on arrival: 0x%02x (unchanged); B saw it "
           "addressed to %s on interface %u.\n\n", (unsigned)r.tclass,
           r.have_pktinfo ? r.pktinfo.addr : "?", r.pktinfo.ifindex);
    return 0;
}

static int segment_routing(const char *prefix, int b)
{
    xapi_srh_info info;
    unsigned char srh[8 + 2 * 16];
    char text[XAPI_ADDRSTRLEN];
    struct received r;
    size_t len;
    int a = sock_in(prefix, 'a', SOCK_DGRAM, 0);

    printf("2. A Segment Routing Header (RFC 8754)\n");
    memset(&info, 0, sizeof(info));
    info.nsegments = 2;
    info.segments_left = 1;
    inet_pton(AF_INET6, B_ADDR, &info.segments[0]);
    inet_pton(AF_INET6, R_ADDR, &info.segments[1]);
    if (a < 0 || xapi_srh_build(&info, NULL, 0, srh, sizeof(srh), &len) < 0 ||
        xapi_setsockopt_bytes(a, IPPROTO_IPV6, IPV6_RTHDR, srh, len) < 0 ||
        send_to(a, B_ADDR, 7100, 32, -1, -1) < 0 || receive(b, 0, &r) < 0) {
        if (a >= 0)
            xapi_close(a);
        return ex_fail(PROG, "segment routing");
    }
    xapi_close(a);
    printf("   A sent a datagram to B with the segment list [R, B]: it "
           "went to R first,\n   and R, a segment endpoint, sent it on "
           "to B.\n");
    if (!r.have_srh) {
        printf("   B received it without a routing header.\n\n");
        return -1;
    }
    printf("   B received the header: segments left %u, segment list",
           r.srh.segments_left);
    for (size_t i = 0; i < r.srh.nsegments; i++) {
        inet_ntop(AF_INET6, &r.srh.segments[i], text, sizeof(text));
        printf("%s %s", i ? "," : "", text);
    }
    printf(" (the list is stored last segment first).\n\n");
    return 0;
}

static int time_exceeded(int a)
{
    struct received r;

    printf("3. Time exceeded (what traceroute reads)\n");
    if (send_to(a, B_ADDR, 7101, 32, 1, -1) < 0 ||
        receive(a, MSG_ERRQUEUE, &r) < 0 || !r.have_err)
        return ex_fail(PROG, "time exceeded");
    printf("   A sent a datagram with hop limit 1. R could not forward it "
           "and answered\n   with ICMPv6 type %d code %d (Time Exceeded); "
           "A read it from its error queue:\n   from %s, errno %s.\n\n",
           r.err.type, r.err.code, r.err.has_offender ? r.err.offender : "?",
           strerror(r.err.ee_errno));
    return 0;
}

static int path_mtu(const char *prefix)
{
    struct received r;
    xapi_mtuinfo mi;
    int a = sock_in(prefix, 'a', SOCK_DGRAM, 0), second;

    printf("4. Path MTU\n");
    if (a < 0 || xapi_setsockopt_int(a, IPPROTO_IPV6, IPV6_DONTFRAG, 1) < 0 ||
        xapi_setsockopt_int(a, IPPROTO_IPV6, IPV6_RECVPATHMTU, 1) < 0 ||
        xapi_connect(a, B_ADDR, 7102, NULL) < 0 ||
        send_to(a, B_ADDR, 7102, 1400, -1, -1) < 0) {
        if (a >= 0)
            xapi_close(a);
        return ex_fail(PROG, "path MTU");
    }
    /* R's Packet Too Big comes back within a moment; give it one. */
    ex_wait(a, POLLIN, 200);
    second = send_to(a, B_ADDR, 7102, 1400, -1, -1);
    printf("   A sent 1400 bytes to B with IPV6_DONTFRAG: it left A (MTU "
           "1500).\n");
    if (second < 0 && errno == EMSGSIZE)
        printf("   R could not put it on the 1280-byte link and answered "
               "Packet Too Big,\n   so A's next 1400-byte send failed at "
               "once: %s (EMSGSIZE).\n", strerror(errno));
    else if (second < 0)
        printf("   A's next 1400-byte send failed: %s.\n", strerror(errno));
    else
        printf("   A's next 1400-byte send was accepted too: no Packet Too "
               "Big had come back yet.\n");
    if (xapi_get_pathmtu(a, &mi) == 0)
        printf("   getsockopt(IPV6_PATHMTU) now says %u.\n", mi.mtu);
    if (receive(a, MSG_DONTWAIT, &r) == 0 && r.have_mtu)
        printf("   The IPV6_PATHMTU item A received says %u for %s.\n",
               r.mtu.mtu, r.mtu.addr);
    xapi_close(a);
    printf("\n");
    return 0;
}

int main(int argc, char **argv)
{
    int a, b, bad = 0;

    if (argc != 2) {
        fprintf(stderr, "usage: %s PREFIX (a lab made by lab.sh up PREFIX)\n",
                PROG);
        return 2;
    }
    a = sock_in(argv[1], 'a', SOCK_DGRAM, 0);
    b = sock_in(argv[1], 'b', SOCK_DGRAM, 0);
    if (a < 0 || b < 0 || xapi_bind(b, B_ADDR, 7100, NULL) < 0 ||
        xapi_setsockopt_int(b, IPPROTO_IPV6, IPV6_RECVHOPLIMIT, 1) < 0 ||
        xapi_setsockopt_int(b, IPPROTO_IPV6, IPV6_RECVTCLASS, 1) < 0 ||
        xapi_setsockopt_int(b, IPPROTO_IPV6, IPV6_RECVPKTINFO, 1) < 0 ||
        xapi_setsockopt_int(b, IPPROTO_IPV6, IPV6_RECVRTHDR, 1) < 0 ||
        xapi_setsockopt_int(a, IPPROTO_IPV6, IPV6_RECVERR, 1) < 0)
        return ex_fail(PROG, "sockets in the lab"), 1;
    printf("The lab: A %s -- R %s | %s -- B %s\n"
           "         (links: A-R MTU 1500, R-B MTU 1280)\n\n",
           A_ADDR, R_ADDR, "2001:db8:2::1", B_ADDR);
    bad |= hop_limit(a, b) < 0;
    bad |= segment_routing(argv[1], b) < 0;
    bad |= time_exceeded(a) < 0;
    bad |= path_mtu(argv[1]) < 0;
    xapi_close(a);
    xapi_close(b);
    return bad ? 1 : 0;
}
