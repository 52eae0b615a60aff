/*
 * ops_rfc3542.c - the C runner's operations for the rfc3542 cases (SPEC.md).
 * #included by runner.c before its operation table: it uses runner.c's
 * helpers and struct ctx directly.  Per-case state, if any, hangs off
 * c->rfc3542 and is freed by topic_cleanup_rfc3542().
 */

static void topic_cleanup_rfc3542(struct ctx *c)
{
    (void)c;
}

/* Table entries, e.g. { "name", MIN, MAX, op_name }, */
#define OPS_RFC3542
