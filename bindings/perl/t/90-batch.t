# Batches: send_batch, recv_batch, recv_batch_into, recvmsg_into and
# Xapi::Batch over IPv6 loopback.  Expected values come from what was sent
# and from the kernel's rules (recvmmsg cuts each datagram to its slot and
# sets MSG_TRUNC; sendmmsg stops at a refused message).
use strict;
use warnings;
use Test::More;
use Scalar::Util ();
use Errno qw(EBADF ENOTSOCK EINVAL EAGAIN);
use Xapi qw(:all);

sub pair {
    my $rx = Xapi::socket(AF_INET6, SOCK_DGRAM);
    my $tx = Xapi::socket(AF_INET6, SOCK_DGRAM);
    Xapi::bind($rx, '::1', 0);
    Xapi::bind($tx, '::1', 0);
    return ($rx, $tx, Xapi::getsockname($rx));
}

my ($rx, $tx, $to) = pair();
setsockopt_int($rx, IPPROTO_IPV6, IPV6_RECVHOPLIMIT, 1);
my $txport = Xapi::getsockname($tx)->[1];

# ---- send and receive, per-message data, addresses and items ----------
is(send_batch($tx, [
    { data => "one", to => $to },
    { data => ["t", "wo\0", ""], to => $to, cmsgs => [Xapi::Cmsg->hoplimit(3)] },
    { data => "three\0\xff", to => $to, cmsgs => [[IPPROTO_IPV6, IPV6_HOPLIMIT, pack('i', 9)]] },
]), 3, 'three messages sent in one call');
my @m = recv_batch($rx, 8, 16, cmsg_space(4), 0, 2000);
is(scalar @m, 3, 'three received');
is_deeply([map { $_->[1] } @m], [["one"], ["two\0"], ["three\0\xff"]], 'data per message, NULs kept');
is_deeply([map { $_->[4] } @m], [3, 4, 7], 'byte counts');
is_deeply($m[0][0], ['::1', $txport], 'source address');
is_deeply([map { $_->[2][0]->hoplimit } @m], [64, 3, 9], 'per-message hop limit items');
is($m[0][3] & MSG_TRUNC, 0, 'no MSG_TRUNC');

# ---- per-message truncation --------------------------------------------
send_batch($tx, [map { { data => $_, to => $to } } "abcdefgh", "ab", "abcde"]);
my $r = recv_batch($rx, 3, 4, 0, 0, 2000);
is(ref $r, 'ARRAY', 'scalar context: an array ref');
is_deeply([map { $_->[1][0] } @$r], ['abcd', 'ab', 'abcd'], 'cut to the slot');
is_deeply([map { $_->[3] & MSG_TRUNC ? 1 : 0 } @$r], [1, 0, 1], 'MSG_TRUNC per message');
send_batch($tx, [{ data => "x" x 10, to => $to }]);
($r) = recv_batch($rx, 1, 2, 0, MSG_TRUNC, 2000);
is($r->[4], 10, 'MSG_TRUNC in flags: the real length');

# ---- partial batch, timeout, dontwait -----------------------------------
send_batch($tx, [map { { data => "p$_", to => $to } } 1 .. 2]);
@m = recv_batch($rx, 8, 8, 0, 0, 2000);
is(scalar @m, 2, 'fewer than count: what is queued');
ok(!eval { recv_batch($rx, 4, 8, 0, MSG_DONTWAIT); 1 }, 'empty, MSG_DONTWAIT croaks');
ok($!{EAGAIN}, '... with EAGAIN') and like($@, qr/^Xapi::recv_batch: .*\(EAGAIN\) at \S*90-batch\.t/, '... at the caller');
ok(!eval { recv_batch($rx, 4, 8, 0, 0, 30); 1 } && $!{EAGAIN}, 'timeout: EAGAIN');

# ---- errors part-way ------------------------------------------------------
my $bad = [IPPROTO_IPV6, IPV6_HOPLIMIT, "\0"];    # the kernel wants an int
my @msgs = ({ data => 'a', to => $to }, { data => 'b', to => $to, cmsgs => [$bad] },
            { data => 'c', to => $to });
