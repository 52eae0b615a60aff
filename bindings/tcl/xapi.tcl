# xapi.tcl - Tcl-level helpers of the xapi package, sourced after the
# native module is loaded (see pkgIndex.tcl).  The commands themselves are
# native; these are conveniences written in Tcl.

namespace eval ::xapi {
    namespace export socket bind connect listen accept close getsockname \
        getpeername setsockopt getsockopt setsockopt_bytes getsockopt_bytes \
        sendmsg recvmsg cmsg build_cmsgs parse_cmsgs cmsg_space cmsg_len \
        if_nametoindex if_indextoname if_nameindex socket_family fileno \
        wait_readable constant_names
}

# xapi::wait_readable chan ms
#   Runs the event loop until chan is readable (1) or ms milliseconds have
#   passed (0).  Uses fileevent, so it works on any channel, xapi's too.
proc ::xapi::wait_readable {chan ms} {
    variable WaitState
    set key [incr WaitState(seq)]
    set WaitState($key) waiting
    set timer [after $ms [list set ::xapi::WaitState($key) timeout]]
    fileevent $chan readable [list set ::xapi::WaitState($key) readable]
    try {
        vwait ::xapi::WaitState($key)
    } finally {
        fileevent $chan readable {}
        after cancel $timer
        set state $WaitState($key)
        unset WaitState($key)
    }
    expr {$state eq "readable"}
}

# xapi::constant_names value ?pattern?
#   The names of the constants whose value is value, optionally only those
#   matching a glob pattern (xapi::constant_names 52 IPV6_* -> IPV6_HOPLIMIT).
proc ::xapi::constant_names {value {pattern *}} {
    set names {}
    foreach var [lsort [info vars ::xapi::$pattern]] {
        set name [namespace tail $var]
        if {[string is upper -strict [string index $name 0]]
                && [set $var] == $value} {
            lappend names $name
        }
    }
    return $names
}

# The Tcl-level parts of each topic (RFC 3542, the lab, batches).
foreach ::xapi::_topic {rfc3542.tcl net.tcl batch.tcl} {
    source [file join [file dirname [info script]] $::xapi::_topic]
}
unset ::xapi::_topic
