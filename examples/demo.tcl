#!/usr/bin/env tclsh
# examples/demo.tcl - one IPv6 datagram over loopback, with hop limit 7 and
# traffic class 0x28 sent as ancillary data; the receiver, woken by
# fileevent, prints the packet info (address and interface name), hop limit
# and traffic class it was given.
#
#   TCLLIBPATH=BUILD/bindings/tcl tclsh examples/demo.tcl

package require xapi

set rx [xapi::socket AF_INET6 SOCK_DGRAM]
set tx [xapi::socket AF_INET6 SOCK_DGRAM]
xapi::bind $rx ::1 0

# Ask the kernel to report these three with every datagram.
foreach opt {IPV6_RECVPKTINFO IPV6_RECVHOPLIMIT IPV6_RECVTCLASS} {
    xapi::setsockopt $rx IPPROTO_IPV6 $opt 1
}

proc receive {chan} {
    # Room for two int items and one in6_pktinfo (16 + 4 bytes).
    set anc [expr {2 * [xapi::cmsg_space 4] + [xapi::cmsg_space 20]}]
    set msg [xapi::recvmsg $chan 1500 -anc $anc]
    puts "received [dict get $msg nbytes] bytes from [dict get $msg address]:\
          [lindex [dict get $msg data] 0]"
    foreach item [dict get $msg cmsgs] {
        if {![dict exists $item name]} {
            puts "  item level [dict get $item level] type [dict get $item type]"
            continue
        }
        set value [dict get $item value]
        switch -- [dict get $item name] {
            pktinfo {
                lassign $value addr ifindex
                puts "  pktinfo:   to $addr on [xapi::if_indextoname $ifindex]\
                      (index $ifindex)"
            }
            hoplimit { puts "  hop limit: $value" }
            tclass   { puts [format "  tclass:    0x%02x" $value] }
            default  { puts "  [dict get $item name]: $value" }
        }
    }
    set ::done 1
}

fileevent $rx readable [list receive $rx]

set sent [xapi::sendmsg $tx [list [encoding convertto utf-8 "hello, xapi"]] \
              -to [xapi::getsockname $rx] \
              -cmsg [list [xapi::cmsg hoplimit 7] [xapi::cmsg tclass 0x28]]]
puts "sent $sent bytes to [xapi::getsockname $rx]"

after 5000 {set ::done timeout}
vwait ::done
close $tx
close $rx
if {$::done ne "1"} {
    puts stderr "demo.tcl: nothing arrived within 5 seconds"
    exit 1
}
