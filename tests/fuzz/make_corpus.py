#!/usr/bin/env python3
"""Writes the seed corpus in corpus/NAME/ for each harness.

The seeds are hand-built from the RFC formats (RFC 2460 4.4 and Appendix
B, RFC 3542 Appendix C, RFC 8754 section 2, RFC 2711) and the Linux x86_64
cmsghdr layout; they are the unit tests' vectors plus a few malformed
ones.  Run it from this directory; the output is committed.
"""
import os
import socket
import struct

def db8(n):
    return bytes([0x20, 0x01, 0x0d, 0xb8] + [0] * 11 + [n])

def write(name, seeds):
    d = os.path.join("corpus", name)
    os.makedirs(d, exist_ok=True)
    for fname, data in seeds.items():
        with open(os.path.join(d, fname), "wb") as f:
            f.write(data)

# --- routing headers ------------------------------------------------------
rth0 = bytes([0x3a, 4, 0, 2, 0, 0, 0, 0]) + db8(1) + db8(2)
srh3 = bytes([41, 6, 4, 2, 2, 0, 0x12, 0x34]) + db8(3) + db8(2) + db8(1)
srh1_tlv = (bytes([59, 3, 4, 1, 0, 0x80, 0, 7]) + db8(9)
            + bytes([0x00, 0x04, 0x05, 0, 0, 0, 0, 0]))
write("fuzz_rthdr", {
    "type0_two": rth0,
    "type0_empty": bytes(8),
    "srh_three": srh3,
    "srh_tlv": srh1_tlv,
    "srh_segleft_full": srh3[:3] + bytes([3]) + srh3[4:],
    "bad_odd_len": bytes([0, 3, 0, 0, 0, 0, 0, 0]) + bytes(32),
    "bad_segleft": bytes([0, 2, 0, 2, 0, 0, 0, 0]) + db8(1),
    "bad_last_entry": srh3[:4] + bytes([3]) + srh3[5:],
    "bad_truncated": srh3[:40],
    "bad_tlv": srh1_tlv[:24] + bytes([5, 8, 0, 0, 0, 0, 0, 0]),
    # What xapi_rth_build writes (Segments Left n, Next Header 0), so the
    # harness's parse-then-build round trip starts from a hit.
    "type0_full": bytes([0, 4, 0, 2, 0, 0, 0, 0]) + db8(1) + db8(2),
    "srh_path_full": bytes([0, 4, 4, 2, 1, 0, 0, 0]) + db8(2) + db8(1),
    # RFC 6275 6.4's type 2: another routing type (EOPNOTSUPP).
    "other_type2": bytes([0, 2, 2, 1, 0, 0, 0, 0]) + db8(1),
    # 33 segments: a routing header, but more than an SRH decode takes.
    "srh_33": bytes([0, 66, 4, 0, 32, 0, 0, 0]) + bytes(33 * 16),
})

# --- options (RFC 2460 Appendix B / RFC 3542 Appendix C) --------------------
appc = bytes([0x00, 0x03, 0x0a, 0x0c, 0x12, 0x34, 0x56, 0x78,
              1, 2, 3, 4, 5, 6, 7, 8,
              0x01, 0x01, 0x00, 0x14, 0x07, 0x01, 0x13, 0x31,
              1, 2, 3, 4, 0x01, 0x02, 0x00, 0x00])
write("fuzz_opt", {
    "appendix_c": appc,
    "router_alert": bytes([0, 0, 5, 2, 0, 0, 1, 0]),
    "pad1s": bytes([0, 0, 0, 0, 0, 0, 0, 0]),
    "bad_past_end": bytes([0, 0, 0x0a, 5, 0, 0, 0, 0]),
    "bad_padn": bytes([0, 0, 1, 7, 0, 0, 0, 0]),
    "bad_lone_type": bytes([0, 0, 0, 0, 0, 0, 0, 0x0a]),
    "recipe": bytes([0x0a, 12, 3, 0x14, 7, 2, 0xc2, 4, 2, 0x05, 2, 1]),
})

