/*
 * test_timestamp.c - SO_TIMESTAMP, SO_TIMESTAMPNS and SO_TIMESTAMPING:
 * the decoders against payloads laid out by hand from the kernel's uapi
 * structs (include/uapi/linux/time_types.h, errqueue.h), and the real
 * kernel on loopback: every stamp must lie between the wall clock read
 * before the send and after the receive, and a transmit stamp's OPT_ID key
 * must be the count of datagrams sent before it (timestamping.rst).
 * Hardware stamps are tested on the first interface whose driver takes
 * them (root only); without one that test prints why it skips.
 */
#include <config.h>

#include <check.h>
#include <errno.h>
#include <poll.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <net/if.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <linux/errqueue.h>
#include <linux/ethtool.h>
#include <linux/net_tstamp.h>
#include <linux/sockios.h>

#include "xapi.h"

/* ---- hand-made payloads ------------------------------------------- */

START_TEST(timeval_old_layout)
{
    long tv[2] = { 1700000000L, 123456L }; /* __kernel_old_timeval */
    xapi_timestamp t;

    ck_assert_int_eq(xapi_decode_timeval(tv, sizeof(tv), 0, &t), 0);
    ck_assert_int_eq(t.sec, 1700000000);
    ck_assert_int_eq(t.nsec, 123456000);
    /* exactly two longs, nothing else */
    errno = 0;
    ck_assert_int_eq(xapi_decode_timeval(tv, sizeof(tv) - 1, 0, &t), -1);
    ck_assert_int_eq(errno, EINVAL);
    ck_assert_int_eq(xapi_decode_timeval(tv, sizeof(long), 0, &t), -1);
    tv[1] = 1000000; /* a microsecond count of a whole second */
    ck_assert_int_eq(xapi_decode_timeval(tv, sizeof(tv), 0, &t), -1);
    tv[1] = -1;
    ck_assert_int_eq(xapi_decode_timeval(tv, sizeof(tv), 0, &t), -1);
    ck_assert_int_eq(xapi_decode_timeval(NULL, 0, 0, &t), -1);
}
END_TEST

START_TEST(timespec_new_layout)
{
    int64_t ts[2] = { INT64_C(5000000000), 999999999 }; /* __kernel_timespec */
    xapi_timestamp t;

    ck_assert_int_eq(xapi_decode_timespec(ts, 16, 1, &t), 0);
    ck_assert(t.sec == INT64_C(5000000000));
    ck_assert_int_eq(t.nsec, 999999999);
    ck_assert_int_eq(xapi_decode_timespec(ts, 12, 1, &t), -1);
    ck_assert_int_eq(xapi_decode_timespec(ts, 24, 1, &t), -1);
    ts[1] = 1000000000;
    ck_assert_int_eq(xapi_decode_timespec(ts, 16, 1, &t), -1);
    ck_assert_int_eq(errno, EINVAL);
}
END_TEST

START_TEST(timestamping_three_stamps)
{
    long ts[6] = { 10, 20, 0, 0, 30, 40 }; /* struct scm_timestamping */
    int64_t ts64[6] = { 11, 21, 0, 0, 31, 41 }; /* scm_timestamping64 */
    xapi_timestamping t;

    ck_assert_int_eq(xapi_decode_timestamping(ts, sizeof(ts), 0, &t), 0);
    ck_assert_int_eq(t.sw_sec, 10);
    ck_assert_int_eq(t.sw_nsec, 20);
    ck_assert_int_eq(t.legacy_sec, 0);
    ck_assert_int_eq(t.legacy_nsec, 0);
    ck_assert_int_eq(t.hw_sec, 30);
    ck_assert_int_eq(t.hw_nsec, 40);
    ck_assert_int_eq(xapi_decode_timestamping(ts64, 48, 1, &t), 0);
    ck_assert_int_eq(t.sw_sec, 11);
    ck_assert_int_eq(t.hw_nsec, 41);
    ck_assert_int_eq(xapi_decode_timestamping(ts64, 47, 1, &t), -1);
    ck_assert_int_eq(xapi_decode_timestamping(ts64, 16, 1, &t), -1);
    ts64[5] = -5;
    ck_assert_int_eq(xapi_decode_timestamping(ts64, 48, 1, &t), -1);
}
END_TEST

