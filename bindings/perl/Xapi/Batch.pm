package Xapi::Batch;

# The batch topic: many datagrams per system call (recvmmsg, sendmmsg) and
# receiving into caller scalars.  Xapi.pm aliases every name listed in
# @EXPORTS into Xapi:: and exports it (also under the :batch tag).  The
# work is the generated calls of the shared declarations (swig/xapi.i's
# batch block, Perl's shapes in swig/perl/batch.i); this file holds the
# Perl API over them, the Xapi::Batch object and the POD.

use strict;
use warnings;
use Carp ();
use Hash::Util::FieldHash ();
use Scalar::Util ();

our $VERSION = '0.1.0';
our @EXPORTS = qw(send_batch recv_batch recv_batch_into recvmsg_into);

# The generated calls (the batch block of swig/xapi.i, shapes in
# swig/perl/batch.i) do the work in one crossing each; what is here is
# Perl's own: defaults, keywords, the object, and errors under the public
# names.  A receive batch argument is the core's batch (a handle) or
# [$handle, $mode], the mode saying how messages are built:
use constant { _HASH => 1, _VIEWS => 2 };

# Each public sub keeps $! as its caller had it ($errno: a generated call
# clears errno before the core call, and an OS error sets it), reads each
# argument once (a tied one is FETCHed once), and calls the native layer
# in its caller's context; a croak is made again at the caller's line
# under the public name (Xapi::_rethrow_as).

