# ops_origdst.pl - matrix operations for the original destination, flow
# label and queue cases (SPEC.md "Original destination, flow labels and
# queue facts"), compiled in runner.pl's scope: add entries to %op.
# Addresses go to Xapi::sendmsg as a Perl user gives them: [host, port].

use Time::HiRes ();

# send_to NAME HOST PEER [data=...] [cmsg=...] [flags=...] [expect=N]
$op{send_to} = sub {
    my ($name, $host, $peer, @rest) = @_;
    my $o = options(\@rest, qw(data cmsg flags expect));
    my $data = byteslist_word($o->{data} // 'x:');
    my $port = peer_addr($peer)->[1];
    my @cmsgs = map { cmsg_word($_) } @{ $o->{cmsg} };
    my $flags = defined $o->{flags} ? int_word($o->{flags}) : 0;
    my $n = sendmsg(sock($name), $data, [$host, $port], \@cmsgs, $flags);
    die "sent $n bytes, expected $o->{expect}\n"
        if defined $o->{expect} && $n != int_word($o->{expect});
    return;
};

# flowlabel_lease NAME HOST LABEL SHARE
$op{flowlabel_lease} = sub {
    my ($name, $host, $label, $share) = @_;
    my $want = int_word($label);
    my $got = Xapi::flowlabel_lease(sock($name), $host, $want, int_word($share));
    die "leased label $got, expected $label\n"
        if $want ? $got != $want : ($got < 1 || $got > 0xfffff);
    return;
};

# flowlabel_release NAME LABEL
$op{flowlabel_release} = sub {
    my ($name, $label) = @_;
    Xapi::flowlabel_release(sock($name), int_word($label));
    return;
};

# pause MS
$op{pause} = sub {
    Time::HiRes::sleep(int_word($_[0]) / 1000);
    return;
};
