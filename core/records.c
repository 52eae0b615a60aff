/*
 * records.c - the fields of every record view, described once, so each
 * binding builds native records (struct sequences, hashes, dicts) with one
 * loop and no code per kind.
 */
#include <config.h>

#include <string.h>

#include "internal.h"

#define FIELD(member, ftype, doc) \
    { #member, ftype, offsetof(xapi_value, member), 0, 0, doc }
#define NAMED(name, member, ftype, doc) \
    { name, ftype, offsetof(xapi_value, member), 0, 0, doc }
#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const xapi_field mtuinfo_fields[] = {
    NAMED("addr", mtuinfo.addr, XAPI_FIELD_TEXT,
          "destination address as text ('' when the kernel left it unset, "
          "as Linux's getsockopt(IPV6_PATHMTU) does)"),
    NAMED("ifindex", mtuinfo.ifindex, XAPI_FIELD_UINT,
          "interface index (ip6m_addr.sin6_scope_id)"),
    NAMED("mtu", mtuinfo.mtu, XAPI_FIELD_UINT, "the path MTU (ip6m_mtu)"),
};

static const xapi_field sock_err_fields[] = {
    NAMED("errno", sock_err.ee_errno, XAPI_FIELD_ERRNO,
          "ee_errno: EHOSTUNREACH, EMSGSIZE, ECONNREFUSED, ..."),
    NAMED("origin", sock_err.origin, XAPI_FIELD_INT,
          "ee_origin: SO_EE_ORIGIN_LOCAL, _ICMP, _ICMP6, ..."),
    NAMED("type", sock_err.type, XAPI_FIELD_INT,
          "ee_type: the ICMP(v6) type for the ICMP origins"),
    NAMED("code", sock_err.code, XAPI_FIELD_INT, "ee_code: the ICMP(v6) code"),
    NAMED("info", sock_err.info, XAPI_FIELD_UINT,
          "ee_info: e.g. the MTU of a Packet Too Big"),
    NAMED("data", sock_err.data, XAPI_FIELD_UINT, "ee_data"),
    NAMED("offender", sock_err.offender, XAPI_FIELD_OPT_TEXT,
          "the address that reported the error (the ICMP sender) as text, "
          "or none"),
};

static const xapi_field linkaddr_fields[] = {
    NAMED("ifindex", linkaddr.ifindex, XAPI_FIELD_UINT,
          "sll_ifindex: the interface (0 for an unbound socket's own "
          "address)"),
    NAMED("protocol", linkaddr.protocol, XAPI_FIELD_UINT,
          "sll_protocol in host order: the EtherType (ETH_P_IPV6, ...)"),
    NAMED("pkttype", linkaddr.pkttype, XAPI_FIELD_INT,
          "sll_pkttype: PACKET_HOST, PACKET_BROADCAST, PACKET_MULTICAST, "
          "PACKET_OTHERHOST, PACKET_OUTGOING"),
    NAMED("hatype", linkaddr.hatype, XAPI_FIELD_UINT,
          "sll_hatype: the ARPHRD_* hardware type"),
    { "addr", XAPI_FIELD_BYTES, offsetof(xapi_value, linkaddr.addr),
      offsetof(xapi_value, linkaddr.addrlen), XAPI_LINKADDR_MAX,
      "sll_addr: the hardware address, sll_halen bytes" },
};

static const xapi_field nladdr_fields[] = {
    NAMED("pid", nladdr.pid, XAPI_FIELD_UINT,
          "nl_pid: the port id (0 for the kernel)"),
    NAMED("groups", nladdr.groups, XAPI_FIELD_UINT,
          "nl_groups: the multicast groups, one bit each"),
};

static const xapi_field timestamp_fields[] = {
    NAMED("sec", timestamp.sec, XAPI_FIELD_I64,
          "whole seconds since the epoch (CLOCK_REALTIME)"),
    NAMED("nsec", timestamp.nsec, XAPI_FIELD_I64,
          "nanoseconds, 0..999999999 (SO_TIMESTAMP's microseconds "
          "times 1000)"),
};

