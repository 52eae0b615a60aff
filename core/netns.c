/*
 * netns.c - creating a socket in another network namespace.
 *
 * A socket belongs to the network namespace of the thread that created
 * it, for its whole life.  So the calling thread steps into the target
 * namespace, creates the socket and steps back: setns(2) with
 * CLONE_NEWNET acts on the calling thread only, which is what makes this
 * safe in a threaded program.
 */
#include <config.h>

#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "internal.h"

/* Where ip-netns(8) keeps its named namespaces (bind mounts). */
#define XAPI_NETNS_RUN_DIR "/run/netns/"

static int open_target(const char *netns)
{
    char path[PATH_MAX];
    int n;

    if (netns == NULL || netns[0] == '\0')
        return xapi_fail(EINVAL);
    if (strchr(netns, '/') != NULL) {
        /* A path: used as it is. */
        return open(netns, O_RDONLY | O_CLOEXEC);
    }
    /* A name: ip-netns refuses these too, and they would name the
     * directory itself or its parent. */
    if (strcmp(netns, ".") == 0 || strcmp(netns, "..") == 0)
        return xapi_fail(EINVAL);
    n = snprintf(path, sizeof(path), "%s%s", XAPI_NETNS_RUN_DIR, netns);
    if (n < 0 || (size_t)n >= sizeof(path))
        return xapi_fail(ENAMETOOLONG);
    return open(path, O_RDONLY | O_CLOEXEC);
}

/* The calling thread's own namespace (not the process's: another thread
 * may have switched, and so may this one). */
static int open_own(void)
{
    char path[64];
    int fd;

    fd = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
    if (fd >= 0 || errno != ENOENT)
        return fd;
    /* Kernels before 3.17 have no /proc/thread-self. */
    snprintf(path, sizeof(path), "/proc/self/task/%ld/ns/net",
             (long)syscall(SYS_gettid));
    return open(path, O_RDONLY | O_CLOEXEC);
}

static int same_file(int a, int b)
{
    struct stat sa, sb;

    if (fstat(a, &sa) < 0 || fstat(b, &sb) < 0)
        return 0; /* unknown: switch anyway, setns will tell */
    return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

int xapi_socket_netns(const char *netns, int family, int type, int protocol)
{
    sigset_t all, saved_mask;
    int target, own, fd, err, rc;

    /* Open the target first, so a missing namespace fails before any
     * switch is made. */
    target = open_target(netns);
    if (target < 0)
        return -1;
    own = open_own();
    if (own < 0) {
        err = errno;
        close(target);
        return xapi_fail(err);
    }

    if (same_file(target, own)) {
        close(target);
        close(own);
        return xapi_socket(family, type, protocol);
    }

    /* No signal handler may run while this thread is in the target
     * namespace: it would create its sockets there. */
    sigfillset(&all);
    rc = pthread_sigmask(SIG_SETMASK, &all, &saved_mask);
    if (rc != 0) {
        close(target);
        close(own);
        return xapi_fail(rc);
    }

    fd = -1;
    err = 0;
    if (setns(target, CLONE_NEWNET) < 0) {
        err = errno;
    } else {
        fd = xapi_socket(family, type, protocol);
        if (fd < 0)
            err = errno;
        /* Always go back, whatever socket() did. */
        if (setns(own, CLONE_NEWNET) < 0) {
            err = errno;
            if (fd >= 0)
                close(fd);
            fd = -1;
        }
    }

    pthread_sigmask(SIG_SETMASK, &saved_mask, NULL);
    close(target);
    close(own);
    if (fd < 0)
        return xapi_fail(err);
    return fd;
}
