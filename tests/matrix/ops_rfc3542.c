/*
 * ops_rfc3542.c - the C runner's operations for the rfc3542 cases (SPEC.md,
 * section "RFC 3542").  #included by runner.c before its operation table:
 * it uses runner.c's helpers and struct ctx directly.  Per-case state (the
 * last SRH parsed, the last options walked) hangs off c->rfc3542 and is
 * freed by topic_cleanup_rfc3542().
 *
 * Byte strings built here (filters, routing headers, option headers,
 * next-hop payloads) live in the case's variables, as SPEC.md asks.  A
 * failed libxapi call is reported with callfail(), so that every op works
 * inside expect_error; a problem with the case file itself is fail().
 * Expected addresses are parsed with libc's inet_pton, never with xapi.
 */

struct rfc3542_opt {
    int type;
    bytes data;
};

struct rfc3542_state {
    int have_srh;
    xapi_srh_info srh;
    bytes srh_tlv;             /* a copy of the parsed SRH's TLVs */
    int have_opts;
    struct rfc3542_opt *opts;  /* the last opt_walk */
    size_t nopts;
};

static void rfc3542_opts_clear(struct rfc3542_state *s)
{
    size_t i;

    for (i = 0; i < s->nopts; i++)
        bytes_free(&s->opts[i].data);
    free(s->opts);
    s->opts = NULL;
    s->nopts = 0;
    s->have_opts = 0;
}

static void topic_cleanup_rfc3542(struct ctx *c)
{
    if (c->rfc3542 == NULL)
        return;
    rfc3542_opts_clear(c->rfc3542);
    bytes_free(&c->rfc3542->srh_tlv);
    free(c->rfc3542);
    c->rfc3542 = NULL;
}

static struct rfc3542_state *rfc3542_state(struct ctx *c)
{
    if (c->rfc3542 == NULL) {
        c->rfc3542 = xmalloc(sizeof(*c->rfc3542));
        memset(c->rfc3542, 0, sizeof(*c->rfc3542));
    }
    return c->rfc3542;
}

/* ------------------------------------------------------------------ */
/* Helpers                                                              */
/* ------------------------------------------------------------------ */

/* A variable the op works on; a missing one is a mistake in the case. */
static enum status rfc_var(struct ctx *c, const char *name, const bytes **out)
{
    *out = var_get(c, name);
    if (*out == NULL)
        return fail(c, "no variable named '%s'", name);
    return ST_OK;
}

/* Stores a copy of n bytes at p under name. */
static void rfc_var_set_copy(struct ctx *c, const char *name, const void *p,
                             size_t n)
{
    bytes b;

    bytes_alloc(&b, n);
    if (n > 0)
        memcpy(b.p, p, n);
    var_set(c, name, &b);
}

/* Compares got with want; on a difference, fails naming the first byte
 * that differs and the hex from there. */
static enum status rfc_same(struct ctx *c, const char *what,
                            const unsigned char *got, size_t gotn,
                            const unsigned char *want, size_t wantn)
{
    size_t i, m = gotn < wantn ? gotn : wantn;
    char gh[64], wh[64];

    for (i = 0; i < m; i++)
        if (got[i] != want[i])
            break;
    if (i == m && gotn == wantn)
        return ST_OK;
    hex_text(got + i, gotn - i, gh, sizeof(gh));
    hex_text(want + i, wantn - i, wh, sizeof(wh));
    return fail(c, "%s: %zu bytes, want %zu; from byte %zu: x:%s, want x:%s",
                what, gotn, wantn, i, gh, wh);
}

/* An IPv6 address the case gives as the expected value: libc parses it. */
static enum status rfc_want_addr(struct ctx *c, const char *text,
                                 struct in6_addr *out)
{
    if (inet_pton(AF_INET6, text, out) != 1)
        return fail(c, "'%s' is not an IPv6 address", text);
    return ST_OK;
}

/* An IPv6 address as the input of a call: text that is not one is the
 * argument error a C caller would get from inet_pton (EINVAL). */
static enum status rfc_in_addr(struct ctx *c, const char *text,
                               struct in6_addr *out)
{
    if (inet_pton(AF_INET6, text, out) != 1)
        return callfail(c, EINVAL, "inet_pton");
    return ST_OK;
}

static void rfc_addr_text(const struct in6_addr *a, char *out, size_t cap)
{
    if (inet_ntop(AF_INET6, a, out, (socklen_t)cap) == NULL)
        snprintf(out, cap, "?");
}

/* An INT word for a field of at most max (a C caller has to check before
 * narrowing): outside 0..max is ERANGE in the call path. */
static enum status rfc_uint_field(struct ctx *c, const char *word,
                                  int64_t max, unsigned *out)
{
    int64_t v;
    enum status st = parse_int(c, word, &v);

    if (st != ST_OK)
        return st;
    if (v < 0 || v > max)
        return callfail(c, ERANGE, "field range check");
    *out = (unsigned)v;
    return ST_OK;
}

/* ------------------------------------------------------------------ */
/* ICMPv6 filters                                                       */
/* ------------------------------------------------------------------ */

static enum status rfc_filter_get(struct ctx *c, const char *name,
                                  xapi_icmp6_filter *f)
{
    const bytes *b;
    enum status st;

    if ((st = rfc_var(c, name, &b)) != ST_OK)
        return st;
    if (b->n != sizeof(*f))
        return fail(c, "variable '%s' holds %zu bytes, not a %zu-byte "
                       "filter", name, b->n, sizeof(*f));
    memcpy(f, b->p, sizeof(*f));
    return ST_OK;
}

static enum status op_icmp6_filter(struct ctx *c, char *const *a, size_t n)
{
    xapi_icmp6_filter f;

    (void)n;
    if (strcmp(a[1], "passall") == 0)
        xapi_icmp6_filter_setpassall(&f);
    else if (strcmp(a[1], "blockall") == 0)
        xapi_icmp6_filter_setblockall(&f);
    else
        return fail(c, "icmp6_filter wants passall or blockall, not '%s'",
                    a[1]);
    rfc_var_set_copy(c, a[0], &f, sizeof(f));
    return ST_OK;
}

