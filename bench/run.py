#!/usr/bin/python3
"""The benchmark driver behind `make bench` (see README.md).

Runs every scenario once per round (every receive scenario once per
receive method: queued and end-to-end), in an order that rotates from
round to round, for --rounds rounds; quotes each scenario's median
messages per second and its ratio to its reference: the median of the
rounds' ratios (each round's run over the reference's run of the same
round and method); prints the table and writes it, with the machine
described, to --output.
"""
import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time

# name, command ({b}: bindir, {s}: srcdir, {py}/{pl}/{tcl}: interpreters),
# reference (the row this one's ratio is against; None: this IS a
# reference), kind ("recv": measured by both receive methods, "send",
# "codec").  References (README.md, "References and targets"): a one-call
# binding row against its language's peer; a binding batch row against the
# raw C system call of the same run (c-raw-recvmmsg, c-raw-sendmmsg: the C
# ceiling); a C xapi row against the raw call it wraps.
CEIL_RECV, CEIL_SEND = "c-raw-recvmmsg", "c-raw-sendmmsg"
SCENARIOS = [
    # C receive: xapi against the raw system calls.
    ("c-raw-recvmsg", ["{b}/bench_c_recv", "c-raw-recvmsg"], None, "recv"),
    ("c-xapi-recvmsg", ["{b}/bench_c_recv", "c-xapi-recvmsg"],
     "c-raw-recvmsg", "recv"),
    ("c-raw-recvmmsg", ["{b}/bench_c_recv", "c-raw-recvmmsg"], None, "recv"),
    ("c-xapi-batch-recv", ["{b}/bench_c_recv", "c-xapi-batch-recv"],
     CEIL_RECV, "recv"),
    # io_uring multishot recvmsg (issue 12): informational, no target.
    ("c-uring-recv", ["{b}/bench_c_uring", "c-uring-recv"], CEIL_RECV,
     "recv"),
    # C send.
    ("c-raw-sendmsg", ["{b}/bench_c_send", "c-raw-sendmsg"], None, "send"),
    ("c-xapi-sendmsg", ["{b}/bench_c_send", "c-xapi-sendmsg"],
     "c-raw-sendmsg", "send"),
    ("c-raw-sendmmsg", ["{b}/bench_c_send", "c-raw-sendmmsg"], None, "send"),
    ("c-xapi-batch-send", ["{b}/bench_c_send", "c-xapi-batch-send"],
     CEIL_SEND, "send"),
    # Python: the peer is the standard library's socket.recvmsg.
    ("py-socket-recvmsg", ["{py}", "{s}/py_socket_recv.py"], None, "recv"),
    ("py-xapi-recvmsg", ["{py}", "{s}/py_xapi_recv.py", "py-xapi-recvmsg"],
     "py-socket-recvmsg", "recv"),
    # PyXAPI's API (xapi.socket_ext + xapi.rfc3542), as a PyXAPI user
    # moving to Python 3 writes it.
    ("py-pyxapi-recvmsg",
     ["{py}", "{s}/py_pyxapi_recv.py", "py-pyxapi-recvmsg"],
     "py-socket-recvmsg", "recv"),
    ("py-xapi-batch-recv",
     ["{py}", "{s}/py_xapi_recv.py", "py-xapi-batch-recv"], CEIL_RECV,
     "recv"),
    # Perl: the peer is Socket::MsgHdr (libsocket-msghdr-perl).
    ("pl-msghdr-recvmsg", ["{pl}", "{s}/pl_msghdr_recv.pl"], None, "recv"),
    ("pl-xapi-recvmsg", ["{pl}", "{s}/pl_xapi_recv.pl", "pl-xapi-recvmsg"],
     "pl-msghdr-recvmsg", "recv"),
    ("pl-xapi-batch-recv",
     ["{pl}", "{s}/pl_xapi_recv.pl", "pl-xapi-batch-recv"], CEIL_RECV,
     "recv"),
    # Tcl: the peer is tcludp (tcl-udp), which has no ancillary data.
    ("tcl-udp-recv", ["{tcl}", "{s}/tcl_udp_recv.tcl"], None, "recv"),
    ("tcl-xapi-recvmsg",
     ["{tcl}", "{s}/tcl_xapi_recv.tcl", "tcl-xapi-recvmsg"],
     "tcl-udp-recv", "recv"),
    ("tcl-xapi-batch-recv",
     ["{tcl}", "{s}/tcl_xapi_recv.tcl", "tcl-xapi-batch-recv"], CEIL_RECV,
     "recv"),
    # Sending from the bindings (README.md item 3): each peer sends with its
    # language's own means, a hop-limit item per message where it can.
    ("py-socket-sendmsg", ["{py}", "{s}/py_socket_send.py"], None, "send"),
    ("py-xapi-sendmsg", ["{py}", "{s}/py_xapi_send.py", "py-xapi-sendmsg"],
     "py-socket-sendmsg", "send"),
    ("py-xapi-batch-send",
     ["{py}", "{s}/py_xapi_send.py", "py-xapi-batch-send"], CEIL_SEND,
     "send"),
    ("pl-msghdr-sendmsg", ["{pl}", "{s}/pl_msghdr_send.pl"], None, "send"),
    ("pl-xapi-sendmsg", ["{pl}", "{s}/pl_xapi_send.pl", "pl-xapi-sendmsg"],
     "pl-msghdr-sendmsg", "send"),
    ("pl-xapi-batch-send",
     ["{pl}", "{s}/pl_xapi_send.pl", "pl-xapi-batch-send"], CEIL_SEND,
     "send"),
    ("tcl-udp-send", ["{tcl}", "{s}/tcl_udp_send.tcl"], None, "send"),
    ("tcl-xapi-sendmsg",
     ["{tcl}", "{s}/tcl_xapi_send.tcl", "tcl-xapi-sendmsg"], "tcl-udp-send",
     "send"),
    ("tcl-xapi-batch-send",
     ["{tcl}", "{s}/tcl_xapi_send.tcl", "tcl-xapi-batch-send"], CEIL_SEND,
     "send"),
    # Codecs (README.md "Codec scenarios"): xapi's RFC 3542 builders and
    # parsers against a plain implementation in the same language.
    ("c-plain-opt-build", ["{b}/bench_c_codec", "c-plain-opt-build"], None,
     "codec"),
    ("c-xapi-opt-build", ["{b}/bench_c_codec", "c-xapi-opt-build"],
     "c-plain-opt-build", "codec"),
    ("c-plain-opt-parse", ["{b}/bench_c_codec", "c-plain-opt-parse"], None,
     "codec"),
    ("c-xapi-opt-parse", ["{b}/bench_c_codec", "c-xapi-opt-parse"],
     "c-plain-opt-parse", "codec"),
    ("c-plain-rth-build", ["{b}/bench_c_codec", "c-plain-rth-build"], None,
     "codec"),
    ("c-xapi-rth-build", ["{b}/bench_c_codec", "c-xapi-rth-build"],
     "c-plain-rth-build", "codec"),
    ("c-plain-rth-parse", ["{b}/bench_c_codec", "c-plain-rth-parse"], None,
     "codec"),
    ("c-xapi-rth-parse", ["{b}/bench_c_codec", "c-xapi-rth-parse"],
     "c-plain-rth-parse", "codec"),
    ("py-plain-codec", ["{py}", "{s}/py_plain_codec.py"], None, "codec"),
    ("py-xapi-codec", ["{py}", "{s}/py_xapi_codec.py", "py-xapi-codec"],
     "py-plain-codec", "codec"),
    ("pl-plain-codec", ["{pl}", "{s}/pl_plain_codec.pl"], None, "codec"),
    ("pl-xapi-codec", ["{pl}", "{s}/pl_xapi_codec.pl", "pl-xapi-codec"],
     "pl-plain-codec", "codec"),
    ("tcl-plain-codec", ["{tcl}", "{s}/tcl_plain_codec.tcl"], None, "codec"),
    ("tcl-xapi-codec", ["{tcl}", "{s}/tcl_xapi_codec.tcl", "tcl-xapi-codec"],
     "tcl-plain-codec", "codec"),
    # GRO (issue 12 "Beyond the ceiling"): UDP_GRO on the receiver, the
    # sender in GSO mode (64-byte segments, up to 64 per send); rows count
    # datagrams delivered to the program, against the recvmmsg ceiling.
    ("c-raw-gro-recv", ["{b}/bench_c_recv", "c-raw-gro-recv"], CEIL_RECV,
     "recv"),
    ("c-xapi-gro-recv", ["{b}/bench_c_recv", "c-xapi-gro-recv"], CEIL_RECV,
     "recv"),
    ("py-xapi-gro-recv", ["{py}", "{s}/py_xapi_gro_recv.py", "py-xapi-gro-recv"],
     CEIL_RECV, "recv"),
    ("pl-xapi-gro-recv", ["{pl}", "{s}/pl_xapi_gro_recv.pl", "pl-xapi-gro-recv"],
     CEIL_RECV, "recv"),
    ("tcl-xapi-gro-recv",
     ["{tcl}", "{s}/tcl_xapi_gro_recv.tcl", "tcl-xapi-gro-recv"],
     CEIL_RECV, "recv"),
]

