#!/usr/bin/perl
# pl-msghdr-recvmsg: the Perl peer, no xapi.  Socket::MsgHdr's recvmsg
# with IPV6_RECVPKTINFO and IPV6_RECVHOPLIMIT; items decoded with unpack,
# the pktinfo address to text with Socket::inet_ntop, as xapi gives it.
use strict;
use warnings;
use Socket qw(AF_INET6 SOCK_DGRAM IPPROTO_IPV6 SOL_SOCKET SO_RCVBUF
              MSG_DONTWAIT inet_ntop pack_sockaddr_in6 unpack_sockaddr_in6
              inet_pton);
use Socket::MsgHdr;
BEGIN { my ($d) = __FILE__ =~ m{^(.*/)}; require(($d // './') . 'benchlib.pl') }

my $name   = 'pl-msghdr-recvmsg';
# <netinet/in.h> numbers (Socket exports these only in recent Perls).
my ($IPV6_RECVPKTINFO, $IPV6_PKTINFO, $IPV6_RECVHOPLIMIT, $IPV6_HOPLIMIT) =
    (49, 50, 51, 52);

socket(my $s, AF_INET6, SOCK_DGRAM, 0) or die "socket: $!";
bind($s, pack_sockaddr_in6(0, inet_pton(AF_INET6, '::1'))) or die "bind: $!";
setsockopt($s, IPPROTO_IPV6, $IPV6_RECVPKTINFO, 1) or die $!;
setsockopt($s, IPPROTO_IPV6, $IPV6_RECVHOPLIMIT, 1) or die $!;
setsockopt($s, SOL_SOCKET, SO_RCVBUF, 4 << 20) or die $!;
my ($port) = unpack_sockaddr_in6(getsockname($s));

my $hdr = Socket::MsgHdr->new(buflen => 128, controllen => 128,
                              namelen => 28);
my @keep;

sub drain {
    my $n = 0;
    while (1) {
        $hdr->buflen(128);
        $hdr->controllen(128);
        $hdr->namelen(28);
        last unless defined recvmsg($s, $hdr, MSG_DONTWAIT);
        my ($ifindex, $addr, $hoplimit);
        my @c = $hdr->cmsghdr;
        while (my ($level, $type, $data) = splice @c, 0, 3) {
            next unless $level == IPPROTO_IPV6;
            if ($type == $IPV6_PKTINFO) {
                my $a;
                ($a, $ifindex) = unpack 'a16 L', $data;
                $addr = inet_ntop(AF_INET6, $a);
            } elsif ($type == $IPV6_HOPLIMIT) {
                $hoplimit = unpack 'i', $data;
            }
        }
        push @keep, $hoplimit;
        @keep = () if @keep > 1024;
        $n++;
    }
    return $n;
}

BenchLib::run_receiver($name, $port, \&drain);