static enum status icmp6_filter_one(struct ctx *c, char *const *a, int pass)
{
    xapi_icmp6_filter f;
    int type;
    enum status st;

    if ((st = rfc_filter_get(c, a[0], &f)) != ST_OK ||
        (st = parse_int32(c, a[1], &type)) != ST_OK)
        return st;
    if ((pass ? xapi_icmp6_filter_setpass(type, &f)
              : xapi_icmp6_filter_setblock(type, &f)) < 0)
        return callfail(c, errno, pass ? "xapi_icmp6_filter_setpass"
                                       : "xapi_icmp6_filter_setblock");
    rfc_var_set_copy(c, a[0], &f, sizeof(f));
    return ST_OK;
}

static enum status op_icmp6_filter_pass(struct ctx *c, char *const *a,
                                        size_t n)
{
    (void)n;
    return icmp6_filter_one(c, a, 1);
}

static enum status op_icmp6_filter_block(struct ctx *c, char *const *a,
                                         size_t n)
{
    (void)n;
    return icmp6_filter_one(c, a, 0);
}

/* Checks every type of a comma list: WILLPASS (pass) or WILLBLOCK, and
 * that the other call says the opposite. */
static enum status icmp6_expect_list(struct ctx *c,
                                     const xapi_icmp6_filter *f,
                                     const char *list, int pass)
{
    char *copy = xstrdup(list), *p = copy, *comma;
    enum status st = ST_OK;

    for (;;) {
        int type, wp, wb;

        comma = strchr(p, ',');
        if (comma != NULL)
            *comma = '\0';
        if ((st = parse_int32(c, p, &type)) != ST_OK)
            break;
        wp = xapi_icmp6_filter_willpass(type, f);
        if (wp < 0) {
            st = callfail(c, errno, "xapi_icmp6_filter_willpass");
            break;
        }
        wb = xapi_icmp6_filter_willblock(type, f);
        if (wb < 0) {
            st = callfail(c, errno, "xapi_icmp6_filter_willblock");
            break;
        }
        if (wp + wb != 1) {
            st = fail(c, "type %d: WILLPASS %d and WILLBLOCK %d", type, wp,
                      wb);
            break;
        }
        if (pass ? !wp : !wb) {
            st = fail(c, "type %d %s, want it %s", type,
                      wp ? "passes" : "is blocked",
                      pass ? "passing" : "blocked");
            break;
        }
        if (comma == NULL)
            break;
        p = comma + 1;
    }
    free(copy);
    return st;
}

static enum status op_expect_icmp6_filter(struct ctx *c, char *const *a,
                                          size_t n)
{
    xapi_icmp6_filter f;
    size_t i;
    enum status st;

    if ((st = rfc_filter_get(c, a[0], &f)) != ST_OK)
        return st;
    for (i = 1; i < n && st == ST_OK; i++) {
        if (strncmp(a[i], "pass=", 5) == 0)
            st = icmp6_expect_list(c, &f, a[i] + 5, 1);
        else if (strncmp(a[i], "block=", 6) == 0)
            st = icmp6_expect_list(c, &f, a[i] + 6, 0);
        else
            st = fail(c, "expect_icmp6_filter: unknown word '%s'", a[i]);
    }
    return st;
}

static enum status op_icmp6_filter_install(struct ctx *c, char *const *a,
                                           size_t n)
{
    xapi_icmp6_filter f;
    int fd;
    enum status st;

    (void)n;
    if ((st = get_fd(c, a[0], &fd)) != ST_OK ||
        (st = rfc_filter_get(c, a[1], &f)) != ST_OK)
        return st;
    if (xapi_icmp6_filter_set(fd, &f) < 0)
        return callfail(c, errno, "xapi_icmp6_filter_set");
    return ST_OK;
}

static enum status op_icmp6_filter_read(struct ctx *c, char *const *a,
                                        size_t n)
{
    xapi_icmp6_filter f;
    int fd;
    enum status st;

    (void)n;
    if ((st = get_fd(c, a[1], &fd)) != ST_OK)
        return st;
    /* Filled with a pattern no kernel filter read can leave behind
     * untouched by accident: a call that writes nothing shows. */
    memset(&f, 0xa5, sizeof(f));
    if (xapi_icmp6_filter_get(fd, &f) < 0)
        return callfail(c, errno, "xapi_icmp6_filter_get");
    rfc_var_set_copy(c, a[0], &f, sizeof(f));
    return ST_OK;
}

/* ------------------------------------------------------------------ */
/* Routing headers                                                      */
/* ------------------------------------------------------------------ */

static enum status rth_space_call(struct ctx *c, char *const *a, size_t *out)
{
    int type, segs;
    enum status st;

    if ((st = parse_int32(c, a[0], &type)) != ST_OK ||
        (st = parse_int32(c, a[1], &segs)) != ST_OK)
        return st;
    errno = 0;
    *out = xapi_inet6_rth_space(type, segs);
    if (*out == 0) {
        if (errno == 0)
            return fail(c, "xapi_inet6_rth_space(%d, %d) is 0 without "
                           "errno", type, segs);
        return callfail(c, errno, "xapi_inet6_rth_space");
    }
    return ST_OK;
}

static enum status op_rth_space(struct ctx *c, char *const *a, size_t n)
{
    size_t got;

    (void)n;
    return rth_space_call(c, a, &got);
}

