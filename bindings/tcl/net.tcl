# net.tcl - Tcl-level commands of the xapi package's net topic (sourced by xapi.tcl).
