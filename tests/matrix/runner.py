#!/usr/bin/env python3
"""The test matrix's Python runner: an interpreter for SPEC.md.

Runs the cases in tests/matrix/cases/*.cases against ``import xapi`` (and
only the standard library's socket, os, fnmatch and select), creating
sockets the way Python users do, with socket.socket.  Prints TAP.

Usage: runner.py [CASEDIR] [PATTERN...]
  CASEDIR defaults to $XAPI_MATRIX_CASES, else cases/ beside this file;
  PATTERNs are shell globs on case IDs.
"""

import fnmatch
import os
import select
import socket
import sys

import xapi

UNIQ = "py%d" % os.getpid()
ARG_ERRORS = (TypeError, ValueError, OverflowError)


class CaseFailed(Exception):
    """The case's expectation does not hold."""


class CaseSkipped(Exception):
    """The case cannot run here (needs root...)."""


class Raised(Exception):
    """An xapi call raised: carried as is, so that expect_error can judge
    it and a runner bug is never taken for an expected error."""

    def __init__(self, exc):
        Exception.__init__(self, "%s: %s" % (type(exc).__name__, exc))
        self.exc = exc


def call(fn, *args):
    try:
        return fn(*args)
    except Exception as e:  # noqa: BLE001 - judged by the caller
        raise Raised(e) from e


# ------------------------------------------------------------------ words

def parse_int(word):
    total = 0
    for part in word.split("|"):
        try:
            value = int(part, 0)
        except ValueError:
            if part not in xapi.CONSTANTS:
                raise CaseFailed("unknown constant %s (not exported by xapi)"
                                 % part)
            value = getattr(xapi, part)
        total |= value
    return total


# Byte strings a case stored by name (SPEC.md "Variables"): v:NAME.
VARS = {}


def parse_bytes(word):
    kind, _, rest = word.partition(":")
    if kind == "v":
        try:
            return VARS[rest]
        except KeyError:
            raise CaseFailed("no variable named %r" % rest) from None
    if kind == "s":
        return rest.encode("ascii")
    if kind == "x":
        return bytes.fromhex(rest)
    if kind == "z":
        return bytes(int(rest))
    if kind == "r":
        count, _, byte = rest.partition(":")
        return bytes([int(byte, 16)]) * int(count)
    raise CaseFailed("bad BYTES word %r" % word)


def parse_byteslist(word):
    return [parse_bytes(w) for w in word.split(",")]


def sys_ifindex(ifname):
    with open("/sys/class/net/%s/ifindex" % ifname) as f:
        return int(f.read().strip())


def ifindex_word(ifname):
    return 0 if ifname == "0" else sys_ifindex(ifname)


def split_addr_if(text):
    addr, _, ifname = text.rpartition("@")
    return addr, ifname


def parse_cmsg(word):
    """A CMSG word -> what the binding's sendmsg/build_cmsgs takes."""
    if word == "@wrongtype":
        return 42
    kind, _, rest = word.partition(":")
    typed = {"hoplimit": xapi.Cmsg.hoplimit, "tclass": xapi.Cmsg.tclass,
             "ttl": xapi.Cmsg.ttl, "tos": xapi.Cmsg.tos}
    if kind in typed:
        return call(typed[kind], parse_int(rest))
    if kind == "pktinfo6":
        addr, ifname = split_addr_if(rest)
        return call(xapi.Cmsg.pktinfo6, addr, ifindex_word(ifname))
    if kind == "pktinfo4":
        addr, ifname = split_addr_if(rest)
        return call(xapi.Cmsg.pktinfo4, ifindex_word(ifname), addr)
    if kind == "udp_segment":
        return call(xapi.Cmsg.udp_segment, parse_int(rest))
    if kind == "tsflags":
        return call(xapi.Cmsg.tsflags, parse_int(rest))
    if kind == "raw":
        level, typ, data = rest.split(":", 2)
        return call(xapi.Cmsg, parse_int(level), parse_int(typ),
                    parse_bytes(data))
    raise CaseFailed("bad CMSG word %r" % word)


