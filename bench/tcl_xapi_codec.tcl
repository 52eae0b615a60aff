#!/usr/bin/tclsh
# tcl_xapi_codec.tcl - the Tcl codec slot, row tcl-xapi-codec
# (bench/README.md "Codec scenarios"): one round builds the Destination
# Options header with xapi::opt build, walks it with xapi::opt parse,
# builds the SRH with xapi::rth build (rth_init + one rth_add per segment)
# and reads its segments back as text with xapi::rth addrs (rth_segments +
# rth_getaddr).  Its peer, tcl-plain-codec, does the same with binary
# format / binary scan.
if {[catch {package require xapi}]} {
    puts stderr "tcl_xapi_codec: the xapi package is not built"
    exit 77
}
set name [lindex $argv 0]
if {$name eq ""} {
    set name tcl-xapi-codec
}
proc env_or {var dflt} {
    if {[info exists ::env($var)] && $::env($var) ne ""} { return $::env($var) }
    return $dflt
}
set count [env_or XAPI_BENCH_CODEC_COUNT \
               [expr {max([env_or XAPI_BENCH_COUNT 1000000] / 10, 1000)}]]

proc rss_kb {} {
    set f [open /proc/self/status r]
    set kb -1
    while {[gets $f line] >= 0} {
        if {[regexp {^VmRSS:\s+(\d+)} $line -> kb]} break
    }
    close $f
    return $kb
}

set opts [list [list 0x1e 4 [binary format H* 01020304]] \
              [list 0x3e 8 [binary format H* 1112131415161718]]]
set path {2001:db8::1 2001:db8::2 2001:db8::3}

# The bytes bench/README.md gives from the RFCs, checked once before
# timing (the same check as the plain peer's).
set want_opt 00021e04010203040104000000003e081112131415161718
set want_srh 0006040302000000
append want_srh 20010db8000000000000000000000003 20010db8000000000000000000000002 \
    20010db8000000000000000000000001
set o [xapi::opt build $opts]
set h [xapi::rth build 4 $path]
if {[binary encode hex $o] ne $want_opt || [binary encode hex $h] ne $want_srh
        || [xapi::rth addrs $h] ne $path
        || [xapi::opt parse $o] ne [list [list 30 [binary format H* 01020304]] \
                                        [list 62 [binary format H* 1112131415161718]]]} {
    puts stderr "$name: xapi does not give the RFC's bytes"
    exit 1
}

proc rounds {opts path count} {
    for {set i 0} {$i < $count} {incr i} {
        set o [xapi::opt build $opts]
        foreach pair [xapi::opt parse $o] { lassign $pair type data }
        set h [xapi::rth build 4 $path]
        set p [xapi::rth addrs $h]
    }
}

set rss0 [rss_kb]
set t0 [clock microseconds]
rounds $opts $path $count
set t1 [clock microseconds]
set rss1 [rss_kb]
puts [format "%s %.0f %d %d" $name [expr {$count / (($t1 - $t0) / 1e6)}] $rss0 $rss1]
