# ops_batch.tcl - matrix operations for the batch cases (SPEC.md
# "Batches"), sourced by runner.tcl: each matrix::op_NAME proc takes the
# op's words.  Batches go through xapi::sendbatch / xapi::recvbatch; the
# `into` forms receive into a byte array held in a Tcl variable, one per
# case, reused by every receive-into of the case (as a program would).

namespace eval matrix {
    variable batch {}    ;# case-local: the last batch, a list of message dicts
    variable intobuf {}  ;# case-local: the receive-into byte array
    lappend cleanup_hooks {set ::matrix::batch {}} {set ::matrix::intobuf {}}
}

# One MSG of send_batch (data=BYTESLIST [to=PEER] [cmsg=CMSG]...) as the
# dict xapi::sendbatch takes.
proc matrix::batch_msg {words} {
    set o [options $words {data to cmsg}]
    if {![dict exists $o data] || [llength [dict get $o data]] != 1} {
        fail "a batch message needs one data="
    }
    set m [dict create data [byteslist [lindex [dict get $o data] 0]]]
    if {[dict exists $o to]} {
        dict set m to [peer_addr [lindex [dict get $o to] 0]]
    }
    if {[dict exists $o cmsg]} {
        dict set m cmsgs [lmap c [dict get $o cmsg] {cmsg $c}]
    }
    return $m
}

# send_batch NAME [flags=INT] [expect=N] -- MSG -- MSG ...
proc matrix::op_send_batch {args} {
    set first [lsearch -exact $args --]
    if {$first < 1} {
        fail "usage: send_batch NAME ?flags=INT? ?expect=N? -- MSG -- MSG ..."
    }
    set s [sock [lindex $args 0]]
    set o [options [lrange $args 1 $first-1] {flags expect}]
    set msgs {}
    set cur {}
    foreach w [lrange $args $first+1 end] {
        if {$w eq "--"} {
            lappend msgs [batch_msg $cur]
            set cur {}
        } else {
            lappend cur $w
        }
    }
    lappend msgs [batch_msg $cur]
    set cmd [list xapi::sendbatch $s $msgs]
    if {[dict exists $o flags]} {
        lappend cmd -flags [int [lindex [dict get $o flags] 0]]
    }
    set n [{*}$cmd]
    if {[dict exists $o expect] && $n != [int [lindex [dict get $o expect] 0]]} {
        fail "sent $n messages, expected [lindex [dict get $o expect] 0]"
    }
}

# The bytes of a message received into intobuf: from its offset, nbytes
# long but never past its slot (a truncated datagram's nbytes may be its
# real length with MSG_TRUNC in the flags).
proc matrix::into_data {msg slot} {
    variable intobuf
    set n [expr {min([dict get $msg nbytes], $slot)}]
    set off 0
    if {[dict exists $msg offset]} {
        set off [dict get $msg offset]
    }
    return [list [string range $intobuf $off [expr {$off + $n - 1}]]]
}

# recv_batch NAME count=N size=N [anc=A] [flags=INT] [timeout=MS] [into]
proc matrix::op_recv_batch {args} {
    variable batch
    variable intobuf
    if {[llength $args] < 1} {
        fail "usage: recv_batch NAME count=N size=N ?anc=A? ?flags=INT? ?timeout=MS? ?into|gro?"
    }
    set s [sock [lindex $args 0]]
    set rest [lrange $args 1 end]
    set into [expr {"into" in $rest}]
    set gro [expr {"gro" in $rest}]
    set rest [lsearch -all -inline -not -regexp $rest {^(into|gro)$}]
    set o [options $rest {count size anc flags timeout}]
    foreach k {count size} {
        if {![dict exists $o $k]} {
            fail "recv_batch needs $k="
        }
    }
    set count [int [lindex [dict get $o count] 0]]
    set size [int [lindex [dict get $o size] 0]]
    lassign [recv_options $o] opts flags
    if {[dict exists $o timeout]} {
        lappend opts -timeout [int [lindex [dict get $o timeout] 0]]
    } elseif {!($flags & $xapi::MSG_DONTWAIT)
              && ![xapi::wait_readable $s 5000]} {
        fail "socket not readable within 5 seconds"
    }
    if {$gro} {
        set batch [xapi::recvbatch $s $count $size {*}$opts -gro 1]
        if {[llength $batch] < 1 || [llength $batch] > $count * 64} {
            fail "[llength $batch] messages for a batch of $count"
        }
        return
    }
    if {!$into} {
        set batch [xapi::recvbatch $s $count $size {*}$opts]
        return
    }
    set got [xapi::recvbatch_into $s ::matrix::intobuf $size $count {*}$opts]
    # Snapshot each message's bytes now: the next receive-into reuses the
    # same memory.
    set batch [lmap m $got {dict replace $m data [into_data $m $size]}]
}

proc matrix::op_expect_batch_len {args} {
    variable batch
    nargs $args 1 "expect_batch_len N"
    if {[llength $batch] != [int [lindex $args 0]]} {
        fail "the batch has [llength $batch] messages, expected [lindex $args 0]"
    }
}

proc matrix::op_select {args} {
    variable batch
    variable last
    nargs $args 1 "select K"
    set k [int [lindex $args 0]]
    if {$k < 0 || $k >= [llength $batch]} {
        fail "no message $k in a batch of [llength $batch]"
    }
    set last [lindex $batch $k]
}

# recvmsg_into NAME size=N [anc=A] [flags=INT]
proc matrix::op_recvmsg_into {args} {
    variable last
    if {[llength $args] < 1} {
        fail "usage: recvmsg_into NAME size=N ?anc=A? ?flags=INT?"
    }
    set s [sock [lindex $args 0]]
    set o [options [lrange $args 1 end] {size anc flags}]
    if {![dict exists $o size]} {
        fail "recvmsg_into needs size="
    }
    set size [int [lindex [dict get $o size] 0]]
    lassign [recv_options $o] opts flags
    set opts [linsert $opts 0 -size $size]
    if {!($flags & $xapi::MSG_DONTWAIT) && ![xapi::wait_readable $s 5000]} {
        fail "socket not readable within 5 seconds"
    }
    # -size N: the case's buffer holds N bytes (reused when big enough).
    set m [xapi::recvmsg_into $s ::matrix::intobuf {*}$opts]
    set last [dict replace $m data [into_data $m $size]]
}
