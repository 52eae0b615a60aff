#!/usr/bin/perl
# runner.pl - the Perl runner of the xapi test matrix (see SPEC.md): an
# interpreter for tests/matrix/cases/*.cases against `use Xapi`, printing
# TAP.  It holds no case data.  Sockets are made the way Perl users make
# them (the socket builtin on a lexical glob); everything under test goes
# through Xapi, while expected values come from the cases, /sys and Perl's
# own Socket/Errno modules.
#
#   PERL5LIB=BUILD/bindings/perl:SRC/bindings/perl \
#     perl runner.pl [CASEDIR] [ID-GLOB...]
use strict;
use warnings;
use Errno ();
use File::Basename qw(dirname);
use File::Spec;
use POSIX ();
use Xapi qw(:all);

$| = 1;
my $uniq = "pl$$";
# per case: socks, last, keep (handles to close at the end), vars
my %st;
my %constant = map { $_ => 1 } @Xapi::EXPORT_CONSTANTS;

# ---- command line and case files ------------------------------------------

my $dir = $ENV{XAPI_MATRIX_CASES} // File::Spec->catdir(dirname(__FILE__), 'cases');
$dir = shift @ARGV if @ARGV && -d $ARGV[0];
my @patterns = map { glob_to_re($_) } @ARGV;

sub glob_to_re {
    my ($g) = @_;
    my $re = join '', map { $_ eq '*' ? '.*' : $_ eq '?' ? '.' : quotemeta } split /([*?])/, $g;
    return qr/\A$re\z/;
}

sub read_cases {
    my @cases;
    opendir(my $dh, $dir) or die "runner.pl: cannot read case directory $dir: $!\n";
    for my $file (sort grep { /\.cases\z/ } readdir $dh) {
        my $path = File::Spec->catfile($dir, $file);
        open(my $fh, '<', $path) or die "runner.pl: $path: $!\n";
        my $case;
        while (my $line = <$fh>) {
            next if $line =~ /^\s*#/;    # leading blanks do not matter
            $line =~ s/\$uniq/$uniq/g;
            my @w = split ' ', $line;
            next unless @w;
            if ($w[0] eq 'case') {
                die "$path:$.: case inside case\n" if $case;
                $case = { id => $w[1], ops => [], where => "$path:$." };
            } elsif ($w[0] eq 'end') {
                die "$path:$.: end outside a case\n" unless $case;
                push @cases, $case;
                undef $case;
            } else {
                die "$path:$.: operation outside a case\n" unless $case;
                push @{ $case->{ops} }, \@w;
            }
        }
        die "$path: case $case->{id} has no end\n" if $case;
    }
    return @cases;
}

# ---- words ------------------------------------------------------------------

sub int_word {
    my ($w) = @_;
    my @v = map { int_part($_) } split /\|/, $w, -1;
    my $v = shift @v;
    $v |= $_ for @v;
    return $v;
}

sub int_part {
    my ($part) = @_;
    return 0 + $part if $part =~ /\A-?\d+\z/;
    return hex $1 if $part =~ /\A0x([0-9a-fA-F]+)\z/;
    die "not an INT or a constant Xapi exports: '$part'\n" unless $constant{$part};
    no strict 'refs';
    return &{"Xapi::$part"}();
}

sub bytes_word {
    my ($w) = @_;
    if ($w =~ /\Av:(.+)\z/s) {
        die "no variable named $1\n" unless exists $st{vars}{$1};
        return $st{vars}{$1};
    }
    return $1 if $w =~ /\As:(.*)\z/s;
    if ($w =~ /\Ax:([0-9a-fA-F]*)\z/) {
        die "odd hex: $w\n" if length($1) % 2;
        return pack 'H*', $1;
    }
    return "\0" x $1 if $w =~ /\Az:(\d+)\z/;
    return chr(hex $2) x $1 if $w =~ /\Ar:(\d+):([0-9a-fA-F]{2})\z/;
    die "not BYTES: $w\n";
}

sub byteslist_word {
    my ($w) = @_;
    return [map { bytes_word($_) } split /,/, $w, -1];
}

sub sys_ifindex {
    my ($name) = @_;
    return 0 if $name eq '0';
    my $f = "/sys/class/net/$name/ifindex";
    open(my $fh, '<', $f) or die "$f: $!\n";
    chomp(my $i = <$fh>);
    return 0 + $i;
}

