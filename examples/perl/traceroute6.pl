#!/usr/bin/perl
# traceroute6.pl - UDP probes with increasing hop limits; the ICMPv6
# answers (Time Exceeded from each router, Port Unreachable from the
# destination, RFC 4443) are read from the socket's error queue.  See the
# POD at the end.
use strict;
use warnings;
use Getopt::Long qw(GetOptions);
use Xapi qw(:all);

my ($TIME_EXCEEDED, $DST_UNREACH, $NOPORT) = (3, 1, 4);    # RFC 4443
my ($max, $port) = (30, 33434);
GetOptions('m=i' => \$max, 'p=i' => \$port) && @ARGV == 1
    or die "usage: $0 [-m MAXHOPS] [-p PORT] DEST\n";
my $dest = $ARGV[0];

my $s = Xapi::socket(AF_INET6, SOCK_DGRAM);
setsockopt_int($s, IPPROTO_IPV6, IPV6_RECVERR, 1);

# Waits up to 2 s for the next ICMPv6 error about our probes: its
# sock_err view, or undef.  A queued error makes the socket readable.
sub next_error {
    vec(my $rin = '', fileno $s, 1) = 1;
    return undef unless select(my $rout = $rin, undef, undef, 2);
    my ($to, $data, $cmsgs) = eval { recv_errqueue($s) } or return undef;
    for my $c (@$cmsgs) {
        my $e = $c->sock_err or next;
        return $e if $e->{origin} == SO_EE_ORIGIN_ICMP6;
    }
    return undef;
}

for my $hops (1 .. $max) {
    # The hop limit rides on this one datagram (RFC 3542 6.3): the
    # socket's own default is never changed.
    sendmsg($s, ["probe $hops"], [$dest, $port], [Xapi::Cmsg->hoplimit($hops)]);
    my $e = next_error();
    unless ($e) {
        print "$hops *\n";
        next;
    }
    print "$hops ", $e->{offender} // '?', "\n";
    next if $e->{type} == $TIME_EXCEEDED;
    exit 0 if $e->{type} == $DST_UNREACH && $e->{code} == $NOPORT;
    printf "stopped: %s (ICMPv6 type %d code %d)\n", ($! = $e->{errno}), $e->{type}, $e->{code};
    exit 1;
}
exit 1;

__END__

=head1 NAME

traceroute6.pl - the routers on the way to an IPv6 address, from the error queue

=head1 SYNOPSIS

  sudo ip netns exec lab-a perl examples/perl/traceroute6.pl [-m MAXHOPS] [-p PORT] 2001:db8:2::2
  1 2001:db8:1::1
  2 2001:db8:2::2

=head1 DESCRIPTION

Sends one UDP datagram per hop limit, 1, 2, ..., each with an
C<IPV6_HOPLIMIT> ancillary item (C<< Xapi::Cmsg->hoplimit($n) >>), to
C<DEST> port C<PORT> (default 33434).  With C<IPV6_RECVERR> set, the
kernel queues the ICMPv6 error each probe provokes on the socket itself, so
no raw socket (and no root) is needed: L<Xapi::Net/recv_errqueue> reads
it and the item's C<sock_err> view gives the ICMPv6 type and code and the
offender, the node that sent the error.  Prints C<HOP ADDR> per hop
(C<HOP *> when nothing came within 2 seconds) and stops at the
destination's Port Unreachable (exit 0) or another error (exit 1).

=cut
