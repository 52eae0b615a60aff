#!/usr/bin/tclsh
# tcl-plain-codec: the Tcl codec peer, no xapi (bench/README.md "Codec
# scenarios").  One round: build the Destination Options header, walk it,
# build the SRH, read its segments back in path order; only `binary
# format`, `binary scan` and string work, written from RFC 8200 4.2 (with
# Appendix B's alignment rule) and RFC 8754 2.
source [file join [file dirname [info script]] benchlib.tcl]

set name tcl-plain-codec
set count $bench::codec_count

# Options: each {type align data}; the data of an option of alignment
# xn+y ... here every option's length equals its alignment, so its data
# starts on a multiple of align.  Pad1 is one zero byte, PadN 01 len zeros.
proc opt_build {opts} {
    set b [binary format x2]
    foreach o $opts {
        lassign $o type align data
        set pad [expr {($align - ([string length $b] + 2) % $align) % $align}]
        if {$pad == 1} {
            append b [binary format x]
        } elseif {$pad > 1} {
            append b [binary format ccx[expr {$pad - 2}] 1 [expr {$pad - 2}]]
        }
        append b [binary format cc $type [string length $data]] $data
    }
    set pad [expr {(8 - [string length $b] % 8) % 8}]
    if {$pad == 1} {
        append b [binary format x]
    } elseif {$pad > 1} {
        append b [binary format ccx[expr {$pad - 2}] 1 [expr {$pad - 2}]]
    }
    # Next Header 0 (the kernel fills it in), Hdr Ext Len in 8-byte units
    # beyond the first.
    string replace $b 0 1 [binary format cc 0 [expr {[string length $b] / 8 - 1}]]
}

proc opt_walk {b} {
    binary scan $b @1cu hlen
    set end [expr {min(($hlen + 1) * 8, [string length $b])}]
    set off 2
    set out {}
    while {$off < $end} {
        binary scan $b @${off}cu type
        if {$type == 0} {
            incr off
            continue
        }
        binary scan $b @[expr {$off + 1}]cu len
        if {$off + 2 + $len > $end} {
            error "option runs past the header"
        }
        if {$type != 1} {
            lappend out [list $type [string range $b $off+2 [expr {$off + 1 + $len}]]]
        }
        incr off [expr {2 + $len}]
    }
    return $out
}

# IPv6 text -> 16 bytes (full and :: forms, no embedded IPv4).
proc addr_bytes {a} {
    set parts [split [string map {:: :!:} $a] :]
    set head {}
    set tail {}
    set seen 0
    foreach p $parts {
        if {$p eq "!"} { set seen 1; continue }
        if {$p eq ""} continue
        if {$seen} { lappend tail [scan $p %x] } else { lappend head [scan $p %x] }
    }
    set words [concat $head [lrepeat [expr {8 - [llength $head] - [llength $tail]}] 0] $tail]
    binary format S8 $words
}

proc addr_text {b} {
    binary scan $b Su8 w
    # the longest run of zero words becomes ::
    set best -1; set bestlen 0; set i 0
    while {$i < 8} {
        if {[lindex $w $i] == 0} {
            set j $i
            while {$j < 8 && [lindex $w $j] == 0} { incr j }
            if {$j - $i > $bestlen && $j - $i > 1} { set best $i; set bestlen [expr {$j - $i}] }
            set i $j
        } else {
            incr i
        }
    }
    set hex [lmap x $w {format %x $x}]
    if {$best < 0} { return [join $hex :] }
    set left [join [lrange $hex 0 $best-1] :]
    set right [join [lrange $hex [expr {$best + $bestlen}] end] :]
    return "${left}::$right"
}

# An SRH (routing type 4) holding the path's segments, added one by one:
# Segment List[0] is the last one; Segments Left counts the adds.
proc srh_build {path} {
    set n [llength $path]
    set b [binary format ccccccS 0 [expr {2 * $n}] 4 $n [expr {$n - 1}] 0 0]
    foreach a [lreverse $path] {
        append b [addr_bytes $a]
    }
    return $b
}

proc srh_path {b} {
    binary scan $b @4cu last
    set out {}
    for {set i $last} {$i >= 0} {incr i -1} {
        lappend out [addr_text [string range $b [expr {8 + 16 * $i}] [expr {23 + 16 * $i}]]]
    }
    return $out
}

set opts $bench::codec_opts
set path $bench::codec_path

# The bytes the RFCs give (bench/README.md), checked once before timing.
set o [opt_build $opts]
set h [srh_build $path]
if {![bench::codec_ok $o [opt_walk $o] $h [srh_path $h]]} {
    puts stderr "$name: the plain codec does not give the RFC's bytes"
    exit 1
}

proc rounds {opts path count} {
    for {set i 0} {$i < $count} {incr i} {
        set o [opt_build $opts]
        foreach pair [opt_walk $o] { lassign $pair type data }
        set h [srh_build $path]
        set p [srh_path $h]
    }
}

set rss0 [bench::rss_kb]
set t0 [clock microseconds]
rounds $opts $path $count
set t1 [clock microseconds]
bench::report $name $count [expr {$t1 - $t0}] $rss0
