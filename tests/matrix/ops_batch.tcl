# ops_batch.tcl - matrix operations for the batch cases (SPEC.md), sourced by
# runner.tcl: define matrix::op_NAME procs taking the op's words.
