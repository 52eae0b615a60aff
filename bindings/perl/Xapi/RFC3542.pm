package Xapi::RFC3542;

# The RFC 3542 calls (issue 3), all generated from swig/xapi.i (Xapi::Raw):
# those whose Perl shape is the core call's are aliased here; the rest
# (in-place calls, key => value arguments, the filter object, the options
# calls' data views and output references) are the small subs below.  All
# are exported into Xapi:: through @EXPORTS by Xapi.pm (:functions, :all
# and :rfc3542).  Errors croak at the caller's line.  See the POD below.

use strict;
use warnings;

use B ();
use Scalar::Util ();
use Xapi::Raw ();

our $VERSION = '0.1.0';

our @EXPORTS = qw(
    icmp6_filter_new set_icmp6_filter get_icmp6_filter
    get_pathmtu nexthop
    rth_space rth_init rth_add rth_build rth_segments rth_getaddr
    rth_reverse rth_reverse_in_place
    srh_build srh_parse
    opt_build opt_parse opt_find opt_get_val
    ip6opt_type ip6opt_mutable router_alert
    inet6_opt_init inet6_opt_append inet6_opt_finish inet6_opt_set_val
    inet6_opt_next inet6_opt_find inet6_opt_get_val
);


{
    no strict 'refs';
    # The native calls whose Perl shape is the public one.
    *{"Xapi::RFC3542::$_"} = \&{"Xapi::Raw::$_"} for qw(
        get_pathmtu nexthop
        rth_space rth_init rth_build rth_segments rth_getaddr rth_reverse
    );
}

# Errors go through Xapi.pm's _die_at_caller and _rethrow_as (the caller's
# line, without Carp, $! as it should be).
our $ERRNO_IN;   # $! when the public sub was called (see _rethrow)

# die at the caller's line; $! is $errno, or left as it is.
sub _die_at_caller {
    my ($msg, $errno) = @_;
    Xapi::_die_at_caller($msg, defined $errno ? $errno : 0 + $!);
}

# The native call's error ($@) under the public name $fn (and public
# argument names, %arg: native => public); a wrong value leaves $! as the
# caller had it ($ERRNO_IN, kept by each public sub first).
sub _rethrow {
    my ($fn, %arg) = @_;
    Xapi::_rethrow_as($fn, defined $ERRNO_IN ? $ERRNO_IN : 0 + $!, %arg);
}

# An argument error of these subs, in the words of every other.
sub _croak_arg {
    my ($fn, $arg, $why) = @_;
    _die_at_caller("Xapi::$fn: bad argument $arg: $why", $ERRNO_IN);
}

# Read-only, or a special variable such as $1 (magic that ignores writes).
sub _readonly {
    my ($ref) = @_;
    return 1 if Internals::SvREADONLY($$ref);
    my $o = B::svref_2object($ref);
    return 0 unless $o->can('MAGIC');
    return scalar grep { $_->TYPE eq "\0" } $o->MAGIC;
}

# The scalar a reference refers to, checked to be a writable byte string
# (for the in-place calls rth_add and rth_reverse_in_place).
sub _buf_ref {
    my ($fn, $ref) = @_;
    _croak_arg($fn, 'buf', 'not a reference to a scalar')
        unless ref $ref eq 'SCALAR';
    _croak_arg($fn, 'buf', 'refers to a read-only value') if _readonly($ref);
    _croak_arg($fn, 'buf', 'refers to ' . (defined $$ref ? 'a reference' : 'undef')
                           . ', a byte string is needed')
        if !defined $$ref || ref $$ref;
    _croak_arg($fn, 'buf', 'holds a character above 0xFF, not bytes')
        unless utf8::downgrade($$ref, 1);
    return $ref;
}

# rth_add(\$buf, $addr): the next address in path order, in place.
sub rth_add {
    local $ERRNO_IN = 0 + $!;
    Xapi::RFC3542::_die_at_caller('Usage: Xapi::rth_add(\$buf, addr)') unless @_ == 2;
    my $ref = _buf_ref('rth_add', $_[0]);
    my $new = eval { Xapi::Raw::rth_add($$ref, $_[1]) };
    _rethrow('rth_add', bytes => 'buf') unless defined $new;
    $$ref = $new;
    return 1;
}

# rth_reverse_in_place(\$buf): RFC 3542's inet6_rth_reverse(in, in).
sub rth_reverse_in_place {
    local $ERRNO_IN = 0 + $!;
    Xapi::RFC3542::_die_at_caller('Usage: Xapi::rth_reverse_in_place(\$buf)') unless @_ == 1;
    my $ref = _buf_ref('rth_reverse_in_place', $_[0]);
    my $new = eval { Xapi::Raw::rth_reverse($$ref) };
    _rethrow('rth_reverse_in_place', bytes => 'buf') unless defined $new;
    substr($$ref, 0, length $new) = $new;
    return 1;
}

my %SRH_KEYS = map { $_ => 1 } qw(segments segments_left next_header flags tag tlv);

