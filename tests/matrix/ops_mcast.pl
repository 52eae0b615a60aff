# ops_mcast.pl - matrix operations for the multicast cases (SPEC.md
# "Multicast"), compiled in runner.pl's scope like ops_net.pl: add
# entries to %op.  Groups are joined with Xapi::mcast_join and friends,
# the source given as a Perl user would, source => ADDR.

# IFNAME "-" is none (undef: the kernel's choice).
sub mcast_ifname_word { my ($w) = @_; return $w eq '-' ? undef : $w }

for my $fn (qw(mcast_join mcast_leave mcast_block mcast_unblock)) {
    my $call = \&{"Xapi::$fn"};
    $op{$fn} = sub {
        my ($name, $group, $ifname, @rest) = @_;
        my $o = options(\@rest, qw(source));
        my @source = defined $o->{source} ? (source => $o->{source}) : ();
        $call->(sock($name), $group, mcast_ifname_word($ifname), @source);
        return;
    };
}

$op{mcast_set_if} = sub {
    my ($name, $ifname) = @_;
    Xapi::mcast_set_if(sock($name), mcast_ifname_word($ifname));
    return;
};
$op{mcast_set_hops} = sub {
    my ($name, $v) = @_;
    Xapi::mcast_set_hops(sock($name), int_word($v));
    return;
};
$op{mcast_set_loop} = sub {
    my ($name, $v) = @_;
    Xapi::mcast_set_loop(sock($name), int_word($v));
    return;
};
$op{expect_mcast_hops} = sub {
    my ($name, $want) = @_;
    my $got = Xapi::mcast_get_hops(sock($name));
    die "mcast_get_hops is $got, expected " . int_word($want) . "\n"
        unless $got == int_word($want);
    return;
};
$op{expect_mcast_loop} = sub {
    my ($name, $want) = @_;
    my $got = Xapi::mcast_get_loop(sock($name));
    die "mcast_get_loop is $got, expected " . int_word($want) . "\n"
        unless $got == int_word($want);
    return;
};
# expect_no_message NAME MS: not readable within MS milliseconds.
$op{expect_no_message} = sub {
    my ($name, $ms) = @_;
    my $s = sock($name);
    my $fd = ref $s ? fileno($s) : $s;
    my $rin = '';
    vec($rin, $fd, 1) = 1;
    my $n = select(my $rout = $rin, undef, undef, $ms / 1000);
    die "select: $!\n" if $n < 0;
    die "$name became readable within $ms ms\n" if $n > 0;
    return;
};
