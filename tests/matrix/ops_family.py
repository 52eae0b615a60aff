# ops_family.py - matrix operations for addresses of every family
# (SPEC.md "Addresses of every family"), executed inside runner.py's
# namespace (see the loader at the end of runner.py).  A Python user sees
# an AF_PACKET address as xapi.LinkAddr, an AF_NETLINK one as xapi.NlAddr
# and any other family's as bytes.

import subprocess as _subprocess

_FAMILY = {"netns": [], "addr": None, "have": False}


def _family_ip(*args):
    r = _subprocess.run(("ip",) + args, stdout=_subprocess.DEVNULL,
                        stderr=_subprocess.DEVNULL)
    return r.returncode == 0


def op_netns(self, ns):
    if not ns.replace("-", "").replace("_", "").isalnum() or len(ns) > 64:
        raise CaseFailed("netns: bad name %r" % ns)
    if not _family_ip("netns", "add", ns):
        raise CaseFailed("ip netns add %s failed" % ns)
    _FAMILY["netns"].append(ns)
    if not _family_ip("-n", ns, "link", "set", "lo", "up"):
        raise CaseFailed("ip -n %s link set lo up failed" % ns)


def op_socket_ns(self, ns, name, family, typ, proto="0"):
    if name.startswith("@") or name in self.socks:
        raise CaseFailed("socket name %r is taken or reserved" % name)
    family, typ, proto = parse_int(family), parse_int(typ), parse_int(proto)
    if family == socket.AF_PACKET:
        proto = socket.htons(proto)
    self.socks[name] = call(xapi.socket_netns, ns, family, typ, proto)


def op_needs_socket(self, family, typ, proto="0"):
    try:
        s = socket.socket(parse_int(family), parse_int(typ), parse_int(proto))
    except OSError as e:
        raise CaseSkipped("no socket(%s, %s) here: %s" % (family, typ,
                                                         e.strerror))
    s.close()


def op_take_addr(self, what, sock=None):
    if what == "from" and sock is None:
        _FAMILY["addr"] = self.last().address
    elif what == "sockname" and sock is not None:
        _FAMILY["addr"] = call(xapi.getsockname, self.sock(sock))
    elif what == "peername" and sock is not None:
        _FAMILY["addr"] = call(xapi.getpeername, self.sock(sock))
    else:
        raise CaseFailed("take_addr: from, sockname SOCK or peername SOCK")
    _FAMILY["have"] = True


def _family_addr(cls):
    if not _FAMILY["have"]:
        raise CaseFailed("no address taken yet (take_addr)")
    a = _FAMILY["addr"]
    if cls is not None and type(a) is not cls:
        raise CaseFailed("the address is %r, not a %s" % (a, cls.__name__))
    return a


def op_expect_addr_link(self, *words):
    a = _family_addr(xapi.LinkAddr)
    for w in words:
        key, _, value = w.partition("=")
        if key == "ifindex":
            want = ifindex_word(value)
        elif key == "addr":
            want = parse_bytes(value)
        elif key in ("protocol", "pkttype", "hatype"):
            want = parse_int(value)
        else:
            raise CaseFailed("expect_addr_link: unknown word %r" % w)
        if getattr(a, key) != want:
            raise CaseFailed("%s is %r, want %r (%r)" % (key, getattr(a, key),
                                                        want, a))


def _procnet_pid(sock):
    link = os.readlink("/proc/self/fd/%d" % self_fileno(sock))
    if not link.startswith("socket:["):
        raise CaseFailed("%r is not a socket" % link)
    ino = link[8:-1]
    with open("/proc/net/netlink") as f:
        for line in f.readlines()[1:]:
            fields = line.split()
            if len(fields) >= 10 and fields[9] == ino:
                return int(fields[2])
    raise CaseFailed("socket inode %s is not in /proc/net/netlink" % ino)


def self_fileno(sock):
    return sock if isinstance(sock, int) else sock.fileno()


def op_expect_addr_nl(self, *words):
    a = _family_addr(xapi.NlAddr)
    for w in words:
        key, _, value = w.partition("=")
        if key == "pid" and value.startswith("procnet:"):
            want = _procnet_pid(self.sock(value[8:]))
            if want == 0:
                raise CaseFailed("/proc/net/netlink gives %s port id 0: not "
                                 "bound" % value[8:])
        elif key in ("pid", "groups"):
            want = parse_int(value)
        else:
            raise CaseFailed("expect_addr_nl: unknown word %r" % w)
        if getattr(a, key) != want:
            raise CaseFailed("%s is %r, want %r (%r)" % (key, getattr(a, key),
                                                        want, a))


def op_expect_addr_bytes(self, data):
    a = _family_addr(bytes)
    if a != parse_bytes(data):
        raise CaseFailed("address bytes %r, want %r" % (a, parse_bytes(data)))


def _family_cleanup(self):
    for ns in _FAMILY["netns"]:
        _family_ip("netns", "del", ns)
    _FAMILY["netns"] = []
    _FAMILY["addr"] = None
    _FAMILY["have"] = False


for _f in (op_netns, op_socket_ns, op_needs_socket, op_take_addr,
           op_expect_addr_link, op_expect_addr_nl, op_expect_addr_bytes):
    setattr(Runner, _f.__name__, _f)
del _f
CLEANUP_HOOKS.append(_family_cleanup)
