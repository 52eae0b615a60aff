#!/usr/bin/tclsh
# tcl-udp-recv: the Tcl peer, no xapi.  tcludp's plain receive: one
# datagram per [read], its source from [fconfigure -peer].  tcludp gives
# no ancillary data, so no pktinfo or hop limit here: this peer does less
# work per message than the others.  It cannot set SO_RCVBUF either, so
# its bursts are kept small enough for the default receive buffer.
package require udp
source [file join [file dirname [info script]] benchlib.tcl]

set name tcl-udp-recv
set bench::chunk [expr {min($bench::chunk, 128)}]

set s [udp_open 0 ipv6]
fconfigure $s -blocking 0 -buffering none -translation binary
set snd [bench::sender_open [fconfigure $s -myport]]

# A non-blocking [read] may come back empty once between datagrams even
# when more are queued (tcludp's channel reports "blocked" after each
# packet): only two empty reads in a row mean the queue is empty.
proc drain {s expect} {
    set n 0
    set empties 0
    while {$n < $expect && $empties < 2} {
        set d [read $s]
        if {$d eq ""} {
            incr empties
            continue
        }
        set empties 0
        set peer [fconfigure $s -peer]
        incr n
    }
    return $n
}

bench::run_receiver $name $snd [list drain $s]
