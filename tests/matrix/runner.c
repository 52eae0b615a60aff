/*
 * runner.c - the test matrix's C runner: an interpreter for the case
 * language of tests/matrix/SPEC.md, run against libxapi (xapi.h) only.
 *
 * Usage: runner-c [CASEDIR] [PATTERN...]
 *   CASEDIR (taken when the first argument is a directory) defaults to
 *   $XAPI_MATRIX_CASES, else $srcdir/matrix/cases or $srcdir/cases (the
 *   automake harness sets srcdir), else the cases/ directory of the source
 *   tree it was built from (XAPI_MATRIX_SOURCE_CASES), else ./cases.  PATTERNs are fnmatch(3)
 *   globs on case IDs.  Prints TAP; exits 1 if a case failed.
 *
 * Every case runs in a child process, so a crash, a hang or a sanitizer
 * report in the core fails that one case (with the signal or exit status
 * as the reason) instead of taking the rest of the TAP stream with it.
 * The child also counts its open descriptors before and after the case:
 * a descriptor leaked by the core or by the runner fails the case.
 *
 * Expected values come from the case files and from the kernel
 * (/sys/class/net, getsockname), never from xapi's own output; errno names
 * are resolved through this file's own table, not xapi_errno_name().
 */
#include <config.h>

#include <arpa/inet.h>
#include <netinet/udp.h> /* SOL_UDP, UDP_SEGMENT: the udp_segment CMSG word */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <inttypes.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "xapi.h"

/*
 * The C API takes sizes as size_t, so a C program that gets a size from
 * outside (here: a case file) has to check it itself before it allocates
 * a buffer and hands it to xapi_recvmsg; a negative number cannot even be
 * represented.  The runner does exactly that, in the call path, and gives
 * what a careful C caller would: EINVAL for a negative size, ERANGE for
 * one above this bound (sizes are read as signed 64-bit integers).  This
 * is the C column's "arg" for bad.size_* and bad.anc_*.
 */
#define RUNNER_MAX_BUFFER ((int64_t)64 << 20)

/* A receive waits this long for readability before it fails the case. */
#define RUNNER_WAIT_MS 5000
/* A case that takes longer than this is killed (SIGALRM) and fails. */
#ifndef RUNNER_CASE_SECONDS
#define RUNNER_CASE_SECONDS 60
#endif

#define REASON_MAX 600

/* ------------------------------------------------------------------ */
/* Case files                                                           */
/* ------------------------------------------------------------------ */

struct line {
    int lineno;
    char **words;
    size_t nwords;
};

struct case_def {
    char *id;        /* the case ID, or "FILE:LINE" for a stray line */
    char *file;      /* base name of the .cases file */
    int lineno;
    struct line *lines;
    size_t nlines;
    char *error;     /* a structural problem: the case fails with it */
};

struct suite {
    struct case_def *cases;
    size_t ncases, cap;
    char uniq[32];   /* the $uniq token of this runner process */
};

/* ------------------------------------------------------------------ */
/* Per-case state                                                       */
/* ------------------------------------------------------------------ */

typedef struct bytes {
    unsigned char *p; /* never NULL once filled, even for 0 bytes */
    size_t n;
} bytes;

struct named_sock {
    char *name;
    int fd;
};

struct item {
    int level, type;
    bytes data;
    xapi_value value; /* kind XAPI_VALUE_NONE when it has no typed view */
};

struct message {
    int present;
    bytes *pieces;
    size_t npieces;
    size_t len;       /* what the receive returned */
    int flags;
    xapi_addr from;
    struct item *items;
    size_t nitems;
};

enum status {
    ST_OK = 0,
    ST_FAIL,      /* the case fails: reason in ctx->reason */
    ST_SKIP,      /* the case is skipped: reason in ctx->reason */
    ST_CALLFAIL   /* a call failed: ctx->call_errno, ctx->call_what */
};

struct var {
    char *name;
    bytes value;
};

struct ctx {
    /* Variables (SPEC.md "Variables"): NAME -> bytes, per case. */
    struct var *vars;
    size_t nvars, capvars;
    /* Per-case state of the topic files (ops_rfc3542.c, ops_net.c,
     * ops_batch.c, ops_mcast.c), each freed by that file's cleanup
     * function. */
    struct rfc3542_state *rfc3542;
    struct net_state *net;
    struct batch_state *batch;
    struct family_state *family;
    struct fdpass_state *fdpass;
    const struct suite *suite;
    const struct case_def *cd;
    const struct line *ln;
    struct named_sock *socks;
    size_t nsocks, capsocks;
    int devnull_fd;   /* the @notsock descriptor, -1 until used */
    struct message msg;
    int in_expect_error;
    int call_errno;
    char call_what[64];
    char reason[REASON_MAX];
};

/* ------------------------------------------------------------------ */
/* Small helpers                                                        */
/* ------------------------------------------------------------------ */

static void *xmalloc(size_t n)
{
    void *p = malloc(n > 0 ? n : 1);

    if (p == NULL) {
        perror("runner-c: malloc");
        exit(2);
    }
    return p;
}

static void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n > 0 ? n : 1);

    if (q == NULL) {
        perror("runner-c: realloc");
        exit(2);
    }
    return q;
}

static char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = xmalloc(n);

    memcpy(d, s, n);
    return d;
}

static void bytes_free(bytes *b)
{
    free(b->p);
    b->p = NULL;
    b->n = 0;
}

static void bytes_alloc(bytes *b, size_t n)
{
    b->p = xmalloc(n);
    b->n = n;
}

/* The runner's own errno names: expected values must not come from the
 * library under test (xapi_errno_name). */
#define ERRNO_ENTRY(e) { #e, e }
static const struct errno_name {
    const char *name;
    int value;
} errno_names[] = {
    ERRNO_ENTRY(EPERM), ERRNO_ENTRY(ENOENT), ERRNO_ENTRY(ESRCH),
    ERRNO_ENTRY(EINTR), ERRNO_ENTRY(EIO), ERRNO_ENTRY(ENXIO),
    ERRNO_ENTRY(E2BIG), ERRNO_ENTRY(EBADF), ERRNO_ENTRY(EAGAIN),
    ERRNO_ENTRY(EWOULDBLOCK), ERRNO_ENTRY(ENOMEM), ERRNO_ENTRY(EACCES),
    ERRNO_ENTRY(EFAULT), ERRNO_ENTRY(EBUSY), ERRNO_ENTRY(EEXIST),
    ERRNO_ENTRY(ENODEV), ERRNO_ENTRY(ENOTDIR), ERRNO_ENTRY(EISDIR),
    ERRNO_ENTRY(EINVAL), ERRNO_ENTRY(ENFILE), ERRNO_ENTRY(EMFILE),
    ERRNO_ENTRY(ENOSPC), ERRNO_ENTRY(EPIPE), ERRNO_ENTRY(ERANGE),
    ERRNO_ENTRY(ENAMETOOLONG), ERRNO_ENTRY(ENOSYS), ERRNO_ENTRY(EOVERFLOW),
    ERRNO_ENTRY(ENOTSOCK), ERRNO_ENTRY(EDESTADDRREQ), ERRNO_ENTRY(EMSGSIZE),
    ERRNO_ENTRY(EPROTOTYPE), ERRNO_ENTRY(ENOPROTOOPT),
    ERRNO_ENTRY(EPROTONOSUPPORT), ERRNO_ENTRY(ESOCKTNOSUPPORT),
    ERRNO_ENTRY(EOPNOTSUPP), ERRNO_ENTRY(EPFNOSUPPORT),
    ERRNO_ENTRY(EAFNOSUPPORT), ERRNO_ENTRY(EADDRINUSE),
    ERRNO_ENTRY(EADDRNOTAVAIL), ERRNO_ENTRY(ENETDOWN),
    ERRNO_ENTRY(ENETUNREACH), ERRNO_ENTRY(ECONNABORTED),
    ERRNO_ENTRY(ECONNRESET), ERRNO_ENTRY(ENOBUFS), ERRNO_ENTRY(EISCONN),
    ERRNO_ENTRY(ENOTCONN), ERRNO_ENTRY(ETIMEDOUT), ERRNO_ENTRY(ECONNREFUSED),
    ERRNO_ENTRY(EHOSTDOWN), ERRNO_ENTRY(EHOSTUNREACH), ERRNO_ENTRY(EALREADY),
    ERRNO_ENTRY(EINPROGRESS), ERRNO_ENTRY(EPROTO), ERRNO_ENTRY(ENOMSG),
};

static int errno_by_name(const char *name, int *value)
{
    size_t i;

    for (i = 0; i < sizeof(errno_names) / sizeof(errno_names[0]); i++) {
        if (strcmp(errno_names[i].name, name) == 0) {
            *value = errno_names[i].value;
            return 0;
        }
    }
    return -1;
}

static const char *errno_label(int err)
{
    size_t i;

    for (i = 0; i < sizeof(errno_names) / sizeof(errno_names[0]); i++)
        if (errno_names[i].value == err)
            return errno_names[i].name;
    return "E?";
}

static int is_arg_errno(int err)
{
    return err == EINVAL || err == ERANGE || err == EOVERFLOW ||
           err == ENAMETOOLONG;
}

/* Sets the reason, prefixed with FILE:LINE so that a reason can never
 * start with a TAP directive word (SKIP, TODO). */
static enum status vset(struct ctx *c, enum status st, const char *fmt,
                        va_list ap)
{
    int n = 0;

    if (c->ln != NULL)
        n = snprintf(c->reason, sizeof(c->reason), "%s:%d: ", c->cd->file,
                     c->ln->lineno);
    if (n < 0 || (size_t)n >= sizeof(c->reason))
        n = 0;
    vsnprintf(c->reason + n, sizeof(c->reason) - (size_t)n, fmt, ap);
    return st;
}

__attribute__((format(printf, 2, 3)))
static enum status fail(struct ctx *c, const char *fmt, ...)
{
    va_list ap;
    enum status st;

    va_start(ap, fmt);
    st = vset(c, ST_FAIL, fmt, ap);
    va_end(ap);
    return st;
}

__attribute__((format(printf, 2, 3)))
static enum status skip(struct ctx *c, const char *fmt, ...)
{
    va_list ap;
    enum status st;

    va_start(ap, fmt);
    st = vset(c, ST_SKIP, fmt, ap);
    va_end(ap);
    return st;
}

/* A call failed with err: whether that fails the case is for the caller
 * (expect_error wants it to). */
static enum status callfail(struct ctx *c, int err, const char *what)
{
    c->call_errno = err;
    snprintf(c->call_what, sizeof(c->call_what), "%s", what);
    return ST_CALLFAIL;
}

/* Hex of at most 24 bytes, for reasons. */
static void hex_text(const unsigned char *p, size_t n, char *out, size_t cap)
{
    size_t i, o = 0;

    if (cap == 0)
        return;
    out[0] = '\0';
    for (i = 0; i < n && i < 24 && o + 3 < cap; i++)
        o += (size_t)snprintf(out + o, cap - o, "%02x", p[i]);
    if (i < n && o + 4 < cap)
        snprintf(out + o, cap - o, "...");
}

/* ------------------------------------------------------------------ */
/* Words                                                                */
/* ------------------------------------------------------------------ */

/* Decimal or 0x hex, with an optional '-'.  0, -1 (not a number) or -2
 * (does not fit in 64 signed bits). */
static int parse_number(const char *s, int64_t *out)
{
    int neg = 0, base = 10;
    const char *p = s, *q;
    unsigned long long mag = 0;

    if (*p == '-') {
        neg = 1;
        p++;
    }
    if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
        base = 16;
        p += 2;
    }
    if (*p == '\0')
        return -1;
    for (q = p; *q != '\0'; q++) {
        unsigned d;

        if (*q >= '0' && *q <= '9')
            d = (unsigned)(*q - '0');
        else if (base == 16 && *q >= 'a' && *q <= 'f')
            d = (unsigned)(*q - 'a' + 10);
        else if (base == 16 && *q >= 'A' && *q <= 'F')
            d = (unsigned)(*q - 'A' + 10);
        else
            return -1;
        if (mag > (ULLONG_MAX - d) / (unsigned)base)
            return -2;
        mag = mag * (unsigned)base + d;
    }
    if (neg) {
        if (mag > (unsigned long long)INT64_MAX + 1)
            return -2;
        *out = mag == (unsigned long long)INT64_MAX + 1
                   ? INT64_MIN : -(int64_t)mag;
    } else {
        if (mag > (unsigned long long)INT64_MAX)
            return -2;
        *out = (int64_t)mag;
    }
    return 0;
}

