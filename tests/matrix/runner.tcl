#!/usr/bin/env tclsh
# tests/matrix/runner.tcl - the Tcl runner of the xapi test matrix.
#
# An interpreter for the case language of tests/matrix/SPEC.md, run against
# `package require xapi`.  It holds no case data: it reads the .cases files
# and prints TAP.  Sockets are xapi::socket channels, as a Tcl user would
# make them; bytes are Tcl byte arrays throughout.
#
#   TCLLIBPATH=BUILD/bindings/tcl tclsh runner.tcl ?CASEDIR? ?PATTERN ...?
#   (CASEDIR defaults to $XAPI_MATRIX_CASES, then cases/ beside this file)

package require Tcl 8.6
package require xapi

namespace eval matrix {
    variable uniq tcl[pid]
    variable socks      ;# case-local: NAME -> channel
    variable extra      ;# case-local: channels to close at the end
    variable last       ;# case-local: the last message (a recvmsg dict)
    variable vars       ;# case-local: NAME -> byte array (SPEC "Variables")
    variable cleanup_hooks {} ;# commands the topic files want run per case
}

# ---- failing and skipping ---------------------------------------------

proc matrix::fail {msg} {
    return -code error -errorcode {MATRIX FAIL} $msg
}
proc matrix::skip {msg} {
    return -code error -errorcode {MATRIX SKIP} $msg
}

# ---- words ----------------------------------------------------------------

# INT: decimal, 0x hex, negative, or a constant name through the binding's
# own export ($xapi::NAME); A|B ORs.
proc matrix::int {word} {
    set acc 0
    foreach part [split $word |] {
        if {[string is entier -strict $part]} {
            set v [expr {$part}]
        } elseif {[info exists ::xapi::$part]} {
            set v [set ::xapi::$part]
        } else {
            fail "unknown constant or bad integer \"$part\""
        }
        set acc [expr {$acc | $v}]
    }
    return $acc
}

# BYTES -> a Tcl byte array.
proc matrix::bytes {word} {
    variable vars
    if {[regexp {^v:(.+)$} $word -> vname]} {
        if {![dict exists $vars $vname]} {
            fail "no variable named \"$vname\""
        }
        return [dict get $vars $vname]
    }
    if {![regexp {^([sxzr]):(.*)$} $word -> kind rest]} {
        fail "bad BYTES word \"$word\""
    }
    switch -- $kind {
        s { return [binary format a* $rest] }
        x {
            if {[string length $rest] % 2 || ![string is xdigit $rest]} {
                fail "bad hex \"$rest\""
            }
            return [binary format H* $rest]
        }
        z { return [binary format x[int $rest]] }
        r {
            if {![regexp {^(\d+):([0-9a-fA-F]{2})$} $rest -> n hh]} {
                fail "bad r: word \"$word\""
            }
            return [binary format H* [string repeat $hh $n]]
        }
    }
}

proc matrix::byteslist {word} {
    switch -- $word {
        @wrongtype { return [list "\u0100"] }
        @wrongitem { return [list ok "\u20ac"] }
    }
    set out {}
    foreach w [split $word ,] {
        lappend out [bytes $w]
    }
    return $out
}

proc matrix::hex {b} {
    binary encode hex $b
}

# An interface's index as the kernel lists it, not through xapi.
proc matrix::sysindex {ifname} {
    if {$ifname eq "0"} {
        return 0
    }
    set f [open /sys/class/net/$ifname/ifindex]
    set idx [string trim [read $f]]
    close $f
    return $idx
}

# SOCK: a socket made by the case, or a bad descriptor as an integer.
proc matrix::sock {name} {
    variable socks
    variable extra
    switch -- $name {
        @negative { return -1 }
        @closed {
            set c [xapi::socket AF_INET SOCK_DGRAM]
            set fd [xapi::fileno $c]
            close $c
            return $fd
        }
        @notsock {
            set c [open /dev/null r]
            lappend extra $c
            return [xapi::fileno $c]
        }
    }
    if {![dict exists $socks $name]} {
        fail "no socket named \"$name\""
    }
    dict get $socks $name
}