static enum status op_expect_rth_space(struct ctx *c, char *const *a,
                                       size_t n)
{
    int64_t want;
    size_t got;
    enum status st;

    (void)n;
    if ((st = parse_int(c, a[2], &want)) != ST_OK)
        return st;
    if (want == 0) {
        /* SPEC: 0 means refused; C returns 0. */
        int type, segs;

        if ((st = parse_int32(c, a[0], &type)) != ST_OK ||
            (st = parse_int32(c, a[1], &segs)) != ST_OK)
            return st;
        got = xapi_inet6_rth_space(type, segs);
        if (got != 0)
            return fail(c, "inet6_rth_space(%s, %s) is %zu, want 0", a[0],
                        a[1], got);
        return ST_OK;
    }
    if ((st = rth_space_call(c, a, &got)) != ST_OK)
        return st;
    if (want < 0 || got != (uint64_t)want)
        return fail(c, "inet6_rth_space(%s, %s) is %zu, want %" PRId64,
                    a[0], a[1], got, want);
    return ST_OK;
}

static enum status op_rth_init(struct ctx *c, char *const *a, size_t n)
{
    size_t space;
    int type, segs;
    bytes b;
    enum status st;

    (void)n;
    if ((st = rth_space_call(c, a + 1, &space)) != ST_OK ||
        (st = parse_int32(c, a[1], &type)) != ST_OK ||
        (st = parse_int32(c, a[2], &segs)) != ST_OK)
        return st;
    bytes_alloc(&b, space);
    memset(b.p, 0xa5, space); /* init must write every byte it owns */
    if (xapi_inet6_rth_init(b.p, b.n, type, segs) < 0) {
        int err = errno;

        bytes_free(&b);
        return callfail(c, err, "xapi_inet6_rth_init");
    }
    var_set(c, a[0], &b);
    return ST_OK;
}

static enum status op_rth_add(struct ctx *c, char *const *a, size_t n)
{
    const bytes *b;
    struct in6_addr addr;
    enum status st;

    (void)n;
    if ((st = rfc_var(c, a[0], &b)) != ST_OK ||
        (st = rfc_in_addr(c, a[1], &addr)) != ST_OK)
        return st;
    /* The variable's bytes are the header: rth_add edits them in place. */
    if (xapi_inet6_rth_add(b->p, b->n, &addr) < 0)
        return callfail(c, errno, "xapi_inet6_rth_add");
    return ST_OK;
}

static enum status op_rth_reverse(struct ctx *c, char *const *a, size_t n)
{
    const bytes *b;
    enum status st;

    (void)n;
    if ((st = rfc_var(c, a[0], &b)) != ST_OK)
        return st;
    if (xapi_inet6_rth_reverse(b->p, b->n, b->p, b->n) < 0)
        return callfail(c, errno, "xapi_inet6_rth_reverse");
    return ST_OK;
}

static enum status op_rth_reverse_copy(struct ctx *c, char *const *a,
                                       size_t n)
{
    const bytes *in;
    bytes out;
    size_t hdr;
    enum status st;

    (void)n;
    if ((st = rfc_var(c, a[1], &in)) != ST_OK)
        return st;
    if (in->n < 2)
        return callfail(c, EINVAL, "routing header length check");
    hdr = ((size_t)in->p[1] + 1) * 8;
    /* Exactly the header's length: the call must not need more. */
    bytes_alloc(&out, hdr);
    memset(out.p, 0xa5, hdr);
    if (xapi_inet6_rth_reverse(in->p, in->n, out.p, out.n) < 0) {
        int err = errno;

        bytes_free(&out);
        return callfail(c, err, "xapi_inet6_rth_reverse");
    }
    var_set(c, a[0], &out);
    return ST_OK;
}

static enum status rth_segments_call(struct ctx *c, const char *var, int *out)
{
    const bytes *b;
    enum status st;

    if ((st = rfc_var(c, var, &b)) != ST_OK)
        return st;
    *out = xapi_inet6_rth_segments(b->p, b->n);
    if (*out < 0)
        return callfail(c, errno, "xapi_inet6_rth_segments");
    return ST_OK;
}

static enum status op_rth_segments(struct ctx *c, char *const *a, size_t n)
{
    int got;

    (void)n;
    return rth_segments_call(c, a[0], &got);
}

static enum status op_expect_rth_segments(struct ctx *c, char *const *a,
                                          size_t n)
{
    int64_t want;
    int got;
    enum status st;

    (void)n;
    if ((st = parse_int(c, a[1], &want)) != ST_OK ||
        (st = rth_segments_call(c, a[0], &got)) != ST_OK)
        return st;
    if (got != want)
        return fail(c, "inet6_rth_segments(%s) is %d, want %" PRId64, a[0],
                    got, want);
    return ST_OK;
}

static enum status rth_getaddr_call(struct ctx *c, char *const *a,
                                    struct in6_addr *out)
{
    const bytes *b;
    int idx;
    enum status st;

    if ((st = rfc_var(c, a[0], &b)) != ST_OK ||
        (st = parse_int32(c, a[1], &idx)) != ST_OK)
        return st;
    if (xapi_inet6_rth_getaddr(b->p, b->n, idx, out) < 0)
        return callfail(c, errno, "xapi_inet6_rth_getaddr");
    return ST_OK;
}

static enum status op_rth_getaddr(struct ctx *c, char *const *a, size_t n)
{
    struct in6_addr got;

    (void)n;
    return rth_getaddr_call(c, a, &got);
}

static enum status op_expect_rth_addr(struct ctx *c, char *const *a,
                                      size_t n)
{
    struct in6_addr want, got;
    char gt[INET6_ADDRSTRLEN];
    enum status st;

    (void)n;
    if ((st = rfc_want_addr(c, a[2], &want)) != ST_OK ||
        (st = rth_getaddr_call(c, a, &got)) != ST_OK)
        return st;
    if (memcmp(&want, &got, sizeof(want)) != 0) {
        rfc_addr_text(&got, gt, sizeof(gt));
        return fail(c, "inet6_rth_getaddr(%s, %s) is %s, want %s", a[0],
                    a[1], gt, a[2]);
    }
    return ST_OK;
}

/* ------------------------------------------------------------------ */
/* Segment Routing Header                                               */
/* ------------------------------------------------------------------ */

/* list=ADDR,ADDR,... into info->segments (wire order). */
static enum status srh_list(struct ctx *c, const char *list, int want,
                            struct in6_addr *out, size_t cap, size_t *count)
{
    char *copy = xstrdup(list), *p = copy, *comma;
    enum status st = ST_OK;