/* INT: numbers and constant names (through xapi_constant_value, so the
 * export itself is exercised), ORed with '|'. */
static enum status parse_int(struct ctx *c, const char *word, int64_t *out)
{
    char part[128];
    const char *p = word;
    int64_t total = 0;

    if (*word == '\0')
        return fail(c, "empty INT word");
    for (;;) {
        const char *bar = strchr(p, '|');
        size_t n = bar != NULL ? (size_t)(bar - p) : strlen(p);
        int64_t v;
        int r;

        if (n == 0 || n >= sizeof(part))
            return fail(c, "bad INT word '%s'", word);
        memcpy(part, p, n);
        part[n] = '\0';
        r = parse_number(part, &v);
        if (r == -2)
            return fail(c, "INT '%s' does not fit in 64 bits", part);
        if (r == -1) {
            long lv;

            if (!((part[0] >= 'A' && part[0] <= 'Z') || part[0] == '_'))
                return fail(c, "bad INT word '%s'", word);
            if (xapi_constant_value(part, &lv) < 0)
                return fail(c, "constant %s is not exported by xapi (%s)",
                            part, errno_label(errno));
            v = lv;
        }
        total |= v;
        if (bar == NULL)
            break;
        p = bar + 1;
    }
    *out = total;
    return ST_OK;
}

/* An INT that goes to an int parameter: a C caller must check the range
 * before the conversion, so out of range is ERANGE in the call path. */
static enum status parse_int32(struct ctx *c, const char *word, int *out)
{
    int64_t v;
    enum status st = parse_int(c, word, &v);

    if (st != ST_OK)
        return st;
    if (v < INT_MIN || v > INT_MAX)
        return callfail(c, ERANGE, "int conversion");
    *out = (int)v;
    return ST_OK;
}

/* A size for a buffer the runner allocates: see RUNNER_MAX_BUFFER. */
static enum status parse_size(struct ctx *c, const char *word, size_t *out)
{
    int64_t v;
    int r = parse_number(word, &v);

    if (r == -1) {
        enum status st = parse_int(c, word, &v); /* a constant name */

        if (st != ST_OK)
            return st;
    } else if (r == -2) {
        return callfail(c, ERANGE, "size check");
    }
    if (v < 0)
        return callfail(c, EINVAL, "size check");
    if (v > RUNNER_MAX_BUFFER)
        return callfail(c, ERANGE, "size check");
    *out = (size_t)v;
    return ST_OK;
}

static int hexval(char ch)
{
    if (ch >= '0' && ch <= '9')
        return ch - '0';
    if (ch >= 'a' && ch <= 'f')
        return ch - 'a' + 10;
    if (ch >= 'A' && ch <= 'F')
        return ch - 'A' + 10;
    return -1;
}

/* A count inside a BYTES word (z:N, r:N:HH). */
static int parse_count(const char *s, size_t *out)
{
    int64_t v;

    if (parse_number(s, &v) < 0 || v < 0 || v > RUNNER_MAX_BUFFER)
        return -1;
    *out = (size_t)v;
    return 0;
}

/* BYTES: s:TEXT, x:HEX, z:N, r:N:HH. */
/* Variables: a case's named byte strings.  var_set takes b's memory. */
static const bytes *var_get(const struct ctx *c, const char *name)
{
    size_t i;

    for (i = 0; i < c->nvars; i++)
        if (strcmp(c->vars[i].name, name) == 0)
            return &c->vars[i].value;
    return NULL;
}

static void var_set(struct ctx *c, const char *name, bytes *b)
{
    size_t i;

    for (i = 0; i < c->nvars; i++) {
        if (strcmp(c->vars[i].name, name) == 0) {
            bytes_free(&c->vars[i].value);
            c->vars[i].value = *b;
            b->p = NULL;
            b->n = 0;
            return;
        }
    }
    if (c->nvars == c->capvars) {
        c->capvars = c->capvars ? 2 * c->capvars : 8;
        c->vars = xrealloc(c->vars, c->capvars * sizeof(*c->vars));
    }
    c->vars[c->nvars].name = xstrdup(name);
    c->vars[c->nvars].value = *b;
    c->nvars++;
    b->p = NULL;
    b->n = 0;
}

static void vars_free(struct ctx *c)
{
    size_t i;

    for (i = 0; i < c->nvars; i++) {
        free(c->vars[i].name);
        bytes_free(&c->vars[i].value);
    }
    free(c->vars);
    c->vars = NULL;
    c->nvars = c->capvars = 0;
}

static enum status parse_bytes(struct ctx *c, const char *word, bytes *out)
{
    const char *rest = word + 2;
    size_t n, i;

    out->p = NULL;
    out->n = 0;
    if (strlen(word) < 2 || word[1] != ':')
        return fail(c, "bad BYTES word '%s'", word);
    if (word[0] == 'v') {
        const bytes *v = var_get(c, rest);

        if (v == NULL)
            return fail(c, "no variable named '%s'", rest);
        bytes_alloc(out, v->n);
        if (v->n > 0)
            memcpy(out->p, v->p, v->n);
        return ST_OK;
    }
    switch (word[0]) {
    case 's':
        n = strlen(rest);
        bytes_alloc(out, n);
        memcpy(out->p, rest, n);
        return ST_OK;
    case 'x':
        n = strlen(rest);
        if (n % 2 != 0)
            return fail(c, "odd number of hex digits in '%s'", word);
        bytes_alloc(out, n / 2);
        for (i = 0; i < n / 2; i++) {
            int hi = hexval(rest[2 * i]), lo = hexval(rest[2 * i + 1]);

            if (hi < 0 || lo < 0) {
                bytes_free(out);
                return fail(c, "bad hex digit in '%s'", word);
            }
            out->p[i] = (unsigned char)(hi << 4 | lo);
        }
        return ST_OK;
    case 'z':
        if (parse_count(rest, &n) < 0)
            return fail(c, "bad count in '%s'", word);
        bytes_alloc(out, n);
        memset(out->p, 0, n);
        return ST_OK;
    case 'r': {
        const char *colon = strchr(rest, ':');
        char count[32];
        int hi, lo;

        if (colon == NULL || (size_t)(colon - rest) >= sizeof(count) ||
            strlen(colon + 1) != 2)
            return fail(c, "bad r:N:HH word '%s'", word);
        memcpy(count, rest, (size_t)(colon - rest));
        count[colon - rest] = '\0';
        hi = hexval(colon[1]);
        lo = hexval(colon[2]);
        if (parse_count(count, &n) < 0 || hi < 0 || lo < 0)
            return fail(c, "bad r:N:HH word '%s'", word);
        bytes_alloc(out, n);
        memset(out->p, hi << 4 | lo, n);
        return ST_OK;
    }
    default:
        return fail(c, "bad BYTES word '%s'", word);
    }
}

struct byteslist {
    bytes *v;
    size_t n;
};

static void byteslist_free(struct byteslist *l)
{
    size_t i;

    for (i = 0; i < l->n; i++)
        bytes_free(&l->v[i]);
    free(l->v);
    l->v = NULL;
    l->n = 0;
}

static enum status parse_byteslist(struct ctx *c, const char *word,
                                   struct byteslist *out)
{
    char *copy = xstrdup(word), *p = copy, *comma;
    enum status st = ST_OK;

    out->v = NULL;
    out->n = 0;
    for (;;) {
        comma = strchr(p, ',');
        if (comma != NULL)
            *comma = '\0';
        out->v = xrealloc(out->v, (out->n + 1) * sizeof(*out->v));
        st = parse_bytes(c, p, &out->v[out->n]);
        if (st != ST_OK)
            break;
        out->n++;
        if (comma == NULL)
            break;
        p = comma + 1;
    }
    free(copy);
    if (st != ST_OK)
        byteslist_free(out);
    return st;
}

/* IFNAME -> ifindex from /sys/class/net, independent of xapi; "0" is 0. */
static enum status sys_ifindex(struct ctx *c, const char *ifname,
                               unsigned *out)
{
    char path[128], buf[32];
    FILE *f;
    int64_t v;
    size_t n;

    if (strcmp(ifname, "0") == 0) {
        *out = 0;
        return ST_OK;
    }
    if (ifname[0] == '\0' || strchr(ifname, '/') != NULL ||
        strcmp(ifname, ".") == 0 || strcmp(ifname, "..") == 0 ||
        strlen(ifname) >= IF_NAMESIZE)
        return fail(c, "bad interface name '%s'", ifname);
    snprintf(path, sizeof(path), "/sys/class/net/%s/ifindex", ifname);
    f = fopen(path, "re");
    if (f == NULL)
        return fail(c, "cannot read %s: %s", path, strerror(errno));
    n = fread(buf, 1, sizeof(buf) - 1, f);
    fclose(f);
    buf[n] = '\0';
    while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == ' '))
        buf[--n] = '\0';
    if (parse_number(buf, &v) < 0 || v <= 0 || v > UINT_MAX)
        return fail(c, "bad ifindex '%s' in %s", buf, path);
    *out = (unsigned)v;
    return ST_OK;
}

/* ------------------------------------------------------------------ */
/* Sockets                                                              */
/* ------------------------------------------------------------------ */

static struct named_sock *find_sock(struct ctx *c, const char *name)
{
    size_t i;

    for (i = 0; i < c->nsocks; i++)
        if (strcmp(c->socks[i].name, name) == 0)
            return &c->socks[i];
    return NULL;
}

static enum status add_sock(struct ctx *c, const char *name, int fd)
{
    if (c->nsocks == c->capsocks) {
        c->capsocks = c->capsocks ? 2 * c->capsocks : 8;
        c->socks = xrealloc(c->socks, c->capsocks * sizeof(*c->socks));
    }
    c->socks[c->nsocks].name = xstrdup(name);
    c->socks[c->nsocks].fd = fd;
    c->nsocks++;
    return ST_OK;
}

/* SOCK: a socket made by socket/accept, or @closed, @notsock, @negative
 * (plain descriptor numbers, as the SPEC says). */
static enum status get_fd(struct ctx *c, const char *word, int *fd)
{
    struct named_sock *s;

    if (strcmp(word, "@negative") == 0) {
        *fd = -1;
        return ST_OK;
    }
    if (strcmp(word, "@closed") == 0) {
        /* The lowest free number, opened and closed again right now, so
         * nothing in between can have taken it. */
        int t = open("/dev/null", O_RDONLY | O_CLOEXEC);

        if (t < 0)
            return fail(c, "open /dev/null: %s", strerror(errno));
        close(t);
        *fd = t;
        return ST_OK;
    }
    if (strcmp(word, "@notsock") == 0) {
        if (c->devnull_fd < 0) {
            c->devnull_fd = open("/dev/null", O_RDWR | O_CLOEXEC);
            if (c->devnull_fd < 0)
                return fail(c, "open /dev/null: %s", strerror(errno));
        }
        *fd = c->devnull_fd;
        return ST_OK;
    }
    s = find_sock(c, word);
    if (s == NULL)
        return fail(c, "no socket named '%s'", word);
    *fd = s->fd;
    return ST_OK;
}

/* PEER's bound address, from the kernel (getsockname). */
static enum status peer_addr(struct ctx *c, const char *peer, xapi_addr *out)
{
    struct named_sock *s = find_sock(c, peer);

    if (s == NULL)
        return fail(c, "no socket named '%s'", peer);
    if (xapi_getsockname(s->fd, out) < 0)
        return callfail(c, errno, "xapi_getsockname");
    return ST_OK;
}

static enum status addr_text(struct ctx *c, const xapi_addr *a,
                             char host[XAPI_ADDRSTRLEN], unsigned *port)
{
    if (xapi_addr_format(a, host, XAPI_ADDRSTRLEN, port) < 0)
        return callfail(c, errno, "xapi_addr_format");
    return ST_OK;
}

/* Waits for readability; a descriptor poll() calls invalid is passed on
 * so the real call reports the error. */
static enum status wait_readable(struct ctx *c, int fd)
{
    struct pollfd p;
    int r;

    p.fd = fd;
    p.events = POLLIN;
    p.revents = 0;
    do
        r = poll(&p, 1, RUNNER_WAIT_MS);
    while (r < 0 && errno == EINTR);
    if (r < 0)
        return fail(c, "poll: %s", strerror(errno));
    if (r == 0)
        return fail(c, "not readable within %d s", RUNNER_WAIT_MS / 1000);
    return ST_OK;
}

/* ------------------------------------------------------------------ */
/* The last message                                                     */
/* ------------------------------------------------------------------ */

