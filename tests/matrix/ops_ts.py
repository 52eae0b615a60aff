# ops_ts.py - matrix operations for the timestamp cases (SPEC.md
# "Timestamps"), executed inside runner.py's namespace (see the loader at
# the end of runner.py): Runner, call, parse_int, VARS, CaseFailed... are
# runner.py's.  Stamps are read the way a Python user would: Cmsg.time_ns
# and Message.tx_timestamp (the xapi sugar), compared with time.time_ns().

import time as _ts_time


def _ts_mark(word):
    if word == "now":
        return _ts_time.time_ns()
    if word not in VARS:
        raise CaseFailed("no clock mark %r" % word)
    try:
        return int(VARS[word].decode("ascii"))
    except ValueError:
        raise CaseFailed("%r holds no clock mark" % word) from None


def _ts_item(self, level, typ):
    if self.items is None:
        raise CaseFailed("no message received or parsed yet")
    lv, ty = parse_int(level), parse_int(typ)
    for c in self.items:
        if c.level == lv and c.type == ty:
            if c.kind not in ("timestamp", "timestampns", "timestamping"):
                raise CaseFailed("item %s/%s has no timestamp view (%r)"
                                 % (level, typ, c))
            return c
    raise CaseFailed("no item %s/%s among %d" % (level, typ, len(self.items)))


def _ts_between(ns, slack, fromw, tow):
    lo, hi = _ts_mark(fromw), _ts_mark(tow)
    if ns is None:
        raise CaseFailed("the stamp is zero (not taken)")
    if not lo - slack <= ns <= hi:
        raise CaseFailed("stamp %d is not between %s (%d) and %s (%d)"
                         % (ns, fromw, lo, tow, hi))


def op_clock_mark(self, name):
    VARS[name] = str(_ts_time.time_ns()).encode("ascii")


def op_sleep(self, ms):
    ms = parse_int(ms)
    if not 0 <= ms <= 5000:
        raise CaseFailed("sleep: 0..5000 ms, not %d" % ms)
    _ts_time.sleep(ms / 1000.0)


def op_expect_cmsg_time(self, level, typ, fromw, tow="now"):
    c = _ts_item(self, level, typ)
    # the float form agrees with the exact one to the microsecond
    if c.time_ns is not None and abs(c.time * 1e9 - c.time_ns) > 1000:
        raise CaseFailed("time %r and time_ns %r disagree" % (c.time, c.time_ns))
    _ts_between(c.time_ns, 999 if c.kind == "timestamp" else 0, fromw, tow)


def op_expect_cmsg_stamp(self, level, typ, sec, nsec, *hw):
    if len(hw) not in (0, 2):
        raise CaseFailed("expect_cmsg_stamp takes SEC NSEC [HWSEC HWNSEC]")
    c = _ts_item(self, level, typ)
    want = parse_int(sec) * 1000000000 + parse_int(nsec)
    if c.time_ns != want:
        raise CaseFailed("stamp %r ns, want %d" % (c.time_ns, want))
    if hw:
        want = parse_int(hw[0]) * 1000000000 + parse_int(hw[1])
        if c.kind != "timestamping" or c.hw_time_ns != want:
            raise CaseFailed("hardware stamp of %r is not %d" % (c, want))


def op_expect_tx_time(self, key, tstype, fromw, tow="now"):
    if self.message is None:
        raise CaseFailed("no message received yet")
    tx = self.message.tx_timestamp
    if tx is None:
        raise CaseFailed("no transmit timestamp in %r" % (self.items,))
    if tx.key != parse_int(key) or tx.tstype != parse_int(tstype):
        raise CaseFailed("transmit stamp %r, want key %s type %s"
                         % (tx, key, tstype))
    _ts_between(tx.time_ns, 0, fromw, tow)


for _f in (op_clock_mark, op_sleep, op_expect_cmsg_time,
           op_expect_cmsg_stamp, op_expect_tx_time):
    setattr(Runner, _f.__name__, _f)
del _f
