package Xapi::Net;

# The lab topic: sockets in other network namespaces and the error queue.
# Xapi.pm aliases every name listed in @EXPORTS into Xapi:: and exports it
# (also under the :net tag).  The native calls are Xapi::Raw's (net.i).

use strict;
use warnings;
use Carp ();
use Scalar::Util ();

our $VERSION = '0.1.0';
our @EXPORTS = qw(socket_netns recv_errqueue tx_timestamp flowlabel_lease
                 flowlabel_release icmp_ext_offset);
# The ICMP extension parses give a list of records (hashes keyed by the
# core's record table: class_num, label, ...) through the RECORDS shape.
push @EXPORTS, qw(icmp_ext_parse icmp_ext_parse_struct icmp_ext_parse_errqueue)
    if defined &Xapi::Raw::icmp_ext_parse;
# Croaks name the caller's line, not a line of Xapi's own files.
our @CARP_NOT = ('Xapi');

# recvmsg($sock, [$size], $ancsize, MSG_ERRQUEUE), under its own name: the
# generated recvmsg (the RECV_MSG shape) does the work, as for every
# language; errors name recv_errqueue and its argument size.
sub recv_errqueue {
    Carp::croak('Usage: Xapi::recv_errqueue($sock, $size = 2048, $ancsize = 512)')
        if @_ < 1 || @_ > 3;
    my $errno = 0 + $!;
    my ($sock, $size, $anc) = @_;
    my $list = wantarray;
    my $req = [[$size // 2048], $anc // 512];
    my @r;
    eval {
        if ($list) {
            @r = Xapi::Raw::recvmsg($sock, $req, Xapi::MSG_ERRQUEUE());
        } else {
            $r[0] = Xapi::Raw::recvmsg($sock, $req, Xapi::MSG_ERRQUEUE());
        }
        1;
    } or Xapi::_rethrow_as('recv_errqueue', $errno, sizes => 'size');
    $! = $errno;
    return $list ? @r : $r[0];
}

# Where the RFC 4884 extension structure starts in an ICMP / ICMPv6
# message: the core's call, its errors croaking at the caller's line.
sub icmp_ext_offset {
    Carp::croak('Usage: Xapi::icmp_ext_offset($family, $bytes)') if @_ != 2;
    my $r = eval { Xapi::Raw::icmp_ext_offset(@_) };
    Xapi::_recroak() unless defined $r;
    return $r;
}

if (defined &Xapi::Raw::icmp_ext_parse) {
    *icmp_ext_parse = sub {
        Carp::croak('Usage: Xapi::icmp_ext_parse($family, $bytes)') if @_ != 2;
        my $r = eval { Xapi::Raw::icmp_ext_parse(@_) };
        Xapi::_recroak() unless ref $r;
        return wantarray ? @$r : $r;
    };
    *icmp_ext_parse_errqueue = sub {
        Carp::croak('Usage: Xapi::icmp_ext_parse_errqueue($ee_data, $bytes)') if @_ != 2;
        my $r = eval { Xapi::Raw::icmp_ext_parse_errqueue(@_) };
        Xapi::_recroak() unless ref $r;
        return wantarray ? @$r : $r;
    };
    *icmp_ext_parse_struct = sub {
        Carp::croak('Usage: Xapi::icmp_ext_parse_struct($bytes)') if @_ != 1;
        my $r = eval { Xapi::Raw::icmp_ext_parse_struct(@_) };
        Xapi::_recroak() unless ref $r;
        return wantarray ? @$r : $r;
    };
}

sub socket_netns {
    my ($netns, $family, $type, $proto) = @_;
    Carp::croak('Usage: Xapi::socket_netns($netns, $family, $type, $proto = 0)')
        if @_ < 3 || @_ > 4;
    # What ip-netns refuses as a name (the core says EINVAL): an argument
    # error here, before any system call.
    Carp::croak("Xapi::socket_netns: bad argument netns: '$netns' names no namespace")
        if defined $netns && !ref $netns && $netns =~ /\A(?:|\.|\.\.)\z/;
    my $fd = eval { Xapi::Raw::socket_netns($netns, $family, $type, $proto // 0) };
    Xapi::_recroak() unless defined $fd;
    return Xapi::_handle($fd, 'socket_netns');
}

# The transmit stamp of one error-queue message: the core pairs its
# SO_TIMESTAMPING item with its sock_err item of origin
# SO_EE_ORIGIN_TIMESTAMPING (xapi_tx_timestamp_of) into one record.
sub tx_timestamp {
    my @items = grep { ref $_ && Scalar::Util::reftype($_) eq 'HASH'
                       && defined $_->{data} }
                map { ref $_ eq 'ARRAY' ? @$_ : ref $_ eq 'HASH' && !$_->{view}
                        && $_->{cmsgs} ? @{ $_->{cmsgs} } : $_ } @_;
    my $r = eval { Xapi::Raw::tx_timestamp_of(\@items) };
    Xapi::_recroak() unless ref $r;
    return $r->[0];
}

# IPv6 flow label leases (IPV6_FLOWLABEL_MGR): the generated calls (which
# croak at the caller's line and keep $!), with defaults for the label
# and the sharing.
sub flowlabel_lease {
    Carp::croak('Usage: Xapi::flowlabel_lease($sock, $host, $label = 0, $share = IPV6_FL_S_ANY)')
        if @_ < 2 || @_ > 4;
    my ($sock, $host, $label, $share) = @_;
    return Xapi::Raw::flowlabel_lease($sock, $host, $label // 0,
                                      $share // Xapi::IPV6_FL_S_ANY());
}

sub flowlabel_release {
    Carp::croak('Usage: Xapi::flowlabel_release($sock, $label)') if @_ != 2;
    Xapi::Raw::flowlabel_release(@_);
    return 1;
}

1;

__END__

=head1 NAME

Xapi::Net - sockets in other network namespaces, and the error queue

=head1 SYNOPSIS

  use Xapi qw(:all);
  use Errno qw(EHOSTUNREACH);

  # A UDP socket inside the namespace "lab-a" (ip netns add lab-a), held
  # by this process, which stays in its own namespace.
  my $s = socket_netns('lab-a', AF_INET6, SOCK_DGRAM);
  setsockopt_int($s, IPPROTO_IPV6, IPV6_RECVERR, 1);
  sendmsg($s, ['probe'], ['2001:db8:2::2', 33434], [Xapi::Cmsg->hoplimit(1)]);

  # The router's Time Exceeded, from the error queue.
  my ($from, $data, $cmsgs) = recv_errqueue($s);
  for my $c (@$cmsgs) {
      my $e = $c->sock_err or next;
      printf "errno %d type %d code %d from %s\n",
          $e->{errno}, $e->{type}, $e->{code}, $e->{offender} // '-';
  }

=head1 DESCRIPTION

Both functions are exported by L<Xapi> with C<:net> (and C<:functions>,
C<:all>) and callable as C<Xapi::socket_netns>, C<Xapi::recv_errqueue>.
Errors follow L<Xapi/Errors>: OS errors croak with C<$!> set, bad
arguments croak naming the argument.

=over

=item socket_netns($netns, $family, $type, $proto = 0)

A new socket (close-on-exec) created in the network namespace C<$netns>,
returned as a file handle, as L<Xapi/socket> returns one.  C<$netns> is a
name as ip-netns(8) uses it (C<"lab-a"> means F</run/netns/lab-a>) or, if
it holds a C</>, a path to a namespace file (F</proc/PID/ns/net>).  The
calling thread enters the namespace with setns(2) (this needs
C<CAP_SYS_ADMIN>, i.e. root), creates the socket and returns to its own
namespace before the call returns, with signals blocked in between; the
socket stays in the namespace it was made in, so one script can hold
sockets in several namespaces at once.  Errors: C<ENOENT> for a namespace
that does not exist, C<EPERM> without the capability, C<EINVAL> for a file
that is not a network namespace; an empty name, C<".">, C<".."> or a name
holding a NUL croak as bad arguments.

=item recv_errqueue($sock, $size = 2048, $ancsize = 512)

C<recvmsg($sock, [$size], $ancsize, MSG_ERRQUEUE)>: one message from the
socket's error queue (set C<IPV6_RECVERR> or C<IP_RECVERR> first), with
the same result as L<Xapi/recvmsg>: in list context C<($address, \@data,
\@cmsgs, $msg_flags, $nbytes)>, in scalar context a hash reference.  The
data is the payload of the datagram that failed (as much of it as the
ICMP message quoted), C<$address> the address it was sent to, and
C<@cmsgs> holds the C<IPV6_RECVERR> / C<IP_RECVERR> item, whose
L<Xapi::Cmsg/sock_err> view gives C<errno>, C<origin>, C<type>, C<code>,
C<info>, C<data> and C<offender>.  It never waits: an empty queue croaks
with C<EAGAIN>.  Use C<select> or C<poll> for the queue: an error makes
the socket readable (POLLERR).

What the kernel queues, on Linux: a Time Exceeded from a router gives
C<EHOSTUNREACH>, origin C<SO_EE_ORIGIN_ICMP6>, type 3 code 0, the router
as offender; a Packet Too Big gives C<EMSGSIZE>, type 2, C<info> the MTU;
a send refused locally for its size gives origin C<SO_EE_ORIGIN_LOCAL>
with no offender (see docs/lab.md).

=item tx_timestamp(@cmsgs)

The transmit timestamp among one error-queue message's items (a list of
C<Xapi::Cmsg>, or an array reference of them), or undef.  With
C<SO_TIMESTAMPING> flags C<SOF_TIMESTAMPING_TX_SOFTWARE> (or C<_TX_SCHED>,
C<_TX_ACK>, C<_TX_HARDWARE>) and a reporting flag
(C<SOF_TIMESTAMPING_SOFTWARE>, C<_RAW_HARDWARE>), Linux queues a message
per stamped send holding an C<SCM_TIMESTAMPING> item and an
C<IP_RECVERR>/C<IPV6_RECVERR> item (origin C<SO_EE_ORIGIN_TIMESTAMPING>,
C<info> the C<SCM_TSTAMP_*> type, C<data> the key).  Returns
C<< { key, tstype, sec, nsec, hw_sec, hw_nsec } >>: with
C<SOF_TIMESTAMPING_OPT_ID>, C<key> is, for UDP, the number of datagrams
the socket sent before this one, so the stamp can be matched to its send.

    setsockopt_int($s, SOL_SOCKET, SO_TIMESTAMPING,
                   SOF_TIMESTAMPING_TX_SOFTWARE | SOF_TIMESTAMPING_SOFTWARE
                   | SOF_TIMESTAMPING_OPT_ID | SOF_TIMESTAMPING_OPT_TSONLY);
    sendmsg($s, ["ping"], ["::1", 9999]);
    my (undef, undef, $cmsgs) = recv_errqueue($s);
    my $tx = tx_timestamp($cmsgs);
    printf "send %d left at %d.%09d\n", @$tx{qw(key sec nsec)};

=item flowlabel_lease($sock, $host, $label = 0, $share = IPV6_FL_S_ANY)

Leases IPv6 flow label C<$label> (1..0xfffff; 0 lets the kernel choose)
on C<$sock> towards C<$host> (IPv6 text; Linux refuses C<::>), sharing
C<$share>
(C<IPV6_FL_S_EXCL>, C<IPV6_FL_S_PROCESS>, C<IPV6_FL_S_USER>,
C<IPV6_FL_S_ANY>): C<IPV6_FLOWLABEL_MGR> with C<IPV6_FL_A_GET> and
C<IPV6_FL_F_CREATE> (ipv6(7)).  Returns the label.  To send with it, set
C<IPV6_FLOWINFO_SEND> to 1 and give the destination as
C<"ADDR/flowinfo=N"> (C<N> = C<< tclass << 20 | label >>; Linux takes the
label from it); while any socket of the namespace holds a label leased
with C<IPV6_FL_S_EXCL>, Linux refuses (EINVAL) to send with a label the
socket has not leased.  Croaks naming C<label>, C<share> or C<host> for a
bad value (C<$!> untouched); with C<$!> set for the kernel's errors
(ERANGE: a label with bit 0x80000 set, kept for stateless use by the
C<net.ipv6.flowlabel_state_ranges> sysctl; EPERM or EINVAL: held by
another socket under another sharing or destination).

=item flowlabel_release($sock, $label)

Gives the lease back (C<IPV6_FL_A_PUT>); croaks with C<$!> ESRCH for a
label the socket does not hold.

=item icmp_ext_offset($family, $bytes)

Where the RFC 4884 extension structure starts in the ICMP (C<AF_INET>)
or ICMPv6 (C<AF_INET6>) message C<$bytes>: 8 plus its length field, or 0
when the message has none.  A length that lies croaks as a bad argument.

=item icmp_ext_parse($family, $bytes), icmp_ext_parse_struct($bytes), icmp_ext_parse_errqueue($ee_data, $bytes)

The records of the message's extension structure (or of a structure
alone, or of an error-queue message read with C<IP_RECVERR_RFC4884> /
C<IPV6_RECVERR_RFC4884> set, whose C<sock_err> item's C<data> is
C<$ee_data>: the kernel puts the structure's offset in the bytes there,
and a structure it found malformed croaks), a list in list context and an array reference
otherwise: one hash per MPLS label stack entry (C<class_num> 1:
C<label>, C<tc>, C<s>, C<ttl>), per interface information object
(C<class_num> 2: C<role>, C<ifindex>, C<addr>, C<name>, C<mtu>) and per
other object (C<offset>, C<length> in C<$bytes>).  A raw C<IPPROTO_ICMP>
socket's data starts with the IP header: skip it by its IHL first.
Lengths, version or checksum that lie croak as bad arguments.  Present
through the RECORDS shape, at most XAPI_RECORDS_MAX (64) records (more: a bad argument cap).

=back

=head1 SEE ALSO

L<Xapi>, L<Xapi::Cmsg>, ip(7), ipv6(7) (C<IP_RECVERR>, C<IPV6_RECVERR>),
setns(2), ip-netns(8), RFC 4443, RFC 4884, RFC 4950, RFC 5837.

=cut