static const xapi_field timestamping_fields[] = {
    NAMED("sw_sec", timestamping.sw_sec, XAPI_FIELD_I64,
          "ts[0], the software stamp: seconds (0 when not taken)"),
    NAMED("sw_nsec", timestamping.sw_nsec, XAPI_FIELD_I64,
          "ts[0], the software stamp: nanoseconds"),
    NAMED("legacy_sec", timestamping.legacy_sec, XAPI_FIELD_I64,
          "ts[1], deprecated and zero since Linux 3.17: seconds"),
    NAMED("legacy_nsec", timestamping.legacy_nsec, XAPI_FIELD_I64,
          "ts[1], deprecated and zero since Linux 3.17: nanoseconds"),
    NAMED("hw_sec", timestamping.hw_sec, XAPI_FIELD_I64,
          "ts[2], the raw hardware stamp: seconds (0 when not taken)"),
    NAMED("hw_nsec", timestamping.hw_nsec, XAPI_FIELD_I64,
          "ts[2], the raw hardware stamp: nanoseconds"),
};

static const xapi_field creds_fields[] = {
    NAMED("pid", creds.pid, XAPI_FIELD_INT, "the sender's process id"),
    NAMED("uid", creds.uid, XAPI_FIELD_UINT, "the sender's user id"),
    NAMED("gid", creds.gid, XAPI_FIELD_UINT, "the sender's group id"),
};

static const xapi_field origdst_fields[] = {
    NAMED("addr", origdst.addr, XAPI_FIELD_TEXT,
          "the address the datagram was sent to, as text (with its "
          "'%scope' when link-local), ready for bind"),
    NAMED("port", origdst.port, XAPI_FIELD_UINT,
          "the port it was sent to"),
};

static const xapi_field txstamp_fields[] = {
    NAMED("key", txstamp.key, XAPI_FIELD_UINT,
          "the send's SOF_TIMESTAMPING_OPT_ID key (ee_data): for UDP and "
          "raw sockets the datagrams sent before it since the flag was "
          "set; for TCP the byte offset of its last byte"),
    NAMED("tstype", txstamp.tstype, XAPI_FIELD_INT,
          "what the stamp marks (ee_info): SCM_TSTAMP_SND, _SCHED or _ACK"),
    NAMED("sec", txstamp.stamps.sw_sec, XAPI_FIELD_I64,
          "software stamp, seconds (0 with nsec 0: not taken)"),
    NAMED("nsec", txstamp.stamps.sw_nsec, XAPI_FIELD_I64,
          "software stamp, nanoseconds"),
    NAMED("hw_sec", txstamp.stamps.hw_sec, XAPI_FIELD_I64,
          "raw hardware stamp, seconds (0 with hw_nsec 0: not taken)"),
    NAMED("hw_nsec", txstamp.stamps.hw_nsec, XAPI_FIELD_I64,
          "raw hardware stamp, nanoseconds"),
};

static const xapi_field icmpext_fields[] = {
    NAMED("class_num", icmpext.class_num, XAPI_FIELD_INT,
          "the object's Class-Num: 1 MPLS label stack (RFC 4950), 2 "
          "interface information (RFC 5837), others as sent"),
    NAMED("c_type", icmpext.c_type, XAPI_FIELD_INT,
          "the object's C-Type (RFC 5837: role and which fields follow)"),
    NAMED("label", icmpext.label, XAPI_FIELD_INT,
          "MPLS label stack entry: the 20-bit label; -1 for other objects"),
    NAMED("tc", icmpext.tc, XAPI_FIELD_INT,
          "MPLS entry: traffic class (EXP) bits; -1 for other objects"),
    NAMED("s", icmpext.s, XAPI_FIELD_INT,
          "MPLS entry: 1 at the bottom of the stack; -1 for other objects"),
    NAMED("ttl", icmpext.ttl, XAPI_FIELD_INT,
          "MPLS entry: the entry's TTL; -1 for other objects"),
    NAMED("role", icmpext.role, XAPI_FIELD_INT,
          "interface information: 0 incoming interface, 1 its sub-IP "
          "component, 2 outgoing interface, 3 next hop; -1 for others"),
    NAMED("ifindex", icmpext.ifindex, XAPI_FIELD_UINT,
          "interface information: the sender's ifIndex; 0 when absent"),
    NAMED("addr", icmpext.addr, XAPI_FIELD_OPT_TEXT,
          "interface information: the interface's IP address as text, or "
          "none"),
    NAMED("name", icmpext.name, XAPI_FIELD_OPT_TEXT,
          "interface information: the interface's name, or none"),
    NAMED("mtu", icmpext.mtu, XAPI_FIELD_UINT,
          "interface information: the interface's MTU; 0 when absent"),
    NAMED("offset", icmpext.offset, XAPI_FIELD_UINT,
          "where the object starts in the bytes parsed"),
    NAMED("length", icmpext.length, XAPI_FIELD_UINT,
          "the object's length, header included (its bytes are "
          "[offset, offset + length) of the bytes parsed)"),
};

/* One row per record kind.  A new kind: its union member in xapi.h, its
 * fields above, its row here, its row in items.c's item table. */