    *count = 0;
    if (*list == '\0') {
        free(copy);
        return ST_OK;
    }
    for (;;) {
        struct in6_addr a;

        comma = strchr(p, ',');
        if (comma != NULL)
            *comma = '\0';
        st = want ? rfc_want_addr(c, p, &a) : rfc_in_addr(c, p, &a);
        if (st != ST_OK)
            break;
        if (*count == cap) {
            /* More than an xapi_srh_info holds: a C caller cannot even
             * ask, so this is the argument error. */
            st = want ? fail(c, "more than %zu addresses", cap)
                      : callfail(c, EINVAL, "segment count check");
            break;
        }
        out[(*count)++] = a;
        if (comma == NULL)
            break;
        p = comma + 1;
    }
    free(copy);
    return st;
}

static enum status op_srh_build(struct ctx *c, char *const *a, size_t n)
{
    xapi_srh_info info;
    bytes tlv = { NULL, 0 }, out;
    const char *list = NULL, *left = NULL;
    size_t i, outlen = 0, cap;
    unsigned v;
    enum status st = ST_OK;

    memset(&info, 0, sizeof(info));
    for (i = 1; i < n && st == ST_OK; i++) {
        if (strncmp(a[i], "list=", 5) == 0) {
            list = a[i] + 5;
        } else if (strncmp(a[i], "left=", 5) == 0) {
            left = a[i] + 5;
        } else if (strncmp(a[i], "nh=", 3) == 0) {
            if ((st = rfc_uint_field(c, a[i] + 3, 255, &v)) == ST_OK)
                info.next_header = (uint8_t)v;
        } else if (strncmp(a[i], "flags=", 6) == 0) {
            if ((st = rfc_uint_field(c, a[i] + 6, 255, &v)) == ST_OK)
                info.flags = (uint8_t)v;
        } else if (strncmp(a[i], "tag=", 4) == 0) {
            if ((st = rfc_uint_field(c, a[i] + 4, 65535, &v)) == ST_OK)
                info.tag = (uint16_t)v;
        } else if (strncmp(a[i], "tlv=", 4) == 0) {
            bytes_free(&tlv);
            st = parse_bytes(c, a[i] + 4, &tlv);
        } else {
            st = fail(c, "srh_build: unknown word '%s'", a[i]);
        }
    }
    if (st == ST_OK && (list == NULL || left == NULL))
        st = fail(c, "srh_build needs list= and left=");
    if (st == ST_OK &&
        (st = rfc_uint_field(c, left, 255, &v)) == ST_OK)
        info.segments_left = (uint8_t)v;
    if (st == ST_OK)
        st = srh_list(c, list, 0, info.segments, XAPI_SRH_MAX_SEGMENTS,
                      &info.nsegments);
    if (st != ST_OK) {
        bytes_free(&tlv);
        return st;
    }
    cap = 8 + info.nsegments * 16 + tlv.n;
    bytes_alloc(&out, cap);
    memset(out.p, 0xa5, cap);
    if (xapi_srh_build(&info, tlv.n > 0 ? tlv.p : NULL, tlv.n, out.p, cap,
                       &outlen) < 0) {
        int err = errno;

        bytes_free(&out);
        bytes_free(&tlv);
        return callfail(c, err, "xapi_srh_build");
    }
    bytes_free(&tlv);
    if (outlen != cap) {
        bytes_free(&out);
        return fail(c, "xapi_srh_build wrote %zu bytes, the header is %zu",
                    outlen, cap);
    }
    var_set(c, a[0], &out);
    return ST_OK;
}

static enum status op_srh_parse(struct ctx *c, char *const *a, size_t n)
{
    struct rfc3542_state *s;
    const bytes *b;
    xapi_srh_info info;
    enum status st;

    (void)n;
    if ((st = rfc_var(c, a[0], &b)) != ST_OK)
        return st;
    if (xapi_srh_parse(b->p, b->n, &info) < 0)
        return callfail(c, errno, "xapi_srh_parse");
    if (info.nsegments > XAPI_SRH_MAX_SEGMENTS ||
        info.tlv_offset > b->n || info.tlv_len > b->n - info.tlv_offset)
        return fail(c, "xapi_srh_parse: %zu segments, TLVs at %zu+%zu in "
                       "%zu bytes", info.nsegments, info.tlv_offset,
                    info.tlv_len, b->n);
    s = rfc3542_state(c);
    s->srh = info;
    s->have_srh = 1;
    bytes_free(&s->srh_tlv);
    bytes_alloc(&s->srh_tlv, info.tlv_len);
    if (info.tlv_len > 0)
        memcpy(s->srh_tlv.p, b->p + info.tlv_offset, info.tlv_len);
    return ST_OK;
}

static enum status srh_expect_field(struct ctx *c, const char *name,
                                    const char *word, int64_t max,
                                    unsigned got)
{
    int64_t want;
    enum status st;

    if ((st = parse_int(c, word, &want)) != ST_OK)
        return st;
    if (want < 0 || want > max)
        return fail(c, "expect_srh %s=%s is out of range", name, word);
    if ((uint64_t)want != got)
        return fail(c, "SRH %s is %u, want %" PRId64, name, got, want);
    return ST_OK;
}

static enum status op_expect_srh(struct ctx *c, char *const *a, size_t n)
{
    const xapi_srh_info *h;
    size_t i, j;
    enum status st = ST_OK;

