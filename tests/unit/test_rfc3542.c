/*
 * test_rfc3542.c - Check tests for the RFC 3542 pieces of the core:
 * ICMPv6 filter, path MTU, routing headers (type 0 and SRH) and
 * Hop-by-Hop/Destination options.
 *
 * Every expected byte string below is written by hand from the RFC
 * formats named next to it (RFC 2460 Appendix B / RFC 3542 Appendix C,
 * RFC 2460 section 4.4, RFC 8754 section 2, RFC 2711), never taken from
 * xapi's own output.
 */
#include <config.h>

#include <check.h>
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/icmp6.h>
#include <netinet/ip6.h>
#include <sys/socket.h>

#include "xapi.h"

static struct in6_addr addr6(const char *text)
{
    struct in6_addr a;

    ck_assert_int_eq(inet_pton(AF_INET6, text, &a), 1);
    return a;
}

#define ck_assert_bytes(got, want, n) \
    ck_assert_mem_eq((got), (want), (n))

#define ck_assert_fail_errno(expr, err) do { \
        errno = 0; \
        ck_assert_int_eq((int)(expr), -1); \
        ck_assert_int_eq(errno, (err)); \
    } while (0)

/* 2001:db8::N as 16 bytes */
#define DB8(n) 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (n)

/* ================================================================== */
/* ICMPv6 filter                                                        */
/* ================================================================== */

START_TEST(filter_bits_match_linux_macros)
{
    xapi_icmp6_filter f;
    struct icmp6_filter sys;

    /* Linux: a set bit blocks.  Block all, pass echo reply (129): word
     * 129 >> 5 = 4 loses bit 129 & 31 = 1. */
    xapi_icmp6_filter_setblockall(&f);
    ck_assert_int_eq(xapi_icmp6_filter_setpass(ICMP6_ECHO_REPLY, &f), 0);
    for (int i = 0; i < 8; i++)
        ck_assert_uint_eq(f.filt[i], i == 4 ? 0xfffffffdu : 0xffffffffu);

    /* The libc macros read our struct the same way. */
    memcpy(&sys, &f, sizeof(sys));
    for (int t = 0; t < 256; t++) {
        int pass = t == ICMP6_ECHO_REPLY;
        ck_assert_int_eq(ICMP6_FILTER_WILLPASS(t, &sys) != 0, pass);
        ck_assert_int_eq(xapi_icmp6_filter_willpass(t, &f), pass);
        ck_assert_int_eq(xapi_icmp6_filter_willblock(t, &f), !pass);
    }

    /* And the other way: what the macros build, we read. */
    ICMP6_FILTER_SETPASSALL(&sys);
    ICMP6_FILTER_SETBLOCK(ND_NEIGHBOR_SOLICIT, &sys);
    ICMP6_FILTER_SETBLOCK(0, &sys);
    ICMP6_FILTER_SETBLOCK(255, &sys);
    memcpy(&f, &sys, sizeof(f));
    ck_assert_uint_eq(f.filt[0], 1u);                 /* type 0 */
    ck_assert_uint_eq(f.filt[4], 1u << (135 - 128));  /* type 135 */
    ck_assert_uint_eq(f.filt[7], 0x80000000u);        /* type 255 */
    ck_assert_int_eq(xapi_icmp6_filter_willblock(ND_NEIGHBOR_SOLICIT, &f), 1);
    ck_assert_int_eq(xapi_icmp6_filter_willblock(255, &f), 1);
    ck_assert_int_eq(xapi_icmp6_filter_willpass(ND_NEIGHBOR_ADVERT, &f), 1);

    xapi_icmp6_filter_setpassall(&f);
    for (int i = 0; i < 8; i++)
        ck_assert_uint_eq(f.filt[i], 0);
    ck_assert_int_eq(xapi_icmp6_filter_setblock(200, &f), 0);
    ck_assert_uint_eq(f.filt[6], 1u << (200 - 192));
}
END_TEST

START_TEST(filter_bad_type)
{
    xapi_icmp6_filter f;

    xapi_icmp6_filter_setpassall(&f);
    ck_assert_fail_errno(xapi_icmp6_filter_setpass(256, &f), EINVAL);
    ck_assert_fail_errno(xapi_icmp6_filter_setblock(-1, &f), EINVAL);
    ck_assert_fail_errno(xapi_icmp6_filter_willpass(256, &f), EINVAL);
    ck_assert_fail_errno(xapi_icmp6_filter_willblock(-1, &f), EINVAL);

    /* A NULL filter is an error, never a crash. */
    xapi_icmp6_filter_setpassall(NULL);
    xapi_icmp6_filter_setblockall(NULL);
    ck_assert_fail_errno(xapi_icmp6_filter_setpass(1, NULL), EINVAL);
    ck_assert_fail_errno(xapi_icmp6_filter_setblock(1, NULL), EINVAL);
    ck_assert_fail_errno(xapi_icmp6_filter_willpass(1, NULL), EINVAL);
    ck_assert_fail_errno(xapi_icmp6_filter_willblock(1, NULL), EINVAL);
    ck_assert_fail_errno(xapi_icmp6_filter_set(0, NULL), EINVAL);
    ck_assert_fail_errno(xapi_icmp6_filter_get(0, NULL), EINVAL);
}
END_TEST

static int raw_icmp6_socket(void)
{
    if (geteuid() != 0) {
        printf("SKIP: raw ICMPv6 socket needs root\n");
        return -1;
    }
    int fd = socket(AF_INET6, SOCK_RAW, IPPROTO_ICMPV6);
    if (fd < 0 && (errno == EPERM || errno == EACCES ||
                   errno == EAFNOSUPPORT)) {
        printf("SKIP: raw ICMPv6 socket: %s\n", strerror(errno));
        return -1;
    }
    ck_assert_int_ge(fd, 0);
    return fd;
}

START_TEST(filter_socket_round_trip)
{
    int fd = raw_icmp6_socket();
    if (fd < 0)
        return;

    xapi_icmp6_filter set, got;
    xapi_icmp6_filter_setblockall(&set);
    xapi_icmp6_filter_setpass(ICMP6_ECHO_REPLY, &set);
    xapi_icmp6_filter_setpass(ICMP6_DST_UNREACH, &set);
    ck_assert_int_eq(xapi_icmp6_filter_set(fd, &set), 0);
    memset(&got, 0x5a, sizeof(got));
    ck_assert_int_eq(xapi_icmp6_filter_get(fd, &got), 0);
    ck_assert_mem_eq(&got, &set, sizeof(set));

    /* Read back through plain getsockopt and the libc macros too. */
    struct icmp6_filter sys;
    socklen_t len = sizeof(sys);
    ck_assert_int_eq(getsockopt(fd, IPPROTO_ICMPV6, ICMP6_FILTER, &sys, &len), 0);
    ck_assert(ICMP6_FILTER_WILLPASS(ICMP6_ECHO_REPLY, &sys));
    ck_assert(ICMP6_FILTER_WILLBLOCK(ICMP6_ECHO_REQUEST, &sys));
    close(fd);

    /* Not a raw ICMPv6 socket: the kernel refuses. */
    int udp = socket(AF_INET6, SOCK_DGRAM, 0);
    ck_assert_int_ge(udp, 0);
    errno = 0;
    ck_assert_int_eq(xapi_icmp6_filter_set(udp, &set), -1);
    ck_assert_int_ne(errno, 0);
    close(udp);
}
END_TEST

