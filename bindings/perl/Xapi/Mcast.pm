package Xapi::Mcast;

# The multicast topic: groups joined by address text and interface name,
# and the sending options.  Xapi.pm aliases every name listed in @EXPORTS
# into Xapi:: and exports it (also under the :mcast tag).  The native
# calls are Xapi::Raw's, declared once in swig/xapi.i; this file only
# gives the optional arguments their defaults.

use strict;
use warnings;
use Carp ();

our $VERSION = '0.1.0';
our @EXPORTS = qw(mcast_join mcast_leave mcast_block mcast_unblock
                  mcast_set_if mcast_set_hops mcast_get_hops
                  mcast_set_loop mcast_get_loop);
our @CARP_NOT = ('Xapi');

# A membership call: ($sock, $group, $ifname = undef, $source = undef),
# or a trailing (source => $addr).
sub _membership {
    my ($fn, $native, $need_source, @args) = @_;
    my ($sock, $group, $ifname, @rest) = @args;
    my $source;
    if (@rest == 2 && defined $rest[0] && $rest[0] eq 'source') {
        $source = $rest[1];
    } elsif (@rest <= 1) {
        $source = $rest[0];
    } else {
        @args = ();
    }
    # A missing source for block/unblock is the core's to name.
    Carp::croak("Usage: Xapi::$fn(\$sock, \$group, \$ifname"
                . ($need_source ? ", \$source)" : " = undef, \$source = undef)"))
        if @args < 2;
    my $errno = 0 + $!;
    eval { $native->($sock, $group, $ifname // '', $source // ''); 1 }
        or Xapi::_rethrow_as($fn, $errno);
    $! = $errno;
    return 1;
}

sub mcast_join    { _membership('mcast_join', \&Xapi::Raw::mcast_join, 0, @_) }
sub mcast_leave   { _membership('mcast_leave', \&Xapi::Raw::mcast_leave, 0, @_) }
sub mcast_block   { _membership('mcast_block', \&Xapi::Raw::mcast_block, 1, @_) }
sub mcast_unblock { _membership('mcast_unblock', \&Xapi::Raw::mcast_unblock, 1, @_) }

sub mcast_set_if {
    Carp::croak('Usage: Xapi::mcast_set_if($sock, $ifname = undef)')
        if @_ < 1 || @_ > 2;
    my $errno = 0 + $!;
    eval { Xapi::Raw::mcast_set_if($_[0], $_[1] // ''); 1 }
        or Xapi::_rethrow_as('mcast_set_if', $errno);
    $! = $errno;
    return 1;
}

# The rest have no optional arguments: the native calls themselves, with
# "true" for success from the setters.
sub mcast_set_hops {
    my $errno = 0 + $!;
    eval { Xapi::Raw::mcast_set_hops(@_); 1 }
        or Xapi::_rethrow_as('mcast_set_hops', $errno);
    $! = $errno;
    return 1;
}

sub mcast_set_loop {
    my $errno = 0 + $!;
    eval { Xapi::Raw::mcast_set_loop(@_); 1 }
        or Xapi::_rethrow_as('mcast_set_loop', $errno);
    $! = $errno;
    return 1;
}

sub mcast_get_hops {
    my $errno = 0 + $!;
    my $v;
    eval { $v = Xapi::Raw::mcast_get_hops(@_); 1 }
        or Xapi::_rethrow_as('mcast_get_hops', $errno);
    $! = $errno;
    return $v;
}

sub mcast_get_loop {
    my $errno = 0 + $!;
    my $v;
    eval { $v = Xapi::Raw::mcast_get_loop(@_); 1 }
        or Xapi::_rethrow_as('mcast_get_loop', $errno);
    $! = $errno;
    return $v;
}

1;

__END__

=head1 NAME

Xapi::Mcast - multicast groups by address text and interface name

=head1 SYNOPSIS

  use Xapi qw(:all);

  # A source-specific receiver (RFC 4607) on eth0.
  my $s = Xapi::socket(AF_INET6, SOCK_DGRAM);
  Xapi::bind($s, 'ff3e::8000:1', 5000);
  mcast_join($s, 'ff3e::8000:1', 'eth0', source => '2001:db8::1');
  ...
  mcast_leave($s, 'ff3e::8000:1', 'eth0', source => '2001:db8::1');

  # Any source, but not one of them.
  mcast_join($s, '239.1.2.3', 'eth0');
  mcast_block($s, '239.1.2.3', 'eth0', '192.0.2.9');

  # A sender.
  mcast_set_if($t, 'eth0');
  mcast_set_hops($t, 8);
  mcast_set_loop($t, 0);

=head1 DESCRIPTION

The core builds RFC 3678's C<struct group_req> and C<struct
group_source_req> from text, so no Perl code packs one.  The group's
family chooses the level (C<IPPROTO_IP> or C<IPPROTO_IPV6>).  C<$ifname> is
an interface name (looked up in the socket's own network namespace), an
index (C<32>), or undef or C<''> for the kernel's choice.

=over

=item mcast_join($sock, $group, $ifname = undef, $source = undef)

C<MCAST_JOIN_GROUP>, or with a source (positional or C<< source => $addr
>>) C<MCAST_JOIN_SOURCE_GROUP>: only that source's datagrams arrive.

=item mcast_leave($sock, $group, $ifname = undef, $source = undef)

C<MCAST_LEAVE_GROUP> / C<MCAST_LEAVE_SOURCE_GROUP>.

=item mcast_block($sock, $group, $ifname, $source), mcast_unblock(...)

C<MCAST_BLOCK_SOURCE> / C<MCAST_UNBLOCK_SOURCE> on an any-source
membership.

=item mcast_set_if($sock, $ifname = undef)

The interface multicast leaves by (C<IPV6_MULTICAST_IF>, or
C<IP_MULTICAST_IF> with a C<struct ip_mreqn>); undef gives the choice back
to the routing table.

=item mcast_set_hops($sock, $hops), mcast_get_hops($sock)

C<IPV6_MULTICAST_HOPS> or C<IP_MULTICAST_TTL> by the socket's family: -1
(the default, which Linux reads as 1) or 0..255.

=item mcast_set_loop($sock, $loop), mcast_get_loop($sock)

C<IPV6_MULTICAST_LOOP> or C<IP_MULTICAST_LOOP>: 1 (Linux's default) or 0.

=back

The setters and membership calls return true.  A group that is not
multicast text, a source of the wrong family, a missing source for
block/unblock, an interface name too long or an index out of range, and
option values out of range croak naming the argument (C<group>,
C<source>, C<ifname>, C<hops>, C<loop>) and leave C<$!> alone.  An unknown
interface name croaks with C<$!> ENODEV, naming C<ifname>; the kernel's
refusals croak with C<$!> set: EADDRINUSE for a second join (or an
any-source join after a source-specific one), EADDRNOTAVAIL for leaving
or unblocking what was not joined or blocked.

Linux sockets bound to a wildcard address also receive groups other
sockets on the host joined, unless C<IPV6_MULTICAST_ALL> /
C<IP_MULTICAST_ALL> is set to 0 with C<setsockopt_int>.

=cut
