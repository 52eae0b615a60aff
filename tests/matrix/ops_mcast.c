/*
 * ops_mcast.c - the C runner's operations for the multicast cases
 * (SPEC.md "Multicast").  #included by runner.c before its operation
 * table, like ops_net.c: it uses runner.c's helpers and struct ctx
 * directly, and keeps no per-case state of its own.
 */

static void topic_cleanup_mcast(struct ctx *c)
{
    (void)c;
}

/* IFNAME "-" is none: NULL (the kernel's choice). */
static const char *mcast_ifname(const char *word)
{
    return strcmp(word, "-") == 0 ? NULL : word;
}

typedef int (*mcast_fn)(int, const char *, const char *, const char *,
                        xapi_error *);

/* mcast_join|leave|block|unblock NAME GROUP IFNAME [source=ADDR] */
static enum status mcast_membership(struct ctx *c, char *const *a, size_t n,
                                    mcast_fn fn, const char *what)
{
    xapi_error err = { 0, NULL, "" };
    const char *source = NULL;
    enum status st;
    int fd;
    size_t i;

    if ((st = get_fd(c, a[0], &fd)) != ST_OK)
        return st;
    for (i = 3; i < n; i++) {
        if (strncmp(a[i], "source=", 7) != 0)
            return fail(c, "%s: unknown word '%s'", what, a[i]);
        source = a[i] + 7;
    }
    if (fn(fd, a[1], mcast_ifname(a[2]), source, &err) < 0)
        return callfail(c, errno, what);
    return ST_OK;
}

static enum status op_mcast_join(struct ctx *c, char *const *a, size_t n)
{
    return mcast_membership(c, a, n, xapi_mcast_join, "xapi_mcast_join");
}

static enum status op_mcast_leave(struct ctx *c, char *const *a, size_t n)
{
    return mcast_membership(c, a, n, xapi_mcast_leave, "xapi_mcast_leave");
}

static enum status op_mcast_block(struct ctx *c, char *const *a, size_t n)
{
    return mcast_membership(c, a, n, xapi_mcast_block, "xapi_mcast_block");
}

static enum status op_mcast_unblock(struct ctx *c, char *const *a, size_t n)
{
    return mcast_membership(c, a, n, xapi_mcast_unblock,
                            "xapi_mcast_unblock");
}

static enum status op_mcast_set_if(struct ctx *c, char *const *a, size_t n)
{
    enum status st;
    int fd;

    (void)n;
    if ((st = get_fd(c, a[0], &fd)) != ST_OK)
        return st;
    if (xapi_mcast_set_if(fd, mcast_ifname(a[1]), NULL) < 0)
        return callfail(c, errno, "xapi_mcast_set_if");
    return ST_OK;
}

/* mcast_set_hops / mcast_set_loop NAME INT */
static enum status mcast_set(struct ctx *c, char *const *a,
                             int (*fn)(int, int, xapi_error *),
                             const char *what)
{
    enum status st;
    int fd, v;

    if ((st = get_fd(c, a[0], &fd)) != ST_OK ||
        (st = parse_int32(c, a[1], &v)) != ST_OK)
        return st;
    if (fn(fd, v, NULL) < 0)
        return callfail(c, errno, what);
    return ST_OK;
}

static enum status op_mcast_set_hops(struct ctx *c, char *const *a, size_t n)
{
    (void)n;
    return mcast_set(c, a, xapi_mcast_set_hops, "xapi_mcast_set_hops");
}

static enum status op_mcast_set_loop(struct ctx *c, char *const *a, size_t n)
{
    (void)n;
    return mcast_set(c, a, xapi_mcast_set_loop, "xapi_mcast_set_loop");
}

/* expect_mcast_hops / expect_mcast_loop NAME INT */
static enum status mcast_expect(struct ctx *c, char *const *a,
                                int (*fn)(int, int *, xapi_error *),
                                const char *what)
{
    enum status st;
    int fd, want, got = 0;

    if ((st = get_fd(c, a[0], &fd)) != ST_OK ||
        (st = parse_int32(c, a[1], &want)) != ST_OK)
        return st;
    if (fn(fd, &got, NULL) < 0)
        return callfail(c, errno, what);
    if (got != want)
        return fail(c, "%s gives %d, want %d", what, got, want);
    return ST_OK;
}

static enum status op_expect_mcast_hops(struct ctx *c, char *const *a,
                                        size_t n)
{
    (void)n;
    return mcast_expect(c, a, xapi_mcast_get_hops, "xapi_mcast_get_hops");
}

static enum status op_expect_mcast_loop(struct ctx *c, char *const *a,
                                        size_t n)
{
    (void)n;
    return mcast_expect(c, a, xapi_mcast_get_loop, "xapi_mcast_get_loop");
}

/* expect_no_message NAME MS: not readable within MS milliseconds. */
static enum status op_expect_no_message(struct ctx *c, char *const *a,
                                        size_t n)
{
    struct pollfd p;
    enum status st;
    int fd, ms, r;

    (void)n;
    if ((st = get_fd(c, a[0], &fd)) != ST_OK ||
        (st = parse_int32(c, a[1], &ms)) != ST_OK)
        return st;
    p.fd = fd;
    p.events = POLLIN;
    p.revents = 0;
    do
        r = poll(&p, 1, ms);
    while (r < 0 && errno == EINTR);
    if (r < 0)
        return fail(c, "poll: %s", strerror(errno));
    if (r > 0)
        return fail(c, "%s became readable within %d ms", a[0], ms);
    return ST_OK;
}

#define OPS_MCAST \
    { "mcast_join", 3, 4, op_mcast_join }, \
    { "mcast_leave", 3, 4, op_mcast_leave }, \
    { "mcast_block", 3, 4, op_mcast_block }, \
    { "mcast_unblock", 3, 4, op_mcast_unblock }, \
    { "mcast_set_if", 2, 2, op_mcast_set_if }, \
    { "mcast_set_hops", 2, 2, op_mcast_set_hops }, \
    { "mcast_set_loop", 2, 2, op_mcast_set_loop }, \
    { "expect_mcast_hops", 2, 2, op_expect_mcast_hops }, \
    { "expect_mcast_loop", 2, 2, op_expect_mcast_loop }, \
    { "expect_no_message", 2, 2, op_expect_no_message },
