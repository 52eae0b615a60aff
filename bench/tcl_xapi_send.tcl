#!/usr/bin/tclsh
# tcl_xapi_send.tcl - the Tcl send slots (bench/README.md):
#   tcl-xapi-sendmsg     one xapi::sendmsg per datagram
#   tcl-xapi-batch-send  xapi::sendbatch, 64 datagrams per call
# COUNT 64-byte datagrams to a socket of our own that nobody reads, each
# with its destination and a hop-limit item (the peer, tcl-udp-send, sets
# the hop limit once on the socket and the destination once on the
# channel).  The whole loop is timed.
source [file join [file dirname [info script]] benchlib.tcl]
bench::need xapi
set name [bench::scenario {tcl-xapi-sendmsg tcl-xapi-batch-send}]
set count $bench::count
set batch 64

set sink [xapi::socket AF_INET6 SOCK_DGRAM]
xapi::bind $sink ::1 0
set to [xapi::getsockname $sink]
set s [xapi::socket AF_INET6 SOCK_DGRAM]
set payload [binary format a64 [string repeat p 64]]
set hop [list [xapi::cmsg hoplimit 7]]

proc send_each {s payload to hop count} {
    set pieces [list $payload]
    for {set i 0} {$i < $count} {incr i} {
        xapi::sendmsg $s $pieces -to $to -cmsg $hop
    }
    return $count
}

# Every message of a batch is its own dict with its own destination and
# items (here the same values: the same Tcl objects, as a loop building
# them from one variable gives).
proc send_batches {s payload to hop count batch} {
    set msgs [lrepeat $batch [dict create data [list $payload] to $to cmsgs $hop]]
    set sent 0
    while {$sent < $count} {
        set n [expr {min($batch, $count - $sent)}]
        if {$n < $batch} {
            set msgs [lrange $msgs 0 $n-1]
        }
        incr sent [xapi::sendbatch $s $msgs]
    }
    return $sent
}

set rss0 [bench::rss_kb]
set t0 [clock microseconds]
if {$name eq "tcl-xapi-sendmsg"} {
    set done [send_each $s $payload $to $hop $count]
} else {
    set done [send_batches $s $payload $to $hop $count $batch]
}
set t1 [clock microseconds]
bench::report $name $done [expr {$t1 - $t0}] $rss0
