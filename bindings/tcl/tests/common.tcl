# Shared setup for the xapi tcltest files.
package require tcltest 2.2
namespace import ::tcltest::*
package require xapi

# Hex of a byte array: expected values are written as the bytes the kernel
# ABI or RFC gives, compared as hex.
proc hex {b} { binary encode hex $b }
proc unhex {h} { binary format H* $h }

# An index as /sys/class/net says, independent of xapi.
proc sysindex {ifname} {
    set f [open /sys/class/net/$ifname/ifindex]
    set i [string trim [read $f]]
    close $f
    return $i
}

# A bound IPv6 UDP pair on loopback.
proc udp6_pair {} {
    set a [xapi::socket AF_INET6 SOCK_DGRAM]
    set b [xapi::socket AF_INET6 SOCK_DGRAM]
    xapi::bind $b ::1 0
    list $a $b
}

proc errcode {script} {
    if {![catch {uplevel 1 $script} msg opts]} {
        return "no error: $msg"
    }
    lrange [dict get $opts -errorcode] 0 1
}