/* One item in a control buffer laid out with the libc's CMSG macros. */
static size_t one_item(unsigned char *buf, size_t cap, int level, int type,
                       const void *data, size_t len)
{
    struct msghdr mh;
    struct cmsghdr *c;

    memset(buf, 0, cap);
    memset(&mh, 0, sizeof(mh));
    mh.msg_control = buf;
    mh.msg_controllen = CMSG_SPACE(len);
    ck_assert_uint_le(CMSG_SPACE(len), cap);
    c = CMSG_FIRSTHDR(&mh);
    c->cmsg_level = level;
    c->cmsg_type = type;
    c->cmsg_len = CMSG_LEN(len);
    memcpy(CMSG_DATA(c), data, len);
    return CMSG_SPACE(len);
}

START_TEST(items_table_rows)
{
    unsigned char buf[128];
    long tv[2] = { 7, 8 }, tsg[6] = { 1, 2, 0, 0, 3, 4 };
    int64_t ts64[2] = { 9, 10 };
    xapi_cmsg c[2];
    xapi_value v[2];
    size_t n, len;

    len = one_item(buf, sizeof(buf), SOL_SOCKET, SCM_TIMESTAMP, tv,
                   sizeof(tv));
    ck_assert_int_eq(xapi_items_parse(buf, len, c, v, 2, &n,
                                      XAPI_ITEMS_STRICT_VALUES, NULL), 0);
    ck_assert_uint_eq(n, 1);
    ck_assert_int_eq(v[0].kind, XAPI_VALUE_TIMESTAMP);
    ck_assert_str_eq(v[0].name, "timestamp");
    ck_assert_int_eq(v[0].timestamp.nsec, 8000);

    len = one_item(buf, sizeof(buf), SOL_SOCKET, SCM_TIMESTAMPNS, tv,
                   sizeof(tv));
    ck_assert_int_eq(xapi_items_parse(buf, len, c, v, 2, &n,
                                      XAPI_ITEMS_STRICT_VALUES, NULL), 0);
    ck_assert_str_eq(v[0].name, "timestampns");
    ck_assert_int_eq(v[0].timestamp.sec, 7);
    ck_assert_int_eq(v[0].timestamp.nsec, 8);

    len = one_item(buf, sizeof(buf), SOL_SOCKET, SCM_TIMESTAMPING, tsg,
                   sizeof(tsg));
    ck_assert_int_eq(xapi_items_parse(buf, len, c, v, 2, &n,
                                      XAPI_ITEMS_STRICT_VALUES, NULL), 0);
    ck_assert_int_eq(v[0].kind, XAPI_VALUE_TIMESTAMPING);
    ck_assert_str_eq(v[0].name, "timestamping");
    ck_assert_int_eq(v[0].timestamping.hw_nsec, 4);

#ifdef SO_TIMESTAMPNS_NEW
    /* 63, 64, 65 (asm-generic/socket.h): the 64-bit forms */
    ck_assert_int_eq(SO_TIMESTAMP_NEW, 63);
    len = one_item(buf, sizeof(buf), SOL_SOCKET, SO_TIMESTAMPNS_NEW, ts64,
                   sizeof(ts64));
    ck_assert_int_eq(xapi_items_parse(buf, len, c, v, 2, &n,
                                      XAPI_ITEMS_STRICT_VALUES, NULL), 0);
    ck_assert_str_eq(v[0].name, "timestampns");
    ck_assert_int_eq(v[0].timestamp.sec, 9);
    ck_assert_int_eq(v[0].timestamp.nsec, 10);
#else
    (void)ts64;
#endif

    /* A lying length: strict parse refuses, a receive keeps raw bytes. */
    len = one_item(buf, sizeof(buf), SOL_SOCKET, SCM_TIMESTAMPNS, tv,
                   sizeof(long));
    errno = 0;
    ck_assert_int_eq(xapi_items_parse(buf, len, c, v, 2, &n,
                                      XAPI_ITEMS_STRICT_VALUES, NULL), -1);
    ck_assert_int_eq(errno, EINVAL);
    ck_assert_int_eq(xapi_items_parse(buf, len, c, v, 2, &n, 0, NULL), 0);
    ck_assert_uint_eq(n, 1);
    ck_assert_int_eq(v[0].kind, XAPI_VALUE_NONE);
}
END_TEST

