# ops_net.tcl - matrix operations for the net cases (SPEC.md), sourced by
# runner.tcl: define matrix::op_NAME procs taking the op's words.
