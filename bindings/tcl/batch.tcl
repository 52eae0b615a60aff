# batch.tcl - Tcl-level commands of the xapi package's batch topic (sourced by xapi.tcl).