static const xapi_record records[] = {
    { XAPI_VALUE_MTUINFO, "MtuInfo",
      "struct ip6_mtuinfo (RFC 3542 section 11): (addr, ifindex, mtu)",
      mtuinfo_fields, COUNT(mtuinfo_fields) },
    { XAPI_VALUE_SOCK_ERR, "SockErr",
      "an extended socket error from the error queue (struct "
      "sock_extended_err and its offender)",
      sock_err_fields, COUNT(sock_err_fields) },
    { XAPI_VALUE_LINKADDR, "LinkAddr",
      "an AF_PACKET address (packet(7) struct sockaddr_ll): (ifindex, "
      "protocol, pkttype, hatype, addr)",
      linkaddr_fields, COUNT(linkaddr_fields) },
    { XAPI_VALUE_NLADDR, "NlAddr",
      "an AF_NETLINK address (netlink(7) struct sockaddr_nl): (pid, groups)",
      nladdr_fields, COUNT(nladdr_fields) },
    { XAPI_VALUE_TIMESTAMP, "Timestamp",
      "a receive timestamp (SO_TIMESTAMP, SO_TIMESTAMPNS): (sec, nsec)",
      timestamp_fields, COUNT(timestamp_fields) },
    { XAPI_VALUE_TIMESTAMPING, "Timestamping",
      "struct scm_timestamping (SO_TIMESTAMPING): software, legacy and "
      "hardware stamps",
      timestamping_fields, COUNT(timestamping_fields) },
    { XAPI_VALUE_CREDS, "Creds",
      "SCM_CREDENTIALS (unix(7) struct ucred): (pid, uid, gid)",
      creds_fields, COUNT(creds_fields) },
    { XAPI_VALUE_ORIGDST, "OrigDst",
      "the original destination of a datagram (IP_ORIGDSTADDR, "
      "IPV6_ORIGDSTADDR): (addr, port)",
      origdst_fields, COUNT(origdst_fields) },
    { XAPI_VALUE_ICMPEXT, "IcmpExt",
      "one record of an ICMP extension structure (RFC 4884): an MPLS "
      "label stack entry (RFC 4950), an interface information object "
      "(RFC 5837) or another object",
      icmpext_fields, COUNT(icmpext_fields) },
    { XAPI_VALUE_TXSTAMP, "TxStamp",
      "a transmit timestamp paired with its send (the SO_TIMESTAMPING "
      "stamps and the error-queue sock_err of one message): (key, tstype, "
      "sec, nsec, hw_sec, hw_nsec)",
      txstamp_fields, COUNT(txstamp_fields) },
};

const xapi_record *xapi_record_of(int kind)
{
    size_t i;

    for (i = 0; i < COUNT(records); i++)
        if (records[i].kind == kind)
            return &records[i];
    errno = EINVAL;
    return NULL;
}

const xapi_record *xapi_record_at(size_t i)
{
    return i < COUNT(records) ? &records[i] : NULL;
}

int xapi_field_get(const xapi_value *v, const xapi_field *f, int64_t *i,
                   const char **s, size_t *n)
{
    const char *p;

    if (v == NULL || f == NULL || i == NULL || s == NULL || n == NULL)
        return xapi_fail(EINVAL);
    p = (const char *)v + f->offset;
    switch (f->type) {
    case XAPI_FIELD_INT:
    case XAPI_FIELD_ERRNO: {
        int x;
        memcpy(&x, p, sizeof(x));
        *i = x;
        if (f->type == XAPI_FIELD_ERRNO)
            *s = xapi_errno_name(x);
        return XAPI_FIELD_INT;
    }
    case XAPI_FIELD_UINT: {
        unsigned x;
        memcpy(&x, p, sizeof(x));
        *i = x;
        return XAPI_FIELD_INT;
    }
    case XAPI_FIELD_I64:
        memcpy(i, p, sizeof(*i));
        return XAPI_FIELD_INT;
    case XAPI_FIELD_TEXT:
    case XAPI_FIELD_OPT_TEXT:
        *s = p;
        *n = strlen(p);
        if (*n == 0 && f->type == XAPI_FIELD_OPT_TEXT)
            return 0;
        return XAPI_FIELD_TEXT;
    case XAPI_FIELD_BYTES:
        memcpy(n, (const char *)v + f->len_offset, sizeof(*n));
        if (*n > f->cap)
            return xapi_fail(EINVAL);
        *s = p;
        return XAPI_FIELD_BYTES;
    default:
        return xapi_fail(EINVAL);
    }
}