/* Sends an echo request to ::1 on fd and returns the ICMPv6 types that
 * arrive within a short time, as a 256-entry seen[] array. */
static void ping_loopback(int fd, int seen[256])
{
    struct sockaddr_in6 dst;
    unsigned char req[8] = { ICMP6_ECHO_REQUEST, 0, 0, 0, 0x12, 0x34, 0, 1 };
    unsigned char buf[256];

    memset(seen, 0, 256 * sizeof(int));
    memset(&dst, 0, sizeof(dst));
    dst.sin6_family = AF_INET6;
    dst.sin6_addr = in6addr_loopback;
    /* The kernel fills the ICMPv6 checksum on raw ICMPv6 sockets. */
    ck_assert_int_eq(sendto(fd, req, sizeof(req), 0,
                            (struct sockaddr *)&dst, sizeof(dst)),
                     (ssize_t)sizeof(req));
    for (;;) {
        struct pollfd p = { .fd = fd, .events = POLLIN };
        if (poll(&p, 1, 300) <= 0)
            break;
        ssize_t n = recv(fd, buf, sizeof(buf), 0);
        if (n >= 8 && buf[4] == 0x12 && buf[5] == 0x34)
            seen[buf[0]] = 1;
    }
}

START_TEST(filter_blocks_on_linux)
{
    int fd = raw_icmp6_socket();
    if (fd < 0)
        return;

    int seen[256];
    xapi_icmp6_filter f;

    /* Pass everything: our own request comes back in on lo, then the
     * kernel's reply. */
    xapi_icmp6_filter_setpassall(&f);
    ck_assert_int_eq(xapi_icmp6_filter_set(fd, &f), 0);
    ping_loopback(fd, seen);
    ck_assert_int_eq(seen[ICMP6_ECHO_REQUEST], 1);
    ck_assert_int_eq(seen[ICMP6_ECHO_REPLY], 1);

    /* Block the request only: the reply alone arrives. */
    ck_assert_int_eq(xapi_icmp6_filter_setblock(ICMP6_ECHO_REQUEST, &f), 0);
    ck_assert_int_eq(xapi_icmp6_filter_set(fd, &f), 0);
    ping_loopback(fd, seen);
    ck_assert_int_eq(seen[ICMP6_ECHO_REQUEST], 0);
    ck_assert_int_eq(seen[ICMP6_ECHO_REPLY], 1);
    close(fd);
}
END_TEST

/* ================================================================== */
/* Path MTU and next hop                                                */
/* ================================================================== */

START_TEST(mtuinfo_decode)
{
    struct ip6_mtuinfo mi;
    xapi_mtuinfo out;

    memset(&mi, 0, sizeof(mi));
    mi.ip6m_addr.sin6_family = AF_INET6;
    mi.ip6m_addr.sin6_addr = addr6("2001:db8::1");
    mi.ip6m_addr.sin6_scope_id = 3;
    mi.ip6m_mtu = 1280;
    ck_assert_int_eq(xapi_decode_ip6_mtuinfo(&mi, sizeof(mi), &out), 0);
    ck_assert_str_eq(out.addr, "2001:db8::1");
    ck_assert_uint_eq(out.ifindex, 3);
    ck_assert_uint_eq(out.mtu, 1280);

    /* Unaligned input is fine. */
    unsigned char shifted[sizeof(mi) + 1];
    memcpy(shifted + 1, &mi, sizeof(mi));
    ck_assert_int_eq(xapi_decode_ip6_mtuinfo(shifted + 1, sizeof(mi), &out), 0);
    ck_assert_uint_eq(out.mtu, 1280);

    /* Linux's getsockopt leaves the address zeroed: family 0. */
    memset(&mi, 0, sizeof(mi));
    mi.ip6m_mtu = 65536;
    ck_assert_int_eq(xapi_decode_ip6_mtuinfo(&mi, sizeof(mi), &out), 0);
    ck_assert_str_eq(out.addr, "");
    ck_assert_uint_eq(out.mtu, 65536);

    ck_assert_int_eq(sizeof(mi), 32);
    ck_assert_fail_errno(xapi_decode_ip6_mtuinfo(&mi, sizeof(mi) - 1, &out), EINVAL);
    ck_assert_fail_errno(xapi_decode_ip6_mtuinfo(shifted, sizeof(mi) + 1, &out), EINVAL);
    ck_assert_fail_errno(xapi_decode_ip6_mtuinfo(&mi, 0, &out), EINVAL);
    mi.ip6m_addr.sin6_family = AF_INET;
    ck_assert_fail_errno(xapi_decode_ip6_mtuinfo(&mi, sizeof(mi), &out), EINVAL);
}
END_TEST

static unsigned long sysfs_mtu(const char *ifname)
{
    char path[128];
    unsigned long mtu = 0;

    snprintf(path, sizeof(path), "/sys/class/net/%s/mtu", ifname);
    FILE *f = fopen(path, "r");
    if (f == NULL)
        return 0;
    if (fscanf(f, "%lu", &mtu) != 1)
        mtu = 0;
    fclose(f);
    return mtu;
}

START_TEST(pathmtu_getsockopt)
{
    int fd = socket(AF_INET6, SOCK_DGRAM, 0);
    xapi_mtuinfo out;

    ck_assert_int_ge(fd, 0);
    ck_assert_fail_errno(xapi_get_pathmtu(fd, &out), ENOTCONN);

    struct sockaddr_in6 dst;
    memset(&dst, 0, sizeof(dst));
    dst.sin6_family = AF_INET6;
    dst.sin6_addr = in6addr_loopback;
    dst.sin6_port = htons(9);
    ck_assert_int_eq(connect(fd, (struct sockaddr *)&dst, sizeof(dst)), 0);
    ck_assert_int_eq(xapi_get_pathmtu(fd, &out), 0);
    unsigned long lo = sysfs_mtu("lo");
    if (lo != 0)
        ck_assert_uint_eq(out.mtu, lo);
    else
        ck_assert_uint_ge(out.mtu, 1280);
    close(fd);
    ck_assert_fail_errno(xapi_get_pathmtu(-1, &out), EBADF);
}
END_TEST

