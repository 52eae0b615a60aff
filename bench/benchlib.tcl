# benchlib.tcl - shared by the Tcl scenario programs (bench/README.md, "The
# scenario-program contract"): the environment, VmRSS, the burst sender,
# the receive loop and the one output line.  A script sources it from its
# own directory:
#     source [file join [file dirname [info script]] benchlib.tcl]
# Only set-up and reporting live here.  A send or codec script keeps its
# timed loop and its two [clock microseconds] inline; a receive script
# keeps its drain proc, which bench::run_receiver calls once per burst,
# timing only that call.

namespace eval bench {}

# $::env(VAR), or DFLT when it is unset or empty.
proc bench::env_or {var dflt} {
    if {[info exists ::env($var)] && $::env($var) ne ""} { return $::env($var) }
    return $dflt
}

namespace eval bench {
    # XAPI_BENCH_COUNT: messages; XAPI_BENCH_CODEC_COUNT: codec rounds
    # (run.py passes a tenth of COUNT, at least 1000, and so does the
    # default); XAPI_BENCH_CHUNK: burst size; XAPI_BENCH_SENDER: the sender.
    variable count [env_or XAPI_BENCH_COUNT 1000000]
    variable codec_count [env_or XAPI_BENCH_CODEC_COUNT \
                              [expr {max($count / 10, 1000)}]]
    variable chunk [env_or XAPI_BENCH_CHUNK 2000]
    variable sender [env_or XAPI_BENCH_SENDER ./bench_sender]
}

# The codec scenarios' headers (README.md, "Codec scenarios"): the options
# as {type alignment data}, the SRH's segments in path order.
namespace eval bench {
    variable codec_opts [list [list 0x1e 4 [binary format H* 01020304]] \
                             [list 0x3e 8 [binary format H* 1112131415161718]]]
    variable codec_path {2001:db8::1 2001:db8::2 2001:db8::3}
}

# Whether one codec round gives the bytes the RFCs give: OPT the options
# header built, WALKED its walk ({type data} of each option, Pad1/PadN
# left out), SRH the routing header built, ADDRS its segments read back.
proc bench::codec_ok {opt walked srh addrs} {
    variable codec_path
    set want_opt 00021e04010203040104000000003e081112131415161718
    set want_srh 0006040302000000
    append want_srh 20010db8000000000000000000000003 \
        20010db8000000000000000000000002 20010db8000000000000000000000001
    set want_walk [list [list 30 [binary format H* 01020304]] \
                       [list 62 [binary format H* 1112131415161718]]]
    expr {[binary encode hex $opt] eq $want_opt && $walked eq $want_walk
          && [binary encode hex $srh] eq $want_srh && $addrs eq $codec_path}
}

# The script's name without directory or extension, for messages.
proc bench::me {} {
    file rootname [file tail $::argv0]
}

# package require PKG, or exit 77 ("skipped") when it is not built.
proc bench::need {pkg} {
    if {[catch {package require $pkg}]} {
        puts stderr "[me]: the $pkg package is not built"
        exit 77
    }
}

# The scenario named by the first argument, which must be one of NAMES;
# otherwise a usage line and exit 2.
proc bench::scenario {names} {
    set name [lindex $::argv 0]
    if {$name ni $names} {
        puts stderr "usage: [file tail $::argv0] [join $names |]"
        exit 2
    }
    return $name
}

proc bench::rss_kb {} {
    set f [open /proc/self/status r]
    set kb -1
    while {[gets $f line] >= 0} {
        if {[regexp {^VmRSS:\s+(\d+)} $line -> kb]} break
    }
    close $f
    return $kb
}

# The contract's output line: SCENARIO msgs_per_sec rss_before rss_after.
proc bench::line {name rate rss0 rss1} {
    puts [format "%s %.0f %d %d" $name $rate $rss0 $rss1]
}

# After a timed loop of N messages that took USECS microseconds: reads
# VmRSS and prints the line.
proc bench::report {name n usecs rss0} {
    set rss1 [rss_kb]
    line $name [expr {$n / ($usecs / 1e6)}] $rss0 $rss1
}

# Starts the burst sender aimed at PORT on [::1]; returns its channel
# (line-buffered: write a burst size, read how many it sent).
proc bench::sender_open {port} {
    variable sender
    set snd [open |[list $sender $port] r+]
    fconfigure $snd -buffering line
    return $snd
}

# The receive loop of the contract: bursts from the sender SND until COUNT
# messages were received, each drained by the command prefix DRAIN called
# with one more argument, the number the sender says it sent; DRAIN
# returns how many it received.  Only that call is timed.  Closes SND and
# prints the line with the accounting fields of README.md ("Two receive
# methods"): sent, received (with one untimed drain for stragglers at the
# end), and the bursts whose drain took fewer than were sent.
proc bench::run_receiver {name snd drain} {
    variable count
    variable chunk
    set rss0 [rss_kb]
    set total 0
    set busy 0
    set empty 0
    set sent 0
    set short 0
    while {$total < $count} {
        set want [expr {min($chunk, $count - $total)}]
        puts $snd $want
        set burst [gets $snd]
        incr sent $burst
        set t0 [clock microseconds]
        set got [{*}$drain $burst]
        incr busy [expr {[clock microseconds] - $t0}]
        incr total $got
        if {$got < $burst} { incr short }
        if {$got == 0 && [incr empty] > 100} {
            puts stderr "$name: nothing arrives"
            exit 1
        }
    }
    set rss1 [rss_kb]
    close $snd
    set rate [expr {$total * 1e6 / $busy}]
    # Stragglers: DRAIN stops at the count it is given, so ask for plenty.
    set late [{*}$drain $chunk]
    puts [format "%s %.0f %d %d %d %d %d" $name $rate $rss0 $rss1 $sent \
              [expr {$total + $late}] $short]
}