def same_host(got, want):
    """Address texts compared after parsing ('::1' equals '0::1'); ''
    only equals ''."""
    if got is None or want == "" or got == "":
        return got == want
    fam = socket.AF_INET6 if ":" in want else socket.AF_INET
    try:
        return socket.inet_pton(fam, got) == socket.inet_pton(fam, want)
    except (OSError, ValueError):
        return got == want


def rec_mismatch(value, spec):
    """None when the record view value has every FIELD=VALUE of spec
    (SPEC.md, "Record views"), else what differs."""
    if value is None or not hasattr(value, "_fields") and \
            not hasattr(type(value), "n_fields"):
        return "no record view (value %r)" % (value,)
    for pair in spec.split(","):
        name, eq, want = pair.partition("=")
        if not eq or not hasattr(value, name):
            return "record %r has no field %r" % (value, name)
        got = getattr(value, name)
        if want.startswith("e:"):
            ok = isinstance(got, int) and xapi.errno_name(got) == want[2:]
        elif want == "":
            ok = got is None or got == ""
        elif isinstance(got, bool) or isinstance(got, int):
            ok = got == parse_int(want)
        elif isinstance(got, bytes):
            ok = got == parse_bytes(want)
        else:
            ok = same_host(got, want)
        if not ok:
            return "field %s is %r, expected %s (record %r)" % (name, got,
                                                                want, value)
    return None


def options(words, multi=("cmsg",)):
    """key=value words; keys in multi may repeat (a list, in order)."""
    opts = {k: [] for k in multi}
    for w in words:
        key, eq, value = w.partition("=")
        if not eq:
            raise CaseFailed("expected key=value, got %r" % w)
        if key in multi:
            opts[key].append(value)
        else:
            opts[key] = value
    return opts


# -------------------------------------------------------------- the cases

class Case:
    def __init__(self, ident, desc, ops, where):
        self.ident = ident
        self.desc = desc
        self.ops = ops
        self.where = where


def load_cases(casedir):
    cases = []
    seen = set()
    for fname in sorted(os.listdir(casedir)):
        if not fname.endswith(".cases"):
            continue
        path = os.path.join(casedir, fname)
        current = None
        with open(path) as f:
            for lineno, line in enumerate(f, 1):
                line = line.replace("$uniq", UNIQ)
                stripped = line.strip()
                if not stripped or stripped.startswith("#"):
                    continue
                words = stripped.split()
                if words[0] == "case":
                    if current is not None:
                        raise SystemExit("%s:%d: case inside case" % (path, lineno))
                    if len(words) < 2 or words[1] in seen:
                        raise SystemExit("%s:%d: missing or duplicate case ID"
                                         % (path, lineno))
                    seen.add(words[1])
                    current = Case(words[1], " ".join(words[2:]), [],
                                   "%s:%d" % (fname, lineno))
                elif words[0] == "end":
                    if current is None:
                        raise SystemExit("%s:%d: end outside a case" % (path, lineno))
                    cases.append(current)
                    current = None
                elif current is None:
                    raise SystemExit("%s:%d: operation outside a case" % (path, lineno))
                else:
                    current.ops.append((lineno, words))
        if current is not None:
            raise SystemExit("%s: case %s has no end" % (path, current.ident))
    return cases


def parse_anc(word):
    """An ancillary size: an INT, or space:L+L+... (sum of cmsg_space)."""
    if word.startswith("space:"):
        return sum(call(xapi.cmsg_space, int(l, 0))
                   for l in word[6:].split("+"))
    return parse_int(word)


def data_buffers(word):
    """A data= word as the buffers to send (with the bad-input words)."""
    if word == "@wrongtype":
        return 5
    if word == "@wrongitem":
        return [b"ok", 5]
    return parse_byteslist(word)


