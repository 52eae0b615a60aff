"""Shared by the Python scenario programs: the burst sender, VmRSS, the
contract's output line (see README.md)."""
import os
import subprocess
import sys
import time

COUNT = int(os.environ.get("XAPI_BENCH_COUNT", "1000000"))
CHUNK = int(os.environ.get("XAPI_BENCH_CHUNK", "2000"))
SENDER = os.environ.get("XAPI_BENCH_SENDER", "./bench_sender")


def rss_kb():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return -1


def run_receiver(name, port, drain):
    """Bursts from the C sender, each drained by drain() (which returns the
    number of messages it took); only the draining is timed."""
    snd = subprocess.Popen([SENDER, str(port)], stdin=subprocess.PIPE,
                           stdout=subprocess.PIPE, text=True, bufsize=1)
    rss0 = rss_kb()
    total, busy, empty = 0, 0.0, 0
    while total < COUNT:
        want = min(CHUNK, COUNT - total)
        snd.stdin.write("%d\n" % want)
        snd.stdin.flush()
        snd.stdout.readline()
        t0 = time.perf_counter()
        got = drain()
        busy += time.perf_counter() - t0
        total += got
        if got == 0:
            empty += 1
            if empty > 100:
                sys.exit("%s: nothing arrives" % name)
    rss1 = rss_kb()
    snd.stdin.close()
    snd.wait()
    print("%s %.0f %d %d" % (name, total / busy, rss0, rss1), flush=True)
