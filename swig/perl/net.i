/*
 * swig/perl/net.i - the lab topic for Perl: sockets in other network
 * namespaces and the error queue (included by the top file, after msg.i,
 * whose helpers it uses).  Xapi::Net (bindings/perl/Xapi/Net.pm) is the
 * Perl face: it turns the descriptor into a file handle.
 */

/* socket_netns is declared in swig/xapi.i. */

%{
/* Xapi::recv_errqueue($sock, $size = 2048, $ancsize = 512): recvmsg with
 * MSG_ERRQUEUE into one piece of $size bytes; the same result as recvmsg.
 * Never blocks: an empty queue is EAGAIN, as the kernel says. */
XS(xapi_perl_recv_errqueue)
{
    static const char fn[] = "recv_errqueue";
    dXSARGS;
    struct iovec iov;
    struct xapi_perl_ctx x;
    SV *vals[5];
    IV size = 2048, anc = 512;
    int fd;

    if (items < 1 || items > 3)
        croak_xs_usage(cv, "sock, size = 2048, ancsize = 512");
    fd = xapi_perl_fd(aTHX_ ST(0), fn);
    if (items > 1 && xapi_perl_given(aTHX_ &ST(1)))
        size = xapi_perl_iv(aTHX_ ST(1), 0, XAPI_PERL_MAX_PIECE, fn, "size");
    if (items > 2 && xapi_perl_given(aTHX_ &ST(2)))
        anc = xapi_perl_iv(aTHX_ ST(2), 0, XAPI_PERL_MAX_ANC, fn, "ancsize");
    iov.iov_base = NULL;
    iov.iov_len = (size_t)size;
    xapi_perl_ctx_init(aTHX_ &x);
    xapi_perl_recv_vals(aTHX_ &x, fn, fd, &iov, 1, anc, MSG_ERRQUEUE, vals);
    SP -= items;
    xapi_perl_push_msg(aTHX_ &x, &SP, vals, GIMME_V == G_LIST);
    PUTBACK;
}
%}

%native(recv_errqueue) void xapi_perl_recv_errqueue(void);