    if (c->rfc3542 == NULL || !c->rfc3542->have_srh)
        return fail(c, "no SRH parsed yet");
    h = &c->rfc3542->srh;
    for (i = 0; i < n && st == ST_OK; i++) {
        const char *w = a[i];

        if (strncmp(w, "nh=", 3) == 0) {
            st = srh_expect_field(c, "next header", w + 3, 255,
                                  h->next_header);
        } else if (strncmp(w, "left=", 5) == 0) {
            st = srh_expect_field(c, "segments left", w + 5, 255,
                                  h->segments_left);
        } else if (strncmp(w, "last=", 5) == 0) {
            st = srh_expect_field(c, "last entry", w + 5, 255,
                                  h->last_entry);
        } else if (strncmp(w, "flags=", 6) == 0) {
            st = srh_expect_field(c, "flags", w + 6, 255, h->flags);
        } else if (strncmp(w, "tag=", 4) == 0) {
            st = srh_expect_field(c, "tag", w + 4, 65535, h->tag);
        } else if (strncmp(w, "list=", 5) == 0) {
            struct in6_addr want[XAPI_SRH_MAX_SEGMENTS];
            size_t nwant;

            st = srh_list(c, w + 5, 1, want, XAPI_SRH_MAX_SEGMENTS, &nwant);
            if (st == ST_OK && nwant != h->nsegments)
                st = fail(c, "SRH has %zu segments, want %zu",
                          h->nsegments, nwant);
            for (j = 0; st == ST_OK && j < nwant; j++) {
                if (memcmp(&want[j], &h->segments[j], 16) != 0) {
                    char gt[INET6_ADDRSTRLEN];

                    rfc_addr_text(&h->segments[j], gt, sizeof(gt));
                    st = fail(c, "SRH Segment List[%zu] is %s", j, gt);
                }
            }
        } else if (strncmp(w, "tlv=", 4) == 0) {
            bytes want;

            if ((st = parse_bytes(c, w + 4, &want)) == ST_OK) {
                st = rfc_same(c, "SRH TLVs", c->rfc3542->srh_tlv.p,
                              c->rfc3542->srh_tlv.n, want.p, want.n);
                bytes_free(&want);
            }
        } else {
            st = fail(c, "expect_srh: unknown word '%s'", w);
        }
    }
    return st;
}

/* ------------------------------------------------------------------ */
/* Hop-by-Hop and Destination options                                   */
/* ------------------------------------------------------------------ */

struct opt_spec {
    int type;
    unsigned align;
    struct byteslist pieces;
    size_t len;
};

static void opt_specs_free(struct opt_spec *o, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        byteslist_free(&o[i].pieces);
    free(o);
}

/* opt=TYPE,ALIGN,BYTES,BYTES... */
static enum status opt_spec_parse(struct ctx *c, const char *word,
                                  struct opt_spec *o)
{
    const char *c1 = strchr(word, ','), *c2;
    char tw[64], aw[64];
    unsigned align;
    size_t i;
    enum status st;

    memset(o, 0, sizeof(*o));
    if (c1 == NULL || (size_t)(c1 - word) >= sizeof(tw))
        return fail(c, "expected opt=TYPE,ALIGN,BYTES..., got '%s'", word);
    memcpy(tw, word, (size_t)(c1 - word));
    tw[c1 - word] = '\0';
    c2 = strchr(c1 + 1, ',');
    if ((size_t)((c2 != NULL ? c2 : c1 + 1 + strlen(c1 + 1)) - c1 - 1) >=
        sizeof(aw))
        return fail(c, "bad ALIGN in '%s'", word);
    if (c2 != NULL) {
        memcpy(aw, c1 + 1, (size_t)(c2 - c1 - 1));
        aw[c2 - c1 - 1] = '\0';
    } else {
        snprintf(aw, sizeof(aw), "%s", c1 + 1);
    }
    if ((st = parse_int32(c, tw, &o->type)) != ST_OK ||
        (st = rfc_uint_field(c, aw, UINT_MAX, &align)) != ST_OK)
        return st;
    o->align = align;
    if (c2 != NULL && (st = parse_byteslist(c, c2 + 1, &o->pieces)) != ST_OK)
        return st;
    for (i = 0; i < o->pieces.n; i++)
        o->len += o->pieces.v[i].n;
    return ST_OK;
}

static enum status op_opt_build(struct ctx *c, char *const *a, size_t n)
{
    struct opt_spec *o = xmalloc(n * sizeof(*o));
    size_t no = 0, i, j;
    int *lens = xmalloc((n + 1) * sizeof(*lens)), off = 0, total = 0;
    bytes buf = { NULL, 0 };
    enum status st = ST_OK;

    for (i = 1; i < n && st == ST_OK; i++) {
        if (strncmp(a[i], "opt=", 4) != 0) {
            st = fail(c, "opt_build: unknown word '%s'", a[i]);
            break;
        }
        st = opt_spec_parse(c, a[i] + 4, &o[no]);
        no++; /* freed whatever the outcome */
    }
    /* Pass 1: lengths only (extbuf NULL). */
    if (st == ST_OK) {
        off = xapi_inet6_opt_init(NULL, 0);
        if (off < 0)
            st = callfail(c, errno, "xapi_inet6_opt_init (lengths)");
        for (i = 0; i < no && st == ST_OK; i++) {
            off = xapi_inet6_opt_append(NULL, 0, off, o[i].type, o[i].len,
                                        o[i].align, NULL);
            if (off < 0)
                st = callfail(c, errno, "xapi_inet6_opt_append (lengths)");
            else
                lens[i] = off;
        }
        if (st == ST_OK) {
            total = xapi_inet6_opt_finish(NULL, 0, off);
            if (total < 0)
                st = callfail(c, errno, "xapi_inet6_opt_finish (lengths)");
            else
                lens[no] = total;
        }
    }
    /* Pass 2: the same calls into a buffer of the size pass 1 gave. */
    if (st == ST_OK) {
        bytes_alloc(&buf, (size_t)lens[no]);
        memset(buf.p, 0xa5, buf.n);
        off = xapi_inet6_opt_init(buf.p, buf.n);
        if (off < 0)
            st = callfail(c, errno, "xapi_inet6_opt_init");
        for (i = 0; i < no && st == ST_OK; i++) {
            size_t dataoff = SIZE_MAX;
            int voff = 0;

            off = xapi_inet6_opt_append(buf.p, buf.n, off, o[i].type,
                                        o[i].len, o[i].align, &dataoff);
            if (off < 0) {
                st = callfail(c, errno, "xapi_inet6_opt_append");
                break;
            }
            if (off != lens[i]) {
                st = fail(c, "option %zu ends at %d, %d without a buffer",
                          i, off, lens[i]);
                break;
            }
            if (dataoff > buf.n || o[i].len > buf.n - dataoff) {
                st = fail(c, "option %zu: data at %zu+%zu outside the "
                             "%zu-byte buffer", i, dataoff, o[i].len, buf.n);
                break;
            }
            for (j = 0; j < o[i].pieces.n && st == ST_OK; j++) {
                int r = xapi_inet6_opt_set_val(buf.p + dataoff, o[i].len,
                                               voff, o[i].pieces.v[j].p,
                                               o[i].pieces.v[j].n);

                if (r < 0)
                    st = callfail(c, errno, "xapi_inet6_opt_set_val");
                else if ((size_t)r != (size_t)voff + o[i].pieces.v[j].n)
                    st = fail(c, "inet6_opt_set_val returned %d, want %zu",
                              r, (size_t)voff + o[i].pieces.v[j].n);
                else
                    voff = r;
            }
        }
        if (st == ST_OK) {
            total = xapi_inet6_opt_finish(buf.p, buf.n, off);
            if (total < 0)
                st = callfail(c, errno, "xapi_inet6_opt_finish");
            else if (total != lens[no])
                st = fail(c, "inet6_opt_finish gives %d, %d without a "
                             "buffer", total, lens[no]);
        }
    }
    if (st == ST_OK)
        var_set(c, a[0], &buf);
    bytes_free(&buf);
    opt_specs_free(o, no);
    free(lens);
    return st;
}

