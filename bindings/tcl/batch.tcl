# batch.tcl - the batch topic of the xapi package (sourced by xapi.tcl).
# The commands are native (swig/tcl/batch.i), one system call and one
# crossing per batch; docs/tcl.md "Batches" describes them:
#
#   xapi::sendbatch socket messages ?-flags f?          -> messages sent
#   xapi::recvbatch socket count size ?-anc n? ?-flags f? ?-timeout ms?
#                                                      -> list of dicts
#   xapi::recvmsg_into socket varName ?-size n? ?-anc n? ?-flags f?
#                                                      -> dict (no data)
#   xapi::recvbatch_into socket varName slot count ?-anc n? ?-flags f?
#       ?-timeout ms?                                  -> list of dicts
#                                                         (with offset)

namespace eval ::xapi {
    namespace export sendbatch recvbatch recvmsg_into recvbatch_into \
        batch_data
}

# xapi::batch_data varName dict
#   The bytes of one message that recvmsg_into or recvbatch_into left in
#   the byte array held in varName: nbytes bytes from its offset, cut to
#   the slot when the datagram was truncated (MSG_TRUNC).  Pass the slot
#   size for batches received with MSG_TRUNC in -flags.
proc ::xapi::batch_data {varName msg {slot {}}} {
    upvar 1 $varName buf
    set off 0
    if {[dict exists $msg offset]} {
        set off [dict get $msg offset]
    }
    set n [dict get $msg nbytes]
    if {$slot ne "" && $n > $slot} {
        set n $slot
    }
    if {$off + $n > [string length $buf]} {
        set n [expr {[string length $buf] - $off}]
    }
    string range $buf $off [expr {$off + $n - 1}]
}
