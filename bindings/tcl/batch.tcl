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
    if {[array exists buf] || ![info exists buf]} {
        BadArg batch_data varName "no variable \"[string range $varName 0 59]\"\
            holding a byte array"
    }
    if {[catch {dict size $msg}] || ![dict exists $msg nbytes]} {
        BadArg batch_data msg "expected a dict from recvmsg_into or\
            recvbatch_into (with nbytes), got \"[string range $msg 0 59]\""
    }
    set off 0
    if {[dict exists $msg offset]} {
        set off [dict get $msg offset]
    }
    set n [dict get $msg nbytes]
    foreach {arg v} [list offset $off nbytes $n slot $slot] {
        if {($arg ne "slot" || $v ne "")
                && (![string is entier -strict $v] || $v < 0)} {
            BadArg batch_data $arg "expected an integer 0 or more, got\
                \"[string range $v 0 59]\""
        }
    }
    if {$slot ne "" && $n > $slot} {
        set n $slot
    }
    set len [string length $buf]
    if {$off > $len} {
        set off $len
    }
    if {$off + $n > $len} {
        set n [expr {$len - $off}]
    }
    string range $buf $off [expr {$off + $n - 1}]
}

# An argument error as the native commands raise it:
# errorCode {XAPI ARG arg message}, result "xapi::cmd: arg: message".
proc ::xapi::BadArg {cmd arg msg} {
    return -level 2 -code error -errorcode [list XAPI ARG $arg $msg] \
        "xapi::$cmd: $arg: $msg"
}
