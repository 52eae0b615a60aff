#!/usr/bin/perl
# ping6.pl - ICMPv6 echo on a raw socket, with an ICMPv6 filter (RFC 3542
# section 3.2) that passes only echo replies, and each reply's hop limit
# from its IPV6_HOPLIMIT ancillary item.  Root (a raw socket).  See the
# POD at the end (perldoc examples/perl/ping6.pl).
use strict;
use warnings;
use Getopt::Long qw(GetOptions);
use Time::HiRes qw(time);
use Xapi qw(:all);

my ($ECHO_REQUEST, $ECHO_REPLY) = (128, 129);    # RFC 4443 section 4
my $count = 3;
GetOptions('c=i' => \$count) && @ARGV == 1 && $count > 0
    or die "usage: $0 [-c COUNT] DEST\n";
my $dest = $ARGV[0];

my $s = Xapi::socket(AF_INET6, SOCK_RAW, IPPROTO_ICMPV6);
# Linux fills in the ICMPv6 checksum of a raw ICMPv6 socket itself.
set_icmp6_filter($s, icmp6_filter_new('block')->set_pass($ECHO_REPLY));
setsockopt_int($s, IPPROTO_IPV6, IPV6_RECVHOPLIMIT, 1);

my $id = $$ & 0xffff;
my $answered = 0;
for my $seq (1 .. $count) {
    my $sent = time;
    # Type, code, checksum (0: the kernel's), identifier, sequence, data.
    sendmsg($s, [pack('C C n n n', $ECHO_REQUEST, 0, 0, $id, $seq), 'xapi ping6'],
            [$dest, 0]);
    my $deadline = $sent + 1;
    while ((my $left = $deadline - time) > 0) {
        vec(my $rin = '', fileno $s, 1) = 1;
        last unless select(my $rout = $rin, undef, undef, $left);
        my ($from, $data, $cmsgs) = recvmsg($s, [1500], cmsg_space(4));
        my ($type, $code, $sum, $rid, $rseq) = unpack('C C n n n', $data->[0]);
        next unless defined $rseq && $type == $ECHO_REPLY && $rid == $id && $rseq == $seq;
        my ($hlim) = map { $_->hoplimit } grep { defined $_->hoplimit } @$cmsgs;
        printf "reply from %s: seq=%d hlim=%s time=%.3f ms\n",
            $from->[0], $seq, $hlim // '?', 1000 * (time - $sent);
        $answered++;
        last;
    }
}
exit($answered ? 0 : 1);

__END__

=head1 NAME

ping6.pl - ICMPv6 echo with Xapi: an ICMPv6 filter and the reply's hop limit

=head1 SYNOPSIS

  sudo ip netns exec lab-a perl examples/perl/ping6.pl -c 2 2001:db8:2::2
  reply from 2001:db8:2::2: seq=1 hlim=63 time=0.080 ms
  reply from 2001:db8:2::2: seq=2 hlim=63 time=0.051 ms

=head1 DESCRIPTION

Sends C<COUNT> (default 3) ICMPv6 echo requests to C<DEST> on a raw
C<IPPROTO_ICMPV6> socket and prints one line per reply.  The socket's
C<ICMP6_FILTER> (L<Xapi::RFC3542> C<icmp6_filter_new('block')>, then
C<set_pass(129)>) lets only echo replies through, so the program never
sees the neighbour discovery traffic a raw ICMPv6 socket would otherwise
get; C<IPV6_RECVHOPLIMIT> makes each reply carry its hop limit as an
ancillary item, read with C<< $cmsg->hoplimit >>.  Needs root.  Exit
status 0 if any reply came, 1 otherwise.

=cut
