# rfc3542.tcl - Tcl-level commands of the xapi package's rfc3542 topic (sourced by xapi.tcl).