# send_batch($sock, \@messages, $flags = 0) -> messages sent
sub send_batch {
    Carp::croak('Usage: Xapi::send_batch($sock, \@messages, $flags = 0)')
        if @_ < 2 || @_ > 3;
    my $errno = 0 + $!;
    my ($sock, $msgs, $flags) = @_;
    my $n = eval { Xapi::Raw::send_batch($sock, $msgs, $flags // 0) };
    Xapi::_rethrow_as('send_batch', $errno) unless defined $n;
    $! = $errno;
    return $n;
}

# A batch receive's messages, as the caller's context wants them (a list,
# or one array ref).
sub _recv {
    my ($fn, $errno, $list, $code, %arg) = @_;
    my @r;
    eval {
        if ($list) { @r = $code->() } else { $r[0] = $code->() }
        1;
    } or Xapi::_rethrow_as($fn, $errno, %arg);
    $! = $errno;
    return $list ? @r : $r[0];
}

# The most datagrams (UDP_GRO_CNT_MAX) Linux coalesces into one buffer.
use constant _GRO_SEGMENTS => 64;

# A core receive batch; with $gro true, it splits UDP_GRO-coalesced
# buffers (room for $count * 64 segments per call).
sub _new_batch {
    my ($count, $size, $anc, $gro) = @_;
    my $b = Xapi::Raw::recv_batch_new($count, $size, $anc);
    Xapi::Raw::recv_batch_split($b, $count * _GRO_SEGMENTS) if $gro;
    return $b;
}

# recv_batch($sock, $count, $size, $ancsize = 0, $flags = 0, $timeout_ms = -1,
#            gro => $bool)
sub recv_batch {
    Carp::croak('Usage: Xapi::recv_batch($sock, $count, $size, $ancsize = 0, $flags = 0, $timeout_ms = -1, gro => $bool)')
        if @_ < 3 || (@_ > 6 && @_ != 8);
    my $errno = 0 + $!;
    my ($sock, $count, $size, $anc, $flags, $timeout, @opt) = @_;
    if (@opt && $opt[0] ne 'gro') {
        $@ = "Xapi::recv_batch: bad argument $opt[0]: not gro";
        Xapi::_rethrow_as('recv_batch', $errno);
    }
    my $gro = $opt[1];
    return _recv('recv_batch', $errno, wantarray, sub {
        my $b = _new_batch($count, $size, $anc // 0, $gro);
        Xapi::Raw::recv_batch_recv($sock, $b, $count, $flags // 0,
                                   $timeout // -1);
    });
}

# $count * $slot, the bytes \$buf is grown to, when both are plain
# integers in range; undef (the scalar as it is) for anything else, which
# the native call then refuses, saying what is wrong with it.
sub _need {
    my ($count, $slot) = @_;
    for ($count, $slot) {
        return undef if !defined || ref || !Scalar::Util::looks_like_number($_)
                     || $_ < 0 || $_ > 2**30 || $_ != int;
    }
    my $need = $count * $slot;
    return $need <= 2**30 ? $need : undef;
}

# recv_batch_into($sock, \$buf, $slot, $count, $ancsize = 0, $flags = 0,
#                 $timeout_ms = -1)
sub recv_batch_into {
    Carp::croak('Usage: Xapi::recv_batch_into($sock, \$buf, $slot, $count, $ancsize = 0, $flags = 0, $timeout_ms = -1)')
        if @_ < 4 || @_ > 7;
    my $errno = 0 + $!;
    my ($sock, $buf, $slot, $count, $anc, $flags, $timeout) = @_;
    return _recv('recv_batch_into', $errno, wantarray, sub {
        my $b = Xapi::Raw::recv_batch_new($count, 0, $anc // 0);
        Xapi::Raw::recv_batch_recv_into($sock, $b, $count,
                                        [$buf, _need($count, $slot)],
                                        $slot, $flags // 0, $timeout // -1);
    }, buffer => 'buf');
}

# recvmsg_into($sock, \$buf, $ancsize = 0, $flags = 0, $size = length $buf)
#   list context:   ($address, $len, \@cmsgs, $msg_flags, $nbytes)
#   scalar context: {address, len, cmsgs, flags, nbytes}
sub recvmsg_into {
    Carp::croak('Usage: Xapi::recvmsg_into($sock, \$buf, $ancsize = 0, $flags = 0, $size = length)')
        if @_ < 2 || @_ > 5;
    my $errno = 0 + $!;
    my ($sock, $buf, $anc, $flags, $size) = @_;
    my $list = wantarray;
    my ($m) = _recv('recvmsg_into', $errno, 1, sub {
        my $b = Xapi::Raw::recv_batch_new(1, 0, $anc // 0);
        Xapi::Raw::recvmsg_into($sock, [$b, $list ? 0 : _HASH],
                                [[$buf, $size]], $flags // 0);
    }, buffers => 'buf');
    return $list ? @$m : $m;
}

# ---- Xapi::Batch objects ----------------------------------------------------
# An object is a blessed reference to a read-only scalar holding a tag,
# unique to it; what it stands for (the core's batch, its capacity, the
# result mode) is kept here, by object, where no caller can change it.  A
# method believes only an object whose tag is the one new gave it: a
# forged or edited object never reaches the native layer.
Hash::Util::FieldHash::fieldhash(my %state);
my $serial = 0;
use constant _TAG_MIN => 16;   # shorter: not an Xapi::Batch at all

# A new ithread: the copies of the objects lose the core's batch, which
# stays the making thread's (one owner: no use after its free, no two
# threads in one batch).
sub CLONE { @$_[0, 4] = () for values %state }

my %new_keys = map { $_ => 1 } qw(count size ancsize hash views gro);

sub new {
    my ($class, %o) = @_;
    for (sort keys %o) {
        Carp::croak("Xapi::Batch::new: bad argument $_: not one of count, size, ancsize, hash, views, gro")
            unless $new_keys{$_};
    }
    Carp::croak('Xapi::Batch::new: bad argument count: missing') unless exists $o{count};
    my $errno = 0 + $!;
    my $handle = eval {
        _new_batch($o{count}, $o{size} // 0, $o{ancsize} // 0, $o{gro});
    };
    Xapi::_rethrow_as('Batch::new', $errno) unless defined $handle;
    my $mode = ($o{hash} ? _HASH : 0) | ($o{views} ? _VIEWS : 0);
    my $cap = Xapi::Raw::recv_batch_capacity($handle);
    my $tag = pack('a12 L Q Q', 'Xapi::Batch', $cap, ++$serial, $mode);
    my $self = bless \(my $s = $tag), $class;
    Internals::SvREADONLY($$self, 1);
    # [4]: the generated receive's batch argument, made once: the handle,
    # the mode, and the array through which the next receive finds the
    # messages of this one, to rewrite in place those nobody holds any
    # more (views mode; swig/perl/batch.i).
    $state{$self} = [$handle, $mode, $cap, $tag, [$handle, $mode, []]];
    $! = $errno;
    return $self;
}

# The state of $self, or a croak naming argument self of $fn.
sub _state {
    my ($self, $fn, $errno) = @_;
    my $why;
    if (!Scalar::Util::blessed($self) || !$self->isa('Xapi::Batch')
        || Scalar::Util::reftype($self) ne 'SCALAR' || !defined $$self
        || ref $$self || length $$self < _TAG_MIN) {
        $why = 'not an Xapi::Batch object';
    } else {
        my $st = $state{$self};
        return $st if $st && defined $st->[0] && $$self eq $st->[3];
        $why = 'a damaged Xapi::Batch object';
    }
    $@ = "Xapi::$fn: bad argument self: $why";
    $! = $errno;
    Xapi::_rethrow_as($fn, $errno);
}

# $batch->recv($sock, $flags = 0, $timeout_ms = -1) -> messages
sub recv {
    Carp::croak('Usage: $batch->recv($sock, $flags = 0, $timeout_ms = -1)')
        if @_ < 2 || @_ > 4;
    my $errno = 0 + $!;
    my ($self, $sock, $flags, $timeout) = @_;
    my $st = _state($self, 'Batch::recv', $errno);
    my $list = wantarray;
    my @r;
    eval {
        if ($list) {
            @r = Xapi::Raw::recv_batch_recv($sock, $st->[4], $st->[2],
                                            $flags // 0, $timeout // -1);
        } else {
            $r[0] = Xapi::Raw::recv_batch_recv($sock, $st->[4], $st->[2],
                                               $flags // 0, $timeout // -1);
        }
        1;
    } or Xapi::_rethrow_as('Batch::recv', $errno);
    $! = $errno;
    return $list ? @r : $r[0];
}

# $batch->send($sock, \@messages, $flags = 0) -> messages sent
sub send {
    Carp::croak('Usage: $batch->send($sock, \@messages, $flags = 0)')
        if @_ < 3 || @_ > 4;
    my $errno = 0 + $!;
    my ($self, $sock, $msgs, $flags) = @_;
    my $st = _state($self, 'Batch::send', $errno);
    if (ref $msgs eq 'ARRAY' && @$msgs > $st->[2]) {
        $@ = "Xapi::Batch::send: bad argument messages: " . @$msgs
           . " messages, the batch holds $st->[2]";
        Xapi::_rethrow_as('Batch::send', $errno);
    }
    my $n = eval { Xapi::Raw::send_batch($sock, $msgs, $flags // 0) };
    Xapi::_rethrow_as('Batch::send', $errno) unless defined $n;
    $! = $errno;
    return $n;
}

# $batch->capacity
sub capacity {
    Carp::croak('Usage: $batch->capacity') unless @_ == 1;
    my $errno = 0 + $!;
    my $st = _state($_[0], 'Batch::capacity', $errno);
    my $cap = Xapi::Raw::recv_batch_capacity($st->[0]);
    $! = $errno;
    return $cap;
}

1;

__END__

=head1 NAME

Xapi::Batch - many datagrams per system call, and receiving into scalars

=head1 SYNOPSIS

  use Xapi qw(:all);

  # Send three datagrams, each with its own destination and items, in one
  # sendmmsg(2).
  my $sent = send_batch($tx, [
      { data => "one",          to => ['::1', 5000] },
      { data => ["t", "wo"],    to => ['::1', 5001],
        cmsgs => [Xapi::Cmsg->hoplimit(3)] },
      { data => "three\0bytes", to => ['::1', 5000] },
  ]);

  # Receive up to 64 in one recvmmsg(2), 2048 bytes and 128 bytes of
  # ancillary space each, waiting at most 100 ms for the first.
  for my $m (recv_batch($rx, 64, 2048, 128, 0, 100)) {
      my ($from, $data, $cmsgs, $flags, $nbytes) = @$m;
      print "$nbytes bytes from [$from->[0]]:$from->[1]: $data->[0]\n";
  }

  # The same, allocating nothing per call but the results.
  my $batch = Xapi::Batch->new(count => 64, size => 2048, ancsize => 128);
  my @msgs = $batch->recv($rx, MSG_DONTWAIT);

  # The lean results for hot loops: the data as one string and the typed
  # items as a plain hash by name, no Xapi::Cmsg objects.
  my $fast = Xapi::Batch->new(count => 64, size => 2048, ancsize => 128,
                              views => 1);
  for my $m ($fast->recv($rx, MSG_DONTWAIT)) {
      my ($from, $data, $views, $flags, $nbytes) = @$m;
      my ($to, $ifindex) = @{ $views->{pktinfo} };
      print "hop limit $views->{hoplimit}, to $to on $ifindex\n";
  }

  # Into memory of your own: one scalar, one slot of 2048 bytes each.
  my $buf = '';
  for my $m (recv_batch_into($rx, \$buf, 2048, 64, 128, MSG_DONTWAIT)) {
      my ($from, $len) = @$m;
      my $bytes = substr($buf, $i++ * 2048, $len);
  }
  my ($from, $len, $cmsgs) = recvmsg_into($rx, \$buf);   # up to length $buf

=head1 DESCRIPTION

The functions are exported by L<Xapi> with C<:batch> (and C<:functions>,
C<:all>) and callable as C<Xapi::send_batch> and so on.  Errors follow
L<Xapi/Errors>: OS errors croak with C<$!> set, bad arguments croak naming
the argument, before any system call.

A batch crosses into C once: a receive builds every message's Perl values
(strings, addresses, L<Xapi::Cmsg> items) in the same native call as the
recvmmsg(2); a send reads every message before the one sendmmsg(2).

=head2 Errors part-way

Batches follow the kernel.  When message I<k> of a send is refused after
I<k> > 0 messages went out, C<send_batch> returns I<k> and reports nothing;
the next call, starting at the refused message, croaks with the error
(C<$!> set).  So a loop sends what remains until everything is sent or a
call croaks:

  my $done = 0;
  $done += send_batch($s, [@msgs[$done .. $#msgs]]) while $done < @msgs;

A receive returns what it got (1 to C<$count> messages).

=head1 FUNCTIONS

=over

=item send_batch($sock, \@messages, $flags = 0)

Sends the messages (at most 1024) with one sendmmsg(2) and returns how
many were sent.  Each message is a hash reference:

  { data  => "bytes" or ["piece", "piece", ...],
    to    => [$host, $port],      # as sendmsg takes an address; optional
    cmsgs => [Xapi::Cmsg or [$level, $type, $data], ...] }   # optional

A key other than these, a message that is not a hash reference, bad bytes
or a bad address croak as bad arguments naming C<messages>, C<data>, C<to>
or C<cmsgs>, before anything is sent.  So does anything tied inside the
list (a tied message hash, array or value): the bytes of every message
are read in place, and a tied FETCH, running in between, could change
them.

=item recv_batch($sock, $count, $size, $ancsize = 0, $flags = 0, $timeout_ms = -1, gro => $bool)

Receives up to C<$count> (1 to 1024) datagrams with one recvmmsg(2), each
into C<$size> bytes (0 to 2**30, at most 2**30 for the whole batch) with
C<$ancsize> bytes of ancillary space (0 to 2**20; use C<cmsg_space>).
Returns the messages as a list, or an array reference in scalar context.
Each message is an array reference laid out as L<Xapi/recvmsg>'s list:

  [$address, [$data], \@cmsgs, $msg_flags, $nbytes]

(one piece per message; C<MSG_TRUNC> in C<$msg_flags> says it was cut, and
with C<MSG_TRUNC> in C<$flags> C<$nbytes> is the datagram's real length).
C<$flags> are recvmmsg's: C<MSG_DONTWAIT> takes what is queued (C<EAGAIN>
if nothing), C<MSG_WAITFORONE> waits for the first datagram only.
C<$timeout_ms> E<gt>= 0 waits that long for the first datagram, then takes
what is queued without waiting further; nothing in time croaks with
C<EAGAIN>.  C<EINTR> is not retried.

With C<< gro => 1 >> (after all six positional arguments) coalesced
buffers are split.  With C<UDP_GRO> set on the socket
(C<setsockopt($sock, SOL_UDP, UDP_GRO, 1)>) Linux hands over up to 64
datagrams of one flow in one buffer with a C<gro> item (the segment
size); each is then returned as a message of its own: its bytes, the
buffer's address, flags and items (the last segment may be shorter), so
up to C<$count> * 64 messages come back.  C<$size> must hold a whole
buffer (64 times the segment size, at most 65535).  A buffer that was not
coalesced (no item, or at most one segment) stays one message; a
truncated one marks the segments that lost bytes with C<MSG_TRUNC>.

=item recv_batch_into($sock, \$buf, $slot, $count, $ancsize = 0, $flags = 0, $timeout_ms = -1)

The same, received into the caller's scalar C<$buf>: message I<i> lands
at offset I<i> * C<$slot>.  C<$buf> is grown with zero bytes to C<$count>
* C<$slot> bytes if it is shorter (once: a scalar that is big enough is
used as it is, with no allocation) and never shrunk.  Each message is

  [$address, $len, \@cmsgs, $msg_flags, $nbytes]

where C<$len> is how many bytes of the message are in its slot
(C<substr($buf, $i * $slot, $len)>).  C<$buf> must be a writable scalar
holding bytes (an undef is taken as ""); a read-only scalar (also one of
Perl's special variables such as C<$1>), a reference to something else
(an object too), or a string holding a character above 0xFF croak as bad
arguments, before anything is received.

=item recvmsg_into($sock, \$buf, $ancsize = 0, $flags = 0, $size = length $buf)

One receive into C<$buf>, up to C<$size> bytes, by default C<length($buf)>
(make it as big as the largest datagram once, e.g. C<$buf = "\0" x
65535>: it is then reused without reallocation, and its length does not
change).  A C<$size> above C<length($buf)> grows C<$buf> to it with zero
bytes first.  In list context returns C<($address, $len, \@cmsgs,
$msg_flags, $nbytes)>, C<$len> the bytes written at the start of C<$buf>;
in scalar context a hash reference with the keys C<address>, C<len>,
C<cmsgs>, C<flags>, C<nbytes>.

=back

=head1 Xapi::Batch OBJECTS

For loops: the object holds the memory a batch call needs (the kernel's
message headers, buffers and ancillary slots), made once, so each call
allocates only the Perl values it returns.  A batch is scratch space for
one call at a time.

=over

=item Xapi::Batch->new(count => $n, size => $size, ancsize => $anc, hash => $bool, views => $bool, gro => $bool)

C<$n> 1 to 1024 messages of C<$size> bytes (default 0) and C<$anc> bytes
of ancillary space (default 0).  With C<hash> true, received messages are
hash references (keys C<address>, C<data>, C<cmsgs>, C<flags>,
C<nbytes>) instead of array references.  With C<views> true, C<recv>
returns the lean form described under L</Views>.  With C<gro> true,
C<recv> splits C<UDP_GRO>-coalesced buffers into one message per
datagram, as C<recv_batch> with C<< gro => 1 >> does (up to C<$n> * 64
messages per call; any more that a lying kernel announced are returned
by the next call, without a system call).

=item $batch->recv($sock, $flags = 0, $timeout_ms = -1)

As C<recv_batch($sock, $n, $size, $anc, $flags, $timeout_ms)>, or, for a
batch made with C<views>, the lean form below.

=item $batch->send($sock, \@messages, $flags = 0)

As C<send_batch>, for at most C<$n> messages.

=item $batch->capacity

C<$n>.

=back

An Xapi::Batch is a reference to a read-only scalar holding a tag that
C<new> gave it; its C memory is the core's receive batch, which the
object owns (freed with it) and which no caller can reach.  A method
called on anything C<new> did not make, or on an object whose scalar was
changed, croaks as a bad argument C<self> ("not an Xapi::Batch object",
"a damaged Xapi::Batch object"); the object is never believed about its
own memory.  An object belongs to the thread that made it: a new ithread
gets none of the memory (its copy croaks as a damaged object).

=head2 Views

For speed-sensitive receive loops.  A batch made with C<< views => 1 >>
returns each message as

  [$address, $data, \%views, $msg_flags, $nbytes]

(with C<hash> too: a hash reference with the keys C<address>, C<data>,
C<views>, C<flags>, C<nbytes>).  C<$data> is the message's bytes as one
string (cut to C<$size>; C<""> for a C<$size> of 0), not a list of
pieces.  C<%views> is a plain, unblessed hash from each typed item's view
name to its value, the same names and shapes as L<Xapi::Cmsg>'s C<view>
and C<value>:

  { hoplimit => 64, tclass => 0, pktinfo => ['::1', 1] }

C<hoplimit>, C<tclass>, C<ttl>, C<tos>, C<gro>, C<fragsize> are integers; C<pktinfo>
is C<[$addr, $ifindex]> (IPv4 adds C<$spec_dst>); C<pathmtu> and
C<sock_err> are hashes as in L<Xapi::Cmsg>.  Only the first item of each
name counts.  Items without a typed view (kinds xapi does not decode,
such as routing headers, and an item the kernel cut short under
C<MSG_CTRUNC>) are not in C<%views>: when you need their bytes, use a
batch without C<views> (or C<recv_batch>), whose C<\@cmsgs> has every item.

The results are built in C in the same call as the recvmmsg(2), with the
hash keys shared, and no object per item.  A views batch also keeps the
messages of its last C<recv> until the next one, which writes the new
values into every array, hash and string of them that nothing else holds
any more (not the caller, not a reference to a part of one), instead of
freeing them and making new ones: a loop that drops each call's messages
before the next call allocates nothing per message.  What the caller
sees does not change (each message is its own; one still held, whole or
in part, keeps its values); only memory that was dropped is reused, and
a weak reference to a dropped message lasts until the next C<recv>.  For
one message at a time, a C<< count => 1 >> batch in views mode is the
lean counterpart of L<Xapi/recvmsg>.

=head1 SEE ALSO

L<Xapi>, L<Xapi::Cmsg>, recvmmsg(2), sendmmsg(2).

=cut