static enum status op_opt_walk(struct ctx *c, char *const *a, size_t n)
{
    struct rfc3542_state *s;
    struct rfc3542_opt *list = NULL;
    size_t nlist = 0, i;
    const bytes *b;
    int off = 0;
    enum status st;

    (void)n;
    if ((st = rfc_var(c, a[0], &b)) != ST_OK)
        return st;
    for (;;) {
        int type = -1, next;
        size_t len = SIZE_MAX, dataoff = SIZE_MAX;

        next = xapi_inet6_opt_next(b->p, b->n, off, &type, &len, &dataoff);
        if (next < 0) {
            if (errno == ENOENT)
                break;
            st = callfail(c, errno, "xapi_inet6_opt_next");
            break;
        }
        /* Every option takes at least 2 bytes: a walk that does not move
         * on, or claims data outside the buffer, is a core bug. */
        if (next <= off || (size_t)next > b->n || dataoff > b->n ||
            len > b->n - dataoff || dataoff + len != (size_t)next) {
            st = fail(c, "inet6_opt_next from %d: next %d, data %zu+%zu in "
                         "%zu bytes", off, next, dataoff, len, b->n);
            break;
        }
        list = xrealloc(list, (nlist + 1) * sizeof(*list));
        list[nlist].type = type;
        bytes_alloc(&list[nlist].data, len);
        if (len > 0)
            memcpy(list[nlist].data.p, b->p + dataoff, len);
        nlist++;
        off = next;
    }
    if (st != ST_OK) {
        for (i = 0; i < nlist; i++)
            bytes_free(&list[i].data);
        free(list);
        return st;
    }
    s = rfc3542_state(c);
    rfc3542_opts_clear(s);
    s->opts = list;
    s->nopts = nlist;
    s->have_opts = 1;
    return ST_OK;
}

static enum status op_expect_opts(struct ctx *c, char *const *a, size_t n)
{
    const struct rfc3542_state *s = c->rfc3542;
    size_t i;
    enum status st = ST_OK;

    if (s == NULL || !s->have_opts)
        return fail(c, "no options walked yet");
    if (s->nopts != n)
        return fail(c, "%zu options seen, want %zu", s->nopts, n);
    for (i = 0; i < n && st == ST_OK; i++) {
        const char *colon = strchr(a[i], ':');
        char tw[64], what[64];
        int type;
        bytes want;

        if (colon == NULL || (size_t)(colon - a[i]) >= sizeof(tw))
            return fail(c, "expected TYPE:BYTES, got '%s'", a[i]);
        memcpy(tw, a[i], (size_t)(colon - a[i]));
        tw[colon - a[i]] = '\0';
        if ((st = parse_int32(c, tw, &type)) != ST_OK ||
            (st = parse_bytes(c, colon + 1, &want)) != ST_OK)
            return st;
        if (s->opts[i].type != type) {
            st = fail(c, "option %zu has type %d, want %d", i,
                      s->opts[i].type, type);
        } else {
            snprintf(what, sizeof(what), "option %zu (type %d) data", i,
                     type);
            st = rfc_same(c, what, s->opts[i].data.p, s->opts[i].data.n,
                          want.p, want.n);
        }
        bytes_free(&want);
    }
    return st;
}

/* inet6_opt_find of TYPE from the start of VAR: *found 0 for ENOENT
 * when none_ok, else ENOENT is a call failure too. */
static enum status opt_find_call(struct ctx *c, const char *var,
                                 const char *typew, int none_ok, int *found,
                                 const bytes **bp, size_t *dataoff,
                                 size_t *len)
{
    int type, r;
    enum status st;

    *found = 0;
    if ((st = rfc_var(c, var, bp)) != ST_OK ||
        (st = parse_int32(c, typew, &type)) != ST_OK)
        return st;
    *len = SIZE_MAX;
    *dataoff = SIZE_MAX;
    r = xapi_inet6_opt_find((*bp)->p, (*bp)->n, 0, type, len, dataoff);
    if (r < 0) {
        if (none_ok && errno == ENOENT)
            return ST_OK;
        return callfail(c, errno, "xapi_inet6_opt_find");
    }
    if (*dataoff > (*bp)->n || *len > (*bp)->n - *dataoff ||
        (size_t)r != *dataoff + *len)
        return fail(c, "inet6_opt_find: next %d, data %zu+%zu in %zu bytes",
                    r, *dataoff, *len, (*bp)->n);
    *found = 1;
    return ST_OK;
}

