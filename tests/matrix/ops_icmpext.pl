# ops_icmpext.pl - matrix operations for the ICMP extension cases (SPEC.md
# "ICMP extensions"), compiled in runner.pl's scope.  The binding's calls:
# Xapi::icmp_ext_offset, and Xapi::icmp_ext_parse /
# Xapi::icmp_ext_parse_struct, which give lists of record hashes keyed by
# the core's record table (through the RECORDS shape; a binding without
# it skips the cases).

use Scalar::Util ();

my @icmpext_last;
my %icmpext_text = map { $_ => 1 } qw(addr name);

push @cleanup_hooks, sub { @icmpext_last = () };

$op{needs_icmp_ext} = sub {
    return defined &Xapi::icmp_ext_parse ? undef
        : 'SKIP the binding has no Xapi::icmp_ext_parse yet (it waits for '
        . 'the RECORDS shape, swig/xapi.i RECORDS shape)';
};

$op{icmp_ext} = sub {
    my ($family, $bytes) = @_;
    my @r = Xapi::icmp_ext_parse(int_word($family), bytes_word($bytes));
    @icmpext_last = @r;
    return;
};

$op{icmp_ext_struct} = sub {
    my @r = Xapi::icmp_ext_parse_struct(bytes_word($_[0]));
    @icmpext_last = @r;
    return;
};

$op{icmp_ext_offset} = sub {
    Xapi::icmp_ext_offset(int_word($_[0]), bytes_word($_[1]));
    return;
};

$op{expect_icmp_ext_offset} = sub {
    my ($family, $bytes, $n) = @_;
    my $got = Xapi::icmp_ext_offset(int_word($family), bytes_word($bytes));
    die "extension offset $got, want $n\n" unless $got == int_word($n);
    return;
};

$op{expect_icmp_ext_count} = sub {
    my $n = int_word($_[0]);
    die scalar(@icmpext_last) . " records, want $n\n" unless @icmpext_last == $n;
    return;
};

$op{expect_icmp_ext} = sub {
    my ($k, @fields) = @_;
    $k = int_word($k);
    die "no record $k (" . scalar(@icmpext_last) . " records)\n"
        unless $k >= 0 && $k < @icmpext_last;
    my $r = $icmpext_last[$k];
    die "record $k is not a hash\n" unless (Scalar::Util::reftype($r) // "") eq "HASH";
    for my $w (@fields) {
        my ($name, $want) = $w =~ /\A(\w+)=(.*)\z/s or die "bad FIELD=VALUE word $w\n";
        die "record $k has no field $name\n" unless exists $r->{$name};
        my $got = $r->{$name};
        if ($icmpext_text{$name}) {
            # An absent text is undef (the record table's optional text).
            die "record $k $name '" . ($got // 'undef') . "', want '$want'\n"
                unless (defined $got ? $got : '') eq $want
                    && !(defined $got && $got eq '');
        } else {
            die "record $k $name " . ($got // 'undef') . ", want $want\n"
                unless defined $got && $got == int_word($want);
        }
    }
    return;
};

# take_data NAME OFFSET: the last message's data (pieces joined) from
# OFFSET on.
$op{take_data} = sub {
    my ($name, $offset) = @_;
    my $data = join '', @{ last_msg()->{data} // die "no data in the last message\n" };
    my $o = int_word($offset);
    die length($data) . " bytes arrived, offset $o is past them\n"
        if $o < 0 || $o > length $data;
    $st{vars}{$name} = substr($data, $o);
    return;
};

# icmp_ext_errqueue: the last message's data and its sock_err item's
# ee_data through icmp_ext_parse_errqueue.
$op{icmp_ext_errqueue} = sub {
    my $m = last_msg();
    my $data = join '', @{ $m->{data} // die "no data in the last message\n" };
    for my $c (@{ $m->{cmsgs} }) {
        my $e = $c->sock_err or next;
        @icmpext_last = Xapi::icmp_ext_parse_errqueue($e->{data}, $data);
        return;
    }
    die "the last message has no sock_err item\n";
};
