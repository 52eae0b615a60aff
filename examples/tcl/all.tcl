# all.tcl - runs every example (*.test here) in one interpreter and exits
# non-zero when any test failed.  The lab comes from XAPI_LAB (see
# test_examples.sh); without it every example prints why it skips.
package require Tcl 8.6
package require tcltest 2.2
namespace import ::tcltest::*

configure -testdir [file dirname [file normalize [info script]]] \
    -singleproc 1 {*}$argv
set failed 0
proc ::tcltest::cleanupTestsHook {} {
    variable numTests
    set ::failed [expr {max($::failed, $numTests(Failed))}]
}
runAllTests
if {$failed > 0} {
    puts stderr "all.tcl: $failed example test(s) failed"
    exit 1
}
exit 0
