# Every kind of Perl handle, and plain descriptors.
use strict;
use warnings;
use Test::More;
use Socket qw(AF_INET6 SOCK_DGRAM);
use IO::Handle;
use Xapi qw(:all);

socket(RX, AF_INET6, SOCK_DGRAM, 0) or die $!;
socket(my $tx, AF_INET6, SOCK_DGRAM, 0) or die $!;
Xapi::bind(\*RX, '::1', 0);
my $to = Xapi::getsockname(*RX);
my $io = IO::Handle->new_from_fd(fileno(RX), 'r+') or die $!;
my %forms = (glob => *RX, globref => \*RX, ioref => *RX{IO}, int => fileno(RX),
             string_int => '' . fileno(RX), 'IO::Handle' => $io);
for my $form (sort keys %forms) {
    sendmsg(fileno($tx), [$form], $to);
    my (undef, $data) = recvmsg($forms{$form}, [64]);
    is($data->[0], $form, "receive through a $form");
}
my $fh = Xapi::socket(AF_INET6, SOCK_DGRAM);
is(ref $fh, 'GLOB', 'Xapi::socket gives a glob ref');
ok(close($fh), 'it closes');
done_testing();
