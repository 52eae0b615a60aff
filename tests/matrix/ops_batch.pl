# ops_batch.pl - matrix operations for the batch cases (SPEC.md), compiled in
# runner.pl's scope (see the loader above run_case): add entries to %op.
