# ops_rfc3542.py - matrix operations for the rfc3542 cases (SPEC.md), executed
# inside runner.py's namespace (see the loader at the end of runner.py).
#
# The ops use both Python APIs: the idiomatic one (xapi.rth_reverse,
# xapi.srh_build, xapi.opt_parse, xapi.Icmp6Filter, ...) and PyXAPI's
# (xapi.rfc3542: inet6_rth objects for rth_init/rth_add, inet6_opt with the
# lengths-only pass for opt_build, inet6_opt_find/get_val), and check that
# the two agree where both apply.  Variables (VARS) always hold the bytes
# the binding produced (.data or the function's result); NATIVE keeps the
# object beside them.

import xapi.rfc3542 as _r3542

NATIVE = {}        # variable name -> the binding's object for it
LAST_SRH = [None]  # the last srh_parse result
LAST_OPTS = [None]  # the last opt_walk result


def _rfc3542_cleanup(runner):
    NATIVE.clear()
    LAST_SRH[0] = None
    LAST_OPTS[0] = None


CLEANUP_HOOKS.append(_rfc3542_cleanup)


def _var(name):
    return parse_bytes("v:" + name)


def _same_addr(a, b):
    try:
        return socket.inet_pton(socket.AF_INET6, a) == \
            socket.inet_pton(socket.AF_INET6, b)
    except OSError:
        return False


def _int_list(word):
    return [parse_int(w) for w in word.split(",") if w]


# ------------------------------------------------------------ ICMPv6 filter

def _filter(name):
    f = NATIVE.get(name)
    if isinstance(f, xapi.Icmp6Filter):
        return f
    f = call(xapi.Icmp6Filter.from_bytes, _var(name))
    NATIVE[name] = f
    return f


def _keep_filter(name, f):
    NATIVE[name] = f
    data = f.data
    if type(data) is not bytes or len(data) != 32:
        raise CaseFailed("filter data is %r, not 32 bytes" % (data,))
    VARS[name] = data


def op_icmp6_filter(self, name, how):
    if how == "passall":
        f = call(xapi.Icmp6Filter.pass_all)
    elif how == "blockall":
        # PyXAPI's object and method; it is an Icmp6Filter too
        f = _r3542.icmp6_filter()
        call(f.ICMP6_FILTER_SETBLOCKALL)
    else:
        raise CaseFailed("icmp6_filter: passall or blockall, not %r" % how)
    _keep_filter(name, f)


def op_icmp6_filter_pass(self, name, t):
    f = _filter(name)
    call(f.set_pass, parse_int(t))
    _keep_filter(name, f)


def op_icmp6_filter_block(self, name, t):
    f = _filter(name)
    call(f.set_block, parse_int(t))
    _keep_filter(name, f)


def op_expect_icmp6_filter(self, name, *words):
    f = _filter(name)
    opts = options(words, multi=())
    for t in _int_list(opts.get("pass", "")):
        if call(f.will_pass, t) is not True or call(f.will_block, t) is not False:
            raise CaseFailed("type %d does not pass" % t)
    for t in _int_list(opts.get("block", "")):
        if call(f.will_block, t) is not True or call(f.will_pass, t) is not False:
            raise CaseFailed("type %d is not blocked" % t)


def op_icmp6_filter_install(self, sock, name):
    call(xapi.set_icmp6_filter, self.sock(sock), _filter(name))


def op_icmp6_filter_read(self, name, sock):
    _keep_filter(name, call(xapi.get_icmp6_filter, self.sock(sock)))


# ----------------------------------------------------------- routing headers

def _rth(name):
    """The variable as an inet6_rth (PyXAPI's object), made from its bytes
    if the case set them by hand; set_from_data checks them."""
    r = NATIVE.get(name)
    if isinstance(r, _r3542.inet6_rth):
        return r
    r = _r3542.inet6_rth()
    call(r.set_from_data, _var(name))
    NATIVE[name] = r
    return r


def op_expect_rth_space(self, t, segments, n):
    got = call(xapi.rth_space, parse_int(t), parse_int(segments))
    if got != parse_int(n):
        raise CaseFailed("rth_space(%s, %s) = %r, expected %s"
                         % (t, segments, got, n))
    compat = call(_r3542.inet6_rth_space, parse_int(t), parse_int(segments))
    if compat != got:
        raise CaseFailed("inet6_rth_space gives %r, rth_space %r" % (compat, got))


def op_rth_space(self, t, segments):
    call(xapi.rth_space, parse_int(t), parse_int(segments))


