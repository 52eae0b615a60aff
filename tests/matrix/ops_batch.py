# ops_batch.py - matrix operations for the batch cases (SPEC.md), executed
# inside runner.py's namespace (see the loader at the end of runner.py).
