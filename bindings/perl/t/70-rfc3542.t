# RFC 3542 in Perl: ICMPv6 filters, routing headers (type 0, SRH),
# Hop-by-Hop / Destination options, path MTU, next hop.
#
# Every expected byte string is written by hand from the RFCs' drawings
# (RFC 2460 section 4.4 and Appendix B, RFC 3542 Appendix C, RFC 8754
# section 2) or from Linux's <linux/icmpv6.h>, never from xapi's output.
# Addresses are compared through Perl's own Socket::inet_pton.
use strict;
use warnings;
use Test::More;
use Errno ();
use Socket ();
use Xapi qw(:all);

sub hex2b { my $h = join '', @_; $h =~ s/\s+//g; return pack('H*', $h) }
sub b2hex { unpack('H*', $_[0]) }
sub in6   { Socket::inet_pton(Socket::AF_INET6(), $_[0]) }

# An argument error: croaks naming the function and argument, $! untouched.
sub arg_error {
    my ($code, $re, $name) = @_;
    local $! = 0;
    my $ok = eval { $code->(); 1 };
    my ($err, $errno) = ($@, 0 + $!);
    ok(!$ok && $err =~ /\AXapi::[\w:]+: bad argument \w+: / && $err =~ $re && $errno == 0,
       $name) or diag("got: " . ($ok ? 'no error' : $err) . " (\$! = $errno)");
}

# An OS error: croaks "Xapi::fn: strerror (ENAME)" with $! set (or, with
# the core's reason, "Xapi::fn: REASON (strerror) [ENAME]").
sub os_error {
    my ($code, $ename, $name) = @_;
    local $! = 0;
    my $ok = eval { $code->(); 1 };
    my ($err, $errno) = ($@, 0 + $!);
    my $want = do { no strict 'refs'; &{"Errno::$ename"}() };
    ok(!$ok && $errno == $want && $err =~ /\AXapi::\w+: .*[(\[]$ename[)\]]/, $name)
        or diag("got: " . ($ok ? 'no error' : $err) . " (\$! = $errno)");
}

# ---- ICMPv6 filter --------------------------------------------------------

{
    # Linux: __u32 icmp6_filt[8], a SET bit blocks, type t is bit t&31 of
    # word t>>5 (host order; the tests below assume little-endian words).
    my $le = pack('L', 1) eq "\x01\0\0\0";
    my $f = icmp6_filter_new('pass');
    isa_ok($f, 'Xapi::ICMP6Filter');
    is(b2hex($f->bytes), '00' x 32, 'pass: all 256 bits clear');
    is(b2hex(icmp6_filter_new('block')->bytes), 'ff' x 32, 'block: all bits set');
    is(b2hex(icmp6_filter_new()->bytes), '00' x 32, 'default mode is pass');

    my $b = icmp6_filter_new('block');
    is($b->set_pass(ICMP6_ECHO_REPLY), $b, 'set_pass returns the filter');
    SKIP: {
        skip 'byte layout checked on little-endian hosts', 1 unless $le;
        # 129 -> word 4 (bytes 16..19), bit 1: 0xfffffffd -> fd ff ff ff
        is(b2hex($b->bytes), 'ff' x 16 . 'fdffffff' . 'ff' x 12, 'block all, pass 129');
    }
    ok($b->will_pass(129) && !$b->will_block(129), '129 passes');
    ok($b->will_block(128) && !$b->will_pass(128), '128 is blocked');

    my $p = icmp6_filter_new('pass');
    $p->set_block($_) for 0, 31, 32, 128, 255;
    SKIP: {
        skip 'byte layout checked on little-endian hosts', 1 unless $le;
        # word 0: bits 0 and 31 -> 0x80000001; word 1: bit 0; word 4: bit 0;
        # word 7: bit 31
        is(b2hex($p->bytes),
           '01000080' . '01000000' . '00000000' x 2 . '01000000' . '00000000' x 2 . '00000080',
           'pass all, block the word and bit edges');
    }
    $p->set_pass(31);
    ok($p->will_pass(31) && $p->will_block(0), 'set_pass after set_block');

    my $c = Xapi::ICMP6Filter->from_bytes($b->bytes);
    is($c->bytes, $b->bytes, 'from_bytes round trip');
    ok($c->will_pass(129), 'from_bytes keeps the meaning');
    is(Xapi::ICMP6Filter->new('block')->bytes, "\xff" x 32, 'Xapi::ICMP6Filter->new');

    arg_error(sub { $b->set_pass(256) }, qr/type: 256 is not an ICMPv6 type/, 'set_pass(256)');
    arg_error(sub { $b->set_block(-1) }, qr/type: -1/, 'set_block(-1)');
    arg_error(sub { $b->will_pass('abc') }, qr/type: 'abc' is not an integer/, 'will_pass("abc")');
    arg_error(sub { $b->will_block(undef) }, qr/type: undef/, 'will_block(undef)');
    arg_error(sub { $b->will_pass(2**40) }, qr/type: .*out of range/, 'huge type');
    arg_error(sub { icmp6_filter_new('maybe') }, qr/mode: 'maybe'/, 'bad mode');
    arg_error(sub { Xapi::ICMP6Filter->new('maybe') }, qr/mode: 'maybe'.* at \Q$0\E line \d+/,
              'bad mode through ->new, reported at the caller\'s line');
    arg_error(sub { rth_segments('') }, qr/ at \Q$0\E line \d+\.$/, 'errors name the caller\'s line');
    arg_error(sub { Xapi::ICMP6Filter->from_bytes("\0" x 31) }, qr/holds 31 bytes/, 'from_bytes(31 bytes)');
    arg_error(sub { Xapi::ICMP6Filter->from_bytes("\x{100}" . "\0" x 31) }, qr/above 0xFF/,
              'from_bytes(wide)');
    arg_error(sub { Xapi::ICMP6Filter::set_pass({}, 1) }, qr/self: not an Xapi::ICMP6Filter/,
              'method on a non-filter');
}

# ---- type 0 routing header (RFC 2460 section 4.4) -------------------------

my @path = ('2001:db8::1', '2001:db8::2', '2001:db8::3');
{
    # Next Header 0 | Hdr Ext Len 2n = 6 | Routing Type 0 | Segments Left 3
    # (rth_add advances it per address) | 4 reserved | Address[1..3]
    my $want = hex2b('00 06 00 03', '00000000',
                     '20010db8000000000000000000000001',
                     '20010db8000000000000000000000002',
                     '20010db8000000000000000000000003');
    is(rth_space(0, 3), 8 + 3 * 16, 'rth_space(0, 3)');
    is(rth_space(0, 0), 8, 'rth_space(0, 0)');
    is(rth_space(4, 1), 24, 'rth_space(4, 1)');
    is(b2hex(rth_init(0, 3)), b2hex(hex2b('00 06 00 00', '00' x 52)), 'rth_init: empty header');

    my $h = rth_build(0, \@path);
    is(b2hex($h), b2hex($want), 'rth_build(0, ...) is RFC 2460 4.4 by hand');
    my $buf = rth_init(0, 3);
    ok(rth_add(\$buf, $_), "rth_add $_") for @path;
    is(b2hex($buf), b2hex($want), 'rth_init + rth_add give the same bytes');
    os_error(sub { rth_add(\$buf, '2001:db8::4') }, 'ENOSPC', 'rth_add to a full header: ENOSPC');
    is(b2hex($buf), b2hex($want), 'a refused rth_add leaves the header alone');

    is(rth_segments($h), 3, 'rth_segments');
    is(in6(rth_getaddr($h, $_)), in6($path[$_]), "rth_getaddr $_") for 0 .. 2;

    # Reversed: the addresses backwards, Segments Left = 3.
    my $rev = hex2b('00 06 00 03', '00000000',
                    '20010db8000000000000000000000003',
                    '20010db8000000000000000000000002',
                    '20010db8000000000000000000000001');
    my $copy = rth_reverse($h);
    is(b2hex($copy), b2hex($rev), 'rth_reverse into a copy');
    is(b2hex($h), b2hex($want), '... leaving the original alone');
    my $inplace = $h;
    ok(rth_reverse_in_place(\$inplace), 'rth_reverse_in_place');
    is(b2hex($inplace), b2hex($rev), '... reverses in place');

    # A partly filled header reverses whole (RFC 3542 7.4): Segments Left
    # becomes the number of addresses.
    my $part = rth_init(0, 2);
    rth_add(\$part, '2001:db8::a');
    is(b2hex(rth_reverse($part)),
       b2hex(hex2b('00 04 00 02', '00000000', '00' x 16, '20010db800000000000000000000000a')),
       'reverse of a half-filled header');

    # A NUL-filled header and trailing bytes survive.
    my $z = rth_init(0, 1);
    is(length($z), 24, 'NULs survive: 24 bytes');
    is(rth_segments($z . "\0\0\0"), 1, 'bytes past the header are ignored');

    # Malformed.
    arg_error(sub { rth_segments(substr($want, 0, 40)) },
              qr/Hdr Ext Len 6 means 56 bytes, only 40 given \(truncated\)/, 'truncated type 0');
    arg_error(sub { rth_segments("\0\0\0") }, qr/3 bytes, shorter than/, 'shorter than 8 bytes');
    my $odd = hex2b('00 05 00 00', '00' x 44);
    arg_error(sub { rth_segments($odd) }, qr/odd Hdr Ext Len 5/, 'odd Hdr Ext Len');
    my $left = hex2b('00 02 00 02', '00' x 20);
    arg_error(sub { rth_getaddr($left, 0) }, qr/Segments Left 2 is above the 1 addresses/,
              'Segments Left above the list');
    arg_error(sub { rth_reverse($left) }, qr/Segments Left 2/, 'rth_reverse refuses it too');
    my $bad = $left;
    arg_error(sub { rth_add(\$bad, '::1') }, qr/bad argument buf: malformed routing header: Segments Left/, 'rth_add on a malformed header');
    os_error(sub { rth_segments(hex2b('00 02 02 00', '00' x 20)) }, 'EOPNOTSUPP', 'routing type 2');
    arg_error(sub { rth_getaddr($want, 3) }, qr/index: 3 is outside the 3 addresses/, 'index past the end');
    arg_error(sub { rth_getaddr($want, -1) }, qr/index: -1/, 'negative index');
    arg_error(sub { rth_space(0, 128) }, qr/segments: 128 segments/, 'rth_space(0, 128)');
    arg_error(sub { rth_space(4, 0) }, qr/segments: 0 segments: type 4 takes 1\.\.127/, 'rth_space(4, 0)');
    arg_error(sub { rth_space(2, 1) }, qr/type: routing type 2/, 'rth_space(2, 1)');
    arg_error(sub { rth_space(0, -1) }, qr/segments/, 'negative count');
    arg_error(sub { rth_space(0, 1e12) }, qr/segments: .*out of range/, 'huge count');
    arg_error(sub { rth_build(0, ['2001:db8::1', 'bogus']) }, qr/addrs: element 1 'bogus'/, 'bad address');
    arg_error(sub { rth_build(0, ['192.0.2.1']) }, qr/not an IPv6 address/, 'IPv4 text');
    arg_error(sub { rth_build(0, {}) }, qr/addrs: not an array/, 'addrs not an array');
    arg_error(sub { rth_build(0, [('::1') x 128]) }, qr/128 addresses, at most 127/, '128 addresses');
    {
        # The texts are pointed into while the rest are read: no FETCH may
        # run in between, and a list's claimed length is not allocated for.
        package RthHugeList;
        require Tie::Array;
        our @ISA = ('Tie::StdArray');
        sub FETCHSIZE { 2**31 - 1 }
    }
    require Tie::Scalar;
    require Tie::Array;
    my @tied_elem = ('2001:db8::1', '2001:db8::2');
    tie $tied_elem[1], 'Tie::StdScalar', '2001:db8::2';
    arg_error(sub { rth_build(0, \@tied_elem) }, qr/addrs: element 1 is tied/, 'tied address');
    tie my @tied_list, 'Tie::StdArray';
    @tied_list = ('2001:db8::1');
    arg_error(sub { rth_build(0, \@tied_list) }, qr/addrs: a tied array/, 'tied address list');
    my @hole;
    $hole[1] = '::1';
    arg_error(sub { rth_build(0, \@hole) }, qr/addrs: element 0 is missing/, 'a hole in the list');
    tie my @huge, 'RthHugeList';
    arg_error(sub { rth_build(0, \@huge) }, qr/addrs: 2147483647 addresses, at most 127/,
              'a list claiming 2**31 - 1 addresses: the count, nothing allocated');
    arg_error(sub { srh_build(segments => \@huge) }, qr/segments: 2147483647 segments/,
              'srh_build: the same');
    arg_error(sub { rth_add($buf, '::1') }, qr/buf: not a reference to a scalar/, 'rth_add without a reference');
    arg_error(sub { rth_add(\"constant", '::1') }, qr/buf: refers to a read-only value/, 'read-only buffer');
    arg_error(sub { rth_segments(undef) }, qr/bytes: undef/, 'undef header');
    arg_error(sub { rth_segments([]) }, qr/bytes: a reference/, 'reference as header');
    arg_error(sub { rth_segments("\x{263a}" x 8) }, qr/above 0xFF/, 'wide characters');
    my $wide = "\x{100}" . "\0" x 23;
    arg_error(sub { rth_add(\$wide, '::1') }, qr/above 0xFF/, 'rth_add on wide characters');
    # A character string holding only bytes is accepted (downgraded).
    my $utf = $want;
    utf8::upgrade($utf);
    is(rth_segments($utf), 3, 'an upgraded string of bytes is accepted');
}

# ---- Segment Routing Header (RFC 8754 section 2) ---------------------------

{
    # Next Header 41 | Hdr Ext Len 2n + tlv/8 = 4 + 1 | Routing Type 4 |
    # Segments Left 1 | Last Entry 1 | Flags 0x80 | Tag 0x1234 |
    # Segment List[0] = final segment 2001:db8::3 | Segment List[1] =
    # 2001:db8::2 | an 8-byte PadN TLV (RFC 8754 2.1.1.2: type 4, length 6,
    # six zero bytes)
    my $tlv = hex2b('04 06 000000000000');
    my $want = hex2b('29 05 04 01 01 80 1234',
                     '20010db8000000000000000000000003',
                     '20010db8000000000000000000000002', '04 06 000000000000');
    my $s = srh_build(segments => ['2001:db8::3', '2001:db8::2'], segments_left => 1,
                      next_header => 41, flags => 0x80, tag => 0x1234, tlv => $tlv);
    is(b2hex($s), b2hex($want), 'srh_build is RFC 8754 section 2 by hand');

    my $h = srh_parse($want);
    is_deeply([map { $h->{$_} } qw(next_header segments_left last_entry flags tag)],
              [41, 1, 1, 0x80, 0x1234], 'srh_parse: the fixed fields');
    is_deeply([map { in6($_) } @{ $h->{segments} }], [in6('2001:db8::3'), in6('2001:db8::2')],
              'srh_parse: segments in wire order');
    is(b2hex($h->{tlv}), '0406000000000000', 'srh_parse: the TLV bytes, NULs kept');

    # Defaults: Segments Left = n - 1, Next Header, flags, tag 0, no TLVs.
    my $d = srh_build(segments => ['2001:db8::3', '2001:db8::2', '2001:db8::1']);
    is(b2hex($d), b2hex(hex2b('00 06 04 02 02 00 0000',
                              '20010db8000000000000000000000003',
                              '20010db8000000000000000000000002',
                              '20010db8000000000000000000000001')), 'srh_build defaults');
    is(srh_parse($d)->{tlv}, '', 'no TLVs: empty string');

    # The rth calls see an SRH in path order: index 0 is Segment List[Last].
    is(rth_segments($d), 3, 'rth_segments of an SRH');
    is(in6(rth_getaddr($d, 0)), in6('2001:db8::1'), 'rth_getaddr(0) is Segment List[2]');
    my $r = hex2b('00 06 04 03 02 00 0000',
                  '20010db8000000000000000000000001',
                  '20010db8000000000000000000000002',
                  '20010db8000000000000000000000003');
    is(b2hex(rth_reverse($d)), b2hex($r), 'rth_reverse of an SRH: list reversed, Segments Left 3');
    my $in = $d;
    rth_reverse_in_place(\$in);
    is(b2hex($in), b2hex($r), 'rth_reverse_in_place of an SRH');
    # rth_init/rth_add with type 4 give the same list, added in path order.
    my $b = rth_init(4, 3);
    rth_add(\$b, $_) for '2001:db8::1', '2001:db8::2', '2001:db8::3';
    is(b2hex(substr($b, 8)), b2hex(substr($d, 8)), 'rth_add to an SRH fills it from the end');
    is(b2hex(rth_build(4, ['2001:db8::1', '2001:db8::2', '2001:db8::3'])), b2hex($b),
       'rth_build(4, ...) is rth_init + rth_add');

    # Malformed.
    arg_error(sub { srh_parse(substr($want, 0, 40)) }, qr/bytes: malformed routing header: Hdr Ext Len 5 means 48 bytes, only 40 given/,
              'truncated SRH');
    my $last = $want;
    substr($last, 4, 1) = "\x03";    # Last Entry 3 with room for 2 + TLV
    arg_error(sub { srh_parse($last) }, qr/Last Entry 3 does not fit/, 'Last Entry too big');
    my $sl = $want;
    substr($sl, 3, 1) = "\x03";     # Segments Left 3 > 2 segments
    arg_error(sub { srh_parse($sl) }, qr/Segments Left 3 is above the 2 segments/, 'Segments Left too big');
    my $badtlv = $want;
    substr($badtlv, 41, 1) = "\x09"; # PadN length 9 runs past the header
    arg_error(sub { srh_parse($badtlv) }, qr/TLV runs past/, 'TLV past the end');
    arg_error(sub { srh_parse(rth_build(0, ['::1'])) }, qr/routing type 0, not an SRH/, 'type 0 is not an SRH');
    arg_error(sub { srh_build(segments => []) }, qr/segments: 0 segments/, 'no segments');
    arg_error(sub { srh_build(segments => [('::1') x 33]) }, qr/33 segments/, '33 segments');
    arg_error(sub { srh_build(segments => ['::1'], segments_left => 2) },
              qr/segments_left: 2 is above the 1 segments/, 'segments_left > list');
    arg_error(sub { srh_build(segments => ['::1'], segments_left => -1) }, qr/segments_left/, 'negative segments_left');
    arg_error(sub { srh_build(segments => ['::1'], tag => 65536) }, qr/tag: 65536 is out of range/, 'tag 65536');
    arg_error(sub { srh_build(segments => ['::1'], tlv => "\4\2\0\0") }, qr/tlv: 4 bytes, not a multiple of 8/,
              'TLVs not a multiple of 8');
    arg_error(sub { srh_build(segments => ['::1'], tlv => hex2b('0407000000000000')) }, qr/tlv: malformed TLVs/,
              'malformed TLVs');
    arg_error(sub { srh_build(segments => ['::1'], tlv => "\0" x (1 << 20)) }, qr/tlv: .*2048 bytes/, 'huge TLVs');
    arg_error(sub { srh_build(segments => ['::1'], colour => 1) }, qr/args: unknown key 'colour'/, 'unknown key');
    arg_error(sub { srh_build(segments => ['::1'], 'tag') }, qr/odd number/, 'odd argument list');
    arg_error(sub { srh_build(segments_left => 0) }, qr/segments: missing/, 'segments missing');
    arg_error(sub { srh_build(segments => ['::1'], tlv => "\x{100}" x 8) }, qr/above 0xFF/, 'wide TLVs');
}

# ---- options: RFC 3542 Appendix C = RFC 2460 Appendix B --------------------

# RFC 2460 Appendix B's drawing of a header holding option X (alignment
# 8n+2: a 4-byte field, then an 8-byte field) and option Y (4n+3: 1, 2 and
# 4-byte fields), byte by byte:
#   0: Next Header 00        1: Hdr Ext Len 3 (32 bytes)
#   2: X's type              3: Opt Data Len 12
#   4..7:  X's 4-byte field  8..15: X's 8-byte field (offset 8: aligned)
#  16: PadN 01  17: length 01  18: 00  (3 bytes of padding)
#  19: Y's type              20: Opt Data Len 7
#  21: Y's 1-byte field     22..23: 2-byte field (aligned)
#  24..27: 4-byte field (aligned)
#  28: PadN 01  29: length 02  30, 31: 00 00
# The RFCs leave the types open: X = 0x1e, Y = 0x3e here (RFC 4727's
# experimental types).  Field values: X 0xa1a2a3a4 and 0xb1..b8, Y 0xc1,
# 0xd1d2, 0xe1e2e3e4.
my ($OPT_X, $OPT_Y) = (0x1e, 0x3e);
my $appb = hex2b('00 03', '1e 0c', 'a1a2a3a4', 'b1b2b3b4b5b6b7b8',
                 '01 01 00', '3e 07', 'c1', 'd1d2', 'e1e2e3e4', '01 02 00 00');
{
    # RFC 3542 Appendix C, line by line.
    my $currentlen = inet6_opt_init(undef, 0);
    is($currentlen, 2, 'inet6_opt_init(NULL): 2');
    $currentlen = inet6_opt_append(undef, 0, $currentlen, $OPT_X, 12, 8, undef);
    is($currentlen, 16, 'append X, lengths only: 16');
    $currentlen = inet6_opt_append(undef, 0, $currentlen, $OPT_Y, 7, 4, undef);
    is($currentlen, 28, 'append Y, lengths only: 28');
    $currentlen = inet6_opt_finish(undef, 0, $currentlen);
    is($currentlen, 32, 'finish, lengths only: 32');
    my $extlen = $currentlen;
    my $extbuf = "\0" x $extlen;

    $currentlen = inet6_opt_init(\$extbuf, $extlen);
    $currentlen = inet6_opt_append(\$extbuf, $extlen, $currentlen, $OPT_X, 12, 8, \my $databuf);
    isa_ok($databuf, 'Xapi::RFC3542::OptData');
    is($databuf->offset, 4, "X's data at offset 4");
    my $offset = 0;
    $offset = inet6_opt_set_val($databuf, $offset, pack('N', 0xa1a2a3a4), 4);
    $offset = inet6_opt_set_val($databuf, $offset, hex2b('b1b2b3b4b5b6b7b8'), 8);
    is($offset, 12, 'set_val offsets add up');
    $currentlen = inet6_opt_append(\$extbuf, $extlen, $currentlen, $OPT_Y, 7, 4, \$databuf);
    $offset = 0;
    $offset = inet6_opt_set_val($databuf, $offset, pack('C', 0xc1), 1);
    $offset = inet6_opt_set_val($databuf, $offset, pack('n', 0xd1d2), 2);
    $offset = inet6_opt_set_val($databuf, $offset, pack('N', 0xe1e2e3e4));
    $currentlen = inet6_opt_finish(\$extbuf, $extlen, $currentlen);
    is($currentlen, 32, 'finish: 32');
    is(b2hex($extbuf), b2hex($appb), 'Appendix C gives RFC 2460 Appendix B\'s drawing exactly');

    # The idiomatic builder gives the same bytes.
    is(b2hex(opt_build([[$OPT_X, 8, [pack('N', 0xa1a2a3a4), hex2b('b1b2b3b4b5b6b7b8')]],
                        [$OPT_Y, 4, [pack('C', 0xc1), pack('n', 0xd1d2), pack('N', 0xe1e2e3e4)]]])),
       b2hex($appb), 'opt_build gives the same bytes');

    # Reading it back, the RFC way (Appendix C's second part).
    my (@seen, $type, $len);
    $currentlen = 0;
    while (($currentlen = inet6_opt_next($extbuf, $extlen, $currentlen, \$type, \$len,
                                         \$databuf)) != -1) {
        push @seen, [$type, $len, $databuf->bytes];
    }
    is_deeply(\@seen, [[$OPT_X, 12, substr($appb, 4, 12)], [$OPT_Y, 7, substr($appb, 21, 7)]],
              'inet6_opt_next walks X then Y, padding skipped');
    is(inet6_opt_find(\$extbuf, $extlen, 0, $OPT_Y, \$len, \$databuf), 28, 'inet6_opt_find Y');
    $offset = inet6_opt_get_val($databuf, 0, \my $v1, 1);
    $offset = inet6_opt_get_val($databuf, $offset, \my $v2, 2);
    $offset = inet6_opt_get_val($databuf, $offset, \my $v4, 4);
    is_deeply([unpack('C', $v1), unpack('n', $v2), unpack('N', $v4), $offset],
              [0xc1, 0xd1d2, 0xe1e2e3e4, 7], 'inet6_opt_get_val reads the fields');
    is(inet6_opt_find($extbuf, $extlen, 0, 0x3f, undef, undef), -1, 'inet6_opt_find: none is -1');
    is(inet6_opt_next($extbuf, $extlen, 28, undef, undef, undef), -1, 'inet6_opt_next at the end is -1');

    # Idiomatic parsing.
    is_deeply([opt_parse($appb)], [[$OPT_X, substr($appb, 4, 12)], [$OPT_Y, substr($appb, 21, 7)]],
              'opt_parse');
    is(b2hex(opt_find($appb, $OPT_X)), 'a1a2a3a4b1b2b3b4b5b6b7b8', 'opt_find X');
    is(opt_find($appb, 0x3f), undef, 'opt_find: none is undef');
    is(b2hex(opt_get_val(opt_find($appb, $OPT_X), 4, 8)), 'b1b2b3b4b5b6b7b8', 'opt_get_val');
    is(ip6opt_type($OPT_X), 0x00, 'IP6OPT_TYPE(0x1e)');
    is(ip6opt_type(0xc2), 0xc0, 'IP6OPT_TYPE(0xc2)');
    is(ip6opt_type(IP6OPT_ROUTER_ALERT), 0, 'IP6OPT_TYPE(router alert)');
    is(ip6opt_mutable($OPT_Y), 1, 'Y may change en route');
    is(ip6opt_mutable($OPT_X), 0, 'X may not');

    # RFC 2711: type 5, length 2, 2n+0 -> 00 00 | 05 02 VV VV | PadN 01 00.
    is(b2hex(router_alert(0)), '0000050200000100', 'router_alert(0), MLD');
    is(b2hex(router_alert(0x102)), '0000050201020100', 'router_alert(0x102)');

    # NULs survive: data of zeros, and a value holding NULs.
    my $nul = opt_build([[0x1e, 1, "\0a\0b\0"]]);
    # 00 01 | 1e 05 00 61 00 62 00 | PadN 01 05 + five zeros (to 16 bytes)
    is(b2hex($nul), '00011e05' . '0061006200' . '01050000000000', 'NUL data bytes kept');
    is(opt_find($nul, 0x1e), "\0a\0b\0", 'and read back');
    is(b2hex(opt_build([])), '0000' . '010400000000', 'no options: PadN to 8 bytes');
    is_deeply([opt_parse(hex2b('0000 00 00 01 02 0000'))], [], 'only padding: no options');

    # Malformed options.
    arg_error(sub { opt_parse(substr($appb, 0, 24)) },
              qr/bytes: Hdr Ext Len 3 means 32 bytes, only 24 given \(truncated\)/, 'truncated header');
    arg_error(sub { opt_parse(hex2b('00 00 1e 05 0000 0000')) },
              qr/option at offset 2 \(type 30, length 5\) runs past the header's 8 bytes/, 'option past the end');
    arg_error(sub { opt_parse(hex2b('00 00 01 06 0000 0000')) }, qr/type 1, length 6\) runs past/,
              'PadN past the end');
    arg_error(sub { opt_parse(hex2b('00 00 00 00 00 00 00 1e')) }, qr/offset 7 \(type 30\) has no length byte/,
              'type byte at the very end');
    arg_error(sub { opt_find(hex2b('00 00 1e 09 0000 0000'), 0x1e) }, qr/runs past/, 'opt_find on a bad header');
    arg_error(sub { opt_find($appb, 1) }, qr/type: option type 1 is not 2\.\.255/, 'opt_find(PadN)');
    arg_error(sub { inet6_opt_next(substr($appb, 0, 24), 24, 0, undef, undef, undef) }, qr/extbuf: .*truncated/,
              'inet6_opt_next: truncated');
    arg_error(sub { inet6_opt_next($appb, 33, 0, undef, undef, undef) }, qr/extlen: 33 is past the buffer's 32/,
              'extlen past the buffer');
    arg_error(sub { opt_get_val(opt_find($appb, $OPT_Y), 4, 4) }, qr/4 \+ 4 bytes passes the 7 data bytes/,
              'opt_get_val past the data');
    arg_error(sub { opt_get_val("abc", -1, 1) }, qr/offset: -1/, 'negative offset');
    arg_error(sub { opt_get_val("abc", 0, 1 << 40) }, qr/len: \d+ is out of range 0\.\.2048/, 'huge length');
    arg_error(sub { opt_get_val("abc", 0, -1) }, qr/len: -1 is out of range/, 'negative length');
    arg_error(sub { opt_build([[0, 1, "x"]]) }, qr/type: option 0: option type 0 is not 2\.\.255/, 'type 0');
    arg_error(sub { opt_build([[256, 1, "x"]]) }, qr/type: .*256/, 'type 256');
    arg_error(sub { opt_build([[0x1e, 3, "xyz"]]) }, qr/align: .*alignment 3 is not 1, 2, 4 or 8/, 'align 3');
    arg_error(sub { opt_build([[0x1e, 8, "xyzw"]]) }, qr/align: .*alignment 8 is above the data length 4/,
              'align above the length');
    arg_error(sub { opt_build([[0x1e, 1, "x" x 256]]) }, qr/data: option 0: more than 255/, '256 data bytes');
    arg_error(sub { opt_build([[0x1e, 1]]) }, qr/options: element 0 is not \[type, align, data\]/, 'short option');
    arg_error(sub { opt_build("x") }, qr/options: not an array/, 'options not an array');
    arg_error(sub { opt_build([[0x1e, 1, "\x{100}"]]) }, qr/data: holds a character above 0xFF, not bytes/, 'wide option data');
    arg_error(sub { opt_build([[0x1e, 1, ["a", {}]]]) }, qr/data: a reference/, 'a reference as a piece');
    arg_error(sub { opt_build([map { [0x1e, 1, "x" x 255] } 1 .. 9]) }, qr/options: the header would pass 2048 bytes/,
              'options past 2048 bytes');
    arg_error(sub { ip6opt_type(256) }, qr/type: 256 is not an option type/, 'ip6opt_type(256)');
    arg_error(sub { router_alert(65536) }, qr/value: 65536 is not 0\.\.65535/, 'router_alert(65536)');
    arg_error(sub { router_alert(-1) }, qr/value: -1 is out of range/, 'router_alert(-1)');

    # The RFC-shaped calls' own argument checks.
    my $small = "\0" x 8;
    arg_error(sub { inet6_opt_init(\$small, 12) }, qr/extlen: 12 is past the buffer's 8/, 'init past the buffer');
    my $big = "\0" x 12;
    arg_error(sub { inet6_opt_init(\$big, 12) }, qr/extlen: 12 is not a multiple of 8/, 'init, extlen 12');
    inet6_opt_init(\$small, 8);
    arg_error(sub { inet6_opt_append(\$small, 8, 2, $OPT_X, 12, 8, undef) }, qr/extlen: .* does not fit 8 bytes/,
              'append past extlen');
    arg_error(sub { inet6_opt_append(\$small, 8, 1, $OPT_X, 1, 1, undef) }, qr/offset: offset 1/, 'append at offset 1');
    arg_error(sub { inet6_opt_append(undef, 0, 2, $OPT_X, -1, 1, undef) }, qr/len: -1/, 'negative length');
    arg_error(sub { inet6_opt_append(undef, 0, 2, $OPT_X, 1, 1, \"ro") }, qr/databuf: not a reference to a writable/,
              'read-only databuf');
    inet6_opt_append(\$small, 8, 2, $OPT_X, 2, 2, \my $d2);
    arg_error(sub { inet6_opt_set_val($d2, 1, "ab") }, qr/vallen: 1 \+ 2 bytes passes the 2 data bytes/,
              'set_val past the data');
    arg_error(sub { inet6_opt_set_val($d2, 0, "ab", 3) }, qr/vallen: 3, but val holds 2/, 'vallen mismatch');
    arg_error(sub { inet6_opt_set_val("plain", 0, "ab") }, qr/databuf: not a data view/, 'set_val on plain bytes');
    arg_error(sub { inet6_opt_get_val($d2, 1, \my $x, 2) }, qr/1 \+ 2 bytes passes the 2 data bytes/,
              'get_val past the data');
    arg_error(sub { inet6_opt_get_val($d2, 0, \my $x, 1 << 40) }, qr/vallen: \d+ is out of range 0\.\.2048/,
              'get_val of a huge length');
    arg_error(sub { inet6_opt_get_val($d2, -1, \my $x, 1) }, qr/offset: -1 is outside/, 'get_val at -1');
    ok(inet6_opt_set_val($d2, 0, "\0\x{ff}") == 2 && substr($small, 4, 2) eq "\0\xff",
       'set_val writes through the view into the buffer, NUL included');
}

# ---- path MTU and next hop -------------------------------------------------

{
    # sockaddr_in6: family, port 0, flowinfo 0, the address, scope id.
    my $nh = nexthop('2001:db8::1');
    is(length $nh, 28, 'nexthop: a 28-byte sockaddr_in6');
    my ($port, $addr, $scope) = Socket::unpack_sockaddr_in6($nh);
    ok($port == 0 && $addr eq in6('2001:db8::1') && $scope == 0, 'nexthop: the address, port 0');
    is(unpack('S', $nh), Socket::AF_INET6(), 'nexthop: family AF_INET6');
    my $lo = (grep { $_->[1] eq 'lo' } if_nameindex())[0];
    if ($lo) {
        (undef, undef, $scope) = Socket::unpack_sockaddr_in6(nexthop('fe80::1%lo'));
        is($scope, $lo->[0], 'nexthop: the scope becomes sin6_scope_id');
    }
    arg_error(sub { nexthop('192.0.2.1') }, qr/addr: '192\.0\.2\.1' is not an IPv6 address/, 'nexthop(IPv4)');
    arg_error(sub { nexthop("::1\0x") }, qr/addr: holds a NUL/, 'nexthop with a NUL');

    socket(my $u, Socket::AF_INET6(), Socket::SOCK_DGRAM(), 0) or die $!;
    os_error(sub { get_pathmtu($u) }, 'ENOTCONN', 'get_pathmtu unconnected: ENOTCONN');
    socket(my $rx, Socket::AF_INET6(), Socket::SOCK_DGRAM(), 0) or die $!;
    Xapi::bind($rx, '::1', 0);
    Xapi::connect($u, @{ Xapi::getsockname($rx) });
    my $m = get_pathmtu($u);
    open(my $fh, '<', '/sys/class/net/lo/mtu');
    chomp(my $lomtu = $fh ? <$fh> : '');
    is($m->{mtu}, $lomtu, "get_pathmtu over loopback: lo's MTU from /sys") if $lomtu ne '';
    is_deeply([$m->{addr}, $m->{ifindex}], ['', 0], 'Linux fills in only the MTU');
    os_error(sub { set_icmp6_filter($u, icmp6_filter_new()) }, 'ENOPROTOOPT', 'ICMP6_FILTER on UDP');
    os_error(sub { get_icmp6_filter($u) }, 'ENOPROTOOPT', 'reading it on UDP');
    os_error(sub { get_pathmtu(-1) }, 'EBADF', 'get_pathmtu(-1)');
    arg_error(sub { set_icmp6_filter($u, "short") }, qr/filter: holds 5 bytes/, 'a filter of 5 bytes');
    arg_error(sub { get_pathmtu({}) }, qr/sock: not a file handle/, 'get_pathmtu({})');
}

# ---- the kernel, as root ----------------------------------------------------

SKIP: {
    skip 'kernel checks need root (raw ICMPv6 socket, IPV6_HOPOPTS need CAP_NET_RAW)', 9 if $> != 0;

    # A filter on a raw ICMPv6 socket: an echo request to ::1 is seen by the
    # socket itself (type 128) and answered (129).  Blocking everything but
    # 129 leaves only the reply.
    my $types_seen = sub {
        my ($filter) = @_;
        socket(my $raw, Socket::AF_INET6(), SOCK_RAW, IPPROTO_ICMPV6) or die "raw: $!";
        set_icmp6_filter($raw, $filter) if $filter;
        my $id = $$ & 0xffff;
        sendmsg($raw, [pack('CCnnn', ICMP6_ECHO_REQUEST, 0, 0, $id, 1) . 'xapi'], ['::1', 0]);
        my %seen;
        for (1 .. 10) {
            my $rin = '';
            vec($rin, fileno $raw, 1) = 1;
            last unless select(my $rout = $rin, undef, undef, 0.5);
            my (undef, $data) = recvmsg($raw, [1500]);
            my ($type, undef, undef, $pid) = unpack('CCnn', $data->[0]);
            $seen{$type}++ if $pid == $id;
        }
        return join ',', sort { $a <=> $b } keys %seen;
    };
    is($types_seen->(undef), '128,129', 'no filter: the request and the reply arrive');
    my $f = icmp6_filter_new('block')->set_pass(ICMP6_ECHO_REPLY);
    is($types_seen->($f), '129', 'block all but 129: only the reply');

    socket(my $raw, Socket::AF_INET6(), SOCK_RAW, IPPROTO_ICMPV6) or die "raw: $!";
    is(get_icmp6_filter($raw)->bytes, "\0" x 32, 'a new raw socket passes everything');
    set_icmp6_filter($raw, $f);
    is(get_icmp6_filter($raw)->bytes, $f->bytes, 'the filter reads back as set');

    # Hop-by-Hop options received with IPV6_RECVHOPOPTS: the whole header
    # as sent, Next Header filled in by the kernel (17, UDP).
    my $hbh = opt_build([[$OPT_Y, 4, [pack('C', 0xc1), pack('n', 0xd1d2), pack('N', 0xe1e2e3e4)]]]);
    # RFC 2460 Appendix B, option Y alone: 00 01 | Pad1 | 3e 07 c1 d1d2
    # e1e2e3e4 | PadN 01 02 00 00
    is(b2hex($hbh), '0001' . '00' . '3e07c1d1d2e1e2e3e4' . '01020000', "option Y alone: Appendix B's drawing");
    socket(my $rx, Socket::AF_INET6(), Socket::SOCK_DGRAM(), 0) or die $!;
    socket(my $tx, Socket::AF_INET6(), Socket::SOCK_DGRAM(), 0) or die $!;
    Xapi::bind($rx, '::1', 0);
    setsockopt_int($rx, IPPROTO_IPV6, IPV6_RECVHOPOPTS, 1);
    my $to = Xapi::getsockname($rx);
    my $received = sub {
        my $rin = '';
        vec($rin, fileno $rx, 1) = 1;
        select(my $rout = $rin, undef, undef, 5) or return undef;
        my (undef, $data, $cmsgs) = recvmsg($rx, [64], 256);
        my ($item) = grep { $_->level == IPPROTO_IPV6 && $_->type == IPV6_HOPOPTS } @$cmsgs;
        return [$data->[0], $item ? $item->data : undef];
    };
    sendmsg($tx, ['anc'], $to, [[IPPROTO_IPV6, IPV6_HOPOPTS, $hbh]]);
    my $got = $received->();
    my $want = "\x11" . substr($hbh, 1);
    ok($got && $got->[0] eq 'anc' && defined $got->[1] && $got->[1] eq $want,
       'ancillary Hop-by-Hop options arrive whole, Next Header 17')
        or diag(explain($got));
    is_deeply([opt_parse($got->[1] // '')], [[$OPT_Y, hex2b('c1d1d2e1e2e3e4')]], '... and parse back');

    setsockopt_bytes($tx, IPPROTO_IPV6, IPV6_HOPOPTS, router_alert(0));
    sendmsg($tx, ['sticky'], $to);
    $got = $received->();
    ok($got && $got->[0] eq 'sticky' && defined $got->[1] && b2hex($got->[1]) eq '1100050200000100',
       'a sticky router alert arrives (11 00 05 02 00 00 01 00)') or diag(explain($got));
    is(b2hex(getsockopt_bytes($tx, IPPROTO_IPV6, IPV6_HOPOPTS, 256)), '0000050200000100',
       'the sticky option reads back');
}

# ---- the examples run (examples/perl, beside this tree) -------------------

SKIP: {
    require File::Basename;
    require File::Spec;
    my $dir = File::Spec->catdir(File::Basename::dirname($0), qw(.. .. .. examples perl));
    skip "no examples directory at $dir", 3 unless -r "$dir/rfc3542_appc.pl";
    my $out = `"$^X" "$dir/rfc3542_appc.pl" 2>&1`;
    is($?, 0, 'examples/perl/rfc3542_appc.pl runs') or diag($out);
    # Appendix B's drawing with that example's values: X 0x12345678 and
    # 0x0102030405060708, Y 0x01, 0x1331, 0x01020304.
    like($out, qr/00031e0c12345678 0102030405060708 0101003e07011331 0102030401020000/,
         '... and prints Appendix B\'s header');
    $out = `"$^X" "$dir/srh_build.pl" 2>&1`;
    is($?, 0, 'examples/perl/srh_build.pl runs') or diag($out);
}

# ---- leaks ---------------------------------------------------------------------

SKIP: {
    skip 'needs /proc/self/status', 1 unless -r '/proc/self/status';
    # XAPI_SANITIZER=1: a sanitizer build's harness (configure.ac, SAN_RUN).
    skip 'RSS says nothing under ASan (freed memory is quarantined)', 1 if $ENV{XAPI_SANITIZER};
    my $rss = sub {
        open(my $fh, '<', '/proc/self/status') or die $!;
        while (<$fh>) { return $1 if /^VmRSS:\s+(\d+)/ }
        die 'no VmRSS';
    };
    my $rounds = $ENV{XAPI_LEAK_ITERATIONS} || 5000;
    my $h0 = rth_build(0, \@path);
    my $trunc = substr($appb, 0, 24);
    my $calls = 0;
    my $round = sub {
        my $f = icmp6_filter_new('block');
        $f->set_pass(129);
        $f->will_pass(1);
        my $r = rth_build(0, \@path);
        rth_reverse_in_place(\$r);
        rth_getaddr(rth_reverse($r), 2);
        my $s = srh_build(segments => \@path, tlv => "\4\6" . "\0" x 6);
        srh_parse($s);
        my $o = opt_build([[0x1e, 8, ['abcd', '12345678']], [0x3e, 4, ['x', 'yz', 'wxyz']]]);
        my @o = opt_parse($o);
        opt_find($o, 0x3e);
        inet6_opt_next($o, length $o, 0, \my $t, \my $l, \my $d);
        inet6_opt_get_val($d, 0, \my $v, 4);
        eval { rth_segments($trunc) };
        eval { rth_add(\$r, '::1') };
        eval { srh_build(segments => ['::1'], segments_left => 5) };
        eval { opt_parse($trunc) };
        eval { opt_build([[0x1e, 8, "\x{100}"]]) };
        eval { $f->set_pass(300) };
        eval { rth_build(0, ['::1', 'bogus']) };
        eval { inet6_opt_get_val($d, 10, \my $w, 4) };
        $calls += 22;
    };
    $round->() for 1 .. 500;    # warm up: arenas settle
    my $before = $rss->();
    $calls = 0;
    $round->() for 1 .. $rounds;
    my $after = $rss->();
    diag("RSS $before kB -> $after kB over $calls calls");
    cmp_ok($after - $before, '<', 1024, "RSS flat over $calls build/parse calls, croaking ones included");
}

done_testing();
