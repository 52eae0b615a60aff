# ops_rfc3542.tcl - matrix operations for the rfc3542 cases (SPEC.md,
# sections "RFC 3542" and "Variables"), sourced by runner.tcl: each
# matrix::op_NAME proc takes the op's words.
#
# Bytes live in the case's variables (`variable vars`, NAME -> byte array)
# exactly as the binding produced them: a filter, a routing header and an
# options header are byte arrays in Tcl, so there is no object besides.
# Binding errors are left to propagate, so `expect_error` sees the
# binding's own errorCode ({XAPI ARG ...} or {POSIX ENAME msg}).

namespace eval matrix {
    variable last_srh {}   ;# case-local: the dict of the last srh_parse
    variable last_opts {}  ;# case-local: the options of the last opt_walk
    lappend cleanup_hooks {set ::matrix::last_srh {}} \
        {set ::matrix::last_opts {}}
}

# ---- helpers ------------------------------------------------------------

proc matrix::setvar {name value} {
    variable vars
    dict set vars $name $value
}

proc matrix::getvar {name} {
    bytes v:$name
}

# IPv6 address text -> eight 16-bit integers, parsed here in Tcl (not
# through xapi), so that `::1` and `0::1` compare equal.
proc matrix::ip6 {text} {
    set t [string tolower $text]
    if {[regexp {^(.*:)(\d+)\.(\d+)\.(\d+)\.(\d+)$} $t -> head a b c d]} {
        set t [format %s%x:%x $head [expr {$a * 256 + $b}] [expr {$c * 256 + $d}]]
    }
    set halves [split [string map {:: |} $t] |]
    if {[llength $halves] > 2} {
        fail "\"$text\" is not an IPv6 address"
    }
    set parts {}
    foreach h $halves {
        set g {}
        if {$h ne ""} {
            foreach w [split $h :] {
                if {![regexp {^[0-9a-f]{1,4}$} $w]} {
                    fail "\"$text\" is not an IPv6 address"
                }
                lappend g [expr {"0x$w"}]
            }
        }
        lappend parts $g
    }
    lassign $parts head tail
    if {[llength $halves] == 2} {
        set fill [expr {8 - [llength $head] - [llength $tail]}]
        if {$fill < 1} {
            fail "\"$text\" is not an IPv6 address"
        }
        set head [concat $head [lrepeat $fill 0] $tail]
    }
    if {[llength $head] != 8} {
        fail "\"$text\" is not an IPv6 address"
    }
    return $head
}

proc matrix::same_ip6 {a b} {
    expr {[ip6 $a] eq [ip6 $b]}
}

# A comma-separated list of INTs ("" is none).
proc matrix::intlist {word} {
    if {$word eq ""} {
        return {}
    }
    lmap w [split $word ,] {int $w}
}

# The single value of a key=value option, or the default.
proc matrix::optval {opts key {default ""}} {
    if {![dict exists $opts $key]} {
        return $default
    }
    set v [dict get $opts $key]
    if {[llength $v] != 1} {
        fail "$key= given more than once"
    }
    lindex $v 0
}

# ---- ICMPv6 filters -------------------------------------------------------

proc matrix::op_icmp6_filter {args} {
    nargs $args 2 "icmp6_filter F passall|blockall"
    lassign $args f how
    switch -- $how {
        passall { setvar $f [xapi::icmp6filter new pass] }
        blockall { setvar $f [xapi::icmp6filter new block] }
        default { fail "icmp6_filter: \"$how\" is not passall or blockall" }
    }
}

proc matrix::op_icmp6_filter_pass {args} {
    nargs $args 2 "icmp6_filter_pass F TYPE"
    lassign $args f type
    setvar $f [xapi::icmp6filter setpass [getvar $f] [int $type]]
}

proc matrix::op_icmp6_filter_block {args} {
    nargs $args 2 "icmp6_filter_block F TYPE"
    lassign $args f type
    setvar $f [xapi::icmp6filter setblock [getvar $f] [int $type]]
}

proc matrix::op_expect_icmp6_filter {args} {
    if {[llength $args] < 1} {
        fail "usage: expect_icmp6_filter F pass=T,... block=T,..."
    }
    set f [getvar [lindex $args 0]]
    set o [options [lrange $args 1 end] {pass block}]
    foreach t [intlist [optval $o pass]] {
        if {![xapi::icmp6filter willpass $f $t]} {
            fail "type $t does not pass: [hex $f]"
        }
        if {[xapi::icmp6filter willblock $f $t]} {
            fail "type $t passes but willblock says 1"
        }
    }
    foreach t [intlist [optval $o block]] {
        if {![xapi::icmp6filter willblock $f $t]} {
            fail "type $t is not blocked: [hex $f]"
        }
        if {[xapi::icmp6filter willpass $f $t]} {
            fail "type $t is blocked but willpass says 1"
        }
    }
}

