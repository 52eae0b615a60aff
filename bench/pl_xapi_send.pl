#!/usr/bin/perl
# pl-xapi-sendmsg, pl-xapi-batch-send: the Perl binding's send, against the
# peer pl-msghdr-sendmsg (Socket::MsgHdr).  README.md, item 3: COUNT
# 64-byte datagrams to a socket of its own that nobody reads, each with
# its destination and a hop-limit item (7), set up before the timed loop.
#
#   pl-xapi-sendmsg     Xapi::sendmsg, one call per message
#   pl-xapi-batch-send  an Xapi::Batch object, 32 messages per sendmmsg,
#                       each message with its own destination and item
use strict;
use warnings;
use Time::HiRes qw(clock_gettime CLOCK_MONOTONIC);
use Xapi qw(:all);
BEGIN { my ($d) = __FILE__ =~ m{^(.*/)}; require(($d // './') . 'benchlib.pl') }

my $name  = BenchLib::scenario('pl-xapi-sendmsg', 'pl-xapi-batch-send');
my $count = $BenchLib::COUNT;
my $per_call = 32;

my $sink = Xapi::socket(AF_INET6, SOCK_DGRAM);
Xapi::bind($sink, '::1', 0);
my $dest = Xapi::getsockname($sink);
my $s = Xapi::socket(AF_INET6, SOCK_DGRAM);
my $payload = ['p' x 64];
my $items = [Xapi::Cmsg->hoplimit(7)];
# One message of a batch: its own destination and item (the same values
# for each here, as in c_send.c, but given per message).
my @batch = map { { data => 'p' x 64, to => [@$dest], cmsgs => [Xapi::Cmsg->hoplimit(7)] } }
    1 .. $per_call;
my $b = Xapi::Batch->new(count => $per_call);

my $rss0 = BenchLib::rss_kb();
my $t0 = clock_gettime(CLOCK_MONOTONIC);
if ($name eq 'pl-xapi-sendmsg') {
    sendmsg($s, $payload, $dest, $items) for 1 .. $count;
} else {
    my $left = $count;
    while ($left > 0) {
        my $msgs = $left >= $per_call ? \@batch : [@batch[0 .. $left - 1]];
        $left -= $b->send($s, $msgs);
    }
}
my $t1 = clock_gettime(CLOCK_MONOTONIC);
BenchLib::report($name, $count, $t1 - $t0, $rss0);
