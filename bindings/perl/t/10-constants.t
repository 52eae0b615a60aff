# Constants against Perl's own Socket module (an independent reading of the
# same system headers) and the Linux uapi values.
use strict;
use warnings;
use Test::More;
use Socket ();
use Xapi qw(:constants);

my %xapi = map { $_ => 1 } @Xapi::EXPORT_CONSTANTS;
my $compared = 0;
for my $name (sort grep { $xapi{$_} } @Socket::EXPORT, @Socket::EXPORT_OK) {
    next unless $name =~ /\A[A-Z][A-Z0-9_]+\z/;
    my $want = eval { no strict 'refs'; &{"Socket::$name"}() };
    next unless defined $want && $want =~ /\A-?\d+\z/;
    no strict 'refs';
    is(&{"Xapi::$name"}(), $want, "$name agrees with Socket");
    $compared++;
}
cmp_ok($compared, '>', 40, "compared $compared constants with Socket");

# Linux uapi (include/uapi/linux/in6.h, in.h) for names Socket lacks.
is(IPV6_HOPLIMIT, 52, 'IPV6_HOPLIMIT');
is(IPV6_TCLASS, 67, 'IPV6_TCLASS');
is(IPV6_RECVPKTINFO, 49, 'IPV6_RECVPKTINFO');
is(IP_RECVTTL, 12, 'IP_RECVTTL');
is(Xapi::MSG_ERRQUEUE, 8192, 'fully qualified name');
done_testing();
