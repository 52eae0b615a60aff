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

# A Xapi::socket handle is a real Perl handle.
my $s = Xapi::socket(AF_INET6, SOCK_DGRAM);
ok(defined fileno($s), 'Xapi::socket gives a handle');
ok(close($s), 'close works on it');
done_testing();