# ADDR@IFNAME: the address may hold ':' but never '@'.
sub addr_at_if {
    my ($w) = @_;
    $w =~ /\A(.*)@([^@]+)\z/ or die "not ADDR\@IFNAME: $w\n";
    return ($1, $2);
}

sub cmsg_word {
    my ($w) = @_;
    return 42 if $w eq '@wrongtype';
    my ($kind, $rest) = split /:/, $w, 2;
    die "not a CMSG: $w\n" unless defined $rest;
    if ($kind =~ /\A(?:hoplimit|tclass|ttl|tos)\z/) {
        return Xapi::Cmsg->$kind(int_word($rest));
    } elsif ($kind eq 'pktinfo6') {
        my ($addr, $if) = addr_at_if($rest);
        return Xapi::Cmsg->pktinfo6($addr, sys_ifindex($if));
    } elsif ($kind eq 'pktinfo4') {
        my ($addr, $if) = addr_at_if($rest);
        return Xapi::Cmsg->pktinfo4(sys_ifindex($if), $addr, undef);
    } elsif ($kind eq 'udp_segment') {
        return Xapi::Cmsg->udp_segment(int_word($rest));
    } elsif ($kind eq 'tsflags') {
        return Xapi::Cmsg->tsflags(int_word($rest));
    } elsif ($kind eq 'raw') {
        my ($level, $type, $bytes) = split /:/, $rest, 3;
        die "not raw:LEVEL:TYPE:BYTES: $w\n" unless defined $bytes;
        return Xapi::Cmsg->new(int_word($level), int_word($type), bytes_word($bytes));
    }
    die "unknown CMSG kind: $w\n";
}

# key=value words after the positional ones; cmsg= may repeat.
sub options {
    my ($words, @allowed) = @_;
    my %ok = map { $_ => 1 } @allowed;
    my %o = (cmsg => []);
    for my $w (@$words) {
        my ($k, $v) = $w =~ /\A(\w+)=(.*)\z/s or die "not key=value: $w\n";
        die "unknown option $k\n" unless $ok{$k};
        if ($k eq 'cmsg') { push @{ $o{cmsg} }, $v } else { $o{$k} = $v }
    }
    return \%o;
}

# sizes=N,N,...: numbers as they are (negative and huge ones are for the
# binding to refuse), names through int_word.
sub sizes_word {
    my ($w) = @_;
    return { a => 1 } if $w eq '@wrongtype';
    return [map { num_word($_) } split /,/, $w];
}

sub num_word { $_[0] =~ /\A-?\d+\z/ ? 0 + $_[0] : int_word($_[0]) }

# anc=A: an INT or space:L+L+... (the sum of cmsg_space(L)); undef is 0.
sub anc_word {
    my ($w) = @_;
    return 0 unless defined $w;
    if ($w =~ /\Aspace:(.+)\z/) {
        my $anc = 0;
        $anc += cmsg_space(int_word($_)) for split /\+/, $1;
        return $anc;
    }
    return num_word($w);
}

sub show {
    my ($v) = @_;
    return 'undef' unless defined $v;
    return '[' . join(', ', map { show($_) } @$v) . ']' if ref $v eq 'ARRAY';
    return "$v" if ref $v || $v =~ /\A-?\d+\z/;
    return $v =~ /\A[\x21-\x7e]*\z/ ? "'$v'" : 'x:' . unpack('H*', $v);
}

# ---- one case ------------------------------------------------------------------


sub sock {
    my ($name) = @_;
    if ($name eq '@negative') { return -1 }
    if ($name eq '@closed') {
        open(my $fh, '<', '/dev/null') or die "/dev/null: $!\n";
        my $fd = fileno $fh;
        close $fh;
        return $fd;
    }
    if ($name eq '@notsock') {
        open(my $fh, '<', '/dev/null') or die "/dev/null: $!\n";
        push @{ $st{keep} }, $fh;
        return fileno $fh;
    }
    return $st{socks}{$name} // die "no socket named $name\n";
}

sub peer_addr { Xapi::getsockname(sock($_[0])) }

