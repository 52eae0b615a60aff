# ops_icmpext.py - matrix operations for the ICMP extension cases (SPEC.md
# "ICMP extensions"), executed inside runner.py's namespace.  The binding's
# calls: xapi.icmp_ext_offset, and xapi.icmp_ext_parse /
# xapi.icmp_ext_parse_struct, which give lists of IcmpExt records built
# from the core's record table (present once the binding has the
# RECORDS shape: the cases skip without it).

ICMPEXT_SKIP = ("the binding has no xapi.icmp_ext_parse yet (it waits for "
                "the RECORDS shape, swig/xapi.i RECORDS shape)")
ICMPEXT_TEXT = ("addr", "name")
ICMPEXT_LAST = []


def op_needs_icmp_ext(self):
    if not hasattr(xapi, "icmp_ext_parse"):
        raise CaseSkipped(ICMPEXT_SKIP)


def _icmpext_keep(records):
    if not isinstance(records, list):
        raise CaseFailed("the parse gave %r, not a list" % (records,))
    ICMPEXT_LAST[:] = records


def op_icmp_ext(self, family, data):
    _icmpext_keep(call(xapi.icmp_ext_parse, parse_int(family),
                       parse_bytes(data)))


def op_icmp_ext_struct(self, data):
    _icmpext_keep(call(xapi.icmp_ext_parse_struct, parse_bytes(data)))


def op_icmp_ext_offset(self, family, data):
    return call(xapi.icmp_ext_offset, parse_int(family), parse_bytes(data))


def op_expect_icmp_ext_offset(self, family, data, n):
    got = op_icmp_ext_offset(self, family, data)
    if got != parse_int(n):
        raise CaseFailed("extension offset %r, want %s" % (got, n))


def op_expect_icmp_ext_count(self, n):
    if len(ICMPEXT_LAST) != parse_int(n):
        raise CaseFailed("%d records, want %s" % (len(ICMPEXT_LAST), n))


def op_expect_icmp_ext(self, k, *fields):
    k = parse_int(k)
    if not 0 <= k < len(ICMPEXT_LAST):
        raise CaseFailed("no record %d (%d records)" % (k, len(ICMPEXT_LAST)))
    r = ICMPEXT_LAST[k]
    for word in fields:
        name, eq, want = word.partition("=")
        if not eq:
            raise CaseFailed("bad FIELD=VALUE word %r" % word)
        if not hasattr(r, name):
            raise CaseFailed("record %d has no field %r: %r" % (k, name, r))
        got = getattr(r, name)
        if name in ICMPEXT_TEXT:
            # An absent text is None (the record table's optional text).
            if (got if got is not None else "") != want or got == "":
                raise CaseFailed("record %d %s %r, want %r" % (k, name, got,
                                                                want))
        elif got != parse_int(want):
            raise CaseFailed("record %d %s %r, want %s" % (k, name, got, want))


def op_take_data(self, name, offset):
    joined = b"".join(self.last().data)
    off = parse_int(offset)
    if not 0 <= off <= len(joined):
        raise CaseFailed("%d bytes arrived, offset %d is past them"
                         % (len(joined), off))
    VARS[name] = joined[off:]


def op_icmp_ext_errqueue(self):
    joined = b"".join(self.last().data)
    for c in self.last().cmsgs:
        if c.kind == "sock_err":
            _icmpext_keep(call(xapi.icmp_ext_parse_errqueue, c.sock_err.data,
                               joined))
            return
    raise CaseFailed("the last message has no sock_err item")


def _icmpext_cleanup(*_):
    ICMPEXT_LAST[:] = []


CLEANUP_HOOKS.append(_icmpext_cleanup)
for _f in (op_needs_icmp_ext, op_icmp_ext, op_icmp_ext_struct,
           op_icmp_ext_offset, op_expect_icmp_ext_offset,
           op_expect_icmp_ext_count, op_expect_icmp_ext, op_take_data,
           op_icmp_ext_errqueue):
    setattr(Runner, _f.__name__, _f)
del _f
