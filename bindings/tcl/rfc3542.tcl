# rfc3542.tcl - the Tcl-level half of the xapi package's RFC 3542 commands
# (sourced by xapi.tcl after the native module is loaded).
#
# The native options commands (swig/tcl/rfc3542.i) arrive as
# ::xapi::_r3542_*; here they move into the private namespace
# ::xapi::rfc3542.  The routing-header, SRH, filter, path MTU and next-hop
# commands are generated from swig/xapi.i; the procs below call them.  All
# are grouped as namespace ensembles:
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
    # The generated ::xapi::nexthop takes the public name's place: it moves
    # here, and the proc below (errors naming "address") replaces it.
    if {[info procs ::xapi::nexthop] eq "" && [info commands ::xapi::nexthop] ne ""} {
        catch {rename ::xapi::rfc3542::nexthop_native {}}
        rename ::xapi::nexthop ::xapi::rfc3542::nexthop_native
    }

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

# The generated commands (swig/xapi.i's routing-header block) are
# ::xapi::rth_build, ::xapi::srh_encode, ::xapi::icmp6_filter_update, ...;
# these procs give them the documented words and defaults.  Their errors
# are the core's, with the public command name and argument names put in
# (map: the core's name -> the Tcl one).
proc ::xapi::rfc3542::Call {cmd map args} {
    try {
        return [{*}$args]
    } on error {msg opts} {
        set code [dict get $opts -errorcode]
        regsub {^xapi::\w+:} $msg "$cmd:" msg
        if {[lrange $code 0 1] eq {XAPI ARG} && [llength $code] > 2} {
            set arg [lindex $code 2]
        } else {
            regexp "^[string map {: \\:} $cmd]: (?:bad argument )?(\[-\\w\]+):" $msg -> arg
        }
        if {[info exists arg] && [dict exists $map $arg]} {
            set new [dict get $map $arg]
            if {[lrange $code 0 1] eq {XAPI ARG}} {
                lset code 2 $new
            }
            set n [string length $cmd]
            regsub "^(.{$n}: (?:bad argument )?)$arg:" $msg "\\1$new:" msg
        }
        if {[lindex $code 0] eq "POSIX" && [llength $code] > 2} {
            lset code 2 $msg
        }
        return -code error -errorcode $code $msg
    }
}

# A wrong # args error for procs taking args.
proc ::xapi::rfc3542::Usage {cmd usage} {
    return -code error -level 2 -errorcode {TCL WRONGARGS} \
        "wrong # args: should be \"$cmd $usage\""
}

# ---- ICMPv6 filter: 32 bytes, Linux's layout ----

proc ::xapi::rfc3542::icmp6filter_new {how} {
    switch -exact -- $how {
        pass - passall { set block 0 }
        block - blockall { set block 1 }
        default {
            return -code error -errorcode [list XAPI ARG how \
                "\"[string range $how 0 59]\" is not pass or block"] \
                "xapi::icmp6filter new: how: \"[string range $how 0 59]\" is not pass or block"
        }
    }
    ::xapi::icmp6_filter_make $block {}
}
proc ::xapi::rfc3542::icmp6filter_setpass {filter type args} {
    ::xapi::rfc3542::Call {xapi::icmp6filter setpass} {buf filter value filter} \
        ::xapi::icmp6_filter_update $filter 1 [list $type {*}$args]
}
proc ::xapi::rfc3542::icmp6filter_setblock {filter type args} {
    ::xapi::rfc3542::Call {xapi::icmp6filter setblock} {buf filter value filter} \
        ::xapi::icmp6_filter_update $filter 0 [list $type {*}$args]
}
proc ::xapi::rfc3542::icmp6filter_willpass {filter type} {
    ::xapi::rfc3542::Call {xapi::icmp6filter willpass} {buf filter value filter} \
        ::xapi::icmp6_filter_test $filter $type
}
proc ::xapi::rfc3542::icmp6filter_willblock {filter type} {
    expr {![::xapi::rfc3542::Call {xapi::icmp6filter willblock} {buf filter value filter} \
                ::xapi::icmp6_filter_test $filter $type]}
}
proc ::xapi::rfc3542::icmp6filter_install {socket filter} {
    ::xapi::rfc3542::Call {xapi::icmp6filter install} {buf filter value filter} \
        ::xapi::icmp6_filter_install $socket $filter
}
proc ::xapi::rfc3542::icmp6filter_get {socket} {
    ::xapi::rfc3542::Call {xapi::icmp6filter get} {} ::xapi::icmp6_filter_fetch $socket
}