# --- control buffers (Linux: cmsg_len size_t, level int, type int; 8-byte
# alignment) -------------------------------------------------------------
def cmsg(level, ctype, payload):
    hdr = struct.pack("=QiI", 16 + len(payload), level, ctype)
    pad = (-len(payload)) % 8
    return hdr + payload + bytes(pad)

SOL_IP, SOL_IPV6 = 0, 41
IP_TTL, IP_TOS, IP_PKTINFO = 2, 1, 8
IPV6_PKTINFO, IPV6_HOPLIMIT, IPV6_TCLASS, IPV6_PATHMTU = 50, 52, 67, 61
IPV6_RTHDR, IPV6_HOPOPTS = 57, 54
pktinfo6 = socket.inet_pton(socket.AF_INET6, "2001:db8::1") + struct.pack("=I", 2)
pktinfo4 = struct.pack("=i", 2) + socket.inet_aton("192.0.2.1") + socket.inet_aton("192.0.2.2")
mtuinfo = (struct.pack("=HHI", socket.AF_INET6, 0, 0)
           + socket.inet_pton(socket.AF_INET6, "2001:db8::1")
           + struct.pack("=I", 3) + struct.pack("=I", 1280))
write("fuzz_cmsg", {
    "hoplimit_pktinfo": cmsg(SOL_IPV6, IPV6_HOPLIMIT, struct.pack("=i", 64))
                        + cmsg(SOL_IPV6, IPV6_PKTINFO, pktinfo6),
    "ttl_tos_pktinfo4": cmsg(SOL_IP, IP_TTL, struct.pack("=i", 64))
                        + cmsg(SOL_IP, IP_TOS, bytes([0x10]))
                        + cmsg(SOL_IP, IP_PKTINFO, pktinfo4),
    "tclass_pathmtu": cmsg(SOL_IPV6, IPV6_TCLASS, struct.pack("=i", 0x2e))
                      + cmsg(SOL_IPV6, IPV6_PATHMTU, mtuinfo),
    "rthdr_hopopts": cmsg(SOL_IPV6, IPV6_RTHDR, srh3)
                     + cmsg(SOL_IPV6, IPV6_HOPOPTS, bytes([0, 0, 5, 2, 0, 0, 1, 0])),
    "bad_len_past_end": struct.pack("=QiI", 64, SOL_IPV6, IPV6_HOPLIMIT) + bytes(8),
    "bad_len_short": struct.pack("=QiI", 8, SOL_IPV6, IPV6_HOPLIMIT) + bytes(8),
    "trailing_bytes": cmsg(SOL_IPV6, IPV6_HOPLIMIT, struct.pack("=i", 1)) + bytes(7),
    # SOL_SOCKET 1: SO_TIMESTAMP 29, SO_TIMESTAMPNS 35, SO_TIMESTAMPING 37,
    # SO_TIMESTAMPNS_NEW 64; the last one cut short
    "timestamps": cmsg(1, 29, struct.pack("=qq", 5, 999999))
                  + cmsg(1, 35, struct.pack("=qq", 5, 6))
                  + cmsg(1, 37, struct.pack("=6q", 1, 2, 0, 0, 3, 4))
                  + cmsg(1, 64, struct.pack("=qq", 7, 8)),
    "bad_timestampns_short": cmsg(1, 35, struct.pack("=q", 5)),
    # The per-send SO_TIMESTAMPING item (SOL_SOCKET 1, 37, a u32 of flags):
    # TX_SOFTWARE|TX_SCHED, then RX_SOFTWARE (not a per-send flag)
    "tsflags_per_send": cmsg(1, 37, struct.pack("=I", 0x102))
                        + cmsg(1, 37, struct.pack("=I", 0x8)),
    # unix(7): SOL_SOCKET 1, SCM_RIGHTS 1, SCM_CREDENTIALS 2 (struct ucred)
    "rights_creds": cmsg(1, 1, struct.pack("=3i", 3, 4, 5))
                    + cmsg(1, 2, struct.pack("=iII", 1, 0, 0)),
    "rights_cut": cmsg(1, 1, bytes(5)),
    "rights_negative": cmsg(1, 1, struct.pack("=2i", 7, -1)),
    # issue 10: IP_ORIGDSTADDR (20) / IPV6_ORIGDSTADDR (74) sockaddrs,
    # IPV6_FLOWINFO (11) a big-endian word, SO_RXQ_OVFL (SOL_SOCKET 1, 40)
    "origdst_flowinfo_ovfl":
        cmsg(SOL_IP, 20, struct.pack("=H", socket.AF_INET) + bytes([0x12, 0x34])
             + socket.inet_aton("192.0.2.7") + bytes(8))
        + cmsg(SOL_IPV6, 74, struct.pack("=H", socket.AF_INET6) + bytes([0, 53])
               + bytes(4) + socket.inet_pton(socket.AF_INET6, "fe80::1")
               + struct.pack("=I", 1))
        + cmsg(SOL_IPV6, 11, bytes([0x0b, 0x81, 0x23, 0x45]))
        + cmsg(1, 40, bytes([0xff] * 4)),
})

