#!/bin/sh
# run-lab-demo.sh LAB_SH LAB_DEMO - the lab part of `make demo`.
#
# As root: builds a lab of its own with tests/lab/lab.sh, runs lab-demo on
# it, and removes the lab however the demo ends.  Otherwise says what root
# would show, and succeeds: the loopback demos have run already.
lab_sh=$1
demo=$2

if [ "$(id -u)" != 0 ]; then
    cat <<'MSG'
== The lab (skipped: needs root)
   As root (sudo make demo), the demo also builds a small IPv6 network in
   network namespaces, A -- router R -- B, and follows datagrams through
   it: R taking one off the hop limit, R acting on a Segment Routing
   Header, R answering hop limit 1 with Time Exceeded (read from A's error
   queue), and R answering a datagram too big for its 1280-byte link with
   Packet Too Big (EMSGSIZE and a path MTU of 1280 at A).
MSG
    exit 0
fi

prefix="xd$$"
trap 'bash "$lab_sh" down "$prefix" >/dev/null 2>&1' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
echo "== The lab (root): a datagram's path through a router"
if ! bash "$lab_sh" up "$prefix" >/dev/null; then
    echo "run-lab-demo.sh: could not build the lab (see above)" >&2
    exit 1
fi
"$demo" "$prefix"