def op_rth_init(self, name, t, segments):
    ty, n = parse_int(t), parse_int(segments)
    space = call(xapi.rth_space, ty, n)
    r = call(_r3542.inet6_rth_init, _r3542.inet6_rth(), ty, n)
    if len(r.data) != space:
        raise CaseFailed("inet6_rth_init made %d bytes, rth_space says %d"
                         % (len(r.data), space))
    NATIVE[name] = r
    VARS[name] = r.data


def op_rth_add(self, name, addr):
    r = _rth(name)
    call(_r3542.inet6_rth_add, r, addr)
    VARS[name] = r.data


def op_rth_reverse(self, name):
    # in place, through the idiomatic call on a writable copy
    buf = bytearray(_var(name))
    call(xapi.rth_reverse_into, buf)
    NATIVE.pop(name, None)
    VARS[name] = bytes(buf)


def op_rth_reverse_copy(self, new, name):
    before = _var(name)
    got = call(xapi.rth_reverse, before)
    if type(got) is not bytes:
        raise CaseFailed("rth_reverse gave %r, not bytes" % (got,))
    # PyXAPI's form into a second object must agree
    out = _r3542.inet6_rth()
    call(_r3542.inet6_rth_reverse, _rth(name), out)
    if out.data != got:
        raise CaseFailed("inet6_rth_reverse gave %s, rth_reverse %s"
                         % (out.data.hex(), got.hex()))
    if _var(name) != before:
        raise CaseFailed("rth_reverse changed its input")
    NATIVE.pop(new, None)
    VARS[new] = got


def op_expect_rth_segments(self, name, n):
    got = call(xapi.rth_segments, _var(name))
    if got != parse_int(n):
        raise CaseFailed("rth_segments = %r, expected %s" % (got, n))


def op_expect_rth_addr(self, name, index, addr):
    got = call(xapi.rth_getaddr, _var(name), parse_int(index))
    if not isinstance(got, str) or not _same_addr(got, addr):
        raise CaseFailed("rth_getaddr(%s) = %r, expected %s" % (index, got, addr))


def op_rth_getaddr(self, name, index):
    call(xapi.rth_getaddr, _var(name), parse_int(index))


def op_rth_segments(self, name):
    call(xapi.rth_segments, _var(name))


# ------------------------------------------------------ Segment Routing Header

def op_srh_build(self, name, *words):
    opts = options(words, multi=())
    if "list" not in opts or "left" not in opts:
        raise CaseFailed("srh_build needs list= and left=")
    got = call(xapi.srh_build, opts["list"].split(","),
               parse_int(opts["left"]), parse_int(opts.get("nh", "0")),
               parse_int(opts.get("flags", "0")), parse_int(opts.get("tag", "0")),
               parse_bytes(opts.get("tlv", "x:")))
    if type(got) is not bytes:
        raise CaseFailed("srh_build gave %r, not bytes" % (got,))
    NATIVE.pop(name, None)
    VARS[name] = got


def op_srh_parse(self, name):
    LAST_SRH[0] = call(xapi.srh_parse, _var(name))


def op_expect_srh(self, *words):
    srh = LAST_SRH[0]
    if srh is None:
        raise CaseFailed("no SRH parsed yet")
    opts = options(words, multi=())
    fields = {"nh": "next_header", "left": "segments_left",
              "last": "last_entry", "flags": "flags", "tag": "tag"}
    for key, attr in fields.items():
        if key in opts and getattr(srh, attr) != parse_int(opts[key]):
            raise CaseFailed("%s is %r, expected %s"
                             % (attr, getattr(srh, attr), opts[key]))
    if "list" in opts:
        want = opts["list"].split(",")
        if len(srh.segments) != len(want) or not all(
                _same_addr(a, b) for a, b in zip(srh.segments, want)):
            raise CaseFailed("segments %r, expected %r" % (srh.segments, want))
    if "tlv" in opts:
        if type(srh.tlv) is not bytes or srh.tlv != parse_bytes(opts["tlv"]):
            raise CaseFailed("tlv %r, expected %s" % (srh.tlv, opts["tlv"]))
    for key in opts:
        if key not in fields and key not in ("list", "tlv"):
            raise CaseFailed("expect_srh: unknown field %r" % key)


# ------------------------------------------- Hop-by-Hop and Destination options