# The two receive methods (README.md, "Two receive methods"): the CPU the
# burst sender is pinned to, relative to the receiver's.
METHODS = ("queued", "e2e")

# Issue 12's targets, as the lowest acceptable ratio to the row's
# reference (receive rows: in the queued method).  The table says for
# each row with a target whether this run met it; every xapi row must
# also keep VmRSS growth under RSS_GROWTH_KB.
TARGETS = {
    # One call per message, receive and send: 1.3x the language's peer.
    "py-xapi-recvmsg": 1.3, "pl-xapi-recvmsg": 1.3, "tcl-xapi-recvmsg": 1.3,
    "py-xapi-sendmsg": 1.3, "pl-xapi-sendmsg": 1.3, "tcl-xapi-sendmsg": 1.3,
    # PyXAPI's API: at least the standard library.
    "py-pyxapi-recvmsg": 1.0,
    # Batches: 0.9x the raw C recvmmsg / sendmmsg of the same run.
    "py-xapi-batch-recv": 0.9, "pl-xapi-batch-recv": 0.9,
    "tcl-xapi-batch-recv": 0.9,
    "py-xapi-batch-send": 0.9, "pl-xapi-batch-send": 0.9,
    "tcl-xapi-batch-send": 0.9,
    # The C API: within 5% of the raw system calls (issue 5, unchanged).
    "c-xapi-recvmsg": 0.95, "c-xapi-batch-recv": 0.95,
    "c-xapi-sendmsg": 0.95, "c-xapi-batch-send": 0.95,
    # GRO: datagrams delivered, against raw C recvmmsg (issue 12).
    "c-xapi-gro-recv": 3.0, "py-xapi-gro-recv": 3.0,
    "pl-xapi-gro-recv": 3.0, "tcl-xapi-gro-recv": 3.0,
}
RSS_GROWTH_KB = 1024