# CMSG -> an item {level type data} from the binding's constructors.
proc matrix::cmsg {word} {
    if {$word eq "@wrongtype"} {
        return [list IPPROTO_IPV6]
    }
    if {![regexp {^([a-z0-9_]+):(.*)$} $word -> kind rest]} {
        fail "bad CMSG word \"$word\""
    }
    switch -- $kind {
        hoplimit - tclass - ttl - tos {
            return [xapi::cmsg $kind [int $rest]]
        }
        pktinfo6 - pktinfo4 {
            set at [string last @ $rest]
            if {$at < 0} {
                fail "bad pktinfo word \"$word\""
            }
            set addr [string range $rest 0 $at-1]
            set idx [sysindex [string range $rest $at+1 end]]
            if {$kind eq "pktinfo6"} {
                return [xapi::cmsg pktinfo6 $addr $idx]
            }
            return [xapi::cmsg pktinfo4 $idx $addr]
        }
        udp_segment {
            return [xapi::cmsg udp_segment [int $rest]]
        }
        tsflags {
            return [xapi::cmsg tsflags [int $rest]]
        }
        raw {
            set parts [split $rest :]
            if {[llength $parts] < 4} {
                fail "bad raw item \"$word\""
            }
            set data [bytes [join [lrange $parts 2 end] :]]
            return [list [int [lindex $parts 0]] [int [lindex $parts 1]] $data]
        }
    }
    fail "unknown CMSG kind \"$kind\""
}

# An anc= word: an INT, or space:L+L+... (the sum of cmsg_space(L)).
proc matrix::anc {word} {
    if {![string match space:* $word]} {
        return [int $word]
    }
    set anc 0
    foreach l [split [string range $word 6 end] +] {
        incr anc [xapi::cmsg_space [int $l]]
    }
    return $anc
}

# key=value options after the fixed words of an op.
proc matrix::options {words allowed} {
    set opts {}
    foreach w $words {
        if {![regexp {^([a-z]+)=(.*)$} $w -> k v] || $k ni $allowed} {
            fail "bad option \"$w\""
        }
        dict lappend opts $k $v
    }
    return $opts
}

proc matrix::nargs {args_ n usage} {
    if {[llength $args_] != $n} {
        fail "usage: $usage"
    }
}

# getsockname of a case socket, and how to hand it to connect.
proc matrix::peer_addr {name} {
    xapi::getsockname [sock $name]
}

proc matrix::same_addr {a b} {
    if {[llength $a] == 2 && [llength $b] == 2} {
        return [expr {[lindex $a 0] eq [lindex $b 0]
                      && [lindex $a 1] == [lindex $b 1]}]
    }
    expr {$a eq $b}
}

# ---- operations -------------------------------------------------------------

# The -anc and -flags options of a receive from its anc= and flags= words:
# returns {OPTIONS FLAGS}.
proc matrix::recv_options {o} {
    set opts {}
    if {[dict exists $o anc]} {
        lappend opts -anc [anc [lindex [dict get $o anc] 0]]
    }
    set flags 0
    if {[dict exists $o flags]} {
        set flags [int [lindex [dict get $o flags] 0]]
        lappend opts -flags $flags
    }
    return [list $opts $flags]
}