static void message_clear(struct message *m)
{
    size_t i;

    for (i = 0; i < m->npieces; i++)
        bytes_free(&m->pieces[i]);
    free(m->pieces);
    for (i = 0; i < m->nitems; i++)
        bytes_free(&m->items[i].data);
    free(m->items);
    memset(m, 0, sizeof(*m));
}

/* Walks a control buffer into items.  strict: a known item that does not
 * decode is an error (parse_cmsgs); otherwise it is kept raw, as the SPEC
 * says a receive does (the kernel cuts the last item on MSG_CTRUNC). */
static enum status collect_items(struct ctx *c, const void *control,
                                 size_t len, int strict, struct item **out,
                                 size_t *nout)
{
    xapi_cmsg_iter it;
    xapi_cmsg cm;
    struct item *items = NULL;
    size_t n = 0, i;
    int r;

    xapi_cmsg_iter_init(&it, control, len);
    while ((r = xapi_cmsg_next(&it, &cm)) == 1) {
        struct item *item;

        /* A bounded walk: every item takes at least a header. */
        if (n > len / 16 + 1) {
            r = -2;
            break;
        }
        items = xrealloc(items, (n + 1) * sizeof(*items));
        item = &items[n];
        memset(item, 0, sizeof(*item));
        item->level = cm.level;
        item->type = cm.type;
        bytes_alloc(&item->data, cm.len);
        if (cm.len > 0)
            memcpy(item->data.p, cm.data, cm.len);
        n++;
        if (xapi_cmsg_decode(&cm, &item->value) < 0) {
            int err = errno;

            if (strict) {
                r = -3;
                errno = err;
                break;
            }
            memset(&item->value, 0, sizeof(item->value));
        }
    }
    if (r != 0) {
        int err = errno;

        for (i = 0; i < n; i++)
            bytes_free(&items[i].data);
        free(items);
        if (r == -2)
            return fail(c, "xapi_cmsg_next does not end the walk");
        return callfail(c, err, r == -3 ? "xapi_cmsg_decode"
                                        : "xapi_cmsg_next");
    }
    *out = items;
    *nout = n;
    return ST_OK;
}

/* ------------------------------------------------------------------ */
/* Ancillary items to send                                              */
/* ------------------------------------------------------------------ */

struct out_item {
    int level, type;
    unsigned char payload[64];
    bytes raw;          /* raw: items */
    size_t len;
    int null_data;      /* cmsg=@wrongtype: data NULL, len 4 */
};

/* ADDR@IFNAME, split at the last '@'. */
static enum status split_addr_if(struct ctx *c, const char *text,
                                 char addr[XAPI_ADDRSTRLEN], unsigned *ifidx)
{
    const char *at = strrchr(text, '@');

    if (at == NULL || (size_t)(at - text) >= XAPI_ADDRSTRLEN)
        return fail(c, "expected ADDR@IFNAME, got '%s'", text);
    memcpy(addr, text, (size_t)(at - text));
    addr[at - text] = '\0';
    return sys_ifindex(c, at + 1, ifidx);
}

static enum status make_out_item(struct ctx *c, const char *word,
                                 struct out_item *it)
{
    const char *colon = strchr(word, ':');
    char kind[16], addr[XAPI_ADDRSTRLEN];
    const char *rest;
    unsigned ifidx;
    size_t klen;
    enum status st;

    memset(it, 0, sizeof(*it));
    if (strcmp(word, "@wrongtype") == 0) {
        /* "level/type present, data NULL with len 4" */
        it->level = IPPROTO_IPV6;
        it->type = IPV6_HOPLIMIT;
        it->len = 4;
        it->null_data = 1;
        return ST_OK;
    }
    if (colon == NULL || (klen = (size_t)(colon - word)) >= sizeof(kind))
        return fail(c, "bad CMSG word '%s'", word);
    memcpy(kind, word, klen);
    kind[klen] = '\0';
    rest = colon + 1;

    if (strcmp(kind, "hoplimit") == 0 || strcmp(kind, "tclass") == 0 ||
        strcmp(kind, "ttl") == 0 || strcmp(kind, "tos") == 0) {
        int v;

        if ((st = parse_int32(c, rest, &v)) != ST_OK)
            return st;
        if (kind[0] == 'h') {
            it->level = IPPROTO_IPV6;
            it->type = IPV6_HOPLIMIT;
        } else if (kind[1] == 'c') {
            it->level = IPPROTO_IPV6;
            it->type = IPV6_TCLASS;
        } else if (kind[1] == 't') {
            it->level = IPPROTO_IP;
            it->type = IP_TTL;
        } else {
            /* IP_TOS as an int: ip(7) accepts an int or a byte when sending. */
            it->level = IPPROTO_IP;
            it->type = IP_TOS;
        }
        if (xapi_encode_int(v, it->payload, sizeof(it->payload), &it->len) < 0)
            return callfail(c, errno, "xapi_encode_int");
        return ST_OK;
    }
    if (strcmp(kind, "pktinfo6") == 0) {
        if ((st = split_addr_if(c, rest, addr, &ifidx)) != ST_OK)
            return st;
        it->level = IPPROTO_IPV6;
        it->type = IPV6_PKTINFO;
        if (xapi_encode_in6_pktinfo(addr, ifidx, it->payload,
                                    sizeof(it->payload), &it->len) < 0)
            return callfail(c, errno, "xapi_encode_in6_pktinfo");
        return ST_OK;
    }
    if (strcmp(kind, "pktinfo4") == 0) {
        if ((st = split_addr_if(c, rest, addr, &ifidx)) != ST_OK)
            return st;
        it->level = IPPROTO_IP;
        it->type = IP_PKTINFO;
        if (xapi_encode_in_pktinfo(ifidx, addr, NULL, it->payload,
                                   sizeof(it->payload), &it->len) < 0)
            return callfail(c, errno, "xapi_encode_in_pktinfo");
        return ST_OK;
    }
    if (strcmp(kind, "udp_segment") == 0) {
        int v;

        if ((st = parse_int32(c, rest, &v)) != ST_OK)
            return st;
        if (v < 0)
            return callfail(c, EINVAL, "udp_segment range");
        it->level = SOL_UDP;
        it->type = UDP_SEGMENT;
        if (xapi_encode_udp_segment((unsigned)v, it->payload,
                                    sizeof(it->payload), &it->len) < 0)
            return callfail(c, errno, "xapi_encode_udp_segment");
        return ST_OK;
    }
    if (strcmp(kind, "tsflags") == 0) {
        /* Per-send SO_TIMESTAMPING: the core's typed constructor, which
         * refuses flags the kernel would (argument "flags", EINVAL). */
        xapi_typed_item t;
        xapi_error e = { 0, NULL, "" };
        int v;

        if ((st = parse_int32(c, rest, &v)) != ST_OK)
            return st;
        if (xapi_typed_tsflags((unsigned)v, &t, &e) < 0)
            return callfail(c, e.code, "xapi_typed_tsflags");
        if (t.item.len > sizeof(it->payload))
            return fail(c, "tsflags item of %zu bytes", t.item.len);
        it->level = t.item.level;
        it->type = t.item.type;
        memcpy(it->payload, t.item.data, t.item.len);
        it->len = t.item.len;
        return ST_OK;
    }
    if (strcmp(kind, "raw") == 0) {
        /* raw:LEVEL:TYPE:BYTES; BYTES has colons of its own. */
        const char *c1 = strchr(rest, ':'), *c2;
        char lw[64], tw[64];

        if (c1 == NULL || (c2 = strchr(c1 + 1, ':')) == NULL ||
            (size_t)(c1 - rest) >= sizeof(lw) ||
            (size_t)(c2 - c1 - 1) >= sizeof(tw))
            return fail(c, "expected raw:LEVEL:TYPE:BYTES, got '%s'", word);
        memcpy(lw, rest, (size_t)(c1 - rest));
        lw[c1 - rest] = '\0';
        memcpy(tw, c1 + 1, (size_t)(c2 - c1 - 1));
        tw[c2 - c1 - 1] = '\0';
        if ((st = parse_int32(c, lw, &it->level)) != ST_OK ||
            (st = parse_int32(c, tw, &it->type)) != ST_OK)
            return st;
        if ((st = parse_bytes(c, c2 + 1, &it->raw)) != ST_OK)
            return st;
        it->len = it->raw.n;
        return ST_OK;
    }
    return fail(c, "unknown CMSG kind '%s'", kind);
}

/* Builds a control buffer from CMSG words with xapi_cmsg_append. */
static enum status build_control(struct ctx *c, char *const *words,
                                 size_t nwords, bytes *out)
{
    struct out_item *items = xmalloc(nwords * sizeof(*items));
    size_t i, made = 0, cap = 0, used = 0;
    enum status st = ST_OK;

    out->p = NULL;
    out->n = 0;
    for (i = 0; i < nwords && st == ST_OK; i++) {
        st = make_out_item(c, words[i], &items[i]);
        if (st == ST_OK || items[i].raw.p != NULL)
            made = i + 1;
    }
    for (i = 0; i < made && st == ST_OK; i++) {
        size_t space = xapi_cmsg_space(items[i].len);

        if (space == 0)
            st = callfail(c, errno, "xapi_cmsg_space");
        else if (space > SIZE_MAX - cap)
            st = callfail(c, EOVERFLOW, "control size");
        else
            cap += space;
    }
    if (st == ST_OK) {
        bytes_alloc(out, cap);
        for (i = 0; i < made && st == ST_OK; i++) {
            const void *data = items[i].null_data ? NULL
                               : items[i].raw.p != NULL ? items[i].raw.p
                               : (const void *)items[i].payload;

            if (xapi_cmsg_append(out->p, cap, &used, items[i].level,
                                 items[i].type, data, items[i].len) < 0)
                st = callfail(c, errno, "xapi_cmsg_append");
        }
        if (st == ST_OK && used != cap)
            st = fail(c, "xapi_cmsg_append used %zu bytes of %zu", used, cap);
        out->n = used;
        if (st != ST_OK)
            bytes_free(out);
    }
    for (i = 0; i < made; i++)
        bytes_free(&items[i].raw);
    free(items);
    return st;
}

/* ------------------------------------------------------------------ */
/* Operations                                                           */
/* ------------------------------------------------------------------ */

typedef enum status (*op_fn)(struct ctx *c, char *const *a, size_t n);

static enum status op_needs(struct ctx *c, char *const *a, size_t n)
{
    const char *lab = getenv("XAPI_LAB");

    (void)n;
    if (strcmp(a[0], "lab") == 0) {
        if (lab == NULL || lab[0] == '\0')
            return skip(c, "needs the network lab: run as root, so that the "
                        "matrix starts tests/lab/lab.sh (XAPI_LAB unset)");
        return ST_OK;
    }
    if (strcmp(a[0], "root") != 0)
        return fail(c, "unknown need '%s'", a[0]);
    if (geteuid() != 0)
        return skip(c, "needs root (euid %ld)", (long)geteuid());
    return ST_OK;
}

static enum status op_socket(struct ctx *c, char *const *a, size_t n)
{
    int family, type, proto = 0, fd;
    enum status st;

    if (a[0][0] == '@' || find_sock(c, a[0]) != NULL)
        return fail(c, "socket name '%s' is taken or reserved", a[0]);
    if ((st = parse_int32(c, a[1], &family)) != ST_OK ||
        (st = parse_int32(c, a[2], &type)) != ST_OK ||
        (n > 3 && (st = parse_int32(c, a[3], &proto)) != ST_OK))
        return st;
    fd = xapi_socket(family, type, proto);
    if (fd < 0)
        return callfail(c, errno, "xapi_socket");
    return add_sock(c, a[0], fd);
}

static enum status op_bind(struct ctx *c, char *const *a, size_t n)
{
    int fd;
    int64_t port;
    enum status st;

    (void)n;
    if ((st = get_fd(c, a[0], &fd)) != ST_OK ||
        (st = parse_int(c, a[2], &port)) != ST_OK)
        return st;
    /* unsigned in the API: a C caller cannot pass a negative port. */
    if (port < 0 || port > UINT_MAX)
        return callfail(c, ERANGE, "port conversion");
    if (xapi_bind(fd, a[1], (unsigned)port, NULL) < 0)
        return callfail(c, errno, "xapi_bind");
    return ST_OK;
}

static enum status op_listen(struct ctx *c, char *const *a, size_t n)
{
    int fd;
    enum status st;

    (void)n;
    if ((st = get_fd(c, a[0], &fd)) != ST_OK)
        return st;
    if (xapi_listen(fd, 8) < 0)
        return callfail(c, errno, "xapi_listen");
    return ST_OK;
}

static enum status op_accept(struct ctx *c, char *const *a, size_t n)
{
    int fd, nfd;
    enum status st;

