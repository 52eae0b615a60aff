/*
 * common.h - what the C scenario programs share: the clock, VmRSS, the
 * burst sender they drive, the contract's one output line.
 */
#ifndef XAPI_BENCH_COMMON_H
#define XAPI_BENCH_COMMON_H

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define BENCH_PAYLOAD 64

static inline double bench_now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static inline void bench_die(const char *what)
{
    fprintf(stderr, "bench: %s: %s\n", what, strerror(errno));
    exit(1);
}

/* VmRSS from /proc/self/status, in kB; -1 if unreadable. */
static inline long bench_rss_kb(void)
{
    char line[256];
    long kb = -1;
    FILE *f = fopen("/proc/self/status", "r");

    if (f == NULL)
        return -1;
    while (fgets(line, sizeof(line), f) != NULL)
        if (sscanf(line, "VmRSS: %ld kB", &kb) == 1)
            break;
    fclose(f);
    return kb;
}

static inline long bench_env_long(const char *name, long dflt)
{
    const char *v = getenv(name);

    return v != NULL && v[0] != '\0' ? strtol(v, NULL, 10) : dflt;
}

/* The burst sender (sender.c), run as a child with a pipe each way. */
struct bench_sender {
    pid_t pid;
    FILE *to, *from;
};

static inline void bench_sender_start(struct bench_sender *s, unsigned port)
{
    const char *path = getenv("XAPI_BENCH_SENDER");
    int in[2], out[2];
    char portbuf[16];

    if (path == NULL || path[0] == '\0')
        path = "./bench_sender";
    if (pipe(in) < 0 || pipe(out) < 0)
        bench_die("pipe");
    snprintf(portbuf, sizeof(portbuf), "%u", port);
    s->pid = fork();
    if (s->pid < 0)
        bench_die("fork");
    if (s->pid == 0) {
        dup2(in[0], 0);
        dup2(out[1], 1);
        close(in[0]); close(in[1]); close(out[0]); close(out[1]);
        execl(path, path, portbuf, (char *)NULL);
        _exit(127);
    }
    close(in[0]);
    close(out[1]);
    s->to = fdopen(in[1], "w");
    s->from = fdopen(out[0], "r");
    if (s->to == NULL || s->from == NULL)
        bench_die("fdopen");
}

/* Asks for a burst of n datagrams; returns how many the sender sent (all
 * of them are queued, or dropped, by the time it answers: loopback
 * delivers within the send call). */
static inline long bench_sender_burst(struct bench_sender *s, long n)
{
    long sent;

    if (fprintf(s->to, "%ld\n", n) < 0 || fflush(s->to) != 0)
        bench_die("write to sender");
    if (fscanf(s->from, "%ld", &sent) != 1) {
        fprintf(stderr, "bench: the sender did not answer\n");
        exit(1);
    }
    return sent;
}

static inline void bench_sender_stop(struct bench_sender *s)
{
    fclose(s->to); /* EOF: the sender exits */
    fclose(s->from);
    waitpid(s->pid, NULL, 0);
}

/*
 * The receive loop of the contract (README.md, "The scenario-program
 * contract" and "Two receive methods"), once for every C receiver: starts
 * the sender aimed at PORT, asks for bursts until COUNT messages were
 * received, times only each drain(arg) call (which receives with
 * MSG_DONTWAIT until the queue is empty and returns how many it took),
 * then prints the contract's line with the accounting fields:
 *
 *   SCENARIO msgs_per_sec rss_before rss_after sent received short
 *
 * sent: what the sender says it sent; received: what the drains took,
 * plus one untimed drain at the end for stragglers (sent - received were
 * lost: dropped by the kernel); short: bursts whose drain took fewer than
 * that burst's datagrams, i.e. some were not queued when the clock
 * started (late) or were dropped.  In the queued method both must be 0.
 * Returns 0, or exits 1 when nothing arrives.
 */
static inline int bench_run_receiver(const char *name, unsigned port,
                                     long (*drain)(void *), void *arg)
{
    long count = bench_env_long("XAPI_BENCH_COUNT", 1000000);
    long chunk = bench_env_long("XAPI_BENCH_CHUNK", 2000);
    long total = 0, sent = 0, shortb = 0, empty = 0, rss0, rss1;
    double busy = 0, t0;
    struct bench_sender snd;

    bench_sender_start(&snd, port);
    rss0 = bench_rss_kb();
    while (total < count) {
        long want = count - total < chunk ? count - total : chunk;
        long burst = bench_sender_burst(&snd, want), got;

        sent += burst;
        t0 = bench_now();
        got = drain(arg);
        busy += bench_now() - t0;
        total += got;
        if (got < burst)
            shortb++;
        if (got == 0 && ++empty > 100) {
            fprintf(stderr, "bench: %s: nothing arrives\n", name);
            exit(1);
        }
    }
    rss1 = bench_rss_kb();
    bench_sender_stop(&snd);
    printf("%s %.0f %ld %ld %ld %ld %ld\n", name, (double)total / busy, rss0,
           rss1, sent, total + drain(arg) /* stragglers, untimed */, shortb);
    fflush(stdout);
    return 0;
}

#endif
