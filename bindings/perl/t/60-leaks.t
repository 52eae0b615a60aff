# No leaks: many receives, sends, parses and croaking calls with flat RSS.
use strict;
use warnings;
use Test::More;
use Socket qw(AF_INET6 SOCK_DGRAM);
use Xapi qw(:all);

plan skip_all => 'needs /proc/self/status' unless -r '/proc/self/status';
# A sanitizer build's harness sets XAPI_SANITIZER=1 (configure.ac, SAN_RUN).
# The whole file is the RSS check: it says SKIP in TAP and exits 77, which
# automake counts as a skip, not a pass.
if ($ENV{XAPI_SANITIZER}) {
    print "1..0 # SKIP RSS says nothing under ASan (freed memory is quarantined)\n";
    exit 77;
}
my $iterations = $ENV{XAPI_LEAK_ITERATIONS} || 20000;

sub rss_kb {
    open(my $fh, '<', '/proc/self/status') or die $!;
    while (<$fh>) { return $1 if /^VmRSS:\s+(\d+)/ }
    die 'no VmRSS';
}

socket(my $rx, AF_INET6, SOCK_DGRAM, 0) or die $!;
socket(my $tx, AF_INET6, SOCK_DGRAM, 0) or die $!;
Xapi::bind($rx, '::1', 0);
setsockopt_int($rx, IPPROTO_IPV6, IPV6_RECVHOPLIMIT, 1);
setsockopt_int($rx, IPPROTO_IPV6, IPV6_RECVPKTINFO, 1);
my $to = Xapi::getsockname($rx);
my $control = build_cmsgs([Xapi::Cmsg->hoplimit(5), Xapi::Cmsg->tclass(8)]);
my $lying = pack('H*', 'c80000000000000029000000340000000700000000000000');

sub round {
    sendmsg($tx, ["abc\0", 'def'], $to, [Xapi::Cmsg->hoplimit(7)]);
    my @r = recvmsg($rx, [2, 4, 8], 128);
    my $h = recvmsg($rx, [8], 0, MSG_DONTWAIT) if 0;
    my @items = parse_cmsgs($control);
    eval { parse_cmsgs($lying) };
    eval { recvmsg($rx, [8, -1]) };
    eval { recvmsg($rx, [8], 0, MSG_DONTWAIT) };
    eval { sendmsg($tx, ['x', {}], $to) };
    eval { sendmsg($tx, ['x'], ['no-such-address', 1]) };
    eval { sendmsg($tx, ['x'], $to, [[41, 52, "\x{100}"]]) };
    eval { Xapi::Cmsg->hoplimit(1000) };
    eval { Xapi::getsockname(-1) };
    return scalar @items;
}

round() for 1 .. 2000;    # warm up: arenas and caches settle
my $before = rss_kb();
round() for 1 .. $iterations;
my $after = rss_kb();
diag("RSS $before kB -> $after kB over $iterations rounds");
cmp_ok($after - $before, '<', 1024, 'RSS grows by less than 1 MiB');
done_testing();
