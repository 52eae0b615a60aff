# ops_ts.tcl - matrix operations for the timestamp cases (SPEC.md
# "Timestamps"), sourced by runner.tcl: each matrix::op_NAME proc takes the
# op's words.  Stamps are read as a Tcl user would: the item's value dict
# (sec/nsec, sw_sec/sw_nsec, ...) and xapi::tx_timestamp.  Tcl's clock is
# [clock microseconds]: a mark is the interval [usec, usec + 1) in
# nanoseconds, so comparisons allow that microsecond.

proc matrix::ts_now_ns {} {
    return [expr {[clock microseconds] * 1000}]
}

proc matrix::ts_mark {w} {
    variable vars
    if {$w eq "now"} {
        return [ts_now_ns]
    }
    if {![dict exists $vars $w]} {
        fail "no clock mark '$w'"
    }
    set v [dict get $vars $w]
    if {![string is digit -strict $v]} {
        fail "'$w' holds no clock mark"
    }
    return $v
}

# The first item LEVEL TYPE of the last message, with a timestamp view.
proc matrix::ts_item {lw tw} {
    variable last
    set level [int $lw]
    set type [int $tw]
    if {![dict exists $last cmsgs]} {
        fail "no message received or parsed yet"
    }
    foreach item [dict get $last cmsgs] {
        if {[dict get $item level] != $level || [dict get $item type] != $type} {
            continue
        }
        if {![dict exists $item name] ||
            [dict get $item name] ni {timestamp timestampns timestamping}} {
            fail "item $lw/$tw has no timestamp view: $item"
        }
        return $item
    }
    fail "no item $lw/$tw among [llength [dict get $last cmsgs]]"
}

# An item's software stamp as {sec nsec}, "" when not taken.
proc matrix::ts_stamp {item} {
    set v [dict get $item value]
    if {[dict get $item name] eq "timestamping"} {
        if {[dict get $v sw_sec] == 0 && [dict get $v sw_nsec] == 0} {
            return ""
        }
        return [list [dict get $v sw_sec] [dict get $v sw_nsec]]
    }
    return [list [dict get $v sec] [dict get $v nsec]]
}

proc matrix::ts_between {stamp slack from to} {
    if {$stamp eq ""} {
        fail "the stamp is zero (not taken)"
    }
    lassign $stamp sec nsec
    set t [expr {$sec * 1000000000 + $nsec}]
    set lo [expr {[ts_mark $from] - $slack - 1000}]
    set hi [expr {[ts_mark $to] + 1000}]
    if {$t < $lo || $t > $hi} {
        fail "stamp $sec.$nsec is not between $from ($lo) and $to ($hi)"
    }
}

# clock_mark VAR: VAR holds the wall clock now, decimal nanoseconds.
proc matrix::op_clock_mark {args} {
    variable vars
    if {[llength $args] != 1} {
        fail "usage: clock_mark VAR"
    }
    dict set vars [lindex $args 0] [ts_now_ns]
}

proc matrix::op_sleep {args} {
    if {[llength $args] != 1} {
        fail "usage: sleep MS"
    }
    set ms [int [lindex $args 0]]
    if {$ms < 0 || $ms > 5000} {
        fail "sleep: 0..5000 ms, not $ms"
    }
    after $ms
}

# expect_cmsg_time LEVEL TYPE FROM [TO]
proc matrix::op_expect_cmsg_time {args} {
    if {[llength $args] ni {3 4}} {
        fail "usage: expect_cmsg_time LEVEL TYPE FROM ?TO?"
    }
    lassign $args lw tw from to
    if {$to eq ""} {
        set to now
    }
    set item [ts_item $lw $tw]
    set slack [expr {[dict get $item name] eq "timestamp" ? 999 : 0}]
    ts_between [ts_stamp $item] $slack $from $to
}

# expect_cmsg_stamp LEVEL TYPE SEC NSEC [HWSEC HWNSEC]
proc matrix::op_expect_cmsg_stamp {args} {
    if {[llength $args] ni {4 6}} {
        fail "usage: expect_cmsg_stamp LEVEL TYPE SEC NSEC ?HWSEC HWNSEC?"
    }
    lassign $args lw tw sec nsec hsec hnsec
    set item [ts_item $lw $tw]
    set got [ts_stamp $item]
    if {$got ne [list [int $sec] [int $nsec]]} {
        fail "stamp {$got}, want {$sec $nsec}"
    }
    if {[llength $args] == 6} {
        set v [dict get $item value]
        if {[dict get $item name] ne "timestamping" ||
            [dict get $v hw_sec] != [int $hsec] ||
            [dict get $v hw_nsec] != [int $hnsec]} {
            fail "hardware stamp of $item is not $hsec $hnsec"
        }
    }
}

# expect_tx_time KEY TSTYPE FROM [TO]
proc matrix::op_expect_tx_time {args} {
    variable last
    if {[llength $args] ni {3 4}} {
        fail "usage: expect_tx_time KEY TSTYPE FROM ?TO?"
    }
    lassign $args kw tw from to
    if {$to eq ""} {
        set to now
    }
    set tx [xapi::tx_timestamp $last]
    if {$tx eq ""} {
        fail "no transmit timestamp in the last message"
    }
    if {[dict get $tx key] != [int $kw] || [dict get $tx tstype] != [int $tw]} {
        fail "transmit stamp $tx, want key $kw type $tw"
    }
    set stamp [list [dict get $tx sec] [dict get $tx nsec]]
    if {$stamp eq {0 0}} {
        set stamp ""
    }
    ts_between $stamp 0 $from $to
}
