#!/usr/bin/perl
# rfc3542_appc.pl - RFC 3542 Appendix C in Perl: build a Hop-by-Hop /
# Destination options header holding option X (a 4-byte and an 8-byte
# field, alignment 8n+2) and option Y (1-, 2- and 4-byte fields, alignment
# 4n+3), print it in hex, then parse it back field by field.
#
# The calls are the RFC's own, line by line: a first pass without a buffer
# computes the length, a second one writes the header.  The result is RFC
# 2460 Appendix B's drawing, 32 bytes:
#   00 03 | X 0c  4-byte  8-byte | PadN(3) | Y 07  1-byte 2-byte 4-byte | PadN(4)
# The same header in one call of the idiomatic API is shown at the end.
#
#   PERL5LIB=BUILD/bindings/perl:SRC/bindings/perl perl examples/perl/rfc3542_appc.pl
# Send it with setsockopt_bytes($sock, IPPROTO_IPV6, IPV6_HOPOPTS, $extbuf)
# (needs CAP_NET_RAW on Linux).
use strict;
use warnings;
use Xapi qw(:rfc3542);

# The RFC leaves the option types open; these are RFC 4727's experimental
# types (action bits 00: skip if unknown; Y's "may change" bit set).
my ($OPT_X, $OPT_Y) = (0x1e, 0x3e);

# Pass 1: lengths only (extbuf undef, as NULL in C).
my $currentlen = inet6_opt_init(undef, 0);
$currentlen = inet6_opt_append(undef, 0, $currentlen, $OPT_X, 12, 8, undef);
$currentlen = inet6_opt_append(undef, 0, $currentlen, $OPT_Y, 7, 4, undef);
$currentlen = inet6_opt_finish(undef, 0, $currentlen);
my $extlen = $currentlen;

# Pass 2: the header itself.  Values go in network byte order (pack).
my $extbuf = "\0" x $extlen;                          # extbuf = malloc(extlen)
$currentlen = inet6_opt_init(\$extbuf, $extlen);

$currentlen = inet6_opt_append(\$extbuf, $extlen, $currentlen, $OPT_X, 12, 8, \my $databuf);
my $offset = 0;
$offset = inet6_opt_set_val($databuf, $offset, pack('N', 0x12345678), 4);
$offset = inet6_opt_set_val($databuf, $offset, pack('NN', 0x01020304, 0x05060708), 8);

$currentlen = inet6_opt_append(\$extbuf, $extlen, $currentlen, $OPT_Y, 7, 4, \$databuf);
$offset = 0;
$offset = inet6_opt_set_val($databuf, $offset, pack('C', 0x01), 1);
$offset = inet6_opt_set_val($databuf, $offset, pack('n', 0x1331), 2);
$offset = inet6_opt_set_val($databuf, $offset, pack('N', 0x01020304), 4);

$currentlen = inet6_opt_finish(\$extbuf, $extlen, $currentlen);

printf "built %d bytes:\n", $currentlen;
print '  ', join(' ', unpack('(H16)*', $extbuf)), "\n";

# Parsing, as the Appendix's second part does.
$currentlen = 0;
while (($currentlen = inet6_opt_next($extbuf, $extlen, $currentlen,
                                     \my $type, \my $len, \my $data)) != -1) {
    printf "option type 0x%02x, %d data bytes at offset %d\n", $type, $len, $data->offset;
    if ($type == $OPT_X) {
        $offset = inet6_opt_get_val($data, 0, \my $v4, 4);
        $offset = inet6_opt_get_val($data, $offset, \my $v8, 8);
        printf "  X: 4-byte 0x%08x, 8-byte 0x%s\n", unpack('N', $v4), unpack('H16', $v8);
    } elsif ($type == $OPT_Y) {
        $offset = inet6_opt_get_val($data, 0, \my $v1, 1);
        $offset = inet6_opt_get_val($data, $offset, \my $v2, 2);
        $offset = inet6_opt_get_val($data, $offset, \my $v4, 4);
        printf "  Y: 1-byte 0x%02x, 2-byte 0x%04x, 4-byte 0x%08x\n",
            unpack('C', $v1), unpack('n', $v2), unpack('N', $v4);
    }
}

# The same header, the Perl way: one call to build, one to parse.
my $same = opt_build([
    [$OPT_X, 8, [pack('N', 0x12345678), pack('NN', 0x01020304, 0x05060708)]],
    [$OPT_Y, 4, [pack('C', 0x01), pack('n', 0x1331), pack('N', 0x01020304)]],
]);
print 'opt_build gives ', ($same eq $extbuf ? 'the same bytes' : 'DIFFERENT bytes'), "\n";
printf "opt_parse: %s\n", join ', ', map { sprintf '0x%02x => %s', $_->[0], unpack('H*', $_->[1]) } opt_parse($same);
exit($same eq $extbuf ? 0 : 1);
