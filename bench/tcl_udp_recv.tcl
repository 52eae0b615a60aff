#!/usr/bin/tclsh
# tcl-udp-recv: the Tcl peer, no xapi.  tcludp's plain receive: one
# datagram per [read], its source from [fconfigure -peer].  tcludp gives
# no ancillary data, so no pktinfo or hop limit here: this peer does less
# work per message than the others.  It cannot set SO_RCVBUF either, so
# its bursts are kept small enough for the default receive buffer.
package require udp

set name tcl-udp-recv
proc env_or {var dflt} {
    if {[info exists ::env($var)] && $::env($var) ne ""} { return $::env($var) }
    return $dflt
}
set count [env_or XAPI_BENCH_COUNT 1000000]
set chunk [expr {min([env_or XAPI_BENCH_CHUNK 2000], 128)}]
set sender [env_or XAPI_BENCH_SENDER ./bench_sender]

proc rss_kb {} {
    set f [open /proc/self/status r]
    set kb -1
    while {[gets $f line] >= 0} {
        if {[regexp {^VmRSS:\s+(\d+)} $line -> kb]} break
    }
    close $f
    return $kb
}

set s [udp_open 0 ipv6]
fconfigure $s -blocking 0 -buffering none -translation binary
set port [fconfigure $s -myport]
set snd [open |[list $sender $port] r+]
fconfigure $snd -buffering line

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

set rss0 [rss_kb]
set total 0
set busy 0
set empty 0
while {$total < $count} {
    set want [expr {min($chunk, $count - $total)}]
    puts $snd $want
    set sent [gets $snd]
    set t0 [clock microseconds]
    set got [drain $s $sent]
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
