#!/usr/bin/perl
# pktinfo_server.pl - a UDP server that answers each query from the
# address it was sent to (IPV6_RECVPKTINFO in, IPV6_PKTINFO out, RFC 3542
# section 6), and a client to try it.  See the POD at the end.
use strict;
use warnings;
use Getopt::Long qw(GetOptions);
use Xapi qw(:all);

my ($port, $count, $query) = (7000, 0, undef);
GetOptions('p=i' => \$port, 'n=i' => \$count, 'q=s' => \$query)
    or die "usage: $0 [-p PORT] [-n COUNT]\n       $0 -q SERVER [-p PORT] TEXT\n";

if (defined $query) {    # the client
    my $text = "@ARGV";
    my $s = Xapi::socket(AF_INET6, SOCK_DGRAM);
    sendmsg($s, [$text], [$query, $port]);
    vec(my $rin = '', fileno $s, 1) = 1;
    select(my $rout = $rin, undef, undef, 2) or die "$0: no answer from $query\n";
    my ($from, $data) = recvmsg($s, [1500]);
    print "answer from $from->[0]: $data->[0]\n";
    exit 0;
}

my $s = Xapi::socket(AF_INET6, SOCK_DGRAM);
setsockopt_int($s, IPPROTO_IPV6, IPV6_RECVPKTINFO, 1);
Xapi::bind($s, '::', $port);
$| = 1;
for (my $n = 0; !$count || $n < $count; $n++) {
    my ($from, $data, $cmsgs) = recvmsg($s, [1500], cmsg_space(20));
    my ($pi) = grep { defined } map { $_->pktinfo } @$cmsgs;
    next unless $pi && ref $from;
    my ($dst, $ifindex) = @$pi;
    print "query from $from->[0] to $dst ifindex $ifindex\n";
    # The answer leaves from the address the query came to, on the
    # interface it came in by, whatever the routing table would pick.
    sendmsg($s, $data, $from, [Xapi::Cmsg->pktinfo6($dst, $ifindex)]);
}

__END__

=head1 NAME

pktinfo_server.pl - answer each UDP query from the address it was sent to

=head1 SYNOPSIS

  # B has two addresses; answers must come from the one each query used.
  sudo ip netns exec lab-b perl examples/perl/pktinfo_server.pl -p 7000 -n 2
  query from 2001:db8:1::2 to 2001:db8:2::3 ifindex 32

  sudo ip netns exec lab-a perl examples/perl/pktinfo_server.pl -q 2001:db8:2::3 -p 7000 hello
  answer from 2001:db8:2::3: hello

=head1 DESCRIPTION

The server binds C<[::]:PORT> (default 7000) with C<IPV6_RECVPKTINFO>
set, so each query arrives with an C<IPV6_PKTINFO> item: the address it
was sent to and the interface it came in by (C<< $cmsg->pktinfo >>).  It
prints C<query from SRC to DST ifindex N> and sends the text back with an
C<IPV6_PKTINFO> item (C<< Xapi::Cmsg->pktinfo6($dst, $ifindex) >>) that
makes the answer leave from that very address: what a server on a host
with several addresses must do (RFC 3542 section 6.1).  C<-n COUNT> stops
after that many queries (default: never).  With C<-q SERVER TEXT> it is
the client: sends C<TEXT> and prints C<answer from ADDR: TEXT>.

=cut
