# net.tcl - the lab topic of the xapi package (sourced by xapi.tcl):
# sockets in other network namespaces and the error queue.
#
#   xapi::socket_netns netns family type ?protocol?   (native, swig/tcl/net.i)
#       a channel, like xapi::socket, for a socket made inside the network
#       namespace netns: an ip-netns(8) name ("lab-a" is /run/netns/lab-a)
#       or a path holding a '/' (/proc/PID/ns/net).  Needs CAP_SYS_ADMIN.
#       The socket stays in that namespace; the interpreter does not move.
#   xapi::recverr socket ?-size n? ?-anc n?
#       one message from the socket's error queue (IPV6_RECVERR or
#       IP_RECVERR must be set): the recvmsg dict, whose error item has
#       name sock_err and value {errno ENAME origin N type N code N info N
#       data N offender ADDR}.  Never blocks: {POSIX EAGAIN ...} when the
#       queue is empty.
#   xapi::tx_timestamp cmsgs
#       the transmit timestamp among one error-queue message's items (the
#       list under the recvmsg dict's cmsgs key, or the dict itself):
#       {key N tstype N sec N nsec N hw_sec N hw_nsec N}, or "" when the
#       message holds none.  It pairs the timestamping item (the stamps)
#       with the sock_err item of origin SO_EE_ORIGIN_TIMESTAMPING (info:
#       the SCM_TSTAMP_* type; data: the SOF_TIMESTAMPING_OPT_ID key, for
#       UDP the number of datagrams sent before this one).

namespace eval ::xapi {
    namespace export socket_netns recverr tx_timestamp
}

proc ::xapi::tx_timestamp {cmsgs} {
    if {[dict exists $cmsgs cmsgs]} {
        set cmsgs [dict get $cmsgs cmsgs]
    }
    # The core pairs the stamps with their sock_err (xapi_tx_timestamp_of)
    # from the items' {level type data}.
    set items {}
    foreach c $cmsgs {
        if {[dict exists $c data]} {
            lappend items [list [dict get $c level] [dict get $c type] \
                               [dict get $c data]]
        }
    }
    return [lindex [::xapi::tx_timestamp_of $items] 0]
}

#   xapi::icmp_ext_offset family bytes          (native, swig/xapi.i)
#       where the RFC 4884 extension structure starts in an ICMP (AF_INET)
#       or ICMPv6 (AF_INET6) message: 8 + its length field, 0 for none.
#   xapi::icmp_ext_parse family bytes, xapi::icmp_ext_parse_struct bytes
#       (native, the RECORDS shape: up to 64) a list of
#       dicts, one per MPLS label stack entry (class_num 1: label tc s
#       ttl), interface information object (class_num 2: role ifindex
#       addr name mtu) or other object (offset length), from a message or
#       from an extension structure alone.
#   xapi::icmp_ext_parse_errqueue ee_data bytes
#       the same for an error-queue message read with IP_RECVERR_RFC4884
#       set: ee_data is its sock_err item's data, where the kernel puts
#       the structure's offset in the bytes.

namespace eval ::xapi {
    namespace export socket_netns recverr icmp_ext_offset
    if {[llength [info commands ::xapi::icmp_ext_parse]]} {
        namespace export icmp_ext_parse icmp_ext_parse_struct \
            icmp_ext_parse_errqueue
    }
}

# The payload of the failed datagram comes back (cut to -size bytes, 2048
# by default, which covers what an ICMPv6 error can quote); -anc defaults
# to room for the error item and an offender address, with space to spare
# for a timestamp or a path-MTU item.
proc ::xapi::recverr {sock args} {
    set size 2048
    set anc 512
    if {[llength $args] % 2} {
        return -code error -errorcode {TCL WRONGARGS} \
            {wrong # args: should be "xapi::recverr socket ?-size n? ?-anc n?"}
    }
    foreach {opt value} $args {
        switch -exact -- $opt {
            -size - -anc {
                # One integer each: a list here would ask for a scatter.
                if {![string is entier -strict $value]} {
                    return -code error -errorcode [list XAPI ARG $opt \
                        "expected an integer, got \"$value\""] \
                        "xapi::recverr: $opt: expected an integer, got \"$value\""
                }
                set [string range $opt 1 end] $value
            }
            default {
                return -code error -errorcode [list XAPI ARG option \
                    "unknown option \"$opt\": must be -size or -anc"] \
                    "xapi::recverr: unknown option \"$opt\": must be -size or -anc"
            }
        }
    }
    xapi::recvmsg $sock [list $size] -anc $anc \
        -flags {MSG_ERRQUEUE MSG_DONTWAIT}
}
