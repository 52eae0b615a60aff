# ops_net.py - matrix operations for the net cases (SPEC.md), executed
# inside runner.py's namespace (see the loader at the end of runner.py).
