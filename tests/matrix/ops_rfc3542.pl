# ops_rfc3542.pl - matrix operations for the RFC 3542 cases (SPEC.md
# sections "RFC 3542" and "Variables"), compiled in runner.pl's scope (see
# the loader above run_case): it adds entries to %op and uses runner.pl's
# helpers (int_word, bytes_word, sock, last_msg, %st).
#
# Every byte string an op builds lives in $st{vars}{NAME}, so `v:NAME`
# gives exactly what the binding produced; objects (an Xapi::ICMP6Filter)
# are made from the variable's bytes for each op and written back through
# their ->bytes accessor.  Calls under test go straight to Xapi, so their
# croaks reach expect_error untouched (message and $!).  Expected values
# are compared through Perl's own Socket module, not through Xapi.
use strict;
use warnings;
use Socket ();

# The bytes of an existing variable, as a reference (for in-place calls).
sub rfc_var_ref {
    my ($name) = @_;
    die "no variable named $name\n" unless exists $st{vars}{$name};
    return \$st{vars}{$name};
}

sub rfc_filter {
    my ($name) = @_;
    return Xapi::ICMP6Filter->from_bytes(${ rfc_var_ref($name) });
}

# An IPv6 address as its 16 bytes, through Perl's own Socket module.
sub rfc_in6 {
    my ($text) = @_;
    my $b = Socket::inet_pton(Socket::AF_INET6(), $text);
    die "'$text' is not IPv6 text\n" unless defined $b;
    return $b;
}

sub rfc_int_list {
    my ($w) = @_;
    return () if !defined $w || $w eq '';
    return map { int_word($_) } split /,/, $w;
}

sub rfc_hex { defined $_[0] ? 'x:' . unpack('H*', $_[0]) : 'undef' }

sub rfc_sys_mtu {
    my ($w) = @_;
    return int_word($w) if $w =~ /\A(?:-?\d+|0x[0-9a-fA-F]+)\z/;
    my $f = "/sys/class/net/$w/mtu";
    open(my $fh, '<', $f) or die "$f: $!\n";
    chomp(my $mtu = <$fh>);
    return 0 + $mtu;
}

# The first option of TYPE in VAR, through inet6_opt_find: its data view.
sub rfc_find_opt {
    my ($var, $type) = @_;
    my $buf = rfc_var_ref($var);
    my $r = inet6_opt_find($buf, length $$buf, 0, int_word($type), \my $len, \my $data);
    die "no option of type $type in $var\n" if $r == -1;
    return $data;
}

