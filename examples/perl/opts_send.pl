#!/usr/bin/perl
# opts_send.pl - a Hop-by-Hop header holding a Router Alert (RFC 2711) and
# a Destination Options header, sent as ancillary data (RFC 3542 section
# 9) and printed by the receiver.  See the POD at the end.
use strict;
use warnings;
use Xapi qw(:all);

my $usage = "usage: $0 send DEST PORT\n       $0 recv PORT\n";
my $mode = shift // die $usage;
my $OPT_EXPERIMENTAL = 0x1e;    # RFC 4727: for experiments

if ($mode eq 'send') {
    my ($dest, $port) = @ARGV;
    die $usage unless defined $port;
    my $s = Xapi::socket(AF_INET6, SOCK_DGRAM);
    # Both headers need CAP_NET_RAW as ancillary data (ipv6(7)).
    sendmsg($s, ['with options'], [$dest, $port], [
        [IPPROTO_IPV6, IPV6_HOPOPTS, router_alert(0)],
        [IPPROTO_IPV6, IPV6_DSTOPTS, opt_build([[$OPT_EXPERIMENTAL, 1, 'xapi']])],
    ]);
    exit 0;
}
die $usage unless $mode eq 'recv' && @ARGV == 1;
my $s = Xapi::socket(AF_INET6, SOCK_DGRAM);
setsockopt_int($s, IPPROTO_IPV6, $_, 1) for IPV6_RECVHOPOPTS, IPV6_RECVDSTOPTS;
Xapi::bind($s, '::', $ARGV[0]);
my ($from, $data, $cmsgs) = recvmsg($s, [1500], 1024);
my %name = (IPV6_HOPOPTS() => 'hopopts', IPV6_DSTOPTS() => 'dstopts');
for my $c (@$cmsgs) {
    next unless $c->level == IPPROTO_IPV6 && $name{ $c->type };
    my @opts = eval { opt_parse($c->data) };
    print join(' ', $name{ $c->type },
               map { sprintf('%02x:%s', $_->[0], unpack('H*', $_->[1])) } @opts),
          $@ ? ' (malformed)' : '', "\n";
}
print "data: $data->[0]\n";

__END__

=head1 NAME

opts_send.pl - Hop-by-Hop and Destination options as ancillary data

=head1 SYNOPSIS

  sudo ip netns exec lab-b perl examples/perl/opts_send.pl recv 7002
  sudo ip netns exec lab-a perl examples/perl/opts_send.pl send 2001:db8:2::2 7002
  # B prints:
  hopopts 05:0000
  dstopts 1e:78617069
  data: with options

=head1 DESCRIPTION

C<send> sends one datagram with two ancillary items: C<IPV6_HOPOPTS>
holding L<Xapi::RFC3542>'s C<router_alert(0)> (an 8-byte Hop-by-Hop header
with the Router Alert option, RFC 2711, value 0) and C<IPV6_DSTOPTS>
holding a Destination Options header built with C<opt_build> (option
0x1e, the bytes "xapi").  Sending either needs C<CAP_NET_RAW> (root).
C<recv> listens on C<PORT> with C<IPV6_RECVHOPOPTS> and
C<IPV6_RECVDSTOPTS> set and prints each header's options
(C<opt_parse>, Pad1 and PadN skipped) as C<TYPE:HEX>.

=cut
