# ops_gro.tcl - matrix operation for the GRO splitting cases (SPEC.md "GRO
# splitting"), sourced by runner.tcl after ops_batch.tcl: the messages
# become the last batch, for select and the expect_* ops.  The binding's
# call: xapi::recvbatch ... -gro 1.

# recv_gro NAME count=N size=N [anc=A] [flags=INT] [timeout=MS]
proc matrix::op_recv_gro {args} {
    variable batch
    if {[llength $args] < 1} {
        fail "usage: recv_gro NAME count=N size=N ?anc=A? ?flags=INT? ?timeout=MS?"
    }
    set s [sock [lindex $args 0]]
    set o [options [lrange $args 1 end] {count size anc flags timeout}]
    foreach k {count size} {
        if {![dict exists $o $k]} {
            fail "recv_gro needs $k="
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
    set batch [xapi::recvbatch $s $count $size {*}$opts -gro 1]
    if {[llength $batch] < 1 || [llength $batch] > $count * 64} {
        fail "[llength $batch] messages for a batch of $count"
    }
}