static enum status op_expect_opt_find(struct ctx *c, char *const *a,
                                      size_t n)
{
    const bytes *b;
    size_t dataoff, len;
    int found;
    bytes want;
    enum status st;

    (void)n;
    if ((st = opt_find_call(c, a[0], a[1], 0, &found, &b, &dataoff,
                            &len)) != ST_OK ||
        (st = parse_bytes(c, a[2], &want)) != ST_OK)
        return st;
    st = rfc_same(c, "option data", b->p + dataoff, len, want.p, want.n);
    bytes_free(&want);
    return st;
}

static enum status op_expect_opt_find_none(struct ctx *c, char *const *a,
                                           size_t n)
{
    const bytes *b;
    size_t dataoff, len;
    int found;
    enum status st;

    (void)n;
    if ((st = opt_find_call(c, a[0], a[1], 1, &found, &b, &dataoff,
                            &len)) != ST_OK)
        return st;
    if (found)
        return fail(c, "inet6_opt_find found type %s at %zu (%zu bytes)",
                    a[1], dataoff, len);
    return ST_OK;
}

/* inet6_opt_get_val of LEN bytes at OFFSET of the first TYPE option. */
static enum status opt_get_val_call(struct ctx *c, char *const *a,
                                    bytes *out)
{
    const bytes *b;
    size_t dataoff, len, vallen;
    int found, offset, r;
    enum status st;

    out->p = NULL;
    out->n = 0;
    if ((st = opt_find_call(c, a[0], a[1], 0, &found, &b, &dataoff,
                            &len)) != ST_OK ||
        (st = parse_int32(c, a[2], &offset)) != ST_OK ||
        (st = parse_size(c, a[3], &vallen)) != ST_OK)
        return st;
    bytes_alloc(out, vallen);
    r = xapi_inet6_opt_get_val(b->p + dataoff, len, offset, out->p, vallen);
    if (r < 0) {
        int err = errno;

        bytes_free(out);
        return callfail(c, err, "xapi_inet6_opt_get_val");
    }
    if ((int64_t)r != (int64_t)offset + (int64_t)vallen) {
        bytes_free(out);
        return fail(c, "inet6_opt_get_val returned %d, want %d + %zu", r,
                    offset, vallen);
    }
    return ST_OK;
}

static enum status op_opt_get_val(struct ctx *c, char *const *a, size_t n)
{
    bytes got;
    enum status st;

    (void)n;
    st = opt_get_val_call(c, a, &got);
    bytes_free(&got);
    return st;
}

static enum status op_expect_opt_get_val(struct ctx *c, char *const *a,
                                         size_t n)
{
    bytes got, want;
    enum status st;

    (void)n;
    if ((st = parse_bytes(c, a[4], &want)) != ST_OK)
        return st;
    if ((st = opt_get_val_call(c, a, &got)) == ST_OK)
        st = rfc_same(c, "inet6_opt_get_val", got.p, got.n, want.p, want.n);
    bytes_free(&got);
    bytes_free(&want);
    return st;
}

static enum status op_expect_ip6opt_type(struct ctx *c, char *const *a,
                                         size_t n)
{
    int type, got;
    int64_t want;
    enum status st;

    (void)n;
    if ((st = parse_int32(c, a[0], &type)) != ST_OK ||
        (st = parse_int(c, a[1], &want)) != ST_OK)
        return st;
    got = xapi_ip6opt_type(type);
    if (got < 0)
        return callfail(c, errno, "xapi_ip6opt_type");
    if (got != want)
        return fail(c, "IP6OPT_TYPE(%s) is 0x%02x, want 0x%02" PRIx64, a[0],
                    (unsigned)got, (uint64_t)want);
    return ST_OK;
}

/* ------------------------------------------------------------------ */
/* Sockets, path MTU, next hop, message data                            */
/* ------------------------------------------------------------------ */

static enum status op_setsockopt_bytes(struct ctx *c, char *const *a,
                                       size_t n)
{
    int fd, level, name;
    bytes val;
    enum status st;

    (void)n;
    if ((st = get_fd(c, a[0], &fd)) != ST_OK ||
        (st = parse_int32(c, a[1], &level)) != ST_OK ||
        (st = parse_int32(c, a[2], &name)) != ST_OK ||
        (st = parse_bytes(c, a[3], &val)) != ST_OK)
        return st;
    if (xapi_setsockopt_bytes(fd, level, name, val.p, val.n) < 0)
        st = callfail(c, errno, "xapi_setsockopt_bytes");
    bytes_free(&val);
    return st;
}

static enum status op_expect_sockopt_bytes(struct ctx *c, char *const *a,
                                           size_t n)
{
    int fd, level, name;
    bytes want, got;
    size_t gotlen = SIZE_MAX;
    enum status st;

    (void)n;
    if ((st = get_fd(c, a[0], &fd)) != ST_OK ||
        (st = parse_int32(c, a[1], &level)) != ST_OK ||
        (st = parse_int32(c, a[2], &name)) != ST_OK ||
        (st = parse_bytes(c, a[3], &want)) != ST_OK)
        return st;
    /* Room for more than expected, so a longer answer shows. */
    bytes_alloc(&got, want.n + 256);
    if (xapi_getsockopt_bytes(fd, level, name, got.p, got.n, &gotlen) < 0)
        st = callfail(c, errno, "xapi_getsockopt_bytes");
    else if (gotlen > got.n)
        st = fail(c, "xapi_getsockopt_bytes claims %zu bytes of %zu", gotlen,
                  got.n);
    else
        st = rfc_same(c, "getsockopt", got.p, gotlen, want.p, want.n);
    bytes_free(&got);
    bytes_free(&want);
    return st;
}

/* MTU: a number, or an interface name whose MTU /sys gives. */
static enum status sys_mtu(struct ctx *c, const char *word, int64_t *out)
{
    char path[128], buf[32];
    FILE *f;
    size_t len;