# --- typed decoders: first byte picks the decoder --------------------------
write("fuzz_decoders", {
    "mtuinfo": bytes([0]) + mtuinfo,
    "int": bytes([1]) + struct.pack("=i", 255),
    "pktinfo6": bytes([2]) + pktinfo6,
    "pktinfo4": bytes([3]) + pktinfo4,
    "filter": bytes([4]) + b"\xff" * 16 + b"\xfd\xff\xff\xff" + b"\xff" * 12,
    # struct sock_extended_err (errno, origin, type, code, pad, info, data)
    # and the offender: Time Exceeded from 2001:db8:1::1, and a local
    # EMSGSIZE with no offender (family AF_UNSPEC).
    "sock_err_icmp6": bytes([5]) + struct.pack("=IBBBBII", 113, 3, 3, 0, 0, 0, 0)
                      + struct.pack("=HHI", socket.AF_INET6, 0, 0) + db8(1)
                      + bytes(4),
    "sock_err_local": bytes([5]) + struct.pack("=IBBBBII", 90, 1, 0, 0, 0, 1280, 0)
                      + bytes(28),
    "srh": bytes([6]) + srh1_tlv,
    # timestamps: a timeval / timespec (two 64-bit words), scm_timestamping
    # (three), and a nanosecond count of a whole second
    "timespec": bytes([7]) + struct.pack("=qq", 1700000000, 999999999),
    "timestamping": bytes([7]) + struct.pack("=6q", 1, 2, 0, 0, 3, 4),
    "bad_timespec_nsec": bytes([7]) + struct.pack("=qq", 1, 1000000000),
})

# --- whole-batch decode: a count byte, then per message (controllen as
# claimed, datalen as claimed, address length as claimed, control bytes
# that follow) and the control bytes; lengths may lie on purpose --------
def bmsg(control, claimed=None, datalen=4, addrlen=28):
    claimed = len(control) if claimed is None else claimed
    return struct.pack("<HHBH", claimed, datalen, addrlen, len(control)) + control

