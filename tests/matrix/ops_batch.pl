# ops_batch.pl - matrix operations for the batch cases (SPEC.md
# "Batches"), compiled in runner.pl's scope (see the loader above
# run_case): add entries to %op.  Every call goes through Xapi's batch
# functions: send_batch, recv_batch, recv_batch_into, recvmsg_into.

# One MSG of send_batch: data=BYTESLIST [to=PEER] [cmsg=CMSG]...
sub batch_msg {
    my ($words) = @_;
    my $o = options($words, qw(data to cmsg));
    die "send_batch: a message needs data=\n" unless defined $o->{data};
    my %m = (
        data => $o->{data} eq '@wrongtype' ? { a => 1 }
              : $o->{data} eq '@wrongitem' ? ['ok', {}]
              : byteslist_word($o->{data}),
    );
    $m{to} = peer_addr($o->{to}) if defined $o->{to};
    $m{cmsgs} = [map { cmsg_word($_) } @{ $o->{cmsg} }] if @{ $o->{cmsg} };
    return \%m;
}

# send_batch NAME [flags=INT] [expect=N] -- MSG -- MSG ...
$op{send_batch} = sub {
    my ($name, @rest) = @_;
    my (@head, @msgs);
    push @head, shift @rest while @rest && $rest[0] ne '--';
    while (@rest) {
        shift @rest;    # the '--'
        my @w;
        push @w, shift @rest while @rest && $rest[0] ne '--';
        push @msgs, batch_msg(\@w);
    }
    my $o = options(\@head, qw(flags expect));
    my $flags = defined $o->{flags} ? int_word($o->{flags}) : 0;
    my $n = send_batch(sock($name), \@msgs, $flags);
    die "send_batch reports $n sent, expected $o->{expect}\n"
        if defined $o->{expect} && $n != int_word($o->{expect});
    return;
};

# recv_batch NAME count=N size=N [anc=A] [flags=INT] [timeout=MS] [into|gro]
$op{recv_batch} = sub {
    my ($name, @rest) = @_;
    my $into = grep { $_ eq 'into' } @rest;
    my $gro = grep { $_ eq 'gro' } @rest;
    my $o = options([grep { $_ ne 'into' && $_ ne 'gro' } @rest], qw(count size anc flags timeout));
    die "recv_batch needs count= and size=\n" unless defined $o->{count} && defined $o->{size};
    my ($count, $size) = (num_word($o->{count}), num_word($o->{size}));
    my $anc = anc_word($o->{anc});
    my $flags = defined $o->{flags} ? int_word($o->{flags}) : 0;
    my $timeout = defined $o->{timeout} ? num_word($o->{timeout}) : -1;
    my $s = sock($name);
    wait_readable($s) if $timeout < 0 && !($flags & MSG_DONTWAIT);
    my @batch;
    if ($gro) {
        for my $m (recv_batch($s, $count, $size, $anc, $flags, $timeout, gro => 1)) {
            my ($addr, $data, $cmsgs, $mflags, $n) = @$m;
            push @batch, { addr => $addr, data => $data, cmsgs => $cmsgs,
                           flags => $mflags, n => $n };
        }
        die scalar(@batch) . " messages for a batch of $count\n"
            unless @batch >= 1 && @batch <= $count * 64;
    } elsif ($into) {
        my $buf = '';
        my $msgs = recv_batch_into($s, \$buf, $size, $count, $anc, $flags, $timeout);
        my $i = 0;
        for my $m (@$msgs) {
            my ($addr, $len, $cmsgs, $mflags, $n) = @$m;
            push @batch, { addr => $addr, data => [substr($buf, $i++ * $size, $len)],
                           cmsgs => $cmsgs, flags => $mflags, n => $n };
        }
    } else {
        for my $m (recv_batch($s, $count, $size, $anc, $flags, $timeout)) {
            my ($addr, $data, $cmsgs, $mflags, $n) = @$m;
            push @batch, { addr => $addr, data => $data, cmsgs => $cmsgs,
                           flags => $mflags, n => $n };
        }
    }
    $st{batch} = \@batch;
    return;
};

$op{expect_batch_len} = sub {
    my $b = $st{batch} // die "no last batch\n";
    die scalar(@$b) . " messages, expected $_[0]\n" unless @$b == int_word($_[0]);
    return;
};

$op{select} = sub {
    my $b = $st{batch} // die "no last batch\n";
    my $k = int_word($_[0]);
    die "the last batch has " . scalar(@$b) . " messages, no message $k\n"
        unless $k >= 0 && $k < @$b;
    $st{last} = $b->[$k];
    return;
};

# recvmsg_into NAME size=N [anc=A] [flags=INT]: into a scalar of N bytes
# (the runner's own memory, made once: Xapi reads its length).
$op{recvmsg_into} = sub {
    my ($name, @rest) = @_;
    my $o = options(\@rest, qw(size anc flags));
    die "recvmsg_into needs size=\n" unless defined $o->{size};
    my $size = num_word($o->{size});
    my $flags = defined $o->{flags} ? int_word($o->{flags}) : 0;
    my $s = sock($name);
    wait_readable($s) unless $flags & MSG_DONTWAIT;
    my $buf = '';
    my ($addr, $len, $cmsgs, $mflags, $n) =
        recvmsg_into($s, \$buf, anc_word($o->{anc}), $flags, $size);
    $st{last} = { addr => $addr, data => [substr($buf, 0, $len)], cmsgs => $cmsgs,
                  flags => $mflags, n => $n };
    return;
};
