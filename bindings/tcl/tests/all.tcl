# bindings/tcl/tests/all.tcl - runs every *.test file in this directory in
# one interpreter and exits non-zero when any test failed (tcltest alone
# always exits 0).  Run with TCLLIBPATH pointing at the build directory.
package require Tcl 8.6
package require tcltest 2.2
namespace import ::tcltest::*

configure -testdir [file dirname [file normalize [info script]]] \
    -singleproc 1 {*}$argv

# runAllTests calls cleanupTests, which resets the counters; keep the
# failure count it reports through a wrapper around cleanupTests' output.
set failed 0
proc ::tcltest::cleanupTestsHook {} {
    variable numTests
    set ::failed [expr {max($::failed, $numTests(Failed))}]
}
runAllTests
if {$failed > 0} {
    puts stderr "all.tcl: $failed test(s) failed"
    exit 1
}
exit 0