is(send_batch($tx, \@msgs), 1, 'refused second message: 1 sent');
ok(!eval { send_batch($tx, [@msgs[1, 2]]); 1 }, 'the next call croaks');
is(0 + $!, EINVAL, '... with the kernel\'s EINVAL');
is(send_batch($tx, [$msgs[2]]), 1, 'the rest goes');
is_deeply([map { $_->[1][0] } recv_batch($rx, 4, 8, 0, 0, 2000)], ['a', 'c'], 'a and c arrived');
is(send_batch($tx, []), 0, 'an empty batch sends nothing');

# ---- receive into --------------------------------------------------------
send_batch($tx, [map { { data => $_, to => $to } } "abc\0", "defghijkl", "m"]);
my $buf;
@m = recv_batch_into($rx, \$buf, 8, 4, cmsg_space(4), 0, 2000);
is(scalar @m, 3, 'into: three');
is(length $buf, 32, 'the scalar grew to count * slot');
is_deeply([map { substr($buf, $_ * 8, $m[$_][1]) } 0 .. 2], ["abc\0", "defghijk", "m"], 'slots');
is($m[1][4], 8, 'nbytes of a cut message') and ok($m[1][3] & MSG_TRUNC, 'MSG_TRUNC');
is($m[0][2][0]->hoplimit, 64, 'items decoded');
my $addr_before = \$buf;
$buf = "Z" x 100;
send_batch($tx, [{ data => "q", to => $to }]);
@m = recv_batch_into($rx, \$buf, 8, 2, 0, 0, 2000);
is(length $buf, 100, 'a big enough scalar keeps its length');
is(substr($buf, 0, 2), "qZ", 'only the received bytes are written');

$buf = "\0" x 16;
sendmsg($tx, ["\0hi\0"], $to);
my ($from, $len, $cmsgs, $flags, $n) = recvmsg_into($rx, \$buf, cmsg_space(4));
is($len, 4, 'recvmsg_into: length') and is(substr($buf, 0, $len), "\0hi\0", 'bytes');
is(length $buf, 16, 'length unchanged');
is_deeply($from, ['::1', $txport], 'source');
sendmsg($tx, ["abcdef"], $to);
my $h = recvmsg_into($rx, \$buf, 0, MSG_TRUNC, 2);
is_deeply([@$h{qw(len nbytes)}], [2, 6], 'scalar context: hash, size argument');
ok($h->{flags} & MSG_TRUNC, 'MSG_TRUNC');

# A scalar sharing its buffer with another (copy-on-write) is unshared
# first: the other keeps its bytes.
my $orig = "\0" x 16;
my $copy = $orig;
sendmsg($tx, ["cow"], $to);
recvmsg_into($rx, \$copy);
is(substr($copy, 0, 3), 'cow', 'the copy received') and is($orig, "\0" x 16, 'the original is untouched');
# undef becomes a string; a recv into a 0-byte scalar reports the real size.
my $undef;
sendmsg($tx, ["zz"], $to);
($from, $len, $cmsgs, $flags, $n) = recvmsg_into($rx, \$undef, 0, MSG_TRUNC);
is_deeply([$undef, $len, $n], ['', 0, 2], 'undef: an empty string, 0 bytes in, real size 2');

# ---- Xapi::Batch objects -----------------------------------------------
my $b = Xapi::Batch->new(count => 4, size => 8, ancsize => cmsg_space(4), hash => 1);
is($b->capacity, 4, 'capacity');
is($b->send($tx, [map { { data => "o$_", to => $to } } 1 .. 3]), 3, 'object send');
my @o = $b->recv($rx, 0, 2000);
is_deeply([map { $_->{data}[0] } @o], [qw(o1 o2 o3)], 'object recv, hashes');
ok(!eval { $b->send($tx, [({ data => 'x', to => $to }) x 5]); 1 }, 'more than capacity');
like($@, qr/bad argument messages/, '... names messages');

