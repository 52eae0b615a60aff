#!/usr/bin/perl
# pl-xapi-recvmsg, pl-xapi-batch-recv: the Perl binding's receive, against
# the peer pl-msghdr-recvmsg (Socket::MsgHdr).  The contract is README.md's:
# drain with MSG_DONTWAIT until EAGAIN, decoding every message's hop limit,
# pktinfo ifindex and pktinfo address as text (Xapi's typed views give
# them, made in C in the same crossing as the receive).
#
#   pl-xapi-recvmsg     one recvmsg per datagram
#   pl-xapi-batch-recv  an Xapi::Batch object: one recvmmsg per 64
use strict;
use warnings;
use IO::Handle;
use IPC::Open2;
use Errno ();
use Time::HiRes qw(clock_gettime CLOCK_MONOTONIC);
use Xapi qw(:all);

my $name   = shift // 'pl-xapi-recvmsg';
my $count  = $ENV{XAPI_BENCH_COUNT}  || 1000000;
my $chunk  = $ENV{XAPI_BENCH_CHUNK}  || 2000;
my $sender = $ENV{XAPI_BENCH_SENDER} || './bench_sender';
my $per_call = 64;    # messages per recvmmsg
die "$0: unknown scenario $name\n"
    unless $name eq 'pl-xapi-recvmsg' || $name eq 'pl-xapi-batch-recv';

sub rss_kb {
    open my $f, '<', '/proc/self/status' or return -1;
    while (<$f>) { return $1 if /^VmRSS:\s+(\d+)/ }
    return -1;
}

my $s = Xapi::socket(AF_INET6, SOCK_DGRAM);
Xapi::bind($s, '::1', 0);
setsockopt_int($s, IPPROTO_IPV6, IPV6_RECVPKTINFO, 1);
setsockopt_int($s, IPPROTO_IPV6, IPV6_RECVHOPLIMIT, 1);
setsockopt_int($s, SOL_SOCKET, SO_RCVBUF, 4 << 20);
my $port = Xapi::getsockname($s)->[1];

my $pid = open2(my $from, my $to, $sender, $port);
$to->autoflush(1);
my $anc = cmsg_space(20) + cmsg_space(4);
my $batch = Xapi::Batch->new(count => $per_call, size => 128, ancsize => $anc);
my $dontwait = MSG_DONTWAIT;
my @keep;

# Each message's items are read through the documented Xapi::Cmsg fields
# (view, value), inline as a Perl user would write a hot loop.
sub drain_one {
    my $n = 0;
    while (1) {
        my (undef, undef, $cmsgs) = eval { recvmsg($s, [128], $anc, $dontwait) };
        unless ($cmsgs) {
            last if $!{EAGAIN};
            die "$name: $@";
        }
        my ($ifindex, $addr, $hoplimit);
        for my $c (@$cmsgs) {
            my $view = $c->{view} // next;
            if ($view eq 'pktinfo') {
                ($addr, $ifindex) = @{ $c->{value} };
            } elsif ($view eq 'hoplimit') {
                $hoplimit = $c->{value};
            }
        }
        push @keep, $hoplimit;
        @keep = () if @keep > 1024;
        $n++;
    }
    return $n;
}

sub drain_batch {
    my $n = 0;
    while (1) {
        my $msgs = eval { $batch->recv($s, $dontwait) };
        unless ($msgs) {
            last if $!{EAGAIN};
            die "$name: $@";
        }
        for my $m (@$msgs) {
            my ($ifindex, $addr, $hoplimit);
            for my $c (@{ $m->[2] }) {
                my $view = $c->{view} // next;
                if ($view eq 'pktinfo') {
                    ($addr, $ifindex) = @{ $c->{value} };
                } elsif ($view eq 'hoplimit') {
                    $hoplimit = $c->{value};
                }
            }
            push @keep, $hoplimit;
        }
        @keep = () if @keep > 1024;
        $n += @$msgs;
    }
    return $n;
}

my $drain = $name eq 'pl-xapi-batch-recv' ? \&drain_batch : \&drain_one;
my $rss0 = rss_kb();
my ($total, $busy, $empty) = (0, 0, 0);
while ($total < $count) {
    my $want = $count - $total < $chunk ? $count - $total : $chunk;
    print $to "$want\n";
    my $ack = <$from>;
    die "$name: the sender did not answer\n" unless defined $ack;
    my $t0 = clock_gettime(CLOCK_MONOTONIC);
    my $got = $drain->();
    $busy += clock_gettime(CLOCK_MONOTONIC) - $t0;
    $total += $got;
    die "$name: nothing arrives\n" if $got == 0 && ++$empty > 100;
}
my $rss1 = rss_kb();
close $to;
waitpid $pid, 0;
printf "%s %.0f %d %d\n", $name, $total / $busy, $rss0, $rss1;
