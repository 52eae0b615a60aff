# rfc3542.tcl - the Tcl-level half of the xapi package's RFC 3542 commands
# (sourced by xapi.tcl after the native module is loaded).
#
# The native commands (swig/tcl/rfc3542.i) arrive as ::xapi::_r3542_*;
# here they move into the private namespace ::xapi::rfc3542 and are
# grouped as namespace ensembles:
#
#   xapi::icmp6filter  new setpass setblock willpass willblock install get
#   xapi::rth          space init add build segments getaddr addrs reverse
#   xapi::srh          build parse
#   xapi::opt          build parse find getval type mutable router_alert
#                      init append finish setval next
#
# plus the plain commands xapi::pathmtu and xapi::nexthop.  Every header and
# filter is a byte array (a value: commands return new values, they never
# change their arguments), ready for xapi::setsockopt_bytes or an ancillary
# item {IPPROTO_IPV6 IPV6_RTHDR $bytes}.  See docs/tcl-rfc3542.md.

namespace eval ::xapi::rfc3542 {
    foreach cmd [info commands ::xapi::_r3542_*] {
        rename $cmd ::xapi::rfc3542::[string range [namespace tail $cmd] 7 end]
    }
    unset -nocomplain cmd

    # The ensembles map subcommands onto the commands of this namespace,
    # so names like `append` and `init` never shadow Tcl's own anywhere.
    proc Ensemble {name subcommands} {
        set map {}
        foreach sub $subcommands {
            dict set map $sub [list ::xapi::rfc3542::${name}_$sub]
        }
        namespace ensemble create -command ::xapi::$name -map $map \
            -prefixes 0
    }
}

# xapi::rth addrs header -> every address, in path order (the order
# xapi::rth build takes them).
proc ::xapi::rfc3542::rth_addrs {header} {
    set addrs {}
    set n [::xapi::rfc3542::rth_segments $header]
    for {set i 0} {$i < $n} {incr i} {
        lappend addrs [::xapi::rfc3542::rth_getaddr $header $i]
    }
    return $addrs
}

namespace eval ::xapi::rfc3542 {
    Ensemble icmp6filter {new setpass setblock willpass willblock install get}
    Ensemble rth {space init add build segments getaddr addrs reverse}
    Ensemble srh {build parse}
    Ensemble opt {build parse find getval type mutable router_alert
                  init append finish setval next}
    # (Guarded: sourcing this file again, after `package forget`, finds
    # them moved already.)
    foreach cmd {pathmtu nexthop} {
        if {[info commands ::xapi::rfc3542::$cmd] ne ""} {
            rename ::xapi::rfc3542::$cmd ::xapi::$cmd
        }
    }
    unset cmd
}

namespace eval ::xapi {
    namespace export icmp6filter rth srh opt pathmtu nexthop
}
