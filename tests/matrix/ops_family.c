/*
 * ops_family.c - the C runner's operations for addresses of every family
 * (SPEC.md "Addresses of every family").  #included by runner.c before its
 * operation table: it uses runner.c's helpers and struct ctx directly.
 * The C view of an address is the core's own: xapi_addr_view_of.
 *
 * Per-case state: the namespaces `netns` made (removed at the end of the
 * case) and "the last address".
 */
#include <ctype.h>

struct family_state {
    char **netns;
    size_t nnetns;
    int have_addr;
    xapi_addr addr;
};

static struct family_state *family_state(struct ctx *c)
{
    if (c->family == NULL) {
        c->family = xmalloc(sizeof(*c->family));
        memset(c->family, 0, sizeof(*c->family));
    }
    return c->family;
}

/* Runs argv (ip(8)) and waits: 0 when it exited 0. */
static int family_run(char *const argv[])
{
    pid_t pid = fork();
    int status;

    if (pid < 0)
        return -1;
    if (pid == 0) {
        int fd = open("/dev/null", O_WRONLY);

        if (fd >= 0) {
            dup2(fd, 1);
            dup2(fd, 2);
        }
        execvp(argv[0], argv);
        _exit(127);
    }
    if (waitpid(pid, &status, 0) < 0)
        return -1;
    return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

static void topic_cleanup_family(struct ctx *c)
{
    size_t i;

    if (c->family == NULL)
        return;
    for (i = 0; i < c->family->nnetns; i++) {
        char *argv[] = { "ip", "netns", "del", c->family->netns[i], NULL };

        (void)family_run(argv);
        free(c->family->netns[i]);
    }
    free(c->family->netns);
    free(c->family);
    c->family = NULL;
}

static int family_ns_word_ok(const char *w)
{
    size_t i;

    if (w[0] == '\0' || strlen(w) > 64)
        return 0;
    for (i = 0; w[i] != '\0'; i++)
        if (!isalnum((unsigned char)w[i]) && w[i] != '-' && w[i] != '_')
            return 0;
    return 1;
}

/* netns NS: a fresh namespace with its lo up, removed after the case. */
static enum status op_netns(struct ctx *c, char *const *a, size_t n)
{
    struct family_state *f = family_state(c);
    char *add[] = { "ip", "netns", "add", a[0], NULL };
    char *up[] = { "ip", "-n", a[0], "link", "set", "lo", "up", NULL };

    (void)n;
    if (!family_ns_word_ok(a[0]))
        return fail(c, "netns: bad name '%s'", a[0]);
    if (family_run(add) < 0)
        return fail(c, "ip netns add %s failed", a[0]);
    f->netns = xrealloc(f->netns, (f->nnetns + 1) * sizeof(*f->netns));
    f->netns[f->nnetns++] = xstrdup(a[0]);
    if (family_run(up) < 0)
        return fail(c, "ip -n %s link set lo up failed", a[0]);
    return ST_OK;
}

/* socket_ns NS NAME FAMILY TYPE [PROTO]; an AF_PACKET PROTO is an
 * EtherType, given to the kernel in network byte order (packet(7)). */
static enum status op_socket_ns(struct ctx *c, char *const *a, size_t n)
{
    int family, type, proto = 0, fd;
    enum status st;

    if (a[1][0] == '@' || find_sock(c, a[1]) != NULL)
        return fail(c, "socket name '%s' is taken or reserved", a[1]);
    if ((st = parse_int32(c, a[2], &family)) != ST_OK ||
        (st = parse_int32(c, a[3], &type)) != ST_OK ||
        (n > 4 && (st = parse_int32(c, a[4], &proto)) != ST_OK))
        return st;
    if (family == AF_PACKET)
        proto = htons((uint16_t)proto);
    fd = xapi_socket_netns(a[0], family, type, proto);
    if (fd < 0)
        return callfail(c, errno, "xapi_socket_netns");
    return add_sock(c, a[1], fd);
}

/* needs_socket FAMILY TYPE [PROTO]: skip unless this kernel makes one. */
static enum status op_needs_socket(struct ctx *c, char *const *a, size_t n)
{
    int family, type, proto = 0, fd;
    enum status st;

    if ((st = parse_int32(c, a[0], &family)) != ST_OK ||
        (st = parse_int32(c, a[1], &type)) != ST_OK ||
        (n > 2 && (st = parse_int32(c, a[2], &proto)) != ST_OK))
        return st;
    fd = xapi_socket(family, type, proto);
    if (fd < 0)
        return skip(c, "no socket(%s, %s) here: %s", a[0], a[1],
                    strerror(errno));
    xapi_close(fd);
    return ST_OK;
}

/* take_addr from | sockname SOCK | peername SOCK */
static enum status op_take_addr(struct ctx *c, char *const *a, size_t n)
{
    struct family_state *f = family_state(c);
    struct named_sock *s;
    xapi_addr got;
    int r;

    if (strcmp(a[0], "from") == 0) {
        if (n != 1)
            return fail(c, "take_addr from takes no socket");
        if (!c->msg.present)
            return fail(c, "no message received yet");
        f->addr = c->msg.from;
        f->have_addr = 1;
        return ST_OK;
    }
    if (n != 2 || (strcmp(a[0], "sockname") != 0 &&
                   strcmp(a[0], "peername") != 0))
        return fail(c, "take_addr: from, sockname SOCK or peername SOCK");
    if ((s = find_sock(c, a[1])) == NULL)
        return fail(c, "no socket named '%s'", a[1]);
    r = a[0][0] == 's' ? xapi_getsockname(s->fd, &got)
                       : xapi_getpeername(s->fd, &got);
    if (r < 0)
        return callfail(c, errno, a[0][0] == 's' ? "xapi_getsockname"
                                                 : "xapi_getpeername");
    f->addr = got;
    f->have_addr = 1;
    return ST_OK;
}

static enum status family_view(struct ctx *c, xapi_addr_view *v, int form,
                               int kind)
{
    struct family_state *f = family_state(c);
    int got;

    if (!f->have_addr)
        return fail(c, "no address taken yet (take_addr)");
    got = xapi_addr_view_of(&f->addr, v);
    if (got != form || (kind != 0 && v->record.kind != kind))
        return fail(c, "the address is form %d (family %d, %u bytes), want "
                    "form %d", got, v->family, (unsigned)f->addr.len, form);
    return ST_OK;
}

/* key=INT compared with got, if the key is among the words. */
static enum status family_expect_int(struct ctx *c, const char *word,
                                     const char *key, int64_t got)
{
    size_t kl = strlen(key);
    int64_t want;
    enum status st;

    if (strncmp(word, key, kl) != 0 || word[kl] != '=')
        return ST_OK;
    if ((st = parse_int(c, word + kl + 1, &want)) != ST_OK)
        return st;
    if (want != got)
        return fail(c, "%s is %" PRId64 ", want %" PRId64, key, got, want);
    return ST_OK;
}

/* expect_addr_link [ifindex=IFNAME|N] [protocol=INT] [pkttype=INT]
 * [hatype=INT] [addr=BYTES] */
static enum status op_expect_addr_link(struct ctx *c, char *const *a,
                                       size_t n)
{
    xapi_addr_view v;
    const xapi_linkaddr *l;
    enum status st;
    size_t i;

    if ((st = family_view(c, &v, XAPI_ADDR_RECORD, XAPI_VALUE_LINKADDR))
        != ST_OK)
        return st;
    l = &v.record.linkaddr;
    for (i = 0; i < n; i++) {
        if (strncmp(a[i], "ifindex=", 8) == 0) {
            unsigned want;

            if ((st = sys_ifindex(c, a[i] + 8, &want)) != ST_OK)
                return st;
            if (l->ifindex != want)
                return fail(c, "ifindex %u, want %u (%s)", l->ifindex, want,
                            a[i] + 8);
        } else if (strncmp(a[i], "addr=", 5) == 0) {
            bytes want;
            char wh[64], gh[64];

            if ((st = parse_bytes(c, a[i] + 5, &want)) != ST_OK)
                return st;
            if (want.n != l->addrlen ||
                (want.n > 0 && memcmp(want.p, l->addr, want.n) != 0)) {
                hex_text(want.p, want.n, wh, sizeof(wh));
                hex_text(l->addr, l->addrlen, gh, sizeof(gh));
                bytes_free(&want);
                return fail(c, "addr x:%s, want x:%s", gh, wh);
            }
            bytes_free(&want);
        } else if ((st = family_expect_int(c, a[i], "protocol", l->protocol))
                       != ST_OK ||
                   (st = family_expect_int(c, a[i], "pkttype", l->pkttype))
                       != ST_OK ||
                   (st = family_expect_int(c, a[i], "hatype", l->hatype))
                       != ST_OK) {
            return st;
        } else if (strncmp(a[i], "protocol=", 9) != 0 &&
                   strncmp(a[i], "pkttype=", 8) != 0 &&
                   strncmp(a[i], "hatype=", 7) != 0) {
            return fail(c, "expect_addr_link: unknown word '%s'", a[i]);
        }
    }
    return ST_OK;
}

/* The port id /proc/net/netlink lists for the socket's inode: an account
 * of the kernel's that does not go through getsockname. */
static enum status family_procnet_pid(struct ctx *c, const char *sock,
                                      int64_t *out)
{
    struct named_sock *s = find_sock(c, sock);
    char path[64], link[64], line[512];
    unsigned long long ino = 0;
    ssize_t k;
    FILE *f;

    if (s == NULL)
        return fail(c, "no socket named '%s'", sock);
    snprintf(path, sizeof(path), "/proc/self/fd/%d", s->fd);
    k = readlink(path, link, sizeof(link) - 1);
    if (k < 0)
        return fail(c, "readlink %s: %s", path, strerror(errno));
    link[k] = '\0';
    if (sscanf(link, "socket:[%llu]", &ino) != 1)
        return fail(c, "%s is '%s', not a socket", path, link);
    f = fopen("/proc/net/netlink", "re");
    if (f == NULL)
        return fail(c, "cannot read /proc/net/netlink: %s", strerror(errno));
    while (fgets(line, sizeof(line), f) != NULL) {
        char sk[32];
        int eth;
        unsigned long long pid, inode;
        unsigned groups, rmem, wmem, dump, locks, drops;

        if (sscanf(line, "%31s %d %llu %x %u %u %u %u %u %llu", sk, &eth,
                   &pid, &groups, &rmem, &wmem, &dump, &locks, &drops,
                   &inode) == 10 && inode == ino) {
            fclose(f);
            *out = (int64_t)pid;
            return ST_OK;
        }
    }
    fclose(f);
    return fail(c, "socket inode %llu is not in /proc/net/netlink", ino);
}

/* expect_addr_nl [pid=INT|procnet:SOCK] [groups=INT] */
static enum status op_expect_addr_nl(struct ctx *c, char *const *a, size_t n)
{
    xapi_addr_view v;
    enum status st;
    size_t i;

    if ((st = family_view(c, &v, XAPI_ADDR_RECORD, XAPI_VALUE_NLADDR))
        != ST_OK)
        return st;
    for (i = 0; i < n; i++) {
        if (strncmp(a[i], "pid=procnet:", 12) == 0) {
            int64_t want = 0;

            if ((st = family_procnet_pid(c, a[i] + 12, &want)) != ST_OK)
                return st;
            if (want == 0)
                return fail(c, "/proc/net/netlink gives %s port id 0: not "
                            "bound", a[i] + 12);
            if (v.record.nladdr.pid != want)
                return fail(c, "pid %u, want %" PRId64 " (/proc/net/netlink)",
                            v.record.nladdr.pid, want);
        } else if (strncmp(a[i], "pid=", 4) == 0) {
            if ((st = family_expect_int(c, a[i], "pid", v.record.nladdr.pid))
                != ST_OK)
                return st;
        } else if (strncmp(a[i], "groups=", 7) == 0) {
            if ((st = family_expect_int(c, a[i], "groups",
                                        v.record.nladdr.groups)) != ST_OK)
                return st;
        } else {
            return fail(c, "expect_addr_nl: unknown word '%s'", a[i]);
        }
    }
    return ST_OK;
}

/* expect_addr_bytes BYTES: the sockaddr's bytes, family included. */
static enum status op_expect_addr_bytes(struct ctx *c, char *const *a,
                                        size_t n)
{
    xapi_addr_view v;
    bytes want;
    enum status st;
    char wh[64], gh[64];

    (void)n;
    if ((st = family_view(c, &v, XAPI_ADDR_BYTES, 0)) != ST_OK ||
        (st = parse_bytes(c, a[0], &want)) != ST_OK)
        return st;
    if (want.n != v.len || (want.n > 0 && memcmp(want.p, v.bytes, v.len))) {
        hex_text(want.p, want.n, wh, sizeof(wh));
        hex_text(v.bytes, v.len, gh, sizeof(gh));
        bytes_free(&want);
        return fail(c, "address bytes x:%s, want x:%s", gh, wh);
    }
    bytes_free(&want);
    return ST_OK;
}

#define OPS_FAMILY \
    { "netns", 1, 1, op_netns }, \
    { "socket_ns", 4, 5, op_socket_ns }, \
    { "needs_socket", 2, 3, op_needs_socket }, \
    { "take_addr", 1, 2, op_take_addr }, \
    { "expect_addr_link", 0, 5, op_expect_addr_link }, \
    { "expect_addr_nl", 0, 2, op_expect_addr_nl }, \
    { "expect_addr_bytes", 1, 1, op_expect_addr_bytes },