hop64 = cmsg(SOL_IPV6, IPV6_HOPLIMIT, struct.pack("=i", 64))
hop9 = cmsg(SOL_IPV6, IPV6_HOPLIMIT, struct.pack("=i", 9))
pkt = cmsg(SOL_IPV6, IPV6_PKTINFO, pktinfo6)
write("fuzz_batch", {
    "same_items": bytes([2]) + bmsg(hop64 + pkt) * 3,
    "changing_items": bytes([3]) + bmsg(hop64) + bmsg(hop9) + bmsg(hop9)
                      + bmsg(b""),
    "lying_lengths": bytes([1]) + bmsg(hop64, claimed=4000, datalen=9000,
                                       addrlen=255)
                     + bmsg(struct.pack("=QiI", 200, SOL_IPV6, IPV6_HOPLIMIT)),
    "bad_payload": bytes([0]) + bmsg(cmsg(SOL_IPV6, IPV6_HOPLIMIT, b"\1")),
})

# --- address text: byte 0 picks the family (0 AF_UNSPEC, 1 AF_INET,
# 2 AF_INET6, 3 AF_UNIX, 4 AF_PACKET, 5 -1), bytes 1..4 the port (little
# endian, any 32-bit value), the rest is the host text.  With byte 0's top
# bit set, bytes 1..2 are a socklen and the rest a raw sockaddr to format.
# Text forms from RFC 4291 2.2 and RFC 5952 (IPv6), RFC 4007 11.2 (scope
# zones), unix(7) (paths, the unnamed and the abstract namespace).
UNSPEC, INET, INET6, UNIX, PACKET, BAD = range(6)
def addr(fam, port, host):
    return bytes([fam]) + struct.pack("<I", port) + host.encode()
def raw(sa):
    return bytes([0x80]) + struct.pack("<H", len(sa)) + sa
sin6 = (struct.pack("=HHI", socket.AF_INET6, socket.htons(53), 0)
        + db8(1) + struct.pack("=I", 1))
write("fuzz_addr", {
    "v4": addr(INET, 80, "192.0.2.1"),
    "v4_guess": addr(UNSPEC, 65535, "198.51.100.255"),
    "v6": addr(INET6, 443, "2001:db8::1"),
    "v6_full": addr(UNSPEC, 0, "2001:0db8:0000:0000:0001:0000:0000:0001"),
    "v6_v4mapped": addr(INET6, 1, "::ffff:192.0.2.1"),
    "v6_scope_name": addr(INET6, 546, "fe80::1%lo"),
    "v6_scope_index": addr(UNSPEC, 547, "fe80::1%4294967295"),
    "unix_path": addr(UNIX, 0, "/run/xapi.sock"),
    "unix_abstract": addr(UNSPEC, 7, "@xapi"),
    "unix_unnamed": addr(UNIX, 0, ""),
    "bad_port": addr(INET, 65536, "192.0.2.1"),
    "bad_port_max": addr(INET6, 0xffffffff, "::1"),
    "bad_v4": addr(INET, 1, "192.0.2.256"),
    "bad_v6": addr(INET6, 1, "2001:db8:::1"),
    "bad_scope_empty": addr(INET6, 1, "fe80::1%"),
    "bad_scope_range": addr(INET6, 1, "fe80::1%4294967296"),
    "bad_scope_name": addr(INET6, 1, "fe80::1%no-such-if0"),
    "bad_unix_long": addr(UNIX, 0, "/" + "x" * 108),
    "bad_abstract_long": addr(UNIX, 0, "@" + "y" * 108),
    "bad_family": addr(PACKET, 1, "192.0.2.1"),
    "bad_family_neg": addr(BAD, 1, "::1"),
    "raw_in": raw(struct.pack("=HH", socket.AF_INET, socket.htons(80))
                  + socket.inet_aton("192.0.2.1") + bytes(8)),
    "raw_in6_scope": raw(sin6),
    "raw_unix_nul": raw(struct.pack("=H", socket.AF_UNIX) + b"/tmp/x\0"),
    "raw_unix_no_nul": raw(struct.pack("=H", socket.AF_UNIX) + b"/tmp/x"),
    "raw_abstract": raw(struct.pack("=H", socket.AF_UNIX) + b"\0name"),
    "raw_abstract_nul": raw(struct.pack("=H", socket.AF_UNIX) + b"\0na\0me"),
    "raw_short_in6": raw(sin6[:20]),
    "raw_empty": raw(b""),
    # Every family whole (xapi_addr_view_of): sockaddr_ll as recvmsg and
    # getsockname give it, one whose sll_halen lies, sockaddr_nl, and a
    # family with neither text nor record (AF_VSOCK's sockaddr_vm).
    "raw_packet": raw(struct.pack("=HHiHBB", 17, socket.htons(0x86dd), 1,
                                  772, 4, 6) + bytes(8)),
    "raw_packet_sockname": raw(struct.pack("=HHiHBB", 17, socket.htons(3),
                                           0, 0, 0, 0)),
    "raw_packet_halen_lies": raw(struct.pack("=HHiHBB", 17, 0, 1, 1, 0, 9)
                                 + bytes(8)),
    "raw_netlink": raw(struct.pack("=HHII", 16, 0, 1234, 5)),
    "raw_netlink_short": raw(struct.pack("=HHI", 16, 0, 1234)),
    "raw_vsock": raw(struct.pack("=HHIIB3x", 40, 0, 0xffffffff, 0xffffffff,
                                 0)),
})

