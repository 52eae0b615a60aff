# ops_net.pl - matrix operations for the lab cases (SPEC.md "The lab"),
# compiled in runner.pl's scope (see the loader above run_case): add
# entries to %op.  Sockets in the lab's namespaces come from
# Xapi::socket_netns; the error queue is read with Xapi::recv_errqueue.

# socket_in NODE NAME FAMILY TYPE [PROTO]: a socket in $XAPI_LAB-NODE.
$op{socket_in} = sub {
    my ($node, $name, $fam, $type, $proto) = @_;
    die "socket_in: node must be a, r or b, not '$node'\n" unless $node =~ /\A[arb]\z/;
    my $lab = $ENV{XAPI_LAB} or die "socket_in: XAPI_LAB is not set (no lab)\n";
    $st{socks}{$name} = socket_netns("$lab-$node", int_word($fam), int_word($type),
                                     defined $proto ? int_word($proto) : 0);
    return;
};

# recv_err NAME [sizes=N,...] [anc=A]: recvmsg with MSG_ERRQUEUE.  An error
# arrives a little after the send that caused it (R's ICMP message crosses
# a veth): retry on EAGAIN for up to 5 seconds rather than polling, since
# readability also reports ordinary datagrams.
$op{recv_err} = sub {
    my ($name, @rest) = @_;
    my $o = options(\@rest, qw(sizes anc));
    my $sizes = defined $o->{sizes} ? sizes_word($o->{sizes}) : undef;
    my $anc = defined $o->{anc} ? anc_word($o->{anc}) : 512;
    my $s = sock($name);
    my $deadline = time + 5;
    my @r;
    while (1) {
        local $! = 0;
        @r = eval {
            # One piece: the binding's own call; several: recvmsg's flag.
            ref $sizes eq 'ARRAY' && @$sizes != 1
                ? recvmsg($s, $sizes, $anc, MSG_ERRQUEUE)
                : recv_errqueue($s, $sizes ? $sizes->[0] : 2048, $anc);
        };
        last if @r;
        die $@ unless $!{EAGAIN} && time < $deadline;
        select(undef, undef, undef, 0.01);
    }
    my ($addr, $data, $cmsgs, $mflags, $n) = @r;
    $st{last} = { addr => $addr, data => $data, cmsgs => $cmsgs, flags => $mflags, n => $n };
    return;
};
