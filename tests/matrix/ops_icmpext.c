/*
 * ops_icmpext.c - the C runner's operations for the ICMP extension cases
 * (SPEC.md "ICMP extensions").  #included by runner.c before its operation
 * table.  The last records parsed are file state (a case runs in a child
 * of its own), freed by topic_cleanup_icmpext().  Fields are read from the
 * struct members themselves, not through the core's record table, so the
 * table is checked by the other languages against the same cases.
 */

static xapi_value *icmpext_last;
static size_t icmpext_nlast;

static void topic_cleanup_icmpext(struct ctx *c)
{
    (void)c;
    free(icmpext_last);
    icmpext_last = NULL;
    icmpext_nlast = 0;
}

/* needs_icmp_ext: C always has the parses. */
static enum status op_needs_icmp_ext(struct ctx *c, char *const *a, size_t n)
{
    (void)c, (void)a, (void)n;
    return ST_OK;
}

static enum status icmpext_run(struct ctx *c, int family, int whole,
                               const char *word)
{
    bytes b;
    xapi_value *v;
    size_t cap, count = 0;
    enum status st;
    int r;

    if ((st = parse_bytes(c, word, &b)) != ST_OK)
        return st;
    cap = b.n / 4 + 1; /* the core's bound on the records */
    v = xmalloc(cap * sizeof(*v));
    r = whole ? xapi_icmp_ext_parse(family, b.p, b.n, v, cap, &count, NULL)
              : xapi_icmp_ext_parse_struct(b.p, b.n, v, cap, &count, NULL);
    bytes_free(&b);
    if (r < 0) {
        int e = errno;

        free(v);
        return callfail(c, e, whole ? "xapi_icmp_ext_parse"
                                    : "xapi_icmp_ext_parse_struct");
    }
    if (count > cap) {
        free(v);
        return fail(c, "%zu records from %zu bytes: over the bound", count,
                    cap);
    }
    topic_cleanup_icmpext(c);
    icmpext_last = v;
    icmpext_nlast = count;
    return ST_OK;
}

/* icmp_ext FAMILY BYTES */
static enum status op_icmp_ext(struct ctx *c, char *const *a, size_t n)
{
    int family;
    enum status st;

    (void)n;
    if ((st = parse_int32(c, a[0], &family)) != ST_OK)
        return st;
    return icmpext_run(c, family, 1, a[1]);
}

/* icmp_ext_struct BYTES */
static enum status op_icmp_ext_struct(struct ctx *c, char *const *a,
                                      size_t n)
{
    (void)n;
    return icmpext_run(c, 0, 0, a[0]);
}

/* icmp_ext_offset FAMILY BYTES [N] (N given: the expect form) */
static enum status op_icmp_ext_offset(struct ctx *c, char *const *a,
                                      size_t n)
{
    int family, r;
    int64_t want;
    bytes b;
    enum status st;

    if ((st = parse_int32(c, a[0], &family)) != ST_OK ||
        (n > 2 && (st = parse_int(c, a[2], &want)) != ST_OK) ||
        (st = parse_bytes(c, a[1], &b)) != ST_OK)
        return st;
    r = xapi_icmp_ext_offset(family, b.p, b.n, NULL);
    bytes_free(&b);
    if (r < 0)
        return callfail(c, errno, "xapi_icmp_ext_offset");
    if (n > 2 && r != want)
        return fail(c, "extension offset %d, want %" PRId64, r, want);
    return ST_OK;
}

static enum status op_expect_icmp_ext_count(struct ctx *c, char *const *a,
                                            size_t n)
{
    int64_t want;
    enum status st;

    (void)n;
    if ((st = parse_int(c, a[0], &want)) != ST_OK)
        return st;
    if ((int64_t)icmpext_nlast != want)
        return fail(c, "%zu records, want %" PRId64, icmpext_nlast, want);
    return ST_OK;
}

