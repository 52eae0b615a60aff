#!/bin/bash
# lab.sh - a three-namespace IPv6 lab for xapi's tests (see docs/lab.md).
#
#   A [a-r] ---------- [r-a] R [r-b] ---------- [b-r] B
#       2001:db8:1::2     ::1    2001:db8:2::1     ::2
#       MTU 1500                 MTU 1280
#       192.0.2.2/24    .1       198.51.100.1/24  .2     (IPv4, for multicast)
#
# Usage:
#   lab.sh up PREFIX     build the lab (rebuilds it if it already exists)
#   lab.sh down PREFIX   remove it (a missing lab is fine)
#   lab.sh env PREFIX    print KEY=VALUE lines for callers (eval-able)
#
# PREFIX ([A-Za-z0-9_] only, at most 24 characters; for example xl$$) names
# the namespaces PREFIX-a, PREFIX-r and PREFIX-b, so runs with different
# prefixes coexist.  Interfaces are created inside the namespaces, so their
# names are the same in every lab and the host's own namespace is never
# touched.  Exit status: 0, 1 on failure (a half-built lab is removed),
# 2 for bad usage, 77 (automake's SKIP) when this machine cannot run the
# lab: not root, no ip(8), or network namespaces not permitted.
set -eu
set -o pipefail

# Topology constants.  Documentation prefixes only (RFC 3849).
A_ADDR=2001:db8:1::2
R_A_ADDR=2001:db8:1::1
R_B_ADDR=2001:db8:2::1
B_ADDR=2001:db8:2::2
PLEN=64
# IPv4 (RFC 5737 documentation prefixes), for the IPv4 multicast cases:
# an IPv4 datagram needs a source address and a route back to it.
A_ADDR4=192.0.2.2
R_A_ADDR4=192.0.2.1
R_B_ADDR4=198.51.100.1
B_ADDR4=198.51.100.2
PLEN4=24
A_IF=a-r
R_A_IF=r-a
R_B_IF=r-b
B_IF=b-r
MTU_AR=1500
MTU_RB=1280
# Distinct interface indexes (each namespace numbers its own devices), so a
# test that checks an index cannot pass by the accident of every veth
# being index 2.
A_IDX=11
R_A_IDX=21
R_B_IDX=22
B_IDX=32

