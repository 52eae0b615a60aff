# ops_gro.pl - matrix operation for the GRO splitting cases (SPEC.md "GRO
# splitting"), compiled in runner.pl's scope after ops_batch.pl: the
# messages become the last batch, for select and the expect_* ops.  The
# binding's call: recv_batch(..., gro => 1) (Xapi::Batch->new(...,
# gro => 1) shares its code; bench/pl_xapi_gro_recv.pl runs that one).

# recv_gro NAME count=N size=N [anc=A] [flags=INT] [timeout=MS]: recv_batch
# with its gro word (ops_batch.pl reads the words once for both).
$op{recv_gro} = sub { return $op{recv_batch}->(@_, 'gro') };
