# ops_icmpext.tcl - matrix operations for the ICMP extension cases
# (SPEC.md "ICMP extensions"), sourced by runner.tcl.  The binding's calls:
# xapi::icmp_ext_offset, and xapi::icmp_ext_parse /
# xapi::icmp_ext_parse_struct, which give lists of dicts keyed by the
# core's record table (through the RECORDS shape; a binding without
# it skips the cases).

namespace eval ::matrix {
    variable icmpext_last {}
    lappend cleanup_hooks {set ::matrix::icmpext_last {}}
}

proc matrix::op_needs_icmp_ext {} {
    if {[info commands ::xapi::icmp_ext_parse] eq ""} {
        skip "the binding has no xapi::icmp_ext_parse yet (it waits for\
            the RECORDS shape, swig/xapi.i RECORDS shape)"
    }
}

proc matrix::op_icmp_ext {family data} {
    variable icmpext_last
    set icmpext_last [xapi::icmp_ext_parse [int $family] [bytes $data]]
}

proc matrix::op_icmp_ext_struct {data} {
    variable icmpext_last
    set icmpext_last [xapi::icmp_ext_parse_struct [bytes $data]]
}

proc matrix::op_icmp_ext_offset {family data} {
    xapi::icmp_ext_offset [int $family] [bytes $data]
}

proc matrix::op_expect_icmp_ext_offset {family data n} {
    set got [xapi::icmp_ext_offset [int $family] [bytes $data]]
    if {$got != [int $n]} {
        fail "extension offset $got, want $n"
    }
}

proc matrix::op_expect_icmp_ext_count {n} {
    variable icmpext_last
    if {[llength $icmpext_last] != [int $n]} {
        fail "[llength $icmpext_last] records, want $n"
    }
}

proc matrix::op_expect_icmp_ext {k args} {
    variable icmpext_last
    set k [int $k]
    if {$k < 0 || $k >= [llength $icmpext_last]} {
        fail "no record $k ([llength $icmpext_last] records)"
    }
    set r [lindex $icmpext_last $k]
    foreach w $args {
        if {![regexp {^(\w+)=(.*)$} $w -> name want]} {
            fail "bad FIELD=VALUE word $w"
        }
        if {![dict exists $r $name]} {
            fail "record $k has no field $name: $r"
        }
        set got [dict get $r $name]
        if {$name in {addr name}} {
            # An absent text is "" (the record table's optional text).
            if {$got ne $want} {
                fail "record $k $name \"$got\", want \"$want\""
            }
        } elseif {$got != [int $want]} {
            fail "record $k $name $got, want $want"
        }
    }
}

# take_data NAME OFFSET: the last message's data (pieces joined) from
# OFFSET on.
proc matrix::op_take_data {name off} {
    variable last
    variable vars
    if {![info exists last] || ![dict exists $last data]} {
        fail "no message received yet"
    }
    set all [join [dict get $last data] ""]
    set off [int $off]
    if {$off < 0 || $off > [string length $all]} {
        fail "[string length $all] bytes arrived, offset $off is past them"
    }
    dict set vars $name [string range $all $off end]
}

# icmp_ext_errqueue: the last message's data and its sock_err item's
# ee_data through xapi::icmp_ext_parse_errqueue.
proc matrix::op_icmp_ext_errqueue {} {
    variable last
    variable icmpext_last
    if {![info exists last] || ![dict exists $last cmsgs]} {
        fail "no message received yet"
    }
    set all [join [dict get $last data] ""]
    foreach item [dict get $last cmsgs] {
        if {[dict exists $item name] && [dict get $item name] eq "sock_err"} {
            set icmpext_last [xapi::icmp_ext_parse_errqueue \
                [dict get $item value data] $all]
            return
        }
    }
    fail "the last message has no sock_err item"
}