# --- ICMP extensions (RFC 4884, 4950, 5837) ---------------------------------
# The first byte picks the parse: 0 an ICMP message, 1 ICMPv6, 2 a
# structure alone.  The unit tests' messages, with their checksums.
def icmp_csum(b):
    if len(b) % 2:
        b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return ~s & 0xffff

def ext_struct(objs, sum_it=True):
    body = b"".join(objs)
    c = icmp_csum(bytes([0x20, 0, 0, 0]) + body) if sum_it else 0
    return bytes([0x20, 0]) + struct.pack("!H", c) + body

def ext_obj(cls, ctype, payload):
    return struct.pack("!HBB", 4 + len(payload), cls, ctype) + payload

mpls2 = ext_obj(1, 1, struct.pack("!II", 24001 << 12 | 1,
                                   16 << 12 | 5 << 9 | 1 << 8 | 255))
ifinfo = ext_obj(2, 0x0f, struct.pack("!IHH", 11, 2, 0) + db8(1)
                 + bytes([8]) + b"eth0\0\0\0" + struct.pack("!I", 1500))
orig = bytes(128)
write("fuzz_icmpext", {
    "v4_mpls": b"\0" + bytes([11, 0, 0, 0, 0, 32, 0, 0]) + orig
               + ext_struct([mpls2]),
    "v6_ifinfo": b"\1" + bytes([3, 0, 0, 0, 16, 0, 0, 0]) + orig
                 + ext_struct([ifinfo]),
    "v4_outgoing_other": b"\0" + bytes([3, 1, 0, 0, 0, 32, 0, 0]) + orig
        + ext_struct([ext_obj(2, 0x8c, struct.pack("!IHH", 7, 1, 0)
                              + bytes([192, 0, 2, 1])),
                      ext_obj(3, 1, b"\xde\xad\xbe\xef")]),
    "struct_nosum": b"\2" + ext_struct([mpls2, ifinfo], sum_it=False),
    "struct_lying_length": b"\2" + bytes([0x20, 0, 0, 0, 0, 0x40, 1, 1])
                           + bytes(8),
    "v4_no_ext": b"\0" + bytes([11, 0, 0, 0, 0, 0, 0, 0]) + bytes(28),
    # ee_data as struct sock_ee_data_rfc4884 (len 80, flags 0), then the
    # bytes a UDP socket's error queue gives: 80 of payload, the structure.
    "errqueue_at_80": b"\3" + struct.pack("=HBB", 80, 0, 0) + bytes(80)
                      + ext_struct([mpls2]),
    "errqueue_invalid": b"\3" + struct.pack("=HBB", 80, 1, 0) + bytes(80)
                        + ext_struct([mpls2]),
})
