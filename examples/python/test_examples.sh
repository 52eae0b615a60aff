#!/bin/bash
# test_examples.sh - runs every Python example against the network lab and
# checks what it prints against the lab's topology (docs/lab.md): R is
# 2001:db8:1::1 on A's side, B is 2001:db8:2::2 on b-r (index 32).
#
#   usage: examples/python/test_examples.sh [PYDIR]
#     PYDIR: the directory holding the xapi package (the build tree's
#     bindings/python); default: $PYTHONPATH as it is.  $PYTHON names the
#     interpreter (default python3).
# Root only (network namespaces); otherwise exits 77 (automake's SKIP)
# with the reason.
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lab-harness.sh"
py=${PYTHON:-python3}
if [ $# -ge 1 ]; then
    export PYTHONPATH="$1${PYTHONPATH:+:$PYTHONPATH}"
fi
if [ "$(id -u)" = 0 ] && ! "$py" -c 'import xapi' 2>/dev/null; then
    echo "SKIP: $py cannot import xapi (PYTHONPATH=${PYTHONPATH:-})"
    exit 77
fi
lab_start xq
A="$in_a $py"
B="$in_b $py"

# ping6: B answers from 2001:db8:2::2 with hop limit 64, R takes one off.
out=$($A "$here/ping6.py" -c 2 2001:db8:2::2 2>&1)
status "ping6 exits 0 when every reply came" 0 $?
check "ping6 seq 1" '^reply from 2001:db8:2::2: seq=1 hlim=63 time=[0-9.]+ ms$' "$out"
check "ping6 seq 2" '^reply from 2001:db8:2::2: seq=2 hlim=63 time=[0-9.]+ ms$' "$out"
# Nobody has 2001:db8:2::9: no reply, exit 1.
out=$($A "$here/ping6.py" -c 1 2001:db8:2::9 2>&1)
status "ping6 exits 1 without a reply" 1 $?

# traceroute6: hop 1 is R (Time Exceeded), hop 2 is B (Port Unreachable).
out=$($A "$here/traceroute6.py" -m 5 2001:db8:2::2 2>&1)
status "traceroute6 exits 0 at the destination" 0 $?
check "traceroute6 hop 1 is R" '^1 2001:db8:1::1$' "$out"
check "traceroute6 hop 2 is B" '^2 2001:db8:2::2$' "$out"
check "traceroute6 stops at B" '^2 2001:db8:2::2$' "$(printf '%s\n' "$out" | tail -n 1)"

# pktinfo_server: B gets a second address; a query to it must be answered
# from it, whichever source the routing table would have picked.
ip -n "$prefix-b" addr add 2001:db8:2::3/64 dev b-r nodad
$B "$here/pktinfo_server.py" -p 7000 -n 2 > "$tmp/server.out" 2>&1 &
server=$!
sleep 0.5
out=$($A "$here/pktinfo_server.py" -q 2001:db8:2::3 -p 7000 first 2>&1)
check "pktinfo_server answers from ::3" '^answer from 2001:db8:2::3: first$' "$out"
out=$($A "$here/pktinfo_server.py" -q 2001:db8:2::2 -p 7000 second 2>&1)
check "pktinfo_server answers from ::2" '^answer from 2001:db8:2::2: second$' "$out"
wait "$server"
status "pktinfo_server exits 0 after -n 2 queries" 0 $?
out=$(cat "$tmp/server.out")
check "pktinfo_server sees the destination ::3" \
    '^query from 2001:db8:1::2 to 2001:db8:2::3 ifindex 32$' "$out"
check "pktinfo_server sees the destination ::2" \
    '^query from 2001:db8:1::2 to 2001:db8:2::2 ifindex 32$' "$out"

# srh_send: through R to B; B sees the SRH with Segments Left 0 and the
# list in wire order (Segment List[0] the destination, [1] R).
$B "$here/srh_send.py" recv 7001 > "$tmp/srh.out" 2>&1 &
rx=$!
sleep 0.5
$A "$here/srh_send.py" send 2001:db8:2::2 2001:db8:1::1 7001 "via R"
wait "$rx"
out=$(cat "$tmp/srh.out")
check "srh_send: B sees the SRH" \
    '^rthdr type 4 segments_left 0 segments 2001:db8:2::2,2001:db8:1::1$' "$out"
check "srh_send: B gets the data" '^data: via R$' "$out"

# opts_send: a Router Alert (RFC 2711: type 5, 2 bytes, value 0) in the
# hop-by-hop header and option 0x1e with "xapi" in the destination options.
$B "$here/opts_send.py" recv 7002 > "$tmp/opts.out" 2>&1 &
rx=$!
sleep 0.5
$A "$here/opts_send.py" send 2001:db8:2::2 7002
wait "$rx"
out=$(cat "$tmp/opts.out")
check "opts_send: hop-by-hop router alert" '^hopopts 05:0000$' "$out"
check "opts_send: destination option" '^dstopts 1e:78617069$' "$out"

# owlat: three probes from A to B through R.  A prints each probe's
# transmit timestamp (matched by its OPT_ID key); B prints arrival minus
# departure, which on the lab's one clock is never negative.
$B "$here/owlat.py" recv 7003 -n 3 > "$tmp/owlat.out" 2>&1 &
rx=$!
sleep 0.5
out=$($A "$here/owlat.py" send 2001:db8:2::2 7003 -c 3 2>&1)
status "owlat sender exits 0" 0 $?
check "owlat: probe 2 departs with a stamp" '^probe 2 left at [0-9]+\.[0-9]{9}$' "$out"
wait "$rx"
status "owlat receiver exits 0" 0 $?
out=$(cat "$tmp/owlat.out")
check "owlat: probe 0 one-way latency" '^probe 0 one-way [0-9]+\.[0-9] us$' "$out"
check "owlat: probe 2 one-way latency" '^probe 2 one-way [0-9]+\.[0-9] us$' "$out"
# ssm_recv: B joins (ff3e::8000:db8, from R's r-b address); R sends on the
# R - B link (this kernel has no multicast routing, so nothing crosses R
# from A): first from its other address, which the source filter must
# drop, then from the joined source.
R="ip netns exec $prefix-r $py"
$B "$here/ssm_recv.py" recv ff3e::8000:db8 b-r 2001:db8:2::1 7010 > "$tmp/ssm.out" 2>&1 &
rx=$!
sleep 0.5
$R "$here/ssm_recv.py" send ff3e::8000:db8 r-b 7010 other 2001:db8:1::1
$R "$here/ssm_recv.py" send ff3e::8000:db8 r-b 7010 hello 2001:db8:2::1
wait "$rx"
status "ssm_recv exits 0" 0 $?
out=$(cat "$tmp/ssm.out")
check "ssm_recv: joined" '^joined ff3e::8000:db8 from 2001:db8:2::1 on b-r$' "$out"
check "ssm_recv: the joined source's datagram" '^from 2001:db8:2::1: hello$' "$out"
check "ssm_recv: left" '^left$' "$out"
$py "$here/ssm_recv.py" recv 2001:db8::1 lo 2001:db8::2 7010 >/dev/null 2>&1
status "ssm_recv: a group that is not multicast exits 2" 2 $?

# Bad usage exits 2.
$py "$here/traceroute6.py" not-an-address >/dev/null 2>&1
status "traceroute6 bad usage exits 2" 2 $?
$py "$here/srh_send.py" >/dev/null 2>&1
status "srh_send bad usage exits 2" 2 $?

# fdpass.py: no lab needed; a bound UDP socket handed to a child over a
# unix socket answers from the port the parent bound (SCM_RIGHTS), and the
# child sees the parent's pid in the credentials (SCM_CREDENTIALS).
out=$($py "$here/fdpass.py" 2>&1)
check "fdpass.py: the child gets the socket from its parent" \
    '^child: received a UDP socket from my parent$' "$out"
check "fdpass.py: the child reads the datagram" "^child: datagram 'hello'$" "$out"
check "fdpass.py: the answer comes from the handed-over socket" \
    "^parent: answer 'hello back' from the socket it handed over$" "$out"

lab_finish
