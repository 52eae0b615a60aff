# Real datagrams over loopback; addresses checked with Perl's Socket.
use strict;
use warnings;
use Test::More;
use Socket qw(AF_INET6 AF_INET AF_UNIX SOCK_DGRAM pack_sockaddr_in6 unpack_sockaddr_in6
              inet_pton inet_ntop pack_sockaddr_in);
use Xapi qw(:all);

socket(my $rx, AF_INET6, SOCK_DGRAM, 0) or die $!;
socket(my $tx, AF_INET6, SOCK_DGRAM, 0) or die $!;
ok(Xapi::bind($rx, '::1', 0), 'bind returns true');
my ($port, $addr) = unpack_sockaddr_in6(getsockname($rx));
is(inet_ntop(AF_INET6, $addr), '::1', 'bound where asked (Socket reads it back)');
is_deeply(Xapi::getsockname($rx), ['::1', $port], 'getsockname as [host, port]');
is(socket_family($rx), AF_INET6, 'socket_family');

setsockopt_int($rx, IPPROTO_IPV6, IPV6_RECVHOPLIMIT, 1);
setsockopt_int($rx, IPPROTO_IPV6, IPV6_RECVTCLASS, 1);
is(getsockopt_int($rx, IPPROTO_IPV6, IPV6_RECVTCLASS), 1, 'option reads back');

# A packed sockaddr, as Perl's own calls make it.
my $n = sendmsg($tx, ["a\0b", '', "\xff"], pack_sockaddr_in6($port, inet_pton(AF_INET6, '::1')),
                [Xapi::Cmsg->hoplimit(9), Xapi::Cmsg->tclass(0x28)]);
is($n, 4, 'gather send');
my ($from, $data, $cmsgs, $flags, $nbytes) = recvmsg($rx, [2, 0, 8, 4], cmsg_space(4) * 2);
is_deeply($data, ["a\0", '', "b\xff", ''], 'scatter: cut to what arrived, empty pieces kept');
is($nbytes, 4, 'byte count');
is($flags & MSG_TRUNC, 0, 'not truncated');
my ($txport) = unpack_sockaddr_in6(getsockname($tx));
is_deeply($from, ['::1', $txport], 'source address');
my %v = map { $_->view => $_->value } @$cmsgs;
is_deeply(\%v, { hoplimit => 9, tclass => 0x28 }, 'both items decoded');

# Scalar context: a hash.
sendmsg($tx, ['x' x 100], Xapi::getsockname($rx));
my $r = recvmsg($rx, [10], 0, MSG_TRUNC);
is($r->{nbytes}, 100, 'MSG_TRUNC in the call: real length');
is_deeply($r->{data}, ['x' x 10], 'data cut to the buffer');
ok($r->{flags} & MSG_TRUNC, 'MSG_TRUNC set');
ok($r->{flags} & MSG_CTRUNC, 'MSG_CTRUNC: items pending, no room');
is_deeply($r->{cmsgs}, [], 'no items');

# IPv4 with an IO::Socket handle and a packed sockaddr_in.
require IO::Socket::INET;
my $r4 = IO::Socket::INET->new(Proto => 'udp', LocalAddr => '127.0.0.1', LocalPort => 0) or die $!;
socket(my $t4, AF_INET, SOCK_DGRAM, 0) or die $!;
setsockopt_int($r4, IPPROTO_IP, IP_RECVTTL, 1);
sendmsg($t4, ['v4'], pack_sockaddr_in($r4->sockport, inet_pton(AF_INET, '127.0.0.1')),
        [Xapi::Cmsg->ttl(3)]);
($from, $data, $cmsgs) = recvmsg($r4, [8], 64);
is($data->[0], 'v4', 'IPv4 datagram through IO::Socket::INET');
is($cmsgs->[0]->ttl, 3, 'TTL item');