# ---- Xapi::Batch views mode: [address, data, \%views, flags, nbytes] -----
# Expected values: the hop limits and traffic classes set per message, the
# kernel's default hop limit for lo (its sysctl), lo's ifindex (sysfs), the
# destination ::1 for pktinfo.
sub slurp_int {
    my ($path, $default) = @_;
    open(my $fh, '<', $path) or return $default;
    my $v = <$fh>;
    return defined $v && $v =~ /^\s*(\d+)/ ? $1 : $default;
}
my $lo_ifindex = slurp_int('/sys/class/net/lo/ifindex', undef);
my $lo_hoplimit = slurp_int('/proc/sys/net/ipv6/conf/lo/hop_limit', 64);
my ($vrx, $vtx, $vto) = pair();
setsockopt_int($vrx, IPPROTO_IPV6, $_, 1) for IPV6_RECVPKTINFO, IPV6_RECVHOPLIMIT, IPV6_RECVTCLASS;
my $vtxport = Xapi::getsockname($vtx)->[1];
my $vanc = cmsg_space(20) + 2 * cmsg_space(4);
my $vb = Xapi::Batch->new(count => 8, size => 16, ancsize => $vanc, views => 1);
is(send_batch($vtx, [
    { data => "v\0one", to => $vto, cmsgs => [Xapi::Cmsg->hoplimit(1)] },
    { data => "\0", to => $vto, cmsgs => [Xapi::Cmsg->hoplimit(200), Xapi::Cmsg->tclass(0x28)] },
    { data => "plain", to => $vto },
    { data => "x" x 20, to => $vto, cmsgs => [Xapi::Cmsg->hoplimit(255)] },
]), 4, 'views: four sent');
my @v = $vb->recv($vrx, 0, 2000);
is(scalar @v, 4, 'views: four received');
is_deeply([map { ref $_ } @v], [('ARRAY') x 4], 'views: each message an array ref');
is_deeply([map { scalar @$_ } @v], [(5) x 4], '... of five');
is_deeply([map { $_->[1] } @v], ["v\0one", "\0", "plain", "x" x 16], 'views: data a byte string, NULs kept, cut to the slot');
is_deeply([map { $_->[4] } @v], [5, 1, 5, 16], 'views: byte counts (what arrived)');
is_deeply([map { $_->[3] & MSG_TRUNC ? 1 : 0 } @v], [0, 0, 0, 1], 'views: MSG_TRUNC per message');
is_deeply([map { $_->[0] } @v], [(['::1', $vtxport]) x 4], 'views: source addresses');
is_deeply([map { ref $_->[2] } @v], [('HASH') x 4], 'views: a plain (unblessed) hash');
is_deeply([map { $_->[2]{hoplimit} } @v], [1, 200, $lo_hoplimit, 255], 'views: hop limit per message');
is_deeply([map { $_->[2]{tclass} } @v], [0, 0x28, 0, 0], 'views: traffic class per message');
SKIP: {
    skip 'no /sys/class/net/lo/ifindex', 1 unless defined $lo_ifindex;
    is_deeply([map { $_->[2]{pktinfo} } @v], [(['::1', $lo_ifindex]) x 4],
              'views: pktinfo [destination, lo\'s ifindex]');
}
is_deeply([sort keys %{ $v[0][2] }], [qw(hoplimit pktinfo tclass)], 'views: only the typed items\' names');
ok(!grep({ ref $_ ne 'ARRAY' } map { $_->[2]{pktinfo} } @v), 'views: pktinfo a plain array');
$v[0][2]{pktinfo}[0] .= 'changed';
is($v[1][2]{pktinfo}[0], '::1', 'views: each message\'s values its own');