def _opt_words(words):
    """opt=TYPE,ALIGN,BYTES,... words -> [(type, align, [pieces])]"""
    result = []
    for w in words:
        key, eq, value = w.partition("=")
        if key != "opt" or not eq:
            raise CaseFailed("opt_build: expected opt=..., got %r" % w)
        parts = value.split(",")
        if len(parts) < 2:
            raise CaseFailed("opt_build: opt=TYPE,ALIGN,BYTES...: %r" % w)
        result.append((parse_int(parts[0]), parse_int(parts[1]),
                       [parse_bytes(p) for p in parts[2:]]))
    return result


def op_opt_build(self, name, *words):
    opts = _opt_words(words)
    # Pass 1: lengths only (PyXAPI's calls without an object).
    lengths = []
    cur = call(_r3542.inet6_opt_init)
    for t, align, pieces in opts:
        cur = call(_r3542.inet6_opt_append, cur, t, sum(map(len, pieces)), align)
        lengths.append(cur)
    extlen = call(_r3542.inet6_opt_finish, cur)
    # Pass 2: into an inet6_opt of that size.
    o = _r3542.inet6_opt()
    call(o.set, extlen)
    cur = call(_r3542.inet6_opt_init, o, extlen)
    for (t, align, pieces), want in zip(opts, lengths):
        cur = call(_r3542.inet6_opt_append, o, cur, t, sum(map(len, pieces)),
                   align)
        if cur != want:
            raise CaseFailed("option %d: the passes disagree (%d, %d)"
                             % (t, want, cur))
        off = 0
        for p in pieces:
            off = call(_r3542.inet6_opt_set_val, o, off, p)
    total = call(_r3542.inet6_opt_finish, o, cur)
    if total != extlen:
        raise CaseFailed("inet6_opt_finish: the passes disagree (%d, %d)"
                         % (extlen, total))
    data = o.data
    # The idiomatic one-call builder must give the same bytes.
    same = call(xapi.opt_build, [(t, a, p) for t, a, p in opts])
    if same != data:
        raise CaseFailed("opt_build gave %s, the inet6_opt calls %s"
                         % (same.hex(), data.hex()))
    NATIVE[name] = o
    VARS[name] = data


def op_opt_walk(self, name):
    LAST_OPTS[0] = call(xapi.opt_parse, _var(name))


def op_expect_opts(self, *words):
    got = LAST_OPTS[0]
    if got is None:
        raise CaseFailed("no options walked yet")
    want = []
    for w in words:
        t, _, data = w.partition(":")
        want.append((parse_int(t), parse_bytes(data)))
    got = [tuple(x) for x in got]
    if got != want or not all(type(d) is bytes for _, d in got):
        raise CaseFailed("options %r, expected %r" % (got, want))


def _opt_obj(name):
    o = _r3542.inet6_opt()
    call(o.set_from_data, _var(name))
    return o


def op_expect_opt_find(self, name, t, data):
    want = parse_bytes(data)
    got = call(xapi.opt_find, _var(name), parse_int(t))
    if got != want or type(got) is not bytes:
        raise CaseFailed("opt_find gave %r, expected %r" % (got, want))
    o = _opt_obj(name)
    r = call(_r3542.inet6_opt_find, o, 0, parse_int(t))
    if r[1] != len(want):
        raise CaseFailed("inet6_opt_find gave %r" % (r,))
    off, val = call(_r3542.inet6_opt_get_val, o, 0, len(want))
    if val != want or off != len(want):
        raise CaseFailed("inet6_opt_get_val gave %r" % ((off, val),))


def op_expect_opt_find_none(self, name, t):
    got = call(xapi.opt_find, _var(name), parse_int(t))
    if got is not None:
        raise CaseFailed("opt_find found %r" % (got,))
    # PyXAPI's rfc3542.error where the C function returns -1
    try:
        r = _r3542.inet6_opt_find(_opt_obj(name), 0, parse_int(t))
    except _r3542.error:
        return
    raise CaseFailed("inet6_opt_find gave %r, expected rfc3542.error"
                     % (r,))


def _get_val(name, t, offset, length):
    o = _opt_obj(name)
    try:
        call(_r3542.inet6_opt_find, o, 0, parse_int(t))
    except Raised as r:
        # None found (rfc3542.error, as PyXAPI) is not the argument error
        # a malformed header gives.
        if str(r.exc).startswith("inet6_opt_find failed"):
            raise CaseFailed("no option %s" % t) from None
        raise
    if parse_int(length) == 0:
        # PyXAPI's inet6_opt_get_val refuses a length below 1 (its
        # rfc3542.error); the C call reads nothing: the idiomatic view.
        data = call(xapi.opt_find, _var(name), parse_int(t))
        off = parse_int(offset)
        if not 0 <= off <= len(data):
            raise Raised(ValueError("offset %d past the option's %d bytes"
                                    % (off, len(data))))
        return off, b""
    return call(_r3542.inet6_opt_get_val, o, parse_int(offset),
                parse_int(length))


