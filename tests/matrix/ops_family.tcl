# ops_family.tcl - matrix operations for addresses of every family
# (SPEC.md "Addresses of every family"), sourced by runner.tcl: each
# matrix::op_NAME proc takes the op's words.  A Tcl user sees an AF_PACKET
# address as the dict {ifindex N protocol N pkttype N hatype N addr
# BYTES}, an AF_NETLINK one as {pid N groups N} and any other family's as
# a byte array of the sockaddr.

namespace eval matrix {
    variable family_netns {}   ;# case-local: namespaces made by netns
    variable family_addr       ;# case-local: the last address taken
}

proc matrix::family_ip {args} {
    expr {[catch {exec ip {*}$args >/dev/null 2>/dev/null}] == 0}
}

# netns NS: a fresh namespace with its lo up, removed after the case.
proc matrix::op_netns {args} {
    variable family_netns
    nargs $args 1 "netns NS"
    set ns [lindex $args 0]
    if {![regexp {^[A-Za-z0-9_-]{1,64}$} $ns]} {
        fail "netns: bad name \"$ns\""
    }
    if {![family_ip netns add $ns]} {
        fail "ip netns add $ns failed"
    }
    lappend family_netns $ns
    if {![family_ip -n $ns link set lo up]} {
        fail "ip -n $ns link set lo up failed"
    }
}

# socket_ns NS NAME FAMILY TYPE [PROTO]; an AF_PACKET PROTO is an
# EtherType, given in network byte order (packet(7)).
proc matrix::op_socket_ns {args} {
    variable socks
    if {[llength $args] ni {4 5}} {
        fail "usage: socket_ns NS NAME FAMILY TYPE ?PROTO?"
    }
    lassign $args ns n fam type proto
    if {[string match @* $n] || [dict exists $socks $n]} {
        fail "socket name \"$n\" is taken or reserved"
    }
    set fam [int $fam]
    set proto [expr {$proto eq "" ? 0 : [int $proto]}]
    if {$fam == $::xapi::AF_PACKET} {
        binary scan [binary format S $proto] tu proto
    }
    dict set socks $n [xapi::socket_netns $ns $fam [int $type] $proto]
}

# needs_socket FAMILY TYPE [PROTO]: skip unless this kernel makes one.
proc matrix::op_needs_socket {args} {
    if {[llength $args] ni {2 3}} {
        fail "usage: needs_socket FAMILY TYPE ?PROTO?"
    }
    lassign $args fam type proto
    set cmd [list xapi::socket [int $fam] [int $type]]
    if {$proto ne ""} {
        lappend cmd [int $proto]
    }
    if {[catch {{*}$cmd} s]} {
        skip "no socket($fam, $type) here: $s"
    }
    close $s
}

# take_addr from | sockname SOCK | peername SOCK
proc matrix::op_take_addr {args} {
    variable last
    variable family_addr
    lassign $args what n
    if {$what eq "from" && [llength $args] == 1} {
        set family_addr [dict get $last address]
    } elseif {$what eq "sockname" && [llength $args] == 2} {
        set family_addr [xapi::getsockname [sock $n]]
    } elseif {$what eq "peername" && [llength $args] == 2} {
        set family_addr [xapi::getpeername [sock $n]]
    } else {
        fail "take_addr: from, sockname SOCK or peername SOCK"
    }
}

proc matrix::family_record {keys} {
    variable family_addr
    if {![info exists family_addr]} {
        fail "no address taken yet (take_addr)"
    }
    set a $family_addr
    if {[catch {dict keys $a} got] || [lsort $got] ne [lsort $keys]} {
        fail "the address is \"$a\", not a dict of ($keys)"
    }
    return $a
}

proc matrix::op_expect_addr_link {args} {
    set a [family_record {ifindex protocol pkttype hatype addr}]
    foreach w $args {
        if {![regexp {^([a-z]+)=(.*)$} $w -> key value]} {
            fail "expect_addr_link: unknown word \"$w\""
        }
        switch -- $key {
            ifindex { set want [sysindex $value] }
            protocol - pkttype - hatype { set want [int $value] }
            addr {
                set want [bytes $value]
                if {[dict get $a addr] ne $want} {
                    fail "addr is x:[hex [dict get $a addr]], want x:[hex $want]"
                }
                continue
            }
            default { fail "expect_addr_link: unknown word \"$w\"" }
        }
        if {[dict get $a $key] != $want} {
            fail "$key is [dict get $a $key], want $want ($a)"
        }
    }
}

# The port id /proc/net/netlink lists for the socket's inode.
proc matrix::family_procnet_pid {name} {
    set fd [xapi::fileno [sock $name]]
    set link [file readlink /proc/self/fd/$fd]
    if {![regexp {^socket:\[(\d+)\]$} $link -> ino]} {
        fail "$link is not a socket"
    }
    set f [open /proc/net/netlink]
    set lines [lrange [split [read $f] \n] 1 end]
    close $f
    foreach line $lines {
        set fields [regexp -all -inline {\S+} $line]
        if {[llength $fields] >= 10 && [lindex $fields 9] eq $ino} {
            return [lindex $fields 2]
        }
    }
    fail "socket inode $ino is not in /proc/net/netlink"
}

proc matrix::op_expect_addr_nl {args} {
    set a [family_record {pid groups}]
    foreach w $args {
        if {![regexp {^(pid|groups)=(.*)$} $w -> key value]} {
            fail "expect_addr_nl: unknown word \"$w\""
        }
        if {$key eq "pid" && [regexp {^procnet:(.+)$} $value -> n]} {
            set want [family_procnet_pid $n]
            if {$want == 0} {
                fail "/proc/net/netlink gives $n port id 0: not bound"
            }
        } else {
            set want [int $value]
        }
        if {[dict get $a $key] != $want} {
            fail "$key is [dict get $a $key], want $want ($a)"
        }
    }
}

proc matrix::op_expect_addr_bytes {args} {
    variable family_addr
    nargs $args 1 "expect_addr_bytes BYTES"
    if {![info exists family_addr]} {
        fail "no address taken yet (take_addr)"
    }
    set want [bytes [lindex $args 0]]
    if {$family_addr ne $want} {
        fail "address is x:[hex $family_addr], want x:[hex $want]"
    }
}

proc matrix::family_cleanup {} {
    variable family_netns
    variable family_addr
    foreach ns $family_netns {
        family_ip netns del $ns
    }
    set family_netns {}
    unset -nocomplain family_addr
}

lappend ::matrix::cleanup_hooks ::matrix::family_cleanup
