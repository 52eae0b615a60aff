# Control buffers: expected bytes are the x86_64/arm64 Linux ABI (struct
# cmsghdr = size_t len, int level, int type; CMSG_ALIGN to 8), written out
# by hand, not taken from Xapi.
use strict;
use warnings;
use Test::More;
use Xapi qw(:all);

is(cmsg_space(4), 24, 'cmsg_space(4)');
is(cmsg_len(4), 20, 'cmsg_len(4)');
is(CMSG_SPACE(20), 40, 'CMSG_SPACE alias');
is(CMSG_LEN(0), 16, 'CMSG_LEN alias');

my $hop7 = pack('H*', '140000000000000029000000340000000700000000000000');
is(unpack('H*', build_cmsgs([Xapi::Cmsg->hoplimit(7)])), unpack('H*', $hop7), 'hoplimit 7');
is(build_cmsgs([[41, 52, pack('i', 7)]]), $hop7, '[level, type, data] form');
is(build_cmsgs([]), '', 'no items, no bytes');

my $raw = build_cmsgs([Xapi::Cmsg->new(1, 99, "\0\xff\0\0\xff\0")]);
is(unpack('H*', $raw), '1600000000000000010000006300000000ff0000ff000000', 'NUL bytes kept');

my @items = parse_cmsgs($hop7 . pack('H*', '140000000000000029000000430000002800000000000000'));
is(scalar(@items), 2, 'two items');
isa_ok($items[0], 'Xapi::Cmsg');
is($items[0]->hoplimit, 7, 'hoplimit view');
is($items[0]->tclass, undef, 'no tclass view on a hop limit item');
is($items[1]->tclass, 0x28, 'tclass view');
is($items[1]->view, 'tclass', 'view name');
is($items[1]->data, pack('i', 0x28), 'raw data kept beside the view');

my ($pi) = parse_cmsgs(pack('H*', '24000000000000002900000032000000'
                                . '00000000000000000000000000000001' . '0100000000000000'));
is_deeply($pi->pktinfo, ['::1', 1], 'pktinfo6 view');
my $p4 = Xapi::Cmsg->pktinfo4(1, '127.0.0.1', '127.0.0.2');
is_deeply($p4->pktinfo, ['127.0.0.2', 1, '127.0.0.1'], 'pktinfo4: [addr, ifindex, spec_dst]');
is(length($p4->data), 12, 'in_pktinfo is 12 bytes');
is_deeply(Xapi::Cmsg->pktinfo6('::1', 3)->pktinfo, ['::1', 3], 'pktinfo6 constructor');
is(Xapi::Cmsg->hoplimit(-1)->hoplimit, -1, 'hoplimit -1 (the default) is allowed');

my ($u) = parse_cmsgs(pack('H*', '1300000000000000ffff0000630000000102030000000000'));
is($u->data, "\1\2\3", 'unknown item: raw payload');
is($u->value, undef, 'unknown item: no view');

is(scalar(my @none = parse_cmsgs('')), 0, 'empty buffer');
is(scalar(my @t = parse_cmsgs($hop7 . "\1\2\3\4\5\6\7\x08")), 1, 'short tail ignored');

for my $bad (['c80000000000000029000000340000000700000000000000', 'lying length'],
             ['080000000000000029000000340000000700000000000000', 'short length'],
             ['120000000000000029000000340000000700000000000000', '2-byte hop limit']) {
    local $! = 0;
    eval { parse_cmsgs(pack('H*', $bad->[0])) };
    like($@, qr/\AXapi::parse_cmsgs: bad argument bytes: .* at \S+ line \d+/, "$bad->[1] croaks");
    is(0 + $!, 0, "$bad->[1]: \$! untouched");
}
for my $bad ([hoplimit => 256], [tclass => -2], [ttl => 300], [tos => 'x']) {
    my ($k, $v) = @$bad;
    eval { Xapi::Cmsg->$k($v) };
    like($@, qr/bad argument $k: .* at \S*20-cmsg\.t line/, "$k($v) croaks at the caller's line");
}
eval { build_cmsgs([42]) };
like($@, qr/bad argument cmsgs/, 'a non-item croaks');
eval { build_cmsgs({}) };
like($@, qr/bad argument cmsgs: not an array reference/, 'a hash croaks');
eval { build_cmsgs([[41, 52, "\x{100}"]]) };
like($@, qr/bad argument data: holds a character above 0xFF/, 'wide characters croak');

my $m = Xapi::Cmsg->new(41, 52, "\7\0");
is($m->data, "\7\0", 'a malformed known item can still be built by hand');
is($m->hoplimit, undef, '...without a view');
# The error queue's item and the path MTU item, laid out by hand from
# <linux/errqueue.h> (struct sock_extended_err: u32 ee_errno, u8 origin,
# type, code, pad, u32 info, u32 data) and <netinet/in.h> (struct
# sockaddr_in6: u16 family, u16 port, u32 flowinfo, 16 bytes, u32 scope;
# struct ip6_mtuinfo: a sockaddr_in6 then a u32 MTU), host byte order but
# for the port.
{
    my $b = pack('H*', '20010db8000000010000000000000001');
    my $sin6 = pack('S n L a16 L', AF_INET6, 0, 0, $b, 0);
    my ($err) = parse_cmsgs(build_cmsgs([[IPPROTO_IPV6, IPV6_RECVERR,
        pack('L C C C C L L', 113, 3, 2, 0, 0, 1280, 0) . $sin6]]));
    is($err->view, 'sock_err', 'IPV6_RECVERR: the sock_err view');
    is_deeply($err->sock_err, { errno => 113, origin => 3, type => 2, code => 0,
                                info => 1280, data => 0, offender => '2001:db8:0:1::1' },
              'sock_err fields and the offender');
    my ($local) = parse_cmsgs(build_cmsgs([[IPPROTO_IPV6, IPV6_RECVERR,
        pack('L C C C C L L', 90, 1, 0, 0, 0, 1280, 0) . pack('S x26', 0)]]));
    is($local->sock_err->{offender}, undef, 'no offender (AF_UNSPEC): undef');
    is($local->pathmtu, undef, 'no pathmtu view on it');
    my ($mtu) = parse_cmsgs(build_cmsgs([[IPPROTO_IPV6, IPV6_PATHMTU,
        pack('S n L a16 L L', AF_INET6, 0, 0, $b, 7, 1280)]]));
    is_deeply($mtu->pathmtu, { addr => '2001:db8:0:1::1', ifindex => 7, mtu => 1280 },
              'IPV6_PATHMTU: the pathmtu view');
    ok(!eval { parse_cmsgs(build_cmsgs([[IPPROTO_IPV6, IPV6_PATHMTU, 'short']])); 1 },
       'a short IPV6_PATHMTU payload is refused');
    ok(!eval { Xapi::Cmsg->sock_err(1) ; 1 }, 'sock_err is no constructor');
}

done_testing();