# Unix datagrams: a plain string is a path for a unix socket.
my $name = "\@xapi-perl-t-$$";
socket(my $u1, AF_UNIX, SOCK_DGRAM, 0) or die $!;
socket(my $u2, AF_UNIX, SOCK_DGRAM, 0) or die $!;
Xapi::bind($u1, $name, 0);
is(Xapi::getsockname($u1), $name, 'abstract name reads back with @');
sendmsg($u2, ["\0\0"], $name);
($from, $data) = recvmsg($u1, [4]);
is($data->[0], "\0\0", 'NULs over a unix socket');
is($from, undef, 'an unbound sender: the kernel gives no address');

# recvmsg rewrites the address and items of the previous receive in
# place when nothing holds them any more (swig/perl/msg.i): what a caller
# still holds keeps its values, and a dropped message scribbled on does
# not show in the next one.
{
    my $r = Xapi::socket(AF_INET6, SOCK_DGRAM);
    my $t = Xapi::socket(AF_INET6, SOCK_DGRAM);
    Xapi::bind($r, '::1', 0);
    Xapi::bind($t, '::1', 0);
    setsockopt_int($r, IPPROTO_IPV6, IPV6_RECVHOPLIMIT, 1);
    setsockopt_int($r, IPPROTO_IPV6, IPV6_RECVPKTINFO, 1);
    my $rto = Xapi::getsockname($r);
    my $tport = Xapi::getsockname($t)->[1];
    my $anc = cmsg_space(20) + cmsg_space(4);
    my @held;
    for my $hl (3, 4, 5, 6) {
        sendmsg($t, ["m$hl"], $rto, [Xapi::Cmsg->hoplimit($hl)]);
        my ($f, $d, $c) = recvmsg($r, [8], $anc);
        my %v = map { $_->view => $_ } grep { defined $_->view } @$c;
        is_deeply([$f, $d->[0], $v{hoplimit}->value, $v{hoplimit}->data, $v{pktinfo}->value->[0], scalar @$c],
                  [['::1', $tport], "m$hl", $hl, pack('i', $hl), '::1', 2],
                  "recvmsg after another: the new message's values ($hl)");
        push @held, $v{hoplimit} if $hl == 4;    # one item held
        push @held, $c if $hl == 5;              # one list held
        push @held, $d if $hl == 4;              # one list of pieces held
        push @held, \$d->[0] if $hl == 5;        # one piece held
        $d->[0] = 'scribbled' if $hl == 6;
        $f->[0] = 'scribbled';
        $v{pktinfo}{value}[0] = 'scribbled';
        $c->[0]{extra} = 1 if $hl == 3;
    }
    setsockopt_int($r, IPPROTO_IPV6, IPV6_RECVHOPLIMIT, 0);
    sendmsg($t, ["last"], $rto);                 # pktinfo alone
    my ($f, $d, $c) = recvmsg($r, [8], $anc);
    is_deeply([$f, $d->[0], [map { $_->view } @$c]], [['::1', $tport], 'last', ['pktinfo']],
              'recvmsg: one item fewer');
    is($held[0]->value, 4, 'recvmsg: an item still held keeps its value');
    is_deeply([map { $_->view eq 'hoplimit' ? $_->value : () } @{ $held[2] }], [5],
              'recvmsg: a list still held keeps its items');
    isa_ok($held[2][0], 'Xapi::Cmsg', 'recvmsg: an item still held');
    is_deeply($held[1], ['m4'], 'recvmsg: a list of pieces still held keeps its bytes');
    is(${ $held[3] }, 'm5', 'recvmsg: a piece still held keeps its bytes');
    sendmsg($t, ["abcdef"], $rto);
    my (undef, $two) = recvmsg($r, [2, 8], $anc);
    is_deeply($two, ['ab', 'cdef'], 'recvmsg: two pieces after one');
}

# A Xapi::socket handle is a real Perl handle.
my $s = Xapi::socket(AF_INET6, SOCK_DGRAM);
ok(defined fileno($s), 'Xapi::socket gives a handle');
ok(close($s), 'close works on it');
done_testing();