START_TEST(records_describe_both_kinds)
{
    const xapi_record *r = xapi_record_of(XAPI_VALUE_TIMESTAMP);
    xapi_value v;
    int64_t i;
    const char *s;
    size_t n;

    ck_assert_ptr_nonnull(r);
    ck_assert_str_eq(r->type_name, "Timestamp");
    ck_assert_uint_eq(r->nfields, 2);
    memset(&v, 0, sizeof(v));
    v.kind = XAPI_VALUE_TIMESTAMP;
    v.timestamp.sec = INT64_C(4000000000); /* past 2038 */
    v.timestamp.nsec = 5;
    ck_assert_int_eq(xapi_field_get(&v, &r->fields[0], &i, &s, &n),
                     XAPI_FIELD_INT);
    ck_assert(i == INT64_C(4000000000));
    r = xapi_record_of(XAPI_VALUE_TIMESTAMPING);
    ck_assert_ptr_nonnull(r);
    ck_assert_str_eq(r->type_name, "Timestamping");
    ck_assert_uint_eq(r->nfields, 6);
    ck_assert_str_eq(r->fields[0].name, "sw_sec");
    ck_assert_str_eq(r->fields[5].name, "hw_nsec");
}
END_TEST

START_TEST(tx_find_pairs_and_refuses)
{
    xapi_value v[3];
    xapi_tx_timestamp tx;
    xapi_error e;

    memset(v, 0, sizeof(v));
    v[0].kind = XAPI_VALUE_INT;
    v[1].kind = XAPI_VALUE_TIMESTAMPING;
    v[1].timestamping.sw_sec = 12;
    v[1].timestamping.sw_nsec = 34;
    v[2].kind = XAPI_VALUE_SOCK_ERR;
    v[2].sock_err.ee_errno = ENOMSG;
    v[2].sock_err.origin = SO_EE_ORIGIN_TIMESTAMPING;
    v[2].sock_err.info = SCM_TSTAMP_SND;
    v[2].sock_err.data = 41;
    ck_assert_int_eq(xapi_tx_timestamp_find(v, 3, &tx, NULL), 0);
    ck_assert_uint_eq(tx.key, 41);
    ck_assert_int_eq(tx.tstype, SCM_TSTAMP_SND);
    ck_assert_int_eq(tx.stamps.sw_sec, 12);
    ck_assert_int_eq(tx.stamps.sw_nsec, 34);
    /* an ICMP error beside a stamp is no transmit stamp */
    v[2].sock_err.origin = SO_EE_ORIGIN_ICMP6;
    errno = 0;
    ck_assert_int_eq(xapi_tx_timestamp_find(v, 3, &tx, &e), -1);
    ck_assert_int_eq(errno, ENOENT);
    ck_assert_ptr_null(e.arg);
    ck_assert_int_eq(xapi_tx_timestamp_find(v, 0, &tx, NULL), -1);
    ck_assert_int_eq(errno, ENOENT);
    ck_assert_int_eq(xapi_tx_timestamp_find(NULL, 2, &tx, &e), -1);
    ck_assert_int_eq(errno, EINVAL);
    ck_assert_str_eq(e.arg, "values");
}
END_TEST

/* xapi_tx_timestamp_of: the items as the kernel lays them out (struct
 * scm_timestamping, struct sock_extended_err + the offender), in either
 * order, paired into one TxStamp record. */
