# Errors: OS errors set $! (checked with Errno, an independent table);
# argument errors name the argument and leave $! alone.
use strict;
use warnings;
use Test::More;
use Errno qw(EBADF ENOTSOCK EAGAIN ENODEV ENXIO ECONNREFUSED);
use Socket qw(AF_INET6 SOCK_DGRAM);
use Xapi qw(:all);

sub os_error_ok {
    my ($code, $errno, $re, $what) = @_;
    local $! = 0;
    ok(!eval { $code->(); 1 }, "$what croaks");
    is(0 + $!, $errno, "$what: \$! is errno");
    like($@, $re, "$what: message");
}
sub arg_error_ok {
    my ($code, $re, $what) = @_;
    local $! = 0;
    ok(!eval { $code->(); 1 }, "$what croaks");
    is(0 + $!, 0, "$what: \$! untouched");
    like($@, $re, "$what: message names the argument");
}

open(my $null, '<', '/dev/null') or die $!;
# A descriptor number that was open and is closed now (taken at the call,
# so that no later open reuses it first).
sub closed_fd { open(my $fh, '<', '/dev/null') or die $!; my $fd = fileno $fh; close $fh; $fd }
socket(my $s, AF_INET6, SOCK_DGRAM, 0) or die $!;
Xapi::bind($s, '::1', 0);

os_error_ok(sub { sendmsg(closed_fd(), ['x']) }, EBADF,
            qr/\AXapi::sendmsg: .* \(EBADF\) at \S*40-errors\.t line \d+\.\n\z/, 'closed descriptor');
ok($!{EBADF} || 1, '%! works');
os_error_ok(sub { recvmsg(fileno($null), [8], 0, MSG_DONTWAIT) }, ENOTSOCK,
            qr/\(ENOTSOCK\)/, 'not a socket');
os_error_ok(sub { recvmsg($s, [8], 0, MSG_DONTWAIT) }, EAGAIN, qr/\(EAGAIN\)/, 'nothing to read');
os_error_ok(sub { if_nametoindex('nosuchif0') }, ENODEV, qr/if_nametoindex/, 'unknown interface');
os_error_ok(sub { if_indextoname(999999) }, ENXIO, qr/if_indextoname/, 'unknown index');
os_error_ok(sub { close $null; recvmsg($null, [8]) }, EBADF, qr/\(EBADF\)/, 'a closed Perl handle');

my $port = Xapi::getsockname($s)->[1];
socket(my $c, AF_INET6, Socket::SOCK_STREAM(), 0) or die $!;
os_error_ok(sub { Xapi::connect($c, '::1', $port) }, ECONNREFUSED, qr/Xapi::connect/, 'refused');

arg_error_ok(sub { recvmsg($s, [8, -1]) }, qr/bad argument sizes: -1 is out of range/, 'negative size');
arg_error_ok(sub { recvmsg($s, [2**40]) }, qr/bad argument sizes/, 'huge size');
arg_error_ok(sub { recvmsg($s, [2**29, 2**29, 1]) }, qr/bad argument sizes: more than/, 'huge total');
arg_error_ok(sub { recvmsg($s, ['abc']) }, qr/bad argument sizes: 'abc' is not an integer/, 'non-numeric size');
arg_error_ok(sub { recvmsg($s, [1.5]) }, qr/bad argument sizes: 1.5 is not an integer/, 'fractional size');
arg_error_ok(sub { recvmsg($s, {}) }, qr/bad argument sizes: not an array reference/, 'sizes hash');
arg_error_ok(sub { recvmsg($s, [8], -1) }, qr/bad argument ancsize/, 'negative ancsize');
arg_error_ok(sub { recvmsg($s, [8], 2**40) }, qr/bad argument ancsize/, 'huge ancsize');
arg_error_ok(sub { sendmsg($s, {}) }, qr/bad argument buffers: not an array reference/, 'buffers hash');
arg_error_ok(sub { sendmsg($s, ['ok', {}]) }, qr/bad argument buffers: a reference/, 'buffer item');
arg_error_ok(sub { sendmsg($s, ["\x{20ac}"]) }, qr/bad argument buffers: holds a character above 0xFF/, 'wide buffer');
arg_error_ok(sub { sendmsg($s, ['x'], ['::1', 70000]) }, qr/bad argument address/, 'port above 65535');
arg_error_ok(sub { sendmsg($s, ['x'], ['127.0.0.1', 1]) }, qr/bad argument address/, 'IPv4 text on IPv6');
arg_error_ok(sub { sendmsg($s, ['x'], 'short') }, qr/bad argument address: not a packed sockaddr/, 'bad packed');
arg_error_ok(sub { sendmsg($s, ['x'], undef, [42]) }, qr/bad argument cmsgs/, 'cmsg item');
arg_error_ok(sub { sendmsg($s, ['x'], undef, undef, 'lots') }, qr/bad argument flags/, 'flags');
arg_error_ok(sub { sendmsg({}, ['x']) }, qr/bad argument sock/, 'socket hash');
arg_error_ok(sub { sendmsg('STDIN', ['x']) }, qr/bad argument sock/, 'handle name as a string');
arg_error_ok(sub { Xapi::bind($s, 'not-an-address', 0) }, qr/bad argument host/, 'bad text');
arg_error_ok(sub { Xapi::bind($s, "::1\0junk", 0) }, qr/bad argument host: holds a NUL/, 'NUL in text');
arg_error_ok(sub { Xapi::bind($s, '::1', -1) }, qr/bad argument port/, 'negative port');
arg_error_ok(sub { if_nametoindex("lo\0x") }, qr/bad argument name: holds a NUL/, 'NUL in a name');
arg_error_ok(sub { setsockopt_int($s, undef, 1, 1) }, qr/bad argument level: undef/, 'undef level');
arg_error_ok(sub { getsockopt_bytes($s, 41, 16, -1) }, qr/bad argument cap/, 'negative cap');

# $! is set even when the error is caught far away.
eval { sub { sub { recvmsg(closed_fd(), [1]) }->() }->() };
ok($!{EBADF}, '$!{EBADF} after a nested eval');
# A signal during a blocking call: the %SIG handler runs, and a handler
# that dies leaves its own message in $@ (as Perl's recv does), not an
# EINTR croak.  A handler that returns gives the EINTR croak, $! EINTR.
{
    local $SIG{ALRM} = sub { die "alarm\n" };
    my $ok = eval { alarm 1; recvmsg($s, [8]); alarm 0; 1 };
    alarm 0;
    ok(!$ok, 'recvmsg interrupted by a dying handler');
    is($@, "alarm\n", 'the handler\'s die is in $@ untouched');
}
{
    my $ran = 0;
    local $SIG{ALRM} = sub { $ran++ };
    local $! = 0;
    my $ok = eval { alarm 1; recvmsg($s, [8]); 1 };
    alarm 0;
    ok(!$ok && $ran == 1, 'a returning handler ran once, then the call croaked');
    is(0 + $!, Errno::EINTR(), '$! is EINTR');
    like($@, qr/\AXapi::recvmsg: .*\(EINTR\) at \S*40-errors\.t line \d+\.\n\z/,
         'EINTR message at the caller');
}

done_testing();
