# benchlib.pl - shared by the Perl scenario programs (bench/README.md, "The
# scenario-program contract"): the environment, VmRSS, the burst sender,
# the receive loop and the one output line.  A script loads it from its
# own directory:
#   BEGIN { my ($d) = __FILE__ =~ m{^(.*/)};
#           require(($d // './') . 'benchlib.pl') }
# (no FindBin: it would load modules, and VmRSS, that the scripts did not).
# Only set-up and reporting live here.  A send or codec script keeps its
# timed loop and its two clock_gettime calls inline; a receive script
# keeps its drain sub, which BenchLib::run_receiver calls once per burst,
# timing only that call.
package BenchLib;
use strict;
use warnings;
use Time::HiRes qw(clock_gettime CLOCK_MONOTONIC);

# XAPI_BENCH_COUNT: messages; XAPI_BENCH_CODEC_COUNT: codec rounds (run.py
# passes a tenth of COUNT, at least 1000, and so does the default);
# XAPI_BENCH_CHUNK: burst size; XAPI_BENCH_SENDER: the burst sender.
our $COUNT  = $ENV{XAPI_BENCH_COUNT}  || 1000000;
our $CHUNK  = $ENV{XAPI_BENCH_CHUNK}  || 2000;
our $SENDER = $ENV{XAPI_BENCH_SENDER} || './bench_sender';
our $CODEC_COUNT = $ENV{XAPI_BENCH_CODEC_COUNT} || (int($COUNT / 10) || 1);
$CODEC_COUNT = 1000 if $CODEC_COUNT < 1000;

# The codec scenarios' headers (README.md, "Codec scenarios"): the options
# as [type, alignment, data], the SRH's segments in path order, and the
# bytes the RFCs give for them.
our $CODEC_OPTS = [[0x1e, 4, "\x01\x02\x03\x04"],
                   [0x3e, 8, pack('C*', 0x11 .. 0x18)]];
our @CODEC_PATH = ('2001:db8::1', '2001:db8::2', '2001:db8::3');
my $want_opt = pack('H*', '00021e04010203040104000000003e081112131415161718');
my $want_srh = pack('H*', '0006040302000000'
    . '20010db8000000000000000000000003' . '20010db8000000000000000000000002'
    . '20010db8000000000000000000000001');

# Checks one codec round, before timing: the options header built, its
# walk ([type, data] of each option), the SRH built and its segments read
# back; dies naming the part that differs.
sub codec_check {
    my ($name, $o, $seen, $r, $addrs) = @_;
    die "$name: options header differs\n" unless $o eq $want_opt;
    die "$name: options walk differs\n"
        unless @$seen == 2
            && $seen->[0][0] == 0x1e && $seen->[0][1] eq "\x01\x02\x03\x04"
            && $seen->[1][0] == 0x3e && $seen->[1][1] eq pack('C*', 0x11 .. 0x18);
    die "$name: SRH differs\n" unless $r eq $want_srh;
    die "$name: SRH parse differs\n" unless "@$addrs" eq "@CODEC_PATH";
}

# The scenario named by the first argument (the first of NAMES when there
# is none); it must be one of NAMES.
sub scenario {
    my (@names) = @_;
    my $name = shift(@ARGV) // $names[0];
    die "$0: unknown scenario $name\n" unless grep { $_ eq $name } @names;
    return $name;
}

sub rss_kb {
    open my $f, '<', '/proc/self/status' or return -1;
    while (<$f>) { return $1 if /^VmRSS:\s+(\d+)/ }
    return -1;
}

# After a timed loop of N messages that took SECS seconds: reads VmRSS and
# prints the contract's line, SCENARIO msgs_per_sec rss_before rss_after.
sub report {
    my ($name, $n, $secs, $rss0) = @_;
    my $rss1 = rss_kb();
    printf "%s %.0f %d %d\n", $name, $n / $secs, $rss0, $rss1;
}

# The receive loop of the contract: starts the burst sender aimed at PORT,
# then bursts until COUNT messages were received, each drained by
# $drain->() (which returns how many it received); only that call is
# timed.  Stops the sender and prints the line with the accounting fields
# of README.md ("Two receive methods"): sent, received (with one untimed
# drain for stragglers at the end), and the bursts whose drain took fewer
# than were sent.  IO::Handle and IPC::Open2 are loaded here, so that the
# other scripts do not carry them.
sub run_receiver {
    my ($name, $port, $drain) = @_;
    require IO::Handle;
    require IPC::Open2;
    my $pid = IPC::Open2::open2(my $from, my $to, $SENDER, $port);
    $to->autoflush(1);
    my $rss0 = rss_kb();
    my ($total, $busy, $empty, $sent, $short) = (0, 0, 0, 0, 0);
    while ($total < $COUNT) {
        my $want = $COUNT - $total < $CHUNK ? $COUNT - $total : $CHUNK;
        print $to "$want\n";
        my $ack = <$from>;
        die "$name: the sender did not answer\n" unless defined $ack;
        $sent += $ack;
        my $t0 = clock_gettime(CLOCK_MONOTONIC);
        my $got = $drain->();
        $busy += clock_gettime(CLOCK_MONOTONIC) - $t0;
        $total += $got;
        $short++ if $got < $ack;
        die "$name: nothing arrives\n" if $got == 0 && ++$empty > 100;
    }
    my $rss1 = rss_kb();
    close $to;
    waitpid $pid, 0;
    printf "%s %.0f %d %d %d %d %d\n", $name, $total / $busy, $rss0, $rss1,
        $sent, $total + $drain->(), $short;
}

1;
