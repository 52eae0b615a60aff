# ops_family.pl - matrix operations for addresses of every family
# (SPEC.md "Addresses of every family"), compiled in runner.pl's scope
# (see the loader above run_case): add entries to %op.  A Perl user sees
# an AF_PACKET address as a hash {ifindex, protocol, pkttype, hatype,
# addr}, an AF_NETLINK one as {pid, groups} and any other family's as
# the packed sockaddr (a plain string).

my %family = (netns => []);

sub family_ip { system('ip', @_) == 0 }

sub family_ip_quiet {
    my @args = @_;
    open(my $save_out, '>&', \*STDOUT) or die "dup: $!\n";
    open(my $save_err, '>&', \*STDERR) or die "dup: $!\n";
    open(STDOUT, '>', '/dev/null');
    open(STDERR, '>', '/dev/null');
    my $ok = family_ip(@args);
    open(STDOUT, '>&', $save_out);
    open(STDERR, '>&', $save_err);
    return $ok;
}

# netns NS: a fresh namespace with its lo up, removed after the case.
$op{netns} = sub {
    my ($ns) = @_;
    die "netns: bad name '$ns'\n" unless $ns =~ /\A[A-Za-z0-9_-]{1,64}\z/;
    family_ip_quiet('netns', 'add', $ns) or die "ip netns add $ns failed\n";
    push @{ $family{netns} }, $ns;
    family_ip_quiet('-n', $ns, 'link', 'set', 'lo', 'up')
        or die "ip -n $ns link set lo up failed\n";
    return;
};

# socket_ns NS NAME FAMILY TYPE [PROTO]; an AF_PACKET PROTO is an
# EtherType, given in network byte order (packet(7)).
$op{socket_ns} = sub {
    my ($ns, $name, $fam, $type, $proto) = @_;
    die "socket name $name is taken or reserved\n"
        if $name =~ /\A@/ || exists $st{socks}{$name};
    $fam = int_word($fam);
    $proto = defined $proto ? int_word($proto) : 0;
    $proto = unpack('S', pack('n', $proto)) if $fam == Xapi::AF_PACKET();
    $st{socks}{$name} = socket_netns($ns, $fam, int_word($type), $proto);
    return;
};

# needs_socket FAMILY TYPE [PROTO]: skip unless this kernel makes one.
$op{needs_socket} = sub {
    my ($fam, $type, $proto) = @_;
    socket(my $s, int_word($fam), int_word($type),
           defined $proto ? int_word($proto) : 0)
        or return "SKIP no socket($fam, $type) here: $!";
    close $s;
    return;
};

# take_addr from | sockname SOCK | peername SOCK
$op{take_addr} = sub {
    my ($what, $name) = @_;
    if ($what eq 'from' && !defined $name) {
        $family{addr} = last_msg()->{addr};
    } elsif ($what eq 'sockname' && defined $name) {
        $family{addr} = Xapi::getsockname(sock($name));
    } elsif ($what eq 'peername' && defined $name) {
        $family{addr} = Xapi::getpeername(sock($name));
    } else {
        die "take_addr: from, sockname SOCK or peername SOCK\n";
    }
    $family{have} = 1;
    return;
};

sub family_record {
    my (@keys) = @_;
    die "no address taken yet (take_addr)\n" unless $family{have};
    my $a = $family{addr};
    die "the address is " . show($a) . ", not a hash of (@keys)\n"
        unless ref $a eq 'HASH' && join(',', sort keys %$a) eq join(',', sort @keys);
    return $a;
}

sub family_show_hash {
    my ($h) = @_;
    return '{' . join(', ', map { "$_ => " . show($h->{$_}) } sort keys %$h) . '}';
}

$op{expect_addr_link} = sub {
    my $a = family_record(qw(ifindex protocol pkttype hatype addr));
    for my $w (@_) {
        my ($key, $value) = split /=/, $w, 2;
        die "expect_addr_link: unknown word $w\n" unless defined $value;
        if ($key eq 'addr') {
            my $want = bytes_word($value);
            die "addr is " . show($a->{addr}) . ", want " . show($want)
                . " (" . family_show_hash($a) . ")\n"
                unless $a->{addr} eq $want;
            next;
        }
        my $want = $key eq 'ifindex' ? sys_ifindex($value)
                 : $key =~ /\A(?:protocol|pkttype|hatype)\z/ ? int_word($value)
                 : die "expect_addr_link: unknown word $w\n";
        die "$key is $a->{$key}, want $want (" . family_show_hash($a) . ")\n"
            unless $a->{$key} == $want;
    }
    return;
};

# The port id /proc/net/netlink lists for the socket's inode.
sub family_procnet_pid {
    my ($name) = @_;
    my $s = sock($name);
    my $fd = ref $s ? fileno($s) : $s;
    my $link = readlink("/proc/self/fd/$fd") // die "readlink fd $fd: $!\n";
    my ($ino) = $link =~ /\Asocket:\[(\d+)\]\z/ or die "$link is not a socket\n";
    open(my $fh, '<', '/proc/net/netlink') or die "/proc/net/netlink: $!\n";
    <$fh>;
    while (my $line = <$fh>) {
        my @f = split ' ', $line;
        return 0 + $f[2] if @f >= 10 && $f[9] eq $ino;
    }
    die "socket inode $ino is not in /proc/net/netlink\n";
}

$op{expect_addr_nl} = sub {
    my $a = family_record(qw(pid groups));
    for my $w (@_) {
        my ($key, $value) = split /=/, $w, 2;
        die "expect_addr_nl: unknown word $w\n"
            unless defined $value && $key =~ /\A(?:pid|groups)\z/;
        my $want;
        if ($key eq 'pid' && $value =~ /\Aprocnet:(.+)\z/) {
            $want = family_procnet_pid($1);
            die "/proc/net/netlink gives $1 port id 0: not bound\n" if $want == 0;
        } else {
            $want = int_word($value);
        }
        die "$key is $a->{$key}, want $want (" . family_show_hash($a) . ")\n"
            unless $a->{$key} == $want;
    }
    return;
};

$op{expect_addr_bytes} = sub {
    my ($bytes) = @_;
    die "no address taken yet (take_addr)\n" unless $family{have};
    my ($a, $want) = ($family{addr}, bytes_word($bytes));
    die "address is " . show($a) . ", want " . show($want) . "\n"
        unless defined $a && !ref $a && $a eq $want;
    return;
};

push @cleanup_hooks, sub {
    family_ip_quiet('netns', 'del', $_) for @{ $family{netns} };
    %family = (netns => []);
};
