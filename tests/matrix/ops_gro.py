# ops_gro.py - matrix operation for the GRO splitting cases (SPEC.md "GRO
# splitting"), executed inside runner.py's namespace after ops_batch.py:
# the messages become the last batch, for select and the expect_* ops.
# The binding's call: xapi.Batch(count, size, ancsize, gro=True).recv.


def op_recv_gro(self, name, *words):
    opts = options(words)
    if "count" not in opts or "size" not in opts:
        raise CaseFailed("recv_gro needs count= and size=")
    count, size = parse_int(opts["count"]), parse_int(opts["size"])
    anc = parse_anc(opts.get("anc", "0"))
    flags = parse_int(opts.get("flags", "0"))
    timeout = (parse_int(opts["timeout"]) / 1000.0 if "timeout" in opts
               else None)
    s = self.sock(name)
    if timeout is None and not flags & xapi.MSG_DONTWAIT and \
            not isinstance(s, int):
        if not select.select([s], [], [], 5)[0]:
            raise CaseFailed("socket not readable within 5 seconds")
    batch = call(lambda: xapi.Batch(count, size, anc, gro=True))
    got = call(batch.recv, s, None, flags, timeout)
    if not isinstance(got, list) or \
            not all(isinstance(m, xapi.Message) for m in got):
        raise CaseFailed("Batch.recv gave %r, not a list of Message" % (got,))
    if not 1 <= len(got) <= count * 64:
        raise CaseFailed("%d messages for a batch of %d" % (len(got), count))
    self.batch = got


setattr(Runner, op_recv_gro.__name__, op_recv_gro)
