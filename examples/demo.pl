#!/usr/bin/perl
# demo.pl - a datagram over IPv6 loopback carrying a hop limit (7) and a
# traffic class (0x28) as ancillary data; the receiver prints what the
# kernel reports: packet info (address, interface), hop limit, class.
#
#   PERL5LIB=BUILD/bindings/perl:SRC/bindings/perl perl examples/demo.pl
use strict;
use warnings;
use Xapi qw(:all);

my $rx = Xapi::socket(AF_INET6, SOCK_DGRAM);
my $tx = Xapi::socket(AF_INET6, SOCK_DGRAM);
Xapi::bind($rx, '::1', 0);
setsockopt_int($rx, IPPROTO_IPV6, $_, 1)
    for IPV6_RECVPKTINFO, IPV6_RECVHOPLIMIT, IPV6_RECVTCLASS;

my $to = Xapi::getsockname($rx);
sendmsg($tx, ['hello over ::1'], $to,
        [Xapi::Cmsg->hoplimit(7), Xapi::Cmsg->tclass(0x28)]);

my ($from, $data, $cmsgs, $flags) =
    recvmsg($rx, [1500], cmsg_space(20) + cmsg_space(4) + cmsg_space(4));
print "received '$data->[0]' from [$from->[0]]:$from->[1]\n";
for my $c (@$cmsgs) {
    if (my $pi = $c->pktinfo) {
        printf "pktinfo:  to %s on %s (ifindex %d)\n",
            $pi->[0], if_indextoname($pi->[1]), $pi->[1];
    } elsif (defined $c->hoplimit) {
        printf "hoplimit: %d\n", $c->hoplimit;
    } elsif (defined $c->tclass) {
        printf "tclass:   0x%02x\n", $c->tclass;
    }
}
print "ancillary data truncated\n" if $flags & MSG_CTRUNC;
