# ops_origdst.tcl - matrix operations for the original destination, flow
# label and queue cases (SPEC.md "Original destination, flow labels and
# queue facts"), sourced by runner.tcl: each matrix::op_NAME proc takes the
# op's words.  Addresses go to xapi::sendmsg -to as a Tcl user gives them:
# {host port}.

# send_to NAME HOST PEER ?data=...? ?cmsg=...? ?flags=...? ?expect=N?
proc matrix::op_send_to {args} {
    if {[llength $args] < 3} {
        fail "usage: send_to NAME HOST PEER ?data=...? ..."
    }
    lassign $args name host peer
    set s [sock $name]
    set o [options [lrange $args 3 end] {data cmsg flags expect}]
    set data x:
    if {[dict exists $o data]} {
        set data [lindex [dict get $o data] 0]
    }
    set port [lindex [peer_addr $peer] 1]
    set cmd [list xapi::sendmsg $s [byteslist $data] -to [list $host $port]]
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

# flowlabel_lease NAME HOST LABEL SHARE
proc matrix::op_flowlabel_lease {args} {
    nargs $args 4 "flowlabel_lease NAME HOST LABEL SHARE"
    lassign $args name host label share
    set want [int $label]
    set got [xapi::flowlabel_lease [sock $name] $host $want [int $share]]
    if {$want ? $got != $want : ($got < 1 || $got > 0xfffff)} {
        fail "leased label $got, expected $label"
    }
}

# flowlabel_release NAME LABEL
proc matrix::op_flowlabel_release {args} {
    nargs $args 2 "flowlabel_release NAME LABEL"
    xapi::flowlabel_release [sock [lindex $args 0]] [int [lindex $args 1]]
}

# pause MS
proc matrix::op_pause {args} {
    nargs $args 1 "pause MS"
    after [int [lindex $args 0]]
}