START_TEST(nexthop_encode)
{
    unsigned char buf[64];
    size_t n = 0;
    struct sockaddr_in6 sin6;

    ck_assert_int_eq(xapi_encode_nexthop("2001:db8::7", buf, sizeof(buf), &n), 0);
    ck_assert_uint_eq(n, sizeof(struct sockaddr_in6));
    memcpy(&sin6, buf, sizeof(sin6));
    ck_assert_int_eq(sin6.sin6_family, AF_INET6);
    ck_assert_int_eq(sin6.sin6_port, 0);
    const unsigned char want[16] = { DB8(7) };
    ck_assert_bytes(&sin6.sin6_addr, want, 16);

    ck_assert_fail_errno(xapi_encode_nexthop("2001:db8::7", buf,
                                             sizeof(struct sockaddr_in6) - 1, &n),
                         ENOSPC);
    errno = 0;
    ck_assert_int_eq(xapi_encode_nexthop("not an address", buf, sizeof(buf), &n), -1);
    ck_assert_int_ne(errno, 0);
}
END_TEST

/* ================================================================== */
/* Routing header type 0 (RFC 2460 4.4, RFC 3542 7)                     */
/* ================================================================== */

START_TEST(rth0_space)
{
    ck_assert_uint_eq(xapi_inet6_rth_space(0, 0), 8);
    ck_assert_uint_eq(xapi_inet6_rth_space(0, 2), 8 + 2 * 16);
    ck_assert_uint_eq(xapi_inet6_rth_space(0, 127), 8 + 127 * 16);
    errno = 0;
    ck_assert_uint_eq(xapi_inet6_rth_space(0, 128), 0);
    ck_assert_int_eq(errno, EINVAL);
    ck_assert_uint_eq(xapi_inet6_rth_space(0, -1), 0);
    ck_assert_uint_eq(xapi_inet6_rth_space(2, 1), 0);
    ck_assert_uint_eq(xapi_inet6_rth_space(4, 0), 0);
    ck_assert_uint_eq(xapi_inet6_rth_space(4, 1), 24);
}
END_TEST

START_TEST(rth0_build_and_read)
{
    unsigned char buf[40];
    struct in6_addr a1 = addr6("2001:db8::1"), a2 = addr6("2001:db8::2");
    struct in6_addr got;

    memset(buf, 0xee, sizeof(buf));
    ck_assert_int_eq(xapi_inet6_rth_init(buf, sizeof(buf), 0, 2), 0);
    /* Next Header 0, Hdr Ext Len 2*2, type 0, Segments Left 0, reserved */
    const unsigned char empty[40] = { 0, 4, 0, 0, 0, 0, 0, 0 };
    ck_assert_bytes(buf, empty, 40);
    ck_assert_int_eq(xapi_inet6_rth_segments(buf, sizeof(buf)), 2);

    ck_assert_int_eq(xapi_inet6_rth_add(buf, sizeof(buf), &a1), 0);
    ck_assert_int_eq(xapi_inet6_rth_add(buf, sizeof(buf), &a2), 0);
    ck_assert_fail_errno(xapi_inet6_rth_add(buf, sizeof(buf), &a1), ENOSPC);
    const unsigned char want[40] = {
        0x00, 0x04, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, /* segleft 2 */
        DB8(1),                                         /* Address[1] */
        DB8(2),                                         /* Address[2] */
    };
    ck_assert_bytes(buf, want, 40);

    ck_assert_int_eq(xapi_inet6_rth_getaddr(buf, sizeof(buf), 0, &got), 0);
    ck_assert_mem_eq(&got, &a1, 16);
    ck_assert_int_eq(xapi_inet6_rth_getaddr(buf, sizeof(buf), 1, &got), 0);
    ck_assert_mem_eq(&got, &a2, 16);
    ck_assert_fail_errno(xapi_inet6_rth_getaddr(buf, sizeof(buf), 2, &got), EINVAL);
    ck_assert_fail_errno(xapi_inet6_rth_getaddr(buf, sizeof(buf), -1, &got), EINVAL);

    /* init refuses a short buffer and bad counts */
    ck_assert_fail_errno(xapi_inet6_rth_init(buf, 39, 0, 2), ENOSPC);
    ck_assert_fail_errno(xapi_inet6_rth_init(buf, sizeof(buf), 0, 128), EINVAL);
    ck_assert_fail_errno(xapi_inet6_rth_init(buf, sizeof(buf), 1, 1), EINVAL);
}
END_TEST

START_TEST(rth0_reverse)
{
    /* In place, two addresses; Next Header 0x3a must survive. */
    unsigned char buf[40] = {
        0x3a, 0x04, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, DB8(1), DB8(2),
    };
    const unsigned char rev2[40] = {
        0x3a, 0x04, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, DB8(2), DB8(1),
    };
    ck_assert_int_eq(xapi_inet6_rth_reverse(buf, sizeof(buf), buf, sizeof(buf)), 0);
    ck_assert_bytes(buf, rev2, 40);

    /* Into a second buffer, three addresses, input untouched. */
    const unsigned char in3[56] = {
        0x11, 0x06, 0x00, 0x03, 0x00, 0x00, 0x00, 0x00, DB8(1), DB8(2), DB8(3),
    };
    const unsigned char rev3[56] = {
        0x11, 0x06, 0x00, 0x03, 0x00, 0x00, 0x00, 0x00, DB8(3), DB8(2), DB8(1),
    };
    unsigned char out[64];
    unsigned char copy[56];
    memcpy(copy, in3, sizeof(copy));
    memset(out, 0xee, sizeof(out));
    ck_assert_int_eq(xapi_inet6_rth_reverse(copy, sizeof(copy), out, sizeof(out)), 0);
    ck_assert_bytes(out, rev3, 56);
    ck_assert_uint_eq(out[56], 0xee); /* nothing past the header */
    ck_assert_bytes(copy, in3, 56);
    ck_assert_fail_errno(xapi_inet6_rth_reverse(copy, sizeof(copy), out, 55), ENOSPC);

    /* Zero segments reverse to themselves. */
    unsigned char empty[8] = { 0, 0, 0, 0, 0, 0, 0, 0 };
    ck_assert_int_eq(xapi_inet6_rth_reverse(empty, 8, out, 8), 0);
    ck_assert_bytes(out, empty, 8);
}
END_TEST

