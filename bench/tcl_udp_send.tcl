#!/usr/bin/tclsh
# tcl-udp-send: the Tcl send peer, no xapi.  tcludp's plain send of
# 64-byte datagrams to a socket of its own that nobody reads.  tcludp
# keeps the destination on the channel (fconfigure -remote) and passes it
# to sendto(2) on every send; it is set once, outside the loop, because
# tcludp 1.0.x leaks about 300 bytes per -remote call, which would swamp
# the VmRSS columns.  tcludp has no ancillary data: the hop limit is set
# once on the socket (-ttl), so this peer does less work per message than
# the others.
package require udp
source [file join [file dirname [info script]] benchlib.tcl]

set name tcl-udp-send
set count $bench::count

set sink [udp_open 0 ipv6]
set port [fconfigure $sink -myport]
set s [udp_open ipv6]
fconfigure $s -blocking 1 -buffering none -translation binary
catch {fconfigure $s -ttl 7}
set payload [string repeat p 64]
fconfigure $s -remote [list ::1 $port]

set rss0 [bench::rss_kb]
set t0 [clock microseconds]
for {set i 0} {$i < $count} {incr i} {
    puts -nonewline $s $payload
}
set t1 [clock microseconds]
bench::report $name $count [expr {$t1 - $t0}] $rss0
