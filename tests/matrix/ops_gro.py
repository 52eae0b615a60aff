# ops_gro.py - matrix operation for the GRO splitting cases (SPEC.md "GRO
# splitting"), executed inside runner.py's namespace after ops_batch.py:
# the messages become the last batch, for select and the expect_* ops.
# The binding's call: xapi.Batch(count, size, ancsize, gro=True).recv.


def op_recv_gro(self, name, *words):
    """recv_batch with its gro word (ops_batch.py reads the words once for
    both)."""
    return self.op_recv_batch(name, *words, "gro")


setattr(Runner, op_recv_gro.__name__, op_recv_gro)
