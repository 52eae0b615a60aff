package Xapi::Cmsg;

# One ancillary data item.  Objects are made in C (Xapi::recvmsg,
# Xapi::parse_cmsgs, the typed constructors) as blessed hashes:
#   { level => INT, type => INT, data => BYTES,
#     view => NAME, value => VALUE }     # view/value only when decoded
# VALUE is an integer, [addr, ifindex(, spec_dst)] for pktinfo, or a hash
# for pathmtu and sock_err.
# This file holds the methods; see the POD below.

use strict;
use warnings;
use Carp ();

our $VERSION = '0.1.0';

sub new {
    my ($class, $level, $type, $data) = @_;
    Carp::croak('Xapi::Cmsg->new: usage: Xapi::Cmsg->new($level, $type, $data)')
        if @_ != 4;
    # Parsing the item back gives it the same typed view a receive would,
    # and checks level, type and data the way sending will.
    my ($item) = eval { Xapi::parse_cmsgs(Xapi::build_cmsgs([[$level, $type, $data]])) };
    return $item if $item;
    # A malformed known item (say a 2-byte hop limit) is still an item one
    # may want to send, to see what the kernel says: raw bytes, no view.
    my $err = $@;
    Carp::croak($err =~ s/ at \S+ line \d+\.\n\z//r) if $err !~ /bad argument bytes/;
    return bless { level => 0 + $level, type => 0 + $type, data => "$data" }, $class;
}

sub level { $_[0]{level} }
sub type  { $_[0]{type} }
sub data  { $_[0]{data} }
sub view  { $_[0]{view} }
sub value { $_[0]{value} }

# Each typed name is a constructor when called on the class and the typed
# view when called on an item (undef when the item is something else).
for my $kind (qw(hoplimit tclass ttl tos pktinfo)) {
    no strict 'refs';
    *{$kind} = sub {
        my $self = shift;
        if (ref $self) {
            return (defined $self->{view} && $self->{view} eq $kind)
                ? $self->{value} : undef;
        }
        Carp::croak("Xapi::Cmsg->pktinfo is a view; construct with pktinfo6 or pktinfo4")
            if $kind eq 'pktinfo';
        return _typed('typed_int', $kind, @_);
    };
}

# Views with no constructor: what only the kernel sends.
for my $kind (qw(pathmtu sock_err gro fragsize timestamp timestampns
                  timestamping flowinfo rxq_ovfl origdst)) {
    no strict 'refs';
    *{$kind} = sub {
        my $self = shift;
        Carp::croak("Xapi::Cmsg->$kind is a view of a received item, not a constructor")
            unless ref $self;
        return (defined $self->{view} && $self->{view} eq $kind)
            ? $self->{value} : undef;
    };
}

# Timestamps in seconds and nanoseconds (exact integers): the stamp of an
# SO_TIMESTAMP / SO_TIMESTAMPNS item, or an SO_TIMESTAMPING item's
# software (ts[0]) or hardware (ts[2]) stamp; the empty list when the item
# has none (a stamp the kernel did not take is all zero).
sub stamp {
    my $self = shift;
    Carp::croak('Xapi::Cmsg->stamp is a view of a received item') unless ref $self;
    my ($view, $v) = @$self{qw(view value)};
    return () unless defined $view;
    return ($v->{sec}, $v->{nsec}) if $view eq 'timestamp' || $view eq 'timestampns';
    return () unless $view eq 'timestamping' && ($v->{sw_sec} || $v->{sw_nsec});
    return ($v->{sw_sec}, $v->{sw_nsec});
}

sub hw_stamp {
    my $self = shift;
    Carp::croak('Xapi::Cmsg->hw_stamp is a view of a received item') unless ref $self;
    my ($view, $v) = @$self{qw(view value)};
    return () unless defined $view && $view eq 'timestamping'
        && ($v->{hw_sec} || $v->{hw_nsec});
    return ($v->{hw_sec}, $v->{hw_nsec});
}

# unix(7) items: a constructor on the class, the view on an item.
# Xapi::Cmsg->fds(\@handles_or_fds): SCM_RIGHTS; ->creds($pid, $uid, $gid)
# (default: this process's $$, $<, $( ): SCM_CREDENTIALS.
sub fds {
    my $self = shift;
    return (defined $self->{view} && $self->{view} eq 'fds')
        ? $self->{value} : undef if ref $self;
    my $list = @_ == 1 && ref $_[0] eq 'ARRAY' ? $_[0] : [@_];
    return _typed('typed_fds', $list);
}

sub creds {
    my $self = shift;
    return (defined $self->{view} && $self->{view} eq 'creds')
        ? $self->{value} : undef if ref $self;
    my ($pid, $uid, $gid) = @_;
    return _typed('typed_creds', $pid // $$, $uid // $<, $gid // (0 + $());
}

# Per-send SO_TIMESTAMPING (timestamping.rst 1.3.3): transmit stamps for
# this one send; $flags only SOF_TIMESTAMPING_TX_* bits (the core names
# "flags" otherwise).  Send-only: the item has no received view.
sub tsflags {
    my ($class, $flags) = @_;
    Carp::croak('Xapi::Cmsg->tsflags: usage: Xapi::Cmsg->tsflags($flags)')
        if @_ != 2 || ref $class;
    return _typed('typed_tsflags', $flags);
}

sub pktinfo6 {
    my ($class, $addr, $ifindex) = @_;
    return _typed('typed_pktinfo6', $addr, $ifindex // 0);
}

sub pktinfo4 {
    my ($class, $ifindex, $spec_dst, $addr) = @_;
    return _typed('typed_pktinfo4', $ifindex // 0, $spec_dst // '',
                  $addr // '');
}

# UDP_SEGMENT (udp(7)): segmentation offload for one send.  The payload
# is the core's (a 16-bit integer, xapi_encode_udp_segment); the range is
# checked here so that a bad size is an argument error, as for the other
# constructors, not the core's plain EINVAL.
sub udp_segment {
    my ($class, $size) = @_;
    Carp::croak('Xapi::Cmsg->udp_segment: usage: Xapi::Cmsg->udp_segment($size)')
        if @_ != 2 || ref $class;
    unless (defined $size && !ref $size && $size =~ /\A[0-9]+\z/ && $size <= 65535) {
        Xapi::_die_at_caller('Xapi::Cmsg: bad argument size: '
            . (defined $size ? "'$size'" : 'undef') . ' is not an integer in 0..65535', 0 + $!);
    }
    return Xapi::Cmsg->new(Xapi::SOL_UDP(), Xapi::UDP_SEGMENT(),
                           Xapi::Raw::encode_udp_segment(0 + $size, 8));
}

# Report a range error from the caller's line, with $! left alone.
sub _typed {
    my ($fn, @args) = @_;
    my $item = eval { no strict 'refs'; &{"Xapi::Raw::$fn"}(@args) };
    return $item if $item;
    # A value that is no integer at all is refused before the core sees
    # it; name it as the core names a value out of range.
    $@ =~ s/\AXapi::typed_int: bad argument value:/Xapi::Cmsg: bad argument $args[0]:/
        if $fn eq 'typed_int';
    $@ =~ s/\AXapi::typed_tsflags:/Xapi::Cmsg:/ if $fn eq 'typed_tsflags';
    Carp::croak($@ =~ s/ at \S+ line \d+\.\n\z//r);
}

1;

__END__

=head1 NAME

Xapi::Cmsg - one ancillary data item (control message) for Xapi

=head1 SYNOPSIS

  use Xapi qw(:all);

  my @items = (Xapi::Cmsg->hoplimit(7), Xapi::Cmsg->tclass(0x28),
               Xapi::Cmsg->pktinfo6('::1', if_nametoindex('lo')),
               Xapi::Cmsg->new(SOL_SOCKET, 99, "\0\xff"));
  Xapi::sendmsg($sock, ["payload"], ['::1', 5000], \@items);

  my ($from, $data, $cmsgs) = Xapi::recvmsg($sock, [1500], 128);
  for my $c (@$cmsgs) {
      printf "level %d type %d, %d bytes\n", $c->level, $c->type, length $c->data;
      print  "hop limit ", $c->hoplimit, "\n" if defined $c->hoplimit;
      if (my $pi = $c->pktinfo) { print "to $pi->[0] on ifindex $pi->[1]\n" }
  }

=head1 DESCRIPTION

An item is a blessed hash C<< { level, type, data } >>; when the core's
decoder (C<xapi_cmsg_decode>) knows the item, it also holds C<view> (the
view's name) and C<value>.  Items are decoded when they are made: by
L<Xapi/recvmsg> in the same native call as the receive, by
L<Xapi/parse_cmsgs>, and by the constructors.

A received item whose payload is malformed (the kernel cuts the last item
short when it sets C<MSG_CTRUNC>) keeps its raw bytes and has no view.

=head1 CONSTRUCTORS

All croak, naming the argument, on a value out of range or an address that
does not parse; C<$!> is left alone.

=over

=item Xapi::Cmsg->new($level, $type, $data)

Any item.  C<$data> is a byte string (a string holding a character above
0xFF croaks).  A known item gets its typed view.

=item Xapi::Cmsg->hoplimit($n), ->tclass($n)

C<IPV6_HOPLIMIT> and C<IPV6_TCLASS> (RFC 3542 6.3, 6.5): an int payload,
-1 ("the socket's default") to 255.

=item Xapi::Cmsg->ttl($n), ->tos($n)

C<IP_TTL> and C<IP_TOS>, int payloads, -1 to 255 (the kernel refuses a
TTL below 1 and a TOS of -1 when sending).

=item Xapi::Cmsg->pktinfo6($address, $ifindex)

C<IPV6_PKTINFO>: source address (text, "" for ::) and interface index.

=item Xapi::Cmsg->udp_segment($size)

C<UDP_SEGMENT> at level C<SOL_UDP> (udp(7), Linux 4.18): the kernel cuts
this one send into datagrams of C<$size> bytes (the last one may be
shorter); 0 turns segmentation off for the message.  The payload is a
16-bit integer, as the kernel requires; C<$size> is 0..65535.  The item
has no view: the kernel never sends it back.

=item Xapi::Cmsg->tsflags($flags)

C<SO_TIMESTAMPING> at level C<SOL_SOCKET> (Linux 4.13, the kernel's
F<Documentation/networking/timestamping.rst> 1.3.3): transmit timestamps
for this one send, e.g. C<Xapi::SOF_TIMESTAMPING_TX_SOFTWARE>, whatever
the socket's C<SO_TIMESTAMPING> option generates; the option still says
what is reported (C<SOF_TIMESTAMPING_SOFTWARE>, C<_OPT_ID>...), and the
stamps arrive on the error queue.  Linux takes only the C<_TX_HARDWARE>,
C<_TX_SOFTWARE>, C<_TX_SCHED> and C<_TX_ACK> bits (and C<_TX_COMPLETION>
since 6.16) here and fails the send with C<EINVAL> for any other, so any
other bit croaks naming C<flags>.  The item has no view.

=item Xapi::Cmsg->pktinfo4($ifindex, $spec_dst, $address)

C<IP_PKTINFO>: ifindex, C<ipi_spec_dst> and C<ipi_addr> (text; undef or ""
for 0.0.0.0).

=item Xapi::Cmsg->fds(\@handles)

C<SCM_RIGHTS> (unix sockets): file handles or descriptor numbers, 1 to
253.  Linux duplicates them into the receiver; one that is not open makes
C<sendmsg> croak with C<EBADF>.

=item Xapi::Cmsg->creds($pid, $uid, $gid)

C<SCM_CREDENTIALS> (default: C<$$>, C<< $< >>, the real gid).  Linux
refuses another pid without C<CAP_SYS_ADMIN> and other ids without
C<CAP_SETUID>/C<CAP_SETGID> (C<EPERM>), and a pid that does not exist
(C<ESRCH>).

=back

=head1 METHODS

=over

=item level, type, data

The header's level and type, and the payload bytes.

=item view, value

The typed view's name (C<hoplimit>, C<tclass>, C<ttl>, C<tos>,
C<pktinfo>, C<gro>, C<fragsize>, C<flowinfo>, C<rxq_ovfl>, C<pathmtu>,
C<sock_err>, C<origdst>, C<timestamp>, C<timestampns>, C<timestamping>)
and value, or undef.

=item hoplimit, tclass, ttl, tos

On an item: the integer, when the item is that kind, else undef.

=item pktinfo

On an item: C<[$address, $ifindex]> for C<IPV6_PKTINFO>,
C<[$address, $ifindex, $spec_dst]> for C<IP_PKTINFO>, else undef.

=item pathmtu

On an C<IPV6_PATHMTU> item (RFC 3542 section 11.3, with
C<IPV6_RECVPATHMTU> set): C<< { addr => $destination, ifindex => $i,
mtu => $mtu } >>; C<addr> is C<""> when the kernel left the address unset.
Else undef.

=item sock_err

On an C<IPV6_RECVERR> or C<IP_RECVERR> item (read from the error queue,
see L<Xapi::Net/recv_errqueue>): C<< { errno => $e, origin => $o, type =>
$t, code => $c, info => $i, data => $d, offender => $addr } >>, the fields
of C<struct sock_extended_err>: C<errno> a number (compare with
L<Errno>'s constants: C<EHOSTUNREACH> for Time Exceeded, C<EMSGSIZE> for
Packet Too Big), C<origin> one of C<SO_EE_ORIGIN_LOCAL>,
C<SO_EE_ORIGIN_ICMP>, C<SO_EE_ORIGIN_ICMP6>, ..., C<type> and C<code> the
ICMP(v6) message's, C<info> e.g. the MTU of a Packet Too Big, and
C<offender> the address (text) of the node that sent the ICMP message, or
undef when the kernel gave none (locally generated errors).  Else undef.

=item gro

On a C<UDP_GRO> item: the segment size.  Else undef.

=item flowinfo

On an C<IPV6_FLOWINFO> item (set C<IPV6_FLOWINFO> to 1 on the socket):
the received header's traffic class and flow label as one integer in host
order, C<< tclass << 20 | label >> (the label is
C<< $v & IPV6_FLOWINFO_FLOWLABEL >>, the traffic class C<<< $v >> 20 >>>).
Else undef.  Send a flow label with an address text ending in
C</flowinfo=N> (see L<Xapi/flowlabel_lease>).

=item rxq_ovfl

On an C<SO_RXQ_OVFL> item (set C<SO_RXQ_OVFL> to 1 on the socket): the
socket's drop count when the datagram was queued, 0..4294967295 (an
unsigned 32-bit counter that wraps).  Linux sends none before the first
drop.  Else undef.

=item origdst

On an C<IP_ORIGDSTADDR> or C<IPV6_ORIGDSTADDR> item (set
C<IP_RECVORIGDSTADDR> or C<IPV6_RECVORIGDSTADDR>):
C<< { addr => $address, port => $port } >>, where the datagram was sent:
for a datagram a TPROXY rule diverted, the client's destination, which a
transparent proxy binds its reply socket to.  Else undef.

=item fragsize

On an C<IPV6_RECVFRAGSIZE> or C<IP_RECVFRAGSIZE> item (set that option on
the socket): the size of the largest fragment of a datagram the kernel
reassembled.  Unfragmented datagrams carry no such item.  Else undef.

=item timestamp, timestampns, timestamping

On an C<SO_TIMESTAMP> item (set that option on the socket; the item's
type C<SCM_TIMESTAMP> is C<SO_TIMESTAMP>): C<< { sec => ..., nsec => ... } >>,
the arrival time on the wall clock (a C<struct timeval>'s microseconds
shown as nanoseconds).  C<timestampns>: the same from C<SO_TIMESTAMPNS>
(a C<struct timespec>).  C<timestamping>: an C<SO_TIMESTAMPING> item's
three stamps, C<< { sw_sec, sw_nsec, legacy_sec, legacy_nsec, hw_sec,
hw_nsec } >>: the software stamp, the deprecated one (zero since Linux
3.17) and the raw hardware one (only from an interface that stamps in
hardware, set up with the C<SIOCSHWTSTAMP> ioctl; loopback does not).
The 64-bit C<_NEW> items of 32-bit systems are decoded alike.  Else undef.

=item stamp, hw_stamp

C<($sec, $nsec)>: the stamp of a C<timestamp> or C<timestampns> item, or
the software (C<stamp>) or hardware (C<hw_stamp>) stamp of a
C<timestamping> item; the empty list when there is none.  Integers, so
nothing is lost (a floating-point count of seconds keeps only about a
quarter of a microsecond).  Transmit stamps: see
L<Xapi::Net/tx_timestamp>.

=item $item->fds

On a received C<SCM_RIGHTS> item: an array ref of the new descriptors
(numbers, yours to close), or of file handles that own them when
C<Xapi::recvmsg> was given C<< fds => 'handle' >>.  They are close-on-exec
(xapi always receives with C<MSG_CMSG_CLOEXEC>).  After C<MSG_CTRUNC> the
descriptors that arrived are already closed and the item has no view.
Else undef.

=item $item->creds

On an C<SCM_CREDENTIALS> item (C<SO_PASSCRED> on the receiver): a hash of
C<pid>, C<uid>, C<gid>.  Else undef.

=back

=head1 SEE ALSO

L<Xapi>, RFC 3542, ip(7), ipv6(7), cmsg(3).

=cut
