/*
 * test_fdpass.c - SCM_RIGHTS and SCM_CREDENTIALS over real unix socket
 * pairs.  Expected values come from the kernel (what arrives, /proc/self/fd,
 * fcntl(F_GETFD)) and from getpid/getuid/getgid, never from xapi.
 */
#include <config.h>

#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include "xapi.h"

static int open_fds(void)
{
    DIR *d = opendir("/proc/self/fd");
    struct dirent *e;
    int n = 0;

    ck_assert_ptr_nonnull(d);
    while ((e = readdir(d)) != NULL)
        if (e->d_name[0] != '.')
            n++;
    closedir(d);
    return n - 1; /* the directory's own descriptor */
}

static void send_fds(int sock, const int *fds, size_t n)
{
    xapi_typed_item t;
    struct iovec iov = { (void *)"x", 1 };

    ck_assert_int_eq(xapi_typed_fds(fds, n, &t, NULL), 0);
    ck_assert_int_eq(t.view.kind, XAPI_VALUE_FDS);
    ck_assert_uint_eq(t.view.fds.count, n);
    ck_assert_int_eq(xapi_send(sock, &iov, 1, NULL, &t.item, 1, 0, NULL), 1);
}

/* One receive into a control buffer of cap bytes; the items parsed. */
static ssize_t recv_one(int sock, unsigned char *ctl, size_t cap, xapi_msg *m,
                        xapi_cmsg *c, xapi_value *v, size_t *count)
{
    static char buf[16];
    static struct iovec iov;
    ssize_t n;

    iov.iov_base = buf;
    iov.iov_len = sizeof(buf);
    memset(m, 0, sizeof(*m));
    m->iov = &iov;
    m->iovlen = 1;
    m->control = ctl;
    m->controllen = cap;
    n = xapi_recvmsg(sock, m, 0);
    ck_assert_int_eq(xapi_items_parse(ctl, m->controllen, c, v, 4, count, 0,
                                      NULL), 0);
    return n;
}

START_TEST(pass_pipes)
{
    int sp[2], p1[2], p2[2], fd, fd2;
    _Alignas(size_t) unsigned char ctl[256];
    xapi_msg m;
    xapi_cmsg c[4];
    xapi_value v[4];
    size_t count;
    char got[8];

    ck_assert_int_eq(socketpair(AF_UNIX, SOCK_DGRAM, 0, sp), 0);
    ck_assert_int_eq(pipe(p1), 0);
    ck_assert_int_eq(pipe(p2), 0);
    {
        int two[2] = { p1[1], p2[1] };
        send_fds(sp[0], two, 2);
    }
    ck_assert_int_eq(recv_one(sp[1], ctl, sizeof(ctl), &m, c, v, &count), 1);
    ck_assert_uint_eq(count, 1);
    ck_assert_int_eq(c[0].level, SOL_SOCKET);
    ck_assert_int_eq(c[0].type, SCM_RIGHTS);
    ck_assert_int_eq(v[0].kind, XAPI_VALUE_FDS);
    ck_assert_str_eq(v[0].name, "fds");
    ck_assert_uint_eq(v[0].fds.count, 2);
    ck_assert_int_eq(xapi_fds_at(&v[0], 0, &fd), 0);
    ck_assert_int_eq(xapi_fds_at(&v[0], 1, &fd2), 0);
    ck_assert_int_eq(xapi_fds_at(&v[0], 2, &fd2), -1);
    ck_assert_int_eq(errno, EINVAL);
    /* New descriptors, close-on-exec, writing into the pipes sent. */
    ck_assert_int_ne(fd, p1[1]);
    ck_assert_int_eq(fcntl(fd, F_GETFD) & FD_CLOEXEC, FD_CLOEXEC);
    ck_assert_int_eq(fcntl(fd2, F_GETFD) & FD_CLOEXEC, FD_CLOEXEC);
    ck_assert_int_eq(write(fd, "ab", 2), 2);
    ck_assert_int_eq(write(fd2, "cd", 2), 2);
    ck_assert_int_eq(read(p1[0], got, sizeof(got)), 2);
    ck_assert_int_eq(memcmp(got, "ab", 2), 0);
    ck_assert_int_eq(read(p2[0], got, sizeof(got)), 2);
    ck_assert_int_eq(memcmp(got, "cd", 2), 0);
    close(fd);
    close(fd2);
    close(p1[0]); close(p1[1]); close(p2[0]); close(p2[1]);
    close(sp[0]); close(sp[1]);
}
END_TEST