proc matrix::op {name words} {
    variable socks
    variable last
    switch -- $name {
        needs {
            if {$words eq "lab"} {
                if {![info exists ::env(XAPI_LAB)] || $::env(XAPI_LAB) eq ""} {
                    skip "needs the network lab: run as root, so that the\
                        matrix starts tests/lab/lab.sh (XAPI_LAB unset)"
                }
                return
            }
            if {$words ne "root"} {
                fail "unknown need \"$words\""
            }
            if {[exec id -u] != 0} {
                skip "needs root"
            }
        }
        socket {
            if {[llength $words] ni {3 4}} {
                fail "usage: socket NAME FAMILY TYPE ?PROTO?"
            }
            lassign $words n fam type proto
            set cmd [list xapi::socket [int $fam] [int $type]]
            if {$proto ne ""} {
                lappend cmd [int $proto]
            }
            dict set socks $n [{*}$cmd]
        }
        bind {
            nargs $words 3 "bind NAME HOST PORT"
            lassign $words n host port
            xapi::bind [sock $n] $host [int $port]
        }
        listen {
            nargs $words 1 "listen NAME"
            xapi::listen [sock [lindex $words 0]] 8
        }
        accept {
            nargs $words 2 "accept NEW NAME"
            dict set socks [lindex $words 0] [xapi::accept [sock [lindex $words 1]]]
        }
        connect {
            nargs $words 2 "connect NAME PEER"
            set s [sock [lindex $words 0]]
            set addr [peer_addr [lindex $words 1]]
            if {[xapi::socket_family $s] == $xapi::AF_UNIX} {
                xapi::connect $s $addr 0
            } else {
                xapi::connect $s {*}$addr
            }
        }
        close {
            nargs $words 1 "close NAME"
            set n [lindex $words 0]
            close [sock $n]
            dict unset socks $n
        }
        setsockopt {
            nargs $words 4 "setsockopt NAME LEVEL OPT INT"
            lassign $words n level opt value
            xapi::setsockopt [sock $n] [int $level] [int $opt] [int $value]
        }
        expect_sockopt {
            nargs $words 4 "expect_sockopt NAME LEVEL OPT INT"
            lassign $words n level opt value
            set got [xapi::getsockopt [sock $n] [int $level] [int $opt]]
            if {$got != [int $value]} {
                fail "option is $got, expected [int $value]"
            }
        }
        expect_sockname {
            nargs $words 2 "expect_sockname NAME HOST"
            lassign $words n host
            set s [sock $n]
            set addr [xapi::getsockname $s]
            if {[xapi::socket_family $s] == $xapi::AF_UNIX} {
                if {$addr ne $host} {
                    fail "sockname \"$addr\", expected \"$host\""
                }
            } elseif {[lindex $addr 0] ne $host || [lindex $addr 1] == 0} {
                fail "sockname \"$addr\", expected host \"$host\", port non-zero"
            }
        }
        sendmsg {
            if {[llength $words] < 2} {
                fail "usage: sendmsg NAME data=... ..."
            }
            set s [sock [lindex $words 0]]
            set o [options [lrange $words 1 end] {data to cmsg flags expect}]
            if {![dict exists $o data] || [llength [dict get $o data]] != 1} {
                fail "sendmsg needs one data="
            }
            set cmd [list xapi::sendmsg $s [byteslist [lindex [dict get $o data] 0]]]
            if {[dict exists $o to]} {
                lappend cmd -to [peer_addr [lindex [dict get $o to] 0]]
            }
            if {[dict exists $o cmsg]} {
                set items {}
                foreach c [dict get $o cmsg] {
                    lappend items [cmsg $c]
                }
                lappend cmd -cmsg $items
            }
            if {[dict exists $o flags]} {
                lappend cmd -flags [int [lindex [dict get $o flags] 0]]
            }
            set n [{*}$cmd]
            if {[dict exists $o expect] && $n != [int [lindex [dict get $o expect] 0]]} {
                fail "sent $n bytes, expected [lindex [dict get $o expect] 0]"
            }
        }
        recvmsg {
            if {[llength $words] < 2} {
                fail "usage: recvmsg NAME sizes=... ..."
            }
            set s [sock [lindex $words 0]]
            set o [options [lrange $words 1 end] {sizes anc flags}]
            if {![dict exists $o sizes]} {
                fail "recvmsg needs sizes="
            }
            set sw [lindex [dict get $o sizes] 0]
            if {$sw eq "@wrongtype"} {
                set sizes {abc}
            } else {
                set sizes {}
                foreach w [split $sw ,] {
                    lappend sizes [int $w]
                }
            }
            lassign [recv_options $o] ropts flags
            set cmd [list xapi::recvmsg $s $sizes {*}$ropts]
            if {!($flags & $xapi::MSG_DONTWAIT)
                    && ![xapi::wait_readable $s 5000]} {
                fail "socket not readable within 5 seconds"
            }
            set last [{*}$cmd]
        }
        expect_data {
            nargs $words 1 "expect_data BYTESLIST"
            set want [lmap b [byteslist [lindex $words 0]] {hex $b}]
            set got [lmap b [dict get $last data] {hex $b}]
            if {$got ne $want} {
                fail "data {$got}, expected {$want} (hex)"
            }
        }
        expect_len {
            nargs $words 1 "expect_len N"
            if {[dict get $last nbytes] != [int [lindex $words 0]]} {
                fail "length [dict get $last nbytes], expected [lindex $words 0]"
            }
        }
        expect_flags_set {
            nargs $words 1 "expect_flags_set INT"
            set bits [int [lindex $words 0]]
            if {([dict get $last flags] & $bits) != $bits} {
                fail "flags [dict get $last flags] lack $bits"
            }
        }
        expect_flags_clear {
            nargs $words 1 "expect_flags_clear INT"
            set bits [int [lindex $words 0]]
            if {[dict get $last flags] & $bits} {
                fail "flags [dict get $last flags] have some of $bits"
            }
        }
        expect_from {
            nargs $words 1 "expect_from PEER"
            set want [peer_addr [lindex $words 0]]
            if {![same_addr [dict get $last address] $want]} {
                fail "from \"[dict get $last address]\", expected \"$want\""
            }
        }
        expect_ncmsg {
            nargs $words 1 "expect_ncmsg N"
            set n [llength [dict get $last cmsgs]]
            if {$n != [int [lindex $words 0]]} {
                fail "$n items, expected [lindex $words 0]"
            }
        }
        expect_cmsg {
            nargs $words 3 "expect_cmsg LEVEL TYPE VIEW"
            lassign $words lw tw view
            set level [int $lw]
            set type [int $tw]
            set seen {}
            foreach item [dict get $last cmsgs] {
                if {[dict get $item level] != $level || [dict get $item type] != $type} {
                    continue
                }
                lappend seen $item
                if {[view_matches $item $view]} {
                    return
                }
            }
            if {![llength $seen]} {
                fail "no item level $level type $type"
            }
            fail "item level $level type $type does not match $view: $seen"
        }
        expect_cmsg_space - expect_cmsg_len {
            nargs $words 2 "$name L N"
            set got [xapi::[string range $name 7 end] [int [lindex $words 0]]]
            if {$got != [int [lindex $words 1]]} {
                fail "[string range $name 7 end]([lindex $words 0]) is $got, expected [lindex $words 1]"
            }
        }
        build_cmsgs {
            set items {}
            set want {}
            foreach w $words {
                if {[string match expect=* $w]} {
                    set want [hex [bytes [string range $w 7 end]]]
                } else {
                    lappend items [cmsg $w]
                }
            }
            set got [hex [xapi::build_cmsgs $items]]
            if {$want ne "" && $got ne $want} {
                fail "built $got, expected $want"
            }
        }
        parse_cmsgs {
            nargs $words 1 "parse_cmsgs BYTES"
            set last [dict create cmsgs [xapi::parse_cmsgs [bytes [lindex $words 0]]]]
        }
        expect_ifindex {
            nargs $words 1 "expect_ifindex IFNAME"
            set n [lindex $words 0]
            set got [xapi::if_nametoindex $n]
            if {$got != [sysindex $n]} {
                fail "if_nametoindex($n) is $got, /sys says [sysindex $n]"
            }
        }
        expect_ifname {
            nargs $words 1 "expect_ifname IFNAME"
            set n [lindex $words 0]
            set got [xapi::if_indextoname [sysindex $n]]
            if {$got ne $n} {
                fail "if_indextoname([sysindex $n]) is \"$got\", expected \"$n\""
            }
        }
        expect_nameindex_sys {
            nargs $words 0 "expect_nameindex_sys"
            set want {}
            foreach dir [glob -nocomplain -directory /sys/class/net *] {
                if {[file exists $dir/ifindex]} {
                    lappend want [list [sysindex [file tail $dir]] [file tail $dir]]
                }
            }
            set want [lsort -index 0 -integer $want]
            set got [lsort -index 0 -integer [xapi::if_nameindex]]
            if {$got ne $want} {
                fail "if_nameindex {$got}, /sys has {$want}"
            }
        }
        expect_constant {
            nargs $words 2 "expect_constant NAME N"
            lassign $words n v
            if {![info exists ::xapi::$n]} {
                fail "\$xapi::$n is not exported"
            }
            if {[set ::xapi::$n] != $v} {
                fail "\$xapi::$n is [set ::xapi::$n], expected $v"
            }
        }
        if_nametoindex {
            nargs $words 1 "if_nametoindex IFNAME"
            xapi::if_nametoindex [lindex $words 0]
        }
        if_indextoname {
            nargs $words 1 "if_indextoname N"
            xapi::if_indextoname [int [lindex $words 0]]
        }
        expect_error {
            if {[llength $words] < 2} {
                fail "usage: expect_error KIND OP ARGS..."
            }
            set kind [lindex $words 0]
            set code [catch {op [lindex $words 1] [lrange $words 2 end]} msg opts]
            set ec [dict get $opts -errorcode]
            if {$code == 0} {
                fail "[lindex $words 1] succeeded, expected $kind"
            }
            if {[lrange $ec 0 1] in {{MATRIX FAIL} {MATRIX SKIP}}} {
                return -options $opts $msg
            }
            if {[string match os:* $kind]} {
                set ename [string range $kind 3 end]
                if {[lindex $ec 0] ne "POSIX" || [lindex $ec 1] ne $ename} {
                    fail "error {$ec} \"$msg\", expected POSIX $ename"
                }
            } elseif {$kind eq "arg"} {
                if {[lrange $ec 0 1] ni {{XAPI ARG} {TCL VALUE}}
                        && [lindex $ec 0] ne "ARITH"} {
                    fail "error {$ec} \"$msg\", expected an argument error"
                }
            } else {
                fail "unknown error kind \"$kind\""
            }
        }
        set {
            nargs $words 2 "set NAME BYTES"
            variable vars
            dict set vars [lindex $words 0] [bytes [lindex $words 1]]
        }
        expect_bytes {
            nargs $words 2 "expect_bytes NAME BYTES"
            set got [bytes v:[lindex $words 0]]
            set want [bytes [lindex $words 1]]
            if {$got ne $want} {
                fail "[lindex $words 0] is [hex $got], expected [hex $want]"
            }
        }
        take_cmsg {
            nargs $words 3 "take_cmsg NAME LEVEL TYPE"
            variable vars
            lassign $words vname lv ty
            set lv [int $lv]
            set ty [int $ty]
            if {![dict exists $last cmsgs]} {
                fail "no items yet"
            }
            foreach item [dict get $last cmsgs] {
                if {[dict get $item level] == $lv && [dict get $item type] == $ty} {
                    dict set vars $vname [dict get $item data]
                    return
                }
            }
            fail "no item ($lv, $ty)"
        }
        default {
            # The topic files (ops_*.tcl) define matrix::op_NAME procs
            # taking the op's words.
            if {[info procs ::matrix::op_$name] ne ""} {
                return [op_$name {*}$words]
            }
            fail "unknown operation \"$name\""
        }
    }
    return
}

