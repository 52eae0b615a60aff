# ops_mcast.py - matrix operations for the multicast cases (SPEC.md
# "Multicast"), executed inside runner.py's namespace like ops_net.py.
# Groups are joined through xapi.mcast_join and friends, with the
# keyword form a Python user writes (source=...).


def _mcast_ifname(word):
    # "-" is no interface (the kernel's choice); digits are given as an int,
    # as a Python user would give an index.
    if word == "-":
        return None
    return int(word) if word.isdigit() else word


def _mcast_membership(self, fn, name, group, ifname, words):
    opts = options(words)
    call(lambda: fn(self.sock(name), group, _mcast_ifname(ifname),
                    source=opts.get("source")))


def op_mcast_join(self, name, group, ifname, *words):
    _mcast_membership(self, xapi.mcast_join, name, group, ifname, words)


def op_mcast_leave(self, name, group, ifname, *words):
    _mcast_membership(self, xapi.mcast_leave, name, group, ifname, words)


def op_mcast_block(self, name, group, ifname, *words):
    _mcast_membership(self, xapi.mcast_block, name, group, ifname, words)


def op_mcast_unblock(self, name, group, ifname, *words):
    _mcast_membership(self, xapi.mcast_unblock, name, group, ifname, words)


def op_mcast_set_if(self, name, ifname):
    call(xapi.mcast_set_if, self.sock(name), _mcast_ifname(ifname))


def op_mcast_set_hops(self, name, hops):
    call(xapi.mcast_set_hops, self.sock(name), parse_int(hops))


def op_mcast_set_loop(self, name, loop):
    call(xapi.mcast_set_loop, self.sock(name), parse_int(loop))


def op_expect_mcast_hops(self, name, want):
    got = call(xapi.mcast_get_hops, self.sock(name))
    if got != parse_int(want):
        raise CaseFailed("mcast_get_hops is %r, expected %s" % (got, want))


def op_expect_mcast_loop(self, name, want):
    got = call(xapi.mcast_get_loop, self.sock(name))
    if got is not bool(parse_int(want)):
        raise CaseFailed("mcast_get_loop is %r, expected %s" % (got, want))


def op_expect_no_message(self, name, ms):
    r, _, _ = select.select([self.sock(name)], [], [], int(ms) / 1000.0)
    if r:
        raise CaseFailed("%s became readable within %s ms" % (name, ms))


for _f in (op_mcast_join, op_mcast_leave, op_mcast_block, op_mcast_unblock,
           op_mcast_set_if, op_mcast_set_hops, op_mcast_set_loop,
           op_expect_mcast_hops, op_expect_mcast_loop, op_expect_no_message):
    setattr(Runner, _f.__name__, _f)
del _f