me=${0##*/}

usage() {
    echo "usage: $me up|down|env PREFIX" >&2
    exit 2
}

skip() {
    echo "$me: SKIP: $*" >&2
    exit 77
}

die() {
    echo "$me: $*" >&2
    exit 1
}

ns_exists() {
    [ -e "/run/netns/$1" ]
}

# ns_sysctl NS KEY=VALUE...: sysctl inside NS.  ip netns exec also gives
# the command a /sys of that namespace, though sysctl only needs /proc.
ns_sysctl() {
    local ns=$1
    shift
    ip netns exec "$ns" sysctl -q -w "$@" >/dev/null
}

# ifindex NS IF: the kernel's index for IF inside NS, from ip(8)'s
# one-line output "N: name@peer: <...>".
ifindex() {
    local line
    line=$(ip -n "$1" -o link show dev "$2") || return 1
    echo "${line%%:*}"
}

lab_down() {
    local ns
    # Deleting a namespace destroys its veth ends, and with them the peers.
    for ns in "$NS_A" "$NS_R" "$NS_B"; do
        if ns_exists "$ns"; then
            ip netns del "$ns" 2>/dev/null || true
        fi
    done
    # ip netns del unmounts and unlinks; a leftover file (an earlier
    # crash between mount and unlink) would make the next "up" fail.
    for ns in "$NS_A" "$NS_R" "$NS_B"; do
        if [ -e "/run/netns/$ns" ]; then
            umount "/run/netns/$ns" 2>/dev/null || true
            rm -f "/run/netns/$ns"
        fi
    done
}

# Settings every namespace gets before its interfaces exist, so that the
# "default" values are inherited by them: no DAD (addresses usable at
# once, link-local ones included), SRv6 accepted, ICMPv6 never
# rate-limited (an empty ratemask exempts every type from both the
# per-peer and the global limiter; ratelimit=0 also disables the per-peer
# one for kernels that ignore an empty mask).
ns_common() {
    local ns=$1
    ip netns add "$ns"
    ip -n "$ns" link set lo up
    ns_sysctl "$ns" \
        net.ipv6.conf.all.accept_dad=0 \
        net.ipv6.conf.default.accept_dad=0 \
        net.ipv6.conf.all.seg6_enabled=1 \
        net.ipv6.conf.default.seg6_enabled=1 \
        net.ipv6.icmp.ratelimit=0
    ns_sysctl "$ns" net.ipv6.icmp.ratemask= 2>/dev/null || true
}

# if_setup NS IF MTU ADDR ADDR4: per-interface settings (repeated here because a
# device moved between namespaces may have been created before the
# defaults above applied), then the address and the link.
if_setup() {
    local ns=$1 dev=$2 mtu=$3 addr=$4
    ns_sysctl "$ns" \
        "net.ipv6.conf.$dev.accept_dad=0" \
        "net.ipv6.conf.$dev.seg6_enabled=1"
    ip -n "$ns" link set dev "$dev" mtu "$mtu"
    ip -n "$ns" -6 addr add "$addr/$PLEN" dev "$dev" nodad
    ip -n "$ns" -4 addr add "$5/$PLEN4" dev "$dev"
    ip -n "$ns" link set dev "$dev" up
}

# EXIT trap while "up" runs: whatever ended it early, remove the half-built
# lab and keep the status.
up_aborted() {
    local rc=$?
    trap - EXIT
    lab_down
    exit "$rc"
}

lab_up() {
    lab_down

    # From here on, any failure or interruption removes what was built.
    trap up_aborted EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    trap 'exit 129' HUP

    # Probe for the permission first, so a container without
    # CAP_SYS_ADMIN skips instead of failing.
    if ! ip netns add "$NS_A" 2>/dev/null; then
        trap - EXIT
        lab_down
        skip "cannot create network namespaces here (ip netns add failed)"
    fi
    ip netns del "$NS_A"

    ns_common "$NS_A"
    ns_common "$NS_R"
    ns_common "$NS_B"

    # Both ends of each veth pair are created directly in their namespaces.
    ip -n "$NS_A" link add "$A_IF" index "$A_IDX" type veth \
        peer name "$R_A_IF" netns "$NS_R" index "$R_A_IDX"
    ip -n "$NS_R" link add "$R_B_IF" index "$R_B_IDX" type veth \
        peer name "$B_IF" netns "$NS_B" index "$B_IDX"

    if_setup "$NS_A" "$A_IF" "$MTU_AR" "$A_ADDR" "$A_ADDR4"
    if_setup "$NS_R" "$R_A_IF" "$MTU_AR" "$R_A_ADDR" "$R_A_ADDR4"
    if_setup "$NS_R" "$R_B_IF" "$MTU_RB" "$R_B_ADDR" "$R_B_ADDR4"
    if_setup "$NS_B" "$B_IF" "$MTU_RB" "$B_ADDR" "$B_ADDR4"

    # R routes.  forwarding=1 on "all" switches every interface to router
    # behaviour.  An SRH whose active segment is R is processed by the
    # kernel's own SRH code (segments_left decremented, destination set to
    # the next segment) when seg6_enabled is set on "all" and on the
    # receiving interface: no seg6local route is needed for segments
    # [R, B].  B needs seg6_enabled too, to accept the SRH at the last
    # segment (segments_left 0) and hand the payload up.
    ns_sysctl "$NS_R" net.ipv6.conf.all.forwarding=1

    ip -n "$NS_A" -6 route add default via "$R_A_ADDR" dev "$A_IF"
    ip -n "$NS_B" -6 route add default via "$R_B_ADDR" dev "$B_IF"
    ns_sysctl "$NS_R" net.ipv4.ip_forward=1
    ip -n "$NS_A" -4 route add default via "$R_A_ADDR4" dev "$A_IF"
    ip -n "$NS_B" -4 route add default via "$R_B_ADDR4" dev "$B_IF"

    # The interfaces must be up with their addresses in place.
    local ns dev pair
    for pair in "$NS_A:$A_IF" "$NS_R:$R_A_IF" "$NS_R:$R_B_IF" "$NS_B:$B_IF"; do
        ns=${pair%%:*}
        dev=${pair#*:}
        ip -n "$ns" -6 addr show dev "$dev" scope global | grep -q inet6 ||
            die "no global address on $dev in $ns"
        if ip -n "$ns" -6 addr show dev "$dev" tentative | grep -q inet6; then
            die "tentative address on $dev in $ns (DAD not disabled?)"
        fi
    done

    trap - EXIT INT TERM HUP
}

lab_env() {
    local ns
    for ns in "$NS_A" "$NS_R" "$NS_B"; do
        ns_exists "$ns" || die "no lab with prefix $PREFIX (missing $ns)"
    done
    local ia ira irb ib
    ia=$(ifindex "$NS_A" "$A_IF") || die "no $A_IF in $NS_A"
    ira=$(ifindex "$NS_R" "$R_A_IF") || die "no $R_A_IF in $NS_R"
    irb=$(ifindex "$NS_R" "$R_B_IF") || die "no $R_B_IF in $NS_R"
    ib=$(ifindex "$NS_B" "$B_IF") || die "no $B_IF in $NS_B"
    # PREFIX is restricted to [A-Za-z0-9_], so no value needs quoting.
    cat <<EOF
LAB_A=$NS_A
LAB_R=$NS_R
LAB_B=$NS_B
LAB_A_ADDR=$A_ADDR
LAB_R_A_ADDR=$R_A_ADDR
LAB_R_B_ADDR=$R_B_ADDR
LAB_B_ADDR=$B_ADDR
LAB_A_ADDR4=$A_ADDR4
LAB_R_A_ADDR4=$R_A_ADDR4
LAB_R_B_ADDR4=$R_B_ADDR4
LAB_B_ADDR4=$B_ADDR4
LAB_A_IF=$A_IF
LAB_R_A_IF=$R_A_IF
LAB_R_B_IF=$R_B_IF
LAB_B_IF=$B_IF
LAB_A_IFINDEX=$ia
LAB_R_A_IFINDEX=$ira
LAB_R_B_IFINDEX=$irb
LAB_B_IFINDEX=$ib
LAB_MTU_AR=$MTU_AR
LAB_MTU_RB=$MTU_RB
EOF
}

[ $# -eq 2 ] || usage
cmd=$1
PREFIX=$2
case $PREFIX in
    '' | *[!A-Za-z0-9_]*) die "bad PREFIX '$PREFIX': use [A-Za-z0-9_] only" ;;
esac
[ ${#PREFIX} -le 24 ] || die "PREFIX longer than 24 characters"
NS_A=$PREFIX-a
NS_R=$PREFIX-r
NS_B=$PREFIX-b

case $cmd in
    up | down | env) ;;
    *) usage ;;
esac

[ "$(id -u)" -eq 0 ] || skip "needs root (network namespaces, veth, sysctl)"
command -v ip >/dev/null 2>&1 || skip "ip(8) from iproute2 not found"

case $cmd in
    up) lab_up ;;
    down) lab_down ;;
    env) lab_env ;;
esac
