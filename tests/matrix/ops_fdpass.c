/*
 * ops_fdpass.c - the C runner's operations for descriptor and credential
 * passing (SPEC.md "Descriptor and credential passing").  #included by
 * runner.c before its operation table.  Per-case state (what the last
 * recv_fds decoded, the descriptor count marked) hangs off c->fdpass and
 * is freed by topic_cleanup_fdpass().
 */

struct fdpass_state {
    int have_fds;      /* an SCM_RIGHTS item arrived */
    int nfds;          /* its decoded count; 0: no view */
    int have_creds;
    xapi_creds creds;
    int marked;        /* fd_count_mark's count, -1 none */
};

static struct fdpass_state *fdpass_state(struct ctx *c)
{
    if (c->fdpass == NULL) {
        c->fdpass = xmalloc(sizeof(*c->fdpass));
        memset(c->fdpass, 0, sizeof(*c->fdpass));
        c->fdpass->marked = -1;
    }
    return c->fdpass;
}

static void topic_cleanup_fdpass(struct ctx *c)
{
    free(c->fdpass);
    c->fdpass = NULL;
}

/* pipe R W */
static enum status op_pipe(struct ctx *c, char *const *a, size_t n)
{
    int p[2];

    (void)n;
    if (pipe2(p, O_CLOEXEC) < 0)
        return fail(c, "pipe: %s", strerror(errno));
    add_sock(c, a[0], p[0]);
    return add_sock(c, a[1], p[1]);
}

/* One datagram "x" with one typed item. */
static enum status send_item(struct ctx *c, const char *name,
                             const xapi_typed_item *t)
{
    struct iovec iov = { (void *)"x", 1 };
    int fd;
    enum status st;

    if ((st = get_fd(c, name, &fd)) != ST_OK)
        return st;
    if (xapi_send(fd, &iov, 1, NULL, &t->item, 1, 0, NULL) < 0)
        return callfail(c, errno, "xapi_send");
    return ST_OK;
}

/* send_fds NAME SOCK,SOCK,... */
static enum status op_send_fds(struct ctx *c, char *const *a, size_t n)
{
    int fds[XAPI_FDS_MAX];
    size_t k = 0;
    char *copy = xstrdup(a[1]), *p = copy, *comma;
    xapi_typed_item t;
    enum status st = ST_OK;

    (void)n;
    for (;;) {
        comma = strchr(p, ',');
        if (comma != NULL)
            *comma = '\0';
        if (k == XAPI_FDS_MAX) {
            st = fail(c, "send_fds: too many descriptors");
            break;
        }
        if ((st = get_fd(c, p, &fds[k++])) != ST_OK || comma == NULL)
            break;
        p = comma + 1;
    }
    free(copy);
    if (st != ST_OK)
        return st;
    if (xapi_typed_fds(fds, k, &t, NULL) < 0)
        return callfail(c, errno, "xapi_typed_fds");
    return send_item(c, a[0], &t);
}

/* An INT or "self" (getpid, getuid or getgid by position). */
static enum status id_word(struct ctx *c, const char *w, int pos, int64_t *out)
{
    if (strcmp(w, "self") == 0) {
        *out = pos == 0 ? (int64_t)getpid()
             : pos == 1 ? (int64_t)getuid() : (int64_t)getgid();
        return ST_OK;
    }
    return parse_int(c, w, out);
}

/* send_creds NAME PID UID GID */
static enum status op_send_creds(struct ctx *c, char *const *a, size_t n)
{
    int64_t v[3];
    xapi_typed_item t;
    int i;
    enum status st;

    (void)n;
    for (i = 0; i < 3; i++)
        if ((st = id_word(c, a[1 + i], i, &v[i])) != ST_OK)
            return st;
    if (xapi_typed_creds((int)v[0], (unsigned)v[1], (unsigned)v[2], &t,
                         NULL) < 0)
        return callfail(c, errno, "xapi_typed_creds");
    return send_item(c, a[0], &t);
}

/* recv_fds NAME anc=A [as=X,Y,...] */
static enum status op_recv_fds(struct ctx *c, char *const *a, size_t n)
{
    struct fdpass_state *fs = fdpass_state(c);
    const char *anc = NULL, *as = NULL;
    unsigned char data[16], *bp = data;
    size_t anclen = 0, i, piece = sizeof(data), count = 0;
    struct iovec iov = { data, sizeof(data) };
    xapi_cmsg cm[8];
    xapi_value v[8];
    bytes control = { NULL, 0 };
    xapi_msg m;
    struct message nm;
    int fd, got[XAPI_FDS_MAX];
    ssize_t r;
    enum status st;