    (void)n;
    if (a[0][0] == '@' || find_sock(c, a[0]) != NULL)
        return fail(c, "socket name '%s' is taken or reserved", a[0]);
    if ((st = get_fd(c, a[1], &fd)) != ST_OK ||
        (st = wait_readable(c, fd)) != ST_OK)
        return st;
    nfd = xapi_accept(fd, NULL);
    if (nfd < 0)
        return callfail(c, errno, "xapi_accept");
    return add_sock(c, a[0], nfd);
}

static enum status op_connect(struct ctx *c, char *const *a, size_t n)
{
    int fd;
    xapi_addr peer;
    char host[XAPI_ADDRSTRLEN];
    unsigned port;
    enum status st;

    (void)n;
    if ((st = get_fd(c, a[0], &fd)) != ST_OK ||
        (st = peer_addr(c, a[1], &peer)) != ST_OK ||
        (st = addr_text(c, &peer, host, &port)) != ST_OK)
        return st;
    if (xapi_connect(fd, host, port, NULL) < 0)
        return callfail(c, errno, "xapi_connect");
    return ST_OK;
}

static enum status op_close(struct ctx *c, char *const *a, size_t n)
{
    struct named_sock *s = find_sock(c, a[0]);
    int r;

    (void)n;
    if (s == NULL)
        return fail(c, "no socket named '%s'", a[0]);
    r = xapi_close(s->fd);
    free(s->name);
    *s = c->socks[--c->nsocks];
    if (r < 0)
        return callfail(c, errno, "xapi_close");
    return ST_OK;
}

static enum status op_setsockopt(struct ctx *c, char *const *a, size_t n)
{
    int fd, level, name, value;
    enum status st;

    (void)n;
    if ((st = get_fd(c, a[0], &fd)) != ST_OK ||
        (st = parse_int32(c, a[1], &level)) != ST_OK ||
        (st = parse_int32(c, a[2], &name)) != ST_OK ||
        (st = parse_int32(c, a[3], &value)) != ST_OK)
        return st;
    if (xapi_setsockopt_int(fd, level, name, value) < 0)
        return callfail(c, errno, "xapi_setsockopt_int");
    return ST_OK;
}

static enum status op_expect_sockopt(struct ctx *c, char *const *a, size_t n)
{
    int fd, level, name, want, got = 0;
    enum status st;

    (void)n;
    if ((st = get_fd(c, a[0], &fd)) != ST_OK ||
        (st = parse_int32(c, a[1], &level)) != ST_OK ||
        (st = parse_int32(c, a[2], &name)) != ST_OK ||
        (st = parse_int32(c, a[3], &want)) != ST_OK)
        return st;
    if (xapi_getsockopt_int(fd, level, name, &got) < 0)
        return callfail(c, errno, "xapi_getsockopt_int");
    if (got != want)
        return fail(c, "option %s/%s is %d, want %d", a[1], a[2], got, want);
    return ST_OK;
}

static enum status op_expect_sockname(struct ctx *c, char *const *a,
                                      size_t n)
{
    int fd;
    xapi_addr addr;
    char host[XAPI_ADDRSTRLEN];
    unsigned port = 0;
    enum status st;

    (void)n;
    if ((st = get_fd(c, a[0], &fd)) != ST_OK)
        return st;
    if (xapi_getsockname(fd, &addr) < 0)
        return callfail(c, errno, "xapi_getsockname");
    if ((st = addr_text(c, &addr, host, &port)) != ST_OK)
        return st;
    if (strcmp(host, a[1]) != 0)
        return fail(c, "sockname is '%s', want '%s'", host, a[1]);
    if (addr.ss.ss_family != AF_UNIX && port == 0)
        return fail(c, "sockname '%s' has port 0", host);
    return ST_OK;
}

/* One message to send, from the words data=BYTESLIST [to=PEER] [cmsg=CMSG]...
 * (sendmsg's, and each MSG of send_batch's).  It owns what m points at. */
struct out_msg {
    xapi_msg m;
    struct byteslist data;
    struct iovec *iov;
    bytes control;
};

static void out_msg_free(struct out_msg *om)
{
    free(om->iov);
    om->iov = NULL;
    byteslist_free(&om->data);
    bytes_free(&om->control);
}

/* Builds om from words a[0..n).  flags and expect, when not NULL, take
 * flags= and expect= words (a message of a batch has neither). */
static enum status out_msg_build(struct ctx *c, const char *op,
                                 char *const *a, size_t n, const char **flags,
                                 const char **expect, struct out_msg *om)
{
    const char *data = NULL, *to = NULL;
    char **cmsgs = xmalloc((n > 0 ? n : 1) * sizeof(*cmsgs));
    size_t ncmsgs = 0, i;
    enum status st = ST_OK;

    memset(om, 0, sizeof(*om));
    for (i = 0; i < n && st == ST_OK; i++) {
        if (strncmp(a[i], "data=", 5) == 0)
            data = a[i] + 5;
        else if (strncmp(a[i], "to=", 3) == 0)
            to = a[i] + 3;
        else if (flags != NULL && strncmp(a[i], "flags=", 6) == 0)
            *flags = a[i] + 6;
        else if (expect != NULL && strncmp(a[i], "expect=", 7) == 0)
            *expect = a[i] + 7;
        else if (strncmp(a[i], "cmsg=", 5) == 0)
            cmsgs[ncmsgs++] = a[i] + 5;
        else
            st = fail(c, "%s: unknown word '%s'", op, a[i]);
    }
    if (st == ST_OK && data == NULL)
        st = fail(c, "%s needs data=", op);
    if (st == ST_OK && to != NULL)
        st = peer_addr(c, to, &om->m.addr);
    if (st == ST_OK) {
        if (strcmp(data, "@wrongtype") == 0) {
            /* NULL iov with iovlen 1: the core must refuse it. */
            om->m.iov = NULL;
            om->m.iovlen = 1;
        } else if (strcmp(data, "@wrongitem") == 0) {
            /* An iovec with base NULL, len 5. */
            om->iov = xmalloc(sizeof(*om->iov));
            om->iov[0].iov_base = NULL;
            om->iov[0].iov_len = 5;
            om->m.iov = om->iov;
            om->m.iovlen = 1;
        } else if ((st = parse_byteslist(c, data, &om->data)) == ST_OK) {
            om->iov = xmalloc(om->data.n * sizeof(*om->iov));
            for (i = 0; i < om->data.n; i++) {
                om->iov[i].iov_base = om->data.v[i].p;
                om->iov[i].iov_len = om->data.v[i].n;
            }
            om->m.iov = om->iov;
            om->m.iovlen = om->data.n;
        }
    }
    if (st == ST_OK && ncmsgs > 0) {
        st = build_control(c, cmsgs, ncmsgs, &om->control);
        om->m.control = om->control.p;
        om->m.controllen = om->control.n;
    }
    free(cmsgs);
    if (st != ST_OK)
        out_msg_free(om);
    return st;
}

/* expect=N against a count the call returned. */
static enum status check_expect(struct ctx *c, const char *op,
                                const char *word, int64_t got)
{
    int64_t want;
    enum status st;

    if (word == NULL)
        return ST_OK;
    if ((st = parse_int(c, word, &want)) != ST_OK)
        return st;
    if (got != want)
        return fail(c, "%s returned %" PRId64 ", want %" PRId64, op, got,
                    want);
    return ST_OK;
}

static enum status op_sendmsg(struct ctx *c, char *const *a, size_t n)
{
    const char *flagw = NULL, *expect = NULL;
    struct out_msg om;
    int fd, flags = 0;
    ssize_t r;
    enum status st;

    if ((st = get_fd(c, a[0], &fd)) != ST_OK ||
        (st = out_msg_build(c, "sendmsg", a + 1, n - 1, &flagw, &expect,
                            &om)) != ST_OK)
        return st;
    if (flagw != NULL)
        st = parse_int32(c, flagw, &flags);
    if (st == ST_OK) {
        r = xapi_sendmsg(fd, &om.m, flags);
        if (r < 0)
            st = callfail(c, errno, "xapi_sendmsg");
        else
            st = check_expect(c, "sendmsg", expect, (int64_t)r);
    }
    out_msg_free(&om);
    return st;
}

/* anc=A: an INT or space:L+L+... (the sum of cmsg_space(L)). */
static enum status parse_anc(struct ctx *c, const char *anc, size_t *anclen)
{
    char *copy, *p, *plus;
    enum status st = ST_OK;

    *anclen = 0;
    if (strncmp(anc, "space:", 6) != 0)
        return parse_size(c, anc, anclen);
    copy = xstrdup(anc + 6);
    p = copy;
    for (;;) {
        size_t l, s;

        plus = strchr(p, '+');
        if (plus != NULL)
            *plus = '\0';
        if ((st = parse_size(c, p, &l)) != ST_OK)
            break;
        s = xapi_cmsg_space(l);
        if (s == 0) {
            st = callfail(c, errno, "xapi_cmsg_space");
            break;
        }
        if (s > (size_t)RUNNER_MAX_BUFFER - *anclen) {
            st = callfail(c, ERANGE, "size check");
            break;
        }
        *anclen += s;
        if (plus == NULL)
            break;
        p = plus + 1;
    }
    free(copy);
    return st;
}

/* Makes a struct message from what a receive filled in m (r bytes):
 * pieces cut to what arrived (piece[i] bytes of room each, in bufs[i]),
 * items from control (anclen bytes of room). */
static enum status message_take(struct ctx *c, const xapi_msg *m, ssize_t r,
                                const unsigned char *const *bufs,
                                const size_t *piece, size_t npieces,
                                const void *control, size_t anclen,
                                struct message *out)
{
    struct message nm;
    size_t i;
    enum status st;

    memset(out, 0, sizeof(*out));
    if (m->controllen > anclen || m->addr.len > sizeof(m->addr.ss))
        return fail(c, "the receive claims more than its buffers");
    memset(&nm, 0, sizeof(nm));
    st = collect_items(c, control, m->controllen, 0, &nm.items, &nm.nitems);
    if (st != ST_OK)
        return st;
    nm.present = 1;
    nm.len = (size_t)r;
    nm.flags = m->flags;
    nm.from = m->addr;
    nm.npieces = npieces;
    nm.pieces = xmalloc((npieces > 0 ? npieces : 1) * sizeof(*nm.pieces));
    for (i = 0; i < npieces; i++) {
        size_t pl = xapi_msg_piece_len(m, i);

        if (pl > piece[i]) {
            st = fail(c, "xapi_msg_piece_len(%zu) exceeds the piece", i);
            pl = piece[i];
        }
        bytes_alloc(&nm.pieces[i], pl);
        if (pl > 0)
            memcpy(nm.pieces[i].p, bufs[i], pl);
    }
    *out = nm;
    return st;
}

/* Waits up to RUNNER_WAIT_MS for POLLERR (the error queue). */
static enum status wait_error(struct ctx *c, int fd)
{
    struct pollfd p;
    int r;

    p.fd = fd;
    p.events = 0;
    p.revents = 0;
    do
        r = poll(&p, 1, RUNNER_WAIT_MS);
    while (r < 0 && errno == EINTR);
    if (r < 0)
        return fail(c, "poll: %s", strerror(errno));
    if (r == 0)
        return fail(c, "no error queued within %d s", RUNNER_WAIT_MS / 1000);
    return ST_OK;
}

/* recvmsg, and recv_err (errqueue: MSG_ERRQUEUE, sizes= optional, a wait
 * for POLLERR instead of readability). */
