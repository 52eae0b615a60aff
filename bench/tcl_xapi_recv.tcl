#!/usr/bin/tclsh
# tcl_xapi_recv.tcl - the Tcl receive slots (bench/README.md):
#   tcl-xapi-recvmsg     one xapi::recvmsg per datagram
#   tcl-xapi-batch-recv  xapi::recvbatch, 64 datagrams per call, decoded in
#                        C in one crossing per batch
# Both decode every message's hop limit, pktinfo index and pktinfo address
# (as text) from the item dicts; the peer, tcl-udp-recv (tcludp), gets no
# ancillary data at all.
if {[catch {package require xapi}]} {
    puts stderr "tcl_xapi_recv: the xapi package is not built"
    exit 77
}

set name [lindex $argv 0]
if {$name ni {tcl-xapi-recvmsg tcl-xapi-batch-recv}} {
    puts stderr "usage: tcl_xapi_recv.tcl tcl-xapi-recvmsg|tcl-xapi-batch-recv"
    exit 2
}
proc env_or {var dflt} {
    if {[info exists ::env($var)] && $::env($var) ne ""} { return $::env($var) }
    return $dflt
}
set count [env_or XAPI_BENCH_COUNT 1000000]
set chunk [env_or XAPI_BENCH_CHUNK 2000]
set sender [env_or XAPI_BENCH_SENDER ./bench_sender]
set batch 64

proc rss_kb {} {
    set f [open /proc/self/status r]
    set kb -1
    while {[gets $f line] >= 0} {
        if {[regexp {^VmRSS:\s+(\d+)} $line -> kb]} break
    }
    close $f
    return $kb
}

set s [xapi::socket AF_INET6 SOCK_DGRAM]
xapi::bind $s ::1 0
xapi::setsockopt $s IPPROTO_IPV6 IPV6_RECVPKTINFO 1
xapi::setsockopt $s IPPROTO_IPV6 IPV6_RECVHOPLIMIT 1
xapi::setsockopt $s SOL_SOCKET SO_RCVBUF [expr {4 << 20}]
set port [lindex [xapi::getsockname $s] 1]
set anc [expr {[xapi::cmsg_space 20] + [xapi::cmsg_space 4]}]
set snd [open |[list $sender $port] r+]
fconfigure $snd -buffering line

# What every scenario does with a message: its hop limit, interface index
# and destination address as text, from the message's views (the typed
# items by name; the same values as in its cmsgs list).
proc drain_recvmsg {s anc} {
    set n 0
    while {![catch {xapi::recvmsg $s 64 -anc $anc -flags MSG_DONTWAIT} m]} {
        set v [dict get $m views]
        set hop [dict get $v hoplimit]
        lassign [dict get $v pktinfo] addr ifindex
        incr n
    }
    return $n
}

proc drain_batch {s anc batch} {
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

set rss0 [rss_kb]
set total 0
set busy 0
set empty 0
while {$total < $count} {
    set want [expr {min($chunk, $count - $total)}]
    puts $snd $want
    set sent [gets $snd]
    set t0 [clock microseconds]
    if {$name eq "tcl-xapi-recvmsg"} {
        set got [drain_recvmsg $s $anc]
    } else {
        set got [drain_batch $s $anc $batch]
    }
    incr busy [expr {[clock microseconds] - $t0}]
    incr total $got
    if {$got == 0 && [incr empty] > 100} {
        puts stderr "$name: nothing arrives"
        exit 1
    }
}
set rss1 [rss_kb]
close $snd
puts [format "%s %.0f %d %d" $name [expr {$total * 1e6 / $busy}] $rss0 $rss1]
