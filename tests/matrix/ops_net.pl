# ops_net.pl - matrix operations for the net cases (SPEC.md), compiled in
# runner.pl's scope (see the loader above run_case): add entries to %op.
