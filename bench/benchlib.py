"""Shared by the Python scenario programs: the environment, the xapi import,
the burst sender, VmRSS, the contract's output line (see README.md).  Only
set-up and reporting live here: a send or codec script keeps its timed loop
and its two time.perf_counter() calls inline; run_receiver times only the
drain() call of each burst."""
import os
import subprocess
import sys
import time

COUNT = int(os.environ.get("XAPI_BENCH_COUNT", "1000000"))
CHUNK = int(os.environ.get("XAPI_BENCH_CHUNK", "2000"))
SENDER = os.environ.get("XAPI_BENCH_SENDER", "./bench_sender")
# Codec rounds: run.py passes a tenth of COUNT, at least 1000, as does this.
CODEC_COUNT = int(os.environ.get("XAPI_BENCH_CODEC_COUNT",
                                 max(COUNT // 10, 1000)))


def import_xapi():
    """The xapi module, or exit 77 ("skipped") when it is not importable."""
    try:
        import xapi
    except ImportError as e:
        sys.stderr.write("xapi not importable: %s\n" % e)
        sys.exit(77)
    return xapi


def scenario(*names):
    """The scenario named by the first argument (the first of names when
    there is none); it must be one of names."""
    name = sys.argv[1] if len(sys.argv) > 1 else names[0]
    if name not in names:
        sys.exit("unknown scenario %s" % name)
    return name


def rss_kb():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return -1


def line(name, rate, rss0, rss1):
    """The contract's one line: SCENARIO msgs_per_sec rss_before rss_after."""
    print("%s %.0f %d %d" % (name, rate, rss0, rss1), flush=True)


def report(name, n, secs, rss0):
    """After a timed loop of n messages that took secs seconds: reads VmRSS
    and prints the line."""
    rss1 = rss_kb()
    line(name, n / secs, rss0, rss1)


def run_receiver(name, port, drain):
    """Bursts from the C sender, each drained by drain() (which returns the
    number of messages it took); only the draining is timed.  The line
    carries the accounting fields of README.md ("Two receive methods"):
    sent, received (with one untimed drain for stragglers at the end) and
    the bursts whose drain took fewer than were sent."""
    snd = subprocess.Popen([SENDER, str(port)], stdin=subprocess.PIPE,
                           stdout=subprocess.PIPE, text=True, bufsize=1)
    rss0 = rss_kb()
    total, busy, empty, sent, short = 0, 0.0, 0, 0, 0
    while total < COUNT:
        want = min(CHUNK, COUNT - total)
        snd.stdin.write("%d\n" % want)
        snd.stdin.flush()
        burst = int(snd.stdout.readline())
        sent += burst
        t0 = time.perf_counter()
        got = drain()
        busy += time.perf_counter() - t0
        total += got
        if got < burst:
            short += 1
        if got == 0:
            empty += 1
            if empty > 100:
                sys.exit("%s: nothing arrives" % name)
    rss1 = rss_kb()
    snd.stdin.close()
    snd.wait()
    print("%s %.0f %d %d %d %d %d" % (name, total / busy, rss0, rss1, sent,
                                      total + drain(), short), flush=True)