START_TEST(ctrunc_closes)
{
    int sp[2], p[2], before, three[3];
    _Alignas(size_t) unsigned char ctl[64];
    xapi_msg m;
    xapi_cmsg c[4];
    xapi_value v[4];
    size_t count;

    ck_assert_int_eq(socketpair(AF_UNIX, SOCK_DGRAM, 0, sp), 0);
    ck_assert_int_eq(pipe(p), 0);
    three[0] = p[0];
    three[1] = p[1];
    three[2] = p[1];
    send_fds(sp[0], three, 3);
    before = open_fds();
    /* Room for one descriptor: the kernel installs one, closes the other
     * two and sets MSG_CTRUNC; the core closes the one that arrived. */
    ck_assert_int_eq(recv_one(sp[1], ctl, CMSG_SPACE(sizeof(int)), &m, c, v,
                              &count), 1);
    ck_assert_int_ne(m.flags & MSG_CTRUNC, 0);
    ck_assert_int_eq(open_fds(), before);
    ck_assert_uint_eq(count, 1);
    ck_assert_int_eq(v[0].kind, XAPI_VALUE_NONE);
    {
        int none;
        memcpy(&none, c[0].data, sizeof(none));
        ck_assert_int_eq(none, -1);
    }
    close(p[0]); close(p[1]); close(sp[0]); close(sp[1]);
}
END_TEST

START_TEST(bad_descriptor)
{
    int sp[2], bad, fds[1];
    xapi_typed_item t;
    xapi_error e = { 0, NULL, "" };
    struct iovec iov = { (void *)"x", 1 };

    ck_assert_int_eq(socketpair(AF_UNIX, SOCK_DGRAM, 0, sp), 0);
    bad = dup(0);
    close(bad);
    fds[0] = bad;
    ck_assert_int_eq(xapi_typed_fds(fds, 1, &t, NULL), 0);
    ck_assert_int_eq(xapi_send(sp[0], &iov, 1, NULL, &t.item, 1, 0, &e), -1);
    ck_assert_int_eq(errno, EBADF);
    fds[0] = -1;
    ck_assert_int_eq(xapi_typed_fds(fds, 1, &t, &e), -1);
    ck_assert_str_eq(e.arg, "fds");
    ck_assert_int_eq(xapi_typed_fds(fds, 0, &t, NULL), -1);
    ck_assert_int_eq(xapi_typed_fds(NULL, XAPI_FDS_MAX + 1, &t, NULL), -1);
    close(sp[0]); close(sp[1]);
}
END_TEST

