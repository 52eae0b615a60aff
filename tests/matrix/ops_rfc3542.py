# ops_rfc3542.py - matrix operations for the rfc3542 cases (SPEC.md), executed
# inside runner.py's namespace (see the loader at the end of runner.py).
