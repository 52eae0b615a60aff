/*
 * error.c - xapi_error: the argument at fault and why, worded once here
 * for every language binding.
 */
#include <config.h>

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"

static void set_reason(xapi_error *e, const char *fmt, va_list ap)
{
    if (fmt == NULL) {
        e->reason[0] = '\0';
        return;
    }
    if (vsnprintf(e->reason, sizeof e->reason, fmt, ap) < 0)
        e->reason[0] = '\0';
}

int xapi_err_arg(xapi_error *e, int code, const char *arg, const char *fmt,
                 ...)
{
    if (e != NULL) {
        va_list ap;
        va_start(ap, fmt);
        set_reason(e, fmt, ap);
        va_end(ap);
        e->code = code;
        e->arg = arg;
    }
    errno = code;
    return -1;
}

int xapi_err_sys(xapi_error *e, int code, const char *fmt, ...)
{
    if (e != NULL) {
        va_list ap;
        va_start(ap, fmt);
        set_reason(e, fmt, ap);
        va_end(ap);
        e->code = code;
        e->arg = NULL;
    }
    errno = code;
    return -1;
}

int xapi_err_errno(xapi_error *e)
{
    int code = errno;

    if (code == 0)
        code = EIO; /* never report "success" as a failure */
    if (e != NULL && e->code == 0) {
        e->code = code;
        e->arg = NULL;
        e->reason[0] = '\0';
    }
    errno = code;
    return -1;
}

int xapi_error_format(const xapi_error *e, const char *fn, char *out,
                      size_t cap)
{
    char sys[128];
    const char *sep = ": ";
    int code, n;

    if (e == NULL || (out == NULL && cap > 0))
        return xapi_fail(EINVAL);
    code = e->code != 0 ? e->code : EIO;
    if (fn == NULL || *fn == '\0')
        fn = sep = "";
    if (e->arg != NULL)
        return snprintf(out, cap, "%s%sbad argument %s: %s", fn, sep, e->arg,
                        e->reason[0] ? e->reason : "invalid");
    /* strerror_r: the XSI or the GNU form, whichever the C library has. */
#if defined(__GLIBC__) && defined(_GNU_SOURCE)
    const char *text = strerror_r(code, sys, sizeof sys);
#else
    const char *text = strerror_r(code, sys, sizeof sys) == 0 ? sys : "error";
#endif
    if (e->reason[0] != '\0')
        n = snprintf(out, cap, "%s%s%s (%s)", fn, sep, e->reason, text);
    else
        n = snprintf(out, cap, "%s%s%s", fn, sep, text);
    return n;
}

int xapi_error_is_value(const xapi_error *e)
{
    if (e == NULL || e->arg == NULL)
        return 0;
    switch (e->code) {
    case EINVAL: case ERANGE: case EMSGSIZE: case EOVERFLOW: case ENOSPC:
    case ENAMETOOLONG:
        return 1;
    default:
        return 0;
    }
}