sub wait_readable {
    my ($s) = @_;
    my $fd = ref $s ? fileno($s) : $s;
    return if !defined $fd || $fd < 0;
    my $rin = '';
    vec($rin, $fd, 1) = 1;
    my $n = select(my $rout = $rin, undef, undef, 5);
    die "socket not readable within 5 seconds\n" unless $n && $n > 0;
}

sub last_msg { $st{last} // die "no last message\n" }

# Address texts compared after both are parsed (Socket's inet_pton, not
# Xapi), so "2001:db8::1" and "2001:DB8:0::1" are equal; "" only equals "".
sub same_addr {
    my ($got, $want) = @_;
    return 0 unless defined $got;
    return $got eq $want if $got eq '' || $want eq '';
    require Socket;
    my ($g, $w) = map { (my $t = $_) =~ s/%.*\z//; $t } $got, $want;
    my $fam = $w =~ /:/ ? Socket::AF_INET6() : Socket::AF_INET();
    my ($pg, $pw) = map { Socket::inet_pton($fam, $_) } $g, $w;
    return defined $pg && defined $pw ? $pg eq $pw : $got eq $want;
}

sub view_matches {
    my ($c, $view) = @_;
    return 1 if $view eq 'any';
    if ($view =~ /\Aint:(.+)\z/) {
        my $want = int_word($1);
        return defined $c->value && !ref $c->value && $c->value == $want;
    }
    if ($view =~ /\Apktinfo:(.+)\z/) {
        my ($addr, $if) = addr_at_if($1);
        my $pi = $c->pktinfo or return 0;
        # All digits: the index itself (an interface of another namespace).
        my $index = $if =~ /\A\d+\z/ ? 0 + $if : sys_ifindex($if);
        return same_addr($pi->[0], $addr) && $pi->[1] == $index;
    }
    if ($view =~ /\Amtuinfo:(\d+),(.*)\z/) {
        my ($mtu, $addr) = ($1, $2);
        my $m = $c->pathmtu or return 0;
        return $m->{mtu} == $mtu && same_addr($m->{addr}, $addr);
    }
    if ($view =~ /\Asock_err:([^,]+),([^,]+),([^,]+),([^,]+),(.*)\z/) {
        my ($ename, $origin, $type, $code, $offender) = ($1, $2, $3, $4, $5);
        my $e = $c->sock_err or return 0;
        my $num = eval { no strict 'refs'; &{"Errno::$ename"}() };
        die "unknown errno name $ename\n" unless defined $num;
        return $e->{errno} == $num && $e->{origin} == int_word($origin)
            && $e->{type} == int_word($type) && $e->{code} == int_word($code)
            && ($offender eq '' ? !defined $e->{offender}
                : defined $e->{offender} && same_addr($e->{offender}, $offender));
    }
    if ($view =~ /\Abytes:(.+)\z/) {
        return $c->data eq bytes_word($1);
    }
    if ($view =~ /\Arec:(.+)\z/) {
        my $r = $c->value;
        return 0 unless ref $r eq 'HASH';
        for my $pair (split /,/, $1) {
            my ($name, $want) = $pair =~ /\A([^=]+)=(.*)\z/
                or die "bad rec VIEW: $view\n";
            return 0 unless exists $r->{$name};
            my $got = $r->{$name};
            if ($want =~ /\Ae:(.+)\z/) {
                my $num = eval { no strict 'refs'; &{"Errno::$1"}() };
                die "unknown errno name $1\n" unless defined $num;
                return 0 unless defined $got && $got == $num;
            } elsif ($want eq '') {
                return 0 unless !defined $got || $got eq '';
            } elsif (!defined $got) {
                return 0;
            } elsif ($want =~ /\A(?:x:|s:|z:|r:)/) {
                return 0 unless $got eq bytes_word($want);
            } elsif ($got =~ /\A-?\d+\z/) {
                return 0 unless $got == int_word($want);
            } else {
                return 0 unless same_addr($got, $want);
            }
        }
        return 1;
    }
    die "not a VIEW: $view\n";
}

my %op;
%op = (
    needs => sub {
        my ($what) = @_;
        if ($what eq 'lab') {
            return $ENV{XAPI_LAB} ? undef
                : 'SKIP needs the network lab: run as root, so that the matrix '
                . 'starts tests/lab/lab.sh (XAPI_LAB unset)';
        }
        die "unknown need: $what\n" unless $what eq 'root';
        return $> == 0 ? undef : 'SKIP needs root';
    },
    # Variables (SPEC.md "Variables").
    set => sub {
        my ($name, $bytes) = @_;
        $st{vars}{$name} = bytes_word($bytes);
        return;
    },
    expect_bytes => sub {
        my ($name, $bytes) = @_;
        my ($got, $want) = (bytes_word("v:$name"), bytes_word($bytes));
        die "$name is " . unpack('H*', $got) . ", expected " . unpack('H*', $want) . "\n"
            unless $got eq $want;
        return;
    },
    take_cmsg => sub {
        my ($name, $level, $type) = @_;
        my ($lv, $ty) = (int_word($level), int_word($type));
        for my $c (@{ last_msg()->{cmsgs} }) {
            next unless $c->level == $lv && $c->type == $ty;
            $st{vars}{$name} = $c->data;
            return;
        }
        die "no item ($lv, $ty)\n";
    },
    socket => sub {
        my ($name, $fam, $type, $proto) = @_;
        socket(my $s, int_word($fam), int_word($type), defined $proto ? int_word($proto) : 0)
            or die "socket: $!\n";
        $st{socks}{$name} = $s;
        return;
    },
    bind => sub {
        my ($name, $host, $port) = @_;
        Xapi::bind(sock($name), $host, int_word($port));
        return;
    },
    listen => sub {
        my ($name) = @_;
        listen(sock($name), 8) or die "listen: $!\n";
        return;
    },
    accept => sub {
        my ($new, $name) = @_;
        wait_readable(sock($name));
        accept(my $s, sock($name)) or die "accept: $!\n";
        $st{socks}{$new} = $s;
        return;
    },
    connect => sub {
        my ($name, $peer) = @_;
        my $a = peer_addr($peer);
        Xapi::connect(sock($name), ref $a ? @$a : ($a, 0));
        return;
    },
    close => sub {
        my ($name) = @_;
        close(sock($name)) or die "close: $!\n";
        delete $st{socks}{$name};
        return;
    },
    setsockopt => sub {
        my ($name, $level, $opt, $v) = @_;
        setsockopt_int(sock($name), int_word($level), int_word($opt), int_word($v));
        return;
    },
    expect_sockopt => sub {
        my ($name, $level, $opt, $v) = @_;
        my $got = getsockopt_int(sock($name), int_word($level), int_word($opt));
        die "option is $got, expected " . int_word($v) . "\n" unless $got == int_word($v);
        return;
    },
    expect_sockname => sub {
        my ($name, $host) = @_;
        my $a = Xapi::getsockname(sock($name));
        if (ref $a) {
            die "sockname " . show($a) . ", expected host $host\n"
                unless $a->[0] eq $host && $a->[1] != 0;
        } else {
            die "sockname " . show($a) . ", expected $host\n" unless $a eq $host;
        }
        return;
    },
    sendmsg => sub {
        my ($name, @rest) = @_;
        my $o = options(\@rest, qw(data to cmsg flags expect));
        my $data = !defined $o->{data} ? die("sendmsg needs data=\n")
            : $o->{data} eq '@wrongtype' ? { a => 1 }
            : $o->{data} eq '@wrongitem' ? ['ok', {}]
            : byteslist_word($o->{data});
        my $to = defined $o->{to} ? peer_addr($o->{to}) : undef;
        my @cmsgs = map { cmsg_word($_) } @{ $o->{cmsg} };
        my $flags = defined $o->{flags} ? int_word($o->{flags}) : 0;
        my $n = sendmsg(sock($name), $data, $to, \@cmsgs, $flags);
        die "sent $n bytes, expected $o->{expect}\n"
            if defined $o->{expect} && $n != int_word($o->{expect});
        return;
    },
    recvmsg => sub {
        my ($name, @rest) = @_;
        my $o = options(\@rest, qw(sizes anc flags));
        die "recvmsg needs sizes=\n" unless defined $o->{sizes};
        my $sizes = sizes_word($o->{sizes});
        my $anc = anc_word($o->{anc});
        my $flags = defined $o->{flags} ? int_word($o->{flags}) : 0;
        my $s = sock($name);
        wait_readable($s) unless $flags & MSG_DONTWAIT;
        my ($addr, $data, $cmsgs, $mflags, $n) = recvmsg($s, $sizes, $anc, $flags);
        $st{last} = { addr => $addr, data => $data, cmsgs => $cmsgs, flags => $mflags, n => $n };
        return;
    },
    expect_data => sub {
        my ($list) = @_;
        my $want = byteslist_word($list);
        my $got = last_msg()->{data};
        die "data " . show($got) . ", expected " . show($want) . "\n"
            unless @$got == @$want && !grep { $got->[$_] ne $want->[$_] } 0 .. $#$want;
        return;
    },
    expect_len => sub {
        my $n = last_msg()->{n};
        die "length $n, expected $_[0]\n" unless $n == int_word($_[0]);
        return;
    },
    expect_flags_set => sub {
        my $f = last_msg()->{flags};
        my $want = int_word($_[0]);
        die sprintf("msg_flags 0x%x lack 0x%x\n", $f, $want) unless ($f & $want) == $want;
        return;
    },
    expect_flags_clear => sub {
        my $f = last_msg()->{flags};
        my $want = int_word($_[0]);
        die sprintf("msg_flags 0x%x hold some of 0x%x\n", $f, $want) if $f & $want;
        return;
    },
    expect_from => sub {
        my ($peer) = @_;
        my $want = peer_addr($peer);
        my $got = last_msg()->{addr};
        my $same = ref $want
            ? (ref $got eq 'ARRAY' && $got->[0] eq $want->[0] && $got->[1] == $want->[1])
            : (defined $got && !ref $got && $got eq $want);
        die "from " . show($got) . ", expected " . show($want) . "\n" unless $same;
        return;
    },
    expect_ncmsg => sub {
        my $n = @{ last_msg()->{cmsgs} };
        die "$n items, expected $_[0]\n" unless $n == int_word($_[0]);
        return;
    },
    expect_cmsg => sub {
        my ($level, $type, $view) = @_;
        my ($l, $t) = (int_word($level), int_word($type));
        my @same = grep { $_->level == $l && $_->type == $t } @{ last_msg()->{cmsgs} };
        die "no item $level/$type\n" unless @same;
        die "item $level/$type is " . join(' ', map { show($_->value // $_->data) } @same)
            . ", expected $view\n"
            unless grep { view_matches($_, $view) } @same;
        return;
    },
    expect_cmsg_space => sub {
        my ($l, $n) = @_;
        my $got = cmsg_space(int_word($l));
        die "cmsg_space($l) is $got, expected $n\n" unless $got == int_word($n);
        my $alias = CMSG_SPACE(int_word($l));
        die "CMSG_SPACE($l) is $alias, expected $n\n" unless $alias == int_word($n);
        return;
    },
    expect_cmsg_len => sub {
        my ($l, $n) = @_;
        my $got = cmsg_len(int_word($l));
        die "cmsg_len($l) is $got, expected $n\n" unless $got == int_word($n);
        return;
    },
    build_cmsgs => sub {
        my @words = @_;
        my $expect;
        if (@words && $words[-1] =~ /\Aexpect=(.*)\z/s) {
            $expect = bytes_word($1);
            pop @words;
        }
        my $got = build_cmsgs([map { cmsg_word($_) } @words]);
        die "built " . show($got) . ", expected " . show($expect) . "\n"
            if defined $expect && $got ne $expect;
        return;
    },
    parse_cmsgs => sub {
        my ($bytes) = @_;
        my @items = parse_cmsgs(bytes_word($bytes));
        $st{last} = { cmsgs => \@items };
        return;
    },
    expect_ifindex => sub {
        my ($name) = @_;
        my $got = if_nametoindex($name);
        die "if_nametoindex($name) is $got, /sys says " . sys_ifindex($name) . "\n"
            unless $got == sys_ifindex($name);
        return;
    },
    expect_ifname => sub {
        my ($name) = @_;
        my $got = if_indextoname(sys_ifindex($name));
        die "if_indextoname gives '$got', expected '$name'\n" unless $got eq $name;
        return;
    },
    expect_nameindex_sys => sub {
        opendir(my $dh, '/sys/class/net') or die "/sys/class/net: $!\n";
        my %want = map { sys_ifindex($_) => $_ } grep { !/\A\./ } readdir $dh;
        my %got = map { $_->[0] => $_->[1] } if_nameindex();
        my $w = join ',', map { "$_:$want{$_}" } sort { $a <=> $b } keys %want;
        my $g = join ',', map { "$_:$got{$_}" } sort { $a <=> $b } keys %got;
        die "if_nameindex gives $g, /sys has $w\n" unless $g eq $w;
        return;
    },
    expect_constant => sub {
        my ($name, $n) = @_;
        die "Xapi exports no constant $name\n" unless $constant{$name};
        no strict 'refs';
        my $got = &{"Xapi::$name"}();
        die "$name is $got, expected $n\n" unless $got == int_word($n);
        return;
    },
    if_nametoindex => sub { if_nametoindex($_[0]); return },
    if_indextoname => sub { if_indextoname(int_word($_[0])); return },
    expect_error => sub {
        my ($kind, $name, @args) = @_;
        my $code = $op{$name} or die "unknown operation $name\n";
        local $! = 0;
        my $ok = eval { $code->(@args); 1 };
        my ($err, $errno) = ($@, 0 + $!);
        die "$name succeeded, expected $kind\n" if $ok;
        chomp $err;
        if ($kind =~ /\Aos:(E[A-Z0-9]+)\z/) {
            # "strerror (ENAME)", or with the core's reason "... [ENAME]"
            my $want = $1;
            my $num = eval { no strict 'refs'; &{"Errno::$want"}() };
            die "unknown errno name $want\n" unless defined $num;
            die "error '$err' with \$! = $errno, expected $want ($num)\n"
                unless $errno == $num && $err =~ /\AXapi::\w+: .*(?:\($want\)|\[$want\])/;
        } elsif ($kind eq 'arg') {
            die "error '$err' names no argument\n" unless $err =~ /\AXapi::[\w:]+: bad argument \w+: /;
            die "argument error '$err' changed \$! to $errno\n" if $errno != 0;
        } else {
            die "unknown error kind $kind\n";
        }
        return;
    },
);

# The topic files (ops_*.pl beside this file) add entries to %op; they are
# compiled in this file's scope (package main), so they use its helpers
# (int_word, bytes_word, sock, last_msg, %st, ...) directly.  Each may
# push a code ref onto @cleanup_hooks, called after every case.
our @cleanup_hooks;
for my $topic (qw(ops_rfc3542.pl ops_net.pl ops_batch.pl ops_family.pl ops_ts.pl ops_fdpass.pl ops_origdst.pl ops_mcast.pl ops_icmpext.pl ops_gro.pl ops_send.pl)) {
    my $path = File::Spec->catfile(dirname(__FILE__), $topic);
    next unless -e $path;
    my $src = do { local (@ARGV, $/) = ($path); <> };
    ## no critic (ProhibitStringyEval)
    eval "#line 1 \"$path\"\n$src\n1;" or die "runner.pl: $path: $@";
}

sub run_case {
    my ($case) = @_;
    %st = (socks => {}, keep => [], vars => {});
    my $result;
    my $ok = eval {
        for my $w (@{ $case->{ops} }) {
            my ($name, @args) = @$w;
            my $code = $op{$name} or die "unknown operation $name\n";
            $result = $code->(@args);
            last if defined $result;    # a SKIP
        }
        1;
    };
    my $err = $@;
    close $_ for values %{ $st{socks} }, @{ $st{keep} };
    $_->() for @cleanup_hooks;
    %st = ();
    return $result if $ok && defined $result;
    return '' if $ok;
    $err =~ s/\s+\z//;
    $err =~ s/\n/ | /g;
    return "FAIL $err";
}

my @cases = read_cases();
my %seen;
for (@cases) { die "runner.pl: duplicate case id $_->{id}\n" if $seen{ $_->{id} }++ }
@cases = grep { my $id = $_->{id}; grep { $id =~ $_ } @patterns } @cases if @patterns;

print "1..", scalar(@cases), "\n";
my ($k, $failed) = (0, 0);
for my $case (@cases) {
    $k++;
    my $r = run_case($case);
    if ($r eq '') {
        print "ok $k - $case->{id}\n";
    } elsif ($r =~ /\ASKIP (.*)/) {
        print "ok $k - $case->{id} # SKIP $1\n";
    } else {
        $failed++;
        print "not ok $k - $case->{id} # ", substr($r, 5), "\n";
    }
}
exit($failed ? 1 : 0);