proc matrix::op_icmp6_filter_install {args} {
    nargs $args 2 "icmp6_filter_install SOCK F"
    lassign $args s f
    xapi::icmp6filter install [sock $s] [getvar $f]
}

proc matrix::op_icmp6_filter_read {args} {
    nargs $args 2 "icmp6_filter_read F SOCK"
    lassign $args f s
    setvar $f [xapi::icmp6filter get [sock $s]]
}

# ---- routing headers --------------------------------------------------------

proc matrix::op_expect_rth_space {args} {
    nargs $args 3 "expect_rth_space TYPE SEGMENTS N"
    lassign $args type n want
    set want [int $want]
    if {$want == 0} {
        # 0 is C's "refused": Tcl raises an argument error instead.
        if {![catch {xapi::rth space [int $type] [int $n]} msg opts]} {
            fail "rth space $type $n is $msg, expected a refusal"
        }
        if {[lrange [dict get $opts -errorcode] 0 1] ne {XAPI ARG}} {
            fail "rth space $type $n: {[dict get $opts -errorcode]}, expected XAPI ARG"
        }
        return
    }
    set got [xapi::rth space [int $type] [int $n]]
    if {$got != $want} {
        fail "rth space $type $n is $got, expected $want"
    }
}

proc matrix::op_rth_space {args} {
    nargs $args 2 "rth_space TYPE SEGMENTS"
    lassign $args type n
    xapi::rth space [int $type] [int $n]
}

proc matrix::op_rth_init {args} {
    nargs $args 3 "rth_init VAR TYPE SEGMENTS"
    lassign $args v type n
    set space [xapi::rth space [int $type] [int $n]]
    set h [xapi::rth init [int $type] [int $n]]
    if {[string length $h] != $space} {
        fail "rth init gave [string length $h] bytes, rth space says $space"
    }
    setvar $v $h
}

proc matrix::op_rth_add {args} {
    nargs $args 2 "rth_add VAR ADDR"
    lassign $args v addr
    setvar $v [xapi::rth add [getvar $v] $addr]
}

proc matrix::op_rth_reverse {args} {
    nargs $args 1 "rth_reverse VAR"
    set v [lindex $args 0]
    setvar $v [xapi::rth reverse [getvar $v]]
}

proc matrix::op_rth_reverse_copy {args} {
    nargs $args 2 "rth_reverse_copy NEW VAR"
    lassign $args new v
    setvar $new [xapi::rth reverse [getvar $v]]
}

proc matrix::op_expect_rth_segments {args} {
    nargs $args 2 "expect_rth_segments VAR N"
    lassign $args v want
    set got [xapi::rth segments [getvar $v]]
    if {$got != [int $want]} {
        fail "rth segments is $got, expected $want"
    }
}

proc matrix::op_expect_rth_addr {args} {
    nargs $args 3 "expect_rth_addr VAR INDEX ADDR"
    lassign $args v idx want
    set got [xapi::rth getaddr [getvar $v] [int $idx]]
    if {![same_ip6 $got $want]} {
        fail "rth getaddr $idx is $got, expected $want"
    }
}

proc matrix::op_rth_getaddr {args} {
    nargs $args 2 "rth_getaddr VAR INDEX"
    lassign $args v idx
    xapi::rth getaddr [getvar $v] [int $idx]
}

proc matrix::op_rth_segments {args} {
    nargs $args 1 "rth_segments VAR"
    xapi::rth segments [getvar [lindex $args 0]]
}

# ---- the Segment Routing Header -----------------------------------------------

proc matrix::op_srh_build {args} {
    if {[llength $args] < 2} {
        fail "usage: srh_build VAR list=ADDR,... left=N ?nh=N? ?flags=N? ?tag=N? ?tlv=BYTES?"
    }
    set v [lindex $args 0]
    set o [options [lrange $args 1 end] {list left nh flags tag tlv}]
    set cmd [list xapi::srh build]
    foreach key {nh flags tag left} {
        if {[dict exists $o $key]} {
            lappend cmd -$key [int [optval $o $key]]
        }
    }
    if {[dict exists $o tlv]} {
        lappend cmd -tlv [bytes [optval $o tlv]]
    }
    lappend cmd [split [optval $o list] ,]
    setvar $v [{*}$cmd]
}

proc matrix::op_srh_parse {args} {
    nargs $args 1 "srh_parse VAR"
    variable last_srh
    set last_srh [xapi::srh parse [getvar [lindex $args 0]]]
}

