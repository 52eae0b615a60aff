# ops_send.py - matrix operation for the send cases (SPEC.md "Destinations
# as text, repeated"), executed inside runner.py's namespace.  Python's
# sendmsg takes every destination as text already: sendmsg_text is
# sendmsg.


def op_sendmsg_text(self, name, *words):
    """One send to PEER's bound address as text ((host, port, ...) or a
    unix path), the way a Python user gives it."""
    self.op_sendmsg(name, *words)


Runner.op_sendmsg_text = op_sendmsg_text
