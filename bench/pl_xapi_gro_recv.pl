#!/usr/bin/perl
# pl-xapi-gro-recv: the Perl binding's GRO path, against the ceiling
# c-raw-recvmmsg (README.md's contract): UDP_GRO on the socket, the sender
# in GSO mode (64-byte segments, up to 64 per send), and an Xapi::Batch in
# views mode made with gro => 1, whose recv returns one message per
# datagram.  The same per-message work as pl-xapi-batch-recv (hop limit,
# pktinfo ifindex and address as text, from the views).  Counts datagrams.
use strict;
use warnings;
use Errno ();
use Xapi qw(:all);
BEGIN { my ($d) = __FILE__ =~ m{^(.*/)}; require(($d // './') . 'benchlib.pl') }

my $name = BenchLib::scenario('pl-xapi-gro-recv');
my $per_call = 4;     # buffers per recvmmsg: up to 256 messages

my $s = Xapi::socket(AF_INET6, SOCK_DGRAM);
Xapi::bind($s, '::1', 0);
setsockopt_int($s, IPPROTO_IPV6, IPV6_RECVPKTINFO, 1);
setsockopt_int($s, IPPROTO_IPV6, IPV6_RECVHOPLIMIT, 1);
setsockopt_int($s, SOL_SOCKET, SO_RCVBUF, 4 << 20);
setsockopt_int($s, SOL_UDP, UDP_GRO, 1);
$ENV{XAPI_BENCH_GSO} = 1;    # the sender inherits it
my $port = Xapi::getsockname($s)->[1];

my $anc = cmsg_space(20) + cmsg_space(4) + cmsg_space(4);
my $batch = Xapi::Batch->new(count => $per_call, size => 64 * 64,
                             ancsize => $anc, views => 1, gro => 1);
my $dontwait = MSG_DONTWAIT;
my @keep;

sub drain {
    my $n = 0;
    while (1) {
        my $msgs = eval { $batch->recv($s, $dontwait) };
        unless ($msgs) {
            last if $!{EAGAIN};
            die "$name: $@";
        }
        for my $m (@$msgs) {
            my $views = $m->[2];
            my ($addr, $ifindex) = @{ $views->{pktinfo} };
            my $hoplimit = $views->{hoplimit};
            push @keep, $hoplimit;
        }
        @keep = () if @keep > 1024;
        $n += @$msgs;
    }
    return $n;
}

BenchLib::run_receiver($name, $port, \&drain);
