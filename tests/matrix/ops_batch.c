/*
 * ops_batch.c - the C runner's operations for the batch cases (SPEC.md
 * "Batches").  #included by runner.c before its operation table: it uses
 * runner.c's helpers and struct ctx directly.  Per-case state (the last
 * batch received) hangs off c->batch and is freed by
 * topic_cleanup_batch().
 */

struct batch_state {
    struct message *msgs; /* the last batch received */
    size_t n;
};

static void batch_forget(struct ctx *c)
{
    size_t i;

    if (c->batch == NULL)
        return;
    for (i = 0; i < c->batch->n; i++)
        message_clear(&c->batch->msgs[i]);
    free(c->batch->msgs);
    c->batch->msgs = NULL;
    c->batch->n = 0;
}

static void topic_cleanup_batch(struct ctx *c)
{
    batch_forget(c);
    free(c->batch);
    c->batch = NULL;
}

static void message_copy(struct message *dst, const struct message *src)
{
    size_t i;

    *dst = *src;
    dst->pieces = xmalloc((src->npieces > 0 ? src->npieces : 1) *
                          sizeof(*dst->pieces));
    for (i = 0; i < src->npieces; i++) {
        bytes_alloc(&dst->pieces[i], src->pieces[i].n);
        if (src->pieces[i].n > 0)
            memcpy(dst->pieces[i].p, src->pieces[i].p, src->pieces[i].n);
    }
    dst->items = xmalloc((src->nitems > 0 ? src->nitems : 1) *
                         sizeof(*dst->items));
    for (i = 0; i < src->nitems; i++) {
        dst->items[i] = src->items[i];
        bytes_alloc(&dst->items[i].data, src->items[i].data.n);
        if (src->items[i].data.n > 0)
            memcpy(dst->items[i].data.p, src->items[i].data.p,
                   src->items[i].data.n);
    }
}

/* send_batch NAME [flags=INT] [expect=N] -- MSG -- MSG ... */
static enum status op_send_batch(struct ctx *c, char *const *a, size_t n)
{
    const char *flagw = NULL, *expect = NULL;
    struct out_msg *oms = NULL;
    xapi_msg *msgs = NULL;
    xapi_batch *b = NULL;
    size_t i, start, nmsgs = 0, built = 0;
    int fd, flags = 0, r;
    enum status st;

    if ((st = get_fd(c, a[0], &fd)) != ST_OK)
        return st;
    for (i = 1; i < n && strcmp(a[i], "--") != 0; i++) {
        if (strncmp(a[i], "flags=", 6) == 0)
            flagw = a[i] + 6;
        else if (strncmp(a[i], "expect=", 7) == 0)
            expect = a[i] + 7;
        else
            return fail(c, "send_batch: unknown word '%s' (messages follow "
                           "'--')", a[i]);
    }
    if (flagw != NULL && (st = parse_int32(c, flagw, &flags)) != ST_OK)
        return st;
    for (start = i; start < n; start++)
        if (strcmp(a[start], "--") == 0)
            nmsgs++;
    if (nmsgs > XAPI_BATCH_MAX)
        return fail(c, "send_batch: %zu messages, at most %d", nmsgs,
                    XAPI_BATCH_MAX);
    oms = xmalloc((nmsgs > 0 ? nmsgs : 1) * sizeof(*oms));
    msgs = xmalloc((nmsgs > 0 ? nmsgs : 1) * sizeof(*msgs));
    /* Each MSG runs from after one "--" to the next "--" or the end. */
    while (st == ST_OK && i < n) {
        size_t end = i + 1;

        while (end < n && strcmp(a[end], "--") != 0)
            end++;
        st = out_msg_build(c, "send_batch", a + i + 1, end - i - 1, NULL,
                           NULL, &oms[built]);
        if (st == ST_OK) {
            msgs[built] = oms[built].m;
            built++;
        }
        i = end;
    }
    if (st == ST_OK) {
        b = xapi_batch_new(nmsgs > 0 ? (unsigned)nmsgs : 1);
        if (b == NULL)
            st = callfail(c, errno, "xapi_batch_new");
    }
    if (st == ST_OK) {
        r = xapi_batch_send(fd, b, msgs, (unsigned)nmsgs, flags);
        if (r < 0)
            st = callfail(c, errno, "xapi_batch_send");
        else if (r > (int)nmsgs)
            st = fail(c, "xapi_batch_send reports %d of %zu messages", r,
                      nmsgs);
        else
            st = check_expect(c, "send_batch", expect, r);
        for (i = 0; st == ST_OK && r > 0 && i < (size_t)r; i++) {
            size_t want = 0, k;

            for (k = 0; k < msgs[i].iovlen; k++)
                want += msgs[i].iov[k].iov_len;
            if (msgs[i].datalen != want)
                st = fail(c, "message %zu: datalen %zu, sent %zu bytes", i,
                          msgs[i].datalen, want);
        }
    }
    xapi_batch_free(b);
    for (i = 0; i < built; i++)
        out_msg_free(&oms[i]);
    free(oms);
    free(msgs);
    return st;
}

