#!/usr/bin/perl
# fdpass.pl - a parent hands a bound UDP socket to a child over a unix
# socket (SCM_RIGHTS); the child, which never bound anything, answers a
# datagram through it, and sees who sent it (SCM_CREDENTIALS).
#
#   usage: fdpass.pl
#
# The parent listens on an abstract unix name and forks; the child
# connects with SO_PASSCRED set, and the parent sends it one message
# carrying the UDP socket.  The child receives it as a file handle
# (Xapi::recvmsg(..., fds => 'handle')), close-on-exec, answers a
# datagram on it and exits.
use strict;
use warnings;
use Socket qw(AF_INET AF_UNIX SOCK_DGRAM SOCK_STREAM SOL_SOCKET SO_PASSCRED);
use Xapi qw(:all);

die "usage: fdpass.pl\n" if @ARGV;
my $name = "\@xapi-fdpass-$$";
my $parent_pid = $$;

socket(my $listener, AF_UNIX, SOCK_STREAM, 0) or die "socket: $!\n";
Xapi::bind($listener, $name, 0);
Xapi::listen($listener, 1);

my $pid = fork() // die "fork: $!\n";
if ($pid == 0) {
    close $listener;
    socket(my $s, AF_UNIX, SOCK_STREAM, 0) or die "socket: $!\n";
    setsockopt($s, SOL_SOCKET, SO_PASSCRED, 1) or die "SO_PASSCRED: $!\n";
    Xapi::connect($s, $name, 0);
    my (undef, undef, $cmsgs) = Xapi::recvmsg($s, [64], 256, 0, fds => 'handle');
    close $s;
    my ($udp, $sender);
    for my $c (@$cmsgs) {
        $udp = $c->fds->[0] if $c->fds;
        $sender = $c->creds->{pid} if $c->creds;
    }
    die "fdpass.pl: child: no descriptor arrived\n" unless $udp;
    $| = 1;
    print "child: received a UDP socket from ",
        ($sender // 0) == $parent_pid ? "my parent" : "someone else", "\n";
    my $rin = '';
    vec($rin, fileno($udp), 1) = 1;
    select(my $rout = $rin, undef, undef, 5) or die "child: no datagram\n";
    my ($from, $data) = Xapi::recvmsg($udp, [64]);
    print "child: datagram '$data->[0]'\n";
    Xapi::sendmsg($udp, ['hello back'], $from);
    close $udp;
    exit 0;
}

my $conn;
accept($conn, $listener) or die "accept: $!\n";
socket(my $udp, AF_INET, SOCK_DGRAM, 0) or die "socket: $!\n";
Xapi::bind($udp, '127.0.0.1', 0);
my $bound = Xapi::getsockname($udp);
# The socket goes to the child; the parent keeps no copy.
Xapi::sendmsg($conn, ['here'], undef, [Xapi::Cmsg->fds([$udp])]);
close $_ for $udp, $conn, $listener;

socket(my $peer, AF_INET, SOCK_DGRAM, 0) or die "socket: $!\n";
Xapi::sendmsg($peer, ['hello'], $bound);
my $rin = '';
vec($rin, fileno($peer), 1) = 1;
select(my $rout = $rin, undef, undef, 5) or die "parent: no answer\n";
my ($from, $data) = Xapi::recvmsg($peer, [64]);
$| = 1;
print "parent: answer '$data->[0]' from ",
    $from->[1] == $bound->[1] ? "the socket it handed over" : "another socket",
    "\n";
waitpid($pid, 0);
exit($? == 0 ? 0 : 1);