START_TEST(rth0_malformed)
{
    struct in6_addr got;
    unsigned char h[48];

    memset(h, 0, sizeof(h));
    /* shorter than the fixed 8 bytes */
    ck_assert_fail_errno(xapi_inet6_rth_segments(h, 7), EINVAL);
    ck_assert_fail_errno(xapi_inet6_rth_segments(NULL, 8), EINVAL);
    /* odd Hdr Ext Len for type 0 */
    h[1] = 3;
    ck_assert_fail_errno(xapi_inet6_rth_segments(h, 32), EINVAL);
    /* Hdr Ext Len past the buffer: claims 40 bytes, 24 given */
    h[1] = 4;
    ck_assert_fail_errno(xapi_inet6_rth_segments(h, 24), EINVAL);
    ck_assert_fail_errno(xapi_inet6_rth_getaddr(h, 24, 0, &got), EINVAL);
    /* Segments Left above the number of addresses */
    h[1] = 2;
    h[3] = 2;
    ck_assert_fail_errno(xapi_inet6_rth_segments(h, 24), EINVAL);
    ck_assert_fail_errno(xapi_inet6_rth_reverse(h, 24, h, 24), EINVAL);
    h[3] = 1;
    ck_assert_int_eq(xapi_inet6_rth_segments(h, 24), 1);
    /* a routing type we do not know */
    h[2] = 2;
    ck_assert_fail_errno(xapi_inet6_rth_segments(h, 24), EOPNOTSUPP);
}
END_TEST

/* ================================================================== */
/* Segment Routing Header (RFC 8754 section 2)                          */
/* ================================================================== */

/* Hand-built from RFC 8754's figure: three segments, path ::1 -> ::2 ->
 * ::3, so Segment List[0] (the last segment) is ::3. */
static const unsigned char srh3[56] = {
    0x29,       /* Next Header: IPv6 (41) */
    0x06,       /* Hdr Ext Len: 3 segments * 2 */
    0x04,       /* Routing Type 4 */
    0x02,       /* Segments Left */
    0x02,       /* Last Entry: index of the last element, 3 - 1 */
    0x00,       /* Flags */
    0x12, 0x34, /* Tag */
    DB8(3),     /* Segment List[0] */
    DB8(2),     /* Segment List[1] */
    DB8(1),     /* Segment List[2] */
};

START_TEST(srh_build_matches_rfc)
{
    xapi_srh_info info;
    unsigned char out[64];
    size_t n = 0;

    memset(&info, 0, sizeof(info));
    info.next_header = 41;
    info.segments_left = 2;
    info.last_entry = 77; /* ignored by the builder */
    info.tag = 0x1234;
    info.nsegments = 3;
    info.segments[0] = addr6("2001:db8::3");
    info.segments[1] = addr6("2001:db8::2");
    info.segments[2] = addr6("2001:db8::1");
    ck_assert_int_eq(xapi_srh_build(&info, NULL, 0, out, sizeof(out), &n), 0);
    ck_assert_uint_eq(n, 56);
    ck_assert_bytes(out, srh3, 56);

    /* too small: refused, nothing written */
    memset(out, 0xee, sizeof(out));
    ck_assert_fail_errno(xapi_srh_build(&info, NULL, 0, out, 55, &n), ENOSPC);
    for (size_t i = 0; i < sizeof(out); i++)
        ck_assert_uint_eq(out[i], 0xee);

    info.segments_left = 4;
    ck_assert_fail_errno(xapi_srh_build(&info, NULL, 0, out, sizeof(out), &n), EINVAL);
    info.segments_left = 3; /* = Last Entry + 1 is allowed (RFC 8754 S11) */
    ck_assert_int_eq(xapi_srh_build(&info, NULL, 0, out, sizeof(out), &n), 0);
    info.nsegments = 0;
    ck_assert_fail_errno(xapi_srh_build(&info, NULL, 0, out, sizeof(out), &n), EINVAL);
    info.nsegments = XAPI_SRH_MAX_SEGMENTS + 1;
    ck_assert_fail_errno(xapi_srh_build(&info, NULL, 0, out, sizeof(out), &n), EINVAL);
}
END_TEST

/* One segment and 8 bytes of TLVs: a Pad1, then a PadN (type 4) whose
 * 5 data bytes fill the rest.  Hdr Ext Len (16 + 8) / 8 = 3, odd, which
 * an SRH may have. */
static const unsigned char srh1_tlv[32] = {
    0x3b, 0x03, 0x04, 0x01, 0x00, 0x80, 0x00, 0x07,
    DB8(9),
    0x00,                               /* Pad1 TLV */
    0x04, 0x05, 0x00, 0x00, 0x00, 0x00, 0x00, /* PadN TLV, length 5 */
};

START_TEST(srh_tlvs)
{
    xapi_srh_info info;
    unsigned char out[40];
    size_t n;

    memset(&info, 0, sizeof(info));
    info.next_header = 59;
    info.segments_left = 1;
    info.flags = 0x80;
    info.tag = 7;
    info.nsegments = 1;
    info.segments[0] = addr6("2001:db8::9");
    ck_assert_int_eq(xapi_srh_build(&info, srh1_tlv + 24, 8, out, sizeof(out), &n), 0);
    ck_assert_uint_eq(n, 32);
    ck_assert_bytes(out, srh1_tlv, 32);

    /* TLVs must fill whole 8-byte units and be well formed */
    ck_assert_fail_errno(xapi_srh_build(&info, srh1_tlv + 24, 4, out, sizeof(out), &n), EINVAL);
    const unsigned char bad_tlv[8] = { 0x05, 0x07, 0, 0, 0, 0, 0, 0 };
    ck_assert_fail_errno(xapi_srh_build(&info, bad_tlv, 8, out, sizeof(out), &n), EINVAL);
    /* A TLV length that would push Hdr Ext Len past 255 is refused from
     * the size alone, before the (here tiny) TLV buffer is read: with
     * one segment, 2 + 254 units is one too many. */
    ck_assert_fail_errno(xapi_srh_build(&info, bad_tlv, 254 * 8, out, sizeof(out), &n), EINVAL);
    ck_assert_fail_errno(xapi_srh_build(&info, bad_tlv, (size_t)1 << 40, out, sizeof(out), &n), EINVAL);

    memset(&info, 0xaa, sizeof(info));
    ck_assert_int_eq(xapi_srh_parse(srh1_tlv, sizeof(srh1_tlv), &info), 0);
    ck_assert_uint_eq(info.next_header, 59);
    ck_assert_uint_eq(info.segments_left, 1);
    ck_assert_uint_eq(info.last_entry, 0);
    ck_assert_uint_eq(info.flags, 0x80);
    ck_assert_uint_eq(info.tag, 7);
    ck_assert_uint_eq(info.nsegments, 1);
    ck_assert_uint_eq(info.tlv_offset, 24);
    ck_assert_uint_eq(info.tlv_len, 8);
    const unsigned char a9[16] = { DB8(9) };
    ck_assert_bytes(&info.segments[0], a9, 16);
}
END_TEST

