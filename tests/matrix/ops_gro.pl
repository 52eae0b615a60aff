# ops_gro.pl - matrix operation for the GRO splitting cases (SPEC.md "GRO
# splitting"), compiled in runner.pl's scope after ops_batch.pl: the
# messages become the last batch, for select and the expect_* ops.  The
# binding's call: recv_batch(..., gro => 1) (Xapi::Batch->new(...,
# gro => 1) shares its code; bench/pl_xapi_gro_recv.pl runs that one).

# recv_gro NAME count=N size=N [anc=A] [flags=INT] [timeout=MS]
$op{recv_gro} = sub {
    my ($name, @rest) = @_;
    my $o = options(\@rest, qw(count size anc flags timeout));
    die "recv_gro needs count= and size=\n" unless defined $o->{count} && defined $o->{size};
    my ($count, $size) = (num_word($o->{count}), num_word($o->{size}));
    my $anc = anc_word($o->{anc});
    my $flags = defined $o->{flags} ? int_word($o->{flags}) : 0;
    my $timeout = defined $o->{timeout} ? num_word($o->{timeout}) : -1;
    my $s = sock($name);
    wait_readable($s) if $timeout < 0 && !($flags & MSG_DONTWAIT);
    my @batch;
    for my $m (recv_batch($s, $count, $size, $anc, $flags, $timeout, gro => 1)) {
        my ($addr, $data, $cmsgs, $mflags, $n) = @$m;
        push @batch, { addr => $addr, data => $data, cmsgs => $cmsgs,
                       flags => $mflags, n => $n };
    }
    die scalar(@batch) . " messages for a batch of $count\n"
        unless @batch >= 1 && @batch <= $count * 64;
    $st{batch} = \@batch;
    return;
};