static enum status recv_common(struct ctx *c, char *const *a, size_t n,
                               int errqueue)
{
    const char *op = errqueue ? "recv_err" : "recvmsg";
    const char *sizes = NULL, *anc = NULL, *flagw = NULL;
    size_t *piece = NULL, npieces = 0, total = 0, anclen = 0, i;
    struct iovec *iov = NULL;
    bytes *bufs = NULL, control = { NULL, 0 };
    unsigned char **bptr = NULL;
    xapi_msg m;
    int fd, flags = 0, wrongtype = 0;
    ssize_t r;
    enum status st;

    for (i = 1; i < n; i++) {
        if (strncmp(a[i], "sizes=", 6) == 0)
            sizes = a[i] + 6;
        else if (strncmp(a[i], "anc=", 4) == 0)
            anc = a[i] + 4;
        else if (!errqueue && strncmp(a[i], "flags=", 6) == 0)
            flagw = a[i] + 6;
        else
            return fail(c, "%s: unknown word '%s'", op, a[i]);
    }
    if ((st = get_fd(c, a[0], &fd)) != ST_OK)
        return st;
    if (sizes == NULL) {
        if (!errqueue)
            return fail(c, "recvmsg needs sizes=");
        sizes = "2048";
    }
    /* recv_err exists to read the error's item: room for it unless the
     * case says otherwise. */
    if (errqueue && anc == NULL)
        anc = "512";
    if (flagw != NULL && (st = parse_int32(c, flagw, &flags)) != ST_OK)
        return st;
    if (errqueue)
        flags |= MSG_ERRQUEUE;

    /* Every size is checked before anything is allocated or called. */
    if (strcmp(sizes, "@wrongtype") == 0) {
        wrongtype = 1; /* NULL sizes, count 1 -> NULL iov, iovlen 1 */
    } else {
        char *copy = xstrdup(sizes), *p = copy, *comma;

        for (;;) {
            comma = strchr(p, ',');
            if (comma != NULL)
                *comma = '\0';
            piece = xrealloc(piece, (npieces + 1) * sizeof(*piece));
            st = parse_size(c, p, &piece[npieces]);
            if (st != ST_OK)
                break;
            if (piece[npieces] > (size_t)RUNNER_MAX_BUFFER - total) {
                st = callfail(c, ERANGE, "size check");
                break;
            }
            total += piece[npieces++];
            if (comma == NULL)
                break;
            p = comma + 1;
        }
        free(copy);
    }
    if (st == ST_OK && anc != NULL)
        st = parse_anc(c, anc, &anclen);
    if (st != ST_OK) {
        free(piece);
        return st;
    }

    memset(&m, 0, sizeof(m));
    if (wrongtype) {
        m.iov = NULL;
        m.iovlen = 1;
    } else {
        iov = xmalloc((npieces > 0 ? npieces : 1) * sizeof(*iov));
        bufs = xmalloc((npieces > 0 ? npieces : 1) * sizeof(*bufs));
        bptr = xmalloc((npieces > 0 ? npieces : 1) * sizeof(*bptr));
        for (i = 0; i < npieces; i++) {
            bytes_alloc(&bufs[i], piece[i]);
            bptr[i] = bufs[i].p;
            iov[i].iov_base = bufs[i].p;
            iov[i].iov_len = piece[i];
        }
        m.iov = iov;
        m.iovlen = npieces;
    }
    if (anclen > 0) {
        bytes_alloc(&control, anclen);
        m.control = control.p;
        m.controllen = anclen;
    }

    if (errqueue)
        st = wait_error(c, fd);
    else if (!(flags & MSG_DONTWAIT))
        st = wait_readable(c, fd);
    if (st == ST_OK) {
        r = xapi_recvmsg(fd, &m, flags);
        if (r < 0) {
            st = callfail(c, errno, "xapi_recvmsg");
        } else {
            struct message nm;

            st = message_take(c, &m, r, (const unsigned char *const *)bptr,
                              piece, npieces, control.p, anclen, &nm);
            if (st == ST_OK || nm.present) {
                message_clear(&c->msg);
                c->msg = nm;
            }
        }
    }
    for (i = 0; bufs != NULL && i < npieces; i++)
        bytes_free(&bufs[i]);
    free(bufs);
    free(bptr);
    free(iov);
    free(piece);
    bytes_free(&control);
    return st;
}

static enum status op_recvmsg(struct ctx *c, char *const *a, size_t n)
{
    return recv_common(c, a, n, 0);
}

static enum status need_msg(struct ctx *c)
{
    if (!c->msg.present)
        return fail(c, "no message received or parsed yet");
    return ST_OK;
}

static enum status op_expect_data(struct ctx *c, char *const *a, size_t n)
{
    struct byteslist want;
    size_t i;
    enum status st;

    (void)n;
    if ((st = need_msg(c)) != ST_OK ||
        (st = parse_byteslist(c, a[0], &want)) != ST_OK)
        return st;
    if (want.n != c->msg.npieces) {
        st = fail(c, "%zu pieces arrived, want %zu", c->msg.npieces, want.n);
    } else {
        for (i = 0; i < want.n; i++) {
            const bytes *g = &c->msg.pieces[i];

            if (g->n != want.v[i].n ||
                (g->n > 0 && memcmp(g->p, want.v[i].p, g->n) != 0)) {
                char gh[64], wh[64];

                hex_text(g->p, g->n, gh, sizeof(gh));
                hex_text(want.v[i].p, want.v[i].n, wh, sizeof(wh));
                st = fail(c, "piece %zu is x:%s (%zu bytes), want x:%s "
                             "(%zu bytes)", i, gh, g->n, wh, want.v[i].n);
                break;
            }
        }
    }
    byteslist_free(&want);
    return st;
}

static enum status op_expect_len(struct ctx *c, char *const *a, size_t n)
{
    int64_t want;
    enum status st;

    (void)n;
    if ((st = need_msg(c)) != ST_OK || (st = parse_int(c, a[0], &want)) != ST_OK)
        return st;
    if (want < 0 || c->msg.len != (uint64_t)want)
        return fail(c, "received %zu bytes, want %" PRId64, c->msg.len, want);
    return ST_OK;
}

static enum status expect_flags(struct ctx *c, const char *word, int set)
{
    int64_t bits;
    enum status st;

    if ((st = need_msg(c)) != ST_OK || (st = parse_int(c, word, &bits)) != ST_OK)
        return st;
    if (set && ((int64_t)c->msg.flags & bits) != bits)
        return fail(c, "msg_flags 0x%x lacks 0x%" PRIx64, (unsigned)c->msg.flags,
                    (uint64_t)(bits & ~(int64_t)c->msg.flags));
    if (!set && ((int64_t)c->msg.flags & bits) != 0)
        return fail(c, "msg_flags 0x%x has 0x%" PRIx64, (unsigned)c->msg.flags,
                    (uint64_t)((int64_t)c->msg.flags & bits));
    return ST_OK;
}

static enum status op_expect_flags_set(struct ctx *c, char *const *a, size_t n)
{
    (void)n;
    return expect_flags(c, a[0], 1);
}

static enum status op_expect_flags_clear(struct ctx *c, char *const *a,
                                         size_t n)
{
    (void)n;
    return expect_flags(c, a[0], 0);
}

static enum status op_expect_from(struct ctx *c, char *const *a, size_t n)
{
    xapi_addr want;
    char wh[XAPI_ADDRSTRLEN], gh[XAPI_ADDRSTRLEN];
    unsigned wp = 0, gp = 0;
    enum status st;

    (void)n;
    if ((st = need_msg(c)) != ST_OK ||
        (st = peer_addr(c, a[0], &want)) != ST_OK ||
        (st = addr_text(c, &want, wh, &wp)) != ST_OK)
        return st;
    if (c->msg.from.len == 0)
        return fail(c, "the message has no source address, want %s port %u",
                    wh, wp);
    if ((st = addr_text(c, &c->msg.from, gh, &gp)) != ST_OK)
        return st;
    if (strcmp(gh, wh) != 0 || gp != wp)
        return fail(c, "from '%s' port %u, want '%s' port %u", gh, gp, wh, wp);
    return ST_OK;
}

static enum status op_expect_ncmsg(struct ctx *c, char *const *a, size_t n)
{
    int64_t want;
    enum status st;

    (void)n;
    if ((st = need_msg(c)) != ST_OK || (st = parse_int(c, a[0], &want)) != ST_OK)
        return st;
    if (want < 0 || c->msg.nitems != (uint64_t)want)
        return fail(c, "%zu ancillary items, want %" PRId64, c->msg.nitems,
                    want);
    return ST_OK;
}

/* ADDR@IFNAME or, for interfaces in other namespaces that /sys does not
 * show here, ADDR@N with N all digits: the index itself. */
static enum status view_addr_if(struct ctx *c, const char *text,
                                char addr[XAPI_ADDRSTRLEN], unsigned *ifidx)
{
    const char *at = strrchr(text, '@');
    const char *d;
    int64_t v;

    if (at != NULL && at[1] != '\0') {
        for (d = at + 1; *d >= '0' && *d <= '9'; d++)
            ;
        if (*d == '\0' && (size_t)(at - text) < XAPI_ADDRSTRLEN) {
            if (parse_number(at + 1, &v) < 0 || v < 0 || v > UINT_MAX)
                return fail(c, "bad interface index in '%s'", text);
            memcpy(addr, text, (size_t)(at - text));
            addr[at - text] = '\0';
            *ifidx = (unsigned)v;
            return ST_OK;
        }
    }
    return split_addr_if(c, text, addr, ifidx);
}

/* Two address texts name the same address (both parsed by libc, not by
 * xapi); "" equals only "".  -1: want is not an address. */
static int same_addr_text(const char *want, const char *got)
{
    unsigned char wa[16], ga[16];
    int family = strchr(want, ':') != NULL ? AF_INET6 : AF_INET;

    if (want[0] == '\0' || got[0] == '\0')
        return want[0] == '\0' && got[0] == '\0';
    if (inet_pton(family, want, wa) != 1)
        return -1;
    if (inet_pton(family, got, ga) != 1)
        return 0;
    return memcmp(wa, ga, family == AF_INET6 ? 16 : 4) == 0;
}

/* Splits a VIEW's comma list in place into at most max fields (the last
 * one keeps whatever follows); returns how many there were. */
static size_t split_fields(char *s, char **f, size_t max)
{
    size_t k = 0;

    f[k++] = s;
    while (k < max) {
        char *comma = strchr(s, ',');

        if (comma == NULL)
            break;
        *comma = '\0';
        s = comma + 1;
        f[k++] = s;
    }
    return k;
}

/* mtuinfo:MTU,ADDR against the item's typed view. */
static enum status view_mtuinfo(struct ctx *c, const struct item *it,
                                const char *text, int *match, char *why,
                                size_t whylen)
{
    char buf[128], *f[2];
    const xapi_mtuinfo *mi = &it->value.mtuinfo;
    int64_t mtu;
    int same;
    enum status st;

    if (strlen(text) >= sizeof(buf) ||
        split_fields(strcpy(buf, text), f, 2) != 2)
        return fail(c, "expected mtuinfo:MTU,ADDR, got 'mtuinfo:%s'", text);
    if ((st = parse_int(c, f[0], &mtu)) != ST_OK)
        return st;
    if (it->value.kind != XAPI_VALUE_MTUINFO) {
        snprintf(why, whylen, "no mtuinfo view (kind %d)", it->value.kind);
        return ST_OK;
    }
    same = same_addr_text(f[1], mi->addr);
    if (same < 0)
        return fail(c, "'%s' is not an address", f[1]);
    if ((int64_t)mi->mtu != mtu || !same)
        snprintf(why, whylen, "mtuinfo %" PRIu32 ",%s (ifindex %u)",
                 mi->mtu, mi->addr, mi->ifindex);
    else
        *match = 1;
    return ST_OK;
}

/* sock_err:ERRNO,ORIGIN,TYPE,CODE,OFFENDER against the typed view. */
static enum status view_sock_err(struct ctx *c, const struct item *it,
                                 const char *text, int *match, char *why,
                                 size_t whylen)
{
    char buf[160], *f[5];
    const xapi_sock_err *e = &it->value.sock_err;
    int64_t origin, type, code;
    int err, same;
    enum status st;

    if (strlen(text) >= sizeof(buf) ||
        split_fields(strcpy(buf, text), f, 5) != 5)
        return fail(c, "expected sock_err:ERRNO,ORIGIN,TYPE,CODE,OFFENDER, "
                       "got 'sock_err:%s'", text);
    if (errno_by_name(f[0], &err) < 0)
        return fail(c, "unknown errno name '%s'", f[0]);
    if ((st = parse_int(c, f[1], &origin)) != ST_OK ||
        (st = parse_int(c, f[2], &type)) != ST_OK ||
        (st = parse_int(c, f[3], &code)) != ST_OK)
        return st;
    if (it->value.kind != XAPI_VALUE_SOCK_ERR) {
        snprintf(why, whylen, "no sock_err view (kind %d)", it->value.kind);
        return ST_OK;
    }
    same = same_addr_text(f[4], e->has_offender ? e->offender : "");
    if (same < 0)
        return fail(c, "'%s' is not an address", f[4]);
    if (e->ee_errno != err || e->origin != origin || e->type != type ||
        e->code != code || !same)
        snprintf(why, whylen, "sock_err %s,%d,%d,%d,%s (info %u)",
                 errno_label(e->ee_errno), e->origin, e->type, e->code,
                 e->has_offender ? e->offender : "", e->info);
    else
        *match = 1;
    return ST_OK;
}

/* rec:FIELD=VALUE,... against the item's record view, read through the
 * core's field table (the values expected come from the case). */