proc matrix::op_expect_srh {args} {
    variable last_srh
    if {$last_srh eq ""} {
        fail "no srh_parse yet"
    }
    set o [options $args {nh left last flags tag list tlv}]
    foreach key {nh left last flags tag} {
        if {[dict exists $o $key]} {
            set want [int [optval $o $key]]
            if {[dict get $last_srh $key] != $want} {
                fail "srh $key is [dict get $last_srh $key], expected $want"
            }
        }
    }
    if {[dict exists $o list]} {
        set want [split [optval $o list] ,]
        set got [dict get $last_srh segments]
        if {[llength $got] != [llength $want]} {
            fail "srh segments {$got}, expected {$want}"
        }
        foreach g $got w $want {
            if {![same_ip6 $g $w]} {
                fail "srh segments {$got}, expected {$want}"
            }
        }
    }
    if {[dict exists $o tlv]} {
        set want [hex [bytes [optval $o tlv]]]
        set got [hex [dict get $last_srh tlv]]
        if {$got ne $want} {
            fail "srh tlv $got, expected $want"
        }
    }
}

# ---- Hop-by-Hop and Destination options -----------------------------------------

# opt=TYPE,ALIGN,BYTES,BYTES... -> {type align pieces}
proc matrix::opt_word {word} {
    set parts [split $word ,]
    if {[llength $parts] < 2} {
        fail "bad opt= \"$word\": TYPE,ALIGN,BYTES..."
    }
    set pieces [lmap b [lrange $parts 2 end] {bytes $b}]
    list [int [lindex $parts 0]] [int [lindex $parts 1]] $pieces
}

# As RFC 3542 Appendix C does: the RFC-shaped calls without a buffer for
# the lengths, then the same calls into a buffer of that size, each piece
# written with its own setval; then xapi::opt build, the one-call form,
# must give the same bytes.
proc matrix::op_opt_build {args} {
    if {[llength $args] < 1} {
        fail "usage: opt_build VAR ?opt=TYPE,ALIGN,BYTES...? ..."
    }
    set v [lindex $args 0]
    set o [options [lrange $args 1 end] {opt}]
    set specs {}
    if {[dict exists $o opt]} {
        set specs [lmap w [dict get $o opt] {opt_word $w}]
    }

    set len [xapi::opt init]
    set lens [list $len]
    foreach spec $specs {
        lassign $spec type align pieces
        set len [xapi::opt append $len $type [string length [join $pieces ""]] $align]
        lappend lens $len
    }
    set extlen [xapi::opt finish $len]
    lappend lens $extlen

    set len [xapi::opt init buf $extlen]
    set lens2 [list $len]
    foreach spec $specs {
        lassign $spec type align pieces
        set len [xapi::opt append buf $extlen $len $type \
                     [string length [join $pieces ""]] $align databuf]
        lappend lens2 $len
        set off 0
        foreach p $pieces {
            set off [xapi::opt setval buf $databuf $off $p]
        }
    }
    set len [xapi::opt finish buf $extlen $len]
    lappend lens2 $len
    if {$lens ne $lens2} {
        fail "the two passes disagree on lengths: {$lens} without a buffer, {$lens2} with one"
    }
    if {[string length $buf] != $extlen} {
        fail "header is [string length $buf] bytes, finish said $extlen"
    }
    set whole [xapi::opt build [lmap spec $specs {
        lassign $spec type align pieces
        list $type $align -pieces $pieces
    }]]
    if {$whole ne $buf} {
        fail "xapi::opt build gave [hex $whole], the RFC-shaped calls [hex $buf]"
    }
    setvar $v $buf
}

# Walks with the RFC-shaped `xapi::opt next`; `xapi::opt parse` must agree.
proc matrix::op_opt_walk {args} {
    nargs $args 1 "opt_walk VAR"
    variable last_opts
    set b [getvar [lindex $args 0]]
    set seen {}
    set off 0
    while {[set off [xapi::opt next $b $off type len data]] != -1} {
        if {[string length $data] != $len} {
            fail "opt next: length $len, data of [string length $data] bytes"
        }
        lappend seen [list $type $data]
    }
    set parsed [xapi::opt parse $b]
    if {$parsed ne $seen} {
        fail "opt parse {$parsed} and opt next {$seen} disagree"
    }
    set last_opts $seen
}

proc matrix::op_expect_opts {args} {
    variable last_opts
    set want {}
    foreach w $args {
        set colon [string first : $w]
        if {$colon < 1} {
            fail "bad TYPE:BYTES \"$w\""
        }
        lappend want [list [int [string range $w 0 $colon-1]] \
                          [hex [bytes [string range $w $colon+1 end]]]]
    }
    set got [lmap o $last_opts {list [lindex $o 0] [hex [lindex $o 1]]}]
    if {$got ne $want} {
        fail "options {$got}, expected {$want} (hex data)"
    }
}

