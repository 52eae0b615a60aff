/*
 * ops_net.c - the C runner's operations for the lab cases (SPEC.md "The
 * lab").  #included by runner.c before its operation table: it uses
 * runner.c's helpers and struct ctx directly.  No per-case state of its
 * own: the sockets it makes are ordinary named sockets (closed with the
 * others), and recv_err's result is the last message.
 */

static void topic_cleanup_net(struct ctx *c)
{
    (void)c;
}

/* socket_in NODE NAME FAMILY TYPE [PROTO]: a socket in the namespace
 * $XAPI_LAB-NODE, through xapi_socket_netns. */
static enum status op_socket_in(struct ctx *c, char *const *a, size_t n)
{
    const char *lab = getenv("XAPI_LAB");
    char ns[128];
    int family, type, proto = 0, fd, len;
    enum status st;

    if (lab == NULL || lab[0] == '\0')
        return fail(c, "socket_in without the lab (XAPI_LAB unset): the "
                       "case needs 'needs lab' first");
    if (strcmp(a[0], "a") != 0 && strcmp(a[0], "r") != 0 &&
        strcmp(a[0], "b") != 0)
        return fail(c, "socket_in: NODE is a, r or b, not '%s'", a[0]);
    if (a[1][0] == '@' || find_sock(c, a[1]) != NULL)
        return fail(c, "socket name '%s' is taken or reserved", a[1]);
    if ((st = parse_int32(c, a[2], &family)) != ST_OK ||
        (st = parse_int32(c, a[3], &type)) != ST_OK ||
        (n > 4 && (st = parse_int32(c, a[4], &proto)) != ST_OK))
        return st;
    len = snprintf(ns, sizeof(ns), "%s-%s", lab, a[0]);
    if (len < 0 || (size_t)len >= sizeof(ns))
        return fail(c, "XAPI_LAB '%s' is too long", lab);
    fd = xapi_socket_netns(ns, family, type, proto);
    if (fd < 0)
        return callfail(c, errno, "xapi_socket_netns");
    return add_sock(c, a[1], fd);
}

/* recv_err NAME [sizes=N,...] [anc=A]: recvmsg with MSG_ERRQUEUE after
 * waiting up to 5 s for POLLERR (runner.c's recv_common). */
static enum status op_recv_err(struct ctx *c, char *const *a, size_t n)
{
    return recv_common(c, a, n, 1);
}

#define OPS_NET \
    { "socket_in", 4, 5, op_socket_in }, \
    { "recv_err", 1, 3, op_recv_err },
