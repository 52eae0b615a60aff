# ops_send.tcl - matrix operation for the send cases (SPEC.md
# "Destinations as text, repeated"), sourced by runner.tcl.  Tcl's
# sendmsg takes the destination as text already ({host port} or a unix
# path): sendmsg_text is sendmsg.

proc matrix::op_sendmsg_text {args} {
    matrix::op sendmsg $args
}