START_TEST(passcred)
{
    int sp[2];
    _Alignas(size_t) unsigned char ctl[256];
    xapi_msg m;
    xapi_cmsg c[4];
    xapi_value v[4];
    size_t count;
    const xapi_record *r;
    struct iovec iov = { (void *)"x", 1 };

    ck_assert_int_eq(socketpair(AF_UNIX, SOCK_DGRAM, 0, sp), 0);
    ck_assert_int_eq(xapi_setsockopt_int(sp[1], SOL_SOCKET, SO_PASSCRED, 1),
                     0);
    ck_assert_int_eq(xapi_send(sp[0], &iov, 1, NULL, NULL, 0, 0, NULL), 1);
    ck_assert_int_eq(recv_one(sp[1], ctl, sizeof(ctl), &m, c, v, &count), 1);
    ck_assert_uint_eq(count, 1);
    ck_assert_int_eq(c[0].type, SCM_CREDENTIALS);
    ck_assert_int_eq(v[0].kind, XAPI_VALUE_CREDS);
    ck_assert_str_eq(v[0].name, "creds");
    ck_assert_int_eq(v[0].creds.pid, getpid());
    ck_assert_uint_eq(v[0].creds.uid, getuid());
    ck_assert_uint_eq(v[0].creds.gid, getgid());
    r = xapi_record_of(XAPI_VALUE_CREDS);
    ck_assert_ptr_nonnull(r);
    ck_assert_str_eq(r->type_name, "Creds");
    ck_assert_uint_eq(r->nfields, 3);
    ck_assert_str_eq(r->fields[0].name, "pid");
    close(sp[0]); close(sp[1]);
}
END_TEST

START_TEST(explicit_creds)
{
    int sp[2];
    xapi_typed_item t;
    _Alignas(size_t) unsigned char ctl[256];
    xapi_msg m;
    xapi_cmsg c[4];
    xapi_value v[4];
    size_t count;
    struct iovec iov = { (void *)"x", 1 };

    ck_assert_int_eq(socketpair(AF_UNIX, SOCK_DGRAM, 0, sp), 0);
    ck_assert_int_eq(xapi_setsockopt_int(sp[1], SOL_SOCKET, SO_PASSCRED, 1),
                     0);
    ck_assert_int_eq(xapi_typed_creds(getpid(), getuid(), getgid(), &t, NULL),
                     0);
    ck_assert_int_eq(t.view.kind, XAPI_VALUE_CREDS);
    ck_assert_int_eq(xapi_send(sp[0], &iov, 1, NULL, &t.item, 1, 0, NULL), 1);
    ck_assert_int_eq(recv_one(sp[1], ctl, sizeof(ctl), &m, c, v, &count), 1);
    ck_assert_int_eq(v[0].creds.pid, getpid());
    ck_assert_int_eq(xapi_typed_creds(-1, 0, 0, &t, NULL), -1);
    close(sp[0]); close(sp[1]);
}
END_TEST

START_TEST(lying_payloads)
{
    /* A payload of 5 bytes: not whole ints, no view. */
    _Alignas(size_t) unsigned char ctl[64];
    size_t used = 0, count;
    xapi_cmsg c[2];
    xapi_value v[2];
    unsigned char five[5] = { 0 };

    ck_assert_int_eq(xapi_cmsg_append(ctl, sizeof(ctl), &used, SOL_SOCKET,
                                      SCM_RIGHTS, five, 5), 0);
    ck_assert_int_eq(xapi_items_parse(ctl, used, c, v, 2, &count, 0, NULL),
                     0);
    ck_assert_int_eq(v[0].kind, XAPI_VALUE_NONE);
    ck_assert_int_eq(xapi_items_parse(ctl, used, c, v, 2, &count,
                                      XAPI_ITEMS_STRICT_VALUES, NULL), -1);
    used = 0;
    ck_assert_int_eq(xapi_cmsg_append(ctl, sizeof(ctl), &used, SOL_SOCKET,
                                      SCM_CREDENTIALS, five, 5), 0);
    ck_assert_int_eq(xapi_items_parse(ctl, used, c, v, 2, &count, 0, NULL),
                     0);
    ck_assert_int_eq(v[0].kind, XAPI_VALUE_NONE);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("fdpass");
    TCase *t = tcase_create("unix");
    SRunner *sr;
    int failed;

    tcase_add_test(t, pass_pipes);
    tcase_add_test(t, ctrunc_closes);
    tcase_add_test(t, bad_descriptor);
    tcase_add_test(t, passcred);
    tcase_add_test(t, explicit_creds);
    tcase_add_test(t, lying_payloads);
    suite_add_tcase(s, t);
    sr = srunner_create(s);
    srunner_set_fork_status(sr, CK_NOFORK);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