START_TEST(srh_parse_plain)
{
    xapi_srh_info info;
    unsigned char big[64];

    ck_assert_int_eq(xapi_srh_parse(srh3, sizeof(srh3), &info), 0);
    ck_assert_uint_eq(info.next_header, 41);
    ck_assert_uint_eq(info.segments_left, 2);
    ck_assert_uint_eq(info.last_entry, 2);
    ck_assert_uint_eq(info.flags, 0);
    ck_assert_uint_eq(info.tag, 0x1234);
    ck_assert_uint_eq(info.nsegments, 3);
    ck_assert_uint_eq(info.tlv_len, 0);
    ck_assert_uint_eq(info.tlv_offset, 56);
    const unsigned char a3[16] = { DB8(3) }, a1[16] = { DB8(1) };
    ck_assert_bytes(&info.segments[0], a3, 16);
    ck_assert_bytes(&info.segments[2], a1, 16);

    /* Bytes after the header are not part of it. */
    memcpy(big, srh3, sizeof(srh3));
    memset(big + 56, 0xff, 8);
    ck_assert_int_eq(xapi_srh_parse(big, sizeof(big), &info), 0);
    ck_assert_uint_eq(info.tlv_len, 0);

    /* The RFC 3542 view: path order, first segment first. */
    struct in6_addr got;
    ck_assert_int_eq(xapi_inet6_rth_segments(srh3, sizeof(srh3)), 3);
    ck_assert_int_eq(xapi_inet6_rth_getaddr(srh3, sizeof(srh3), 0, &got), 0);
    ck_assert_bytes(&got, a1, 16);
    ck_assert_int_eq(xapi_inet6_rth_getaddr(srh3, sizeof(srh3), 2, &got), 0);
    ck_assert_bytes(&got, a3, 16);
}
END_TEST

START_TEST(srh_parse_malformed)
{
    xapi_srh_info info;
    unsigned char h[64];

    /* shorter than 8 */
    ck_assert_fail_errno(xapi_srh_parse(srh3, 7, &info), EINVAL);
    /* truncated: Hdr Ext Len says 56 bytes, 40 given */
    ck_assert_fail_errno(xapi_srh_parse(srh3, 40, &info), EINVAL);
    ck_assert_fail_errno(xapi_srh_parse(srh3, 55, &info), EINVAL);

    /* Segments Left above Last Entry + 1 */
    memcpy(h, srh3, sizeof(srh3));
    h[3] = 4;
    ck_assert_fail_errno(xapi_srh_parse(h, 56, &info), EINVAL);
    ck_assert_fail_errno(xapi_inet6_rth_segments(h, 56), EINVAL);
    h[3] = 3;
    ck_assert_int_eq(xapi_srh_parse(h, 56, &info), 0);

    /* Last Entry past what Hdr Ext Len holds (max Hdr Ext Len/2 - 1 = 2) */
    memcpy(h, srh3, sizeof(srh3));
    h[4] = 3;
    ck_assert_fail_errno(xapi_srh_parse(h, 56, &info), EINVAL);
    /* Hdr Ext Len 0 leaves no room for any segment */
    memcpy(h, srh3, 8);
    h[1] = 0;
    h[3] = 0;
    h[4] = 0;
    ck_assert_fail_errno(xapi_srh_parse(h, 8, &info), EINVAL);
    /* odd Hdr Ext Len 1: 16 bytes, too few for one 16-byte segment after
     * the fixed 8 (max Last Entry = 1/2 - 1 < 0) */
    memset(h + 8, 0, 8);
    h[1] = 1;
    ck_assert_fail_errno(xapi_srh_parse(h, 16, &info), EINVAL);
    ck_assert_fail_errno(xapi_inet6_rth_segments(h, 16), EINVAL);

    /* TLV running past the header: one segment, 8 bytes of TLV area,
     * a TLV claiming 8 data bytes. */
    memcpy(h, srh1_tlv, 32);
    h[24] = 0x05;
    h[25] = 0x08;
    ck_assert_fail_errno(xapi_srh_parse(h, 32, &info), EINVAL);
    /* a type byte with no room for its length byte */
    memcpy(h, srh1_tlv, 32);
    memset(h + 24, 0, 7);
    h[31] = 0x05;
    ck_assert_fail_errno(xapi_srh_parse(h, 32, &info), EINVAL);

    /* A type 0 header is not an SRH. */
    const unsigned char t0[24] = { 0, 2, 0, 1, 0, 0, 0, 0, DB8(1) };
    ck_assert_fail_errno(xapi_srh_parse(t0, sizeof(t0), &info), EINVAL);
}
END_TEST

START_TEST(srh_too_many_segments)
{
    /* 33 segments is a valid SRH but does not fit xapi_srh_info. */
    unsigned char h[8 + 33 * 16];
    xapi_srh_info info;

    memset(h, 0, sizeof(h));
    h[1] = 66;
    h[2] = 4;
    h[4] = 32;
    ck_assert_int_eq(xapi_inet6_rth_segments(h, sizeof(h)), 33);
    ck_assert_fail_errno(xapi_srh_parse(h, sizeof(h), &info), EMSGSIZE);
}
END_TEST

START_TEST(srh_via_rth_api)
{
    unsigned char buf[56];
    struct in6_addr a1 = addr6("2001:db8::1"), a2 = addr6("2001:db8::2"),
                    a3 = addr6("2001:db8::3");

    ck_assert_uint_eq(xapi_inet6_rth_space(4, 3), 56);
    ck_assert_int_eq(xapi_inet6_rth_init(buf, sizeof(buf), 4, 3), 0);
    const unsigned char empty[56] = { 0, 6, 4, 0, 2, 0, 0, 0 };
    ck_assert_bytes(buf, empty, 56);
    ck_assert_int_eq(xapi_inet6_rth_add(buf, sizeof(buf), &a1), 0);
    ck_assert_int_eq(xapi_inet6_rth_add(buf, sizeof(buf), &a2), 0);
    ck_assert_int_eq(xapi_inet6_rth_add(buf, sizeof(buf), &a3), 0);
    ck_assert_fail_errno(xapi_inet6_rth_add(buf, sizeof(buf), &a3), ENOSPC);
    /* path ::1, ::2, ::3 stored reversed; Segments Left counts adds */
    const unsigned char want[56] = {
        0, 6, 4, 3, 2, 0, 0, 0, DB8(3), DB8(2), DB8(1),
    };
    ck_assert_bytes(buf, want, 56);

    ck_assert_int_eq(xapi_inet6_rth_reverse(buf, sizeof(buf), buf, sizeof(buf)), 0);
    const unsigned char rev[56] = {
        0, 6, 4, 3, 2, 0, 0, 0, DB8(1), DB8(2), DB8(3),
    };
    ck_assert_bytes(buf, rev, 56);
}
END_TEST

/* ================================================================== */
/* Options (RFC 3542 10, Appendix C; RFC 2460 Appendix B)               */
/* ================================================================== */

#define OPT_X 0x0a
#define OPT_Y 0x14

