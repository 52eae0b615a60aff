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

# ---- options headers (RFC 3542 section 10) --------------------------------
# The native commands are SWIG's wrappers of the core's whole-header and
# one-buffer calls (swig/xapi.i, shapes in swig/tcl/opt.i); they move to
# ::xapi::rfc3542::raw, and the procs below give them the ensemble's words:
# variables for the buffer and the outputs, optional arguments.

namespace eval ::xapi::rfc3542::raw {}
foreach cmd {opt_build opt_parse opt_find opt_get_val ip6opt_type
             ip6opt_mutable router_alert inet6_opt_init inet6_opt_append
             inet6_opt_finish inet6_opt_set_val inet6_opt_next inet6_opt_find
             inet6_opt_get_val} {
    if {[info commands ::xapi::$cmd] ne ""} {
        rename ::xapi::$cmd ::xapi::rfc3542::raw::$cmd
    }
}
unset -nocomplain cmd

# Raw sub cmd ?arg ...? -> the native command's result; an error names the
# subcommand ("xapi::opt next: ..."), its errorCode kept.
proc ::xapi::rfc3542::Raw {sub cmd args} {
    if {[catch {::xapi::rfc3542::raw::$cmd {*}$args} r opts]} {
        regsub {^xapi::\w+: } $r "xapi::opt $sub: " r
        return -code error -errorcode [dict get $opts -errorcode] $r
    }
    return $r
}

proc ::xapi::rfc3542::WrongArgs {sub usage} {
    return -code error -level 2 -errorcode {TCL WRONGARGS} \
        "wrong # args: should be \"xapi::opt $sub $usage\""
}

proc ::xapi::rfc3542::ArgError {sub arg reason} {
    return -code error -level 2 -errorcode [list XAPI ARG $arg $reason] \
        "xapi::opt $sub: bad argument $arg: $reason"
}

proc ::xapi::rfc3542::opt_build {options} {
    Raw build opt_build $options
}

proc ::xapi::rfc3542::opt_parse {bytes} {
    Raw parse opt_parse $bytes
}

# find bytes type -> the data, or ""; find bytes type dataVar -> 1 or 0
proc ::xapi::rfc3542::opt_find {bytes type {dataVar ""}} {
    set o [Raw find opt_find $bytes $type]
    if {$dataVar eq ""} {
        return [lindex $o 1]
    }
    if {[llength $o] == 0} {
        return 0
    }
    uplevel 1 [list set $dataVar [lindex $o 1]]
    return 1
}

# next bytes offset ?typeVar? ?lenVar? ?dataVar? -> the offset past the
# next option, or -1 at the end
proc ::xapi::rfc3542::opt_next {bytes offset {typeVar ""} {lenVar ""}
                                {dataVar ""}} {
    lassign [Raw next inet6_opt_next $bytes [string length $bytes] $offset] \
        next o
    if {[llength $o] == 0} {
        return -1
    }
    lassign $o type data
    foreach {var value} [list $typeVar $type $lenVar [string length $data] \
                             $dataVar $data] {
        if {$var ne ""} {
            uplevel 1 [list set $var $value]
        }
    }
    return $next
}

# getval data offset len -> the bytes; with valVar -> offset + len
proc ::xapi::rfc3542::opt_getval {data offset len {valVar ""}} {
    set v [Raw getval opt_get_val $data $offset $len]
    if {$valVar eq ""} {
        return $v
    }
    uplevel 1 [list set $valVar $v]
    return [expr {$offset + $len}]
}

proc ::xapi::rfc3542::opt_type {optiontype} {
    Raw type ip6opt_type $optiontype
}

proc ::xapi::rfc3542::opt_mutable {optiontype} {
    Raw mutable ip6opt_mutable $optiontype
}

proc ::xapi::rfc3542::opt_router_alert {value} {
    Raw router_alert router_alert $value
}

# The RFC-shaped builders: the buffer is a variable holding a byte array,
# changed in place (a new value: other holders keep theirs); without one
# only lengths are computed, like the RFC's NULL extbuf.

# The buffer in bufVar (the caller's caller's), read once.
proc ::xapi::rfc3542::BufVar {sub bufVar extlen} {
    set buf [uplevel 2 [list set $bufVar]]
    if {[string length $buf] == 0} {
        ArgError $sub extlen "$extlen is past the buffer's 0 bytes"
    }
    return $buf
}

# extlen without a buffer must be 0 (checked as an integer first).
proc ::xapi::rfc3542::NoBuf {sub cmd extlen args} {
    set r [Raw $sub $cmd "" $extlen {*}$args]
    if {$extlen != 0} {
        ArgError $sub extlen "must be 0 without a buffer"
    }
    return $r
}

proc ::xapi::rfc3542::opt_init {args} {
    switch -- [llength $args] {
        0 { return [Raw init inet6_opt_init "" 0] }
        2 { lassign $args bufVar extlen }
        default { WrongArgs init "?bufVar extlen?" }
    }
    if {$bufVar eq ""} {
        return [NoBuf init inet6_opt_init $extlen]
    }
    # extlen is checked (an integer) before the zeroed header is made
    Raw init inet6_opt_init "" $extlen
    set n [expr {$extlen < 1 || $extlen > 65536 ? 1 : $extlen}]
    lassign [Raw init inet6_opt_init [binary format x$n] $extlen] r buf
    uplevel 1 [list set $bufVar $buf]
    return $r
}

proc ::xapi::rfc3542::opt_append {args} {
    set usage "?bufVar extlen? offset type len align ?dataVar?"
    switch -- [llength $args] {
        4 {
            return [lindex [Raw append inet6_opt_append "" 0 {*}$args] 0]
        }
        6 - 7 { lassign $args bufVar extlen offset type len align dataVar }
        default { WrongArgs append $usage }
    }
    if {$bufVar eq ""} {
        return [lindex [NoBuf append inet6_opt_append $extlen $offset \
                            $type $len $align] 0]
    }
    set buf [BufVar append $bufVar $extlen]
    lassign [Raw append inet6_opt_append $buf $extlen $offset $type $len \
                 $align] r buf dataoff
    uplevel 1 [list set $bufVar $buf]
    if {$dataVar ne ""} {
        uplevel 1 [list set $dataVar [list $dataoff [expr {wide($len)}]]]
    }
    return $r
}

proc ::xapi::rfc3542::opt_finish {args} {
    switch -- [llength $args] {
        1 { return [Raw finish inet6_opt_finish "" 0 {*}$args] }
        3 { lassign $args bufVar extlen offset }
        default { WrongArgs finish "?bufVar extlen? offset" }
    }
    if {$bufVar eq ""} {
        return [NoBuf finish inet6_opt_finish $extlen $offset]
    }
    set buf [BufVar finish $bufVar $extlen]
    lassign [Raw finish inet6_opt_finish $buf $extlen $offset] r buf
    uplevel 1 [list set $bufVar $buf]
    return $r
}

# setval bufVar databuf offset value: databuf is {offset length}, what
# append's dataVar got.
proc ::xapi::rfc3542::opt_setval {bufVar databuf offset value} {
    if {[catch {llength $databuf} n] || $n != 2} {
        ArgError setval databuf "expected {offset length} from xapi::opt\
            append's dataVar, got \"[string range $databuf 0 59]\""
    }
    lassign $databuf dataoff datalen
    set buf [uplevel 1 [list set $bufVar]]
    lassign [Raw setval inet6_opt_set_val $buf $dataoff $datalen $offset \
                 $value] r buf
    uplevel 1 [list set $bufVar $buf]
    return $r
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
