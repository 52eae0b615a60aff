/*
 * timestamp.c - received timestamps (SO_TIMESTAMP, SO_TIMESTAMPNS,
 * SO_TIMESTAMPING and their 64-bit _NEW forms) decoded from the kernel's
 * payloads, and a transmit stamp matched to its send.
 *
 * The payload layouts (include/uapi/linux/time_types.h, errqueue.h):
 *   SO_TIMESTAMP_OLD     struct __kernel_old_timeval  { long sec, usec; }
 *   SO_TIMESTAMPNS_OLD   struct __kernel_old_timespec { long sec, nsec; }
 *   SO_TIMESTAMPING_OLD  three of those timespecs
 *   SO_TIMESTAMP_NEW     struct __kernel_sock_timeval { s64 sec, usec; }
 *   SO_TIMESTAMPNS_NEW   struct __kernel_timespec     { s64 sec, nsec; }
 *   SO_TIMESTAMPING_NEW  three __kernel_timespec (scm_timestamping64)
 * "long" is this program's: a 32-bit program on a 64-bit kernel gets the
 * compat layout, which is its own.  Each length is checked exactly.
 */
#include <config.h>

#include <string.h>
#include <time.h> /* <linux/errqueue.h> uses struct timespec */
#include <linux/errqueue.h>

#include "internal.h"

#ifndef SO_EE_ORIGIN_TIMESTAMPING
#define SO_EE_ORIGIN_TIMESTAMPING 4 /* SO_EE_ORIGIN_TXSTATUS */
#endif

#define NSEC_PER_SEC 1000000000LL

/* n (sec, sub) pairs of words of wsize bytes (sizeof(long) or 8) into
 * sec[i], nsec[i]; sub is in units of scale nanoseconds.  EINVAL unless
 * len is exactly 2 * n * wsize and every sub-second part is in range. */
static int read_pairs(const void *buf, size_t len, size_t wsize, size_t n,
                      int64_t scale, int64_t *out)
{
    const unsigned char *p = buf;
    size_t i;

    if (buf == NULL || len != 2 * n * wsize)
        return xapi_fail(EINVAL);
    for (i = 0; i < n; i++) {
        int64_t sec, sub;

        if (wsize == sizeof(long) && wsize != sizeof(int64_t)) {
            long s, u;
            memcpy(&s, p, sizeof(s));
            memcpy(&u, p + wsize, sizeof(u));
            sec = s;
            sub = u;
        } else {
            memcpy(&sec, p, sizeof(sec));
            memcpy(&sub, p + wsize, sizeof(sub));
        }
        p += 2 * wsize;
        if (sub < 0 || sub >= NSEC_PER_SEC / scale)
            return xapi_fail(EINVAL);
        out[2 * i] = sec;
        out[2 * i + 1] = sub * scale;
    }
    return 0;
}

/* One (seconds, sub-second) pair; scale turns the sub-second unit into
 * nanoseconds (1000 for a timeval's microseconds). */
static int decode_stamp(const void *buf, size_t len, int wide, int64_t scale,
                        xapi_timestamp *out)
{
    int64_t v[2];

    if (out == NULL || read_pairs(buf, len, wide ? 8 : sizeof(long), 1, scale,
                                  v) < 0)
        return xapi_fail(EINVAL);
    out->sec = v[0];
    out->nsec = v[1];
    return 0;
}

int xapi_decode_timeval(const void *buf, size_t len, int wide,
                        xapi_timestamp *out)
{
    return decode_stamp(buf, len, wide, 1000, out);
}

int xapi_decode_timespec(const void *buf, size_t len, int wide,
                         xapi_timestamp *out)
{
    return decode_stamp(buf, len, wide, 1, out);
}

int xapi_decode_timestamping(const void *buf, size_t len, int wide,
                             xapi_timestamping *out)
{
    int64_t v[6];

    if (out == NULL || read_pairs(buf, len, wide ? 8 : sizeof(long), 3, 1,
                                  v) < 0)
        return xapi_fail(EINVAL);
    out->sw_sec = v[0];
    out->sw_nsec = v[1];
    out->legacy_sec = v[2];
    out->legacy_nsec = v[3];
    out->hw_sec = v[4];
    out->hw_nsec = v[5];
    return 0;
}

int xapi_tx_timestamp_find(const xapi_value *values, size_t nvalues,
                           xapi_tx_timestamp *out, xapi_error *err)
{
    const xapi_value *ts = NULL, *ee = NULL;
    size_t i;

    if (values == NULL && nvalues > 0)
        return xapi_err_arg(err, EINVAL, "values", "NULL with a count");
    if (out == NULL)
        return xapi_err_arg(err, EINVAL, "out", "NULL");
    /* The first of each: the kernel puts one of each in a message. */
    for (i = 0; i < nvalues; i++) {
        if (ts == NULL && values[i].kind == XAPI_VALUE_TIMESTAMPING)
            ts = &values[i];
        else if (ee == NULL && values[i].kind == XAPI_VALUE_SOCK_ERR &&
                 values[i].sock_err.origin == SO_EE_ORIGIN_TIMESTAMPING)
            ee = &values[i];
    }
    if (ts == NULL || ee == NULL)
        return xapi_err_sys(err, ENOENT, "no transmit timestamp in the "
                            "message");
    out->key = ee->sock_err.data;
    out->tstype = (int)ee->sock_err.info;
    out->stamps = ts->timestamping;
    return 0;
}

int xapi_tx_timestamp_of(const xapi_item *cmsgs, size_t ncmsgs,
                         xapi_value *values, size_t cap, size_t *count,
                         xapi_error *err)
{
    /* kept[0]: the first stamps, kept[1]: the first timestamping
     * sock_err; each item is decoded into scratch first. */
    xapi_value kept[2], scratch;
    int have_ts = 0, have_ee = 0;
    size_t i;

    if (count == NULL)
        return xapi_err_arg(err, EINVAL, "count", "NULL");
    *count = 0;
    if (cmsgs == NULL && ncmsgs > 0)
        return xapi_err_arg(err, EINVAL, "cmsgs", "NULL with a count");
    if (values == NULL || cap == 0)
        return xapi_err_arg(err, EINVAL, "cap", "no room for the pair");
    for (i = 0; i < ncmsgs && !(have_ts && have_ee); i++) {
        xapi_cmsg c = { cmsgs[i].level, cmsgs[i].type, cmsgs[i].data,
                        cmsgs[i].len };

        if (c.data == NULL && c.len > 0)
            return xapi_err_arg(err, EINVAL, "cmsgs", "an item's data is "
                                "NULL with a length");
        if (xapi_cmsg_decode(&c, &scratch) < 0)
            continue;           /* malformed: untyped, as a receive says */
        if (!have_ts && scratch.kind == XAPI_VALUE_TIMESTAMPING) {
            kept[0] = scratch;
            have_ts = 1;
        } else if (!have_ee && scratch.kind == XAPI_VALUE_SOCK_ERR &&
                   scratch.sock_err.origin == SO_EE_ORIGIN_TIMESTAMPING) {
            kept[1] = scratch;
            have_ee = 1;
        }
    }
    if (!have_ts || !have_ee)
        return 0;
    if (xapi_tx_timestamp_find(kept, 2, &values[0].txstamp, err) < 0)
        return -1;
    values[0].kind = XAPI_VALUE_TXSTAMP;
    values[0].name = "tx_timestamp";
    values[0].i = 0;
    *count = 1;
    return 0;
}
