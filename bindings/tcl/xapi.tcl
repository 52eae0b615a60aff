# xapi.tcl - Tcl-level helpers of the xapi package, sourced after the
# native module is loaded (see pkgIndex.tcl).  The commands themselves are
# generated from swig/xapi.i; here are the options, defaults and
# conveniences written in Tcl.

namespace eval ::xapi {
    namespace export socket bind connect listen accept close getsockname \
        getpeername setsockopt getsockopt setsockopt_bytes getsockopt_bytes \
        sendmsg recvmsg cmsg build_cmsgs parse_cmsgs cmsg_space cmsg_len \
        if_nametoindex if_indextoname if_nameindex socket_family fileno \
        wait_readable constant_names channel
}

# Every constant of the core's table as a variable ::xapi::NAME.
dict for {name value} [::xapi::constants] {
    set ::xapi::$name $value
}
unset name value

# The generated commands that take their optional arguments as options here
# keep their positional form under a private name.
foreach ::xapi::_cmd {sendmsg close} {
    if {[info commands ::xapi::_$::xapi::_cmd] eq ""} {
        rename ::xapi::$::xapi::_cmd ::xapi::_$::xapi::_cmd
    }
}
unset ::xapi::_cmd

# xapi::sendmsg socket buffers ?-to address? ?-cmsg items? ?-flags flags?
#   One datagram (or stream write) of the pieces in buffers, to address
#   ({host port}, or a path for a unix socket), with ancillary items.
proc ::xapi::sendmsg {sock buffers args} {
    # The usual call, in one step.
    if {[llength $args] == 4 && [lindex $args 0] eq "-to"
            && [lindex $args 2] eq "-cmsg"} {
        tailcall ::xapi::_sendmsg $sock $buffers [lindex $args 1] \
            [lindex $args 3] 0
    }
    set to {}
    set cmsgs {}
    set flags 0
    if {[llength $args] % 2} {
        return -code error -errorcode {TCL WRONGARGS} "wrong # args: should\
            be \"xapi::sendmsg socket buffers ?-to address? ?-cmsg items?\
            ?-flags flags?\""
    }
    foreach {opt val} $args {
        switch -exact -- $opt {
            -to {set to $val}
            -cmsg {set cmsgs $val}
            -flags {set flags $val}
            default {
                return -code error -errorcode [list TCL LOOKUP INDEX option $opt] \
                    "bad option \"$opt\": must be -to, -cmsg, or -flags"
            }
        }
    }
    ::xapi::_sendmsg $sock $buffers $to $cmsgs $flags
}

# xapi::recvmsg socket sizes ?-anc n? ?-flags flags? ?-fds int|channel?
#   is the generated command itself: its options are read by the RECV_MSG
#   shape (swig/tcl/typemaps.i), so no Tcl proc runs per message.

# xapi::channel fd ?-mode r|w|rw?
#   Any open descriptor (one received with SCM_RIGHTS, one inherited) as a
#   Tcl channel, which then owns it: close it with close.  The default
#   mode is rw; a descriptor that is not open is a POSIX EBADF error.
proc ::xapi::channel {fd args} {
    set mode rw
    if {[llength $args] == 2 && [lindex $args 0] eq "-mode"} {
        set mode [lindex $args 1]
    } elseif {[llength $args] != 0} {
        return -code error -errorcode {TCL WRONGARGS} \
            "wrong # args: should be \"xapi::channel fd ?-mode r|w|rw?\""
    }
    tailcall ::xapi::_channel $fd $mode
}

# xapi::close socket
#   A channel is Tcl's to close (the descriptor goes with it: closing the
#   descriptor under a live channel would leave Tcl to close a reused
#   number later); anything else is a descriptor for the core's
#   xapi_close, whose generated command refuses what is neither.
proc ::xapi::close {sock} {
    if {![string is entier -strict $sock] && $sock in [chan names]} {
        tailcall ::close $sock
    }
    tailcall ::xapi::_close $sock
}

# Runs the command args in the caller's frame as the public command cmd:
# an error names cmd ("xapi::cmsg hoplimit: value: ...") where the
# generated command inside names itself, with the same errorCode.
proc ::xapi::As {cmd args} {
    if {[catch {uplevel 1 $args} result opts] == 1} {
        regsub {^xapi::[^ :]+: } $result "xapi::$cmd: " result
        return -code error -errorcode [dict get $opts -errorcode] $result
    }
    return $result
}