/* recv_batch NAME count=N size=N [anc=A] [flags=INT] [timeout=MS] [into] */
static enum status op_recv_batch(struct ctx *c, char *const *a, size_t n)
{
    const char *countw = NULL, *sizew = NULL, *anc = NULL, *flagw = NULL,
               *timeoutw = NULL;
    size_t count = 0, size = 0, cslot = 0, i;
    int fd, flags = 0, timeout = -1, into = 0, r;
    xapi_batch *b = NULL;
    xapi_msg *msgs = NULL;
    struct iovec *iov = NULL;
    bytes *bufs = NULL, *ctls = NULL, data = { NULL, 0 },
          control = { NULL, 0 };
    struct message *got = NULL;
    enum status st;

    for (i = 1; i < n; i++) {
        if (strncmp(a[i], "count=", 6) == 0)
            countw = a[i] + 6;
        else if (strncmp(a[i], "size=", 5) == 0)
            sizew = a[i] + 5;
        else if (strncmp(a[i], "anc=", 4) == 0)
            anc = a[i] + 4;
        else if (strncmp(a[i], "flags=", 6) == 0)
            flagw = a[i] + 6;
        else if (strncmp(a[i], "timeout=", 8) == 0)
            timeoutw = a[i] + 8;
        else if (strcmp(a[i], "into") == 0)
            into = 1;
        else
            return fail(c, "recv_batch: unknown word '%s'", a[i]);
    }
    if ((st = get_fd(c, a[0], &fd)) != ST_OK)
        return st;
    if (countw == NULL || sizew == NULL)
        return fail(c, "recv_batch needs count= and size=");
    /* Everything is checked before anything is allocated or called, as a
     * careful C caller would: count through the core (xapi_batch_new
     * refuses 0 and more than XAPI_BATCH_MAX), sizes against the
     * runner's own bound. */
    if ((st = parse_size(c, countw, &count)) != ST_OK ||
        (st = parse_size(c, sizew, &size)) != ST_OK ||
        (anc != NULL && (st = parse_anc(c, anc, &cslot)) != ST_OK) ||
        (flagw != NULL && (st = parse_int32(c, flagw, &flags)) != ST_OK) ||
        (timeoutw != NULL &&
         (st = parse_int32(c, timeoutw, &timeout)) != ST_OK))
        return st;
    b = xapi_batch_new(count > UINT_MAX ? 0 : (unsigned)count);
    if (b == NULL)
        return callfail(c, errno, "xapi_batch_new");
    if (size > (size_t)RUNNER_MAX_BUFFER / count ||
        cslot > (size_t)RUNNER_MAX_BUFFER / count) {
        xapi_batch_free(b);
        return callfail(c, ERANGE, "size check");
    }

