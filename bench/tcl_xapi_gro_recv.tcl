#!/usr/bin/tclsh
# tcl_xapi_gro_recv.tcl - tcl-xapi-gro-recv (bench/README.md), against the
# ceiling c-raw-recvmmsg: UDP_GRO on the socket, the sender in GSO mode
# (64-byte segments, up to 64 per send), and xapi::recvbatch ... -gro 1,
# which returns one message dict per datagram.  The same per-message work
# as tcl-xapi-batch-recv (hop limit, pktinfo index and address as text,
# from the views).  Counts datagrams.
source [file join [file dirname [info script]] benchlib.tcl]
bench::need xapi
set name [bench::scenario {tcl-xapi-gro-recv}]
set batch 4   ;# buffers per recvmmsg(2): up to 256 messages

set s [xapi::socket AF_INET6 SOCK_DGRAM]
xapi::bind $s ::1 0
xapi::setsockopt $s IPPROTO_IPV6 IPV6_RECVPKTINFO 1
xapi::setsockopt $s IPPROTO_IPV6 IPV6_RECVHOPLIMIT 1
xapi::setsockopt $s SOL_SOCKET SO_RCVBUF [expr {4 << 20}]
xapi::setsockopt $s SOL_UDP UDP_GRO 1
set port [lindex [xapi::getsockname $s] 1]
set anc [expr {[xapi::cmsg_space 20] + 2 * [xapi::cmsg_space 4]}]
# The sender inherits it: 64-byte segments with UDP_SEGMENT.
set ::env(XAPI_BENCH_GSO) 1
set snd [bench::sender_open $port]

proc drain {s anc batch sent} {
    set n 0
    while {![catch {xapi::recvbatch $s $batch 4096 -anc $anc \
                        -flags MSG_DONTWAIT -gro 1} ms]} {
        foreach m $ms {
            set v [dict get $m views]
            set hop [dict get $v hoplimit]
            lassign [dict get $v pktinfo] addr ifindex
        }
        incr n [llength $ms]
    }
    return $n
}

# Check once, untimed, that a coalesced send comes back split with the
# items decoded.
puts $snd 3
gets $snd
set ms [xapi::recvbatch $s $batch 4096 -anc $anc -gro 1 -timeout 2000]
set v [dict get [lindex $ms end] views]
if {[llength $ms] != 3 || ![dict exists $v hoplimit]
        || [lindex [dict get $v pktinfo] 0] ne "::1"} {
    puts stderr "$name: unexpected: [llength $ms] messages, $v"
    exit 1
}

bench::run_receiver $name $snd [list drain $s $anc $batch]
