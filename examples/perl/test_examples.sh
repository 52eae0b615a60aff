#!/bin/bash
# test_examples.sh - runs every Perl example against the network lab and
# checks what it prints against the lab's topology (docs/lab.md): R is
# 2001:db8:1::1 on A's side, B is 2001:db8:2::2 (b-r, index 32).
#
#   usage: perl/test_examples.sh       (from examples/ in the build tree)
# The binding is found through PERL5LIB; unset, it defaults to the build
# tree's bindings/perl (../bindings/perl from the current directory) and
# the source tree's.  $PERL names the interpreter (default perl).  Root
# only (network namespaces, raw sockets); otherwise exits 77 (automake's
# SKIP) with the reason.
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lab-harness.sh"
perl=${PERL:-perl}
export PERL5LIB=${PERL5LIB:-$PWD/../bindings/perl:$here/../../bindings/perl}
if [ "$(id -u)" = 0 ] && ! "$perl" -MXapi -e 1 2>/dev/null; then
    echo "SKIP: the Perl binding (Xapi) is not built or not on PERL5LIB"
    exit 77
fi
lab_start xp
A=$in_a
B=$in_b

# ping6: B answers with hop limit 64, R takes one off.
out=$($A "$perl" "$here/ping6.pl" -c 2 2001:db8:2::2 2>&1)
check "ping6.pl reaches B" '^reply from 2001:db8:2::2: seq=2 hlim=63 time=[0-9.]+ ms$' "$out"

# traceroute6: hop 1 is R (Time Exceeded), hop 2 is B (Port Unreachable).
out=$($A "$perl" "$here/traceroute6.pl" -m 5 2001:db8:2::2 2>&1)
check "traceroute6.pl hop 1 is R" '^1 2001:db8:1::1$' "$out"
check "traceroute6.pl hop 2 is B" '^2 2001:db8:2::2$' "$out"

# pktinfo_server: B gets a second address; a query to it must be answered
# from it, whichever source the routing table would have picked.
ip -n "$prefix-b" addr add 2001:db8:2::3/64 dev b-r nodad
run_bg "$tmp/server" $B "$perl" "$here/pktinfo_server.pl" -p 7000 -n 2
server=$!
out=$($A "$perl" "$here/pktinfo_server.pl" -q 2001:db8:2::3 -p 7000 first 2>&1)
check "pktinfo_server.pl answers from ::3" '^answer from 2001:db8:2::3: first$' "$out"
out=$($A "$perl" "$here/pktinfo_server.pl" -q 2001:db8:2::2 -p 7000 second 2>&1)
check "pktinfo_server.pl answers from ::2" '^answer from 2001:db8:2::2: second$' "$out"
wait "$server"
out=$(cat "$tmp/server")
check "pktinfo_server.pl sees the destination" \
    '^query from 2001:db8:1::2 to 2001:db8:2::3 ifindex 32$' "$out"

# srh_send: through R to B; B sees Segments Left 0 and the wire-order list.
run_bg "$tmp/srh" $B "$perl" "$here/srh_send.pl" recv 7001
rx=$!
$A "$perl" "$here/srh_send.pl" send 2001:db8:2::2 2001:db8:1::1 7001 via R
wait "$rx"
out=$(cat "$tmp/srh")
check "srh_send.pl: B sees the SRH" \
    '^rthdr type 4 segments_left 0 segments 2001:db8:2::2,2001:db8:1::1$' "$out"
check "srh_send.pl: B gets the data" '^data: via R$' "$out"

# opts_send: Router Alert (RFC 2711: type 5, value 0) and option 0x1e.
run_bg "$tmp/opts" $B "$perl" "$here/opts_send.pl" recv 7002
rx=$!
$A "$perl" "$here/opts_send.pl" send 2001:db8:2::2 7002
wait "$rx"
out=$(cat "$tmp/opts")
check "opts_send.pl: hop-by-hop router alert" '^hopopts 05:0000$' "$out"
check "opts_send.pl: destination option" '^dstopts 1e:78617069$' "$out"

# owlat.pl: three probes from A to B through R.  A prints each probe's
# transmit timestamp (matched by its OPT_ID key); B prints arrival minus
# departure, which on the lab's one clock is never negative.
run_bg "$tmp/owlat" $B "$perl" "$here/owlat.pl" recv 7003 -n 3
rx=$!
out=$($A "$perl" "$here/owlat.pl" send 2001:db8:2::2 7003 -c 3 2>&1)
check "owlat.pl: probe 2 departs with a stamp" '^probe 2 left at [0-9]+\.[0-9]{9}$' "$out"
wait "$rx"
out=$(cat "$tmp/owlat")
check "owlat.pl: probe 0 one-way latency" '^probe 0 one-way [0-9]+\.[0-9] us$' "$out"
check "owlat.pl: probe 2 one-way latency" '^probe 2 one-way [0-9]+\.[0-9] us$' "$out"
# fdpass.pl: no lab needed; a bound UDP socket handed to a child over a
# unix socket answers from the port the parent bound (SCM_RIGHTS), and the
# child sees the parent's pid in the credentials (SCM_CREDENTIALS).
out=$("$perl" "$here/fdpass.pl" 2>&1)
check "fdpass.pl: the child gets the socket from its parent" \
    '^child: received a UDP socket from my parent$' "$out"
check "fdpass.pl: the child reads the datagram" "^child: datagram 'hello'$" "$out"
check "fdpass.pl: the answer comes from the handed-over socket" \
    "^parent: answer 'hello back' from the socket it handed over$" "$out"
# ssm_recv: B joins (ff3e::8000:db8, from R's r-b address); R sends on the
# R - B link (this kernel has no multicast routing, so nothing crosses R
# from A): first from its other address, which the source filter must
# drop, then from the joined source.
R="ip netns exec $prefix-r $perl"
$B "$perl" "$here/ssm_recv.pl" recv ff3e::8000:db8 b-r 2001:db8:2::1 7010 > "$tmp/ssm.out" 2>&1 &
rx=$!
sleep 0.5
$R "$here/ssm_recv.pl" send ff3e::8000:db8 r-b 7010 other 2001:db8:1::1
$R "$here/ssm_recv.pl" send ff3e::8000:db8 r-b 7010 hello 2001:db8:2::1
wait "$rx"
status "ssm_recv exits 0" 0 $?
out=$(cat "$tmp/ssm.out")
check "ssm_recv: joined" '^joined ff3e::8000:db8 from 2001:db8:2::1 on b-r$' "$out"
check "ssm_recv: the joined source's datagram" '^from 2001:db8:2::1: hello$' "$out"
check "ssm_recv: left" '^left$' "$out"
"$perl" "$here/ssm_recv.pl" recv 2001:db8::1 lo 2001:db8::2 7010 >/dev/null 2>&1
status "ssm_recv: a group that is not multicast exits 2" 2 $?

lab_finish
