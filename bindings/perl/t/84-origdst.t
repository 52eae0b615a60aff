# Issue 10 sugar: Xapi::Cmsg->udp_segment, the origdst/flowinfo/rxq_ovfl
# views and Xapi::flowlabel_lease/_release.  Expected bytes are the
# kernel's layouts (a 16-bit UDP_SEGMENT payload in host order, a
# big-endian IPV6_FLOWINFO word), not xapi's output.
use strict;
use warnings;
use Test::More;
use Errno qw(ESRCH);
use Xapi qw(:all);

my $seg = Xapi::Cmsg->udp_segment(1400);
is($seg->level, SOL_UDP, 'udp_segment level');
is($seg->type, UDP_SEGMENT, 'udp_segment type');
is($seg->data, pack('S', 1400), 'a 16-bit payload');
is(Xapi::Cmsg->udp_segment(0)->data, pack('S', 0), '0 turns it off');
for my $bad (65536, -1, 'abc', undef, []) {
    local $! = 7;
    eval { Xapi::Cmsg->udp_segment($bad) };
    like($@, qr/\AXapi::Cmsg: bad argument size: .* at \S+ line \d+\.\n\z/,
         'bad size ' . (defined $bad ? "$bad" : 'undef'));
    is(0 + $!, 7, '$! untouched');
}

my ($ov) = parse_cmsgs(pack('QiI', 20, SOL_SOCKET, SO_RXQ_OVFL) . pack('L', 0xffffffff) . "\0" x 4);
is($ov->view, 'rxq_ovfl', 'rxq_ovfl view');
is($ov->rxq_ovfl, 4294967295, 'the whole u32 range');
my ($fl) = parse_cmsgs(pack('QiI', 20, IPPROTO_IPV6, IPV6_FLOWINFO) . pack('N', 0x0b812345) . "\0" x 4);
is($fl->flowinfo, 0x0b812345, 'flowinfo in host order');
is($fl->flowinfo & IPV6_FLOWINFO_FLOWLABEL, 0x12345, 'the label');
my ($od) = parse_cmsgs(pack('QiI', 32, IPPROTO_IP, IP_ORIGDSTADDR)
                       . pack('S n a4 x8', AF_INET, 4660, pack('C4', 192, 0, 2, 7)));
is_deeply($od->origdst, { addr => '192.0.2.7', port => 4660 }, 'origdst record');
is($od->rxq_ovfl, undef, 'another view is undef');

my $s = Xapi::socket(AF_INET6, SOCK_DGRAM);
my $label = Xapi::flowlabel_lease($s, '::1');
ok($label >= 1 && $label <= 0xfffff, "the kernel chose $label");
ok(Xapi::flowlabel_release($s, $label), 'released');
eval { Xapi::flowlabel_release($s, $label) };
is(0 + $!, ESRCH, 'not held: ESRCH');
eval { Xapi::flowlabel_lease($s, '::1', 0x100000) };
like($@, qr/bad argument label/, 'label out of range');
eval { Xapi::flowlabel_lease($s, '::') };
like($@, qr/bad argument host/, ':: is no destination');
# Plain sugar over the generated calls: a croak names this line, a wrong
# value leaves $! alone, and a lease that works keeps it.
{
    local $! = 5;
    eval { Xapi::flowlabel_lease($s, '::1', 0x100000) };
    like($@, qr/\AXapi::flowlabel_lease: bad argument label: .* at \S*84-origdst\.t line \d+\.\n\z/,
         'flowlabel_lease croaks at the caller\'s line');
    is(0 + $!, 5, 'a wrong label leaves $! alone');
    $! = 7;
    my $l = Xapi::flowlabel_lease($s, '::1');
    is(0 + $!, 7, 'a lease that works keeps $!');
    Xapi::flowlabel_release($s, $l);
    eval { Xapi::flowlabel_release($s, $l) };
    like($@, qr/\AXapi::flowlabel_release: .*\(ESRCH\) at \S*84-origdst\.t line \d+\.\n\z/,
         'flowlabel_release croaks at the caller\'s line');
}

done_testing();
