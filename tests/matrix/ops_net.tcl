# ops_net.tcl - matrix operations for the lab cases (SPEC.md "The lab"),
# sourced by runner.tcl: each matrix::op_NAME proc takes the op's words.
# Sockets in the lab's namespaces are xapi::socket_netns channels, so one
# tclsh holds sockets in A, R and B at once.

# socket_in NODE NAME FAMILY TYPE [PROTO]: a socket in $XAPI_LAB-NODE.
proc matrix::op_socket_in {args} {
    variable socks
    if {[llength $args] ni {4 5}} {
        fail "usage: socket_in NODE NAME FAMILY TYPE ?PROTO?"
    }
    lassign $args node n fam type proto
    if {$node ni {a r b}} {
        fail "unknown lab node \"$node\" (a, r or b)"
    }
    if {![info exists ::env(XAPI_LAB)] || $::env(XAPI_LAB) eq ""} {
        skip "needs the network lab (XAPI_LAB unset)"
    }
    set cmd [list xapi::socket_netns $::env(XAPI_LAB)-$node [int $fam] [int $type]]
    if {$proto ne ""} {
        lappend cmd [int $proto]
    }
    dict set socks $n [{*}$cmd]
}

# recv_err NAME [sizes=N,...] [anc=A]: recvmsg with MSG_ERRQUEUE.  The
# error queue makes no fileevent (poll says POLLERR only), so the runner
# retries a non-blocking read for up to 5 seconds.
proc matrix::op_recv_err {args} {
    variable last
    if {[llength $args] < 1} {
        fail "usage: recv_err NAME ?sizes=N,...? ?anc=A?"
    }
    set s [sock [lindex $args 0]]
    set o [options [lrange $args 1 end] {sizes anc}]
    set sizes 2048
    if {[dict exists $o sizes]} {
        set sizes [lmap w [split [lindex [dict get $o sizes] 0] ,] {int $w}]
    }
    set anc 512
    if {[dict exists $o anc]} {
        set anc [anc [lindex [dict get $o anc] 0]]
    }
    set deadline [expr {[clock milliseconds] + 5000}]
    while 1 {
        try {
            set last [xapi::recvmsg $s $sizes -anc $anc \
                          -flags {MSG_ERRQUEUE MSG_DONTWAIT}]
            return
        } trap {POSIX EAGAIN} {} {
            if {[clock milliseconds] > $deadline} {
                fail "nothing in the error queue within 5 seconds"
            }
            after 10
        }
    }
}