/* expect_icmp_ext K FIELD=VALUE ... */
static enum status op_expect_icmp_ext(struct ctx *c, char *const *a,
                                      size_t n)
{
    const xapi_icmp_ext *r;
    int64_t k;
    size_t i;
    enum status st;

    if ((st = parse_int(c, a[0], &k)) != ST_OK)
        return st;
    if (k < 0 || (uint64_t)k >= icmpext_nlast)
        return fail(c, "no record %" PRId64 " (%zu records)", k,
                    icmpext_nlast);
    if (icmpext_last[k].kind != XAPI_VALUE_ICMPEXT)
        return fail(c, "record %" PRId64 " has kind %d", k,
                    icmpext_last[k].kind);
    r = &icmpext_last[k].icmpext;
    for (i = 1; i < n; i++) {
        const char *eq = strchr(a[i], '=');
        const char *text = NULL;
        char field[32];
        int64_t want, got = 0;
        size_t fl;

        if (eq == NULL || (fl = (size_t)(eq - a[i])) >= sizeof(field))
            return fail(c, "bad FIELD=VALUE word '%s'", a[i]);
        memcpy(field, a[i], fl);
        field[fl] = '\0';
        if (strcmp(field, "addr") == 0)
            text = r->addr;
        else if (strcmp(field, "name") == 0)
            text = r->name;
        if (text != NULL) {
            if (strcmp(text, eq + 1) != 0)
                return fail(c, "record %" PRId64 " %s '%s', want '%s'", k,
                            field, text, eq + 1);
            continue;
        }
        if (strcmp(field, "class_num") == 0)
            got = r->class_num;
        else if (strcmp(field, "c_type") == 0)
            got = r->c_type;
        else if (strcmp(field, "label") == 0)
            got = r->label;
        else if (strcmp(field, "tc") == 0)
            got = r->tc;
        else if (strcmp(field, "s") == 0)
            got = r->s;
        else if (strcmp(field, "ttl") == 0)
            got = r->ttl;
        else if (strcmp(field, "role") == 0)
            got = r->role;
        else if (strcmp(field, "ifindex") == 0)
            got = r->ifindex;
        else if (strcmp(field, "mtu") == 0)
            got = r->mtu;
        else if (strcmp(field, "offset") == 0)
            got = r->offset;
        else if (strcmp(field, "length") == 0)
            got = r->length;
        else
            return fail(c, "no record field '%s'", field);
        if ((st = parse_int(c, eq + 1, &want)) != ST_OK)
            return st;
        if (got != want)
            return fail(c, "record %" PRId64 " %s %" PRId64 ", want %" PRId64,
                        k, field, got, want);
    }
    return ST_OK;
}

/* take_data NAME OFFSET: NAME holds the last message's data (pieces
 * joined) from OFFSET on (the error queue's bytes from the offset the
 * kernel gives). */
static enum status op_take_data(struct ctx *c, char *const *a, size_t n)
{
    size_t off, total = 0, i, pos;
    bytes b;
    enum status st;

    (void)n;
    if ((st = need_msg(c)) != ST_OK ||
        (st = parse_size(c, a[1], &off)) != ST_OK)
        return st;
    for (i = 0; i < c->msg.npieces; i++)
        total += c->msg.pieces[i].n;
    if (off > total)
        return fail(c, "%zu bytes arrived, offset %zu is past them", total,
                    off);
    bytes_alloc(&b, total - off);
    for (i = 0, pos = 0; i < c->msg.npieces; i++) {
        size_t pn = c->msg.pieces[i].n, skip = 0;

        if (pos + pn > off) {
            skip = pos < off ? off - pos : 0;
            memcpy(b.p + (pos + skip - off), c->msg.pieces[i].p + skip,
                   pn - skip);
        }
        pos += pn;
    }
    var_set(c, a[0], &b);
    return ST_OK;
}

/* icmp_ext_errqueue: the last message's data (pieces joined) and its
 * sock_err item's ee_data through xapi_icmp_ext_parse_errqueue; the
 * records become the last records. */
static enum status op_icmp_ext_errqueue(struct ctx *c, char *const *a,
                                        size_t n)
{
    const xapi_value *se = NULL;
    size_t total = 0, i, pos, cap, count = 0;
    bytes all;
    xapi_value *v;
    enum status st;
    int r;

    (void)a, (void)n;
    if ((st = need_msg(c)) != ST_OK)
        return st;
    for (i = 0; i < c->msg.nitems && se == NULL; i++)
        if (c->msg.items[i].value.kind == XAPI_VALUE_SOCK_ERR)
            se = &c->msg.items[i].value;
    if (se == NULL)
        return fail(c, "the last message has no sock_err item");
    for (i = 0; i < c->msg.npieces; i++)
        total += c->msg.pieces[i].n;
    bytes_alloc(&all, total);
    for (i = 0, pos = 0; i < c->msg.npieces; i++) {
        if (c->msg.pieces[i].n > 0)
            memcpy(all.p + pos, c->msg.pieces[i].p, c->msg.pieces[i].n);
        pos += c->msg.pieces[i].n;
    }
    cap = total / 4 + 1;
    v = xmalloc(cap * sizeof(*v));
    r = xapi_icmp_ext_parse_errqueue(se->sock_err.data, all.p, all.n, v, cap,
                                     &count, NULL);
    bytes_free(&all);
    if (r < 0) {
        int e = errno;

        free(v);
        return callfail(c, e, "xapi_icmp_ext_parse_errqueue");
    }
    topic_cleanup_icmpext(c);
    icmpext_last = v;
    icmpext_nlast = count;
    return ST_OK;
}

#define OPS_ICMPEXT \
    { "icmp_ext_errqueue", 0, 0, op_icmp_ext_errqueue }, \
    { "take_data", 2, 2, op_take_data }, \
    { "needs_icmp_ext", 0, 0, op_needs_icmp_ext }, \
    { "icmp_ext", 2, 2, op_icmp_ext }, \
    { "icmp_ext_struct", 1, 1, op_icmp_ext_struct }, \
    { "icmp_ext_offset", 2, 2, op_icmp_ext_offset }, \
    { "expect_icmp_ext_offset", 3, 3, op_icmp_ext_offset }, \
    { "expect_icmp_ext_count", 1, 1, op_expect_icmp_ext_count }, \
    { "expect_icmp_ext", 2, SIZE_MAX, op_expect_icmp_ext },
