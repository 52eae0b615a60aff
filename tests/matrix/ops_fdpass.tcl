# ops_fdpass.tcl - matrix operations for descriptor and credential passing
# (SPEC.md "Descriptor and credential passing"), sourced by runner.tcl:
# each matrix::op_NAME proc takes the op's words.  The binding's calls:
# xapi::cmsg fds / creds to send, xapi::recvmsg -fds channel to receive
# the descriptors as channels (made by xapi::channel) that own them.

namespace eval matrix {
    variable fd_mark {}  ;# case-local: fd_count_mark's count
    lappend cleanup_hooks {set ::matrix::fd_mark {}}
}

# An INT or "self": this process's pid, real uid or real gid by position
# (Tcl has no getuid: /proc/self/status says it).
proc matrix::id_word {w pos} {
    if {$w ne "self"} {
        return [int $w]
    }
    if {$pos == 0} {
        return [pid]
    }
    set f [open /proc/self/status]
    set status [read $f]
    ::close $f
    regexp -line [expr {$pos == 1 ? {^Uid:\s+(\d+)} : {^Gid:\s+(\d+)}}] \
        $status -> id
    return $id
}

proc matrix::fd_count {} {
    llength [glob -nocomplain /proc/self/fd/*]
}

proc matrix::first_item {type} {
    variable last
    if {$last eq ""} {
        fail "no message yet"
    }
    foreach c [dict get $last cmsgs] {
        if {[dict get $c level] == $xapi::SOL_SOCKET
                && [dict get $c type] == $type} {
            return $c
        }
    }
    fail "no item (SOL_SOCKET, $type)"
}

proc matrix::op_pipe {rn wn} {
    variable socks
    lassign [chan pipe] r w
    chan configure $r -translation binary
    chan configure $w -translation binary -buffering none
    dict set socks $rn $r
    dict set socks $wn $w
}

proc matrix::op_send_fds {name names} {
    set item [xapi::cmsg fds [lmap n [split $names ,] {sock $n}]]
    xapi::sendmsg [sock $name] [list x] -cmsg [list $item]
}

proc matrix::op_send_creds {name pid uid gid} {
    set item [xapi::cmsg creds [id_word $pid 0] [id_word $uid 1] \
                  [id_word $gid 2]]
    xapi::sendmsg [sock $name] [list x] -cmsg [list $item]
}

proc matrix::op_recv_fds {name args} {
    variable socks
    variable last
    set o [options $args {anc as}]
    set s [sock $name]
    if {![xapi::wait_readable $s 5000]} {
        fail "socket not readable within 5 seconds"
    }
    set anc 0
    if {[dict exists $o anc]} {
        set anc [anc [lindex [dict get $o anc] 0]]
    }
    set last [xapi::recvmsg $s {16} -anc $anc -fds channel]
    set chans {}
    foreach c [dict get $last cmsgs] {
        if {[dict exists $c name] && [dict get $c name] eq "fds"} {
            lappend chans {*}[dict get $c value]
        }
    }
    set names {}
    if {[dict exists $o as]} {
        set names [split [lindex [dict get $o as] 0] ,]
    }
    foreach n $names ch $chans {
        if {$n ne "" && $ch ne ""} {
            chan configure $ch -translation binary -buffering none
            dict set socks $n $ch
        } elseif {$ch ne "" && [llength $names]} {
            # Without as= nothing is closed: a case without it expects
            # none, and one that arrived anyway must show in the counts.
            close $ch
        }
    }
    if {[llength $names] && [llength $names] != [llength $chans]} {
        fail "[llength $chans] descriptors arrived, as= names [llength $names]"
    }
}

proc matrix::op_expect_fds {n} {
    set c [first_item $xapi::SCM_RIGHTS]
    set want [int $n]
    if {$want == 0 && [dict exists $c name]} {
        fail "item has the view [dict get $c name], expected none"
    }
    set got [expr {[dict exists $c value] ? [llength [dict get $c value]] : 0}]
    if {$got != $want} {
        fail "$got descriptors decoded, expected $want"
    }
}

proc matrix::op_expect_creds {pid uid gid} {
    set c [first_item $xapi::SCM_CREDENTIALS]
    if {![dict exists $c name] || [dict get $c name] ne "creds"} {
        fail "item has no creds view: $c"
    }
    set v [dict get $c value]
    set want [list [id_word $pid 0] [id_word $uid 1] [id_word $gid 2]]
    set got [lmap k {pid uid gid} {
        expr {[dict exists $v $k] ? [dict get $v $k] : "-"}
    }]
    if {$got ne $want} {
        fail "creds $got, expected $want"
    }
}

proc matrix::op_write_fd {name data} {
    set ch [sock $name]
    puts -nonewline $ch [bytes $data]
    flush $ch
}

proc matrix::op_expect_read {name data} {
    set ch [sock $name]
    set want [bytes $data]
    chan configure $ch -translation binary -blocking 0
    set got {}
    while {[string length $got] < [string length $want]} {
        if {![xapi::wait_readable $ch 5000]} {
            fail "nothing to read within 5 seconds"
        }
        set chunk [read $ch]
        if {$chunk eq "" && [eof $ch]} {
            break
        }
        append got $chunk
    }
    if {$got ne $want} {
        fail "read [hex $got], expected [hex $want]"
    }
}

proc matrix::op_expect_cloexec {name} {
    set fd [xapi::fileno [sock $name]]
    set f [open /proc/self/fdinfo/$fd]
    set info [read $f]
    ::close $f
    if {![regexp -line {^flags:\s+([0-7]+)} $info -> flags]} {
        fail "no flags in /proc/self/fdinfo/$fd"
    }
    # O_CLOEXEC as /proc shows it (octal 02000000 on x86_64 and arm64).
    if {!(("0o$flags" + 0) & 0o2000000)} {
        fail "descriptor $fd is not close-on-exec (flags $flags)"
    }
}

proc matrix::op_fd_count_mark {} {
    variable fd_mark [fd_count]
}

proc matrix::op_expect_fd_count_unchanged {} {
    variable fd_mark
    if {$fd_mark eq ""} {
        fail "no fd_count_mark before"
    }
    set now [fd_count]
    if {$now != $fd_mark} {
        fail "$now descriptors open, $fd_mark at the mark"
    }
}

proc matrix::op_needs_nonroot {} {
    if {[exec id -u] == 0} {
        skip "needs a user without privileges (euid is 0)"
    }
}
