/*
 * msg_helpers.h - helpers the message and batch unit tests share: reading
 * a socket's address, switching an option on, finding and decoding one
 * received item, comparing two addresses by their text form.
 */
#ifndef XAPI_TEST_MSG_HELPERS_H
#define XAPI_TEST_MSG_HELPERS_H

#include <check.h>
#include "xapi.h"

static inline xapi_addr sockname(int fd)
{
    xapi_addr a;

    ck_assert_int_eq(xapi_getsockname(fd, &a), 0);
    return a;
}

static inline void set_on(int fd, int level, int name)
{
    ck_assert_int_eq(xapi_setsockopt_int(fd, level, name, 1), 0);
}

static inline int find_item(const xapi_msg *m, int level, int type, xapi_value *v)
{
    xapi_cmsg_iter it;
    xapi_cmsg c;
    int rc;

    xapi_cmsg_iter_init(&it, m->control, m->controllen);
    while ((rc = xapi_cmsg_next(&it, &c)) == 1) {
        if (c.level == level && c.type == type) {
            ck_assert_int_eq(xapi_cmsg_decode(&c, v), 0);
            return 1;
        }
    }
    ck_assert_int_eq(rc, 0);
    return 0;
}

static inline void same_addr(const xapi_addr *a, const xapi_addr *b)
{
    char ha[XAPI_ADDRSTRLEN], hb[XAPI_ADDRSTRLEN];
    unsigned pa, pb;

    ck_assert_int_eq(xapi_addr_format(a, ha, sizeof(ha), &pa), 0);
    ck_assert_int_eq(xapi_addr_format(b, hb, sizeof(hb), &pb), 0);
    ck_assert_str_eq(ha, hb);
    ck_assert_uint_eq(pa, pb);
}

#endif /* XAPI_TEST_MSG_HELPERS_H */
