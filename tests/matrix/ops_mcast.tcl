# ops_mcast.tcl - matrix operations for the multicast cases (SPEC.md
# "Multicast"), sourced by runner.tcl: each matrix::op_NAME proc takes the
# op's words.  Groups are joined through the xapi::mcast ensemble, the
# source given as a Tcl user would, -source ADDR.

# IFNAME "-" is none: "" (the kernel's choice).
proc matrix::mcast_ifname {word} {
    expr {$word eq "-" ? "" : $word}
}

# mcast_join|leave|block|unblock NAME GROUP IFNAME [source=ADDR]
proc matrix::mcast_membership {sub words} {
    if {[llength $words] < 3} {
        fail "usage: mcast_$sub NAME GROUP IFNAME ?source=ADDR?"
    }
    lassign $words n group ifname
    set o [options [lrange $words 3 end] {source}]
    set s [sock $n]
    set ifname [mcast_ifname $ifname]
    if {$sub in {block unblock}} {
        set source ""
        if {[dict exists $o source]} {
            set source [lindex [dict get $o source] 0]
        }
        xapi::mcast $sub $s $group $ifname $source
    } elseif {[dict exists $o source]} {
        xapi::mcast $sub $s $group $ifname -source [lindex [dict get $o source] 0]
    } else {
        xapi::mcast $sub $s $group $ifname
    }
}
proc matrix::op_mcast_join {args} { mcast_membership join $args }
proc matrix::op_mcast_leave {args} { mcast_membership leave $args }
proc matrix::op_mcast_block {args} { mcast_membership block $args }
proc matrix::op_mcast_unblock {args} { mcast_membership unblock $args }

proc matrix::op_mcast_set_if {args} {
    nargs $args 2 "mcast_set_if NAME IFNAME"
    lassign $args n ifname
    xapi::mcast interface [sock $n] [mcast_ifname $ifname]
}
proc matrix::op_mcast_set_hops {args} {
    nargs $args 2 "mcast_set_hops NAME INT"
    lassign $args n v
    xapi::mcast hops [sock $n] [int $v]
}
proc matrix::op_mcast_set_loop {args} {
    nargs $args 2 "mcast_set_loop NAME INT"
    lassign $args n v
    xapi::mcast loop [sock $n] [int $v]
}
proc matrix::op_expect_mcast_hops {args} {
    nargs $args 2 "expect_mcast_hops NAME INT"
    lassign $args n want
    set got [xapi::mcast hops [sock $n]]
    if {$got != [int $want]} {
        fail "xapi::mcast hops is $got, expected [int $want]"
    }
}
proc matrix::op_expect_mcast_loop {args} {
    nargs $args 2 "expect_mcast_loop NAME INT"
    lassign $args n want
    set got [xapi::mcast loop [sock $n]]
    if {$got != [int $want]} {
        fail "xapi::mcast loop is $got, expected [int $want]"
    }
}
# expect_no_message NAME MS: not readable within MS milliseconds.
proc matrix::op_expect_no_message {args} {
    nargs $args 2 "expect_no_message NAME MS"
    lassign $args n ms
    if {[xapi::wait_readable [sock $n] $ms]} {
        fail "$n became readable within $ms ms"
    }
}
