# Bad input to the RFC 3542, lab and batch calls: every one croaks with a
# clear message (an argument error naming the argument, $! unchanged; an OS
# error with $! set) and never crashes, writes where it must not or reads
# memory that a tied FETCH freed.  Run it under valgrind or with an
# ASan-built module too: most of these were crashes or silent misreads.
use strict;
use warnings;
use Test::More;
use Errno qw(E2BIG EBADF ENOTSOCK EAGAIN);
use Xapi qw(:all);

# A tied scalar: FETCH counts its calls and may run a side effect first.
package Tie::Probe {
    sub TIESCALAR { my ($c, $v, $cb) = @_; bless { v => $v, cb => $cb, n => 0 }, $c }
    sub FETCH { my $s = shift; $s->{n}++; $s->{cb}->() if $s->{cb}; $s->{v} }
    sub STORE { $_[0]{v} = $_[1] }
}
package main;

my $FILE = quotemeta __FILE__;

# An argument error: the message names the call and the argument, the croak
# names this file's line, and $! is left as it was.
sub arg_err {
    my ($code, $fn, $arg, $why, $name) = @_;
    $! = E2BIG;
    my $ok = eval { $code->(); 1 };
    my $errno = 0 + $!;
    ok(!$ok, "$name: croaks");
    like($@, qr/^Xapi::\Q$fn\E: bad argument \Q$arg\E: .*?$why.*? at $FILE line \d+/,
         "$name: message");
    is($errno, E2BIG, "$name: \$! unchanged");
}

# An OS error: $! is the kernel's errno, the message names it.
sub os_err {
    my ($code, $fn, $errno, $ename, $name) = @_;
    $! = 0;
    my $ok = eval { $code->(); 1 };
    my $got = 0 + $!;
    ok(!$ok, "$name: croaks");
    like($@, qr/^Xapi::\Q$fn\E: .*\($ename\) at $FILE line \d+/, "$name: message");
    is($got, $errno, "$name: \$! is $ename");
}

