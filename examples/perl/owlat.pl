#!/usr/bin/perl
# owlat.pl - a one-way latency probe with socket timestamps: departures
# stamped by transmit timestamps, arrivals by receive timestamps.  See the
# POD at the end.
use strict;
use warnings;
use Time::HiRes ();
use Xapi qw(:all);

my $WAIT = 5;
my $usage = "usage: $0 recv PORT [-n COUNT]\n       $0 send HOST PORT [-c COUNT]\n";
my $mode = shift // die $usage;

# One message from the error queue, waiting up to $WAIT seconds: the queue
# never blocks a read (EAGAIN when empty).
sub errqueue_msg {
    my ($s) = @_;
    my $deadline = Time::HiRes::time() + $WAIT;
    while (1) {
        my @r = eval { recv_errqueue($s, 64) };
        return @r if @r;
        die $@ unless $!{EAGAIN} && Time::HiRes::time() < $deadline;
        Time::HiRes::sleep(0.001);
    }
}

if ($mode eq 'send') {
    my ($host, $port, $opt, $count) = @ARGV;
    die $usage unless defined $port && (!defined $opt || ($opt eq '-c' && defined $count));
    $count //= 3;
    my $s = Xapi::socket(AF_INET6, SOCK_DGRAM);
    setsockopt_int($s, SOL_SOCKET, SO_TIMESTAMPING,
                   SOF_TIMESTAMPING_TX_SOFTWARE | SOF_TIMESTAMPING_SOFTWARE
                   | SOF_TIMESTAMPING_OPT_ID | SOF_TIMESTAMPING_OPT_TSONLY);
    my $sends = 0;    # what OPT_ID counts: this socket's datagrams
    for my $k (0 .. $count - 1) {
        sendmsg($s, ["probe $k"], [$host, $port]);
        my (undef, undef, $cmsgs) = errqueue_msg($s);
        my $tx = tx_timestamp($cmsgs);
        die "owlat: no transmit timestamp for probe $k\n"
            unless $tx && $tx->{key} == $sends;
        $sends += 2;    # the probe and its follow-up
        printf "probe %d left at %d.%09d\n", $k, $tx->{sec}, $tx->{nsec};
        sendmsg($s, ["followup $k $tx->{sec} $tx->{nsec}"], [$host, $port]);
        errqueue_msg($s);    # the follow-up's own stamp: read and dropped
    }
    exit 0;
}
die $usage unless $mode eq 'recv' && (@ARGV == 1 || (@ARGV == 3 && $ARGV[1] eq '-n'));
my ($port, undef, $count) = @ARGV;
$count //= 3;
my $s = Xapi::socket(AF_INET6, SOCK_DGRAM);
Xapi::bind($s, '::', $port);
setsockopt_int($s, SOL_SOCKET, SO_TIMESTAMPING,
               SOF_TIMESTAMPING_RX_SOFTWARE | SOF_TIMESTAMPING_SOFTWARE);
$| = 1;
print "listening on port $port\n";
my ($probe, @arrival, $seen) = (-1);
$seen = 0;
while ($seen < $count) {
    my (undef, $data, $cmsgs) = recvmsg($s, [128], cmsg_space(48));
    my @w = split ' ', $data->[0];
    if ($w[0] eq 'probe') {
        $probe = $w[1];
        my ($ts) = grep { ($_->view // '') eq 'timestamping' } @$cmsgs;
        @arrival = $ts ? $ts->stamp : ();
    } elsif ($w[0] eq 'followup' && $w[1] == $probe) {
        $seen++;
        if (!@arrival) {
            print "probe $probe: no receive timestamp\n";
        } else {
            # integer arithmetic in nanoseconds, then microseconds to print
            my $ns = ($arrival[0] - $w[2]) * 1_000_000_000 + $arrival[1] - $w[3];
            printf "probe %d one-way %.1f us\n", $probe, $ns / 1000;
        }
    }
}

__END__

=head1 NAME

owlat.pl - a one-way latency probe with socket timestamps

=head1 SYNOPSIS

  sudo ip netns exec lab-b perl examples/perl/owlat.pl recv 7003 -n 3
  sudo ip netns exec lab-a perl examples/perl/owlat.pl send 2001:db8:2::2 7003 -c 3

=head1 DESCRIPTION

The sender stamps each probe's departure with a transmit timestamp
(C<SO_TIMESTAMPING> with C<SOF_TIMESTAMPING_TX_SOFTWARE>: the kernel's clock
as the packet left for the device), read from the socket's error queue and
matched to the probe by its C<SOF_TIMESTAMPING_OPT_ID> key
(C<Xapi::tx_timestamp>), then sends that time in a follow-up message, as
PTP's two-step clocks do.  The receiver stamps arrivals with receive
timestamps (C<SOF_TIMESTAMPING_RX_SOFTWARE>, C<< Xapi::Cmsg->stamp >>) and
prints arrival minus departure.  Both clocks must agree (one host, or
PTP): the lab's namespaces share one.  Seconds and nanoseconds stay
integers throughout.

=cut
