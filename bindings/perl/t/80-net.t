# The lab topic against the real kernel: sockets in other network
# namespaces (socket_netns) and the error queue (recv_errqueue, the
# sock_err and pathmtu views), across tests/lab/lab.sh's A - R - B
# (docs/lab.md).  Expected values come from the RFCs (RFC 8200: R
# decrements the hop limit; RFC 4443: Time Exceeded type 3 code 0, Packet
# Too Big type 2 with the next-hop MTU) and the topology, never from Xapi.
# Needs root (namespaces); skipped with the reason otherwise.
use strict;
use warnings;
use Test::More;
use Cwd qw(abs_path);
use File::Basename qw(dirname);
use Errno qw(EHOSTUNREACH EMSGSIZE ENOENT EAGAIN);
use Time::HiRes qw(sleep);
use Xapi qw(:all);

plan skip_all => 'needs root: the lab uses network namespaces' if $> != 0;
my $lab_sh = $ENV{XAPI_LAB_SH}
    // abs_path(dirname(abs_path($0)) . '/../../../tests/lab/lab.sh');
plan skip_all => "needs tests/lab/lab.sh (not found at $lab_sh)"
    unless defined $lab_sh && -x $lab_sh;

my $prefix = "xlpl$$";
my $up = 0;
END { system($lab_sh, 'down', $prefix) if $up && $$ == $main::owner }
our $owner = $$;
my $out = `'$lab_sh' up $prefix 2>&1`;
if ($? >> 8 == 77) { plan skip_all => "the lab cannot run here: $out" }
$up = 1;
die "lab.sh up failed: $out" if $?;
my %lab = map { /\A(\w+)=(.*)\z/ ? ($1, $2) : () } split /\n/, `'$lab_sh' env $prefix`;
my ($A, $B) = @lab{qw(LAB_A LAB_B)};
my ($r_a, $b_addr) = @lab{qw(LAB_R_A_ADDR LAB_B_ADDR)};
my $port = 5555;

# ---- socket_netns -----------------------------------------------------------
my $rx = socket_netns($B, AF_INET6, SOCK_DGRAM);
ok(defined fileno $rx, 'a socket in B is a file handle');
Xapi::bind($rx, $b_addr, $port);    # only B has this address
is_deeply(Xapi::getsockname($rx), [$b_addr, $port], 'bound to B\'s address');
my $tx = socket_netns("/run/netns/$A", AF_INET6, SOCK_DGRAM);
ok(defined fileno $tx, 'a namespace given as a path');
ok(!eval { socket_netns("$prefix-none", AF_INET6, SOCK_DGRAM); 1 }, 'missing namespace');
is(0 + $!, ENOENT, '... ENOENT');
like($@, qr/^Xapi::socket_netns: .*\(ENOENT\) at \S*80-net\.t/, '... croaks at the caller');
ok(!eval { socket_netns('..', AF_INET6, SOCK_DGRAM); 1 }, '".." refused');
like($@, qr/bad argument netns/, '... as a bad argument');
ok(!eval { Xapi::bind(Xapi::socket(AF_INET6, SOCK_DGRAM), $b_addr, 0); 1 },
   'the host namespace does not have B\'s address: the thread came back');

# Hop limit across R: sent 10, B sees 9.
setsockopt_int($rx, IPPROTO_IPV6, IPV6_RECVHOPLIMIT, 1);
sendmsg($tx, ['across'], [$b_addr, $port], [Xapi::Cmsg->hoplimit(10)]);
my ($from, $data, $cmsgs) = recvmsg($rx, [64], 64);
is($data->[0], 'across', 'B receives from A');
is($cmsgs->[0]->hoplimit, 9, 'R decremented the hop limit once');
is($from->[0], $lab{LAB_A_ADDR}, 'from A\'s address');

