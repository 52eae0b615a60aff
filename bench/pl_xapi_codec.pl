#!/usr/bin/perl
# pl-xapi-codec: RFC 3542 headers built and parsed with Xapi (README.md,
# "Codec scenarios"): one round is four operations, the Destination
# Options header built (opt_build) and walked (opt_parse), the SRH built
# (rth_init, three rth_add) and parsed (rth_segments, rth_getaddr).  The
# bytes are checked against the README's wire layout before timing.
use strict;
use warnings;
use Time::HiRes qw(clock_gettime CLOCK_MONOTONIC);
use Xapi qw(:all);

my $name = shift // 'pl-xapi-codec';
my $count = $ENV{XAPI_BENCH_CODEC_COUNT}
    || (int(($ENV{XAPI_BENCH_COUNT} || 1000000) / 10) || 1);
$count = 1000 if $count < 1000;

sub rss_kb {
    open my $f, '<', '/proc/self/status' or return -1;
    while (<$f>) { return $1 if /^VmRSS:\s+(\d+)/ }
    return -1;
}

my $opts = [[0x1e, 4, "\x01\x02\x03\x04"], [0x3e, 8, pack('C*', 0x11 .. 0x18)]];
my @path = ('2001:db8::1', '2001:db8::2', '2001:db8::3');
my $want_opt = pack('H*', '00021e04010203040104000000003e081112131415161718');
my $want_srh = pack('H*', '0006040302000000'
    . '20010db8000000000000000000000003' . '20010db8000000000000000000000002'
    . '20010db8000000000000000000000001');

sub round {
    my $o = opt_build($opts);
    my @seen = opt_parse($o);
    my $r = rth_init(4, 3);
    rth_add(\$r, $_) for @path;
    my $n = rth_segments($r);
    my @addrs = map { rth_getaddr($r, $_) } 0 .. $n - 1;
    return ($o, \@seen, $r, \@addrs);
}

my ($o, $seen, $r, $addrs) = round();
die "$name: options header differs\n" unless $o eq $want_opt;
die "$name: options walk differs\n"
    unless @$seen == 2 && $seen->[0][0] == 0x1e && $seen->[0][1] eq "\x01\x02\x03\x04"
        && $seen->[1][0] == 0x3e && $seen->[1][1] eq pack('C*', 0x11 .. 0x18);
die "$name: SRH differs\n" unless $r eq $want_srh;
die "$name: SRH parse differs\n" unless "@$addrs" eq "@path";

my $rss0 = rss_kb();
my $t0 = clock_gettime(CLOCK_MONOTONIC);
round() for 1 .. $count;
my $t1 = clock_gettime(CLOCK_MONOTONIC);
my $rss1 = rss_kb();
printf "%s %.0f %d %d\n", $name, $count / ($t1 - $t0), $rss0, $rss1;