def op_expect_opt_get_val(self, name, t, offset, length, data):
    off, val = _get_val(name, t, offset, length)
    want = parse_bytes(data)
    if type(val) is not bytes or val != want:
        raise CaseFailed("inet6_opt_get_val gave %r, expected %r" % (val, want))
    if off != parse_int(offset) + parse_int(length):
        raise CaseFailed("inet6_opt_get_val returned offset %d" % off)


def op_opt_get_val(self, name, t, offset, length):
    _get_val(name, t, offset, length)


def op_expect_ip6opt_type(self, t, n):
    got = call(xapi.ip6opt_type, parse_int(t))
    compat = call(_r3542.IP6OPT_TYPE, parse_int(t))
    if got != parse_int(n) or compat != got:
        raise CaseFailed("ip6opt_type(%s) = %r (IP6OPT_TYPE %r), expected %s"
                         % (t, got, compat, n))


# ------------------------------------------------------- sockets and path MTU

def op_setsockopt_bytes(self, name, level, opt, data):
    call(xapi.setsockopt_bytes, self.sock(name), parse_int(level),
         parse_int(opt), parse_bytes(data))


def op_expect_sockopt_bytes(self, name, level, opt, data):
    want = parse_bytes(data)
    got = call(xapi.getsockopt_bytes, self.sock(name), parse_int(level),
               parse_int(opt), 4096)
    if got != want:
        raise CaseFailed("option is %s, expected %s" % (got.hex(), want.hex()))


def _mtu_word(word):
    try:
        return int(word, 0)
    except ValueError:
        with open("/sys/class/net/%s/mtu" % word) as f:
            return int(f.read().strip())


def op_expect_pathmtu(self, name, mtu):
    s = self.sock(name)
    info = call(xapi.get_pathmtu, s)
    want = _mtu_word(mtu)
    if info.mtu != want:
        raise CaseFailed("path MTU %r, expected %d" % (info, want))
    # PyXAPI's way (README "ip6_mtuinfo objects") must agree.
    m = _r3542.ip6_mtuinfo()
    raw = call(s.getsockopt, xapi.IPPROTO_IPV6, xapi.IPV6_PATHMTU, m.size)
    call(m.set_from_data, raw)
    if m.get()[1] != want:
        raise CaseFailed("ip6_mtuinfo.get() = %r, expected MTU %d"
                         % (m.get(), want))


def op_expect_data_at(self, offset, data):
    joined = b"".join(self.last().data)
    off, want = parse_int(offset), parse_bytes(data)
    if joined[off:off + len(want)] != want:
        raise CaseFailed("data at %d is %s, expected %s"
                         % (off, joined[off:off + len(want)].hex(), want.hex()))


def op_nexthop(self, name, addr):
    got = call(xapi.nexthop, addr)
    if type(got) is not bytes:
        raise CaseFailed("nexthop gave %r, not bytes" % (got,))
    n = _r3542.nexthop()
    call(n.set, addr)
    if n.data != got:
        raise CaseFailed("nexthop().data %s, xapi.nexthop %s"
                         % (n.data.hex(), got.hex()))
    VARS[name] = got


for _f in (op_icmp6_filter, op_icmp6_filter_pass, op_icmp6_filter_block,
           op_expect_icmp6_filter, op_icmp6_filter_install,
           op_icmp6_filter_read, op_expect_rth_space, op_rth_space,
           op_rth_init, op_rth_add, op_rth_reverse, op_rth_reverse_copy,
           op_expect_rth_segments, op_expect_rth_addr, op_rth_getaddr,
           op_rth_segments, op_srh_build, op_srh_parse, op_expect_srh,
           op_opt_build, op_opt_walk, op_expect_opts, op_expect_opt_find,
           op_expect_opt_find_none, op_expect_opt_get_val, op_opt_get_val,
           op_expect_ip6opt_type, op_setsockopt_bytes, op_expect_sockopt_bytes,
           op_expect_pathmtu, op_expect_data_at, op_nexthop):
    setattr(Runner, _f.__name__, _f)
del _f
