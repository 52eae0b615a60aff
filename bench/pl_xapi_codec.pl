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
BEGIN { my ($d) = __FILE__ =~ m{^(.*/)}; require(($d // './') . 'benchlib.pl') }

my $name = shift // 'pl-xapi-codec';
my $count = $BenchLib::CODEC_COUNT;

my $opts = $BenchLib::CODEC_OPTS;
my @path = @BenchLib::CODEC_PATH;

sub round {
    my $o = opt_build($opts);
    my @seen = opt_parse($o);
    my $r = rth_init(4, 3);
    rth_add(\$r, $_) for @path;
    my $n = rth_segments($r);
    my @addrs = map { rth_getaddr($r, $_) } 0 .. $n - 1;
    return ($o, \@seen, $r, \@addrs);
}

BenchLib::codec_check($name, round());

my $rss0 = BenchLib::rss_kb();
my $t0 = clock_gettime(CLOCK_MONOTONIC);
round() for 1 .. $count;
my $t1 = clock_gettime(CLOCK_MONOTONIC);
BenchLib::report($name, $count, $t1 - $t0, $rss0);
