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

my $name  = 'pl-msghdr-sendmsg';
my $count = $ENV{XAPI_BENCH_COUNT} || 1000000;
# <netinet/in.h> (Socket exports it only in recent Perls).
my $IPV6_HOPLIMIT = 52;

sub rss_kb {
    open my $f, '<', '/proc/self/status' or return -1;
    while (<$f>) { return $1 if /^VmRSS:\s+(\d+)/ }
    return -1;
}

socket(my $sink, AF_INET6, SOCK_DGRAM, 0) or die "socket: $!";
bind($sink, pack_sockaddr_in6(0, inet_pton(AF_INET6, '::1')))
    or die "bind: $!";
my $dest = getsockname($sink) or die "getsockname: $!";
socket(my $s, AF_INET6, SOCK_DGRAM, 0) or die "socket: $!";

my $hdr = Socket::MsgHdr->new(buf => 'p' x 64, name => $dest);
$hdr->cmsghdr(IPPROTO_IPV6, $IPV6_HOPLIMIT, pack('i', 7));

my $rss0 = rss_kb();
my $t0 = clock_gettime(CLOCK_MONOTONIC);
for (1 .. $count) {
    defined(Socket::MsgHdr::sendmsg($s, $hdr)) or die "sendmsg: $!";
}
my $t1 = clock_gettime(CLOCK_MONOTONIC);
my $rss1 = rss_kb();
printf "%s %.0f %d %d\n", $name, $count / ($t1 - $t0), $rss0, $rss1;