proc matrix::view_matches {item view} {
    if {$view eq "any"} {
        return 1
    }
    if {![regexp {^([a-z_]+):(.*)$} $view -> kind rest]} {
        fail "bad VIEW \"$view\""
    }
    switch -- $kind {
        int {
            return [expr {[dict exists $item value]
                          && [string is entier -strict [dict get $item value]]
                          && [dict get $item value] == [int $rest]}]
        }
        pktinfo {
            # ADDR@IFNAME, or ADDR@N: the index itself (interfaces of
            # other namespaces are not in our /sys).
            set at [string last @ $rest]
            set addr [string range $rest 0 $at-1]
            set ifname [string range $rest $at+1 end]
            if {[string is digit -strict $ifname]} {
                set idx [expr {$ifname}]
            } else {
                set idx [sysindex $ifname]
            }
            if {![dict exists $item value]} {
                return 0
            }
            set v [dict get $item value]
            return [expr {[lindex $v 0] eq $addr && [lindex $v 1] == $idx}]
        }
        bytes {
            return [expr {[hex [dict get $item data]] eq [hex [bytes $rest]]}]
        }
        mtuinfo {
            # MTU,ADDR (ADDR may be empty)
            set parts [split $rest ,]
            if {[llength $parts] != 2} {
                fail "bad mtuinfo VIEW \"$view\""
            }
            lassign $parts mtu addr
            if {![dict exists $item name] || [dict get $item name] ne "pathmtu"} {
                return 0
            }
            set v [dict get $item value]
            return [expr {[dict get $v mtu] == [int $mtu]
                          && [dict get $v addr] eq $addr}]
        }
        sock_err {
            # ERRNO,ORIGIN,TYPE,CODE,OFFENDER (OFFENDER may be empty)
            set parts [split $rest ,]
            if {[llength $parts] != 5} {
                fail "bad sock_err VIEW \"$view\""
            }
            lassign $parts ename origin type code offender
            if {![dict exists $item name] || [dict get $item name] ne "sock_err"} {
                return 0
            }
            set v [dict get $item value]
            return [expr {[dict get $v errno] eq $ename
                          && [dict get $v origin] == [int $origin]
                          && [dict get $v type] == [int $type]
                          && [dict get $v code] == [int $code]
                          && [dict get $v offender] eq $offender}]
        }
        rec {
            # FIELD=VALUE,... against the record view's dict
            if {![dict exists $item value]} {
                return 0
            }
            set v [dict get $item value]
            if {[catch {dict size $v}]} {
                return 0
            }
            foreach pair [split $rest ,] {
                if {![regexp {^([^=]+)=(.*)$} $pair -> name want]} {
                    fail "bad rec VIEW \"$view\""
                }
                if {![dict exists $v $name]} {
                    return 0
                }
                set got [dict get $v $name]
                if {[string match e:* $want]} {
                    # errno fields show their name
                    if {$got ne [string range $want 2 end]} {
                        return 0
                    }
                } elseif {$want eq ""} {
                    if {$got ne ""} {
                        return 0
                    }
                } elseif {[regexp {^(x|s|z|r):} $want]} {
                    if {[hex $got] ne [hex [bytes $want]]} {
                        return 0
                    }
                } elseif {[string is entier -strict $got]} {
                    if {$got != [int $want]} {
                        return 0
                    }
                } elseif {$got ne $want} {
                    return 0
                }
            }
            return 1
        }
    }
    fail "unknown VIEW kind \"$kind\""
}