my $rx = Xapi::socket(AF_INET6, SOCK_DGRAM);
my $tx = Xapi::socket(AF_INET6, SOCK_DGRAM);
Xapi::bind($rx, '::1', 0);
my $to = Xapi::getsockname($rx);
Xapi::connect($tx, @$to);
sub ping { Xapi::sendmsg($tx, [$_[0] // 'datagram']) }
sub drain { eval { recv_batch($rx, 1024, 64, 0, MSG_DONTWAIT) } }

# ---- wrong types and numbers, one table for every entry point --------------
my $closed = Xapi::socket(AF_INET6, SOCK_DGRAM);
close $closed;
open my $file, '<', __FILE__ or die;
my $opt = opt_build([[0x1e, 1, 'ab']]);
my $rth = rth_build(0, ['2001:db8::1', '2001:db8::2']);
my $srh = srh_build(segments => ['2001:db8::1']);

my @bad = (
    # [name, code, fn, arg, why]
    ['filter_new href', sub { icmp6_filter_new({}) }, 'icmp6_filter_new', 'mode', qr/a reference/],
    ['filter_new bogus', sub { icmp6_filter_new('open') }, 'icmp6_filter_new', 'mode', qr/'open' is not 'pass' or 'block'/],
    ['set_pass type nan', sub { icmp6_filter_new()->set_pass('nan') }, 'ICMP6Filter::set_pass', 'type', qr/out of range/],
    ['set_pass type 256', sub { icmp6_filter_new()->set_pass(256) }, 'ICMP6Filter::set_pass', 'type', qr/256 is not an ICMPv6 type/],
    ['will_pass on hash', sub { Xapi::ICMP6Filter::will_pass({}, 1) }, 'ICMP6Filter::will_pass', 'self', qr/not an Xapi::ICMP6Filter/],
    ['from_bytes short', sub { Xapi::ICMP6Filter->from_bytes('x' x 31) }, 'ICMP6Filter::from_bytes', 'bytes', qr/holds 31 bytes, a filter is 32/],
    ['set_icmp6_filter code', sub { set_icmp6_filter($rx, sub {}) }, 'set_icmp6_filter', 'filter', qr/not an Xapi::ICMP6Filter/],
    ['get_pathmtu href', sub { get_pathmtu({}) }, 'get_pathmtu', 'sock', qr/not a file handle or a descriptor/],
    ['nexthop wide', sub { nexthop("\x{100}::1") }, 'nexthop', 'addr', qr/above 0xFF/],
    ['nexthop v4', sub { nexthop('192.0.2.1') }, 'nexthop', 'addr', qr/not an IPv6 address/],
    ['rth_space 1e30', sub { rth_space(0, '1e30') }, 'rth_space', 'segments', qr/out of range/],
    ['rth_space -0 type 9', sub { rth_space(9, '-0') }, 'rth_space', 'type', qr/routing type 9/],
    ['rth_init inf', sub { rth_init(0, 'inf') }, 'rth_init', 'segments', qr/out of range/],
    ['rth_build 128', sub { rth_build(0, [('::1') x 128]) }, 'rth_build', 'addrs', qr/128 addresses, at most 127/],
    ['rth_build huge', sub { rth_build(0, [('::1') x 100000]) }, 'rth_build', 'addrs', qr/100000 addresses/],
    ['rth_build hole', sub { my @a; $a[1] = '::1'; rth_build(0, \@a) }, 'rth_build', 'addrs', qr/element 0 is missing/],
    ['rth_add const', sub { rth_add(\'constant', '::1') }, 'rth_add', 'buf', qr/read-only/],
    ['rth_add lying', sub { my $b = "\0\x7f\0\0\0\0\0\0"; rth_add(\$b, '::1') }, 'rth_add', 'buf', qr/Hdr Ext Len 127 means 1024 bytes, only 8 given/],
    ['rth_getaddr 1e30', sub { rth_getaddr($rth, '1e30') }, 'rth_getaddr', 'index', qr/out of range/],
    ['rth_getaddr past', sub { rth_getaddr($rth, 2) }, 'rth_getaddr', 'index', qr/outside the 2 addresses/],
    ['rth_segments truncated', sub { rth_segments(substr($rth, 0, 20)) }, 'rth_segments', 'bytes', qr/only 20 given/],
    ['rth_reverse code', sub { rth_reverse(sub {}) }, 'rth_reverse', 'bytes', qr/a reference/],
    ['rth_reverse_in_place glob', sub { rth_reverse_in_place(\*STDOUT) }, 'rth_reverse_in_place', 'buf', qr/not a reference to a scalar/],
    ['srh_build odd', sub { srh_build('segments') }, 'srh_build', 'args', qr/odd number/],
    ['srh_build no segments', sub { srh_build(segments => []) }, 'srh_build', 'segments', qr/0 segments/],
    ['srh_build tlv 7', sub { srh_build(segments => ['::1'], tlv => 'x' x 7) }, 'srh_build', 'tlv', qr/not a multiple of 8/],
    ['srh_build tag -1', sub { srh_build(segments => ['::1'], tag => -1) }, 'srh_build', 'tag', qr/out of range/],
    ['srh_parse truncated', sub { srh_parse(substr($srh, 0, 12)) }, 'srh_parse', 'bytes', qr/only 12 given/],
    ['srh_parse lying last entry', sub { srh_parse("\0\x02\x04\0\x05\0\0\0" . "\0" x 16) }, 'srh_parse', 'bytes', qr/Last Entry 5/],
    ['opt_build href', sub { opt_build([{}]) }, 'opt_build', 'options', qr/element 0 is not \[type, align, data\]/],
    ['opt_build align 3', sub { opt_build([[0x1e, 3, 'abc']]) }, 'opt_build', 'align', qr/alignment 3/],
    ['opt_build 256 bytes', sub { opt_build([[0x1e, 1, 'x' x 256]]) }, 'opt_build', 'data', qr/more than 255/],
    ['opt_build huge list', sub { opt_build([([0x1e, 1, '']) x 100000]) }, 'opt_build', 'options', qr/cannot fit 2048 bytes/],
    ['opt_parse lying length', sub { opt_parse("\0\0\x1e\x10ab\0\0") }, 'opt_parse', 'bytes', qr/runs past the header/],
    ['opt_find type 256', sub { opt_find($opt, 256) }, 'opt_find', 'type', qr/not 2\.\.255/],
    ['opt_get_val huge', sub { opt_get_val('abcd', 0, 2**40) }, 'opt_get_val', 'len', qr/out of range 0\.\.2048/],
    ['opt_get_val -1', sub { opt_get_val('abcd', -1, 1) }, 'opt_get_val', 'offset', qr/outside the 4 data bytes/],
    ['ip6opt_type 256', sub { ip6opt_type(256) }, 'ip6opt_type', 'type', qr/not an option type/],
    ['router_alert 65536', sub { router_alert(65536) }, 'router_alert', 'value', qr/not 0\.\.65535/],
    ['inet6_opt_init 12', sub { my $e = "\0" x 16; inet6_opt_init(\$e, 12) }, 'inet6_opt_init', 'extlen', qr/multiple of 8/],
    ['inet6_opt_init past buffer', sub { my $e = "\0"; inet6_opt_init(\$e, 16) }, 'inet6_opt_init', 'extlen', qr/past the buffer's 1 bytes/],
    ['inet6_opt_append len 2**40', sub { my $e = "\0" x 16; inet6_opt_append(\$e, 16, 2, 0x1e, 2**40, 1) }, 'inet6_opt_append', 'len', qr/at most 255/],
    ['inet6_opt_finish offset nan', sub { inet6_opt_finish(undef, 16, 'nan') }, 'inet6_opt_finish', 'offset', qr/out of range/],
    ['inet6_opt_next typep const', sub { my ($l, $d); inet6_opt_next($opt, 8, 0, \1, \$l, \$d) }, 'inet6_opt_next', 'typep', qr/writable scalar/],
    ['inet6_opt_find lying', sub { my ($l, $d); inet6_opt_find("\0\x05\x1e\x02ab\0\0", 8, 0, 0x1e, \$l, \$d) }, 'inet6_opt_find', 'extbuf', qr/Hdr Ext Len 5 means 48 bytes/],
    ['inet6_opt_get_val hash view', sub { my $v; inet6_opt_get_val(bless({}, 'Xapi::RFC3542::OptData'), 0, \$v, 1) }, 'inet6_opt_get_val', 'databuf', qr/not a data view/],
    ['inet6_opt_set_val damaged view', sub { inet6_opt_set_val(bless([], 'Xapi::RFC3542::OptData'), 0, 'a') }, 'inet6_opt_set_val', 'databuf', qr/a damaged data view/],
    ['inet6_opt_set_val view past', sub { my $e = "\0" x 16; inet6_opt_set_val(bless([\$e, 14, 4], 'Xapi::RFC3542::OptData'), 0, 'a') }, 'inet6_opt_set_val', 'databuf', qr/holds only 16 bytes/],
    ['socket_netns empty', sub { socket_netns('', AF_INET6, SOCK_DGRAM) }, 'socket_netns', 'netns', qr/names no namespace/],
    ['socket_netns NUL', sub { socket_netns("a\0b", AF_INET6, SOCK_DGRAM) }, 'socket_netns', 'netns', qr/NUL/],
    ['socket_netns href', sub { socket_netns({}, AF_INET6, SOCK_DGRAM) }, 'socket_netns', 'netns', qr/a reference/],
    ['recv_errqueue size 2**40', sub { recv_errqueue($rx, 2**40) }, 'recv_errqueue', 'size', qr/out of range/],
    ['recv_errqueue ancsize -1', sub { recv_errqueue($rx, 10, -1) }, 'recv_errqueue', 'ancsize', qr/out of range/],
    ['send_batch 1025', sub { send_batch($tx, [({ data => 'x' }) x 1025]) }, 'send_batch', 'messages', qr/more than 1024/],
    ['send_batch not a hash', sub { send_batch($tx, [['x']]) }, 'send_batch', 'messages', qr/message 0 is not a hash reference/],
    ['send_batch extra key', sub { send_batch($tx, [{ data => 'x', ttl => 1 }]) }, 'send_batch', 'messages', qr/a key other than data, to, cmsgs/],
    ['send_batch data href', sub { send_batch($tx, [{ data => {} }]) }, 'send_batch', 'data', qr/not a byte string or an array reference/],
    ['send_batch data wide', sub { send_batch($tx, [{ data => "\x{100}" }]) }, 'send_batch', 'data', qr/above 0xFF/],
    ['send_batch to href', sub { send_batch($tx, [{ data => 'x', to => {} }]) }, 'send_batch', 'to', qr/not \[host, port\]/],
    ['send_batch cmsgs string', sub { send_batch($tx, [{ data => 'x', cmsgs => 'x' }]) }, 'send_batch', 'cmsgs', qr/not an array reference/],
    ['send_batch cmsgs 100000', sub { send_batch($tx, [{ data => 'x', cmsgs => [([41, 52, 'x']) x 100000] }]) }, 'send_batch', 'cmsgs', qr/too many items/],
    ['send_batch flags inf', sub { send_batch($tx, [{ data => 'x' }], 'inf') }, 'send_batch', 'flags', qr/out of range/],
    ['recv_batch count 0', sub { recv_batch($rx, 0, 10) }, 'recv_batch', 'count', qr/must be in 1\.\.1024, not 0/],
    ['recv_batch count -0', sub { recv_batch($rx, '-0', 10) }, 'recv_batch', 'count', qr/must be in 1\.\.1024, not 0/],
    ['recv_batch size 1e30', sub { recv_batch($rx, 1, '1e30') }, 'recv_batch', 'size', qr/out of range/],
    ['recv_batch too much in all', sub { recv_batch($rx, 1024, 2**21) }, 'recv_batch', 'size', qr/count \* size must be at most 1073741824 bytes/],
    ['recv_batch_into code', sub { recv_batch_into($rx, sub {}, 10, 1) }, 'recv_batch_into', 'buf', qr/not a reference to a scalar holding a string/],
    ['recv_batch_into const', sub { recv_batch_into($rx, \'constant', 10, 1) }, 'recv_batch_into', 'buf', qr/read-only/],
    ['recv_batch_into slot -1', sub { my $b; recv_batch_into($rx, \$b, -1, 1) }, 'recv_batch_into', 'slot', qr/out of range/],
    ['recvmsg_into wide', sub { my $b = "\x{100}"; recvmsg_into($rx, \$b) }, 'recvmsg_into', 'buf', qr/above 0xFF/],
    ['recvmsg_into size 2**40', sub { my $b = ''; recvmsg_into($rx, \$b, 0, 0, 2**40) }, 'recvmsg_into', 'size', qr/out of range/],
    ['Batch::new count 0', sub { Xapi::Batch->new(count => 0) }, 'Batch::new', 'count', qr/must be in 1\.\.1024, not 0/],
    ['Batch::new size href', sub { Xapi::Batch->new(count => 1, size => {}) }, 'Batch::new', 'size', qr/a reference/],
    ['Batch::send 3 into 2', sub { Xapi::Batch->new(count => 2)->send($tx, [({ data => 'x' }) x 3]) }, 'Batch::send', 'messages', qr/3 messages, the batch holds 2/],
    ['Batch::recv on class', sub { Xapi::Batch->recv($rx) }, 'Batch::recv', 'self', qr/not an Xapi::Batch object/],
);
arg_err($_->[1], @$_[2 .. 4], $_->[0]) for @bad;

# ---- descriptors: closed, not a socket, never opened ----------------------
for my $c (
    [get_pathmtu => sub { get_pathmtu($_[0]) }],
    [get_icmp6_filter => sub { get_icmp6_filter($_[0]) }],
    [recv_errqueue => sub { recv_errqueue($_[0]) }],
    [recv_batch => sub { recv_batch($_[0], 1, 10, 0, MSG_DONTWAIT) }],
    [send_batch => sub { send_batch($_[0], [{ data => 'x', to => $to }]) }],
    [recvmsg_into => sub { my $b = 'x' x 8; recvmsg_into($_[0], \$b, 0, MSG_DONTWAIT) }],
    ['Batch::recv' => sub { Xapi::Batch->new(count => 1)->recv($_[0], MSG_DONTWAIT) }],
) {
    my ($fn, $code) = @$c;
    os_err(sub { $code->($closed) }, $fn, EBADF, 'EBADF', "$fn closed handle");
    os_err(sub { $code->(9999) }, $fn, EBADF, 'EBADF', "$fn descriptor 9999");
    os_err(sub { $code->($file) }, $fn, ENOTSOCK, 'ENOTSOCK', "$fn a file");
}
drain();
os_err(sub { recv_errqueue($rx) }, 'recv_errqueue', EAGAIN, 'EAGAIN', 'recv_errqueue empty queue');

# ---- Xapi::Batch objects: only what new made is believed --------------------
# The object's scalar describes its own block; before, a forged or edited
# one sent recvmmsg and the decoder through memory it does not own.
{
    my $real = Xapi::Batch->new(count => 2, size => 16);
    my @forged = (
        ['a short string', do { my $s = 'x' x 10; bless \$s, 'Xapi::Batch' }, qr/not an Xapi::Batch object/],
        ['4096 bytes of 0xff', do { my $s = "\xff" x 4096; bless \$s, 'Xapi::Batch' }, qr/a damaged Xapi::Batch object/],
        ['4096 zero bytes', do { my $s = "\0" x 4096; bless \$s, 'Xapi::Batch' }, qr/a damaged Xapi::Batch object/],
        ['an undef', do { my $s; bless \$s, 'Xapi::Batch' }, qr/not an Xapi::Batch object/],
        ['a hash', bless({}, 'Xapi::Batch'), qr/not an Xapi::Batch object/],
    );
    my $edit = sub {
        my ($change) = @_;
        my $b = Xapi::Batch->new(count => 2, size => 16);
        Internals::SvREADONLY($$b, 0);
        $change->($b);
        return $b;
    };
    push @forged,
        ['capacity raised', $edit->(sub { substr(${ $_[0] }, 0, 4, pack('L', 1000)) }), qr/a damaged/],
        ['slot raised', $edit->(sub { substr(${ $_[0] }, 8, 8, pack('Q', 100000)) }), qr/a damaged/],
        ['block cut short', $edit->(sub { substr(${ $_[0] }, -10, 10, '') }), qr/a damaged/],
        ['the head of a bigger one', $edit->(sub {
            my $big = Xapi::Batch->new(count => 64, size => 2048);
            ${ $_[0] } = substr($$big, 0, length ${ $_[0] });
        }), qr/a damaged/];
    for my $f (@forged) {
        my ($what, $obj, $why) = @$f;
        ping();
        arg_err(sub { $obj->recv($rx, MSG_DONTWAIT) }, 'Batch::recv', 'self', $why, "Batch::recv on $what");
        arg_err(sub { $obj->send($tx, [{ data => 'x' }]) }, 'Batch::send', 'self', $why, "Batch::send on $what");
        arg_err(sub { $obj->capacity }, 'Batch::capacity', 'self', $why, "Batch::capacity on $what");
    }
    drain();
    ping('still works');
    my @m = $real->recv($rx, 0, 2000);
    is($m[0][1][0], 'still works', 'a genuine batch still receives');
    is($real->capacity, 2, 'and keeps its capacity');
}

# ---- special variables are read-only targets ------------------------------
# $1 is not flagged read-only: the writes used to reach its magic only
# after the work was done (a datagram consumed), and croaked with Perl's
# own "Modification of a read-only value".
{
    my $hdr = rth_init(0, 2);
    'match me' =~ /(match)/ or die;
    my @t = (
        ['rth_add', 'buf', sub { rth_add(\$1, '::1') }, qr/read-only/],
        ['rth_reverse_in_place', 'buf', sub { rth_reverse_in_place(\$1) }, qr/read-only/],
        ['inet6_opt_init', 'extbuf', sub { inet6_opt_init(\$1, 8) }, qr/read-only/],
        ['inet6_opt_append', 'databuf', sub { my $e = "\0" x 8; inet6_opt_append(\$e, 8, 2, 0x1e, 1, 1, \$1) }, qr/writable scalar/],
        ['inet6_opt_next', 'lenp', sub { my ($t, $d); inet6_opt_next($opt, 8, 0, \$t, \$1, \$d) }, qr/writable scalar/],
        ['inet6_opt_get_val', 'val', sub { inet6_opt_get_val('abcd', 0, \$1, 1) }, qr/writable scalar/],
        ['inet6_opt_set_val', 'databuf', sub { inet6_opt_set_val(bless([\$1, 0, 2], 'Xapi::RFC3542::OptData'), 0, 'ab') }, qr/read-only/],
        ['recvmsg_into', 'buf', sub { recvmsg_into($rx, \$1, 0, MSG_DONTWAIT) }, qr/read-only/],
        ['recv_batch_into', 'buf', sub { recv_batch_into($rx, \$1, 8, 1, 0, MSG_DONTWAIT) }, qr/read-only/],
    );
    ping('for $1');
    for my $t (@t) {
        my ($fn, $arg, $code, $why) = @$t;
        arg_err($code, $fn, $arg, $why, "$fn into \$1");
    }
    is($1, 'match', '$1 unchanged');
    my @m = recv_batch($rx, 4, 64, 0, MSG_DONTWAIT);
    is($m[0][1][0], 'for $1', 'the datagram was not consumed by a refused call');
}

# ---- objects are not receive buffers ---------------------------------------
{
    my $f = icmp6_filter_new('block');
    my $bytes = $f->bytes;
    ping();
    arg_err(sub { recvmsg_into($rx, $f, 0, MSG_DONTWAIT) }, 'recvmsg_into', 'buf', qr/not a reference to a scalar holding a string/, 'recvmsg_into into an object');
    arg_err(sub { recv_batch_into($rx, $f, 32, 1, 0, MSG_DONTWAIT) }, 'recv_batch_into', 'buf', qr/not a reference to a scalar holding a string/, 'recv_batch_into into an object');
    is($f->bytes, $bytes, 'the filter object is unchanged');
    drain();
}

# ---- tied optional arguments are read (once), not taken for undef ---------
# Before, SvOK was asked before FETCH: a tied scalar that had not been
# read yet looked undef, and its value was silently ignored.
{
    my @t = (
        ['recv_batch', 'ancsize', sub { recv_batch($rx, 1, 10, $_[0], MSG_DONTWAIT) }],
        ['recv_batch_into', 'flags', sub { my $b = ''; recv_batch_into($rx, \$b, 10, 1, 0, $_[0]) }],
        ['recvmsg_into', 'size', sub { my $b = ''; recvmsg_into($rx, \$b, 0, MSG_DONTWAIT, $_[0]) }],
        ['send_batch', 'flags', sub { send_batch($tx, [{ data => 'x' }], $_[0]) }],
        ['recv_errqueue', 'size', sub { recv_errqueue($rx, $_[0]) }],
        ['Batch::recv', 'timeout_ms', sub { Xapi::Batch->new(count => 1)->recv($rx, MSG_DONTWAIT, $_[0]) }],
        ['Batch::send', 'flags', sub { Xapi::Batch->new(count => 1)->send($tx, [{ data => 'x' }], $_[0]) }],
        ['srh_build', 'segments_left', sub { srh_build(segments => ['::1'], segments_left => $_[0]) }],
        ['inet6_opt_set_val', 'vallen', sub { my $v = 'ab'; inet6_opt_set_val(\$v, 0, 'ab', $_[0]) }],
        ['icmp6_filter_new', 'mode', sub { icmp6_filter_new($_[0]) }],
    );
    for my $t (@t) {
        my ($fn, $arg, $code) = @$t;
        tie my $v, 'Tie::Probe', 'abc';
        arg_err(sub { $code->($v) }, $fn, $arg, qr/./, "$fn tied $arg 'abc'");
        is(tied($v)->{n}, 1, "$fn tied $arg: FETCH ran once");
    }
    drain();
    tie my $anc, 'Tie::Probe', 64;
    ping('tied ancsize');
    my @m = recv_batch($rx, 1, 64, $anc, 0, 2000);
    is($m[0][1][0], 'tied ancsize', 'a tied value is used');
}

# ---- tied buffers read through their magic ---------------------------------
{
    tie my $e, 'Tie::Probe', "\0";
    arg_err(sub { inet6_opt_init(\$e, 16) }, 'inet6_opt_init', 'extlen', qr/past the buffer's 1 bytes/,
            'a tied one-byte extbuf is not taken for "lengths only"');
    my $plain = "\0" x 16;
    tie my $tied, 'Tie::Probe', "\0" x 16;
    my ($dp, $dt);
    for ([\$plain, \$dp], [\$tied, \$dt]) {
        my ($buf, $d) = @$_;
        my $off = inet6_opt_init($buf, 16);
        $off = inet6_opt_append($buf, 16, $off, 0x1e, 4, 4, $d);
        inet6_opt_set_val($$d, 0, 'wxyz');
        inet6_opt_finish($buf, 16, $off);
    }
    is(unpack('H*', $tied), unpack('H*', $plain), 'a tied extbuf gets the same header as a plain one');
    tie my $r, 'Tie::Probe', $plain;
    my ($t, $l, $d);
    is(inet6_opt_next(\$r, 16, 0, \$t, \$l, \$d), 8, 'a tied extbuf is walked');
    is($d->bytes, 'wxyz', 'and its option data read');

    tie my $fb, 'Tie::Probe', icmp6_filter_new('pass')->bytes;
    my $f = bless \$fb, 'Xapi::ICMP6Filter';
    $f->set_block(135);
    ok($f->will_block(135), 'a filter over a tied scalar is read and written through it');
}

# ---- tied lists: no code may run while bytes are pointed into ------------
# A tied element's FETCH could change or free an element read before it;
# the call read freed memory (sendmsg, send_batch, opt_build).
{
    my @p = ('a' . 'b' x 30);
    tie $p[1], 'Tie::Probe', 'c', sub { $p[0] = 'z' x 100000 };
    arg_err(sub { opt_build([[0x1e, 1, \@p]]) }, 'opt_build', 'data', qr/element 1 is tied/, 'opt_build tied piece');
    arg_err(sub { Xapi::sendmsg($tx, \@p) }, 'sendmsg', 'buffers', qr/element 1 is tied/, 'sendmsg tied piece');
    arg_err(sub { send_batch($tx, [{ data => \@p }]) }, 'send_batch', 'data', qr/element 1 is tied/, 'send_batch tied piece');
    my @o = ([0x1e, 1, 'a']);
    tie $o[1], 'Tie::Probe', [0x1f, 1, 'b'];
    arg_err(sub { opt_build(\@o) }, 'opt_build', 'options', qr/element 1 is tied/, 'opt_build tied option');
    require Tie::Array;
    tie my @ta, 'Tie::StdArray';
    @ta = ('x', 'y');
    arg_err(sub { Xapi::sendmsg($tx, \@ta) }, 'sendmsg', 'buffers', qr/a tied array/, 'sendmsg tied array');
    arg_err(sub { send_batch($tx, [{ data => 'x', cmsgs => \@ta }]) }, 'send_batch', 'cmsgs', qr/a tied array/, 'send_batch tied cmsgs');
    require Tie::Hash;
    tie my %h, 'Tie::StdHash';
    %h = (data => 'x');
    arg_err(sub { send_batch($tx, [\%h]) }, 'send_batch', 'messages', qr/message 0 is a tied hash/, 'send_batch tied message');
    my %m = (data => 'x');
    tie $m{to}, 'Tie::Probe', $to;
    arg_err(sub { send_batch($tx, [\%m]) }, 'send_batch', 'messages', qr/message 0 holds a tied value/, 'send_batch tied to');
    my @hp = @$to;
    tie $hp[1], 'Tie::Probe', $to->[1];
    arg_err(sub { send_batch($tx, [{ data => 'x' }, { data => 'y', to => \@hp }]) }, 'send_batch', 'to', qr/element 1 is tied/, 'send_batch tied port');
}

# ---- arguments read before the bytes they could change ---------------------
{
    my @p = ('old');
    tie my $flags, 'Tie::Probe', 0, sub { $p[0] = 'new' . ('!' x 1000) };
    drain();
    Xapi::sendmsg($tx, \@p, undef, undef, $flags);
    my @m = recv_batch($rx, 1, 2048, 0, 0, 2000);
    is($m[0][1][0], 'new' . ('!' x 1000), 'sendmsg reads its pieces after the flags');

    my $data = 'abcd';
    tie my $off, 'Tie::Probe', 1, sub { $data = 'wxyz' x 1000 };
    is(opt_get_val($data, $off, 2), 'xy', 'opt_get_val reads the bytes after the numbers');
    my $bytes = $opt;
    tie my $type, 'Tie::Probe', 0x1e, sub { $bytes = opt_build([[0x1e, 1, 'zz' x 100]]) };
    is(opt_find($bytes, $type), 'zz' x 100, 'opt_find reads the bytes after the type');
    my $val = 'ab';
    my $e = "\0" x 8;
    tie my $vl, 'Tie::Probe', 2, sub { $val = 'Q' x 100000 };
    is(inet6_opt_set_val(\$e, 0, $val, $vl), 2, 'inet6_opt_set_val with a FETCH that changes val');
    is(substr($e, 0, 2), 'ab', 'writes the value it was given');
    my $tlv = "\x01\x06" . "\0" x 6;
    tie my $tag, 'Tie::Probe', 7, sub { $tlv = "\x01\x0e" . "\0" x 14 };
    my $h = srh_parse(srh_build(segments => ['::1'], tlv => $tlv, tag => $tag));
    is(length $h->{tlv}, 16, 'srh_build reads the TLVs after the other keys');
}

done_testing();
