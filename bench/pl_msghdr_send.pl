#!/usr/bin/perl
# pl-msghdr-sendmsg: the Perl send peer, no xapi.  Socket::MsgHdr's
# sendmsg of 64-byte datagrams to a socket of its own that nobody reads,
# each with its destination and a hop-limit item (README.md, item 3).
use strict;
use warnings;
use Socket qw(AF_INET6 SOCK_DGRAM IPPROTO_IPV6 pack_sockaddr_in6
              inet_pton);
use Socket::MsgHdr;
use Time::HiRes qw(clock_gettime CLOCK_MONOTONIC);
BEGIN { my ($d) = __FILE__ =~ m{^(.*/)}; require(($d // './') . 'benchlib.pl') }

my $name  = 'pl-msghdr-sendmsg';
my $count = $BenchLib::COUNT;
# <netinet/in.h> (Socket exports it only in recent Perls).
my $IPV6_HOPLIMIT = 52;

socket(my $sink, AF_INET6, SOCK_DGRAM, 0) or die "socket: $!";
bind($sink, pack_sockaddr_in6(0, inet_pton(AF_INET6, '::1')))
    or die "bind: $!";
my $dest = getsockname($sink) or die "getsockname: $!";
socket(my $s, AF_INET6, SOCK_DGRAM, 0) or die "socket: $!";

my $hdr = Socket::MsgHdr->new(buf => 'p' x 64, name => $dest);
$hdr->cmsghdr(IPPROTO_IPV6, $IPV6_HOPLIMIT, pack('i', 7));

my $rss0 = BenchLib::rss_kb();
my $t0 = clock_gettime(CLOCK_MONOTONIC);
for (1 .. $count) {
    defined(Socket::MsgHdr::sendmsg($s, $hdr)) or die "sendmsg: $!";
}
my $t1 = clock_gettime(CLOCK_MONOTONIC);
BenchLib::report($name, $count, $t1 - $t0, $rss0);