START_TEST(tx_of_items_pairs_kernel_layouts)
{
    struct scm_timestamping ts;
    struct {
        struct sock_extended_err ee;
        struct sockaddr_in6 offender;
    } er;
    xapi_item items[3];
    xapi_value out[1];
    size_t n = 99;
    xapi_error e;
    const xapi_record *r;
    int one = 1;

    memset(&ts, 0, sizeof(ts));
    ts.ts[0].tv_sec = 1700000000;
    ts.ts[0].tv_nsec = 123456789;
    memset(&er, 0, sizeof(er));
    er.ee.ee_errno = ENOMSG;
    er.ee.ee_origin = SO_EE_ORIGIN_TIMESTAMPING;
    er.ee.ee_info = SCM_TSTAMP_SND;
    er.ee.ee_data = 7;
    items[0] = (xapi_item){ IPPROTO_IPV6, IPV6_RECVERR, &er, sizeof(er) };
    items[1] = (xapi_item){ IPPROTO_IPV6, IPV6_HOPLIMIT, &one, sizeof(one) };
    items[2] = (xapi_item){ SOL_SOCKET, SO_TIMESTAMPING, &ts, sizeof(ts) };
    ck_assert_int_eq(xapi_tx_timestamp_of(items, 3, out, 1, &n, NULL), 0);
    ck_assert_uint_eq(n, 1);
    ck_assert_int_eq(out[0].kind, XAPI_VALUE_TXSTAMP);
    ck_assert_str_eq(out[0].name, "tx_timestamp");
    ck_assert_uint_eq(out[0].txstamp.key, 7);
    ck_assert_int_eq(out[0].txstamp.tstype, SCM_TSTAMP_SND);
    ck_assert(out[0].txstamp.stamps.sw_sec == 1700000000);
    ck_assert(out[0].txstamp.stamps.sw_nsec == 123456789);
    ck_assert(out[0].txstamp.stamps.hw_sec == 0);
    r = xapi_record_of(XAPI_VALUE_TXSTAMP);
    ck_assert_ptr_nonnull(r);
    ck_assert_str_eq(r->type_name, "TxStamp");
    ck_assert_uint_eq(r->nfields, 6);
    ck_assert_str_eq(r->fields[0].name, "key");
    ck_assert_str_eq(r->fields[2].name, "sec");
    /* an ICMP error beside the stamps: no pair, and no error */
    er.ee.ee_origin = SO_EE_ORIGIN_ICMP6;
    n = 99;
    ck_assert_int_eq(xapi_tx_timestamp_of(items, 3, out, 1, &n, NULL), 0);
    ck_assert_uint_eq(n, 0);
    /* stamps one byte short are malformed: skipped, so no pair */
    er.ee.ee_origin = SO_EE_ORIGIN_TIMESTAMPING;
    items[2].len = sizeof(ts) - 1;
    ck_assert_int_eq(xapi_tx_timestamp_of(items, 3, out, 1, &n, NULL), 0);
    ck_assert_uint_eq(n, 0);
    ck_assert_int_eq(xapi_tx_timestamp_of(items, 0, out, 1, &n, NULL), 0);
    ck_assert_uint_eq(n, 0);
    /* caller errors name their argument */
    errno = 0;
    ck_assert_int_eq(xapi_tx_timestamp_of(NULL, 2, out, 1, &n, &e), -1);
    ck_assert_int_eq(errno, EINVAL);
    ck_assert_str_eq(e.arg, "cmsgs");
    ck_assert_int_eq(xapi_tx_timestamp_of(items, 3, out, 0, &n, &e), -1);
    ck_assert_str_eq(e.arg, "cap");
    items[0].data = NULL;
    ck_assert_int_eq(xapi_tx_timestamp_of(items, 3, out, 1, &n, &e), -1);
    ck_assert_str_eq(e.arg, "cmsgs");
}
END_TEST

/* ---- the real kernel, on loopback ------------------------------------ */