# ---- the error queue: Time Exceeded from R ----------------------------------
sub errqueue {
    my ($s) = @_;
    for (1 .. 500) {
        my @r = eval { recv_errqueue($s) };
        return @r if @r;
        die $@ unless $!{EAGAIN};
        sleep 0.01;
    }
    die "nothing in the error queue within 5 seconds\n";
}
ok(!eval { recv_errqueue($tx); 1 } && $! == EAGAIN, 'an empty queue: EAGAIN, never waits');
setsockopt_int($tx, IPPROTO_IPV6, IPV6_RECVERR, 1);
sendmsg($tx, ['expires_at_R'], [$b_addr, $port], [Xapi::Cmsg->hoplimit(1)]);
my ($eaddr, $edata, $ecmsgs, $eflags, $en) = errqueue($tx);
is($edata->[0], 'expires_at_R', 'the failed datagram\'s payload');
is_deeply($eaddr, [$b_addr, $port], 'its destination');
ok($eflags & MSG_ERRQUEUE, 'MSG_ERRQUEUE in msg_flags');
is(scalar @$ecmsgs, 1, 'one item');
my $e = $ecmsgs->[0]->sock_err;
is($ecmsgs->[0]->view, 'sock_err', 'the sock_err view');
is_deeply([@$e{qw(errno origin type code)}], [EHOSTUNREACH, SO_EE_ORIGIN_ICMP6, 3, 0],
          'EHOSTUNREACH, ICMPv6 Time Exceeded, hop limit exceeded in transit');
is($e->{offender}, $r_a, 'offender: R on A\'s side');
ok(!eval { recvmsg($rx, [64], 0, MSG_DONTWAIT); 1 } && $! == EAGAIN, 'nothing reached B');
sendmsg($tx, ['again'], [$b_addr, $port], [Xapi::Cmsg->hoplimit(1)]);
vec(my $rin = '', fileno $tx, 1) = 1;    # a queued error makes it readable
select(my $rout = $rin, undef, undef, 5);
my $h = recv_errqueue($tx);
is(ref $h, 'HASH', 'scalar context: a hash') and is($h->{data}[0], 'again', '... its data');

# ---- Packet Too Big, the local error and the IPV6_PATHMTU item ----------------
my $pm = socket_netns($A, AF_INET6, SOCK_DGRAM);
setsockopt_int($pm, IPPROTO_IPV6, $_, 1) for IPV6_DONTFRAG, IPV6_RECVPATHMTU, IPV6_RECVERR;
Xapi::connect($pm, $b_addr, $port);
is(sendmsg($pm, ['x' x 1400]), 1400, '1400 bytes leave A (its link is 1500)');
($eaddr, $edata, $ecmsgs) = errqueue($pm);
$e = $ecmsgs->[0]->sock_err;
is_deeply([@$e{qw(errno origin type code info)}],
          [EMSGSIZE, SO_EE_ORIGIN_ICMP6, 2, 0, 1280], 'Packet Too Big from R, MTU 1280');
is($e->{offender}, $r_a, '... sent by R');
is(length $edata->[0], 1280 - 40 - 8 - 40 - 8, 'R quoted what fits in 1280 bytes');
ok(!eval { sendmsg($pm, ['x' x 1400]); 1 }, 'the next 1400-byte send fails');
is(0 + $!, EMSGSIZE, '... EMSGSIZE');
($eaddr, $edata, $ecmsgs) = errqueue($pm);
$e = $ecmsgs->[0]->sock_err;
is_deeply([@$e{qw(errno origin info)}], [EMSGSIZE, SO_EE_ORIGIN_LOCAL, 1280], 'a local error');
ok(!defined $e->{offender}, '... with no offender');
my $m = recvmsg($pm, [64], 256, MSG_DONTWAIT);
my ($pmtu) = grep { $_->view && $_->view eq 'pathmtu' } @{ $m->{cmsgs} };
ok($pmtu, 'an IPV6_PATHMTU item');
is_deeply($pmtu && $pmtu->pathmtu, { addr => $b_addr, ifindex => 0, mtu => 1280 },
          '... MTU 1280 toward B') or diag explain $pmtu;
is(sendmsg($pm, ['x' x 1232]), 1232, '1232 + 8 + 40 = 1280 bytes go through');
done_testing();