    if (parse_number(word, out) == 0)
        return ST_OK;
    if (word[0] == '\0' || strchr(word, '/') != NULL ||
        strcmp(word, ".") == 0 || strcmp(word, "..") == 0 ||
        strlen(word) >= IF_NAMESIZE)
        return fail(c, "bad interface name '%s'", word);
    snprintf(path, sizeof(path), "/sys/class/net/%s/mtu", word);
    f = fopen(path, "re");
    if (f == NULL)
        return fail(c, "cannot read %s: %s", path, strerror(errno));
    len = fread(buf, 1, sizeof(buf) - 1, f);
    fclose(f);
    buf[len] = '\0';
    while (len > 0 && (buf[len - 1] == '\n' || buf[len - 1] == ' '))
        buf[--len] = '\0';
    if (parse_number(buf, out) < 0 || *out <= 0)
        return fail(c, "bad MTU '%s' in %s", buf, path);
    return ST_OK;
}

static enum status op_expect_pathmtu(struct ctx *c, char *const *a, size_t n)
{
    int fd;
    int64_t want;
    xapi_mtuinfo mi;
    enum status st;

    (void)n;
    if ((st = get_fd(c, a[0], &fd)) != ST_OK ||
        (st = sys_mtu(c, a[1], &want)) != ST_OK)
        return st;
    memset(&mi, 0, sizeof(mi));
    if (xapi_get_pathmtu(fd, &mi) < 0)
        return callfail(c, errno, "xapi_get_pathmtu");
    if ((int64_t)mi.mtu != want)
        return fail(c, "path MTU is %" PRIu32 ", want %" PRId64 " (%s)",
                    mi.mtu, want, a[1]);
    return ST_OK;
}

static enum status op_expect_data_at(struct ctx *c, char *const *a, size_t n)
{
    size_t off, total = 0, i, pos;
    bytes want, all;
    enum status st;

    (void)n;
    if ((st = need_msg(c)) != ST_OK ||
        (st = parse_size(c, a[0], &off)) != ST_OK)
        return st;
    if ((st = parse_bytes(c, a[1], &want)) != ST_OK)
        return st;
    for (i = 0; i < c->msg.npieces; i++)
        total += c->msg.pieces[i].n;
    if (off > total || want.n > total - off) {
        bytes_free(&want);
        return fail(c, "%zu bytes arrived, want %zu at offset %zu", total,
                    want.n, off);
    }
    bytes_alloc(&all, total);
    for (i = 0, pos = 0; i < c->msg.npieces; i++) {
        if (c->msg.pieces[i].n > 0)
            memcpy(all.p + pos, c->msg.pieces[i].p, c->msg.pieces[i].n);
        pos += c->msg.pieces[i].n;
    }
    st = rfc_same(c, "data at offset", all.p + off, want.n, want.p, want.n);
    bytes_free(&all);
    bytes_free(&want);
    return st;
}

static enum status op_nexthop(struct ctx *c, char *const *a, size_t n)
{
    unsigned char buf[sizeof(struct sockaddr_in6) + 16];
    size_t len = SIZE_MAX;

    (void)n;
    memset(buf, 0xa5, sizeof(buf));
    if (xapi_encode_nexthop(a[1], buf, sizeof(buf), &len) < 0)
        return callfail(c, errno, "xapi_encode_nexthop");
    if (len > sizeof(buf))
        return fail(c, "xapi_encode_nexthop claims %zu bytes", len);
    rfc_var_set_copy(c, a[0], buf, len);
    return ST_OK;
}

/* Table entries: { "name", MIN, MAX, op_name }, */
#define OPS_RFC3542 \
    { "icmp6_filter", 2, 2, op_icmp6_filter }, \
    { "icmp6_filter_pass", 2, 2, op_icmp6_filter_pass }, \
    { "icmp6_filter_block", 2, 2, op_icmp6_filter_block }, \
    { "expect_icmp6_filter", 1, 3, op_expect_icmp6_filter }, \
    { "icmp6_filter_install", 2, 2, op_icmp6_filter_install }, \
    { "icmp6_filter_read", 2, 2, op_icmp6_filter_read }, \
    { "expect_rth_space", 3, 3, op_expect_rth_space }, \
    { "rth_space", 2, 2, op_rth_space }, \
    { "rth_init", 3, 3, op_rth_init }, \
    { "rth_add", 2, 2, op_rth_add }, \
    { "rth_reverse", 1, 1, op_rth_reverse }, \
    { "rth_reverse_copy", 2, 2, op_rth_reverse_copy }, \
    { "expect_rth_segments", 2, 2, op_expect_rth_segments }, \
    { "expect_rth_addr", 3, 3, op_expect_rth_addr }, \
    { "rth_getaddr", 2, 2, op_rth_getaddr }, \
    { "rth_segments", 1, 1, op_rth_segments }, \
    { "srh_build", 3, 7, op_srh_build }, \
    { "srh_parse", 1, 1, op_srh_parse }, \
    { "expect_srh", 0, 7, op_expect_srh }, \
    { "opt_build", 1, SIZE_MAX, op_opt_build }, \
    { "opt_walk", 1, 1, op_opt_walk }, \
    { "expect_opts", 0, SIZE_MAX, op_expect_opts }, \
    { "expect_opt_find", 3, 3, op_expect_opt_find }, \
    { "expect_opt_find_none", 2, 2, op_expect_opt_find_none }, \
    { "expect_opt_get_val", 5, 5, op_expect_opt_get_val }, \
    { "opt_get_val", 4, 4, op_opt_get_val }, \
    { "expect_ip6opt_type", 2, 2, op_expect_ip6opt_type }, \
    { "setsockopt_bytes", 4, 4, op_setsockopt_bytes }, \
    { "expect_sockopt_bytes", 4, 4, op_expect_sockopt_bytes }, \
    { "expect_pathmtu", 2, 2, op_expect_pathmtu }, \
    { "expect_data_at", 2, 2, op_expect_data_at }, \
    { "nexthop", 2, 2, op_nexthop },