    msgs = xmalloc(count * sizeof(*msgs));
    iov = xmalloc(count * sizeof(*iov));
    memset(msgs, 0, count * sizeof(*msgs));
    if (into) {
        /* One caller buffer cut into slots, and one for the items. */
        bytes_alloc(&data, count * size);
        if (cslot > 0)
            bytes_alloc(&control, count * cslot);
        if (xapi_batch_setup_slots(msgs, (unsigned)count, iov, data.p, size,
                                   control.p, cslot) < 0)
            st = callfail(c, errno, "xapi_batch_setup_slots");
    } else {
        bufs = xmalloc(count * sizeof(*bufs));
        ctls = xmalloc(count * sizeof(*ctls));
        for (i = 0; i < count; i++) {
            bytes_alloc(&bufs[i], size);
            ctls[i].p = NULL;
            ctls[i].n = 0;
            if (cslot > 0)
                bytes_alloc(&ctls[i], cslot);
            iov[i].iov_base = bufs[i].p;
            iov[i].iov_len = size;
            msgs[i].iov = &iov[i];
            msgs[i].iovlen = 1;
            msgs[i].control = ctls[i].p;
            msgs[i].controllen = cslot;
        }
    }
    if (st == ST_OK && timeout < 0 && !(flags & MSG_DONTWAIT))
        st = wait_readable(c, fd);
    if (st == ST_OK) {
        r = xapi_batch_recv(fd, b, msgs, (unsigned)count, flags, timeout);
        if (r < 0) {
            st = callfail(c, errno, "xapi_batch_recv");
        } else if (r == 0 || (size_t)r > count) {
            st = fail(c, "xapi_batch_recv returned %d for %zu messages", r,
                      count);
        } else {
            got = xmalloc((size_t)r * sizeof(*got));
            memset(got, 0, (size_t)r * sizeof(*got));
            for (i = 0; i < (size_t)r && st == ST_OK; i++) {
                const unsigned char *slot =
                    into ? data.p + i * size : bufs[i].p;
                const void *ctl = into ? (cslot > 0 ? control.p + i * cslot
                                                    : NULL)
                                       : ctls[i].p;

                st = message_take(c, &msgs[i], (ssize_t)msgs[i].datalen,
                                  &slot, &size, 1, ctl, cslot, &got[i]);
            }
            if (st == ST_OK) {
                if (c->batch == NULL) {
                    c->batch = xmalloc(sizeof(*c->batch));
                    memset(c->batch, 0, sizeof(*c->batch));
                }
                batch_forget(c);
                c->batch->msgs = got;
                c->batch->n = (size_t)r;
                got = NULL;
            } else {
                for (i = 0; i < (size_t)r; i++)
                    message_clear(&got[i]);
                free(got);
            }
        }
    }
    for (i = 0; bufs != NULL && i < count; i++) {
        bytes_free(&bufs[i]);
        bytes_free(&ctls[i]);
    }
    free(bufs);
    free(ctls);
    bytes_free(&data);
    bytes_free(&control);
    free(iov);
    free(msgs);
    xapi_batch_free(b);
    return st;
}

static enum status op_expect_batch_len(struct ctx *c, char *const *a,
                                       size_t n)
{
    int64_t want;
    enum status st;

    (void)n;
    if ((st = parse_int(c, a[0], &want)) != ST_OK)
        return st;
    if (c->batch == NULL)
        return fail(c, "no batch received yet");
    if (want < 0 || c->batch->n != (uint64_t)want)
        return fail(c, "the batch received %zu messages, want %" PRId64,
                    c->batch->n, want);
    return ST_OK;
}

static enum status op_select(struct ctx *c, char *const *a, size_t n)
{
    int64_t k;
    enum status st;

    (void)n;
    if ((st = parse_int(c, a[0], &k)) != ST_OK)
        return st;
    if (c->batch == NULL)
        return fail(c, "no batch received yet");
    if (k < 0 || (uint64_t)k >= c->batch->n)
        return fail(c, "select %" PRId64 ": the batch has %zu messages", k,
                    c->batch->n);
    message_clear(&c->msg);
    message_copy(&c->msg, &c->batch->msgs[k]);
    return ST_OK;
}

/* recvmsg_into NAME size=N [anc=A] [flags=INT]: in C, caller memory is
 * all there is, so this is recvmsg with one piece of N bytes. */
static enum status op_recvmsg_into(struct ctx *c, char *const *a, size_t n)
{
    char *w[4], sizes[64];
    size_t i, k = 1, have_size = 0;

    w[0] = a[0];
    for (i = 1; i < n; i++) {
        if (strncmp(a[i], "size=", 5) == 0) {
            if (strlen(a[i] + 5) + 7 > sizeof(sizes))
                return callfail(c, ERANGE, "size check");
            snprintf(sizes, sizeof(sizes), "sizes=%s", a[i] + 5);
            if (strchr(sizes + 6, ',') != NULL)
                return fail(c, "recvmsg_into: size= is one number");
            w[k++] = sizes;
            have_size = 1;
        } else if (strncmp(a[i], "anc=", 4) == 0 ||
                   strncmp(a[i], "flags=", 6) == 0) {
            w[k++] = a[i];
        } else {
            return fail(c, "recvmsg_into: unknown word '%s'", a[i]);
        }
    }
    if (!have_size)
        return fail(c, "recvmsg_into needs size=");
    return recv_common(c, w, k, 0);
}

#define OPS_BATCH \
    { "send_batch", 1, SIZE_MAX, op_send_batch }, \
    { "recv_batch", 3, 7, op_recv_batch }, \
    { "expect_batch_len", 1, 1, op_expect_batch_len }, \
    { "select", 1, 1, op_select }, \
    { "recvmsg_into", 2, 4, op_recvmsg_into },
