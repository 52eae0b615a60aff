/*
 * ops_net.c - the C runner's operations for the net cases (SPEC.md).
 * #included by runner.c before its operation table: it uses runner.c's
 * helpers and struct ctx directly.  Per-case state, if any, hangs off
 * c->net and is freed by topic_cleanup_net().
 */

static void topic_cleanup_net(struct ctx *c)
{
    (void)c;
}

/* Table entries, e.g. { "name", MIN, MAX, op_name }, */
#define OPS_NET