class Runner:
    def __init__(self):
        self.socks = {}
        self.fds = []      # plain descriptors to close after the case
        self.message = None
        self.items = None

    # -- state -----------------------------------------------------------

    def cleanup(self):
        for s in self.socks.values():
            s.close()
        for fd in self.fds:
            try:
                os.close(fd)
            except OSError:
                pass
        self.socks.clear()
        self.fds = []
        self.message = None
        self.items = None
        VARS.clear()
        for hook in CLEANUP_HOOKS:
            hook(self)

    def sock(self, name):
        if name == "@closed":
            s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
            fd = s.detach()
            os.close(fd)
            return fd
        if name == "@notsock":
            fd = os.open(os.devnull, os.O_RDONLY)
            self.fds.append(fd)
            return fd
        if name == "@negative":
            return -1
        try:
            return self.socks[name]
        except KeyError:
            raise CaseFailed("no socket named %r" % name) from None

    def bound_address(self, peer):
        return call(xapi.getsockname, self.sock(peer))

    # -- dispatch --------------------------------------------------------

    def run(self, case):
        try:
            for lineno, words in case.ops:
                try:
                    self.op(words)
                except Raised as r:
                    raise CaseFailed("line %d: %s: %s" % (lineno, words[0], r)) from None
                except CaseFailed as f:
                    raise CaseFailed("line %d: %s: %s" % (lineno, words[0], f)) from None
        finally:
            self.cleanup()

    def op(self, words):
        name, args = words[0], words[1:]
        handler = getattr(self, "op_" + name, None)
        if handler is None:
            raise CaseFailed("unknown operation %r" % name)
        handler(*args)

    # -- operations ------------------------------------------------------

    def op_needs(self, what):
        if what == "root" and os.geteuid() != 0:
            raise CaseSkipped("needs root")
        if what == "lab" and not os.environ.get("XAPI_LAB"):
            raise CaseSkipped(LAB_SKIP_REASON)
        if what not in ("root", "lab"):
            raise CaseFailed("unknown need %r" % what)

    # -- variables (SPEC.md "Variables") ----------------------------------

    def op_set(self, name, data):
        VARS[name] = parse_bytes(data)

    def op_expect_bytes(self, name, data):
        got, want = parse_bytes("v:" + name), parse_bytes(data)
        if got != want:
            raise CaseFailed("%s is %s, expected %s"
                             % (name, got.hex(), want.hex()))

    def op_take_cmsg(self, name, level, typ):
        if self.items is None:
            raise CaseFailed("no items yet")
        lv, ty = parse_int(level), parse_int(typ)
        for c in self.items:
            if c.level == lv and c.type == ty:
                VARS[name] = bytes(c.data)
                return
        raise CaseFailed("no item (%d, %d) in %r" % (lv, ty, self.items))

    def op_socket(self, name, family, typ, proto="0"):
        self.socks[name] = socket.socket(parse_int(family), parse_int(typ),
                                         parse_int(proto))

    def op_bind(self, name, host, port):
        call(xapi.bind, self.sock(name), host, parse_int(port))

    def op_listen(self, name):
        call(xapi.listen, self.sock(name), 8)

    def op_accept(self, new, name):
        s = self.sock(name)
        if not select.select([s], [], [], 5)[0]:
            raise CaseFailed("no connection to accept within 5 seconds")
        conn, _ = s.accept()
        self.socks[new] = conn

    def op_connect(self, name, peer):
        addr = self.bound_address(peer)
        if isinstance(addr, str):
            host, port = addr, 0
        else:
            host, port = addr[0], addr[1]
        call(xapi.connect, self.sock(name), host, port)

    def op_close(self, name):
        self.socks.pop(name).close()

    def op_setsockopt(self, name, level, opt, value):
        call(xapi.setsockopt_int, self.sock(name), parse_int(level),
             parse_int(opt), parse_int(value))

    def op_expect_sockopt(self, name, level, opt, value):
        got = call(xapi.getsockopt_int, self.sock(name), parse_int(level),
                   parse_int(opt))
        if got != parse_int(value):
            raise CaseFailed("option is %r, expected %s" % (got, value))

    def op_expect_sockname(self, name, host):
        addr = call(xapi.getsockname, self.sock(name))
        if isinstance(addr, str):
            if addr != host:
                raise CaseFailed("sockname %r, expected %r" % (addr, host))
            return
        if addr is None or addr[0] != host or addr[1] == 0:
            raise CaseFailed("sockname %r, expected host %r and a port"
                             % (addr, host))

    def out_message(self, opts):
        """(buffers, address, cmsgs) of a message to send, from its
        data=, to= and cmsg= options."""
        address = self.bound_address(opts["to"]) if "to" in opts else None
        return (data_buffers(opts.get("data", "x:")), address,
                [parse_cmsg(w) for w in opts["cmsg"]])

    def op_sendmsg(self, name, *words):
        opts = options(words)
        buffers, address, cmsgs = self.out_message(opts)
        flags = parse_int(opts.get("flags", "0"))
        sent = call(xapi.sendmsg, self.sock(name), buffers, address, cmsgs,
                    flags)
        if "expect" in opts and sent != parse_int(opts["expect"]):
            raise CaseFailed("sent %r bytes, expected %s" % (sent, opts["expect"]))

    def op_recvmsg(self, name, *words):
        opts = options(words)
        sizes_word = opts.get("sizes", "")
        if sizes_word == "@wrongtype":
            sizes = "abc"
        else:
            sizes = [int(w, 0) for w in sizes_word.split(",")]
        anc = parse_anc(opts.get("anc", "0"))
        flags = parse_int(opts.get("flags", "0"))
        s = self.sock(name)
        if not flags & xapi.MSG_DONTWAIT:
            if not select.select([s], [], [], 5)[0]:
                raise CaseFailed("socket not readable within 5 seconds")
        self.message = call(xapi.recvmsg, s, sizes, anc, flags)
        self.items = self.message.cmsgs

    def last(self):
        if self.message is None:
            raise CaseFailed("no message received yet")
        return self.message

    def op_expect_data(self, words):
        want = tuple(parse_byteslist(words))
        got = self.last().data
        if not isinstance(got, tuple) or not all(type(p) is bytes for p in got):
            raise CaseFailed("data is %r, not a tuple of bytes" % (got,))
        if got != want:
            raise CaseFailed("data %r, expected %r" % (got, want))

    def op_expect_len(self, n):
        if self.last().nbytes != parse_int(n):
            raise CaseFailed("length %d, expected %s" % (self.last().nbytes, n))

    def op_expect_flags_set(self, bits):
        b = parse_int(bits)
        if self.last().flags & b != b:
            raise CaseFailed("flags %#x lack %#x" % (self.last().flags, b))

    def op_expect_flags_clear(self, bits):
        b = parse_int(bits)
        if self.last().flags & b:
            raise CaseFailed("flags %#x have %#x" % (self.last().flags, b))

    def op_expect_from(self, peer):
        want = self.bound_address(peer)
        got = self.last().address
        if isinstance(want, str):
            same = got == want
        else:
            same = got is not None and tuple(got[:2]) == tuple(want[:2])
        if not same:
            raise CaseFailed("from %r, expected %r" % (got, want))

    def op_expect_ncmsg(self, n):
        if self.items is None:
            raise CaseFailed("no items yet")
        if len(self.items) != parse_int(n):
            raise CaseFailed("%d items, expected %s: %r"
                             % (len(self.items), n, self.items))

    def op_expect_cmsg(self, level, typ, view):
        if self.items is None:
            raise CaseFailed("no items yet")
        lv, ty = parse_int(level), parse_int(typ)
        candidates = [c for c in self.items if c.level == lv and c.type == ty]
        if not candidates:
            raise CaseFailed("no item (%d, %d) in %r" % (lv, ty, self.items))
        kind, _, rest = view.partition(":")
        problems = []
        for c in candidates:
            if kind == "any":
                return
            if kind == "int":
                if c.kind is None:
                    problems.append("item has no typed view")
                    continue
                # The named view where the class has one (hoplimit, ttl...),
                # else the generic decoded value (items added to the core's
                # table later, such as gro, appear there first).
                got = getattr(c, c.kind) if hasattr(c, c.kind) else c.value
                if got == parse_int(rest):
                    return
                problems.append("%s view is %r" % (c.kind, got))
            elif kind == "pktinfo":
                addr, ifname = split_addr_if(rest)
                # All digits: the index itself (interfaces of another
                # namespace are not in this one's /sys).
                want = (addr, int(ifname) if ifname.isdigit()
                        else sys_ifindex(ifname))
                try:
                    got = c.pktinfo
                except ValueError as e:
                    problems.append(str(e))
                    continue
                if tuple(got) == want:
                    return
                problems.append("pktinfo %r, expected %r" % (got, want))
            elif kind == "bytes":
                want = parse_bytes(rest)
                if c.data == want:
                    return
                problems.append("data %r, expected %r" % (c.data, want))
            elif kind == "mtuinfo":
                mtu, _, addr = rest.partition(",")
                try:
                    got = c.pathmtu
                except ValueError as e:
                    problems.append(str(e))
                    continue
                if got.mtu == parse_int(mtu) and same_host(got.addr, addr):
                    return
                problems.append("pathmtu %r, expected mtu %s addr %r"
                                % (got, mtu, addr))
            elif kind == "sock_err":
                words = rest.split(",")
                if len(words) != 5:
                    raise CaseFailed("bad VIEW %r" % view)
                ename, origin, etype, code, offender = words
                try:
                    got = c.sock_err
                except ValueError as e:
                    problems.append(str(e))
                    continue
                if (xapi.errno_name(got.errno) == ename and
                        got.origin == parse_int(origin) and
                        got.type == parse_int(etype) and
                        got.code == parse_int(code) and
                        (got.offender is None if offender == ""
                         else same_host(got.offender, offender))):
                    return
                problems.append("sock_err %r (%s), expected %s"
                                % (got, xapi.errno_name(got.errno), rest))
            elif kind == "rec":
                why = rec_mismatch(c.value, rest)
                if why is None:
                    return
                problems.append(why)
            else:
                raise CaseFailed("bad VIEW %r" % view)
        raise CaseFailed("; ".join(problems))

    def op_expect_cmsg_space(self, length, n):
        got = call(xapi.cmsg_space, parse_int(length))
        if got != parse_int(n):
            raise CaseFailed("cmsg_space(%s) = %r, expected %s" % (length, got, n))

    def op_expect_cmsg_len(self, length, n):
        got = call(xapi.cmsg_len, parse_int(length))
        if got != parse_int(n):
            raise CaseFailed("cmsg_len(%s) = %r, expected %s" % (length, got, n))

    def op_build_cmsgs(self, *words):
        items, expect = [], None
        for w in words:
            if w.startswith("expect="):
                expect = parse_bytes(w[7:])
            else:
                items.append(parse_cmsg(w))
        got = call(xapi.build_cmsgs, items)
        if type(got) is not bytes:
            raise CaseFailed("build_cmsgs gave %r, not bytes" % (got,))
        if expect is not None and got != expect:
            raise CaseFailed("built %s, expected %s" % (got.hex(), expect.hex()))

    def op_parse_cmsgs(self, data):
        self.items = call(xapi.parse_cmsgs, parse_bytes(data))

    def op_expect_ifindex(self, ifname):
        got = call(xapi.if_nametoindex, ifname)
        if got != sys_ifindex(ifname):
            raise CaseFailed("if_nametoindex(%r) = %r, /sys says %d"
                             % (ifname, got, sys_ifindex(ifname)))

    def op_expect_ifname(self, ifname):
        got = call(xapi.if_indextoname, sys_ifindex(ifname))
        if got != ifname:
            raise CaseFailed("if_indextoname(%d) = %r" % (sys_ifindex(ifname), got))

    def op_expect_nameindex_sys(self):
        want = sorted((sys_ifindex(n), n) for n in os.listdir("/sys/class/net"))
        got = sorted(tuple(e) for e in call(xapi.if_nameindex))
        if got != want:
            raise CaseFailed("if_nameindex() = %r, /sys says %r" % (got, want))

    def op_expect_constant(self, name, n):
        if name not in xapi.CONSTANTS or not hasattr(xapi, name):
            raise CaseFailed("%s is not exported" % name)
        if getattr(xapi, name) != int(n, 0):
            raise CaseFailed("%s = %r, expected %s" % (name, getattr(xapi, name), n))

    def op_if_nametoindex(self, ifname):
        call(xapi.if_nametoindex, ifname)

    def op_if_indextoname(self, n):
        call(xapi.if_indextoname, parse_int(n))

    def op_expect_error(self, kind, *words):
        try:
            self.op(list(words))
        except Raised as r:
            exc = r.exc
            if kind == "arg":
                if isinstance(exc, ARG_ERRORS):
                    return
                raise CaseFailed("expected an argument error, got %s" % r) from None
            if kind.startswith("os:"):
                ename = kind[3:]
                if isinstance(exc, OSError) and exc.errno is not None and \
                        xapi.errno_name(exc.errno) == ename:
                    return
                raise CaseFailed("expected OSError %s, got %s" % (ename, r)) from None
            raise CaseFailed("bad error KIND %r" % kind) from None
        raise CaseFailed("%s succeeded, expected %s" % (words[0], kind))


