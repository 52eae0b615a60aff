#!/usr/bin/tclsh
# tcl_xapi_codec.tcl - the Tcl codec slot, row tcl-xapi-codec
# (bench/README.md "Codec scenarios"): one round builds the Destination
# Options header with xapi::opt build, walks it with xapi::opt parse,
# builds the SRH with xapi::rth build (rth_init + one rth_add per segment)
# and reads its segments back as text with xapi::rth addrs (rth_segments +
# rth_getaddr).  Its peer, tcl-plain-codec, does the same with binary
# format / binary scan.
source [file join [file dirname [info script]] benchlib.tcl]
bench::need xapi
set name [lindex $argv 0]
if {$name eq ""} {
    set name tcl-xapi-codec
}
set count $bench::codec_count

set opts $bench::codec_opts
set path $bench::codec_path

# The bytes bench/README.md gives from the RFCs, checked once before
# timing (the same check as the plain peer's).
set o [xapi::opt build $opts]
set h [xapi::rth build 4 $path]
if {![bench::codec_ok $o [xapi::opt parse $o] $h [xapi::rth addrs $h]]} {
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

set rss0 [bench::rss_kb]
set t0 [clock microseconds]
rounds $opts $path $count
set t1 [clock microseconds]
bench::report $name $count [expr {$t1 - $t0}] $rss0
