#!/bin/sh
# test_examples.sh - runs the Tcl examples (examples/tcl/*.test) against a
# network lab of their own: as root, brings it up with
# `tests/lab/lab.sh up PREFIX`, removes it on exit, and runs all.tcl with
# XAPI_LAB=PREFIX.  Not root: exits 77 (automake's SKIP) with the reason.
#
#   usage: tcl/test_examples.sh          (TCLLIBPATH: the built package;
#                                         default ../bindings/tcl from the
#                                         current directory, the build
#                                         tree's examples/)
here=$(cd "$(dirname "$0")" && pwd)
lab_sh="$here/../../tests/lab/lab.sh"
tclsh=${TCLSH:-tclsh}

if [ "$(id -u)" != 0 ]; then
    echo "SKIP: the Tcl examples run against the network lab, which needs root"
    exit 77
fi
if [ -z "${TCLLIBPATH:-}" ]; then
    TCLLIBPATH=$(cd ../bindings/tcl 2>/dev/null && pwd)
    export TCLLIBPATH
fi
prefix="xt$$"
trap 'bash "$lab_sh" down "$prefix" >/dev/null 2>&1' EXIT
trap 'exit 1' INT TERM HUP
bash "$lab_sh" up "$prefix" >/dev/null
rc=$?
if [ $rc = 77 ]; then
    echo "SKIP: lab.sh cannot build the lab on this machine"
    exit 77
elif [ $rc != 0 ]; then
    echo "FAIL: lab.sh up $prefix"
    exit 1
fi
XAPI_LAB=$prefix "$tclsh" "$here/all.tcl"
