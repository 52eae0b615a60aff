#!/bin/bash
# test_examples.sh - runs the Tcl examples (examples/tcl/*.test) against a
# network lab of their own: as root, brings it up with
# `tests/lab/lab.sh up PREFIX`, removes it on exit, and runs all.tcl with
# XAPI_LAB=PREFIX.  Not root: exits 77 (automake's SKIP) with the reason.
#
#   usage: tcl/test_examples.sh          (TCLLIBPATH: the built package;
#                                         default ../bindings/tcl from the
#                                         current directory, the build
#                                         tree's examples/)
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lab-harness.sh"
tclsh=${TCLSH:-tclsh}
if [ -z "${TCLLIBPATH:-}" ]; then
    TCLLIBPATH=$(cd ../bindings/tcl 2>/dev/null && pwd)
    export TCLLIBPATH
fi
lab_start xt
XAPI_LAB=$prefix "$tclsh" "$here/all.tcl"
