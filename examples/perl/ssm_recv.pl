#!/usr/bin/perl
# ssm_recv.pl - a source-specific multicast receiver (RFC 4607), and a
# sender to try it with.  See the POD at the end.
use strict;
use warnings;
use Xapi qw(:all);

my $usage = "usage: $0 recv GROUP IFNAME SOURCE PORT [COUNT]\n"
          . "       $0 send GROUP IFNAME PORT TEXT [FROM]\n";
my $mode = shift // '';
my $WAIT = 5;

# A group, source or interface the core refuses: its message names the
# argument; exit 2 as for bad usage.
$SIG{__DIE__} = sub { print STDERR $_[0]; exit($_[0] =~ /bad argument/ ? 2 : 1) };

sub family_of { return $_[0] =~ /:/ ? AF_INET6 : AF_INET }

if ($mode eq 'recv' && (@ARGV == 4 || @ARGV == 5)) {
    my ($group, $ifname, $source, $port, $count) = @ARGV;
    $count //= 1;
    my $s = Xapi::socket(family_of($group), SOCK_DGRAM);
    mcast_join($s, $group, $ifname, source => $source);
    Xapi::bind($s, $group, $port);  # only this group's datagrams to $port
    print "joined $group from $source on $ifname\n";
    STDOUT->flush;
    for (1 .. $count) {
        my $rin = '';
        vec($rin, fileno $s, 1) = 1;
        select(my $rout = $rin, undef, undef, $WAIT) > 0
            or die "$0: nothing from $source within $WAIT s\n";
        my ($from, $data) = recvmsg($s, [1500]);
        print "from $from->[0]: $data->[0]\n";
        STDOUT->flush;
    }
    mcast_leave($s, $group, $ifname, source => $source);
    print "left\n";
    exit 0;
}
if ($mode eq 'send' && (@ARGV == 4 || @ARGV == 5)) {
    my ($group, $ifname, $port, $text, $from) = @ARGV;
    my $s = Xapi::socket(family_of($group), SOCK_DGRAM);
    Xapi::bind($s, $from, 0) if defined $from;
    mcast_set_if($s, $ifname);
    mcast_set_hops($s, 8);
    sendmsg($s, [$text], [$group, $port]);
    exit 0;
}
print STDERR $usage;
exit 2;

__END__

=head1 NAME

ssm_recv.pl - a source-specific multicast receiver, and a sender

=head1 SYNOPSIS

  sudo ip netns exec lab-b perl ssm_recv.pl recv ff3e::8000:db8 b-r 2001:db8:2::1 7010 &
  sudo ip netns exec lab-r perl ssm_recv.pl send ff3e::8000:db8 r-b 7010 other 2001:db8:1::1
  sudo ip netns exec lab-r perl ssm_recv.pl send ff3e::8000:db8 r-b 7010 hello 2001:db8:2::1
  joined ff3e::8000:db8 from 2001:db8:2::1 on b-r
  from 2001:db8:2::1: hello
  left

=head1 DESCRIPTION

The receiver joins GROUP on IFNAME for SOURCE only with
C<< mcast_join($s, $group, $ifname, source => $source) >> (address text
and an interface name: no C<struct group_source_req> to pack; IPv4 groups
such as 232.1.2.3 work the same), prints COUNT (default 1) datagrams and
leaves.  Only SOURCE's datagrams reach it.  The sender sends TEXT by
IFNAME (C<mcast_set_if>) with hop limit 8 (C<mcast_set_hops>), bound to
FROM if given.  See L<Xapi::Mcast>.

=cut
