# ops_fdpass.py - matrix operations for descriptor and credential passing
# (SPEC.md "Descriptor and credential passing"), executed inside
# runner.py's namespace.  The binding's calls: xapi.Cmsg.fds and
# xapi.Cmsg.creds to send, xapi.recvmsg(..., fds="socket") to receive
# descriptors as objects that own them (socket.socket, file objects).

import fcntl as _fcntl

def _id_word(word, pos):
    if word == "self":
        return (os.getpid(), os.getuid(), os.getgid())[pos]
    return parse_int(word)


def _fd_of(obj):
    return obj if isinstance(obj, int) else obj.fileno()


def op_pipe(self, rname, wname):
    r, w = os.pipe()
    self.socks[rname] = open(r, "rb", buffering=0)
    self.socks[wname] = open(w, "wb", buffering=0)


def op_send_fds(self, name, names):
    item = call(xapi.Cmsg.fds, [self.sock(n) for n in names.split(",")])
    call(xapi.sendmsg, self.sock(name), [b"x"], None, [item])


def op_send_creds(self, name, pid, uid, gid):
    item = call(xapi.Cmsg.creds, _id_word(pid, 0), _id_word(uid, 1),
                _id_word(gid, 2))
    call(xapi.sendmsg, self.sock(name), [b"x"], None, [item])


def op_recv_fds(self, name, *words):
    opts = options(words)
    anc = parse_anc(opts.get("anc", "0"))
    s = self.sock(name)
    if not select.select([s], [], [], 5)[0]:
        raise CaseFailed("socket not readable within 5 seconds")
    self.message = call(xapi.recvmsg, s, [16], anc, 0, "socket")
    self.items = self.message.cmsgs
    objs = [o for c in self.items if c.kind == "fds" for o in c.value]
    names = opts["as"].split(",") if "as" in opts else []
    for n, o in zip(names, objs):
        self.socks[n] = o
    # Without as= nothing is closed: a case without it expects none, and
    # one that arrived anyway must show in its descriptor counts.
    for o in objs[len(names):] if names else ():
        o.close()
    if names and len(names) != len(objs):
        raise CaseFailed("%d descriptors arrived, as= names %d"
                         % (len(objs), len(names)))


def _first(self, typ):
    if self.items is None:
        raise CaseFailed("no items yet")
    for c in self.items:
        if c.level == xapi.SOL_SOCKET and c.type == typ:
            return c
    raise CaseFailed("no item (SOL_SOCKET, %d) in %r" % (typ, self.items))


def op_expect_fds(self, n):
    c = _first(self, xapi.SCM_RIGHTS)
    want = parse_int(n)
    got = len(c.value) if c.kind == "fds" else 0
    if want == 0 and c.kind is not None:
        raise CaseFailed("item has the view %r, expected none" % c.kind)
    if got != want:
        raise CaseFailed("%d descriptors decoded, expected %d" % (got, want))


def op_expect_creds(self, pid, uid, gid):
    c = _first(self, xapi.SCM_CREDENTIALS)
    if c.kind != "creds":
        raise CaseFailed("item has no creds view: %r" % (c,))
    if c.value is None:
        raise CaseFailed("creds item has no record value: %r" % (c,))
    got = (c.value.pid, c.value.uid, c.value.gid)
    want = tuple(_id_word(w, i) for i, w in enumerate((pid, uid, gid)))
    if got != want:
        raise CaseFailed("creds %r, expected %r" % (got, want))


def op_write_fd(self, name, data):
    obj = self.sock(name)
    data = parse_bytes(data)
    if hasattr(obj, "send"):
        call(obj.send, data)
    else:
        call(obj.write, data)


def op_expect_read(self, name, data):
    want = parse_bytes(data)
    fd = _fd_of(self.sock(name))
    got = b""
    while len(got) < len(want):
        if not select.select([fd], [], [], 5)[0]:
            raise CaseFailed("nothing to read within 5 seconds")
        chunk = os.read(fd, 256)
        if not chunk:
            break
        got += chunk
    if got != want:
        raise CaseFailed("read %r, expected %r" % (got, want))


def op_expect_cloexec(self, name):
    fd = _fd_of(self.sock(name))
    if not _fcntl.fcntl(fd, _fcntl.F_GETFD) & _fcntl.FD_CLOEXEC:
        raise CaseFailed("descriptor %d is not close-on-exec" % fd)


def op_fd_count_mark(self):
    self.fd_mark = len(os.listdir("/proc/self/fd"))


def op_expect_fd_count_unchanged(self):
    now = len(os.listdir("/proc/self/fd"))
    if getattr(self, "fd_mark", None) is None:
        raise CaseFailed("no fd_count_mark before")
    if now != self.fd_mark:
        raise CaseFailed("%d descriptors open, %d at the mark"
                         % (now, self.fd_mark))


def op_needs_nonroot(self):
    if os.geteuid() == 0:
        raise CaseSkipped("needs a user without privileges (euid is 0)")


def _fdpass_cleanup(self):
    self.fd_mark = None


CLEANUP_HOOKS.append(_fdpass_cleanup)
for _f in (op_pipe, op_send_fds, op_send_creds, op_recv_fds, op_expect_fds,
           op_expect_creds, op_write_fd, op_expect_read, op_expect_cloexec,
           op_fd_count_mark, op_expect_fd_count_unchanged, op_needs_nonroot):
    setattr(Runner, _f.__name__, _f)