def target_text(name, ratio, growth):
    """The target column: the ratio target and whether it was met, and a
    note when memory grew."""
    parts = []
    want = TARGETS.get(name)
    if want is not None:
        if ratio is None:
            parts.append(">= %g: not measured" % want)
        else:
            parts.append(">= %g: %s" % (want, "met" if ratio >= want
                                         else "MISSED"))
    if "-xapi-" in name or "-pyxapi-" in name:
        if growth is not None and growth > RSS_GROWTH_KB:
            parts.append("RSS grew %d kB: MISSED" % growth)
    return "; ".join(parts)


# The binding codec scenarios do four header operations per "message" in
# an interpreter: they get a tenth of the messages (at least 1000).
def codec_count(count):
    return max(count // 10, min(count, 1000))


def machine(cc):
    model = "unknown"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    try:
        compiler = subprocess.run(cc.split() + ["--version"], capture_output=True,
                                  text=True).stdout.splitlines()[0]
    except (OSError, IndexError):
        compiler = cc
    return [
        ("CPUs (nproc)", str(os.cpu_count())),
        ("CPU model", model),
        ("kernel", platform.release()),
        ("compiler", compiler),
        ("python", platform.python_version()),
    ]


def kind_of(row):
    """A row's kind: its fourth field, or (for a row added as (name,
    command, reference), as the older rows were) guessed from its name."""
    if len(row) > 3:
        return row[3]
    name = row[0]
    if "send" in name:
        return "send"
    if "codec" in name or "-opt-" in name or "-rth-" in name:
        return "codec"
    return "recv"


def run_one(cmd, env, cpu):
    """((msgs_per_sec, rss_before, rss_after, accounting), None) or (None,
    why); accounting is (sent, received, short bursts) from a receive
    program's line, or None."""
    def pin():
        if cpu is not None:
            os.sched_setaffinity(0, {cpu})
    try:
        p = subprocess.run(cmd, env=env, capture_output=True, text=True,
                           timeout=900, preexec_fn=pin)
    except (OSError, subprocess.TimeoutExpired) as e:
        return None, str(e)
    if p.returncode == 77:
        return None, "skipped: " + (p.stderr.strip().splitlines() or [""])[-1]
    if p.returncode != 0:
        return None, "failed (%d): %s" % (
            p.returncode, (p.stderr.strip().splitlines() or [""])[-1])
    for line in p.stdout.splitlines():
        f = line.split()
        if len(f) in (4, 7):
            try:
                acct = tuple(int(x) for x in f[4:7]) if len(f) == 7 else None
                return (float(f[1]), int(f[2]), int(f[3]), acct), None
            except ValueError:
                continue
    return None, "no result line in %r" % p.stdout


def med(rs):
    return statistics.median(x[0] for x in rs) if rs else None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bindir", default=".")
    ap.add_argument("--srcdir", default=os.path.dirname(os.path.abspath(__file__)))
    ap.add_argument("--top-builddir", default="..")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--count", type=int, default=300000,
                    help="messages per run")
    ap.add_argument("--e2e-count", type=int, default=100000,
                    help="messages per end-to-end receive run")
    ap.add_argument("--rss-count", type=int, default=1000000,
                    help="messages per run in the memory round (the first "
                    "round, when --count is smaller and --rounds >= 3)")
    ap.add_argument("--methods", default="queued,e2e",
                    help="receive methods to run: queued, e2e or both")
    ap.add_argument("--output", default="results.md")
    ap.add_argument("--cc", default=os.environ.get("CC", "cc"))
    ap.add_argument("--only", default="", help="comma-separated scenario names")
    a = ap.parse_args()

    bindir, srcdir = os.path.abspath(a.bindir), os.path.abspath(a.srcdir)
    top = os.path.abspath(a.top_builddir)
    interp = {"b": bindir, "s": srcdir,
              "py": os.environ.get("PYTHON") or sys.executable,
              "pl": shutil.which("perl") or "perl",
              "tcl": shutil.which("tclsh") or "tclsh"}
    e2e_count = min(a.e2e_count, a.count) if a.e2e_count else a.count
    # The memory round: the first round runs every row (receive rows in
    # the queued method; end-to-end runs keep e2e_count) at rss_count
    # messages, and the VmRSS columns come from it alone: "no growth over
    # a million messages" needs a million messages, the rates do not.  A
    # quick check (fewer than 3 rounds) has none: VmRSS then covers COUNT.
    rss_count = a.rss_count if (a.rss_count > a.count and a.rounds >= 3) \
        else a.count
    env = dict(os.environ)
    env["XAPI_BENCH_SENDER"] = os.path.join(bindir, "bench_sender")
    env["XAPI_BENCH_COUNT"] = str(a.count)
    env["XAPI_BENCH_CODEC_COUNT"] = str(codec_count(a.count))
    # For the binding scenarios: the build tree's modules first.
    topsrc = os.path.dirname(srcdir)
    env["PYTHONPATH"] = os.pathsep.join(
        [os.path.join(top, "bindings/python"), os.path.join(topsrc, "bindings/python"),
         srcdir, env.get("PYTHONPATH", "")])
    env["PERL5LIB"] = os.pathsep.join(
        [os.path.join(top, "bindings/perl"), os.path.join(top, "bindings/perl/.libs"),
         os.path.join(topsrc, "bindings/perl"), env.get("PERL5LIB", "")])
    env["TCLLIBPATH"] = " ".join(
        [os.path.join(top, "bindings/tcl"), env.get("TCLLIBPATH", "")]).strip()
    # Every scenario runs on CPU 1.  The receive methods differ only in the
    # burst sender's CPU: the receiver's own (queued: the datagrams are
    # made and queued on that CPU while the receiver waits, then drained
    # with no other CPU involved) or the other one (e2e: the receive path
    # up to the socket queue runs on CPU 0, the receiver drains on CPU 1).
    cpu = None
    sender_cpu = {"queued": None, "e2e": None}
    methods = [m for m in METHODS if m in a.methods.split(",")]
    if not methods:
        ap.error("--methods: queued, e2e or both")
    if (os.cpu_count() or 1) >= 2:
        cpu = 1
        sender_cpu = {"queued": "1", "e2e": "0"}
    elif "e2e" in methods and len(methods) > 1:
        # One CPU: both methods would be the same run.
        methods = ["queued"]

    only = set(x for x in a.only.split(",") if x)
    rows = [r for r in SCENARIOS if not only or r[0] in only]
    todo, notes = [], {}
    for row in rows:
        name, tmpl = row[0], row[1]
        cmd = [c.format(**interp) for c in tmpl]
        script = [c for c in cmd[1:] if c.startswith(srcdir)]
        if script and not os.path.exists(script[0]):
            notes[name] = "not written yet (slot)"
            continue
        for m in (methods if kind_of(row) == "recv" else [None]):
            todo.append((name, m, cmd))

    results = {(name, m): [] for name, m, _ in todo}
    memory = {}  # name: the first round's result (VmRSS columns)
    failed = {}
    t_start = time.time()
    for r in range(a.rounds):
        k = r % len(todo) if todo else 0
        for name, m, cmd in todo[k:] + todo[:k]:
            if (name, m) in failed:
                continue
            renv = dict(env)
            if r == 0 and rss_count != a.count:
                renv["XAPI_BENCH_COUNT"] = str(rss_count)
                renv["XAPI_BENCH_CODEC_COUNT"] = str(codec_count(rss_count))
            if m is not None:
                if sender_cpu[m] is not None:
                    renv["XAPI_BENCH_SENDER_CPU"] = sender_cpu[m]
                if m == "e2e":
                    renv["XAPI_BENCH_COUNT"] = str(e2e_count)
            res, err = run_one(cmd, renv, cpu)
            if res is None:
                failed[(name, m)] = err
                print("%-20s %-6s %s" % (name, m or "", err), file=sys.stderr)
                continue
            results[(name, m)].append(res)
            if r == 0 and m in (None, methods[0]):
                memory[name] = res
            print("round %d %-20s %-6s %10.0f msgs/s" % (
                r + 1, name, m or "", res[0]), file=sys.stderr)
    elapsed = time.time() - t_start

    def rate(name, m):
        rs = results.get((name, m))
        return med(rs) if rs and (name, m) not in failed else None

    def ratio(x, ref, m):
        # The median of the rounds' own ratios: each round measures a row
        # and its reference minutes apart, so a machine that slows down or
        # speeds up during the run moves both; the ratio of the two
        # medians would mix rounds taken under different conditions.
        if ref is None or (x, m) in failed or (ref, m) in failed:
            return None
        xs, rs_ = results.get((x, m), []), results.get((ref, m), [])
        pairs = [a_[0] / b_[0] for a_, b_ in zip(xs, rs_) if b_[0]]
        return statistics.median(pairs) if pairs else None

    def fmt_ratio(x, ref, m):
        if ref is None:
            return "(ref)"
        v = ratio(x, ref, m)
        return "%.3f" % v if v is not None else "-"

    head = ("| scenario | reference | msgs/s: queued (recv) or the one "
            "method | ratio to reference | msgs/s: end-to-end (recv) | "
            "ratio, end-to-end | spread (min..max) | lost, late bursts | "
            "VmRSS before kB | VmRSS after kB | VmRSS growth kB | target |")
    table = [head, "|---|---|---:|---:|---:|---:|---|---|---:|---:|---:|---|"]
    for row in rows:
        name, ref, kind = row[0], row[2], kind_of(row)
        first = "queued" if kind == "recv" else None
        if first not in methods and kind == "recv":
            first = methods[0]
        reftext = ref or "-"
        if ref in (CEIL_RECV, CEIL_SEND):
            reftext = ref + " (C ceiling)"
        rs = results.get((name, first), [])
        why = failed.get((name, first)) or notes.get(name)
        if not rs or why:
            table.append("| %s | %s | %s | | | | | | | | | %s |" % (
                name, reftext, why or "not run",
                target_text(name, None, None)))
            continue
        mem = memory.get(name)
        value = ratio(name, ref, first)
        e2e_rate = e2e_ratio = ""
        acct = ""
        if kind == "recv":
            if "e2e" in methods and first != "e2e":
                e2e = rate(name, "e2e")
                e2e_rate = "%.0f" % e2e if e2e is not None else (
                    failed.get((name, "e2e"), "-"))
                e2e_ratio = fmt_ratio(name, ref, "e2e")
            parts = []
            for m in methods:
                acc = [x[3] for x in results.get((name, m), []) if x[3]]
                if acc:
                    parts.append("%s %d, %d" % (
                        "q" if m == "queued" else "e2e",
                        sum(x[0] - x[1] for x in acc),
                        sum(x[2] for x in acc)))
            acct = "; ".join(parts)
        growth = mem[2] - mem[1] if mem else None
        table.append(
            "| %s | %s | %.0f | %s | %s | %s | %.0f..%.0f | %s | %s | %s | %s "
            "| %s |" % (
                name, reftext, rate(name, first), fmt_ratio(name, ref, first),
                e2e_rate, e2e_ratio, min(x[0] for x in rs),
                max(x[0] for x in rs), acct,
                mem[1] if mem else "-", mem[2] if mem else "-",
                growth if mem else "-",
                target_text(name, value, growth)))
    table = "\n".join(table)
    print(table)
    print("%d runs in %.0f s" % (sum(len(v) for v in results.values()),
                                 elapsed), file=sys.stderr)

    desc = machine(a.cc)
    with open(a.output, "w") as f:
        f.write("# xapi benchmark results\n\n")
        f.write(
            "Written by `make bench` (bench/run.py) on %s; see "
            "bench/README.md and docs/performance.md for the method.  "
            "%d messages per scenario run (%d per end-to-end receive run; "
            "%d in the first round, the memory round), %d rounds in "
            "rotating order, medians quoted (a ratio is the median of "
            "the rounds' own ratios, row over reference in the same "
            "round); 64-byte UDP "
            "datagrams over IPv6 loopback, IPV6_PKTINFO and IPV6_HOPLIMIT "
            "received and decoded per message (not by tcl-udp-recv: tcludp "
            "has no ancillary data); sends carry a hop-limit item per "
            "message (tcl-udp-send sets it once on the socket instead).  "
            "Codec rows count whole headers built or parsed (C) or "
            "build+walk+build+parse rounds (the bindings, %d per run).  "
            "VmRSS is read after set-up and after the last message of the "
            "first round's run of each row (queued method for receive "
            "rows), %d messages.\n\n"
            "Receive rows are measured twice, every round: **queued** (the "
            "burst sender pinned to the receiver's CPU: each burst is made "
            "and queued before the timed drain, only the receiver's own "
            "cost is timed; the `target` column is judged on it) and "
            "**end-to-end** (the sender on the other CPU, as issue 5 "
            "measured).  The reference of each ratio is named in its row: "
            "one-call rows against their language's peer, batch rows "
            "against the raw C call of the same run and method (the C "
            "ceiling), C xapi rows against the raw call.  \"lost, late "
            "bursts\": summed over the rounds, per method, datagrams sent "
            "but never received and bursts whose drain found fewer than "
            "were sent (both 0 when every burst was queued whole before "
            "its drain).\n\n" % (
                time.strftime("%Y-%m-%d"), a.count, e2e_count, rss_count,
                a.rounds, codec_count(a.count), rss_count))
        f.write("## Machine\n\n")
        for k, v in desc:
            f.write("- %s: %s\n" % (k, v))
        f.write("\n## Results\n\n" + table + "\n")
    print("written to %s" % a.output, file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
