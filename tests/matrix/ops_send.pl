# ops_send.pl - matrix operation for the send cases (SPEC.md "Destinations
# as text, repeated"), compiled in runner.pl's scope.  Perl's sendmsg
# takes the destination as text already ([host, port] or a unix path):
# sendmsg_text is sendmsg.

$op{sendmsg_text} = $op{sendmsg};