    for (i = 1; i < n; i++) {
        if (strncmp(a[i], "anc=", 4) == 0)
            anc = a[i] + 4;
        else if (strncmp(a[i], "as=", 3) == 0)
            as = a[i] + 3;
        else
            return fail(c, "recv_fds: unknown word '%s'", a[i]);
    }
    if ((st = get_fd(c, a[0], &fd)) != ST_OK ||
        (anc != NULL && (st = parse_anc(c, anc, &anclen)) != ST_OK) ||
        (st = wait_readable(c, fd)) != ST_OK)
        return st;
    bytes_alloc(&control, anclen);
    memset(&m, 0, sizeof(m));
    m.iov = &iov;
    m.iovlen = 1;
    m.control = anclen ? control.p : NULL;
    m.controllen = anclen;
    r = xapi_recvmsg(fd, &m, 0);
    if (r < 0) {
        bytes_free(&control);
        return callfail(c, errno, "xapi_recvmsg");
    }
    fs->have_fds = fs->nfds = fs->have_creds = 0;
    (void)xapi_items_parse(control.p, m.controllen, cm, v, 8, &count, 0, NULL);
    for (i = 0; i < count; i++) {
        if (cm[i].level == SOL_SOCKET && cm[i].type == SCM_RIGHTS &&
            !fs->have_fds) {
            size_t k;

            fs->have_fds = 1;
            if (v[i].kind == XAPI_VALUE_FDS) {
                fs->nfds = (int)v[i].fds.count;
                for (k = 0; k < v[i].fds.count; k++)
                    (void)xapi_fds_at(&v[i], k, &got[k]);
            }
        }
        if (v[i].kind == XAPI_VALUE_CREDS && !fs->have_creds) {
            fs->have_creds = 1;
            fs->creds = v[i].creds;
        }
    }
    /* With as=, every descriptor that arrived gets a name (the count must
     * match); without, none is touched: a case without as= expects none,
     * and one that arrived anyway must show in its descriptor counts. */
    {
        char *copy = as ? xstrdup(as) : NULL, *p = copy, *comma;
        int k = 0;

        while (p != NULL && k < fs->nfds) {
            comma = strchr(p, ',');
            if (comma != NULL)
                *comma = '\0';
            add_sock(c, p, got[k++]);
            p = comma ? comma + 1 : NULL;
        }
        free(copy);
        if (as != NULL && (k != fs->nfds || p != NULL))
            st = fail(c, "recv_fds: %d descriptors arrived, as= names "
                         "another count", fs->nfds);
        for (; as != NULL && k < fs->nfds; k++)
            close(got[k]);
    }
    if (st == ST_OK) {
        st = message_take(c, &m, r, (const unsigned char *const *)&bp,
                          &piece, 1, control.p, anclen, &nm);
        if (st == ST_OK || nm.present) {
            message_clear(&c->msg);
            c->msg = nm;
        }
    }
    bytes_free(&control);
    return st;
}

/* expect_fds N: the first SCM_RIGHTS item of the last recv_fds decoded to
 * N descriptors (0: present with no view). */
static enum status op_expect_fds(struct ctx *c, char *const *a, size_t n)
{
    struct fdpass_state *fs = fdpass_state(c);
    int64_t want;
    enum status st;

    (void)n;
    if ((st = parse_int(c, a[0], &want)) != ST_OK)
        return st;
    if (!fs->have_fds)
        return fail(c, "no SCM_RIGHTS item arrived");
    if (fs->nfds != want)
        return fail(c, "%d descriptors decoded, want %" PRId64, fs->nfds,
                    want);
    return ST_OK;
}

/* expect_creds PID UID GID */
static enum status op_expect_creds(struct ctx *c, char *const *a, size_t n)
{
    struct fdpass_state *fs = fdpass_state(c);
    int64_t v[3];
    int i;
    enum status st;