# ---- cases ------------------------------------------------------------------

# Reads every *.cases file: a list of {id ops}, ops a list of word lists.
proc matrix::load {dir} {
    variable uniq
    set cases {}
    set files [lsort [glob -nocomplain -directory $dir *.cases]]
    if {![llength $files]} {
        puts stderr "runner.tcl: no .cases files in $dir"
        exit 2
    }
    foreach file $files {
        set f [open $file]
        set lines [split [read $f] \n]
        close $f
        set id {}
        set lineno 0
        foreach line $lines {
            incr lineno
            set line [string trim $line]
            if {$line eq "" || [string index $line 0] eq "#"} {
                continue
            }
            set line [string map [list {$uniq} $uniq] $line]
            set words [regexp -all -inline {\S+} $line]
            set w0 [lindex $words 0]
            if {$id eq ""} {
                if {$w0 ne "case" || [llength $words] < 2} {
                    puts stderr "$file:$lineno: expected \"case ID ...\""
                    exit 2
                }
                set id [lindex $words 1]
                set ops {}
            } elseif {$w0 eq "end"} {
                lappend cases [list $id $ops]
                set id {}
            } else {
                lappend ops $words
            }
        }
        if {$id ne ""} {
            puts stderr "$file: case $id has no end"
            exit 2
        }
    }
    return $cases
}