# hash => 1: hashes; scalar context: one array ref; a cut item: no view.
# A views batch rewrites the messages of its previous receive in place
# when nothing holds them any more (swig/perl/batch.i): what a caller
# still holds, whole or in part, keeps its values.
{
    my $rb = Xapi::Batch->new(count => 4, size => 16, ancsize => $vanc, views => 1);
    my $send = sub {
        my ($hl, @data) = @_;
        send_batch($vtx, [map { { data => $_, to => $vto,
                                  cmsgs => [Xapi::Cmsg->hoplimit($hl)] } } @data]);
    };
    $send->(5, 'a1', 'a2', 'a3');
    my @first = $rb->recv($vrx, 0, 2000);
    my $kept = $first[0];                      # a whole message
    my $kept_views = $first[1][2];             # one message's views hash
    my $kept_pi = $first[2][2]{pktinfo};       # one value
    my $kept_data = \$first[2][1];             # one scalar, by reference
    @first = ();
    for my $round (1 .. 3) {
        my $hl = 10 + $round;
        $send->($hl, "b$round", "cc$round", "d$round", "e$round");
        my $got = $rb->recv($vrx, 0, 2000);
        is_deeply([map { [$_->[1], $_->[2]{hoplimit}, $_->[4], $_->[0]] } @$got],
                  [map { [$_, $hl, length, ['::1', $vtxport]] } "b$round", "cc$round", "d$round", "e$round"],
                  "views, receive $round after another: every value the new message's");
        is_deeply([sort keys %{ $got->[0][2] }], [qw(hoplimit pktinfo tclass)], "views, receive $round: only the new message's keys");
        is($got->[2][2]{pktinfo}[0], '::1', "views, receive $round: pktinfo");
        $got->[3][1] .= 'scribbled';           # changed, then dropped
        $got->[3][2]{extra} = 1;
        delete $got->[2][2]{hoplimit};
    }
    is_deeply([$kept->[1], $kept->[2]{hoplimit}], ['a1', 5], 'views: a message still held keeps its values');
    is($kept_views->{hoplimit}, 5, 'views: a views hash still held keeps its values');
    is_deeply($kept_pi, ['::1', $lo_ifindex // $kept_pi->[1]], 'views: a value still held keeps its values');
    is($$kept_data, 'a3', 'views: a scalar still referred to keeps its bytes');
    # A message made special by its caller (a tied element, a weak
    # reference) is never rewritten.
    $send->(21, 'f1');
    my ($m) = $rb->recv($vrx, 0, 2000);
    my $weak = $m;
    Scalar::Util::weaken($weak);
    undef $m;
    $send->(22, 'g1');
    my ($g) = $rb->recv($vrx, 0, 2000);
    ok(!defined $weak, 'views: a weakened message is let go at the next receive, not rewritten');
    is_deeply([$g->[1], $g->[2]{hoplimit}], ['g1', 22], 'views: after a weakened message');
}
my $vh = Xapi::Batch->new(count => 2, size => 4, ancsize => $vanc, views => 1, hash => 1);
send_batch($vtx, [{ data => "h\0", to => $vto, cmsgs => [Xapi::Cmsg->hoplimit(9)] }]);
my $hv = $vh->recv($vrx, 0, 2000);
is(ref $hv, 'ARRAY', 'views, scalar context: an array ref');
is_deeply([sort keys %{ $hv->[0] }], [qw(address data flags nbytes views)], 'views, hash: the keys');
is_deeply([@{ $hv->[0] }{qw(data nbytes)}, $hv->[0]{views}{hoplimit}, $hv->[0]{address}],
          ["h\0", 2, 9, ['::1', $vtxport]], 'views, hash: the values');
my $vcut = Xapi::Batch->new(count => 1, size => 4, ancsize => cmsg_space(4), views => 1);
send_batch($vtx, [{ data => "c", to => $vto, cmsgs => [Xapi::Cmsg->hoplimit(3)] }]);
my ($cut) = $vcut->recv($vrx, 0, 2000);
ok($cut->[3] & MSG_CTRUNC, 'views, ancillary space for one int: MSG_CTRUNC');
ok(!exists $cut->[2]{pktinfo}, '... the cut pktinfo gets no view');
is($cut->[1], 'c', '... the data arrives');
my $v0 = Xapi::Batch->new(count => 1, ancsize => $vanc, views => 1);
send_batch($vtx, [{ data => "zero", to => $vto }]);
my ($z) = $v0->recv($vrx, MSG_TRUNC, 2000);
is_deeply([$z->[1], $z->[4], $z->[2]{hoplimit}], ['', 4, $lo_hoplimit], 'views, size 0: "" not undef; MSG_TRUNC: the real length');
ok(!eval { $vb->recv($vrx, MSG_DONTWAIT); 1 } && $!{EAGAIN}, 'views: empty, MSG_DONTWAIT croaks with EAGAIN');
ok(!eval { Xapi::Batch->new(count => 1, view => 1); 1 }, 'a misspelt views croaks');
like($@, qr/bad argument view: not one of .*views/, '... naming it');

# ---- bad input -----------------------------------------------------------
open(my $null, '<', '/dev/null') or die;
my $closed = do { open(my $fh, '<', '/dev/null') or die; my $fd = fileno $fh; close $fh; $fd };
my @bad = (
    [sub { recv_batch($rx, 0, 8) }, qr/bad argument count/],
    [sub { recv_batch($rx, -1, 8) }, qr/bad argument count/],
    [sub { recv_batch($rx, 2**40, 8) }, qr/bad argument count/],
    [sub { recv_batch($rx, 'abc', 8) }, qr/bad argument count/],
    [sub { recv_batch($rx, 2, -1) }, qr/bad argument size/],
    [sub { recv_batch($rx, 2, 2**40) }, qr/bad argument size/],
    [sub { recv_batch($rx, 1024, 2**29) }, qr/bad argument size/],
    [sub { recv_batch($rx, 2, 8, -1) }, qr/bad argument ancsize/],
    [sub { recv_batch($rx, 2, 8, 2**40) }, qr/bad argument ancsize/],
    [sub { recv_batch($rx, 2, 8, 0, 'x') }, qr/bad argument flags/],
    [sub { send_batch($tx, {}) }, qr/bad argument messages/],
    [sub { send_batch($tx, [42]) }, qr/bad argument messages/],
    [sub { send_batch($tx, [{ to => $to }]) }, qr/bad argument messages: .*no data/],
    [sub { send_batch($tx, [{ data => 'x', too => $to }]) }, qr/bad argument messages: .*key/],
    [sub { send_batch($tx, [{ data => {}, to => $to }]) }, qr/bad argument data/],
    [sub { send_batch($tx, [{ data => ['ok', {}], to => $to }]) }, qr/bad argument data/],
    [sub { send_batch($tx, [{ data => "\x{100}", to => $to }]) }, qr/bad argument data/],
    [sub { send_batch($tx, [{ data => 'x', to => ['nowhere', 1] }]) }, qr/bad argument to/],
    [sub { send_batch($tx, [{ data => 'x', to => $to, cmsgs => [42] }]) }, qr/bad argument cmsgs/],
    [sub { send_batch($tx, [({ data => 'x', to => $to }) x 1025]) }, qr/bad argument messages/],
    [sub { recvmsg_into($rx, 'notref') }, qr/bad argument buf/],
    [sub { recvmsg_into($rx, []) }, qr/bad argument buf/],
    [sub { recvmsg_into($rx, \"constant") }, qr/bad argument buf: a read-only/],
    [sub { my $u = "\x{100}"; recvmsg_into($rx, \$u) }, qr/bad argument buf: .*above 0xFF/],
    [sub { my $x = ''; recvmsg_into($rx, \$x, 0, 0, -1) }, qr/bad argument size/],
    [sub { my $x = ''; recvmsg_into($rx, \$x, 0, 0, 2**40) }, qr/bad argument size/],
    [sub { my $x = ''; recv_batch_into($rx, \$x, -1, 2) }, qr/bad argument slot/],
    [sub { my $x = ''; recv_batch_into($rx, \$x, 8, -1) }, qr/bad argument count/],
    [sub { Xapi::Batch->new(count => 0) }, qr/bad argument count/],
    [sub { Xapi::Batch->new(size => 8) }, qr/bad argument count/],
    [sub { Xapi::Batch::recv('Xapi::Batch', $rx) }, qr/bad argument self/],
);
for my $t (@bad) {
    local $! = 0;
    ok(!eval { $t->[0]->(); 1 }, "bad input croaks: $t->[1]");
    like($@, $t->[1], '... naming the argument');
    is(0 + $!, 0, '... $! untouched');
}
for my $t ([sub { recv_batch($closed, 2, 8, 0, MSG_DONTWAIT) }, EBADF],
           [sub { recv_batch($null, 2, 8, 0, MSG_DONTWAIT) }, ENOTSOCK],
           [sub { send_batch($closed, [{ data => 'x' }]) }, EBADF],
           [sub { send_batch(fileno $null, [{ data => 'x' }]) }, ENOTSOCK],
           [sub { my $x = "\0" x 8; recvmsg_into($closed, \$x, 0, MSG_DONTWAIT) }, EBADF]) {
    ok(!eval { $t->[0]->(); 1 }, 'bad descriptor croaks');
    is(0 + $!, $t->[1], '... with $! ' . $t->[1]);
}

# ---- no leaks --------------------------------------------------------------
SKIP: {
    # XAPI_SANITIZER=1: a sanitizer build's harness (configure.ac, SAN_RUN).
    skip 'RSS says nothing under ASan (freed memory is quarantined)', 2 if $ENV{XAPI_SANITIZER};
    sub rss_kb {
        open(my $fh, '<', '/proc/self/status') or return 0;
        while (<$fh>) { return $1 if /^VmRSS:\s+(\d+)/ }
        return 0;
    }
    my $round = sub {
        send_batch($tx, [{ data => "abc\0", to => $to, cmsgs => [Xapi::Cmsg->hoplimit(7)] },
                         { data => ['d', 'e'], to => $to }]);
        my @got = recv_batch($rx, 4, 8, 64, 0, 2000);
        send_batch($tx, [{ data => "xyz", to => $to }]);
        my $x = '';
        recv_batch_into($rx, \$x, 8, 2, 64, 0, 2000);
        eval { recv_batch($rx, 2, 8, 0, MSG_DONTWAIT) };
        eval { send_batch($tx, [{ data => {}, to => $to }]) };
        eval { recvmsg_into($rx, \"ro") };
        eval { $b->recv($rx, MSG_DONTWAIT) };
    };
    $round->() for 1 .. 500;
    my $before = rss_kb();
    $round->() for 1 .. ($ENV{XAPI_LEAK_ITERATIONS} || 5000);
    my $after = rss_kb();
    diag("RSS $before kB -> $after kB");
    cmp_ok($after - $before, '<', 1024, 'no leak over many rounds');

    # Views mode: the same, with every item a view and errors in between.
    my $vround = sub {
        send_batch($vtx, [{ data => "ab\0", to => $vto, cmsgs => [Xapi::Cmsg->hoplimit(7)] },
                          { data => "c", to => $vto }]);
        my @got = $vb->recv($vrx, 0, 2000);
        die "views: got @{[scalar @got]}" unless @got == 2 && $got[0][2]{hoplimit} == 7;
        send_batch($vtx, [{ data => "d", to => $vto }]);
        my $h = $vh->recv($vrx, 0, 2000);
        send_batch($vtx, [{ data => "e", to => $vto }]);
        $vcut->recv($vrx, 0, 2000);
        eval { $vb->recv($vrx, MSG_DONTWAIT) };
    };
    $vround->() for 1 .. 500;
    $before = rss_kb();
    $vround->() for 1 .. ($ENV{XAPI_LEAK_ITERATIONS} || 5000);
    $after = rss_kb();
    diag("views: RSS $before kB -> $after kB");
    cmp_ok($after - $before, '<', 1024, 'views: no leak over many rounds');
}
done_testing();
