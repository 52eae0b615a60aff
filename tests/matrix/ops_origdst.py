# ops_origdst.py - matrix operations for the original destination, flow
# label and queue cases (SPEC.md "Original destination, flow labels and
# queue facts"), executed inside runner.py's namespace (see the loader at
# the end of runner.py).  Addresses are given as a Python user gives
# them: a (host text, port) tuple to xapi.sendmsg.

import time as _time


def op_send_to(self, name, host, peer, *words):
    """One send to the address text HOST at PEER's bound port."""
    opts = options(words)
    port = self.bound_address(peer)[1]
    buffers, _address, cmsgs = self.out_message(opts)
    flags = parse_int(opts.get("flags", "0"))
    sent = call(xapi.sendmsg, self.sock(name), buffers, (host, port), cmsgs,
                flags)
    if "expect" in opts and sent != parse_int(opts["expect"]):
        raise CaseFailed("sent %r bytes, expected %s" % (sent, opts["expect"]))


def op_flowlabel_lease(self, name, host, label, share):
    want = parse_int(label)
    got = call(xapi.flowlabel_lease, self.sock(name), host, want,
               parse_int(share))
    if (got != want) if want else not 1 <= got <= 0xfffff:
        raise CaseFailed("leased label %r, expected %s" % (got, label))


def op_flowlabel_release(self, name, label):
    call(xapi.flowlabel_release, self.sock(name), parse_int(label))


def op_pause(self, ms):
    _time.sleep(parse_int(ms) / 1000.0)


for _f in (op_send_to, op_flowlabel_lease, op_flowlabel_release, op_pause):
    setattr(Runner, _f.__name__, _f)
del _f
