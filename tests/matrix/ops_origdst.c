/*
 * ops_origdst.c - the C runner's operations for the original destination,
 * flow label and queue cases (SPEC.md "Original destination, flow labels
 * and queue facts", cases/84-origdst.cases).  #included by runner.c
 * before its operation table, so it uses runner.c's helpers directly.
 * No per-case state.
 */

static void topic_cleanup_origdst(struct ctx *c)
{
    (void)c;
}

/* send_to NAME HOST PEER [data=BYTESLIST] [cmsg=CMSG]... [flags=INT]
 * [expect=N]: one send to the address text HOST (what a user types:
 * "127.0.0.2", "::1/flowinfo=0x12345") at PEER's bound port.  C parses
 * the text with xapi_addr_parse, as every binding's sendmsg does. */
static enum status op_send_to(struct ctx *c, char *const *a, size_t n)
{
    const char *flagw = NULL, *expect = NULL;
    char host[XAPI_ADDRSTRLEN];
    struct out_msg om;
    xapi_addr peer;
    unsigned port;
    int fd, flags = 0;
    ssize_t r;
    enum status st;

    if ((st = get_fd(c, a[0], &fd)) != ST_OK ||
        (st = peer_addr(c, a[2], &peer)) != ST_OK ||
        (st = addr_text(c, &peer, host, &port)) != ST_OK ||
        (st = out_msg_build(c, "send_to", a + 3, n - 3, &flagw, &expect,
                            &om)) != ST_OK)
        return st;
    if (flagw != NULL)
        st = parse_int32(c, flagw, &flags);
    if (st == ST_OK &&
        xapi_addr_parse(&om.m.addr, AF_UNSPEC, a[1], port, NULL) < 0)
        st = callfail(c, errno, "xapi_addr_parse");
    if (st == ST_OK) {
        r = xapi_sendmsg(fd, &om.m, flags);
        if (r < 0)
            st = callfail(c, errno, "xapi_sendmsg");
        else
            st = check_expect(c, "send_to", expect, (int64_t)r);
    }
    out_msg_free(&om);
    return st;
}

/* flowlabel_lease NAME HOST LABEL SHARE: xapi_flowlabel_lease; the label
 * leased must be LABEL, or any 20-bit label for LABEL 0. */
static enum status op_flowlabel_lease(struct ctx *c, char *const *a, size_t n)
{
    int64_t label, share;
    int fd, got;
    enum status st;

    (void)n;
    if ((st = get_fd(c, a[0], &fd)) != ST_OK ||
        (st = parse_int(c, a[2], &label)) != ST_OK ||
        (st = parse_int(c, a[3], &share)) != ST_OK)
        return st;
    if (label < 0 || label > UINT_MAX || share < INT_MIN || share > INT_MAX)
        return callfail(c, ERANGE, "range check");
    got = xapi_flowlabel_lease(fd, a[1], (unsigned)label, (int)share, NULL);
    if (got < 0)
        return callfail(c, errno, "xapi_flowlabel_lease");
    if (label != 0 ? got != label : (got < 1 || got > 0xfffff))
        return fail(c, "leased label %d, expected %s", got, a[2]);
    return ST_OK;
}

/* flowlabel_release NAME LABEL */
static enum status op_flowlabel_release(struct ctx *c, char *const *a,
                                        size_t n)
{
    int64_t label;
    int fd;
    enum status st;

    (void)n;
    if ((st = get_fd(c, a[0], &fd)) != ST_OK ||
        (st = parse_int(c, a[1], &label)) != ST_OK)
        return st;
    if (label < 0 || label > UINT_MAX)
        return callfail(c, ERANGE, "range check");
    if (xapi_flowlabel_release(fd, (unsigned)label, NULL) < 0)
        return callfail(c, errno, "xapi_flowlabel_release");
    return ST_OK;
}

/* pause MS: let the kernel finish what a send started (a TCP segment the
 * peer drops must have had its chance to arrive). */
static enum status op_pause(struct ctx *c, char *const *a, size_t n)
{
    int64_t ms;
    struct timespec ts;
    enum status st;

    (void)n;
    if ((st = parse_int(c, a[0], &ms)) != ST_OK)
        return st;
    if (ms < 0 || ms > 10000)
        return fail(c, "pause takes 0..10000 ms, not %s", a[0]);
    ts.tv_sec = (time_t)(ms / 1000);
    ts.tv_nsec = (long)(ms % 1000) * 1000000L;
    while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
        ;
    return ST_OK;
}

#define OPS_ORIGDST \
    { "send_to", 3, SIZE_MAX, op_send_to }, \
    { "flowlabel_lease", 4, 4, op_flowlabel_lease }, \
    { "flowlabel_release", 2, 2, op_flowlabel_release }, \
    { "pause", 1, 1, op_pause },
