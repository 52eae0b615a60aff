/*
 * fdpass.c - descriptors and credentials over unix sockets (unix(7)):
 * SCM_RIGHTS and SCM_CREDENTIALS decoded, built, and the rule that a
 * receive whose control data was cut closes what did arrive.
 */
#include <config.h>

#include <stddef.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

int xapi_decode_creds_(const void *buf, size_t len, xapi_creds *out)
{
    struct ucred uc;

    if (buf == NULL || out == NULL || len != sizeof(uc))
        return xapi_fail(EINVAL);
    memcpy(&uc, buf, sizeof(uc));
    out->pid = uc.pid;
    out->uid = uc.uid;
    out->gid = uc.gid;
    return 0;
}

int xapi_decode_fds_(const void *buf, size_t len, xapi_fds *out)
{
    size_t i;

    /* Whole ints only, at least one, at most what one item can carry;
     * a negative number is no descriptor (a cut receive leaves -1 where
     * it closed one). */
    if (buf == NULL || out == NULL || len == 0 || len % sizeof(int) != 0 ||
        len / sizeof(int) > XAPI_FDS_MAX)
        return xapi_fail(EINVAL);
    for (i = 0; i < len / sizeof(int); i++) {
        int fd;

        memcpy(&fd, (const unsigned char *)buf + i * sizeof(int), sizeof(fd));
        if (fd < 0)
            return xapi_fail(EINVAL);
    }
    out->count = len / sizeof(int);
    out->data = buf;
    return 0;
}

int xapi_fds_at(const xapi_value *v, size_t i, int *fd)
{
    if (v == NULL || fd == NULL || v->kind != XAPI_VALUE_FDS ||
        v->fds.data == NULL || i >= v->fds.count || i >= XAPI_FDS_MAX)
        return xapi_fail(EINVAL);
    memcpy(fd, v->fds.data + i * sizeof(int), sizeof(*fd));
    return 0;
}

void xapi_fds_scrub_(void *control, size_t len, int msg_flags,
                     const xapi_addr *from)
{
    xapi_cmsg_iter it;
    xapi_cmsg c;
    int saved = errno;

    if (control == NULL || len == 0)
        return;
    /* Only AF_UNIX sockets pass descriptors (SCM_RIGHTS, unix(7)): a
     * datagram from an IPv4 or IPv6 source needs no walk (the walk was
     * a tenth of a batch's core cost per message). */
    if (from != NULL && from->len >= offsetof(struct sockaddr, sa_family) +
                                        sizeof(from->ss.ss_family) &&
        (from->ss.ss_family == AF_INET || from->ss.ss_family == AF_INET6))
        return;
    xapi_cmsg_iter_init(&it, control, len);
    while (xapi_cmsg_next(&it, &c) == 1) {
        unsigned char *p;
        size_t i, n;

        if (c.level != SOL_SOCKET || c.type != SCM_RIGHTS)
            continue;
        if (!(msg_flags & MSG_CTRUNC) && c.len % sizeof(int) == 0)
            continue;
        /* The payload lies in the caller's buffer: the view is const only
         * for the walker's sake. */
        p = (unsigned char *)control + (c.data - (const unsigned char *)control);
        n = c.len / sizeof(int);
        for (i = 0; i < n; i++) {
            int fd, none = -1;

            memcpy(&fd, p + i * sizeof(int), sizeof(fd));
            if (fd >= 0)
                (void)close(fd);
            memcpy(p + i * sizeof(int), &none, sizeof(none));
        }
    }
    errno = saved;
}
