#!/bin/bash
# test_examples.sh - runs every C example against the network lab and
# checks what it prints against the lab's topology (docs/lab.md): R is
# 2001:db8:1::1 on A's side, B is 2001:db8:2::2, R's link to B has MTU 1280.
#
#   usage: c/test_examples.sh [BINDIR]   (BINDIR holds ping6 ...; default:
#                                         c/ under the current directory)
# Root only (network namespaces); otherwise exits 77 (automake's SKIP)
# with the reason.
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lab-harness.sh"
bin=${1:-$PWD/c}
lab_start xe
A=$in_a
B=$in_b

# ping6: B answers from 2001:db8:2::2 with hop limit 64, R takes one off.
out=$($A "$bin/ping6" -c 2 2001:db8:2::2 2>&1)
check "ping6 reaches B" '^reply from 2001:db8:2::2: seq=2 hlim=63 time=' "$out"

# traceroute6: hop 1 is R (Time Exceeded), hop 2 is B (Port Unreachable).
out=$($A "$bin/traceroute6" -m 5 2001:db8:2::2 2>&1)
check "traceroute6 hop 1 is R" '^1 2001:db8:1::1$' "$out"
check "traceroute6 hop 2 is B" '^2 2001:db8:2::2$' "$out"

# pktinfo_server: B gets a second address; a query to it must be answered
# from it, whichever source the routing table would have picked.
ip -n "$prefix-b" addr add 2001:db8:2::3/64 dev b-r nodad
$B "$bin/pktinfo_server" -p 7000 -n 2 > "$tmp/server.out" 2>&1 &
server=$!
sleep 0.3
out=$($A "$bin/pktinfo_server" -q 2001:db8:2::3 -p 7000 first 2>&1)
check "pktinfo_server answers from ::3" '^answer from 2001:db8:2::3: first$' "$out"
out=$($A "$bin/pktinfo_server" -q 2001:db8:2::2 -p 7000 second 2>&1)
check "pktinfo_server answers from ::2" '^answer from 2001:db8:2::2: second$' "$out"
wait "$server"
out=$(cat "$tmp/server.out")
check "pktinfo_server sees the destination" \
    '^query from 2001:db8:1::2 to 2001:db8:2::3 ifindex 32$' "$out"

# srh_send: through R to B; B sees the SRH with Segments Left 0 and the
# list in wire order (the kernel put the destination in Segment List[0]).
$B "$bin/srh_send" recv 7001 > "$tmp/srh.out" 2>&1 &
rx=$!
sleep 0.3
$A "$bin/srh_send" send 2001:db8:2::2 2001:db8:1::1 7001 "via R"
wait "$rx"
out=$(cat "$tmp/srh.out")
check "srh_send: B sees the SRH" \
    '^rthdr type 4 segments_left 0 segments 2001:db8:2::2,2001:db8:1::1$' "$out"
check "srh_send: B gets the data" '^data: via R$' "$out"

# opts_send: a Router Alert (RFC 2711: type 5, 2 bytes, value 0) in the
# hop-by-hop header and option 0x1e with "xapi" in the destination options.
$B "$bin/opts_send" recv 7002 > "$tmp/opts.out" 2>&1 &
rx=$!
sleep 0.3
$A "$bin/opts_send" send 2001:db8:2::2 7002
wait "$rx"
out=$(cat "$tmp/opts.out")
check "opts_send: hop-by-hop router alert" '^hopopts 05:0000$' "$out"
check "opts_send: destination option" '^dstopts 1e:78617069$' "$out"

# owlat: three probes from A to B through R.  A prints each probe's
# transmit timestamp (matched by its OPT_ID key); B prints arrival minus
# departure, which on the lab's one clock is never negative.
$B "$bin/owlat" recv 7003 -n 3 > "$tmp/owlat.out" 2>&1 &
rx=$!
sleep 0.3
out=$($A "$bin/owlat" send 2001:db8:2::2 7003 -c 3 2>&1)
check "owlat: probe 2 departs with a stamp" '^probe 2 left at [0-9]+\.[0-9]{9}$' "$out"
wait "$rx"
out=$(cat "$tmp/owlat.out")
check "owlat: probe 0 one-way latency" '^probe 0 one-way [0-9]+\.[0-9] us$' "$out"
check "owlat: probe 2 one-way latency" '^probe 2 one-way [0-9]+\.[0-9] us$' "$out"
# fdpass: no lab needed; a bound UDP socket handed to a child over a unix
# socket answers from the port the parent bound (SCM_RIGHTS), and the
# child sees the parent's pid in the credentials (SCM_CREDENTIALS).
out=$("$bin/fdpass" 2>&1)
check "fdpass: the child gets the socket from its parent" \
    '^child: received a UDP socket from my parent$' "$out"
check "fdpass: the child reads the datagram" "^child: datagram 'hello'$" "$out"
check "fdpass: the answer comes from the handed-over socket" \
    "^parent: answer 'hello back' from the socket it handed over$" "$out"
# ssm_recv: B joins (ff3e::8000:db8, from R's r-b address) and, for IPv4,
# (232.1.2.3, 198.51.100.1).  R sends on the R - B link (this kernel has
# no multicast routing, so nothing crosses R from A): first from its other
# address, which the source filter must drop, then from the joined source.
R="ip netns exec $prefix-r"
for v in "ff3e::8000:db8 2001:db8:2::1 2001:db8:1::1" \
         "232.1.2.3 198.51.100.1 192.0.2.1"; do
    set -- $v
    $B "$bin/ssm_recv" recv "$1" b-r "$2" 7010 > "$tmp/ssm.out" 2>&1 &
    rx=$!
    sleep 0.3
    $R "$bin/ssm_recv" send "$1" r-b 7010 other "$3"
    $R "$bin/ssm_recv" send "$1" r-b 7010 hello "$2"
    wait "$rx"
    status "ssm_recv $1: exit status" 0 $?
    out=$(cat "$tmp/ssm.out")
    check "ssm_recv $1: joined" "^joined $1 from $2 on b-r\$" "$out"
    check "ssm_recv $1: only the joined source" "^from $2: hello\$" "$out"
    check "ssm_recv $1: left" '^left$' "$out"
    # "other" went first: had the filter let it through, the receiver
    # (COUNT 1) would have printed it and never "hello".
    if grep -q ': other$' "$tmp/ssm.out"; then
        echo "not ok - ssm_recv $1: the other source got through"
        failed=$((failed + 1))
    else
        echo "ok - ssm_recv $1: the other source is filtered"
    fi
done

lab_finish
