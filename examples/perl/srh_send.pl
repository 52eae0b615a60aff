#!/usr/bin/perl
# srh_send.pl - a datagram sent through a Segment Routing Header (RFC
# 8754), and a receiver that prints the header it arrived with (RFC 3542
# section 7, IPV6_RECVRTHDR).  See the POD at the end.
use strict;
use warnings;
use Xapi qw(:all);

my $usage = "usage: $0 send DEST VIA PORT [TEXT]\n       $0 recv PORT\n";
my $mode = shift // die $usage;

if ($mode eq 'send') {
    my ($dest, $via, $port, @text) = @ARGV;
    die $usage unless defined $port;
    # Wire order: Segment List[0] is the final segment; VIA is visited
    # first, so Segments Left is 1.
    my $srh = srh_build(segments => [$dest, $via], segments_left => 1);
    my $s = Xapi::socket(AF_INET6, SOCK_DGRAM);
    # Linux takes an SRH only as this sticky option, not as an ancillary
    # item (EINVAL); the kernel then sends to the active segment, VIA.
    setsockopt_bytes($s, IPPROTO_IPV6, IPV6_RTHDR, $srh);
    sendmsg($s, [@text ? "@text" : 'through the SRH'], [$dest, $port]);
    exit 0;
}
die $usage unless $mode eq 'recv' && @ARGV == 1;
my $s = Xapi::socket(AF_INET6, SOCK_DGRAM);
setsockopt_int($s, IPPROTO_IPV6, IPV6_RECVRTHDR, 1);
Xapi::bind($s, '::', $ARGV[0]);
my ($from, $data, $cmsgs) = recvmsg($s, [1500], 1024);
my ($rt) = grep { $_->level == IPPROTO_IPV6 && $_->type == IPV6_RTHDR } @$cmsgs;
if (!$rt) {
    print "no routing header\n";
} elsif (my $h = eval { srh_parse($rt->data) }) {
    print "rthdr type 4 segments_left $h->{segments_left} segments ",
        join(',', @{ $h->{segments} }), "\n";
} else {
    printf "rthdr type %d (%d bytes)\n", unpack('x2 C', $rt->data), length $rt->data;
}
print "data: $data->[0]\n";

__END__

=head1 NAME

srh_send.pl - send through a Segment Routing Header, and see it arrive

=head1 SYNOPSIS

  sudo ip netns exec lab-b perl examples/perl/srh_send.pl recv 7001
  sudo ip netns exec lab-a perl examples/perl/srh_send.pl send 2001:db8:2::2 2001:db8:1::1 7001 via R
  # B prints:
  rthdr type 4 segments_left 0 segments 2001:db8:2::2,2001:db8:1::1
  data: via R

=head1 DESCRIPTION

C<send> builds an SRH (routing type 4) with L<Xapi::RFC3542>'s
C<srh_build> listing C<DEST> and C<VIA> in wire order (Segment List[0],
the final segment, first) with Segments Left 1, sets it as the sticky
C<IPV6_RTHDR> option (Linux refuses an SRH as an ancillary item, see
docs/rfc3542-linux.md) and sends one datagram to C<DEST> C<PORT>; the
kernel sends it to the active segment C<VIA>, which (with SRv6 enabled)
forwards it on to C<DEST>.  C<recv> listens on C<PORT> with
C<IPV6_RECVRTHDR> set, parses the C<IPV6_RTHDR> item with C<srh_parse>
and prints C<rthdr type 4 segments_left N segments A,B> and the data.

=cut
