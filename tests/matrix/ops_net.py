# ops_net.py - matrix operations for the lab cases (SPEC.md "The lab"),
# executed inside runner.py's namespace (see the loader at the end of
# runner.py): Runner, call, parse_int, options, CaseFailed... are
# runner.py's.  Sockets are made the way a Python user would, with
# xapi.socket_netns (a socket.socket in that namespace).


def op_socket_in(self, node, name, family, typ, proto="0"):
    lab = os.environ.get("XAPI_LAB")
    if not lab:
        raise CaseFailed("socket_in without the lab (XAPI_LAB unset): the "
                         "case needs 'needs lab' first")
    if node not in ("a", "r", "b"):
        raise CaseFailed("socket_in: NODE is a, r or b, not %r" % node)
    if name.startswith("@") or name in self.socks:
        raise CaseFailed("socket name %r is taken or reserved" % name)
    self.socks[name] = call(xapi.socket_netns, "%s-%s" % (lab, node),
                            parse_int(family), parse_int(typ),
                            parse_int(proto))


def op_recv_err(self, name, *words):
    """recvmsg with MSG_ERRQUEUE after waiting up to 5 s for POLLERR; one
    size goes through xapi.recv_errqueue, several through xapi.recvmsg."""
    opts = options(words)
    sizes = [int(w, 0) for w in opts.get("sizes", "2048").split(",")]
    anc = parse_anc(opts.get("anc", "512"))
    s = self.sock(name)
    if len(sizes) == 1:
        m = call(xapi.recv_errqueue, s, sizes[0], anc, 0, 5.0)
        if m is None:
            raise CaseFailed("nothing on the error queue within 5 seconds")
    else:
        if not call(xapi.wait_errqueue, s, 5.0):
            raise CaseFailed("nothing on the error queue within 5 seconds")
        m = call(xapi.recvmsg, s, sizes, anc, xapi.MSG_ERRQUEUE)
    self.message = m
    self.items = m.cmsgs


for _f in (op_socket_in, op_recv_err):
    setattr(Runner, _f.__name__, _f)
del _f
