/*
 * ops_gro.c - the C runner's operation for the GRO splitting cases
 * (SPEC.md "GRO splitting").  #included by runner.c after ops_batch.c:
 * the messages become ops_batch.c's "last batch" (c->batch), so select
 * and the expect_* operations read them.  No state of its own.
 */

/* recv_gro NAME count=N size=N [anc=A] [flags=INT] [timeout=MS]: one
 * xapi_recv_batch_recv on a batch made with xapi_recv_batch_split(count
 * * 64), the way a C program uses it. */
static enum status op_recv_gro(struct ctx *c, char *const *a, size_t n)
{
    const char *countw = NULL, *sizew = NULL, *anc = NULL, *flagw = NULL,
               *timeoutw = NULL;
    size_t count = 0, size = 0, cslot = 0, i, k;
    int fd, flags = 0, timeout = -1, r;
    xapi_error e = { 0, NULL, "" };
    xapi_recv_batch *rb;
    struct message *got;
    enum status st = ST_OK;

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
        else
            return fail(c, "recv_gro: unknown word '%s'", a[i]);
    }
    if ((st = get_fd(c, a[0], &fd)) != ST_OK)
        return st;
    if (countw == NULL || sizew == NULL)
        return fail(c, "recv_gro needs count= and size=");
    if ((st = parse_size(c, countw, &count)) != ST_OK ||
        (st = parse_size(c, sizew, &size)) != ST_OK ||
        (anc != NULL && (st = parse_anc(c, anc, &cslot)) != ST_OK) ||
        (flagw != NULL && (st = parse_int32(c, flagw, &flags)) != ST_OK) ||
        (timeoutw != NULL &&
         (st = parse_int32(c, timeoutw, &timeout)) != ST_OK))
        return st;
    rb = xapi_recv_batch_new(count > UINT_MAX ? 0 : (unsigned)count, size,
                             cslot, &e);
    if (rb == NULL)
        return callfail(c, e.code, "xapi_recv_batch_new");
    if (xapi_recv_batch_split(rb, (unsigned)count * 64, &e) < 0) {
        xapi_recv_batch_free(rb);
        return callfail(c, e.code, "xapi_recv_batch_split");
    }
    if (timeout < 0 && !(flags & MSG_DONTWAIT))
        st = wait_readable(c, fd);
    if (st != ST_OK) {
        xapi_recv_batch_free(rb);
        return st;
    }
    r = xapi_recv_batch_recv(fd, rb, (unsigned)count, flags, timeout, &e);
    if (r < 0) {
        xapi_recv_batch_free(rb);
        return callfail(c, e.code, "xapi_recv_batch_recv");
    }
    if (r == 0 || (unsigned)r != xapi_recv_batch_count(rb)) {
        xapi_recv_batch_free(rb);
        return fail(c, "xapi_recv_batch_recv returned %d, count %u", r,
                    xapi_recv_batch_count(rb));
    }
    got = xmalloc((size_t)r * sizeof(*got));
    memset(got, 0, (size_t)r * sizeof(*got));
    for (i = 0; i < (size_t)r && st == ST_OK; i++) {
        const xapi_batch_msg *v = xapi_recv_batch_msg(rb, (unsigned)i);
        /* The view's items laid out again as the kernel laid them out,
         * for the runner's item collector. */
        bytes ctl = { NULL, 0 };
        struct iovec iov;
        xapi_msg m;
        size_t used = 0;
        const unsigned char *data;

        if (v == NULL) {
            st = fail(c, "xapi_recv_batch_msg(%zu) is NULL", i);
            break;
        }
        if (v->len > size || v->len > v->datalen) {
            st = fail(c, "message %zu: %zu bytes in a slot of %zu (datalen "
                      "%zu)", i, v->len, size, v->datalen);
            break;
        }
        if (cslot > 0)
            bytes_alloc(&ctl, cslot);
        for (k = 0; k < v->nitems && st == ST_OK; k++)
            if (xapi_cmsg_append(ctl.p, ctl.n, &used, v->items[k].level,
                                 v->items[k].type, v->items[k].data,
                                 v->items[k].len) < 0)
                st = fail(c, "message %zu: items do not fit again", i);
        memset(&m, 0, sizeof(m));
        iov.iov_base = (void *)v->data;
        iov.iov_len = v->len;
        m.iov = &iov;
        m.iovlen = 1;
        m.datalen = v->datalen;
        m.flags = v->flags;
        m.addr = v->addr;
        m.control = ctl.p;
        m.controllen = used;
        data = v->data;
        if (st == ST_OK)
            st = message_take(c, &m, (ssize_t)v->datalen, &data, &v->len, 1,
                              ctl.p, ctl.n, &got[i]);
        bytes_free(&ctl);
    }
    if (st == ST_OK) {
        if (c->batch == NULL) {
            c->batch = xmalloc(sizeof(*c->batch));
            memset(c->batch, 0, sizeof(*c->batch));
        }
        batch_forget(c);
        c->batch->msgs = got;
        c->batch->n = (size_t)r;
    } else {
        for (i = 0; i < (size_t)r; i++)
            message_clear(&got[i]);
        free(got);
    }
    xapi_recv_batch_free(rb);
    return st;
}

static void topic_cleanup_gro(struct ctx *c)
{
    (void)c;
}

#define OPS_GRO \
    { "recv_gro", 3, 6, op_recv_gro },