LAB_SKIP_REASON = ("needs the network lab: run as root, so that the "
                   "matrix starts tests/lab/lab.sh (XAPI_LAB unset)")

# Functions each topic file wants called after every case.
CLEANUP_HOOKS = []

# The topic files (ops_*.py beside this file) add op_* methods to Runner.
# They are executed in this module's namespace, so they use its helpers
# (parse_int, parse_bytes, call, CaseFailed, ...) directly; each ends with
# "for f in (...): setattr(Runner, f.__name__, f)" or appends to
# CLEANUP_HOOKS.
for _topic in ("ops_rfc3542.py", "ops_net.py", "ops_batch.py",
               "ops_family.py", "ops_ts.py", "ops_fdpass.py",
               "ops_origdst.py", "ops_mcast.py", "ops_icmpext.py",
               "ops_gro.py", "ops_send.py"):
    _path = os.path.join(os.path.dirname(os.path.abspath(__file__)), _topic)
    if os.path.exists(_path):
        with open(_path) as _f:
            exec(compile(_f.read(), _path, "exec"), globals())


def main(argv):
    args = list(argv[1:])
    casedir = os.environ.get("XAPI_MATRIX_CASES") or \
        os.path.join(os.path.dirname(os.path.abspath(__file__)), "cases")
    if args and os.path.isdir(args[0]):
        casedir = args.pop(0)
    cases = load_cases(casedir)
    if args:
        cases = [c for c in cases
                 if any(fnmatch.fnmatchcase(c.ident, p) for p in args)]
    print("1..%d" % len(cases))
    failed = 0
    runner = Runner()
    for k, case in enumerate(cases, 1):
        try:
            runner.run(case)
        except CaseSkipped as s:
            print("ok %d - %s # SKIP %s" % (k, case.ident, s))
        except CaseFailed as f:
            failed += 1
            print("not ok %d - %s # %s" % (k, case.ident,
                                           str(f).replace("\n", " ")))
        except Exception as e:  # noqa: BLE001 - a runner bug fails the case
            failed += 1
            print("not ok %d - %s # runner error: %s: %s"
                  % (k, case.ident, type(e).__name__, e))
        else:
            print("ok %d - %s" % (k, case.ident))
        sys.stdout.flush()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