static enum status view_rec(struct ctx *c, const struct item *it,
                            const char *text, int *match, char *why,
                            size_t whylen)
{
    const xapi_record *r = xapi_record_of(it->value.kind);
    char buf[512], *pair, *save = NULL;
    enum status st;

    if (r == NULL) {
        snprintf(why, whylen, "no record view (kind %d)", it->value.kind);
        return ST_OK;
    }
    if (strlen(text) >= sizeof(buf))
        return fail(c, "rec VIEW too long");
    strcpy(buf, text);
    for (pair = strtok_r(buf, ",", &save); pair != NULL;
         pair = strtok_r(NULL, ",", &save)) {
        char *want = strchr(pair, '=');
        const xapi_field *f = NULL;
        const char *t = NULL;
        size_t j, n = 0;
        int64_t i = 0;
        int kind, ok;

        if (want == NULL)
            return fail(c, "bad rec VIEW pair '%s'", pair);
        *want++ = '\0';
        for (j = 0; j < r->nfields; j++)
            if (strcmp(r->fields[j].name, pair) == 0)
                f = &r->fields[j];
        if (f == NULL) {
            snprintf(why, whylen, "record %s has no field %s", r->type_name,
                     pair);
            return ST_OK;
        }
        kind = xapi_field_get(&it->value, f, &i, &t, &n);
        if (strncmp(want, "e:", 2) == 0) {
            int e;

            if (errno_by_name(want + 2, &e) < 0)
                return fail(c, "unknown errno name '%s'", want + 2);
            ok = kind == XAPI_FIELD_INT && i == e;
        } else if (want[0] == '\0') {
            ok = kind == 0 || (kind != XAPI_FIELD_INT && n == 0);
        } else if (kind == XAPI_FIELD_INT) {
            int64_t w;

            if ((st = parse_int(c, want, &w)) != ST_OK)
                return st;
            ok = i == w;
        } else if (kind == XAPI_FIELD_BYTES) {
            bytes w;

            if ((st = parse_bytes(c, want, &w)) != ST_OK)
                return st;
            ok = w.n == n && (n == 0 || memcmp(w.p, t, n) == 0);
            bytes_free(&w);
        } else if (kind == XAPI_FIELD_TEXT) {
            ok = same_addr_text(want, t);
            if (ok < 0)
                ok = strcmp(want, t) == 0;
        } else {
            ok = 0;
        }
        if (!ok) {
            if (kind == XAPI_FIELD_INT)
                snprintf(why, whylen, "%s.%s is %lld", r->type_name,
                         f->name, (long long)i);
            else
                snprintf(why, whylen, "%s.%s is '%.*s'", r->type_name,
                         f->name, kind ? (int)n : 0, kind ? t : "");
            return ST_OK;
        }
    }
    *match = 1;
    return ST_OK;
}

/* Compares one item with a VIEW; 1 on a match, else 0 with why. */
static enum status view_matches(struct ctx *c, const struct item *it,
                                const char *view, int *match, char *why,
                                size_t whylen)
{
    enum status st;

    *match = 0;
    if (strcmp(view, "any") == 0) {
        *match = 1;
    } else if (strncmp(view, "int:", 4) == 0) {
        int64_t want;

        if ((st = parse_int(c, view + 4, &want)) != ST_OK)
            return st;
        if (it->value.kind != XAPI_VALUE_INT)
            snprintf(why, whylen, "no integer view (kind %d)", it->value.kind);
        else if (it->value.i != want)
            snprintf(why, whylen, "int %lld", (long long)it->value.i);
        else
            *match = 1;
    } else if (strncmp(view, "pktinfo:", 8) == 0) {
        char addr[XAPI_ADDRSTRLEN];
        unsigned ifidx;
        unsigned char wa[16], ga[16];
        const xapi_pktinfo *pi = &it->value.pktinfo;

        if ((st = view_addr_if(c, view + 8, addr, &ifidx)) != ST_OK)
            return st;
        if (it->value.kind != XAPI_VALUE_PKTINFO) {
            snprintf(why, whylen, "no pktinfo view (kind %d)", it->value.kind);
            return ST_OK;
        }
        /* Addresses compared as binary, parsed by libc, not as xapi text. */
        if (inet_pton(pi->family, addr, wa) != 1)
            return fail(c, "'%s' is not an address of family %d", addr,
                        pi->family);
        if (inet_pton(pi->family, pi->addr, ga) != 1)
            snprintf(why, whylen, "unparsable address '%s'", pi->addr);
        else if (memcmp(wa, ga, pi->family == AF_INET6 ? 16 : 4) != 0 ||
                 pi->ifindex != ifidx)
            snprintf(why, whylen, "pktinfo %s ifindex %u", pi->addr,
                     pi->ifindex);
        else
            *match = 1;
    } else if (strncmp(view, "mtuinfo:", 8) == 0) {
        return view_mtuinfo(c, it, view + 8, match, why, whylen);
    } else if (strncmp(view, "sock_err:", 9) == 0) {
        return view_sock_err(c, it, view + 9, match, why, whylen);
    } else if (strncmp(view, "rec:", 4) == 0) {
        return view_rec(c, it, view + 4, match, why, whylen);
    } else if (strncmp(view, "bytes:", 6) == 0) {
        bytes want;

        if ((st = parse_bytes(c, view + 6, &want)) != ST_OK)
            return st;
        if (want.n == it->data.n &&
            (want.n == 0 || memcmp(want.p, it->data.p, want.n) == 0)) {
            *match = 1;
        } else {
            char h[64];

            hex_text(it->data.p, it->data.n, h, sizeof(h));
            snprintf(why, whylen, "payload x:%s", h);
        }
        bytes_free(&want);
    } else {
        return fail(c, "bad VIEW '%s'", view);
    }
    return ST_OK;
}

static enum status op_expect_cmsg(struct ctx *c, char *const *a, size_t n)
{
    int level, type, found = 0, match = 0;
    char why[160] = "";
    size_t i;
    enum status st;

    (void)n;
    if ((st = need_msg(c)) != ST_OK ||
        (st = parse_int32(c, a[0], &level)) != ST_OK ||
        (st = parse_int32(c, a[1], &type)) != ST_OK)
        return st;
    for (i = 0; i < c->msg.nitems && !match; i++) {
        if (c->msg.items[i].level != level || c->msg.items[i].type != type)
            continue;
        found = 1;
        if ((st = view_matches(c, &c->msg.items[i], a[2], &match, why,
                               sizeof(why))) != ST_OK)
            return st;
    }
    if (!found)
        return fail(c, "no item %s/%s among %zu", a[0], a[1], c->msg.nitems);
    if (!match)
        return fail(c, "item %s/%s has %s, want %s", a[0], a[1], why, a[2]);
    return ST_OK;
}

static enum status expect_cmsg_size(struct ctx *c, char *const *a, int space)
{
    size_t l, got;
    int64_t want;
    enum status st;

    if ((st = parse_size(c, a[0], &l)) != ST_OK ||
        (st = parse_int(c, a[1], &want)) != ST_OK)
        return st;
    got = space ? xapi_cmsg_space(l) : xapi_cmsg_len(l);
    if (got == 0)
        return callfail(c, errno, space ? "xapi_cmsg_space" : "xapi_cmsg_len");
    if (want < 0 || got != (uint64_t)want)
        return fail(c, "%s(%zu) is %zu, want %" PRId64,
                    space ? "CMSG_SPACE" : "CMSG_LEN", l, got, want);
    return ST_OK;
}

static enum status op_expect_cmsg_space(struct ctx *c, char *const *a,
                                        size_t n)
{
    (void)n;
    return expect_cmsg_size(c, a, 1);
}

static enum status op_expect_cmsg_len(struct ctx *c, char *const *a, size_t n)
{
    (void)n;
    return expect_cmsg_size(c, a, 0);
}

static enum status op_build_cmsgs(struct ctx *c, char *const *a, size_t n)
{
    const char *expect = NULL;
    bytes got, want;
    enum status st;

    if (n > 0 && strncmp(a[n - 1], "expect=", 7) == 0) {
        expect = a[n - 1] + 7;
        n--;
    }
    if (n == 0)
        return fail(c, "build_cmsgs needs at least one CMSG");
    if ((st = build_control(c, a, n, &got)) != ST_OK)
        return st;
    if (expect != NULL) {
        if ((st = parse_bytes(c, expect, &want)) == ST_OK) {
            if (want.n != got.n || memcmp(want.p, got.p, got.n) != 0) {
                char gh[64], wh[64];

                hex_text(got.p, got.n, gh, sizeof(gh));
                hex_text(want.p, want.n, wh, sizeof(wh));
                st = fail(c, "built x:%s (%zu bytes), want x:%s (%zu bytes)",
                          gh, got.n, wh, want.n);
            }
            bytes_free(&want);
        }
    }
    bytes_free(&got);
    return st;
}

static enum status op_parse_cmsgs(struct ctx *c, char *const *a, size_t n)
{
    bytes buf;
    struct message nm;
    enum status st;

    (void)n;
    if ((st = parse_bytes(c, a[0], &buf)) != ST_OK)
        return st;
    memset(&nm, 0, sizeof(nm));
    st = collect_items(c, buf.p, buf.n, 1, &nm.items, &nm.nitems);
    bytes_free(&buf);
    if (st != ST_OK)
        return st;
    nm.present = 1;
    message_clear(&c->msg);
    c->msg = nm;
    return ST_OK;
}

static enum status op_expect_ifindex(struct ctx *c, char *const *a, size_t n)
{
    unsigned want, got;
    enum status st;

    (void)n;
    if ((st = sys_ifindex(c, a[0], &want)) != ST_OK)
        return st;
    got = xapi_if_nametoindex(a[0]);
    if (got == 0)
        return callfail(c, errno, "xapi_if_nametoindex");
    if (got != want)
        return fail(c, "if_nametoindex(%s) is %u, /sys says %u", a[0], got,
                    want);
    return ST_OK;
}

static enum status op_expect_ifname(struct ctx *c, char *const *a, size_t n)
{
    unsigned idx;
    char name[IF_NAMESIZE];
    enum status st;

    (void)n;
    if ((st = sys_ifindex(c, a[0], &idx)) != ST_OK)
        return st;
    if (xapi_if_indextoname(idx, name, sizeof(name)) < 0)
        return callfail(c, errno, "xapi_if_indextoname");
    if (strnlen(name, sizeof(name)) == sizeof(name))
        return fail(c, "if_indextoname(%u) is not terminated", idx);
    if (strcmp(name, a[0]) != 0)
        return fail(c, "if_indextoname(%u) is '%s', want '%s'", idx, name,
                    a[0]);
    return ST_OK;
}

static enum status op_expect_nameindex_sys(struct ctx *c, char *const *a,
                                           size_t n)
{
    xapi_ifentry *list = NULL;
    size_t count = 0, cap = 0, i, j, nsys = 0;
    DIR *d;
    struct dirent *e;
    int tries;
    enum status st = ST_OK;

    (void)a;
    (void)n;
    for (tries = 0; tries < 5; tries++) {
        if (xapi_if_nameindex(list, cap, &count) == 0)
            break;
        if (errno != ENOSPC) {
            free(list);
            return callfail(c, errno, "xapi_if_nameindex");
        }
        if (count <= cap) {
            free(list);
            return fail(c, "xapi_if_nameindex: ENOSPC with %zu <= cap %zu",
                        count, cap);
        }
        cap = count + 4; /* room for an interface appearing meanwhile */
        list = xrealloc(list, cap * sizeof(*list));
    }
    if (tries == 5) {
        free(list);
        return fail(c, "xapi_if_nameindex kept growing");
    }
    for (i = 0; i < count; i++)
        for (j = i + 1; j < count; j++)
            if (list[i].index == list[j].index)
                st = fail(c, "index %u listed twice", list[i].index);

    d = opendir("/sys/class/net");
    if (d == NULL) {
        free(list);
        return fail(c, "opendir /sys/class/net: %s", strerror(errno));
    }
    while (st == ST_OK && (e = readdir(d)) != NULL) {
        char path[300];
        unsigned idx;
        struct stat sb;

        if (e->d_name[0] == '.')
            continue;
        /* Not every entry is an interface (bonding_masters). */
        snprintf(path, sizeof(path), "/sys/class/net/%s/ifindex", e->d_name);
        if (stat(path, &sb) < 0)
            continue;
        if ((st = sys_ifindex(c, e->d_name, &idx)) != ST_OK)
            break;
        nsys++;
        for (i = 0; i < count; i++)
            if (strcmp(list[i].name, e->d_name) == 0)
                break;
        if (i == count)
            st = fail(c, "%s (index %u) is not listed", e->d_name, idx);
        else if (list[i].index != idx)
            st = fail(c, "%s is listed with index %u, /sys says %u",
                      e->d_name, list[i].index, idx);
    }
    closedir(d);
    if (st == ST_OK && nsys != count)
        st = fail(c, "%zu interfaces listed, /sys/class/net has %zu", count,
                  nsys);
    free(list);
    return st;
}

