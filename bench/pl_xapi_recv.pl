#!/usr/bin/perl
# pl-xapi-recvmsg, pl-xapi-batch-recv: the Perl binding's receive, against
# the peer pl-msghdr-recvmsg (Socket::MsgHdr).  The contract is README.md's:
# drain with MSG_DONTWAIT until EAGAIN, decoding every message's hop limit,
# pktinfo ifindex and pktinfo address as text (Xapi's typed views give
# them, made in C in the same crossing as the receive).
#
#   pl-xapi-recvmsg     one recvmsg per datagram
#   pl-xapi-batch-recv  an Xapi::Batch object in views mode: one recvmmsg
#                       per 64, each message's typed items as a plain hash
#                       (hoplimit => N, pktinfo => [addr, ifindex])
use strict;
use warnings;
use Errno ();
use Xapi qw(:all);
BEGIN { my ($d) = __FILE__ =~ m{^(.*/)}; require(($d // './') . 'benchlib.pl') }

my $name = BenchLib::scenario('pl-xapi-recvmsg', 'pl-xapi-batch-recv');
my $per_call = 64;    # messages per recvmmsg

my $s = Xapi::socket(AF_INET6, SOCK_DGRAM);
Xapi::bind($s, '::1', 0);
setsockopt_int($s, IPPROTO_IPV6, IPV6_RECVPKTINFO, 1);
setsockopt_int($s, IPPROTO_IPV6, IPV6_RECVHOPLIMIT, 1);
setsockopt_int($s, SOL_SOCKET, SO_RCVBUF, 4 << 20);
my $port = Xapi::getsockname($s)->[1];

my $anc = cmsg_space(20) + cmsg_space(4);
my $batch = Xapi::Batch->new(count => $per_call, size => 128, ancsize => $anc,
                             views => 1);
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
        # [address, data, \%views, flags, nbytes]: the views by name.
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

my $drain = $name eq 'pl-xapi-batch-recv' ? \&drain_batch : \&drain_one;
BenchLib::run_receiver($name, $port, $drain);