# ---- routing headers (type 0 and the SRH) ----

proc ::xapi::rfc3542::rth_space {type segments} {
    ::xapi::rfc3542::Call {xapi::rth space} {} ::xapi::rth_space $type $segments
}
proc ::xapi::rfc3542::rth_init {type segments} {
    ::xapi::rfc3542::Call {xapi::rth init} {} ::xapi::rth_init $type $segments
}
proc ::xapi::rfc3542::rth_add {header address} {
    ::xapi::rfc3542::Call {xapi::rth add} {buf header bytes header value header addr address} \
        ::xapi::rth_add $header $address
}
proc ::xapi::rfc3542::rth_build {type addresses} {
    ::xapi::rfc3542::Call {xapi::rth build} {addrs addresses} ::xapi::rth_build $type $addresses
}
proc ::xapi::rfc3542::rth_segments {header} {
    ::xapi::rfc3542::Call {xapi::rth segments} {bytes header value header} \
        ::xapi::rth_segments $header
}
proc ::xapi::rfc3542::rth_getaddr {header index} {
    ::xapi::rfc3542::Call {xapi::rth getaddr} {bytes header value header} \
        ::xapi::rth_getaddr $header $index
}
# xapi::rth addrs header -> every address, in path order (the order
# xapi::rth build takes them).
proc ::xapi::rfc3542::rth_addrs {header} {
    dict get [::xapi::rfc3542::Call {xapi::rth addrs} {bytes header value header} \
                  ::xapi::rth_parse $header] segments
}
proc ::xapi::rfc3542::rth_reverse {header} {
    ::xapi::rfc3542::Call {xapi::rth reverse} {bytes header value header} \
        ::xapi::rth_reverse $header
}

# xapi::srh build ?-nh N? ?-flags N? ?-tag N? ?-tlv BYTES? ?-left N? segments
# (segments in wire order; -left defaults to their number - 1)
proc ::xapi::rfc3542::srh_build {args} {
    set usage {?-nh N? ?-flags N? ?-tag N? ?-tlv bytes? ?-left N? segments}
    if {[llength $args] < 1 || [llength $args] % 2 == 0} {
        Usage {xapi::srh build} $usage
    }
    set o {-nh 0 -flags 0 -tag 0 -tlv {}}
    foreach {k v} [lrange $args 0 end-1] {
        dict set o [tcl::prefix match -message option \
                        {-nh -flags -tag -tlv -left} $k] $v
    }
    set segments [lindex $args end]
    if {![dict exists $o -left]} {
        dict set o -left [expr {[llength $segments] - 1}]
    }
    ::xapi::rfc3542::Call {xapi::srh build} {segments_left -left next_header -nh flags -flags
                            tag -tag tlv -tlv value -tlv} \
        ::xapi::srh_encode $segments [dict get $o -left] [dict get $o -nh] \
        [dict get $o -flags] [dict get $o -tag] [dict get $o -tlv]
}
# xapi::srh parse bytes -> dict nh left last flags tag segments tlv
proc ::xapi::rfc3542::srh_parse {bytes} {
    set d [::xapi::rfc3542::Call {xapi::srh parse} {value bytes} ::xapi::srh_decode $bytes]
    dict create nh [dict get $d next_header] left [dict get $d segments_left] \
        last [dict get $d last_entry] flags [dict get $d flags] \
        tag [dict get $d tag] segments [dict get $d segments] \
        tlv [dict get $d tlv]
}

# ---- path MTU and next hop ----

proc ::xapi::rfc3542::pathmtu {socket} {
    ::xapi::rfc3542::Call xapi::pathmtu {} ::xapi::get_pathmtu $socket
}
proc ::xapi::rfc3542::nexthop {address} {
    ::xapi::rfc3542::Call xapi::nexthop {addr address} ::xapi::rfc3542::nexthop_native $address
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
            catch {rename ::xapi::$cmd {}}
            rename ::xapi::rfc3542::$cmd ::xapi::$cmd
        }
    }
    unset cmd
}

namespace eval ::xapi {
    namespace export icmp6filter rth srh opt pathmtu nexthop
}
