# batch.tcl - the batch topic of the xapi package (sourced by xapi.tcl).
# The commands are generated from swig/xapi.i's batch declarations
# (typemaps in swig/tcl/batch.i): one system call and one crossing per
# batch.  Here their options become the generated commands' positional
# words; docs/tcl.md "Batches" describes them:
#
#   xapi::sendbatch socket messages ?-flags f?          -> messages sent
#   xapi::recvbatch socket count size ?-anc n? ?-flags f? ?-timeout ms?
#                                                      -> list of dicts
#   xapi::recvmsg_into socket varName ?-size n? ?-anc n? ?-flags f?
#                                                      -> dict (no data)
#   xapi::recvbatch_into socket varName slot count ?-anc n? ?-flags f?
#       ?-timeout ms?                                  -> list of dicts
#                                                         (with offset)
#   xapi::encode_udp_segment size cap                  -> the UDP_SEGMENT
#                                                         payload (bytes)
#
# xapi::recvbatch is the generated command itself (its options and its
# kept receive batch are swig/tcl/batch.i's).  The other generated forms,
# kept as ::xapi::_NAME (their errors name NAME):
#   _sendbatch socket messages flags
#   _recvbatch_into socket batch count {varName slot count} slot flags
#       timeout
#   _recvmsg_into socket batch {varName ?size?} flags  -> a list of one
#       dict, with offset
# where batch is a receive batch from _recv_batch_new count size anc
# (SWIG's owned pointer object: deleting its command frees it).

namespace eval ::xapi {
    namespace export sendbatch recvbatch recvmsg_into recvbatch_into \
        batch_data encode_udp_segment
}

foreach ::xapi::_cmd {sendbatch recvbatch_into recvmsg_into} {
    if {[info commands ::xapi::_$::xapi::_cmd] eq ""} {
        rename ::xapi::$::xapi::_cmd ::xapi::_$::xapi::_cmd
    }
}
unset ::xapi::_cmd

# The receive-into commands' batch.  One is kept per interpreter, for
# the last dimensions {count size anc} asked for, so a receive loop
# allocates nothing; one over 4 MiB is freed after its call.  BatchKept is
# its handle (a command: deleting it frees the batch), BatchDims its
# dimensions.  They set a variable, whose traces may receive too, so they
# take the batch out while they run (BatchTake, then BatchPut).
# (xapi::recvbatch, which runs no Tcl code while it receives, keeps its own
# in C, with the same rules.)  Bad dimensions are the calling command's
# errors.
namespace eval ::xapi {
    variable BatchKept {}
    variable BatchDims {}
}
proc ::xapi::BatchTake {cmd count size anc {gro 0}} {
    variable BatchKept
    variable BatchDims
    if {$BatchDims eq "$count $size $anc $gro"} {
        set b $BatchKept
        set BatchKept {}
        set BatchDims {}
        return $b
    }
    if {[catch {::xapi::_recv_batch_new $count $size $anc} b opts]} {
        set code [dict get $opts -errorcode]
        if {[lrange $code 0 2] eq {XAPI ARG ancsize}} {
            lset code 2 -anc
            regsub { ancsize: } $b { -anc: } b
        }
        regsub {^xapi::[^ :]+: } $b "xapi::$cmd: " b
        return -code error -errorcode $code $b
    }
    if {$gro} {
        # Room for the most segments (UDP_GRO_CNT_MAX, 64) Linux
        # coalesces into each buffer.
        ::xapi::_recv_batch_split $b [expr {$count * 64}]
    }
    return $b
}
proc ::xapi::BatchPut {b count size anc {gro 0}} {
    variable BatchKept
    variable BatchDims
    if {$count * ($size + $anc) > (4 << 20)} {
        rename $b {}
        return
    }
    if {$BatchKept ne ""} {
        rename $BatchKept {}
    }
    set BatchKept $b
    set BatchDims "$count $size $anc $gro"
}

# The options of cmd in args (pairs), into the caller's variables of the
# same names without the dash; wrong # args and unknown options fail as
# Tcl's own commands do.
proc ::xapi::BatchOptions {cmd usage allowed arglist} {
    if {[llength $arglist] % 2} {
        return -level 2 -code error -errorcode {TCL WRONGARGS} \
            "wrong # args: should be \"xapi::$cmd $usage\""
    }
    foreach {opt val} $arglist {
        if {$opt ni $allowed} {
            if {[llength $allowed] == 1} {
                set must [lindex $allowed 0]
            } else {
                set must "[join [lrange $allowed 0 end-1] {, }],\
                    or [lindex $allowed end]"
            }
            return -level 2 -code error \
                -errorcode [list TCL LOOKUP INDEX option $opt] \
                "bad option \"$opt\": must be $must"
        }
        upvar 1 [string range $opt 1 end] var
        set var $val
    }
}

# xapi::sendbatch socket messages ?-flags f?
proc ::xapi::sendbatch {sock messages args} {
    set flags 0
    if {[llength $args]} {
        if {[llength $args] != 2 || [lindex $args 0] ne "-flags"} {
            BatchOptions sendbatch "socket messages ?-flags flags?" \
                {-flags} $args
            return -code error -errorcode {TCL WRONGARGS} "wrong # args:\
                should be \"xapi::sendbatch socket messages ?-flags flags?\""
        }
        set flags [lindex $args 1]
    }
    tailcall ::xapi::_sendbatch $sock $messages $flags
}

# xapi::recvbatch socket count size ?-anc n? ?-flags f? ?-timeout ms?
#     ?-gro bool? is the generated command itself (swig/tcl/batch.i reads its options
#   and keeps its receive batch with the interpreter).

# xapi::recvbatch_into socket varName slot count ?-anc n? ?-flags f?
#     ?-timeout ms?
proc ::xapi::recvbatch_into {sock varName slot count args} {
    set anc 0
    set flags 0
    set timeout -1
    if {[llength $args]} {
        BatchOptions recvbatch_into "socket varName slot count ?-anc n?\
            ?-flags flags? ?-timeout ms?" {-anc -flags -timeout} $args
    }
    set b [BatchTake recvbatch_into $count 0 $anc]
    # (in the caller's frame: the variable and its errors are its own)
    try {
        uplevel 1 [list ::xapi::_recvbatch_into $sock $b $count \
            [list $varName $slot $count] $slot $flags $timeout]
    } finally {
        BatchPut $b $count 0 $anc
    }
}

# xapi::recvmsg_into socket varName ?-size n? ?-anc n? ?-flags f?
proc ::xapi::recvmsg_into {sock varName args} {
    set anc 0
    set flags 0
    if {[llength $args]} {
        BatchOptions recvmsg_into "socket varName ?-size n? ?-anc n?\
            ?-flags flags?" {-size -anc -flags} $args
    }
    # (in the caller's frame: the variable and its errors are its own)
    set spec [list $varName]
    if {[info exists size]} {
        lappend spec $size
    }
    set b [BatchTake recvmsg_into 1 0 $anc]
    try {
        set got [uplevel 1 [list ::xapi::_recvmsg_into $sock $b $spec $flags]]
    } finally {
        BatchPut $b 1 0 $anc
    }
    dict remove [lindex $got 0] offset
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
