# fdpass.tcl - a parent hands a bound UDP socket to a child over a unix
# socket (SCM_RIGHTS); the child, which never bound anything, answers a
# datagram through it, and sees who sent it (SCM_CREDENTIALS).
#
#   usage: tclsh fdpass.tcl
#
# The parent listens on an abstract unix name and starts the child (this
# script again, "child NAME PID", through a pipe that carries its output);
# the child connects with SO_PASSCRED set, and the parent sends it one
# message carrying the UDP socket.  The child receives it as a channel
# (xapi::recvmsg -fds channel, which uses xapi::channel), answers a
# datagram on it and exits.
package require xapi

proc child {name parent_pid} {
    set s [xapi::socket AF_UNIX SOCK_STREAM]
    xapi::setsockopt $s SOL_SOCKET SO_PASSCRED 1
    xapi::connect $s $name 0
    set msg [xapi::recvmsg $s {64} -anc 256 -fds channel]
    close $s
    set views [dict get $msg views]
    if {![dict exists $views fds]} {
        puts stderr "fdpass.tcl: child: no descriptor arrived"
        exit 1
    }
    set udp [lindex [dict get $views fds] 0]
    set sender 0
    if {[dict exists $views creds]} {
        set sender [dict get $views creds pid]
    }
    puts "child: received a UDP socket from [expr {$sender == $parent_pid
        ? "my parent" : "someone else"}]"
    if {![xapi::wait_readable $udp 5000]} {
        puts stderr "fdpass.tcl: child: no datagram"
        exit 1
    }
    set q [xapi::recvmsg $udp {64}]
    puts "child: datagram '[lindex [dict get $q data] 0]'"
    xapi::sendmsg $udp [list "hello back"] -to [dict get $q address]
    close $udp
}

proc parent {} {
    set name @xapi-fdpass-[pid]
    set listener [xapi::socket AF_UNIX SOCK_STREAM]
    xapi::bind $listener $name 0
    xapi::listen $listener 1
    set kid [open |[list [info nameofexecutable] [info script] child $name \
                        [pid] 2>@stderr] r]
    set conn [xapi::accept $listener]
    set udp [xapi::socket AF_INET SOCK_DGRAM]
    xapi::bind $udp 127.0.0.1 0
    set bound [xapi::getsockname $udp]
    # The socket goes to the child; the parent keeps no copy.
    xapi::sendmsg $conn [list here] -cmsg [list [xapi::cmsg fds [list $udp]]]
    close $udp
    close $conn
    close $listener
    set peer [xapi::socket AF_INET SOCK_DGRAM]
    xapi::sendmsg $peer [list hello] -to $bound
    if {![xapi::wait_readable $peer 5000]} {
        puts stderr "fdpass.tcl: parent: no answer"
        exit 1
    }
    set a [xapi::recvmsg $peer {64}]
    close $peer
    puts -nonewline [read $kid]
    close $kid
    puts "parent: answer '[lindex [dict get $a data] 0]' from [expr {
        [lindex [dict get $a address] 1] == [lindex $bound 1]
        ? "the socket it handed over" : "another socket"}]"
}

if {[llength $argv] == 3 && [lindex $argv 0] eq "child"} {
    child [lindex $argv 1] [lindex $argv 2]
} elseif {[llength $argv] == 0} {
    parent
} else {
    puts stderr "usage: tclsh fdpass.tcl"
    exit 2
}
