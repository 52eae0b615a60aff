# mcast.tcl - the multicast topic of the xapi package (sourced by
# xapi.tcl): one ensemble over the generated commands (swig/xapi.i's
# multicast block, ::xapi::mcast_join ...), with Tcl's optional words.
#
#   xapi::mcast join sock group ?ifname? ?-source addr?
#   xapi::mcast leave sock group ?ifname? ?-source addr?
#       MCAST_JOIN_GROUP / MCAST_LEAVE_GROUP, or with -source the
#       source-specific MCAST_JOIN_SOURCE_GROUP / MCAST_LEAVE_SOURCE_GROUP
#   xapi::mcast block sock group ifname source
#   xapi::mcast unblock sock group ifname source
#       MCAST_BLOCK_SOURCE / MCAST_UNBLOCK_SOURCE on an any-source member
#   xapi::mcast interface sock ?ifname?
#       the interface multicast leaves by (none: the routing table's)
#   xapi::mcast hops sock ?n?      IPV6_MULTICAST_HOPS / IP_MULTICAST_TTL
#   xapi::mcast loop sock ?bool?   IPV6_MULTICAST_LOOP / IP_MULTICAST_LOOP
#       with a value: set it (empty result); without: its value
#
# group and source are address text ("ff3e::8000:1", "232.1.2.3"); ifname
# is an interface name (looked up in the socket's own network namespace),
# an index (32) or "" for the kernel's choice.  Errors are the core's:
# {XAPI ARG group|source|ifname|hops|loop reason} for bad text or values,
# {POSIX ENODEV ...} for an unknown interface name, {POSIX E... } for what
# the kernel refuses (EADDRINUSE: joined already; EADDRNOTAVAIL: not
# joined).

namespace eval ::xapi::mcast_ {
    namespace export join leave block unblock interface hops loop
    namespace ensemble create -command ::xapi::mcast -prefixes 0
}
namespace eval ::xapi {
    namespace export mcast
}

# ?ifname? ?-source addr?, after sock and group.
proc ::xapi::mcast_::Membership {cmd sock group rest} {
    set ifname ""
    set source ""
    if {[llength $rest] % 2} {
        set rest [lassign $rest ifname]
    }
    foreach {opt value} $rest {
        if {$opt ne "-source"} {
            return -code error -errorcode [list XAPI ARG option \
                "unknown option \"$opt\": must be -source"] \
                "xapi::mcast $cmd: unknown option \"$opt\": must be -source"
        }
        set source $value
    }
    ::xapi::mcast_$cmd $sock $group $ifname $source
}

proc ::xapi::mcast_::join {sock group args} {
    tailcall Membership join $sock $group $args
}
proc ::xapi::mcast_::leave {sock group args} {
    tailcall Membership leave $sock $group $args
}
proc ::xapi::mcast_::block {sock group ifname source} {
    tailcall ::xapi::mcast_block $sock $group $ifname $source
}
proc ::xapi::mcast_::unblock {sock group ifname source} {
    tailcall ::xapi::mcast_unblock $sock $group $ifname $source
}
proc ::xapi::mcast_::interface {sock {ifname ""}} {
    tailcall ::xapi::mcast_set_if $sock $ifname
}
proc ::xapi::mcast_::hops {sock args} {
    if {[llength $args] > 1} {
        return -code error -errorcode {TCL WRONGARGS} \
            {wrong # args: should be "xapi::mcast hops sock ?n?"}
    }
    if {[llength $args] == 0} {
        tailcall ::xapi::mcast_get_hops $sock
    }
    tailcall ::xapi::mcast_set_hops $sock [lindex $args 0]
}
proc ::xapi::mcast_::loop {sock args} {
    if {[llength $args] > 1} {
        return -code error -errorcode {TCL WRONGARGS} \
            {wrong # args: should be "xapi::mcast loop sock ?bool?"}
    }
    if {[llength $args] == 0} {
        tailcall ::xapi::mcast_get_loop $sock
    }
    set v [lindex $args 0]
    # A Tcl boolean (yes, off, true) as 0 or 1; anything else goes to the
    # core as it is, which names "loop" if it is out of range.
    if {[string is boolean -strict $v] && ![string is entier -strict $v]} {
        set v [expr {$v ? 1 : 0}]
    }
    tailcall ::xapi::mcast_set_loop $sock $v
}
