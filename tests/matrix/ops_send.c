/*
 * ops_send.c - the C runner's operation for the send cases (SPEC.md
 * "Destinations as text, repeated", cases/88-send.cases).  #included by
 * runner.c before its operation table.
 */

static void topic_cleanup_send(struct ctx *c)
{
    (void)c;
}

/* The runner's one destination cache, as a C program sending to text
 * destinations keeps one for its life (as every binding does). */
static xapi_dest_cache *send_dests(void)
{
    static xapi_dest_cache *dests;

    if (dests == NULL)
        dests = xapi_dest_cache_new();
    return dests;
}

/* sendmsg_text NAME data=BYTESLIST to=PEER [flags=INT] [expect=N]: one
 * send to PEER's bound address given as text (host and port, or a unix
 * path), as a C program holding text sends it: the family and the parse
 * through the runner's destination cache (xapi_dest_cache_resolve), the
 * send with xapi_send_cached. */
static enum status op_sendmsg_text(struct ctx *c, char *const *a, size_t n)
{
    const char *flagw = NULL, *expect = NULL;
    char host[XAPI_ADDRSTRLEN];
    struct out_msg om;
    xapi_addr dest;
    unsigned port = 0;
    int fd, flags = 0;
    ssize_t r;
    enum status st;

    if ((st = get_fd(c, a[0], &fd)) != ST_OK ||
        (st = out_msg_build(c, "sendmsg_text", a + 1, n - 1, &flagw, &expect,
                            &om)) != ST_OK)
        return st;
    if (om.m.addr.len == 0 || om.m.controllen > 0)
        st = fail(c, "sendmsg_text takes to=PEER and no cmsg=");
    if (st == ST_OK && flagw != NULL)
        st = parse_int32(c, flagw, &flags);
    if (st == ST_OK)
        st = addr_text(c, &om.m.addr, host, &port);
    if (st == ST_OK &&
        xapi_dest_cache_resolve(send_dests(), fd, host, port, &dest,
                                NULL) < 0)
        st = callfail(c, errno, "xapi_dest_cache_resolve");
    if (st == ST_OK) {
        r = xapi_send_cached(fd, om.m.iov, om.m.iovlen, send_dests(), &dest,
                             NULL, 0, flags, NULL);
        if (r < 0)
            st = callfail(c, errno, "xapi_send_cached");
        else
            st = check_expect(c, "sendmsg_text", expect, (int64_t)r);
    }
    out_msg_free(&om);
    return st;
}

#define OPS_SEND \
    { "sendmsg_text", 3, SIZE_MAX, op_sendmsg_text },