static enum status op_expect_constant(struct ctx *c, char *const *a, size_t n)
{
    long got;
    int64_t want;
    enum status st;

    (void)n;
    if ((st = parse_int(c, a[1], &want)) != ST_OK)
        return st;
    if (xapi_constant_value(a[0], &got) < 0)
        return callfail(c, errno, "xapi_constant_value");
    if ((int64_t)got != want)
        return fail(c, "%s is %ld, want %" PRId64, a[0], got, want);
    return ST_OK;
}

static enum status op_if_nametoindex(struct ctx *c, char *const *a, size_t n)
{
    (void)n;
    if (xapi_if_nametoindex(a[0]) == 0)
        return callfail(c, errno, "xapi_if_nametoindex");
    return ST_OK;
}

static enum status op_if_indextoname(struct ctx *c, char *const *a, size_t n)
{
    int64_t idx;
    char name[IF_NAMESIZE];
    enum status st;

    (void)n;
    if ((st = parse_int(c, a[0], &idx)) != ST_OK)
        return st;
    if (idx < 0 || idx > UINT_MAX)
        return callfail(c, ERANGE, "index conversion");
    if (xapi_if_indextoname((unsigned)idx, name, sizeof(name)) < 0)
        return callfail(c, errno, "xapi_if_indextoname");
    return ST_OK;
}

static enum status run_words(struct ctx *c, char *const *w, size_t n);

static enum status op_expect_error(struct ctx *c, char *const *a, size_t n)
{
    int want_errno = 0, arg = 0;
    enum status st;

    if (c->in_expect_error)
        return fail(c, "expect_error inside expect_error");
    if (strcmp(a[0], "arg") == 0)
        arg = 1;
    else if (strncmp(a[0], "os:", 3) != 0 ||
             errno_by_name(a[0] + 3, &want_errno) < 0)
        return fail(c, "bad error KIND '%s'", a[0]);
    c->in_expect_error = 1;
    st = run_words(c, a + 1, n - 1);
    c->in_expect_error = 0;
    switch (st) {
    case ST_OK:
        return fail(c, "%s succeeded, want %s", a[1], a[0]);
    case ST_SKIP:
        return fail(c, "%s cannot skip inside expect_error", a[1]);
    case ST_FAIL:
        return st;
    case ST_CALLFAIL:
        break;
    }
    if (arg ? !is_arg_errno(c->call_errno) : c->call_errno != want_errno)
        return fail(c, "%s failed with %s (%s), want %s", c->call_what,
                    errno_label(c->call_errno), strerror(c->call_errno),
                    arg ? "arg (EINVAL, ERANGE, EOVERFLOW or ENAMETOOLONG)"
                        : a[0] + 3);
    return ST_OK;
}

/* Variables (SPEC.md "Variables"). */
static enum status op_set(struct ctx *c, char *const *a, size_t n)
{
    bytes b;
    enum status st;

    (void)n;
    if ((st = parse_bytes(c, a[1], &b)) != ST_OK)
        return st;
    var_set(c, a[0], &b);
    return ST_OK;
}

static enum status op_expect_bytes(struct ctx *c, char *const *a, size_t n)
{
    const bytes *got = var_get(c, a[0]);
    bytes want;
    enum status st;
    int same;

    (void)n;
    if (got == NULL)
        return fail(c, "no variable named '%s'", a[0]);
    if ((st = parse_bytes(c, a[1], &want)) != ST_OK)
        return st;
    same = got->n == want.n && (want.n == 0 || memcmp(got->p, want.p,
                                                       want.n) == 0);
    if (!same) {
        char g[2 * 256 + 4], w[2 * 256 + 4];
        size_t i;

        for (i = 0; i < got->n && i < 256; i++)
            snprintf(g + 2 * i, 3, "%02x", got->p[i]);
        g[2 * (got->n < 256 ? got->n : 256)] = '\0';
        for (i = 0; i < want.n && i < 256; i++)
            snprintf(w + 2 * i, 3, "%02x", want.p[i]);
        w[2 * (want.n < 256 ? want.n : 256)] = '\0';
        bytes_free(&want);
        return fail(c, "%s is %s, expected %s", a[0], g, w);
    }
    bytes_free(&want);
    return ST_OK;
}

static enum status op_take_cmsg(struct ctx *c, char *const *a, size_t n)
{
    int64_t level, type;
    enum status st;
    size_t i;

    (void)n;
    if ((st = parse_int(c, a[1], &level)) != ST_OK ||
        (st = parse_int(c, a[2], &type)) != ST_OK)
        return st;
    if (!c->msg.present)
        return fail(c, "no items yet");
    for (i = 0; i < c->msg.nitems; i++) {
        const struct item *it = &c->msg.items[i];
        bytes b;

        if (it->level != level || it->type != type)
            continue;
        bytes_alloc(&b, it->data.n);
        if (it->data.n > 0)
            memcpy(b.p, it->data.p, it->data.n);
        var_set(c, a[0], &b);
        return ST_OK;
    }
    return fail(c, "no item (%" PRId64 ", %" PRId64 ")", level, type);
}

static int count_fds(void);

/* The topic files: each defines its op functions, a cleanup function
 * (topic_cleanup_NAME(struct ctx *)) and a macro OPS_NAME listing its
 * table entries.  They are part of this translation unit, so they use
 * the helpers above (fail, parse_int, parse_bytes, find_sock, ...). */
#include "ops_rfc3542.c"
#include "ops_net.c"
#include "ops_batch.c"
#include "ops_family.c"
#include "ops_ts.c"
#include "ops_fdpass.c"
#include "ops_origdst.c"
#include "ops_mcast.c"
#include "ops_icmpext.c"
#include "ops_gro.c"
#include "ops_send.c"

static const struct op {
    const char *name;
    size_t min, max; /* argument counts */
    op_fn fn;
} ops[] = {
    { "set", 2, 2, op_set },
    { "expect_bytes", 2, 2, op_expect_bytes },
    { "take_cmsg", 3, 3, op_take_cmsg },
    OPS_RFC3542
    OPS_NET
    OPS_BATCH
    OPS_FAMILY
    OPS_TS
    OPS_FDPASS
    OPS_ORIGDST
    OPS_SEND
    OPS_MCAST
    OPS_ICMPEXT
    OPS_GRO
    { "needs", 1, 1, op_needs },
    { "socket", 3, 4, op_socket },
    { "bind", 3, 3, op_bind },
    { "listen", 1, 1, op_listen },
    { "accept", 2, 2, op_accept },
    { "connect", 2, 2, op_connect },
    { "close", 1, 1, op_close },
    { "setsockopt", 4, 4, op_setsockopt },
    { "expect_sockopt", 4, 4, op_expect_sockopt },
    { "expect_sockname", 2, 2, op_expect_sockname },
    { "sendmsg", 2, SIZE_MAX, op_sendmsg },
    { "recvmsg", 2, 4, op_recvmsg },
    { "expect_data", 1, 1, op_expect_data },
    { "expect_len", 1, 1, op_expect_len },
    { "expect_flags_set", 1, 1, op_expect_flags_set },
    { "expect_flags_clear", 1, 1, op_expect_flags_clear },
    { "expect_from", 1, 1, op_expect_from },
    { "expect_ncmsg", 1, 1, op_expect_ncmsg },
    { "expect_cmsg", 3, 3, op_expect_cmsg },
    { "expect_cmsg_space", 2, 2, op_expect_cmsg_space },
    { "expect_cmsg_len", 2, 2, op_expect_cmsg_len },
    { "build_cmsgs", 1, SIZE_MAX, op_build_cmsgs },
    { "parse_cmsgs", 1, 1, op_parse_cmsgs },
    { "expect_ifindex", 1, 1, op_expect_ifindex },
    { "expect_ifname", 1, 1, op_expect_ifname },
    { "expect_nameindex_sys", 0, 0, op_expect_nameindex_sys },
    { "expect_constant", 2, 2, op_expect_constant },
    { "if_nametoindex", 1, 1, op_if_nametoindex },
    { "if_indextoname", 1, 1, op_if_indextoname },
    { "expect_error", 2, SIZE_MAX, op_expect_error },
};

static enum status run_words(struct ctx *c, char *const *w, size_t n)
{
    size_t i;

    if (n == 0)
        return fail(c, "empty operation");
    for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
        if (strcmp(ops[i].name, w[0]) != 0)
            continue;
        if (n - 1 < ops[i].min || n - 1 > ops[i].max)
            return fail(c, "%s takes %zu to %zu arguments, got %zu", w[0],
                        ops[i].min, ops[i].max, n - 1);
        return ops[i].fn(c, w + 1, n - 1);
    }
    return fail(c, "unknown operation '%s'", w[0]);
}

/* ------------------------------------------------------------------ */
/* Running one case (in a child)                                        */
/* ------------------------------------------------------------------ */

static int count_fds(void)
{
    DIR *d = opendir("/proc/self/fd");
    struct dirent *e;
    int n = 0;

    if (d == NULL)
        return -1;
    while ((e = readdir(d)) != NULL)
        if (e->d_name[0] != '.')
            n++;
    closedir(d);
    return n;
}

static void cleanup_case(struct ctx *c)
{
    size_t i;

    for (i = 0; i < c->nsocks; i++) {
        xapi_close(c->socks[i].fd);
        free(c->socks[i].name);
    }
    free(c->socks);
    c->socks = NULL;
    c->nsocks = c->capsocks = 0;
    if (c->devnull_fd >= 0)
        close(c->devnull_fd);
    c->devnull_fd = -1;
    message_clear(&c->msg);
    vars_free(c);
    topic_cleanup_rfc3542(c);
    topic_cleanup_net(c);
    topic_cleanup_batch(c);
    topic_cleanup_family(c);
    topic_cleanup_ts(c);
    topic_cleanup_fdpass(c);
    topic_cleanup_origdst(c);
    topic_cleanup_mcast(c);
    topic_cleanup_icmpext(c);
    topic_cleanup_gro(c);
    topic_cleanup_send(c);
}

/* Runs a case; fills status and reason. */
static enum status run_case(const struct suite *s, const struct case_def *cd,
                            char *reason, size_t reasonlen)
{
    struct ctx c;
    enum status st = ST_OK;
    size_t i;
    int before, after;

    memset(&c, 0, sizeof(c));
    c.suite = s;
    c.cd = cd;
    c.devnull_fd = -1;
    before = count_fds();
    for (i = 0; i < cd->nlines && st == ST_OK; i++) {
        c.ln = &cd->lines[i];
        st = run_words(&c, c.ln->words, c.ln->nwords);
        if (st == ST_CALLFAIL)
            st = fail(&c, "%s failed: %s (%s)", c.call_what,
                      errno_label(c.call_errno), strerror(c.call_errno));
    }
    cleanup_case(&c);
    after = count_fds();
    if (before < 0 || after < 0) {
        if (st == ST_OK) {
            c.ln = NULL;
            st = fail(&c, "cannot count descriptors in /proc/self/fd");
        }
    } else if (after != before && st != ST_SKIP) {
        char extra[128];

        snprintf(extra, sizeof(extra), "%s%d descriptors open before the "
                 "case, %d after", st == ST_OK ? "" : "; and: ", before, after);
        if (st == ST_OK)
            c.reason[0] = '\0';
        strncat(c.reason, extra, sizeof(c.reason) - strlen(c.reason) - 1);
        st = ST_FAIL;
    }
    snprintf(reason, reasonlen, "%s", c.reason);
    return st;
}

/* ------------------------------------------------------------------ */
/* Loading the case files                                               */
/* ------------------------------------------------------------------ */

static struct case_def *new_case(struct suite *s, const char *id,
                                 const char *file, int lineno)
{
    struct case_def *cd;

    if (s->ncases == s->cap) {
        s->cap = s->cap ? 2 * s->cap : 64;
        s->cases = xrealloc(s->cases, s->cap * sizeof(*s->cases));
    }
    cd = &s->cases[s->ncases++];
    memset(cd, 0, sizeof(*cd));
    cd->id = xstrdup(id);
    cd->file = xstrdup(file);
    cd->lineno = lineno;
    return cd;
}