%op = (%op,
    # ---- ICMPv6 filters ----------------------------------------------------
    icmp6_filter => sub {
        my ($name, $mode) = @_;
        die "icmp6_filter F passall|blockall\n" unless $mode =~ /\A(pass|block)all\z/;
        $st{vars}{$name} = icmp6_filter_new($1)->bytes;
        return;
    },
    icmp6_filter_pass => sub {
        my ($name, $type) = @_;
        my $f = rfc_filter($name);
        $f->set_pass(int_word($type));
        $st{vars}{$name} = $f->bytes;
        return;
    },
    icmp6_filter_block => sub {
        my ($name, $type) = @_;
        my $f = rfc_filter($name);
        $f->set_block(int_word($type));
        $st{vars}{$name} = $f->bytes;
        return;
    },
    expect_icmp6_filter => sub {
        my ($name, @rest) = @_;
        my $o = options(\@rest, qw(pass block));
        my $f = rfc_filter($name);
        for my $t (rfc_int_list($o->{pass})) {
            die "type $t does not pass\n" unless $f->will_pass($t);
            die "type $t passes and is blocked\n" if $f->will_block($t);
        }
        for my $t (rfc_int_list($o->{block})) {
            die "type $t is not blocked\n" unless $f->will_block($t);
            die "type $t is blocked and passes\n" if $f->will_pass($t);
        }
        return;
    },
    icmp6_filter_install => sub {
        my ($s, $name) = @_;
        set_icmp6_filter(sock($s), rfc_filter($name));
        return;
    },
    icmp6_filter_read => sub {
        my ($name, $s) = @_;
        $st{vars}{$name} = get_icmp6_filter(sock($s))->bytes;
        return;
    },

    # ---- routing headers ---------------------------------------------------
    expect_rth_space => sub {
        my ($type, $segs, $n) = @_;
        my $got = rth_space(int_word($type), int_word($segs));
        die "rth_space($type, $segs) is $got, expected $n\n" unless $got == int_word($n);
        return;
    },
    rth_space => sub { rth_space(int_word($_[0]), int_word($_[1])); return },
    rth_init => sub {
        my ($name, $type, $segs) = @_;
        my ($t, $n) = (int_word($type), int_word($segs));
        my $space = rth_space($t, $n);
        my $buf = rth_init($t, $n);
        die "rth_init made " . length($buf) . " bytes, rth_space says $space\n"
            unless length($buf) == $space;
        $st{vars}{$name} = $buf;
        return;
    },
    rth_add => sub {
        my ($name, $addr) = @_;
        rth_add(rfc_var_ref($name), $addr);
        return;
    },
    rth_reverse => sub {
        my ($name) = @_;
        rth_reverse_in_place(rfc_var_ref($name));
        return;
    },
    rth_reverse_copy => sub {
        my ($new, $name) = @_;
        my $before = ${ rfc_var_ref($name) };
        my $copy = rth_reverse($st{vars}{$name});
        die "rth_reverse changed $name\n" unless $st{vars}{$name} eq $before;
        $st{vars}{$new} = $copy;
        return;
    },
    expect_rth_segments => sub {
        my ($name, $n) = @_;
        my $got = rth_segments(${ rfc_var_ref($name) });
        die "rth_segments is $got, expected $n\n" unless $got == int_word($n);
        return;
    },
    expect_rth_addr => sub {
        my ($name, $index, $addr) = @_;
        my $got = rth_getaddr(${ rfc_var_ref($name) }, int_word($index));
        die "address $index is $got, expected $addr\n" unless rfc_in6($got) eq rfc_in6($addr);
        return;
    },
    rth_getaddr => sub {
        my ($name, $index) = @_;
        rth_getaddr(${ rfc_var_ref($name) }, int_word($index));
        return;
    },
    rth_segments => sub { rth_segments(${ rfc_var_ref($_[0]) }); return },

    # ---- Segment Routing Header --------------------------------------------
    srh_build => sub {
        my ($name, @rest) = @_;
        my $o = options(\@rest, qw(list left nh flags tag tlv));
        my %args = (segments => [defined $o->{list} && $o->{list} ne ''
                                 ? split(/,/, $o->{list}) : ()]);
        $args{segments_left} = int_word($o->{left}) if defined $o->{left};
        $args{next_header} = int_word($o->{nh}) if defined $o->{nh};
        $args{flags} = int_word($o->{flags}) if defined $o->{flags};
        $args{tag} = int_word($o->{tag}) if defined $o->{tag};
        $args{tlv} = bytes_word($o->{tlv}) if defined $o->{tlv};
        $st{vars}{$name} = srh_build(%args);
        return;
    },
    srh_parse => sub {
        my ($name) = @_;
        $st{srh} = srh_parse(${ rfc_var_ref($name) });
        return;
    },
    expect_srh => sub {
        my $o = options(\@_, qw(nh left last flags tag list tlv));
        my $h = $st{srh} // die "no SRH parsed\n";
        my %field = (nh => 'next_header', left => 'segments_left', last => 'last_entry',
                     flags => 'flags', tag => 'tag');
        for my $k (sort keys %field) {
            next unless defined $o->{$k};
            die "SRH $field{$k} is $h->{$field{$k}}, expected $o->{$k}\n"
                unless $h->{ $field{$k} } == int_word($o->{$k});
        }
        if (defined $o->{list}) {
            my @want = split /,/, $o->{list};
            my @got = @{ $h->{segments} };
            die "SRH segments [@got], expected [@want]\n"
                unless @got == @want
                && !grep { rfc_in6($got[$_]) ne rfc_in6($want[$_]) } 0 .. $#want;
        }
        if (defined $o->{tlv}) {
            my $want = bytes_word($o->{tlv});
            die "SRH TLVs " . rfc_hex($h->{tlv}) . ", expected " . rfc_hex($want) . "\n"
                unless $h->{tlv} eq $want;
        }
        return;
    },

    # ---- Hop-by-Hop and Destination options ---------------------------------
    opt_build => sub {
        my ($name, @rest) = @_;
        my @opts;
        for my $w (@rest) {
            $w =~ /\Aopt=(.*)\z/s or die "not opt=TYPE,ALIGN,BYTES...: $w\n";
            my ($type, $align, @pieces) = split /,/, $1, -1;
            die "not opt=TYPE,ALIGN,BYTES...: $w\n" unless defined $align;
            my @data = map { bytes_word($_) } @pieces;
            my $len = 0;
            $len += length for @data;
            push @opts, [int_word($type), int_word($align), $len, \@data];
        }
        # Pass 1: lengths only, as RFC 3542 Appendix C does.
        my @lens = (inet6_opt_init(undef, 0));
        for my $o (@opts) {
            push @lens, inet6_opt_append(undef, 0, $lens[-1], $o->[0], $o->[2], $o->[1], undef);
        }
        my $extlen = inet6_opt_finish(undef, 0, $lens[-1]);
        # Pass 2: into a buffer of that size.
        my $extbuf = "\0" x $extlen;
        my @lens2 = (inet6_opt_init(\$extbuf, $extlen));
        for my $o (@opts) {
            push @lens2, inet6_opt_append(\$extbuf, $extlen, $lens2[-1], $o->[0], $o->[2],
                                          $o->[1], \my $databuf);
            my $off = 0;
            for my $piece (@{ $o->[3] }) {
                my $next = inet6_opt_set_val($databuf, $off, $piece, length $piece);
                die "inet6_opt_set_val returned $next, expected " . ($off + length $piece) . "\n"
                    unless $next == $off + length $piece;
                $off = $next;
            }
        }
        my $final = inet6_opt_finish(\$extbuf, $extlen, $lens2[-1]);
        die "the two passes disagree: lengths @lens/$extlen, then @lens2/$final\n"
            unless "@lens/$extlen" eq "@lens2/$final";
        die "built " . length($extbuf) . " bytes, finish said $final\n"
            unless length($extbuf) == $final;
        $st{vars}{$name} = $extbuf;
        return;
    },
    opt_walk => sub {
        my ($name) = @_;
        my $buf = rfc_var_ref($name);
        my ($off, @seen) = (0);
        while (($off = inet6_opt_next($$buf, length $$buf, $off, \my $type, \my $len,
                                      \my $data)) != -1) {
            die "inet6_opt_next: length $len but data " . length($data->bytes) . " bytes\n"
                unless $len == length $data->bytes;
            push @seen, [$type, $data->bytes];
        }
        $st{opts} = \@seen;
        return;
    },
    expect_opts => sub {
        my @want = map {
            my ($t, $b) = split /:/, $_, 2;
            die "not TYPE:BYTES: $_\n" unless defined $b;
            [int_word($t), bytes_word($b)];
        } @_;
        my $got = $st{opts} // die "no options walked\n";
        my $show = sub { join ' ', map { "$_->[0]:" . rfc_hex($_->[1]) } @{ $_[0] } };
        die "options " . $show->($got) . ", expected " . $show->(\@want) . "\n"
            unless @$got == @want
            && !grep { $got->[$_][0] != $want[$_][0] || $got->[$_][1] ne $want[$_][1] } 0 .. $#want;
        return;
    },
    expect_opt_find => sub {
        my ($name, $type, $bytes) = @_;
        my $want = bytes_word($bytes);
        my $got = rfc_find_opt($name, $type)->bytes;
        die "option $type holds " . rfc_hex($got) . ", expected " . rfc_hex($want) . "\n"
            unless $got eq $want;
        my $idiom = opt_find(${ rfc_var_ref($name) }, int_word($type));
        die "opt_find gives " . rfc_hex($idiom) . ", inet6_opt_find " . rfc_hex($got) . "\n"
            unless defined $idiom && $idiom eq $got;
        return;
    },
    expect_opt_find_none => sub {
        my ($name, $type) = @_;
        my $buf = rfc_var_ref($name);
        my $r = inet6_opt_find($$buf, length $$buf, 0, int_word($type), undef, undef);
        die "inet6_opt_find found type $type (returned $r)\n" unless $r == -1;
        my $idiom = opt_find($$buf, int_word($type));
        die "opt_find found type $type: " . rfc_hex($idiom) . "\n" if defined $idiom;
        return;
    },
    expect_opt_get_val => sub {
        my ($name, $type, $offset, $len, $bytes) = @_;
        my $data = rfc_find_opt($name, $type);
        my ($o, $l) = (int_word($offset), int_word($len));
        my $next = inet6_opt_get_val($data, $o, \my $val, $l);
        die "inet6_opt_get_val returned $next, expected " . ($o + $l) . "\n" unless $next == $o + $l;
        my $want = bytes_word($bytes);
        die "value " . rfc_hex($val) . ", expected " . rfc_hex($want) . "\n" unless $val eq $want;
        my $idiom = opt_get_val($data->bytes, $o, $l);
        die "opt_get_val gives " . rfc_hex($idiom) . "\n" unless $idiom eq $want;
        return;
    },
    opt_get_val => sub {
        my ($name, $type, $offset, $len) = @_;
        my $data = rfc_find_opt($name, $type);
        inet6_opt_get_val($data, int_word($offset), \my $val, int_word($len));
        return;
    },
    expect_ip6opt_type => sub {
        my ($type, $n) = @_;
        my $got = ip6opt_type(int_word($type));
        die "ip6opt_type($type) is $got, expected $n\n" unless $got == int_word($n);
        return;
    },

    # ---- sockets, path MTU, next hop ---------------------------------------
    setsockopt_bytes => sub {
        my ($name, $level, $opt, $bytes) = @_;
        setsockopt_bytes(sock($name), int_word($level), int_word($opt), bytes_word($bytes));
        return;
    },
    expect_sockopt_bytes => sub {
        my ($name, $level, $opt, $bytes) = @_;
        my $got = getsockopt_bytes(sock($name), int_word($level), int_word($opt), 65536);
        my $want = bytes_word($bytes);
        die "option holds " . rfc_hex($got) . ", expected " . rfc_hex($want) . "\n"
            unless $got eq $want;
        return;
    },
    expect_pathmtu => sub {
        my ($name, $mtu) = @_;
        my $want = rfc_sys_mtu($mtu);
        my $got = get_pathmtu(sock($name));
        die "path MTU is $got->{mtu}, expected $want\n" unless $got->{mtu} == $want;
        return;
    },
    get_pathmtu => sub { get_pathmtu(sock($_[0])); return },
    expect_data_at => sub {
        my ($offset, $bytes) = @_;
        my $data = join '', @{ last_msg()->{data} // die "no data in the last message\n" };
        my ($o, $want) = (int_word($offset), bytes_word($bytes));
        my $got = length($data) >= $o ? substr($data, $o, length $want) : '';
        die "data at $offset is " . rfc_hex($got) . ", expected " . rfc_hex($want) . "\n"
            unless $got eq $want;
        return;
    },
    nexthop => sub {
        my ($name, $addr) = @_;
        $st{vars}{$name} = nexthop($addr);
        return;
    },
);

1;