# srh_build(segments => [...wire order...], segments_left => N,
#           next_header => 0, flags => 0, tag => 0, tlv => '')
sub srh_build {
    local $ERRNO_IN = 0 + $!;
    _croak_arg('srh_build', 'args', 'an odd number of arguments: key => '
               . 'value pairs are needed') if @_ % 2;
    # References to the values (no FETCH yet): each is read once, the TLV
    # bytes last, so no other key's read can change them.
    my %a;
    for (my $i = 0; $i < @_; $i += 2) {
        my $k = $_[$i];
        _croak_arg('srh_build', 'args', "unknown key '" . substr($k, 0, 40)
                   . "' (segments, segments_left, next_header, flags, tag, tlv)")
            unless $SRH_KEYS{$k};
        $a{$k} = \$_[$i + 1];
    }
    _croak_arg('srh_build', 'segments', 'missing: segments => [addresses in '
               . 'wire order] is needed') unless exists $a{segments};
    my %v = map { $_ => ${ $a{$_} } } grep { $_ ne 'tlv' } keys %a;
    my $segs = $v{segments};
    my $left = $v{segments_left};
    $left = ref $segs eq 'ARRAY' ? @$segs - 1 : 0 unless defined $left;
    my $tlv = exists $a{tlv} ? ${ $a{tlv} } : '';
    my $h = eval {
        Xapi::Raw::srh_encode($segs, $left, $v{next_header} // 0,
                              $v{flags} // 0, $v{tag} // 0, $tlv // '')
    };
    _rethrow('srh_build', bytes => 'tlv') unless defined $h;
    return $h;
}

# srh_parse($bytes) -> {next_header, segments_left, last_entry, flags,
#                       tag, segments => [wire order], tlv}
sub srh_parse {
    local $ERRNO_IN = 0 + $!;
    Xapi::RFC3542::_die_at_caller('Usage: Xapi::srh_parse(bytes)') unless @_ == 1;
    my $h = eval { Xapi::Raw::srh_decode($_[0]) };
    _rethrow('srh_parse') unless defined $h;
    delete @$h{qw(type hdr_ext_len reserved length)};
    return $h;
}

# icmp6_filter_new($mode = 'pass') -> Xapi::ICMP6Filter
sub icmp6_filter_new {
    local $ERRNO_IN = 0 + $!;
    Xapi::RFC3542::_die_at_caller("Usage: Xapi::icmp6_filter_new(mode = 'pass')") if @_ > 1;
    my $mode = $_[0];
    $mode = 'pass' unless defined $mode;
    _croak_arg('icmp6_filter_new', 'mode', 'a reference, not a string')
        if ref $mode;
    my $pass = $mode eq 'pass' || $mode eq 'passall' ? 0
             : $mode eq 'block' || $mode eq 'blockall' ? 1
             : _croak_arg('icmp6_filter_new', 'mode', "'" . substr($mode, 0, 40)
                          . "' is not 'pass' or 'block'");
    my $f = Xapi::Raw::icmp6_filter_make($pass, []);
    return bless \$f, 'Xapi::ICMP6Filter';
}

# The 32 bytes of a filter argument: an Xapi::ICMP6Filter, or (with
# $bytes_ok) the bytes themselves.
sub _filter_bytes {
    my ($fn, $arg, $f, $bytes_ok) = @_;
    if (ref $f && Scalar::Util::blessed($f) && $f->isa('Xapi::ICMP6Filter')
        && Scalar::Util::reftype($f) eq 'SCALAR') {
        return $$f;
    }
    return $f if $bytes_ok && defined $f && !ref $f;
    _croak_arg($fn, $arg, 'not an Xapi::ICMP6Filter'
               . ($bytes_ok ? ' or its 32 bytes' : ''));
}

# set_icmp6_filter($sock, $filter) -> true
sub set_icmp6_filter {
    local $ERRNO_IN = 0 + $!;
    Xapi::RFC3542::_die_at_caller('Usage: Xapi::set_icmp6_filter(sock, filter)') unless @_ == 2;
    my $bytes = _filter_bytes('set_icmp6_filter', 'filter', $_[1], 1);
    eval { Xapi::Raw::icmp6_filter_install($_[0], $bytes); 1 }
        or _rethrow('set_icmp6_filter', bytes => 'filter');
    return 1;
}

# get_icmp6_filter($sock) -> Xapi::ICMP6Filter
sub get_icmp6_filter {
    local $ERRNO_IN = 0 + $!;
    Xapi::RFC3542::_die_at_caller('Usage: Xapi::get_icmp6_filter(sock)') unless @_ == 1;
    my $f = eval { Xapi::Raw::icmp6_filter_fetch($_[0]) };
    _rethrow('get_icmp6_filter') unless defined $f;
    return bless \$f, 'Xapi::ICMP6Filter';
}

# ---- options (section 10) ---------------------------------------------------

# A native call, its croak made again at our caller's line; a bad
# argument leaves $! as the caller had it, an OS error sets it.
sub _call {
    my $f = shift;
    my $errno = 0 + $!;
    my @r;
    return @r if eval { @r = $f->(@_); 1 };
    Xapi::_rethrow_as(undef, $errno);
}

# die at the line of the first caller outside these packages, $! kept.
sub _croak { _die_at_caller($_[0], 0 + $!) }

sub _bad {
    my ($fn, $arg, $why) = @_;
    _croak("Xapi::$fn: bad argument $arg: $why");
}

# An output argument: undef, or a reference to a writable scalar.
sub _out_ref {
    my ($ref, $fn, $arg) = @_;
    return undef unless defined $ref;
    _bad($fn, $arg, 'not a reference to a writable scalar (or undef)')
        unless ref $ref eq 'SCALAR' || ref $ref eq 'REF' || ref $ref eq 'LVALUE'
        and !_readonly($ref);
    return $ref;
}

sub _set { my ($ref, $v) = @_; $$ref = $v if $ref }

# extbuf of the reading calls: bytes, or a reference to them.  Returns the
# reference a data view keeps (the caller's scalar, or a copy of bytes).
sub _extbuf_r {
    my ($arg, $fn) = @_;
    if (ref $arg eq 'SCALAR' || ref $arg eq 'LVALUE') {
        my $v = $$arg;
        _bad($fn, 'extbuf', 'refers to undef, a byte string is needed')
            unless defined $v;
        return $arg;
    }
    _bad($fn, 'extbuf', (defined $arg ? 'a reference' : 'undef')
         . ', a byte string is needed')
        if !defined $arg || ref $arg;
    my $copy = $arg;
    return \$copy;
}

# The place a databuf argument names: (\$buffer, offset, length).
sub _databuf {
    my ($arg, $writable, $fn) = @_;
    if (Scalar::Util::blessed($arg) && $arg->isa('Xapi::RFC3542::OptData')) {
        _bad($fn, 'databuf', 'not a data view from inet6_opt_append/_next/'
             . '_find or a scalar reference')
            unless Scalar::Util::reftype($arg) eq 'ARRAY';
        my ($r, $o, $l) = @$arg;
        _bad($fn, 'databuf', 'a damaged data view')
            unless ref $r && defined $o && defined $l;
        _bad($fn, 'databuf', 'refers to a read-only value')
            if $writable && _readonly($r);
        return ($r, $o, $l);
    }
    if (ref $arg eq 'SCALAR' || ref $arg eq 'LVALUE') {
        my $v = $$arg;
        _bad($fn, 'databuf', 'refers to undef') unless defined $v;
        _bad($fn, 'databuf', 'refers to a read-only value')
            if $writable && _readonly($arg);
        return ($arg, 0, length $v);
    }
    if (!$writable && defined $arg && !ref $arg) {
        my $copy = $arg;
        return (\$copy, 0, length $copy);
    }
    _bad($fn, 'databuf', 'not a data view from inet6_opt_append/_next/_find '
         . 'or a scalar reference');
}

sub _view { bless [$_[0], $_[1], $_[2]], 'Xapi::RFC3542::OptData' }

{
    no strict 'refs';
    for my $name (qw(opt_build opt_parse opt_get_val ip6opt_type
                     ip6opt_mutable router_alert inet6_opt_init
                     inet6_opt_finish)) {
        my $raw = \&{"Xapi::Raw::$name"};
        *{"Xapi::RFC3542::$name"} = sub {
            my @r = _call($raw, @_);
            wantarray ? @r : $r[-1];
        };
    }
}

sub opt_find {
    my $o = (_call(\&Xapi::Raw::opt_find, @_))[0];
    return $o ? $o->[1] : undef;
}

sub inet6_opt_append {
    my $fn = 'inet6_opt_append';
    _usage($fn, '\$extbuf | undef, extlen, offset, type, len, align, '
           . '\$databuf = undef') unless @_ == 6 || @_ == 7;
    my $out = @_ > 6 ? _out_ref($_[6], $fn, 'databuf') : undef;
    my ($r, $dataoff) = _call(\&Xapi::Raw::inet6_opt_append, @_[0 .. 5]);
    _set($out, _view($_[0], $dataoff, $_[4])) if ref $_[0] && defined ${ $_[0] };
    return $r;
}

sub inet6_opt_set_val {
    my $fn = 'inet6_opt_set_val';
    _usage($fn, 'databuf, offset, val, vallen = length(val)')
        unless @_ == 3 || @_ == 4;
    # One at a time, in order: reading vallen may run code (a tied FETCH)
    # that changes val, which is taken first.
    my $databuf = $_[0];
    my $offset = $_[1];
    my $val = $_[2];
    if (@_ > 3) {
        my $want = $_[3];
        if (defined $want) {
            my $have = defined $val && !ref $val ? length $val : 0;
            _bad($fn, 'vallen', "$want, but val holds $have bytes")
                if $want !~ /\A\d+\z/ || $want != $have;
        }
    }
    my ($ref, $off, $len) = _databuf($databuf, 1, $fn);
    return (_call(\&Xapi::Raw::inet6_opt_set_val, $ref, $off, $len, $offset,
                  $val))[0];
}

sub _walk {
    my ($fn, $type, $args, $outs) = @_;
    my @out = map { _out_ref($outs->[$_], $fn, (qw(typep lenp databuf))[$_]) }
        0 .. 2;
    my $owner = _extbuf_r($args->[0], $fn);
    my ($r, $o) = defined $type
        ? _call(\&Xapi::Raw::inet6_opt_find, $$owner, $args->[1], $args->[2],
                $type)
        : _call(\&Xapi::Raw::inet6_opt_next, $$owner, $args->[1], $args->[2]);
    return -1 unless $o;
    _set($out[0], $o->[0]);
    _set($out[1], length $o->[1]);
    _set($out[2], _view($owner, $o->[2], length $o->[1]));
    return $r;
}

sub inet6_opt_next {
    _usage('inet6_opt_next', 'extbuf, extlen, offset, \$type, \$len, '
           . '\$databuf') unless @_ == 6;
    return _walk('inet6_opt_next', undef, [@_[0 .. 2]], [@_[3 .. 5]]);
}

sub inet6_opt_find {
    _usage('inet6_opt_find', 'extbuf, extlen, offset, type, \$len, '
           . '\$databuf') unless @_ == 6;
    return _walk('inet6_opt_find', $_[3], [@_[0 .. 2]], [undef, @_[4, 5]]);
}

sub inet6_opt_get_val {
    my $fn = 'inet6_opt_get_val';
    _usage($fn, 'databuf, offset, \$val, vallen') unless @_ == 4;
    my $out = _out_ref($_[2], $fn, 'val');
    my ($ref, $off, $len) = _databuf($_[0], 0, $fn);
    my ($r, $v) = _call(\&Xapi::Raw::inet6_opt_get_val, $$ref, $off, $len,
                        $_[1], $_[3]);
    _set($out, $v);
    return $r;
}

sub _usage {
    _croak("Usage: Xapi::$_[0]($_[1])");
}

package Xapi::ICMP6Filter;

# A blessed reference to the filter's 32 bytes (Linux's layout).

use Scalar::Util ();

our $VERSION = '0.1.0';

# Xapi::ICMP6Filter->new($mode): icmp6_filter_new($mode), with an error
# reported at the caller's line and $! as the native call left it.
sub new {
    local $Xapi::RFC3542::ERRNO_IN = $Xapi::RFC3542::ERRNO_IN // 0 + $!;
    my $class = shift;
    my $f = eval { Xapi::RFC3542::icmp6_filter_new(@_) };
    return $f if $f;
    Xapi::RFC3542::_rethrow('icmp6_filter_new');
}

sub _update {
    local $Xapi::RFC3542::ERRNO_IN = $Xapi::RFC3542::ERRNO_IN // 0 + $!;
    my ($self, $type, $pass, $name) = @_;
    my $fn = "ICMP6Filter::$name";
    my $bytes = Xapi::RFC3542::_filter_bytes($fn, 'self', $self);
    my $new = eval { Xapi::Raw::icmp6_filter_update($bytes, $pass, [$type]) };
    Xapi::RFC3542::_rethrow($fn, filter => 'self') unless defined $new;
    Xapi::RFC3542::_croak_arg($fn, 'self', 'a read-only filter')
        if Internals::SvREADONLY($$self);
    $$self = $new;
    return $self;
}

sub _test {
    local $Xapi::RFC3542::ERRNO_IN = $Xapi::RFC3542::ERRNO_IN // 0 + $!;
    my ($self, $type, $name) = @_;
    my $fn = "ICMP6Filter::$name";
    my $bytes = Xapi::RFC3542::_filter_bytes($fn, 'self', $self);
    my $r = eval { Xapi::Raw::icmp6_filter_test($bytes, $type) };
    Xapi::RFC3542::_rethrow($fn, filter => 'self') unless defined $r;
    return $r;
}

sub set_pass   { Xapi::RFC3542::_die_at_caller('Usage: $filter->set_pass(type)') unless @_ == 2; _update($_[0], $_[1], 1, 'set_pass') }
sub set_block  { Xapi::RFC3542::_die_at_caller('Usage: $filter->set_block(type)') unless @_ == 2; _update($_[0], $_[1], 0, 'set_block') }
sub will_pass  { Xapi::RFC3542::_die_at_caller('Usage: $filter->will_pass(type)') unless @_ == 2; _test($_[0], $_[1], 'will_pass') ? !!1 : !!0 }
sub will_block { Xapi::RFC3542::_die_at_caller('Usage: $filter->will_block(type)') unless @_ == 2; _test($_[0], $_[1], 'will_block') ? !!0 : !!1 }

# $filter->bytes -> the 32 bytes, Linux's layout
sub bytes {
    local $Xapi::RFC3542::ERRNO_IN = $Xapi::RFC3542::ERRNO_IN // 0 + $!;
    my $self = shift;
    my $bytes = Xapi::RFC3542::_filter_bytes('ICMP6Filter::bytes', 'self', $self);
    eval { Xapi::Raw::icmp6_filter_test($bytes, 0); 1 }
        or Xapi::RFC3542::_rethrow('ICMP6Filter::bytes', filter => 'self');
    return $bytes;
}

# Xapi::ICMP6Filter->from_bytes($bytes)
sub from_bytes {
    local $Xapi::RFC3542::ERRNO_IN = $Xapi::RFC3542::ERRNO_IN // 0 + $!;
    my ($class, $bytes) = @_;
    my $fn = 'ICMP6Filter::from_bytes';
    Xapi::RFC3542::_croak_arg($fn, 'bytes', 'undef, a byte string is needed')
        unless defined $bytes;
    Xapi::RFC3542::_croak_arg($fn, 'bytes', 'a reference, a byte string is needed')
        if ref $bytes;
    eval { Xapi::Raw::icmp6_filter_test($bytes, 0); 1 }
        or Xapi::RFC3542::_rethrow($fn, filter => 'bytes');
    my $copy = "$bytes";
    utf8::downgrade($copy);
    return bless \$copy, 'Xapi::ICMP6Filter';
}

package Xapi::RFC3542::OptData;

# What RFC 3542's databuf pointer is in C: [\$extbuf, offset, length],
# made by inet6_opt_append, inet6_opt_next and inet6_opt_find.

our $VERSION = '0.1.0';

sub offset { $_[0][1] }
sub length { $_[0][2] }
sub bytes  { substr(${ $_[0][0] }, $_[0][1], $_[0][2]) }

1;

__END__

=head1 NAME

Xapi::RFC3542 - IPv6 advanced sockets (RFC 3542) for Perl: ICMPv6 filters,
routing headers and the Segment Routing Header, Hop-by-Hop and Destination
options, path MTU

=head1 SYNOPSIS

  use Xapi qw(:all);            # or: use Xapi qw(:rfc3542 :constants);

  # ICMPv6 filter on a raw socket (needs root / CAP_NET_RAW)
  socket(my $raw, AF_INET6, SOCK_RAW, IPPROTO_ICMPV6) or die $!;
  my $f = icmp6_filter_new('block');
  $f->set_pass(ICMP6_ECHO_REPLY);
  set_icmp6_filter($raw, $f);
  print get_icmp6_filter($raw)->will_pass(129) ? "replies pass\n" : "";

  # Routing headers: type 0 (RFC 2460) and type 4, the SRH (RFC 8754)
  my $rth = rth_build(0, ['2001:db8::1', '2001:db8::2']);   # path order
  my $n   = rth_segments($rth);                              # 2
  my $a0  = rth_getaddr($rth, 0);                            # '2001:db8::1'
  my $back = rth_reverse($rth);

  my $srh = srh_build(segments => ['2001:db8::3', '2001:db8::2'],
                      segments_left => 1);
  my $h = srh_parse($srh);      # {segments => [...], segments_left => 1, ...}

  # Hop-by-Hop / Destination options, laid out as RFC 2460 Appendix B says
  my $hbh = opt_build([[0x3e, 4, [pack('C', 1), pack('n', 2), pack('N', 4)]]]);
  for my $o (opt_parse($hbh)) { printf "type %d: %s\n", $o->[0], unpack('H*', $o->[1]) }
  setsockopt_bytes($sock, IPPROTO_IPV6, IPV6_HOPOPTS, router_alert(0));

  # Path MTU of a connected socket
  my $pmtu = get_pathmtu($udp);  # {addr => '', ifindex => 0, mtu => 65536}

=head1 DESCRIPTION

These functions are part of L<Xapi>: C<use Xapi> makes them available as
C<Xapi::NAME>, and they are exported with the C<:rfc3542>, C<:functions>
and C<:all> tags (the constants they take, C<ICMP6_*>, C<IPV6_RTHDR*>,
C<IP6OPT_*>, come with C<:constants>).  Each one is a single native call
into libxapi: building or parsing a whole header costs one crossing.

Headers are byte strings, as the kernel sees them (C<setsockopt_bytes>,
ancillary items of C<sendmsg>/C<recvmsg>).  A NUL byte is a byte like any
other.  Addresses are text (C<"2001:db8::1">; a scope suffix is refused,
since a header holds the bare 16 bytes); addresses given back are in the
canonical form of RFC 5952 as C<inet_ntop> writes it.

=head1 ICMPv6 FILTER (RFC 3542 section 3.2)

=over

=item icmp6_filter_new($mode = 'pass')

A new L</Xapi::ICMP6Filter> passing every type (C<'pass'>,
ICMP6_FILTER_SETPASSALL) or blocking every type (C<'block'>,
ICMP6_FILTER_SETBLOCKALL).

=item set_icmp6_filter($sock, $filter)

C<setsockopt(IPPROTO_ICMPV6, ICMP6_FILTER)>.  C<$filter> is an
Xapi::ICMP6Filter or its 32 bytes.  Returns true.  The socket must be a
raw ICMPv6 socket (other sockets: C<ENOPROTOOPT>).

=item get_icmp6_filter($sock)

The socket's filter, as a new Xapi::ICMP6Filter.

=back

=head2 Xapi::ICMP6Filter

A filter object (a blessed reference to its 32 bytes).

=over

=item $f->set_pass($type), $f->set_block($type)

ICMP6_FILTER_SETPASS / SETBLOCK for one type (0..255).  Return C<$f>, so
calls chain: C<< icmp6_filter_new('block')->set_pass(129)->set_pass(1) >>.

=item $f->will_pass($type), $f->will_block($type)

ICMP6_FILTER_WILLPASS / WILLBLOCK: true or false.

=item $f->bytes

The 32 bytes in Linux's layout: eight 32-bit words in host order, type
C<t> is bit C<t & 31> of word C<t E<gt>E<gt> 5>, and a B<set bit blocks> the
type (BSD's layout is the other way round).

=item Xapi::ICMP6Filter->from_bytes($bytes)

A filter from 32 bytes in that layout (other lengths croak).
C<< Xapi::ICMP6Filter->new($mode) >> is C<icmp6_filter_new($mode)>.

=back

=head1 PATH MTU AND NEXT HOP (sections 11 and 6.1)

=over

=item get_pathmtu($sock)

C<getsockopt(IPV6_PATHMTU)> on a connected socket:
C<< {addr => TEXT, ifindex => N, mtu => N} >>.  Linux fills in only the
MTU: C<addr> is C<""> and C<ifindex> 0.  An unconnected socket croaks with
C<ENOTCONN>.  The same struct arriving as an C<IPV6_PATHMTU> item (with
C<IPV6_RECVPATHMTU> set) is decoded by C<recvmsg>.

=item nexthop($addr)

The C<IPV6_NEXTHOP> payload, a C<struct sockaddr_in6> (port 0), for an
address such as C<"fe80::1%eth0">.  Linux does not implement
C<IPV6_NEXTHOP>: the kernel's own error (C<ENOPROTOOPT> from
C<setsockopt>, C<EINVAL> from C<sendmsg>) is what you get.

=back

=head1 ROUTING HEADERS (section 7)

Type 0 (RFC 2460 section 4.4) and type 4, the Segment Routing Header (RFC
8754).  Addresses are numbered in B<path order>, the order in which they
are visited and C<rth_add> appends them: index 0 is the first segment.
For type 0 that is Address[1] on the wire; for an SRH it is Segment
List[Last Entry], since RFC 8754 stores the list backwards.

=over

=item rth_space($type, $segments)

Bytes of a header with that many addresses (type 0: 0..127, type 4:
1..127).  Other types and counts croak as bad arguments.

=item rth_build($type, \@addrs)

The whole header for the addresses (path order), Segments Left the number
of addresses, Next Header 0 (the kernel fills it in): C<rth_init> then one
C<rth_add> per address, in one call.  A tied array or element in the list
croaks as a bad argument (the texts are read in place; a FETCH could
change them), as does this for C<srh_build>'s C<segments>.

=item rth_segments($bytes), rth_getaddr($bytes, $index)

The number of addresses, and address C<$index> (path order) as text.

=item rth_reverse($bytes)

The header for the reverse path, as a new string (only the header's own
length of C<$bytes>): addresses in reverse order, Segments Left set to the
number of addresses, everything else (Next Header, SRH flags, tag, TLVs)
copied.

=item rth_init($type, $segments), rth_add(\$buf, $addr), rth_reverse_in_place(\$buf)

The RFC's own calls, for code ported from C: C<rth_init> returns an empty
header with room for C<$segments> addresses; C<rth_add> appends the next
address in path order and advances Segments Left, in place (a full header
croaks with C<ENOSPC>); C<rth_reverse_in_place> reverses the header in
C<$buf> (RFC 3542's C<inet6_rth_reverse(in, in)>).  Both return true.

  my $buf = rth_init(0, 2);
  rth_add(\$buf, $_) for '2001:db8::1', '2001:db8::2';

=back

Every routing header given is checked before anything is read: the
header's own length against the string, an even Hdr Ext Len for type 0,
an SRH's Last Entry against its Hdr Ext Len and its TLVs, Segments Left
against the number of addresses.  Another routing type croaks with
C<EOPNOTSUPP>.

=head2 Segment Routing Header (RFC 8754)

=over

=item srh_build(segments => \@list, segments_left => N, next_header => 0, flags => 0, tag => 0, tlv => '')

A whole SRH.  C<@list> is in B<wire order>, Segment List[0] first (so the
final segment comes first), 1 to 32 addresses.  C<segments_left> defaults
to the number of segments minus 1 (the first segment of the path is the
active one); C<tag> is 0..65535; C<tlv> is raw TLV bytes (a multiple of 8
bytes, each TLV well formed).  Unknown keys croak.

=item srh_parse($bytes)

  { next_header => N, segments_left => N, last_entry => N, flags => N,
    tag => N, segments => [wire order, as text], tlv => BYTES }

C<tlv> is C<""> when there are none.  A routing header of another type
croaks as a bad argument; more than 32 segments croaks with C<EMSGSIZE>.

=back

=head1 HOP-BY-HOP AND DESTINATION OPTIONS (section 10)

Options are laid out by RFC 2460 Appendix B's rule, as RFC 3542 Appendix
C shows: an option of alignment C<xn+y> ends on a multiple of C<x>, so with
its largest field last every field is naturally aligned; Pad1/PadN fill
the gaps and the end.  (glibc's C<inet6_opt_append> aligns differently;
see L</LINUX NOTES>.)

=over

=item opt_build([[$type, $align, $data], ...])

The whole header (a multiple of 8 bytes, Next Header 0, Hdr Ext Len
set).  C<$type> is 2..255, C<$align> 1, 2, 4 or 8 (at most the data's
length unless 1), C<$data> the option's bytes or an array of pieces
written one after the other (C<< [pack('C', 1), pack('n', 2), pack('N', 4)] >>),
at most 255 bytes.  A tied array or element in the list croaks as a bad
argument (the bytes are read in place; a FETCH could change them).

=item opt_parse($bytes)

The options, in order, Pad1 and PadN skipped: a list of C<[$type, $data]>.

=item opt_find($bytes, $type)

The data of the first option of that type, or undef if there is none.

=item opt_get_val($data, $offset, $len)

C<$len> bytes at C<$offset> of an option's data (croaks if that passes its
end); C<unpack> them as you need.

=item ip6opt_type($type), ip6opt_mutable($type)

IP6OPT_TYPE(): the two action bits (C<0x00> skip, C<0x40> discard,
C<0x80> discard and send ICMP, C<0xc0> the same unless multicast), and
whether the data may change en route (bit C<0x20>): 1 or 0.

=item router_alert($value)

An 8-byte Hop-by-Hop header holding one Router Alert option (RFC 2711;
C<$value> 0 MLD, 1 RSVP, 2 active networks, up to 65535), for
C<IPV6_HOPOPTS>.

=back

=head2 The RFC 3542 calls, for code ported from C

C<inet6_opt_init>, C<inet6_opt_append>, C<inet6_opt_finish>,
C<inet6_opt_set_val>, C<inet6_opt_next>, C<inet6_opt_find> and
C<inet6_opt_get_val> take the arguments the RFC's functions take, in the
same order.  C<$extbuf> is a reference to the buffer (a byte string of at
least C<$extlen> bytes, changed in place); C<undef> (or a reference to
undef) computes lengths only, as a NULL C<extbuf> does in C.  Where C gets
a C<databuf> pointer, Perl gets a data view (an
C<Xapi::RFC3542::OptData>, with methods C<bytes>, C<offset> and
C<length>) that C<inet6_opt_set_val> writes through and
C<inet6_opt_get_val> reads from.  Results are the RFC's: the new offset
or length.  C<inet6_opt_next> and C<inet6_opt_find> return -1 when there
is no (further) option, as in C; every other failure croaks (see
L</ERRORS>) instead of returning -1.

=over

=item inet6_opt_init(\$extbuf | undef, $extlen)

=item inet6_opt_append(\$extbuf | undef, $extlen, $offset, $type, $len, $align, \$databuf)

=item inet6_opt_finish(\$extbuf | undef, $extlen, $offset)

=item inet6_opt_set_val($databuf, $offset, $val, $vallen = length $val)

C<$val> is bytes (C<pack> it); C<$vallen>, if given, must be its length.
C<$databuf> may also be a reference to a scalar.

=item inet6_opt_next($extbuf, $extlen, $offset, \$type, \$len, \$databuf)

=item inet6_opt_find($extbuf, $extlen, $offset, $type, \$len, \$databuf)

C<$extbuf> may be the bytes themselves or a reference; any of the output
references may be undef.

=item inet6_opt_get_val($databuf, $offset, \$val, $vallen)

C<$databuf> may also be plain bytes.

=back

RFC 3542 Appendix C, in Perl (C<examples/perl/rfc3542_appc.pl> runs it):

  my $currentlen = inet6_opt_init(undef, 0);
  $currentlen = inet6_opt_append(undef, 0, $currentlen, $OPT_X, 12, 8, undef);
  $currentlen = inet6_opt_append(undef, 0, $currentlen, $OPT_Y, 7, 4, undef);
  $currentlen = inet6_opt_finish(undef, 0, $currentlen);
  my $extlen = $currentlen;
  my $extbuf = "\0" x $extlen;                       # malloc(extlen)

  $currentlen = inet6_opt_init(\$extbuf, $extlen);
  $currentlen = inet6_opt_append(\$extbuf, $extlen, $currentlen,
                                 $OPT_X, 12, 8, \my $databuf);
  my $offset = 0;
  $offset = inet6_opt_set_val($databuf, $offset, pack('N', $val4), 4);
  $offset = inet6_opt_set_val($databuf, $offset, pack('Q>', $val8), 8);
  $currentlen = inet6_opt_append(\$extbuf, $extlen, $currentlen,
                                 $OPT_Y, 7, 4, \$databuf);
  $offset = 0;
  $offset = inet6_opt_set_val($databuf, $offset, pack('C', $val1), 1);
  $offset = inet6_opt_set_val($databuf, $offset, pack('n', $val2), 2);
  $offset = inet6_opt_set_val($databuf, $offset, pack('N', $val4), 4);
  $currentlen = inet6_opt_finish(\$extbuf, $extlen, $currentlen);

  # and reading it back
  $currentlen = 0;
  while (($currentlen = inet6_opt_next($extbuf, $extlen, $currentlen,
                                       \my $type, \my $len, \my $data)) != -1) {
      printf "type %d, %d bytes: %s\n", $type, $len, unpack('H*', $data->bytes);
  }

=head1 ERRORS

As everywhere in L<Xapi>: a bad argument croaks
C<"Xapi::FUNCTION: bad argument NAME: why"> before any system call and
leaves C<$!> as it was; an error of the operating system croaks
C<"Xapi::FUNCTION: strerror (ENAME)"> with C<$!> set.  The filter's methods
name themselves C<Xapi::ICMP6Filter::METHOD>.

Bad arguments include undef or a reference where a value is needed, a
number out of range (an ICMPv6 or option type outside 0..255, a negative
or huge size or offset), a string holding a character above 0xFF
(C<"... holds a character above 0xFF, not bytes">), an address that is
not IPv6 text, and
B<malformed header bytes>: a header shorter than its own length field
says (truncated), a type 0 header with an odd Hdr Ext Len, Segments Left
above the number of addresses, an SRH whose Last Entry or TLVs do not fit,
an option whose length runs past the header.  The message says which, in
the header's own terms, e.g.

  Xapi::rth_segments: bad argument bytes: malformed routing header: Hdr Ext Len 4 means 40 bytes, only 24 given (truncated)

(the words are libxapi's, the same in every language binding).  An SRH of
more than 32 segments given to C<srh_parse> is a bad argument too.

The options calls word their errors as the core does, the same in every
language: an option that does not fit C<$extlen>
(C<inet6_opt_append>/C<_finish>), a value past its option's data
(C<inet6_opt_set_val>) and options past 2048 bytes (C<opt_build>) are
bad arguments too, naming C<extlen>, C<vallen> and C<options>; a length
to read (C<opt_get_val>, C<inet6_opt_get_val>) is at most 2048, the
largest options header.

Some failures are the core's errors rather than the arguments' and croak
as OS errors with C<$!> set: C<ENOSPC> (C<rth_add> to a full header),
C<EOPNOTSUPP> (a routing type other than 0 and 4, also from
C<rth_build>), and the kernel's own errors from the socket calls.  When libxapi says why, the message carries its reason and
the errno's name in brackets:

  Xapi::rth_add: the header is full (Segments Left reached the 3 segments) (No space left on device) [ENOSPC]
  Xapi::rth_segments: bad argument bytes: routing type 2: only 0 and 4 (SRH) are known [EOPNOTSUPP]

=head1 LINUX NOTES

Linux implements part of RFC 3542, differently in places, and xapi
surfaces the kernel's behaviour rather than hiding it.  The table in
F<docs/rfc3542-linux.md> (in the source tree) says, feature by feature,
what the kernel does; in short:

=over

=item *

A set bit in an ICMPv6 filter blocks the type (BSD: passes).  Filters need
a raw ICMPv6 socket, so root or C<CAP_NET_RAW>.

=item *

Type 0 routing headers are refused by the kernel (C<EINVAL>, both as a
sticky option and as ancillary data); build and parse them for other
systems and for received headers.  An SRH (type 4) is accepted only as a
sticky option (C<setsockopt_bytes(..., IPV6_RTHDR, $srh)>); the kernel
replaces Segment List[0] with the socket's destination, and the receiver
drops SRH packets unless C<seg6_enabled> is set.

=item *

C<IPV6_HOPOPTS> and C<IPV6_DSTOPTS>, sticky or ancillary, need
C<CAP_NET_RAW> (C<EPERM> without).  C<IPV6_RECVHOPOPTS> delivers the whole
header as received, Next Header filled in: parse it with C<opt_parse>.

=item *

C<IPV6_NEXTHOP> is not implemented (C<ENOPROTOOPT> / C<EINVAL>);
C<IPV6_PATHMTU> fills in only the MTU.

=item *

glibc's C<inet6_opt_append> aligns the start of an option's data, so the
Appendix C example comes out differently there; xapi follows the RFC's
drawing.

=back

=head1 SEE ALSO

L<Xapi>, L<Xapi::Cmsg>, F<docs/rfc3542-linux.md>, RFC 3542, RFC 2460
(section 4.4, Appendix B), RFC 8200, RFC 8754, RFC 2711, ipv6(7), icmp6(7).

=cut