static void set_error(struct case_def *cd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void set_error(struct case_def *cd, const char *fmt, ...)
{
    char buf[REASON_MAX];
    va_list ap;

    if (cd->error != NULL)
        return; /* the first problem is the one to fix */
    va_start(ap, fmt);
    vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    cd->error = xstrdup(buf);
}

/* A line that belongs to no case is reported as a failed pseudo-case
 * named FILE:LINE, so it cannot go unnoticed. */
static void stray_line(struct suite *s, const char *file, int lineno,
                       const char *why)
{
    char id[300];
    struct case_def *cd;

    snprintf(id, sizeof(id), "%s:%d", file, lineno);
    cd = new_case(s, id, file, lineno);
    set_error(cd, "%s:%d: %s", file, lineno, why);
}

/* word with every $uniq replaced */
static char *expand_word(const char *w, size_t len, const char *uniq)
{
    static const char token[] = "$uniq";
    size_t tl = sizeof(token) - 1, ul = strlen(uniq), n = 0, i, o = 0;
    char *out;

    for (i = 0; i + tl <= len; i++)
        if (memcmp(w + i, token, tl) == 0) {
            n++;
            i += tl - 1;
        }
    out = xmalloc(len + n * ul + 1);
    for (i = 0; i < len;) {
        if (i + tl <= len && memcmp(w + i, token, tl) == 0) {
            memcpy(out + o, uniq, ul);
            o += ul;
            i += tl;
        } else {
            out[o++] = w[i++];
        }
    }
    out[o] = '\0';
    return out;
}

static int valid_id(const char *id)
{
    const char *p;

    if (*id == '\0')
        return 0;
    for (p = id; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
              *p == '_' || *p == '.' || *p == '-'))
            return 0;
    return 1;
}

static void free_line(struct line *l)
{
    size_t i;

    for (i = 0; i < l->nwords; i++)
        free(l->words[i]);
    free(l->words);
}

static void load_file(struct suite *s, const char *dir, const char *file)
{
    size_t pathlen = strlen(dir) + strlen(file) + 2;
    char *path = xmalloc(pathlen);
    FILE *f;
    char *buf = NULL;
    size_t bufcap = 0;
    ssize_t len;
    int lineno = 0;
    struct case_def *cur = NULL;
    size_t i;

    snprintf(path, pathlen, "%s/%s", dir, file);
    f = fopen(path, "re");
    free(path);
    if (f == NULL) {
        char why[300];

        snprintf(why, sizeof(why), "cannot open: %s", strerror(errno));
        stray_line(s, file, 0, why);
        return;
    }
    while ((len = getline(&buf, &bufcap, f)) >= 0) {
        struct line ln;
        size_t pos = 0;

        lineno++;
        memset(&ln, 0, sizeof(ln));
        ln.lineno = lineno;
        if (memchr(buf, '\0', (size_t)len) != NULL) {
            if (cur != NULL)
                set_error(cur, "%s:%d: NUL byte in the line", file, lineno);
            else
                stray_line(s, file, lineno, "NUL byte in the line");
            continue;
        }
        /* Split on blanks. */
        while (pos < (size_t)len) {
            size_t start;

            while (pos < (size_t)len && strchr(" \t\r\n\v\f", buf[pos]))
                pos++;
            if (pos >= (size_t)len)
                break;
            start = pos;
            while (pos < (size_t)len && !strchr(" \t\r\n\v\f", buf[pos]))
                pos++;
            ln.words = xrealloc(ln.words, (ln.nwords + 1) * sizeof(char *));
            ln.words[ln.nwords++] = expand_word(buf + start, pos - start,
                                                s->uniq);
        }
        if (ln.nwords == 0 || ln.words[0][0] == '#') {
            free_line(&ln);
            continue;
        }
        if (strcmp(ln.words[0], "case") == 0) {
            if (cur != NULL)
                set_error(cur, "%s:%d: case %s has no end before line %d",
                          file, cur->lineno, cur->id, lineno);
            if (ln.nwords < 2) {
                stray_line(s, file, lineno, "case without an ID");
                cur = NULL;
            } else {
                const char *id = ln.words[1];
                int dup = 0;

                for (i = 0; i < s->ncases; i++)
                    if (strcmp(s->cases[i].id, id) == 0)
                        dup = 1;
                cur = new_case(s, id, file, lineno);
                if (dup)
                    set_error(cur, "%s:%d: duplicate case ID %s", file,
                              lineno, id);
                else if (!valid_id(id))
                    set_error(cur, "%s:%d: case ID '%s' is not [a-z0-9_.-]+",
                              file, lineno, id);
            }
            free_line(&ln);
        } else if (strcmp(ln.words[0], "end") == 0) {
            if (cur == NULL)
                stray_line(s, file, lineno, "end outside a case");
            else if (ln.nwords > 1)
                set_error(cur, "%s:%d: words after end", file, lineno);
            cur = NULL;
            free_line(&ln);
        } else if (cur == NULL) {
            stray_line(s, file, lineno, "operation outside a case");
            free_line(&ln);
        } else {
            cur->lines = xrealloc(cur->lines,
                                  (cur->nlines + 1) * sizeof(*cur->lines));
            cur->lines[cur->nlines++] = ln;
        }
    }
    if (cur != NULL)
        set_error(cur, "%s:%d: case %s has no end", file, cur->lineno,
                  cur->id);
    free(buf);
    fclose(f);
}

static int is_cases_file(const struct dirent *e)
{
    size_t n = strlen(e->d_name);

    return e->d_name[0] != '.' && n > 6 &&
           strcmp(e->d_name + n - 6, ".cases") == 0;
}

static int load_dir(struct suite *s, const char *dir)
{
    struct dirent **names;
    int n, i;

    n = scandir(dir, &names, is_cases_file, alphasort);
    if (n < 0) {
        fprintf(stderr, "runner-c: %s: %s\n", dir, strerror(errno));
        return -1;
    }
    for (i = 0; i < n; i++) {
        load_file(s, dir, names[i]->d_name);
        free(names[i]);
    }
    free(names);
    return 0;
}

static void free_suite(struct suite *s)
{
    size_t i, j;

    for (i = 0; i < s->ncases; i++) {
        for (j = 0; j < s->cases[i].nlines; j++)
            free_line(&s->cases[i].lines[j]);
        free(s->cases[i].lines);
        free(s->cases[i].id);
        free(s->cases[i].file);
        free(s->cases[i].error);
    }
    free(s->cases);
}

/* ------------------------------------------------------------------ */
/* Main: one child per case                                             */
/* ------------------------------------------------------------------ */

static int selected(const struct case_def *cd, char **patterns, int npat)
{
    int i;

    /* A stray line (a pseudo-case named FILE:LINE) belongs to no ID. */
    if (npat == 0 || strchr(cd->id, ':') != NULL)
        return 1;
    for (i = 0; i < npat; i++)
        if (fnmatch(patterns[i], cd->id, 0) == 0)
            return 1;
    return 0;
}

/* One line for TAP: no newline, no leading '#'-directive confusion. */
static void tap_clean(char *s)
{
    for (; *s; s++)
        if (*s == '\n' || *s == '\r' || (unsigned char)*s < 0x20)
            *s = ' ';
}

/* Runs the case in a child; the result comes back through a pipe as one
 * status byte and the reason. */
static enum status run_isolated(const struct suite *s,
                                const struct case_def *cd, char *reason,
                                size_t reasonlen)
{
    int p[2], wstatus;
    pid_t pid;
    char buf[REASON_MAX + 2];
    size_t got = 0;
    ssize_t r;
    enum status st;

    if (pipe2(p, O_CLOEXEC) < 0) {
        snprintf(reason, reasonlen, "pipe: %s", strerror(errno));
        return ST_FAIL;
    }
    fflush(NULL);
    pid = fork();
    if (pid < 0) {
        snprintf(reason, reasonlen, "fork: %s", strerror(errno));
        close(p[0]);
        close(p[1]);
        return ST_FAIL;
    }
    if (pid == 0) {
        char out[REASON_MAX + 1];
        size_t len, off = 0;

        close(p[0]);
        alarm(RUNNER_CASE_SECONDS);
        st = run_case(s, cd, out + 1, sizeof(out) - 1);
        out[0] = (char)('0' + st);
        len = 1 + strlen(out + 1);
        while (off < len) {
            r = write(p[1], out + off, len - off);
            if (r < 0 && errno == EINTR)
                continue;
            if (r <= 0)
                break;
            off += (size_t)r;
        }
        close(p[1]);
        /* exit(), not _exit(): LeakSanitizer checks the case at exit and
         * a leak then turns the exit status, and so the case, into a
         * failure. */
        exit(0);
    }
    close(p[1]);
    for (;;) {
        r = read(p[0], buf + got, sizeof(buf) - 1 - got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        got += (size_t)r;
        if (got == sizeof(buf) - 1)
            break;
    }
    close(p[0]);
    buf[got] = '\0';
    while (waitpid(pid, &wstatus, 0) < 0) {
        if (errno != EINTR) {
            snprintf(reason, reasonlen, "waitpid: %s", strerror(errno));
            return ST_FAIL;
        }
    }
    if (WIFSIGNALED(wstatus)) {
        int sig = WTERMSIG(wstatus);

        snprintf(reason, reasonlen, "%s: killed by signal %d (%s)%s%s",
                 sig == SIGALRM ? "timed out" : "crashed", sig, strsignal(sig),
                 got > 1 ? " after: " : "", got > 1 ? buf + 1 : "");
        return ST_FAIL;
    }
    if (got == 0 || (buf[0] != '0' + ST_OK && buf[0] != '0' + ST_FAIL &&
                     buf[0] != '0' + ST_SKIP)) {
        snprintf(reason, reasonlen, "the case's process exited with status "
                 "%d without a result (see the log for a sanitizer report)",
                 WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : -1);
        return ST_FAIL;
    }
    st = (enum status)(buf[0] - '0');
    snprintf(reason, reasonlen, "%s", buf + 1);
    if (!WIFEXITED(wstatus) || WEXITSTATUS(wstatus) != 0) {
        size_t l = strlen(reason);

        snprintf(reason + l, reasonlen - l, "%sthe case's process exited "
                 "with status %d (see the log for a sanitizer report)",
                 l > 0 ? "; " : "",
                 WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : -1);
        return ST_FAIL;
    }
    return st;
}

int main(int argc, char **argv)
{
    struct suite s;
    const char *dir = NULL, *env;
    char dirbuf[4096];
    char **patterns = argv + 1;
    int npat = argc - 1, failed = 0;
    size_t i, nsel = 0, k = 0;
    struct stat sb;

    memset(&s, 0, sizeof(s));
    snprintf(s.uniq, sizeof(s.uniq), "c%ld", (long)getpid());
    if (argc > 1 && stat(argv[1], &sb) == 0 && S_ISDIR(sb.st_mode)) {
        dir = argv[1];
        patterns++;
        npat--;
    } else if ((env = getenv("XAPI_MATRIX_CASES")) != NULL && *env) {
        dir = env;
    } else if ((env = getenv("srcdir")) != NULL && *env) {
        snprintf(dirbuf, sizeof(dirbuf), "%s/matrix/cases", env);
        if (stat(dirbuf, &sb) != 0)
            snprintf(dirbuf, sizeof(dirbuf), "%s/cases", env);
        dir = dirbuf;
    } else {
#ifdef XAPI_MATRIX_SOURCE_CASES
        /* The source tree this runner was built from. */
        dir = XAPI_MATRIX_SOURCE_CASES;
#else
        dir = "cases";
#endif
    }
    if (load_dir(&s, dir) < 0) {
        printf("Bail out! cannot read the case directory %s\n", dir);
        free_suite(&s);
        return 2;
    }
    for (i = 0; i < s.ncases; i++)
        nsel += selected(&s.cases[i], patterns, npat);
    printf("1..%zu\n", nsel);
    for (i = 0; i < s.ncases; i++) {
        const struct case_def *cd = &s.cases[i];
        char reason[REASON_MAX + 200];
        enum status st;

        if (!selected(cd, patterns, npat))
            continue;
        k++;
        if (cd->error != NULL) {
            snprintf(reason, sizeof(reason), "%s", cd->error);
            st = ST_FAIL;
        } else {
            st = run_isolated(&s, cd, reason, sizeof(reason));
        }
        tap_clean(reason);
        if (st == ST_OK) {
            printf("ok %zu - %s\n", k, cd->id);
        } else if (st == ST_SKIP) {
            printf("ok %zu - %s # SKIP %s\n", k, cd->id, reason);
        } else {
            printf("not ok %zu - %s # %s\n", k, cd->id, reason);
            failed++;
        }
        fflush(stdout);
    }
    free_suite(&s);
    return failed > 0 ? 1 : 0;
}
