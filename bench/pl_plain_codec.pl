#!/usr/bin/perl
# pl-plain-codec: the peer of pl-xapi-codec, no Xapi: the same four
# operations per round with pack, unpack and Socket::inet_pton/inet_ntop
# only, written from the RFCs (RFC 8200 4.2 and Appendix B's alignment
# rule for options, RFC 8754 2 for the SRH), checked against the
# README's wire bytes before timing.
use strict;
use warnings;
use Socket qw(AF_INET6 inet_pton inet_ntop);
use Time::HiRes qw(clock_gettime CLOCK_MONOTONIC);
BEGIN { my ($d) = __FILE__ =~ m{^(.*/)}; require(($d // './') . 'benchlib.pl') }

my $name = 'pl-plain-codec';
my $count = $BenchLib::CODEC_COUNT;

my $opts = $BenchLib::CODEC_OPTS;
my @path = @BenchLib::CODEC_PATH;

# Padding of n bytes: Pad1 for 1, PadN (type 1, length n - 2) otherwise.
sub pad { my ($n) = @_; $n == 0 ? '' : $n == 1 ? "\0" : pack('CC', 1, $n - 2) . "\0" x ($n - 2) }

# Appendix B: an option of alignment x ends on a multiple of x (its data
# starts there, data length == alignment here); the header pads to 8.
sub opt_build {
    my ($list) = @_;
    my $h = "\0\0";    # Next Header, Hdr Ext Len (filled below)
    for my $o (@$list) {
        my ($type, $align, $data) = @$o;
        my $need = ($align - (length($h) + 2) % $align) % $align;
        $h .= pad($need) . pack('CC', $type, length $data) . $data;
    }
    $h .= pad((8 - length($h) % 8) % 8);
    substr($h, 1, 1) = pack('C', length($h) / 8 - 1);
    return $h;
}

sub opt_parse {
    my ($h) = @_;
    my $len = (unpack('x C', $h) + 1) * 8;
    die "bad header\n" if $len > length $h;
    my ($off, @out) = (2);
    while ($off < $len) {
        my $type = unpack("x$off C", $h);
        if ($type == 0) { $off++; next }
        die "option past the end\n" if $off + 2 > $len;
        my $l = unpack('x' . ($off + 1) . ' C', $h);
        die "option past the end\n" if $off + 2 + $l > $len;
        push @out, [$type, substr($h, $off + 2, $l)] if $type != 1;
        $off += 2 + $l;
    }
    return @out;
}

# RFC 8754: Next Header, Hdr Ext Len (2 per segment), type 4, Segments
# Left, Last Entry, Flags, Tag; Segment List[0] is the last segment.  As
# RFC 3542's rth_add does, Segments Left counts the segments added.
sub srh_build {
    my (@segs) = @_;
    my $n = @segs;
    return pack('CCCCCCn', 0, 2 * $n, 4, $n, $n - 1, 0, 0)
        . join('', map { inet_pton(AF_INET6, $_) } reverse @segs);
}

sub srh_parse {
    my ($h) = @_;
    my ($hlen, $type, $left, $last) = unpack('x C C C C', $h);
    die "not an SRH\n" unless $type == 4 && 8 + 8 * $hlen <= length $h
        && 8 + 16 * ($last + 1) <= 8 + 8 * $hlen;
    return map { inet_ntop(AF_INET6, substr($h, 8 + 16 * $_, 16)) } reverse 0 .. $last;
}

sub round {
    my $o = opt_build($opts);
    my @seen = opt_parse($o);
    my $r = srh_build(@path);
    my @addrs = srh_parse($r);
    return ($o, \@seen, $r, \@addrs);
}

BenchLib::codec_check($name, round());

my $rss0 = BenchLib::rss_kb();
my $t0 = clock_gettime(CLOCK_MONOTONIC);
round() for 1 .. $count;
my $t1 = clock_gettime(CLOCK_MONOTONIC);
BenchLib::report($name, $count, $t1 - $t0, $rss0);