/*
 * RFC 2460 Appendix B, second drawing (X then Y), byte by byte:
 *   0  Next Header       1  Hdr Ext Len = 3 (32 bytes)
 *   2  Option Type = X   3  Opt Data Len = 12        (X at 8n+2)
 *   4..7   4-octet field 0x12345678
 *   8..15  8-octet field 0x0102030405060708           (8-aligned)
 *  16  PadN  17 len 1  18  0                          (3 bytes of pad)
 *  19  Option Type = Y  20 Opt Data Len = 7           (Y at 4n+3)
 *  21  1-octet field 0x01
 *  22..23 2-octet field 0x1331                        (2-aligned)
 *  24..27 4-octet field 0x01020304                    (4-aligned)
 *  28  PadN  29 len 2  30..31 0                       (pad to 32)
 * Field values are the ones RFC 3542 Appendix C puts in.
 */
static const unsigned char appc[32] = {
    0x00, 0x03, OPT_X, 0x0c,
    0x12, 0x34, 0x56, 0x78,
    0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08,
    0x01, 0x01, 0x00, OPT_Y,
    0x07, 0x01, 0x13, 0x31,
    0x01, 0x02, 0x03, 0x04,
    0x01, 0x02, 0x00, 0x00,
};

START_TEST(opt_appendix_c_build)
{
    /* Pass 1: lengths only (extbuf NULL), as Appendix C does. */
    int cur = xapi_inet6_opt_init(NULL, 0);
    ck_assert_int_eq(cur, 2);
    cur = xapi_inet6_opt_append(NULL, 0, cur, OPT_X, 12, 8, NULL);
    ck_assert_int_eq(cur, 16);
    cur = xapi_inet6_opt_append(NULL, 0, cur, OPT_Y, 7, 4, NULL);
    ck_assert_int_eq(cur, 28);
    cur = xapi_inet6_opt_finish(NULL, 0, cur);
    ck_assert_int_eq(cur, 32);
    size_t extlen = (size_t)cur;

    /* Pass 2: build. */
    unsigned char ext[32];
    size_t d;
    memset(ext, 0xee, sizeof(ext));
    cur = xapi_inet6_opt_init(ext, extlen);
    ck_assert_int_eq(cur, 2);
    ck_assert_uint_eq(ext[0], 0);
    ck_assert_uint_eq(ext[1], 3);

    cur = xapi_inet6_opt_append(ext, extlen, cur, OPT_X, 12, 8, &d);
    ck_assert_int_eq(cur, 16);
    ck_assert_uint_eq(d, 4);
    const unsigned char v4[4] = { 0x12, 0x34, 0x56, 0x78 };
    const unsigned char v8[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
    int off = xapi_inet6_opt_set_val(ext + d, 12, 0, v4, 4);
    ck_assert_int_eq(off, 4);
    off = xapi_inet6_opt_set_val(ext + d, 12, off, v8, 8);
    ck_assert_int_eq(off, 12);

    cur = xapi_inet6_opt_append(ext, extlen, cur, OPT_Y, 7, 4, &d);
    ck_assert_int_eq(cur, 28);
    ck_assert_uint_eq(d, 21);
    const unsigned char y1 = 0x01, y2[2] = { 0x13, 0x31 },
                        y4[4] = { 0x01, 0x02, 0x03, 0x04 };
    off = xapi_inet6_opt_set_val(ext + d, 7, 0, &y1, 1);
    off = xapi_inet6_opt_set_val(ext + d, 7, off, y2, 2);
    off = xapi_inet6_opt_set_val(ext + d, 7, off, y4, 4);
    ck_assert_int_eq(off, 7);
    ck_assert_fail_errno(xapi_inet6_opt_set_val(ext + d, 7, off, &y1, 1), ENOSPC);

    cur = xapi_inet6_opt_finish(ext, extlen, cur);
    ck_assert_int_eq(cur, 32);
    ck_assert_bytes(ext, appc, 32);
}
END_TEST

START_TEST(opt_appendix_c_parse)
{
    int type = -1;
    size_t len = 0, d = 0;

    /* next: X, then Y, then the end; PadN skipped */
    int cur = xapi_inet6_opt_next(appc, sizeof(appc), 0, &type, &len, &d);
    ck_assert_int_eq(cur, 16);
    ck_assert_int_eq(type, OPT_X);
    ck_assert_uint_eq(len, 12);
    ck_assert_uint_eq(d, 4);

    unsigned char v[8];
    int off = xapi_inet6_opt_get_val(appc + d, len, 0, v, 4);
    ck_assert_int_eq(off, 4);
    const unsigned char v4[4] = { 0x12, 0x34, 0x56, 0x78 };
    ck_assert_bytes(v, v4, 4);
    off = xapi_inet6_opt_get_val(appc + d, len, off, v, 8);
    ck_assert_int_eq(off, 12);
    const unsigned char v8[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
    ck_assert_bytes(v, v8, 8);
    ck_assert_fail_errno(xapi_inet6_opt_get_val(appc + d, len, off, v, 1), EINVAL);

    cur = xapi_inet6_opt_next(appc, sizeof(appc), cur, &type, &len, &d);
    ck_assert_int_eq(cur, 28);
    ck_assert_int_eq(type, OPT_Y);
    ck_assert_uint_eq(len, 7);
    ck_assert_uint_eq(d, 21);
    off = xapi_inet6_opt_get_val(appc + d, len, 1, v, 2);
    ck_assert_int_eq(off, 3);
    ck_assert_uint_eq(v[0], 0x13);
    ck_assert_uint_eq(v[1], 0x31);

    ck_assert_fail_errno(xapi_inet6_opt_next(appc, sizeof(appc), cur, &type, &len, &d), ENOENT);

    /* find */
    ck_assert_int_eq(xapi_inet6_opt_find(appc, sizeof(appc), 0, OPT_Y, &len, &d), 28);
    ck_assert_uint_eq(d, 21);
    ck_assert_int_eq(xapi_inet6_opt_find(appc, sizeof(appc), 0, OPT_X, &len, &d), 16);
    ck_assert_fail_errno(xapi_inet6_opt_find(appc, sizeof(appc), 16, OPT_X, &len, &d), ENOENT);
    ck_assert_fail_errno(xapi_inet6_opt_find(appc, sizeof(appc), 0, 0x77, &len, &d), ENOENT);
    ck_assert_fail_errno(xapi_inet6_opt_find(appc, sizeof(appc), 0, 1, &len, &d), EINVAL);

    /* a longer buffer is fine: the header's own length bounds the walk */
    unsigned char big[40];
    memcpy(big, appc, 32);
    memset(big + 32, 0x77, 8);
    ck_assert_fail_errno(xapi_inet6_opt_find(big, sizeof(big), 0, 0x77, &len, &d), ENOENT);
}
END_TEST

START_TEST(opt_append_rules)
{
    unsigned char ext[16];
    size_t d;

    ck_assert_int_eq(xapi_inet6_opt_init(ext, 8), 2);
    ck_assert_fail_errno(xapi_inet6_opt_init(ext, 12), EINVAL);
    ck_assert_fail_errno(xapi_inet6_opt_init(ext, 0), EINVAL);
    ck_assert_fail_errno(xapi_inet6_opt_init(ext, 2056), EINVAL);
    ck_assert_int_eq(xapi_inet6_opt_init(NULL, 12), 2);

    /* Option X does not fit an 8-byte header. */
    ck_assert_fail_errno(xapi_inet6_opt_append(ext, 8, 2, OPT_X, 12, 8, &d), ENOSPC);
    /* Pad1 and PadN types are reserved; bad alignments; align > len */
    ck_assert_fail_errno(xapi_inet6_opt_append(ext, 8, 2, 0, 1, 1, &d), EINVAL);
    ck_assert_fail_errno(xapi_inet6_opt_append(ext, 8, 2, 1, 1, 1, &d), EINVAL);
    ck_assert_fail_errno(xapi_inet6_opt_append(ext, 8, 2, 256, 1, 1, &d), EINVAL);
    ck_assert_fail_errno(xapi_inet6_opt_append(ext, 8, 2, 9, 4, 3, &d), EINVAL);
    ck_assert_fail_errno(xapi_inet6_opt_append(ext, 8, 2, 9, 4, 8, &d), EINVAL);
    ck_assert_fail_errno(xapi_inet6_opt_append(ext, 8, 2, 9, 256, 1, &d), EINVAL);
    ck_assert_fail_errno(xapi_inet6_opt_append(ext, 8, 1, 9, 1, 1, &d), EINVAL);
    /* the length pass knows the 2048-byte ceiling */
    ck_assert_fail_errno(xapi_inet6_opt_append(NULL, 0, 2040, 9, 8, 1, NULL), EMSGSIZE);

    /* A one-byte pad is a Pad1: option of len 4, align 4 after 2 bytes:
     * 2 + 2 + 4 = 8, no pad; then len 2 align 2 at 8: 8 + 4 = 12, none;
     * then len 1, align 1 at 12: 15; finish adds one Pad1 at 15. */
    ck_assert_int_eq(xapi_inet6_opt_init(ext, 16), 2);
    int cur = xapi_inet6_opt_append(ext, 16, 2, 0x21, 4, 4, &d);
    ck_assert_int_eq(cur, 8);
    cur = xapi_inet6_opt_append(ext, 16, cur, 0x22, 2, 2, &d);
    ck_assert_int_eq(cur, 12);
    cur = xapi_inet6_opt_append(ext, 16, cur, 0x23, 1, 1, &d);
    ck_assert_int_eq(cur, 15);
    ck_assert_int_eq(xapi_inet6_opt_finish(ext, 16, cur), 16);
    const unsigned char want[16] = {
        0x00, 0x01, 0x21, 0x04, 0, 0, 0, 0,
        0x22, 0x02, 0, 0, 0x23, 0x01, 0x00, 0x00, /* ..., Pad1 */
    };
    ck_assert_bytes(ext, want, 16);

    /* finish shrinks Hdr Ext Len to what was built */
    unsigned char ext24[24];
    ck_assert_int_eq(xapi_inet6_opt_init(ext24, 24), 2);
    ck_assert_uint_eq(ext24[1], 2);
    ck_assert_int_eq(xapi_inet6_opt_finish(ext24, 24, 2), 8);
    const unsigned char empty[8] = { 0, 0, 0x01, 0x04, 0, 0, 0, 0 };
    ck_assert_bytes(ext24, empty, 8);
    ck_assert_fail_errno(xapi_inet6_opt_next(ext24, 8, 0, NULL, NULL, NULL), ENOENT);
}
END_TEST

START_TEST(opt_malformed)
{
    int type;
    size_t len, d;

    /* option data running past the header's 8 bytes */
    const unsigned char past[8] = { 0, 0, 0x0a, 0x05, 0, 0, 0, 0 };
    ck_assert_fail_errno(xapi_inet6_opt_next(past, 8, 0, &type, &len, &d), EINVAL);
    ck_assert_fail_errno(xapi_inet6_opt_find(past, 8, 0, 0x0a, &len, &d), EINVAL);
    /* a PadN whose length runs past the end is an error, not a skip */
    const unsigned char padn[8] = { 0, 0, 0x01, 0x07, 0, 0, 0, 0 };
    ck_assert_fail_errno(xapi_inet6_opt_next(padn, 8, 0, &type, &len, &d), EINVAL);
    /* a type byte in the last position with no length byte */
    const unsigned char lone[8] = { 0, 0, 0, 0, 0, 0, 0, 0x0a };
    ck_assert_fail_errno(xapi_inet6_opt_next(lone, 8, 0, &type, &len, &d), EINVAL);
    /* truncated: Hdr Ext Len 3 says 32 bytes, only 24 given */
    ck_assert_fail_errno(xapi_inet6_opt_next(appc, 24, 0, &type, &len, &d), EINVAL);
    ck_assert_fail_errno(xapi_inet6_opt_next(appc, 1, 0, &type, &len, &d), EINVAL);
    ck_assert_fail_errno(xapi_inet6_opt_next(NULL, 8, 0, &type, &len, &d), EINVAL);
    /* offsets outside the header */
    ck_assert_fail_errno(xapi_inet6_opt_next(appc, 32, 1, &type, &len, &d), EINVAL);
    ck_assert_fail_errno(xapi_inet6_opt_next(appc, 32, 33, &type, &len, &d), EINVAL);
    ck_assert_fail_errno(xapi_inet6_opt_next(appc, 32, -4, &type, &len, &d), EINVAL);
    /* get/set_val bounds */
    unsigned char v[4];
    ck_assert_fail_errno(xapi_inet6_opt_get_val(appc, 3, 0, v, 4), EINVAL);
    ck_assert_fail_errno(xapi_inet6_opt_get_val(appc, 4, -1, v, 1), EINVAL);
    ck_assert_fail_errno(xapi_inet6_opt_set_val(v, 4, 5, v, 0), ENOSPC);
}
END_TEST

START_TEST(opt_type_bits_and_router_alert)
{
    /* RFC 2460 4.2: two action bits, then the change-en-route bit */
    ck_assert_int_eq(xapi_ip6opt_type(IP6OPT_JUMBO), IP6OPT_TYPE(IP6OPT_JUMBO));
    ck_assert_int_eq(xapi_ip6opt_type(0xc2), 0xc0);
    ck_assert_int_eq(xapi_ip6opt_type(0x05), IP6OPT_TYPE_SKIP);
    ck_assert_int_eq(xapi_ip6opt_type(0x45), IP6OPT_TYPE_DISCARD);
    ck_assert_int_eq(xapi_ip6opt_type(0x85), IP6OPT_TYPE_FORCEICMP);
    ck_assert_int_eq(xapi_ip6opt_mutable(0x25), 1);
    ck_assert_int_eq(xapi_ip6opt_mutable(IP6OPT_ROUTER_ALERT), 0);
    ck_assert_fail_errno(xapi_ip6opt_type(256), EINVAL);
    ck_assert_fail_errno(xapi_ip6opt_mutable(-1), EINVAL);

    /* RFC 2711 Router Alert in a Hop-by-Hop header (as MLD sends it):
     * type 5, length 2, value, then a 2-byte PadN to 8. */
    unsigned char out[8];
    size_t n = 0;
    ck_assert_int_eq(xapi_inet6_opt_router_alert(0, out, sizeof(out), &n), 0);
    ck_assert_uint_eq(n, 8);
    const unsigned char mld[8] = { 0x00, 0x00, 0x05, 0x02, 0x00, 0x00, 0x01, 0x00 };
    ck_assert_bytes(out, mld, 8);
    ck_assert_int_eq(xapi_inet6_opt_router_alert(1, out, sizeof(out), &n), 0);
    const unsigned char rsvp[8] = { 0x00, 0x00, 0x05, 0x02, 0x00, 0x01, 0x01, 0x00 };
    ck_assert_bytes(out, rsvp, 8);
    ck_assert_fail_errno(xapi_inet6_opt_router_alert(0x10000, out, 8, &n), EINVAL);
    ck_assert_fail_errno(xapi_inet6_opt_router_alert(0, out, 7, &n), ENOSPC);
}
END_TEST

/* ================================================================== */
/* Constants                                                            */
/* ================================================================== */

START_TEST(constants_present)
{
    static const struct { const char *name; long value; } want[] = {
        /* values from RFC 4443, RFC 2710, RFC 4861, RFC 2460, RFC 2711 */
        { "ICMP6_DST_UNREACH", 1 },     { "ICMP6_PACKET_TOO_BIG", 2 },
        { "ICMP6_TIME_EXCEEDED", 3 },   { "ICMP6_PARAM_PROB", 4 },
        { "ICMP6_ECHO_REQUEST", 128 },  { "ICMP6_ECHO_REPLY", 129 },
        { "MLD_LISTENER_QUERY", 130 },  { "MLD_LISTENER_REPORT", 131 },
        { "MLD_LISTENER_REDUCTION", 132 },
        { "ND_ROUTER_SOLICIT", 133 },   { "ND_ROUTER_ADVERT", 134 },
        { "ND_NEIGHBOR_SOLICIT", 135 }, { "ND_NEIGHBOR_ADVERT", 136 },
        { "ND_REDIRECT", 137 },
        { "ICMP6_DST_UNREACH_NOPORT", 4 },
        { "ICMP6_PARAMPROB_OPTION", 2 },
        { "IP6OPT_PAD1", 0 },           { "IP6OPT_PADN", 1 },
        { "IP6OPT_JUMBO", 0xc2 },       { "IP6OPT_ROUTER_ALERT", 5 },
        { "IP6OPT_TYPE_SKIP", 0x00 },   { "IP6OPT_TYPE_DISCARD", 0x40 },
        { "IP6OPT_TYPE_FORCEICMP", 0x80 }, { "IP6OPT_TYPE_ICMP", 0xc0 },
        { "IP6OPT_TYPE_MUTABLE", 0x20 },
        { "IPV6_RTHDR_TYPE_0", 0 },     { "IPV6_RTHDR_TYPE_4", 4 },
        /* Linux ABI values (<linux/icmpv6.h>: ICMPV6_FILTER 1) */
        { "ICMP6_FILTER", 1 },
        /* in network order, as the headers define them */
        { "IP6_ALERT_MLD", 0 },
        { "IP6_ALERT_RSVP", (long)IP6_ALERT_RSVP },
        { "IP6F_MORE_FRAG", (long)IP6F_MORE_FRAG },
    };
    for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
        long v = -12345;
        if (xapi_constant_value(want[i].name, &v) != 0)
            ck_abort_msg("constant %s missing from the table (constants.c "
                         "must include <netinet/icmp6.h> and "
                         "<netinet/ip6.h>)", want[i].name);
        ck_assert_msg(v == want[i].value, "%s = %ld, want %ld",
                      want[i].name, v, want[i].value);
    }
    /* each of these once only (constants.c has names of its own) */
    size_t n;
    const xapi_constant *t = xapi_constants(&n);
    for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
        size_t seen = 0;
        for (size_t j = 0; j < n; j++)
            seen += strcmp(t[j].name, want[i].name) == 0;
        ck_assert_msg(seen == 1, "%s appears %zu times", want[i].name, seen);
    }
}
END_TEST