static int64_t now_ns(void)
{
    struct timespec t;

    clock_gettime(CLOCK_REALTIME, &t);
    return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

struct pair {
    int tx, rx;
};

static struct pair udp_pair(void)
{
    struct pair p;
    xapi_addr a;
    char host[XAPI_ADDRSTRLEN];
    unsigned port;

    p.rx = xapi_socket(AF_INET6, SOCK_DGRAM, 0);
    p.tx = xapi_socket(AF_INET6, SOCK_DGRAM, 0);
    ck_assert_int_ge(p.rx, 0);
    ck_assert_int_ge(p.tx, 0);
    ck_assert_int_eq(xapi_bind(p.rx, "::1", 0, NULL), 0);
    ck_assert_int_eq(xapi_getsockname(p.rx, &a), 0);
    ck_assert_int_eq(xapi_addr_format(&a, host, sizeof(host), &port), 0);
    ck_assert_int_eq(xapi_connect(p.tx, "::1", port, NULL), 0);
    return p;
}

/* Receives one datagram (from the error queue with flags MSG_ERRQUEUE)
 * and decodes its items; returns how many. */
static size_t recv_items(int fd, int flags, unsigned char *control,
                         size_t cap, xapi_cmsg *c, xapi_value *v, size_t max)
{
    unsigned char data[64];
    struct iovec iov = { data, sizeof(data) };
    struct pollfd pfd = { fd, flags & MSG_ERRQUEUE ? 0 : POLLIN, 0 };
    xapi_msg m;
    size_t n;

    ck_assert_int_eq(poll(&pfd, 1, 5000), 1);
    memset(&m, 0, sizeof(m));
    m.iov = &iov;
    m.iovlen = 1;
    m.control = control;
    m.controllen = cap;
    ck_assert_int_ge(xapi_recvmsg(fd, &m, flags), 0);
    ck_assert_int_eq(m.flags & MSG_CTRUNC, 0);
    ck_assert_int_eq(xapi_items_parse(control, m.controllen, c, v, max, &n,
                                      XAPI_ITEMS_STRICT_VALUES, NULL), 0);
    return n;
}

static void assert_between(int64_t lo, int64_t sec, int64_t nsec, int64_t hi)
{
    int64_t t = sec * 1000000000 + nsec;

    ck_assert_int_le(lo, t);
    ck_assert_int_le(t, hi);
}

static void rx_stamp(int opt, const char *name, int64_t slack)
{
    struct pair p = udp_pair();
    unsigned char control[256];
    xapi_cmsg c[4];
    xapi_value v[4];
    struct iovec iov = { "hello", 5 };
    int64_t before, after;
    size_t n;

    ck_assert_int_eq(xapi_setsockopt_int(p.rx, SOL_SOCKET, opt, 1), 0);
    before = now_ns();
    ck_assert_int_eq(xapi_send(p.tx, &iov, 1, NULL, NULL, 0, 0, NULL), 5);
    n = recv_items(p.rx, 0, control, sizeof(control), c, v, 4);
    after = now_ns();
    ck_assert_uint_eq(n, 1);
    ck_assert_int_eq(c[0].level, SOL_SOCKET);
    ck_assert_int_eq(c[0].type, opt); /* SCM_TIMESTAMP is SO_TIMESTAMP */
    ck_assert_str_eq(v[0].name, name);
    /* a timeval is cut to the microsecond: the stamp may read up to
     * 999 ns before the clock read before the send */
    assert_between(before - slack, v[0].timestamp.sec, v[0].timestamp.nsec,
                   after);
    xapi_close(p.rx);
    xapi_close(p.tx);
}

START_TEST(rx_so_timestamp)
{
    rx_stamp(SO_TIMESTAMP, "timestamp", 999);
}
END_TEST

START_TEST(rx_so_timestampns)
{
    rx_stamp(SO_TIMESTAMPNS, "timestampns", 0);
}
END_TEST

START_TEST(rx_so_timestamping_software)
{
    struct pair p = udp_pair();
    unsigned char control[256];
    xapi_cmsg c[4];
    xapi_value v[4];
    struct iovec iov = { "x", 1 };
    int64_t before, after;
    size_t n;

    ck_assert_int_eq(xapi_setsockopt_int(p.rx, SOL_SOCKET, SO_TIMESTAMPING,
                                         SOF_TIMESTAMPING_RX_SOFTWARE |
                                             SOF_TIMESTAMPING_SOFTWARE), 0);
    /* Linux turns receive stamping on from a work queue: a datagram that
     * arrives before it ran has no stamp for SO_TIMESTAMPING to report. */
    nanosleep(&(struct timespec){ 0, 200000000 }, NULL);
    before = now_ns();
    ck_assert_int_eq(xapi_send(p.tx, &iov, 1, NULL, NULL, 0, 0, NULL), 1);
    n = recv_items(p.rx, 0, control, sizeof(control), c, v, 4);
    after = now_ns();
    ck_assert_uint_eq(n, 1);
    ck_assert_int_eq(c[0].type, SCM_TIMESTAMPING);
    ck_assert_int_eq(v[0].kind, XAPI_VALUE_TIMESTAMPING);
    assert_between(before, v[0].timestamping.sw_sec,
                   v[0].timestamping.sw_nsec, after);
    /* loopback stamps nothing in hardware; ts[1] is unused */
    ck_assert_int_eq(v[0].timestamping.hw_sec, 0);
    ck_assert_int_eq(v[0].timestamping.hw_nsec, 0);
    ck_assert_int_eq(v[0].timestamping.legacy_sec, 0);
    xapi_close(p.rx);
    xapi_close(p.tx);
}
END_TEST

START_TEST(tx_software_with_opt_id)
{
    struct pair p = udp_pair();
    unsigned char control[512];
    xapi_cmsg c[4];
    xapi_value v[4];
    struct iovec iov = { "abc", 3 };
    int64_t before[3], after;
    xapi_tx_timestamp tx;
    unsigned i;
    size_t n;

    ck_assert_int_eq(xapi_setsockopt_int(p.tx, SOL_SOCKET, SO_TIMESTAMPING,
                                         SOF_TIMESTAMPING_TX_SOFTWARE |
                                             SOF_TIMESTAMPING_SOFTWARE |
                                             SOF_TIMESTAMPING_OPT_ID |
                                             SOF_TIMESTAMPING_OPT_TSONLY),
                     0);
    for (i = 0; i < 3; i++) {
        before[i] = now_ns();
        ck_assert_int_eq(xapi_send(p.tx, &iov, 1, NULL, NULL, 0, 0, NULL),
                         3);
    }
    after = now_ns();
    for (i = 0; i < 3; i++) {
        n = recv_items(p.tx, MSG_ERRQUEUE, control, sizeof(control), c, v,
                       4);
        ck_assert_uint_eq(n, 2);
        ck_assert_int_eq(xapi_tx_timestamp_find(v, n, &tx, NULL), 0);
        /* the key counts the datagrams sent before this one */
        ck_assert_uint_le(tx.key, 2);
        ck_assert_int_eq(tx.tstype, SCM_TSTAMP_SND);
        assert_between(before[tx.key], tx.stamps.sw_sec, tx.stamps.sw_nsec,
                       tx.key < 2 ? before[tx.key + 1] : after);
    }
    xapi_close(p.rx);
    xapi_close(p.tx);
}
END_TEST

/* ---- hardware stamps, where an interface takes them ------------------ */

/* The first interface, up and running, whose driver says (ETHTOOL_GET_TS_
 * INFO, what `ethtool -T` prints) it stamps transmitted packets in
 * hardware and reports raw hardware stamps; 0 and its name, or -1. */
static int hw_interface(int fd, char *name)
{
    struct if_nameindex *ifs = if_nameindex(), *p;
    int found = -1;

    for (p = ifs; p != NULL && p->if_index != 0 && found < 0; p++) {
        struct ethtool_ts_info info;
        struct ifreq ifr;
        unsigned need = SOF_TIMESTAMPING_TX_HARDWARE |
                        SOF_TIMESTAMPING_RAW_HARDWARE;

        memset(&ifr, 0, sizeof(ifr));
        memset(&info, 0, sizeof(info));
        info.cmd = ETHTOOL_GET_TS_INFO;
        snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", p->if_name);
        ifr.ifr_data = (void *)&info;
        if (ioctl(fd, SIOCETHTOOL, &ifr) < 0 ||
            (info.so_timestamping & need) != need ||
            !(info.tx_types & (1u << HWTSTAMP_TX_ON)))
            continue;
        if (ioctl(fd, SIOCGIFFLAGS, &ifr) < 0 ||
            (ifr.ifr_flags & (IFF_UP | IFF_RUNNING)) != (IFF_UP | IFF_RUNNING))
            continue;
        snprintf(name, IF_NAMESIZE, "%s", p->if_name);
        found = 0;
    }
    if (ifs != NULL)
        if_freenameindex(ifs);
    return found;
}

/* A transmit stamp taken by the NIC: the interface is told to stamp
 * (SIOCSHWTSTAMP, tx_type HWTSTAMP_TX_ON; its old setting is put back),
 * one datagram goes to all nodes on its link (ff02::1, the discard port),
 * and the error queue must give its key 0 with a non-zero ts[2]. */
START_TEST(tx_hardware_where_supported)
{
    char name[IF_NAMESIZE], dest[XAPI_ADDRSTRLEN + IF_NAMESIZE];
    struct hwtstamp_config old, cfg;
    struct ifreq ifr;
    unsigned char control[512];
    xapi_cmsg c[4];
    xapi_value v[4];
    xapi_tx_timestamp tx;
    xapi_addr to;
    struct iovec iov = { "hw", 2 };
    size_t n;
    int fd = xapi_socket(AF_INET6, SOCK_DGRAM, 0);

    ck_assert_int_ge(fd, 0);
    if (hw_interface(fd, name) < 0) {
        printf("SKIP tx_hardware_where_supported: no interface up stamps in "
               "hardware (ethtool -T: SOF_TIMESTAMPING_TX_HARDWARE and "
               "RAW_HARDWARE, HWTSTAMP_TX_ON)\n");
        xapi_close(fd);
        return;
    }
    if (geteuid() != 0) {
        printf("SKIP tx_hardware_where_supported: %s stamps in hardware, "
               "but SIOCSHWTSTAMP needs root\n", name);
        xapi_close(fd);
        return;
    }
    memset(&ifr, 0, sizeof(ifr));
    memset(&old, 0, sizeof(old));
    snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", name);
    ifr.ifr_data = (void *)&old;
    if (ioctl(fd, SIOCGHWTSTAMP, &ifr) < 0)
        memset(&old, 0, sizeof(old));
    cfg = old;
    cfg.tx_type = HWTSTAMP_TX_ON;
    ifr.ifr_data = (void *)&cfg;
    if (ioctl(fd, SIOCSHWTSTAMP, &ifr) < 0) {
        printf("SKIP tx_hardware_where_supported: SIOCSHWTSTAMP on %s: %s\n",
               name, strerror(errno));
        xapi_close(fd);
        return;
    }
    ck_assert_int_eq(xapi_setsockopt_int(fd, SOL_SOCKET, SO_TIMESTAMPING,
                                         SOF_TIMESTAMPING_TX_HARDWARE |
                                             SOF_TIMESTAMPING_RAW_HARDWARE |
                                             SOF_TIMESTAMPING_OPT_ID |
                                             SOF_TIMESTAMPING_OPT_TSONLY),
                     0);
    snprintf(dest, sizeof(dest), "ff02::1%%%s", name);
    ck_assert_int_eq(xapi_addr_parse(&to, AF_INET6, dest, 9, NULL), 0);
    ck_assert_int_eq(xapi_send(fd, &iov, 1, &to, NULL, 0, 0, NULL), 2);
    n = recv_items(fd, MSG_ERRQUEUE, control, sizeof(control), c, v, 4);
    ck_assert_int_eq(xapi_tx_timestamp_find(v, n, &tx, NULL), 0);
    ck_assert_uint_eq(tx.key, 0);
    ck_assert_int_eq(tx.tstype, SCM_TSTAMP_SND);
    ck_assert(tx.stamps.hw_sec != 0 || tx.stamps.hw_nsec != 0);
    ck_assert_int_ge(tx.stamps.hw_nsec, 0);
    ck_assert_int_le(tx.stamps.hw_nsec, 999999999);
    ifr.ifr_data = (void *)&old;
    (void)ioctl(fd, SIOCSHWTSTAMP, &ifr);
    xapi_close(fd);
}
END_TEST

static Suite *timestamp_suite(void)
{
    Suite *s = suite_create("timestamp");
    TCase *tc = tcase_create("decode");

    tcase_add_test(tc, timeval_old_layout);
    tcase_add_test(tc, timespec_new_layout);
    tcase_add_test(tc, timestamping_three_stamps);
    tcase_add_test(tc, items_table_rows);
    tcase_add_test(tc, records_describe_both_kinds);
    tcase_add_test(tc, tx_find_pairs_and_refuses);
    tcase_add_test(tc, tx_of_items_pairs_kernel_layouts);
    suite_add_tcase(s, tc);
    tc = tcase_create("loopback");
    tcase_add_test(tc, rx_so_timestamp);
    tcase_add_test(tc, rx_so_timestampns);
    tcase_add_test(tc, rx_so_timestamping_software);
    tcase_add_test(tc, tx_software_with_opt_id);
    suite_add_tcase(s, tc);
    tc = tcase_create("hardware");
    tcase_add_test(tc, tx_hardware_where_supported);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(timestamp_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? 0 : 1;
}
