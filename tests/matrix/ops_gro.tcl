# ops_gro.tcl - matrix operation for the GRO splitting cases (SPEC.md "GRO
# splitting"), sourced by runner.tcl after ops_batch.tcl: the messages
# become the last batch, for select and the expect_* ops.  The binding's
# call: xapi::recvbatch ... -gro 1.

# recv_gro NAME count=N size=N [anc=A] [flags=INT] [timeout=MS]: recv_batch
# with its gro word (ops_batch.tcl reads the words once for both).
proc matrix::op_recv_gro {args} {
    tailcall op_recv_batch {*}$args gro
}
