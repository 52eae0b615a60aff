# ops_fdpass.pl - matrix operations for descriptor and credential passing
# (SPEC.md "Descriptor and credential passing"), compiled in runner.pl's
# scope: add entries to %op.  The binding's calls: Xapi::Cmsg->fds and
# ->creds to send, Xapi::recvmsg(..., fds => 'handle') to receive the
# descriptors as file handles that own them.

use Fcntl ();

# An INT or "self": $$, $< or the real gid, by position.
sub id_word {
    my ($w, $pos) = @_;
    return int_word($w) unless $w eq 'self';
    return (0 + $$, 0 + $<, 0 + $()[$pos];
}

sub fd_count { opendir(my $d, '/proc/self/fd') or die "/proc/self/fd: $!\n";
               my $n = grep { !/\A\./ } readdir $d; closedir $d; $n - 1 }

sub first_item {
    my ($type) = @_;
    for my $c (@{ last_msg()->{cmsgs} }) {
        return $c if $c->level == SOL_SOCKET && $c->type == $type;
    }
    die "no item (SOL_SOCKET, $type)\n";
}

$op{pipe} = sub {
    my ($rn, $wn) = @_;
    pipe(my $r, my $w) or die "pipe: $!\n";
    binmode $_ for $r, $w;
    $st{socks}{$rn} = $r;
    $st{socks}{$wn} = $w;
    return;
};

$op{send_fds} = sub {
    my ($name, $names) = @_;
    my $item = Xapi::Cmsg->fds([map { sock($_) } split /,/, $names]);
    sendmsg(sock($name), ['x'], undef, [$item]);
    return;
};

$op{send_creds} = sub {
    my ($name, @ids) = @_;
    my $item = Xapi::Cmsg->creds(map { id_word($ids[$_], $_) } 0 .. 2);
    sendmsg(sock($name), ['x'], undef, [$item]);
    return;
};

$op{recv_fds} = sub {
    my ($name, @rest) = @_;
    my $o = options(\@rest, qw(anc as));
    my $s = sock($name);
    wait_readable($s);
    my ($addr, $data, $cmsgs, $mflags, $n) =
        recvmsg($s, [16], anc_word($o->{anc}), 0, fds => 'handle');
    $st{last} = { addr => $addr, data => $data, cmsgs => $cmsgs, flags => $mflags, n => $n };
    my @fh = map { @{ $_->fds // [] } } @$cmsgs;
    my @names = defined $o->{as} ? split(/,/, $o->{as}) : ();
    $st{socks}{ $names[$_] } = $fh[$_] for 0 .. ($#names < $#fh ? $#names : $#fh);
    # Without as= nothing is closed: a case without it expects none, and
    # one that arrived anyway must show in its descriptor counts.
    close $_ for @names ? @fh[@names .. $#fh] : ();
    die scalar(@fh) . " descriptors arrived, as= names " . scalar(@names) . "\n"
        if @names && @names != @fh;
    return;
};

$op{expect_fds} = sub {
    my ($n) = @_;
    my $c = first_item(SCM_RIGHTS);
    my $want = int_word($n);
    die "item has the view " . $c->view . ", expected none\n"
        if $want == 0 && defined $c->view;
    my $got = $c->fds ? scalar @{ $c->fds } : 0;
    die "$got descriptors decoded, expected $want\n" unless $got == $want;
    return;
};

$op{expect_creds} = sub {
    my @want = map { id_word($_[$_], $_) } 0 .. 2;
    my $c = first_item(SCM_CREDENTIALS);
    die "item has no creds view\n" unless ($c->view // '') eq 'creds';
    my $v = $c->creds;
    die "creds item has no record value\n" unless ref $v eq 'HASH';
    my @got = map { $v->{$_} } qw(pid uid gid);
    die "creds (@got), expected (@want)\n"
        if grep { ($got[$_] // -1) != $want[$_] } 0 .. 2;
    return;
};

$op{write_fd} = sub {
    my ($name, $bytes) = @_;
    my $data = bytes_word($bytes);
    my $n = syswrite(sock($name), $data);
    die "write: $!\n" unless defined $n && $n == length $data;
    return;
};

$op{expect_read} = sub {
    my ($name, $bytes) = @_;
    my $want = bytes_word($bytes);
    my $fh = sock($name);
    my $got = '';
    while (length $got < length $want) {
        wait_readable($fh);
        my $n = sysread($fh, my $chunk, 256);
        die "read: $!\n" unless defined $n;
        last if $n == 0;
        $got .= $chunk;
    }
    die "read " . show($got) . ", expected " . show($want) . "\n"
        unless $got eq $want;
    return;
};

$op{expect_cloexec} = sub {
    my ($name) = @_;
    my $fl = fcntl(sock($name), Fcntl::F_GETFD(), 0);
    die "fcntl: $!\n" unless defined $fl;
    die "descriptor " . fileno(sock($name)) . " is not close-on-exec\n"
        unless $fl & Fcntl::FD_CLOEXEC();
    return;
};

$op{fd_count_mark} = sub { $st{fd_mark} = fd_count(); return };

$op{expect_fd_count_unchanged} = sub {
    die "no fd_count_mark before\n" unless defined $st{fd_mark};
    my $now = fd_count();
    die "$now descriptors open, $st{fd_mark} at the mark\n"
        unless $now == $st{fd_mark};
    return;
};

$op{needs_nonroot} = sub {
    return $> == 0 ? 'SKIP needs a user without privileges (euid is 0)' : undef;
};