proc matrix::run_case {ops} {
    variable socks {}
    variable extra {}
    variable last {}
    variable vars {}
    variable cleanup_hooks
    try {
        foreach words $ops {
            op [lindex $words 0] [lrange $words 1 end]
        }
    } finally {
        foreach c [concat [dict values $socks] $extra] {
            catch {close $c}
        }
        foreach hook $cleanup_hooks {
            catch {uplevel #0 $hook}
        }
    }
}

proc matrix::main {argv} {
    global env
    set dir [file join [file dirname [file normalize [info script]]] cases]
    if {[info exists env(XAPI_MATRIX_CASES)]} {
        set dir $env(XAPI_MATRIX_CASES)
    }
    set patterns {}
    foreach a $argv {
        if {[file isdirectory $a]} {
            set dir $a
        } else {
            lappend patterns $a
        }
    }
    set cases {}
    foreach c [load $dir] {
        if {![llength $patterns]} {
            lappend cases $c
            continue
        }
        foreach p $patterns {
            if {[string match $p [lindex $c 0]]} {
                lappend cases $c
                break
            }
        }
    }
    puts "1..[llength $cases]"
    set k 0
    set failed 0
    foreach c $cases {
        lassign $c id ops
        incr k
        set code [catch {run_case $ops} msg opts]
        set msg [string map {\n " " \r " "} $msg]
        if {$code == 0} {
            puts "ok $k - $id"
        } elseif {[lrange [dict get $opts -errorcode] 0 1] eq {MATRIX SKIP}} {
            puts "ok $k - $id # SKIP $msg"
        } else {
            incr failed
            puts "not ok $k - $id # $msg"
        }
        flush stdout
    }
    exit [expr {$failed ? 1 : 0}]
}

# The topic files: matrix::op_NAME procs for the rfc3542, lab and batch
# operations; they use this file's helpers (int, bytes, sock, fail, ...)
# and may lappend ::matrix::cleanup_hooks.
foreach topic {ops_rfc3542.tcl ops_net.tcl ops_batch.tcl ops_family.tcl ops_ts.tcl ops_fdpass.tcl ops_origdst.tcl ops_mcast.tcl ops_icmpext.tcl ops_gro.tcl ops_send.tcl} {
    set path [file join [file dirname [file normalize [info script]]] $topic]
    if {[file exists $path]} {
        source $path
    }
}

matrix::main $argv