    (void)n;
    for (i = 0; i < 3; i++)
        if ((st = id_word(c, a[i], i, &v[i])) != ST_OK)
            return st;
    if (!fs->have_creds)
        return fail(c, "no SCM_CREDENTIALS item decoded");
    if (fs->creds.pid != v[0] || fs->creds.uid != (uint64_t)v[1] ||
        fs->creds.gid != (uint64_t)v[2])
        return fail(c, "creds (%d, %u, %u), want (%" PRId64 ", %" PRId64
                       ", %" PRId64 ")", fs->creds.pid, fs->creds.uid,
                    fs->creds.gid, v[0], v[1], v[2]);
    return ST_OK;
}

/* write_fd NAME BYTES */
static enum status op_write_fd(struct ctx *c, char *const *a, size_t n)
{
    bytes b;
    int fd;
    ssize_t r;
    enum status st;

    (void)n;
    if ((st = get_fd(c, a[0], &fd)) != ST_OK ||
        (st = parse_bytes(c, a[1], &b)) != ST_OK)
        return st;
    r = write(fd, b.p, b.n);
    bytes_free(&b);
    if (r < 0)
        return callfail(c, errno, "write");
    return ST_OK;
}

/* expect_read NAME BYTES */
static enum status op_expect_read(struct ctx *c, char *const *a, size_t n)
{
    bytes want;
    unsigned char buf[256];
    size_t got = 0;
    int fd;
    enum status st;

    (void)n;
    if ((st = get_fd(c, a[0], &fd)) != ST_OK ||
        (st = parse_bytes(c, a[1], &want)) != ST_OK)
        return st;
    while (st == ST_OK && got < want.n && got < sizeof(buf)) {
        ssize_t r;

        if ((st = wait_readable(c, fd)) != ST_OK)
            break;
        r = read(fd, buf + got, sizeof(buf) - got);
        if (r <= 0) {
            st = fail(c, "read: %s", r < 0 ? strerror(errno) : "end of file");
            break;
        }
        got += (size_t)r;
    }
    if (st == ST_OK && (got != want.n || memcmp(buf, want.p, got) != 0))
        st = fail(c, "read %zu bytes, not the %zu written", got, want.n);
    bytes_free(&want);
    return st;
}

/* expect_cloexec NAME */
static enum status op_expect_cloexec(struct ctx *c, char *const *a, size_t n)
{
    int fd, fl;
    enum status st;

    (void)n;
    if ((st = get_fd(c, a[0], &fd)) != ST_OK)
        return st;
    fl = fcntl(fd, F_GETFD);
    if (fl < 0)
        return fail(c, "fcntl: %s", strerror(errno));
    if (!(fl & FD_CLOEXEC))
        return fail(c, "descriptor %d is not close-on-exec", fd);
    return ST_OK;
}

static enum status op_fd_count_mark(struct ctx *c, char *const *a, size_t n)
{
    (void)a;
    (void)n;
    fdpass_state(c)->marked = count_fds();
    return ST_OK;
}

static enum status op_expect_fd_count_unchanged(struct ctx *c, char *const *a,
                                                size_t n)
{
    int now = count_fds();

    (void)a;
    (void)n;
    if (fdpass_state(c)->marked < 0)
        return fail(c, "no fd_count_mark before");
    if (now != c->fdpass->marked)
        return fail(c, "%d descriptors open, %d at the mark", now,
                    c->fdpass->marked);
    return ST_OK;
}

static enum status op_needs_nonroot(struct ctx *c, char *const *a, size_t n)
{
    (void)a;
    (void)n;
    if (geteuid() == 0)
        return skip(c, "needs a user without privileges (euid is 0)");
    return ST_OK;
}

#define OPS_FDPASS \
    { "pipe", 2, 2, op_pipe }, \
    { "send_fds", 2, 2, op_send_fds }, \
    { "send_creds", 4, 4, op_send_creds }, \
    { "recv_fds", 1, 3, op_recv_fds }, \
    { "expect_fds", 1, 1, op_expect_fds }, \
    { "expect_creds", 3, 3, op_expect_creds }, \
    { "write_fd", 2, 2, op_write_fd }, \
    { "expect_read", 2, 2, op_expect_read }, \
    { "expect_cloexec", 1, 1, op_expect_cloexec }, \
    { "fd_count_mark", 0, 0, op_fd_count_mark }, \
    { "expect_fd_count_unchanged", 0, 0, op_expect_fd_count_unchanged }, \
    { "needs_nonroot", 0, 0, op_needs_nonroot },
