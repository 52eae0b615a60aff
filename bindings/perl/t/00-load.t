use strict;
use warnings;
use Test::More;

use_ok('Xapi', qw(:all));
is($Xapi::VERSION, '0.1.0', 'version');
ok(defined &Xapi::sendmsg && defined &Xapi::recvmsg, 'message calls are there');
ok(defined &main::sendmsg, ':all exports sendmsg');
ok(!defined &main::bind, ':all leaves the builtin bind alone');
ok(scalar(@{ $Xapi::EXPORT_TAGS{constants} }) > 100, 'the constant table is exported');
can_ok('Xapi::Cmsg', qw(new hoplimit tclass ttl tos pktinfo6 pktinfo4 pktinfo level type data value));
done_testing();