# xapi::cmsg kind value... -> {level type data}, made by the core:
#   hoplimit N | tclass N | ttl N | tos N | pktinfo6 addr ifindex |
#   pktinfo4 ifindex spec_dst ?addr? | udp_segment size | tsflags flags
#   (an ifindex may be an interface name)
proc ::xapi::cmsg {kind args} {
    switch -exact -- $kind {
        hoplimit - tclass - ttl - tos {
            if {[llength $args] != 1} {
                return -code error -errorcode {TCL WRONGARGS} \
                    "wrong # args: should be \"xapi::cmsg $kind value\""
            }
            tailcall ::xapi::As "cmsg $kind" ::xapi::typed_int $kind \
                [lindex $args 0]
        }
        pktinfo6 {
            if {[llength $args] != 2} {
                return -code error -errorcode {TCL WRONGARGS} \
                    "wrong # args: should be \"xapi::cmsg pktinfo6 addr ifindex\""
            }
            tailcall ::xapi::As "cmsg pktinfo6" ::xapi::typed_pktinfo6 {*}$args
        }
        pktinfo4 {
            if {[llength $args] < 2 || [llength $args] > 3} {
                return -code error -errorcode {TCL WRONGARGS} \
                    "wrong # args: should be \"xapi::cmsg pktinfo4 ifindex spec_dst ?addr?\""
            }
            lassign $args ifindex spec_dst addr
            tailcall ::xapi::As "cmsg pktinfo4" ::xapi::typed_pktinfo4 $ifindex \
                $spec_dst $addr
        }
        fds {
            if {[llength $args] != 1} {
                return -code error -errorcode {TCL WRONGARGS} \
                    "wrong # args: should be \"xapi::cmsg fds descriptors\""
            }
            tailcall ::xapi::typed_fds [lindex $args 0]
        }
        creds {
            if {[llength $args] != 0 && [llength $args] != 3} {
                return -code error -errorcode {TCL WRONGARGS} \
                    "wrong # args: should be \"xapi::cmsg creds ?pid uid gid?\""
            }
            if {[llength $args] == 0} {
                # This process's real ids, as the kernel would fill in.
                set f [open /proc/self/status]
                set status [read $f]
                ::close $f
                regexp -line {^Uid:\s+(\d+)} $status -> uid
                regexp -line {^Gid:\s+(\d+)} $status -> gid
                set args [list [pid] $uid $gid]
            }
            tailcall ::xapi::typed_creds {*}$args
        }
        tsflags {
            # timestamping.rst 1.3.3: transmit stamps for this one send;
            # flags are SOF_TIMESTAMPING_TX_* (a number, a name or a list
            # of them OR-ed), any other bit an argument error naming flags.
            if {[llength $args] != 1} {
                return -code error -errorcode {TCL WRONGARGS} \
                    "wrong # args: should be \"xapi::cmsg tsflags flags\""
            }
            tailcall ::xapi::As "cmsg tsflags" ::xapi::typed_tsflags \
                [lindex $args 0]
        }
        udp_segment {
            # udp(7): segmentation offload for this one send.  The payload
            # is the core's (a 16-bit integer); the range is checked here
            # so that a bad size is an argument error like the others'.
            if {[llength $args] != 1} {
                return -code error -errorcode {TCL WRONGARGS} \
                    "wrong # args: should be \"xapi::cmsg udp_segment size\""
            }
            set size [lindex $args 0]
            if {![string is entier -strict $size]} {
                return -code error -errorcode {TCL VALUE NUMBER} \
                    "xapi::cmsg: size: expected integer but got \"$size\""
            }
            if {$size < 0 || $size > 65535} {
                return -code error \
                    -errorcode [list XAPI ARG size "$size is out of range 0..65535"] \
                    "xapi::Cmsg: bad argument size: $size is out of range 0..65535"
            }
            return [list $::xapi::SOL_UDP $::xapi::UDP_SEGMENT \
                        [::xapi::encode_udp_segment $size 8]]
        }
        default {
            return -code error -errorcode [list TCL LOOKUP INDEX kind $kind] \
                "bad kind \"$kind\": must be hoplimit, tclass, ttl, tos,\
                pktinfo6, pktinfo4, fds, creds, udp_segment, or tsflags"
        }
    }
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

# The Tcl-level parts of each topic (RFC 3542, the lab, batches, multicast).
foreach ::xapi::_topic {rfc3542.tcl net.tcl batch.tcl mcast.tcl} {
    source [file join [file dirname [info script]] $::xapi::_topic]
}
unset ::xapi::_topic
