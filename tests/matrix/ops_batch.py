# ops_batch.py - matrix operations for the batch cases (SPEC.md
# "Batches"), executed inside runner.py's namespace (see the loader at the
# end of runner.py).  The binding's calls: xapi.send_batch,
# xapi.recv_batch, xapi.recv_batch_into (a bytearray cut into slots) and
# xapi.recvmsg_into (a bytearray).

class Received:
    """A message received into caller memory, shaped like xapi.Message
    for the expect_* operations: data is a tuple of one bytes, copied out
    of the caller's buffer (cut to what arrived)."""

    def __init__(self, nbytes, address, cmsgs, flags, data):
        self.nbytes, self.address, self.cmsgs, self.flags = \
            nbytes, address, cmsgs, flags
        self.data = (bytes(data),)


# The buffer a case may make for "into" forms; anything larger (or
# negative) is handed to the binding as it is, for it to refuse.
INTO_MAX = 64 << 20




def _batch_message(self, words):
    return self.out_message(options(words))


def op_send_batch(self, name, *words):
    words = list(words)
    head = words[:words.index("--")] if "--" in words else words
    opts = options(head)
    msgs, current = [], None
    for w in words[len(head):]:
        if w == "--":
            if current is not None:
                msgs.append(_batch_message(self, current))
            current = []
        else:
            current.append(w)
    if current is not None:
        msgs.append(_batch_message(self, current))
    flags = parse_int(opts.get("flags", "0"))
    sent = call(xapi.send_batch, self.sock(name), msgs, flags)
    if "expect" in opts and sent != parse_int(opts["expect"]):
        raise CaseFailed("sent %r messages, expected %s"
                         % (sent, opts["expect"]))


def op_recv_batch(self, name, *words):
    into = "into" in words
    gro = "gro" in words
    opts = options([w for w in words if w not in ("into", "gro")])
    if "count" not in opts or "size" not in opts:
        raise CaseFailed("recv_batch needs count= and size=")
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
    if gro:
        batch = call(lambda: xapi.Batch(count, size, anc, gro=True))
        got = call(batch.recv, s, None, flags, timeout)
        if not isinstance(got, list) or \
                not all(isinstance(m, xapi.Message) for m in got):
            raise CaseFailed("Batch.recv gave %r, not a list of Message"
                             % (got,))
        if not 1 <= len(got) <= count * 64:
            raise CaseFailed("%d messages for a batch of %d"
                             % (len(got), count))
        self.batch = got
        return
    if into:
        ok = 0 <= count and 0 <= size and count * size <= INTO_MAX
        buf = bytearray(count * size if ok else 0)
        got = call(xapi.recv_batch_into, s, buf, size, count, anc, flags,
                   timeout)
        if not isinstance(got, list):
            raise CaseFailed("recv_batch_into gave %r, not a list" % (got,))
        self.batch = []
        for i, (nbytes, address, cmsgs, mflags) in enumerate(got):
            cut = min(nbytes, size)
            self.batch.append(Received(nbytes, address, cmsgs, mflags,
                                       buf[i * size:i * size + cut]))
    else:
        got = call(xapi.recv_batch, s, count, size, anc, flags, timeout)
        if not isinstance(got, list) or \
                not all(isinstance(m, xapi.Message) for m in got):
            raise CaseFailed("recv_batch gave %r, not a list of Message"
                             % (got,))
        self.batch = got
    if not 1 <= len(self.batch) <= count:
        raise CaseFailed("%d messages for a batch of %d"
                         % (len(self.batch), count))


def _last_batch(self):
    batch = getattr(self, "batch", None)
    if batch is None:
        raise CaseFailed("no batch received yet")
    return batch


def op_expect_batch_len(self, n):
    got = len(_last_batch(self))
    if got != parse_int(n):
        raise CaseFailed("the batch has %d messages, expected %s" % (got, n))


def op_select(self, k):
    batch = _last_batch(self)
    k = parse_int(k)
    if not 0 <= k < len(batch):
        raise CaseFailed("no message %d in a batch of %d" % (k, len(batch)))
    self.message = batch[k]
    self.items = batch[k].cmsgs


def op_recvmsg_into(self, name, *words):
    opts = options(words)
    size = parse_int(opts.get("size", "0"))
    anc = parse_anc(opts.get("anc", "0"))
    flags = parse_int(opts.get("flags", "0"))
    s = self.sock(name)
    if not flags & xapi.MSG_DONTWAIT and not isinstance(s, int):
        if not select.select([s], [], [], 5)[0]:
            raise CaseFailed("socket not readable within 5 seconds")
    # A size no buffer can have (negative, huge) is passed as the int it
    # is, where the binding wants a writable buffer: it must refuse it.
    buf = bytearray(size) if 0 <= size <= INTO_MAX else size
    nbytes, address, cmsgs, mflags = call(xapi.recvmsg_into, s, buf, anc,
                                          flags)
    self.message = Received(nbytes, address, cmsgs, mflags,
                            buf[:min(nbytes, size)])
    self.items = cmsgs


def _forget_batch(runner):
    runner.batch = None


for _f in (op_send_batch, op_recv_batch, op_expect_batch_len, op_select,
           op_recvmsg_into):
    setattr(Runner, _f.__name__, _f)
del _f
CLEANUP_HOOKS.append(_forget_batch)
