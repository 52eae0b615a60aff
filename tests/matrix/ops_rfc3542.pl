# ops_rfc3542.pl - matrix operations for the rfc3542 cases (SPEC.md), compiled in
# runner.pl's scope (see the loader above run_case): add entries to %op.
