/*
 * ops_batch.c - the C runner's operations for the batch cases (SPEC.md).
 * #included by runner.c before its operation table: it uses runner.c's
 * helpers and struct ctx directly.  Per-case state, if any, hangs off
 * c->batch and is freed by topic_cleanup_batch().
 */

static void topic_cleanup_batch(struct ctx *c)
{
    (void)c;
}

/* Table entries, e.g. { "name", MIN, MAX, op_name }, */
#define OPS_BATCH