proc matrix::op_expect_opt_find {args} {
    nargs $args 3 "expect_opt_find VAR TYPE BYTES"
    lassign $args v type want
    set b [getvar $v]
    if {![xapi::opt find $b [int $type] data]} {
        fail "no option of type $type"
    }
    if {[hex $data] ne [hex [bytes $want]]} {
        fail "option $type holds [hex $data], expected [hex [bytes $want]]"
    }
    if {[xapi::opt find $b [int $type]] ne $data} {
        fail "the two forms of xapi::opt find disagree"
    }
}

proc matrix::op_expect_opt_find_none {args} {
    nargs $args 2 "expect_opt_find_none VAR TYPE"
    lassign $args v type
    set b [getvar $v]
    if {[xapi::opt find $b [int $type] data]} {
        fail "found an option of type $type: [hex $data]"
    }
    set got [xapi::opt find $b [int $type]]
    if {$got ne ""} {
        fail "xapi::opt find gave \"[hex $got]\", expected an empty result"
    }
}

# The data of the first TYPE option (an error if there is none).
proc matrix::opt_data {v type} {
    set b [getvar $v]
    if {![xapi::opt find $b [int $type] data]} {
        fail "no option of type $type"
    }
    return $data
}

proc matrix::op_expect_opt_get_val {args} {
    nargs $args 5 "expect_opt_get_val VAR TYPE OFFSET LEN BYTES"
    lassign $args v type off len want
    set data [opt_data $v $type]
    set got [xapi::opt getval $data [int $off] [int $len]]
    if {[hex $got] ne [hex [bytes $want]]} {
        fail "getval $off $len is [hex $got], expected [hex [bytes $want]]"
    }
    # The RFC-shaped form returns the next offset and sets a variable.
    set next [xapi::opt getval $data [int $off] [int $len] val]
    if {$next != [int $off] + [int $len] || $val ne $got} {
        fail "getval with valVar returned $next, [hex $val]"
    }
}

proc matrix::op_opt_get_val {args} {
    nargs $args 4 "opt_get_val VAR TYPE OFFSET LEN"
    lassign $args v type off len
    xapi::opt getval [opt_data $v $type] [int $off] [int $len]
}

proc matrix::op_expect_ip6opt_type {args} {
    nargs $args 2 "expect_ip6opt_type TYPE N"
    lassign $args type want
    set got [xapi::opt type [int $type]]
    if {$got != [int $want]} {
        fail "IP6OPT_TYPE($type) is $got, expected $want"
    }
}

# ---- sockets, path MTU, next hop --------------------------------------------------

proc matrix::op_setsockopt_bytes {args} {
    nargs $args 4 "setsockopt_bytes NAME LEVEL OPT BYTES"
    lassign $args n level opt b
    xapi::setsockopt_bytes [sock $n] [int $level] [int $opt] [bytes $b]
}

proc matrix::op_expect_sockopt_bytes {args} {
    nargs $args 4 "expect_sockopt_bytes NAME LEVEL OPT BYTES"
    lassign $args n level opt b
    set got [xapi::getsockopt_bytes [sock $n] [int $level] [int $opt] 4096]
    if {[hex $got] ne [hex [bytes $b]]} {
        fail "option reads [hex $got], expected [hex [bytes $b]]"
    }
}

proc matrix::op_expect_pathmtu {args} {
    nargs $args 2 "expect_pathmtu NAME MTU"
    lassign $args n mtu
    if {![string is entier -strict $mtu] && [file exists /sys/class/net/$mtu/mtu]} {
        set f [open /sys/class/net/$mtu/mtu]
        set want [string trim [read $f]]
        close $f
    } else {
        set want [int $mtu]
    }
    set got [xapi::pathmtu [sock $n]]
    if {[dict get $got mtu] != $want} {
        fail "path MTU [dict get $got mtu], expected $want ($mtu)"
    }
}

proc matrix::op_expect_data_at {args} {
    nargs $args 2 "expect_data_at OFFSET BYTES"
    variable last
    lassign $args off b
    if {![dict exists $last data]} {
        fail "no message received yet"
    }
    set all [join [dict get $last data] ""]
    set want [bytes $b]
    set off [int $off]
    set got [string range $all $off [expr {$off + [string length $want] - 1}]]
    if {[hex $got] ne [hex $want]} {
        fail "data at $off is [hex $got], expected [hex $want]"
    }
}

proc matrix::op_nexthop {args} {
    nargs $args 2 "nexthop VAR ADDR"
    lassign $args v addr
    setvar $v [xapi::nexthop $addr]
}
