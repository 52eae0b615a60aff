#!/usr/bin/tclsh
# tcl_xapi_recv.tcl - the Tcl receive slots (bench/README.md):
#   tcl-xapi-recvmsg     one xapi::recvmsg per datagram
#   tcl-xapi-batch-recv  xapi::recvbatch, 64 datagrams per call, decoded in
#                        C in one crossing per batch
# Both decode every message's hop limit, pktinfo index and pktinfo address
# (as text) from the item dicts; the peer, tcl-udp-recv (tcludp), gets no
# ancillary data at all.
source [file join [file dirname [info script]] benchlib.tcl]
bench::need xapi
set name [bench::scenario {tcl-xapi-recvmsg tcl-xapi-batch-recv}]
set batch 64

set s [xapi::socket AF_INET6 SOCK_DGRAM]
xapi::bind $s ::1 0
xapi::setsockopt $s IPPROTO_IPV6 IPV6_RECVPKTINFO 1
xapi::setsockopt $s IPPROTO_IPV6 IPV6_RECVHOPLIMIT 1
xapi::setsockopt $s SOL_SOCKET SO_RCVBUF [expr {4 << 20}]
set port [lindex [xapi::getsockname $s] 1]
set anc [expr {[xapi::cmsg_space 20] + [xapi::cmsg_space 4]}]
set snd [bench::sender_open $port]

# What every scenario does with a message: its hop limit, interface index
# and destination address as text, from the message's views (the typed
# items by name; the same values as in its cmsgs list).  bench::run_receiver
# calls a drain once per burst, with the burst's size (SENT) last, which
# these do not need: they drain until EAGAIN.
proc drain_recvmsg {s anc sent} {
    set n 0
    while {![catch {xapi::recvmsg $s 64 -anc $anc -flags MSG_DONTWAIT} m]} {
        set v [dict get $m views]
        set hop [dict get $v hoplimit]
        lassign [dict get $v pktinfo] addr ifindex
        incr n
    }
    return $n
}

proc drain_batch {s anc batch sent} {
    set n 0
    while {![catch {xapi::recvbatch $s $batch 64 -anc $anc -flags MSG_DONTWAIT} ms]} {
        foreach m $ms {
            set v [dict get $m views]
            set hop [dict get $v hoplimit]
            lassign [dict get $v pktinfo] addr ifindex
        }
        incr n [llength $ms]
    }
    return $n
}

# Check once, untimed, that decoding gives what the kernel says.
puts $snd 1
gets $snd
set m [xapi::recvmsg $s 64 -anc $anc]
set got [dict get $m views]
if {![dict exists $got hoplimit] || [dict get $got hoplimit] < 1
        || [lindex [dict get $got pktinfo] 0] ne "::1"} {
    puts stderr "$name: unexpected items: [dict get $m cmsgs]"
    exit 1
}

if {$name eq "tcl-xapi-recvmsg"} {
    set drain [list drain_recvmsg $s $anc]
} else {
    set drain [list drain_batch $s $anc $batch]
}
bench::run_receiver $name $snd $drain