static Suite *rfc3542_suite(void)
{
    Suite *s = suite_create("rfc3542");
    TCase *tc;

    tc = tcase_create("icmp6_filter");
    tcase_add_test(tc, filter_bits_match_linux_macros);
    tcase_add_test(tc, filter_bad_type);
    tcase_add_test(tc, filter_socket_round_trip);
    tcase_add_test(tc, filter_blocks_on_linux);
    tcase_set_timeout(tc, 10);
    suite_add_tcase(s, tc);

    tc = tcase_create("pathmtu");
    tcase_add_test(tc, mtuinfo_decode);
    tcase_add_test(tc, pathmtu_getsockopt);
    tcase_add_test(tc, nexthop_encode);
    suite_add_tcase(s, tc);

    tc = tcase_create("rthdr0");
    tcase_add_test(tc, rth0_space);
    tcase_add_test(tc, rth0_build_and_read);
    tcase_add_test(tc, rth0_reverse);
    tcase_add_test(tc, rth0_malformed);
    suite_add_tcase(s, tc);

    tc = tcase_create("srh");
    tcase_add_test(tc, srh_build_matches_rfc);
    tcase_add_test(tc, srh_tlvs);
    tcase_add_test(tc, srh_parse_plain);
    tcase_add_test(tc, srh_parse_malformed);
    tcase_add_test(tc, srh_too_many_segments);
    tcase_add_test(tc, srh_via_rth_api);
    suite_add_tcase(s, tc);

    tc = tcase_create("options");
    tcase_add_test(tc, opt_appendix_c_build);
    tcase_add_test(tc, opt_appendix_c_parse);
    tcase_add_test(tc, opt_append_rules);
    tcase_add_test(tc, opt_malformed);
    tcase_add_test(tc, opt_type_bits_and_router_alert);
    suite_add_tcase(s, tc);

    tc = tcase_create("constants");
    tcase_add_test(tc, constants_present);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(rfc3542_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
