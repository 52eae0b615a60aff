# ops_rfc3542.tcl - matrix operations for the rfc3542 cases (SPEC.md), sourced by
# runner.tcl: define matrix::op_NAME procs taking the op's words.
