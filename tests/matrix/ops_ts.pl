# ops_ts.pl - matrix operations for the timestamp cases (SPEC.md
# "Timestamps"), compiled in runner.pl's scope (see the loader above
# run_case): add entries to %op.  Stamps are read the way a Perl user
# would: Xapi::Cmsg->stamp and Xapi::tx_timestamp, in seconds and
# nanoseconds.  Perl's clock is Time::HiRes::gettimeofday, to the
# microsecond: a mark is the interval [usec, usec + 1) in nanoseconds, so
# comparisons allow that microsecond.

use Time::HiRes ();

sub ts_now_ns {
    my ($s, $us) = Time::HiRes::gettimeofday();
    return $s * 1_000_000_000 + $us * 1000;
}

sub ts_mark {
    my ($w) = @_;
    return ts_now_ns() if $w eq 'now';
    die "no clock mark '$w'\n" unless exists $st{vars}{$w};
    my $v = $st{vars}{$w};
    die "'$w' holds no clock mark\n" unless $v =~ /\A[0-9]+\z/;
    return 0 + $v;
}

sub ts_item {
    my ($lw, $tw) = @_;
    my ($level, $type) = (int_word($lw), int_word($tw));
    my $items = last_msg()->{cmsgs};
    for my $c (@$items) {
        next unless $c->level == $level && $c->type == $type;
        die "item $lw/$tw has no timestamp view\n"
            unless defined $c->view && $c->view =~ /\Atimestamp(?:ns|ing)?\z/;
        return $c;
    }
    die "no item $lw/$tw among " . scalar(@$items) . "\n";
}

sub ts_between {
    my ($sec, $nsec, $slack, $from, $to) = @_;
    die "the stamp is zero (not taken)\n" unless defined $sec;
    my $t = $sec * 1_000_000_000 + $nsec;
    my ($lo, $hi) = (ts_mark($from), ts_mark($to) + 1000);
    die "stamp $sec.$nsec is not between $from ($lo) and $to ($hi)\n"
        unless $lo - $slack - 1000 <= $t && $t <= $hi;
    return;
}

# clock_mark VAR: VAR holds the wall clock now, decimal nanoseconds.
$op{clock_mark} = sub {
    my ($name) = @_;
    $st{vars}{$name} = '' . ts_now_ns();
    return;
};

$op{sleep} = sub {
    my ($w) = @_;
    my $ms = int_word($w);
    die "sleep: 0..5000 ms, not $ms\n" unless $ms >= 0 && $ms <= 5000;
    Time::HiRes::sleep($ms / 1000);
    return;
};

# expect_cmsg_time LEVEL TYPE FROM [TO]
$op{expect_cmsg_time} = sub {
    my ($lw, $tw, $from, $to) = @_;
    my $c = ts_item($lw, $tw);
    my ($sec, $nsec) = $c->stamp;
    ts_between($sec, $nsec, $c->view eq 'timestamp' ? 999 : 0, $from, $to // 'now');
    return;
};

# expect_cmsg_stamp LEVEL TYPE SEC NSEC [HWSEC HWNSEC]
$op{expect_cmsg_stamp} = sub {
    my ($lw, $tw, @want) = @_;
    die "expect_cmsg_stamp takes SEC NSEC [HWSEC HWNSEC]\n" unless @want == 2 || @want == 4;
    my $c = ts_item($lw, $tw);
    @want = map { int_word($_) } @want;
    my @got = $c->stamp;
    die "stamp (@got), want ($want[0] $want[1])\n"
        unless @got == 2 && $got[0] == $want[0] && $got[1] == $want[1];
    if (@want == 4) {
        my @hw = $c->hw_stamp;
        die "hardware stamp (@hw), want ($want[2] $want[3])\n"
            unless @hw == 2 && $hw[0] == $want[2] && $hw[1] == $want[3];
    }
    return;
};

# expect_tx_time KEY TSTYPE FROM [TO]
$op{expect_tx_time} = sub {
    my ($kw, $tw, $from, $to) = @_;
    my $tx = tx_timestamp(last_msg()->{cmsgs})
        or die "no transmit timestamp in the last message\n";
    my ($key, $type) = (int_word($kw), int_word($tw));
    die "transmit stamp key $tx->{key} type $tx->{tstype}, want $key $type\n"
        unless $tx->{key} == $key && $tx->{tstype} == $type;
    ts_between($tx->{sec} || $tx->{nsec} ? ($tx->{sec}, $tx->{nsec}) : (undef, undef),
               0, $from, $to // 'now');
    return;
};
