/*
 * ops_ts.c - the C runner's operations for the timestamp cases (SPEC.md
 * "Timestamps").  #included by runner.c before its operation table: it
 * uses runner.c's helpers and struct ctx directly.  No per-case state of
 * its own: clock marks are case variables holding decimal nanoseconds.
 */

static void topic_cleanup_ts(struct ctx *c)
{
    (void)c;
}

static int64_t ts_now_ns(void)
{
    struct timespec t;

    clock_gettime(CLOCK_REALTIME, &t);
    return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

/* clock_mark VAR: VAR holds the wall clock (CLOCK_REALTIME) now, as
 * decimal nanoseconds in ASCII. */
static enum status op_clock_mark(struct ctx *c, char *const *a, size_t n)
{
    char text[32];
    int len;
    bytes b;

    (void)n;
    len = snprintf(text, sizeof(text), "%" PRId64, ts_now_ns());
    bytes_alloc(&b, (size_t)len);
    memcpy(b.p, text, (size_t)len);
    var_set(c, a[0], &b);
    return ST_OK;
}

/* A mark's nanoseconds, or "now". */
static enum status ts_mark(struct ctx *c, const char *name, int64_t *out)
{
    const bytes *b;
    char text[32];
    char *end;

    if (strcmp(name, "now") == 0) {
        *out = ts_now_ns();
        return ST_OK;
    }
    b = var_get(c, name);
    if (b == NULL || b->n == 0 || b->n >= sizeof(text))
        return fail(c, "no clock mark '%s'", name);
    memcpy(text, b->p, b->n);
    text[b->n] = '\0';
    errno = 0;
    *out = strtoll(text, &end, 10);
    if (errno != 0 || *end != '\0')
        return fail(c, "'%s' holds no clock mark", name);
    return ST_OK;
}

/* The first item (level, type) of the last message and its stamp: the
 * timestamp views' (sec, nsec) or a timestamping view's software one. */
static enum status ts_item_stamp(struct ctx *c, const char *lw,
                                 const char *tw, const struct item **it,
                                 int64_t *sec, int64_t *nsec)
{
    int level, type;
    size_t i;
    enum status st;

    if ((st = need_msg(c)) != ST_OK ||
        (st = parse_int32(c, lw, &level)) != ST_OK ||
        (st = parse_int32(c, tw, &type)) != ST_OK)
        return st;
    for (i = 0; i < c->msg.nitems; i++) {
        const struct item *x = &c->msg.items[i];

        if (x->level != level || x->type != type)
            continue;
        *it = x;
        if (x->value.kind == XAPI_VALUE_TIMESTAMP) {
            *sec = x->value.timestamp.sec;
            *nsec = x->value.timestamp.nsec;
        } else if (x->value.kind == XAPI_VALUE_TIMESTAMPING) {
            *sec = x->value.timestamping.sw_sec;
            *nsec = x->value.timestamping.sw_nsec;
        } else {
            return fail(c, "item %s/%s has no timestamp view (kind %d)", lw,
                        tw, x->value.kind);
        }
        return ST_OK;
    }
    return fail(c, "no item %s/%s among %zu", lw, tw, c->msg.nitems);
}

static enum status ts_between(struct ctx *c, int64_t sec, int64_t nsec,
                              int64_t slack, const char *fromw,
                              const char *tow)
{
    int64_t from, to, t = sec * 1000000000 + nsec;
    enum status st;

    if ((st = ts_mark(c, fromw, &from)) != ST_OK ||
        (st = ts_mark(c, tow, &to)) != ST_OK)
        return st;
    if (sec == 0 && nsec == 0)
        return fail(c, "the stamp is zero (not taken)");
    if (t < from - slack || t > to)
        return fail(c, "stamp %" PRId64 ".%09" PRId64 " is not between %s "
                       "(%" PRId64 " ns) and %s (%" PRId64 " ns)",
                    sec, nsec, fromw, from, tow, to);
    return ST_OK;
}

/* expect_cmsg_time LEVEL TYPE FROM [TO] */
static enum status op_expect_cmsg_time(struct ctx *c, char *const *a,
                                       size_t n)
{
    const struct item *it;
    int64_t sec, nsec;
    enum status st;

    if ((st = ts_item_stamp(c, a[0], a[1], &it, &sec, &nsec)) != ST_OK)
        return st;
    /* SO_TIMESTAMP's timeval drops the nanoseconds: up to 999 ns early */
    return ts_between(c, sec, nsec,
                      strcmp(it->value.name, "timestamp") == 0 ? 999 : 0,
                      a[2], n > 3 ? a[3] : "now");
}

/* expect_cmsg_stamp LEVEL TYPE SEC NSEC [HWSEC HWNSEC] */
static enum status op_expect_cmsg_stamp(struct ctx *c, char *const *a,
                                        size_t n)
{
    const struct item *it;
    int64_t sec, nsec, want[4] = { 0, 0, 0, 0 };
    size_t i;
    enum status st;

    if (n != 4 && n != 6)
        return fail(c, "expect_cmsg_stamp takes SEC NSEC [HWSEC HWNSEC]");
    if ((st = ts_item_stamp(c, a[0], a[1], &it, &sec, &nsec)) != ST_OK)
        return st;
    for (i = 2; i < n; i++)
        if ((st = parse_int(c, a[i], &want[i - 2])) != ST_OK)
            return st;
    if (sec != want[0] || nsec != want[1])
        return fail(c, "stamp %" PRId64 ",%" PRId64 ", want %s,%s", sec, nsec,
                    a[2], a[3]);
    if (n == 6 && (it->value.kind != XAPI_VALUE_TIMESTAMPING ||
                   it->value.timestamping.hw_sec != want[2] ||
                   it->value.timestamping.hw_nsec != want[3]))
        return fail(c, "hardware stamp is not %s,%s", a[4], a[5]);
    return ST_OK;
}

/* expect_tx_time KEY TSTYPE FROM [TO]: the last message (from the error
 * queue) is a transmit stamp for the send with OPT_ID key KEY, found by
 * the core's xapi_tx_timestamp_find. */
static enum status op_expect_tx_time(struct ctx *c, char *const *a, size_t n)
{
    xapi_value *v;
    xapi_tx_timestamp tx;
    int64_t key, tstype;
    size_t i;
    int r;
    enum status st;

    if ((st = need_msg(c)) != ST_OK ||
        (st = parse_int(c, a[0], &key)) != ST_OK ||
        (st = parse_int(c, a[1], &tstype)) != ST_OK)
        return st;
    v = xmalloc((c->msg.nitems > 0 ? c->msg.nitems : 1) * sizeof(*v));
    for (i = 0; i < c->msg.nitems; i++)
        v[i] = c->msg.items[i].value;
    r = xapi_tx_timestamp_find(v, c->msg.nitems, &tx, NULL);
    free(v);
    if (r < 0)
        return fail(c, "no transmit timestamp among %zu items (%s)",
                    c->msg.nitems, strerror(errno));
    if (tx.key != key || tx.tstype != tstype)
        return fail(c, "transmit stamp key %u type %d, want %s %s", tx.key,
                    tx.tstype, a[0], a[1]);
    return ts_between(c, tx.stamps.sw_sec, tx.stamps.sw_nsec, 0, a[2],
                      n > 3 ? a[3] : "now");
}

/* sleep MS: wait MS milliseconds (0..5000), for kernel work that is
 * deferred (receive stamping is turned on from a work queue). */
static enum status op_sleep(struct ctx *c, char *const *a, size_t n)
{
    int64_t ms;
    struct timespec t;
    enum status st;

    (void)n;
    if ((st = parse_int(c, a[0], &ms)) != ST_OK)
        return st;
    if (ms < 0 || ms > 5000)
        return fail(c, "sleep: 0..5000 ms, not %s", a[0]);
    t.tv_sec = ms / 1000;
    t.tv_nsec = (ms % 1000) * 1000000;
    while (nanosleep(&t, &t) < 0 && errno == EINTR)
        ;
    return ST_OK;
}

#define OPS_TS \
    { "sleep", 1, 1, op_sleep }, \
    { "clock_mark", 1, 1, op_clock_mark }, \
    { "expect_cmsg_time", 3, 4, op_expect_cmsg_time }, \
    { "expect_cmsg_stamp", 4, 6, op_expect_cmsg_stamp }, \
    { "expect_tx_time", 3, 4, op_expect_tx_time },
