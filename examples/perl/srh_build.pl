#!/usr/bin/perl
# srh_build.pl - build a Segment Routing Header (RFC 8754), print it,
# parse it back, and reverse it for the return path.
#
#   PERL5LIB=BUILD/bindings/perl:SRC/bindings/perl perl examples/perl/srh_build.pl \
#       [SEGMENT...]          (path order: the first segment to visit first)
#
# RFC 8754 keeps the list backwards: Segment List[0] is the LAST segment
# of the path.  srh_build and srh_parse use that wire order; the rth_*
# calls (RFC 3542 section 7) number segments in path order.  On Linux an
# SRH is sent as a sticky option:
#   setsockopt_bytes($sock, IPPROTO_IPV6, IPV6_RTHDR, $srh)
# and the kernel replaces Segment List[0] with the socket's destination
# (see docs/rfc3542-linux.md).
use strict;
use warnings;
use Xapi qw(:rfc3542);

my @path = @ARGV ? @ARGV : ('2001:db8:1::1', '2001:db8:2::1', '2001:db8:3::2');

# An HMAC-less SRH with an 8-byte PadN TLV (type 4, length 6, zeros) and a
# tag, to show every field.
my $srh = srh_build(
    segments      => [reverse @path],      # wire order
    segments_left => $#path,               # the first segment is active
    next_header   => 17,                   # UDP follows (the kernel sets it when sending)
    tag           => 0x00aa,
    tlv           => pack('CC', 4, 6) . "\0" x 6,
);

sub show {
    my ($title, $bytes) = @_;
    my $h = srh_parse($bytes);
    printf "%s: %d bytes\n", $title, length $bytes;
    print "  $_\n" for unpack('(H16)*', $bytes);
    printf "  next header %d, segments left %d, last entry %d, flags 0x%02x, tag 0x%04x\n",
        @$h{qw(next_header segments_left last_entry flags tag)};
    printf "  Segment List[%d] = %s\n", $_, $h->{segments}[$_] for 0 .. $#{ $h->{segments} };
    printf "  path order: %s\n", join ' -> ', map { rth_getaddr($bytes, $_) } 0 .. rth_segments($bytes) - 1;
    printf "  TLVs: %s\n", length $h->{tlv} ? unpack('H*', $h->{tlv}) : 'none';
}

show('SRH', $srh);
my $back = rth_reverse($srh);
show('reversed (for the return path)', $back);

# In place, as RFC 3542's inet6_rth_reverse(in, in) does.
my $copy = $srh;
rth_reverse_in_place(\$copy);
print 'rth_reverse_in_place gives ', ($copy eq $back ? 'the same bytes' : 'DIFFERENT bytes'), "\n";

# rth_reverse sets Segments Left to the number of segments, as RFC 3542
# says for type 0.  An SRH to send back starts at Segment List[Last Entry]:
my $h = srh_parse($back);
my $reply = srh_build(%$h{qw(segments next_header flags tag tlv)},
                      segments_left => $h->{last_entry});
show('return SRH to send (segments left = last entry)', $reply);
exit($copy eq $back ? 0 : 1);
