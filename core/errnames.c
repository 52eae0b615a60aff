/*
 * errnames.c - errno values to their symbolic names, for bindings that
 * report errors by name (Tcl's errorCode, test output).
 */
#include <config.h>

#include "internal.h"

/* Indexed by value.  Aliases (EWOULDBLOCK, EDEADLOCK, ENOTSUP) share a
 * value with the name listed, which is the one the kernel's headers give
 * first and the one strerror-based tools print. */
#define XAPI_ERRNO(name) [name] = #name,

static const char *const errno_names[] = {
#ifdef EPERM
    XAPI_ERRNO(EPERM)
#endif
#ifdef ENOENT
    XAPI_ERRNO(ENOENT)
#endif
#ifdef ESRCH
    XAPI_ERRNO(ESRCH)
#endif
#ifdef EINTR
    XAPI_ERRNO(EINTR)
#endif
#ifdef EIO
    XAPI_ERRNO(EIO)
#endif
#ifdef ENXIO
    XAPI_ERRNO(ENXIO)
#endif
#ifdef E2BIG
    XAPI_ERRNO(E2BIG)
#endif
#ifdef ENOEXEC
    XAPI_ERRNO(ENOEXEC)
#endif
#ifdef EBADF
    XAPI_ERRNO(EBADF)
#endif
#ifdef ECHILD
    XAPI_ERRNO(ECHILD)
#endif
#ifdef EAGAIN
    XAPI_ERRNO(EAGAIN)
#endif
#ifdef ENOMEM
    XAPI_ERRNO(ENOMEM)
#endif
#ifdef EACCES
    XAPI_ERRNO(EACCES)
#endif
#ifdef EFAULT
    XAPI_ERRNO(EFAULT)
#endif
#ifdef ENOTBLK
    XAPI_ERRNO(ENOTBLK)
#endif
#ifdef EBUSY
    XAPI_ERRNO(EBUSY)
#endif
#ifdef EEXIST
    XAPI_ERRNO(EEXIST)
#endif
#ifdef EXDEV
    XAPI_ERRNO(EXDEV)
#endif
#ifdef ENODEV
    XAPI_ERRNO(ENODEV)
#endif
#ifdef ENOTDIR
    XAPI_ERRNO(ENOTDIR)
#endif
#ifdef EISDIR
    XAPI_ERRNO(EISDIR)
#endif
#ifdef EINVAL
    XAPI_ERRNO(EINVAL)
#endif
#ifdef ENFILE
    XAPI_ERRNO(ENFILE)
#endif
#ifdef EMFILE
    XAPI_ERRNO(EMFILE)
#endif
#ifdef ENOTTY
    XAPI_ERRNO(ENOTTY)
#endif
#ifdef ETXTBSY
    XAPI_ERRNO(ETXTBSY)
#endif
#ifdef EFBIG
    XAPI_ERRNO(EFBIG)
#endif
#ifdef ENOSPC
    XAPI_ERRNO(ENOSPC)
#endif
#ifdef ESPIPE
    XAPI_ERRNO(ESPIPE)
#endif
#ifdef EROFS
    XAPI_ERRNO(EROFS)
#endif
#ifdef EMLINK
    XAPI_ERRNO(EMLINK)
#endif
#ifdef EPIPE
    XAPI_ERRNO(EPIPE)
#endif
#ifdef EDOM
    XAPI_ERRNO(EDOM)
#endif
#ifdef ERANGE
    XAPI_ERRNO(ERANGE)
#endif
#ifdef EDEADLK
    XAPI_ERRNO(EDEADLK)
#endif
#ifdef ENAMETOOLONG
    XAPI_ERRNO(ENAMETOOLONG)
#endif
#ifdef ENOLCK
    XAPI_ERRNO(ENOLCK)
#endif
#ifdef ENOSYS
    XAPI_ERRNO(ENOSYS)
#endif
#ifdef ENOTEMPTY
    XAPI_ERRNO(ENOTEMPTY)
#endif
#ifdef ELOOP
    XAPI_ERRNO(ELOOP)
#endif
#ifdef ENOMSG
    XAPI_ERRNO(ENOMSG)
#endif
#ifdef EIDRM
    XAPI_ERRNO(EIDRM)
#endif
#ifdef ECHRNG
    XAPI_ERRNO(ECHRNG)
#endif
#ifdef EL2NSYNC
    XAPI_ERRNO(EL2NSYNC)
#endif
#ifdef EL3HLT
    XAPI_ERRNO(EL3HLT)
#endif
#ifdef EL3RST
    XAPI_ERRNO(EL3RST)
#endif
#ifdef ELNRNG
    XAPI_ERRNO(ELNRNG)
#endif
#ifdef EUNATCH
    XAPI_ERRNO(EUNATCH)
#endif
#ifdef ENOCSI
    XAPI_ERRNO(ENOCSI)
#endif
#ifdef EL2HLT
    XAPI_ERRNO(EL2HLT)
#endif
#ifdef EBADE
    XAPI_ERRNO(EBADE)
#endif
#ifdef EBADR
    XAPI_ERRNO(EBADR)
#endif
#ifdef EXFULL
    XAPI_ERRNO(EXFULL)
#endif
#ifdef ENOANO
    XAPI_ERRNO(ENOANO)
#endif
#ifdef EBADRQC
    XAPI_ERRNO(EBADRQC)
#endif
#ifdef EBADSLT
    XAPI_ERRNO(EBADSLT)
#endif
#ifdef EBFONT
    XAPI_ERRNO(EBFONT)
#endif
#ifdef ENOSTR
    XAPI_ERRNO(ENOSTR)
#endif
#ifdef ENODATA
    XAPI_ERRNO(ENODATA)
#endif
#ifdef ETIME
    XAPI_ERRNO(ETIME)
#endif
#ifdef ENOSR
    XAPI_ERRNO(ENOSR)
#endif
#ifdef ENONET
    XAPI_ERRNO(ENONET)
#endif
#ifdef ENOPKG
    XAPI_ERRNO(ENOPKG)
#endif
#ifdef EREMOTE
    XAPI_ERRNO(EREMOTE)
#endif
#ifdef ENOLINK
    XAPI_ERRNO(ENOLINK)
#endif
#ifdef EADV
    XAPI_ERRNO(EADV)
#endif
#ifdef ESRMNT
    XAPI_ERRNO(ESRMNT)
#endif
#ifdef ECOMM
    XAPI_ERRNO(ECOMM)
#endif
#ifdef EPROTO
    XAPI_ERRNO(EPROTO)
#endif
#ifdef EMULTIHOP
    XAPI_ERRNO(EMULTIHOP)
#endif
#ifdef EDOTDOT
    XAPI_ERRNO(EDOTDOT)
#endif
#ifdef EBADMSG
    XAPI_ERRNO(EBADMSG)
#endif
#ifdef EOVERFLOW
    XAPI_ERRNO(EOVERFLOW)
#endif
#ifdef ENOTUNIQ
    XAPI_ERRNO(ENOTUNIQ)
#endif
#ifdef EBADFD
    XAPI_ERRNO(EBADFD)
#endif
#ifdef EREMCHG
    XAPI_ERRNO(EREMCHG)
#endif
#ifdef ELIBACC
    XAPI_ERRNO(ELIBACC)
#endif
#ifdef ELIBBAD
    XAPI_ERRNO(ELIBBAD)
#endif
#ifdef ELIBSCN
    XAPI_ERRNO(ELIBSCN)
#endif
#ifdef ELIBMAX
    XAPI_ERRNO(ELIBMAX)
#endif
#ifdef ELIBEXEC
    XAPI_ERRNO(ELIBEXEC)
#endif
#ifdef EILSEQ
    XAPI_ERRNO(EILSEQ)
#endif
#ifdef ERESTART
    XAPI_ERRNO(ERESTART)
#endif
#ifdef ESTRPIPE
    XAPI_ERRNO(ESTRPIPE)
#endif
#ifdef EUSERS
    XAPI_ERRNO(EUSERS)
#endif
#ifdef ENOTSOCK
    XAPI_ERRNO(ENOTSOCK)
#endif
#ifdef EDESTADDRREQ
    XAPI_ERRNO(EDESTADDRREQ)
#endif
#ifdef EMSGSIZE
    XAPI_ERRNO(EMSGSIZE)
#endif
#ifdef EPROTOTYPE
    XAPI_ERRNO(EPROTOTYPE)
#endif
#ifdef ENOPROTOOPT
    XAPI_ERRNO(ENOPROTOOPT)
#endif
#ifdef EPROTONOSUPPORT
    XAPI_ERRNO(EPROTONOSUPPORT)
#endif
#ifdef ESOCKTNOSUPPORT
    XAPI_ERRNO(ESOCKTNOSUPPORT)
#endif
#ifdef EOPNOTSUPP
    XAPI_ERRNO(EOPNOTSUPP)
#endif
#ifdef EPFNOSUPPORT
    XAPI_ERRNO(EPFNOSUPPORT)
#endif
#ifdef EAFNOSUPPORT
    XAPI_ERRNO(EAFNOSUPPORT)
#endif
#ifdef EADDRINUSE
    XAPI_ERRNO(EADDRINUSE)
#endif
#ifdef EADDRNOTAVAIL
    XAPI_ERRNO(EADDRNOTAVAIL)
#endif
#ifdef ENETDOWN
    XAPI_ERRNO(ENETDOWN)
#endif
#ifdef ENETUNREACH
    XAPI_ERRNO(ENETUNREACH)
#endif
#ifdef ENETRESET
    XAPI_ERRNO(ENETRESET)
#endif
#ifdef ECONNABORTED
    XAPI_ERRNO(ECONNABORTED)
#endif
#ifdef ECONNRESET
    XAPI_ERRNO(ECONNRESET)
#endif
#ifdef ENOBUFS
    XAPI_ERRNO(ENOBUFS)
#endif
#ifdef EISCONN
    XAPI_ERRNO(EISCONN)
#endif
#ifdef ENOTCONN
    XAPI_ERRNO(ENOTCONN)
#endif
#ifdef ESHUTDOWN
    XAPI_ERRNO(ESHUTDOWN)
#endif
#ifdef ETOOMANYREFS
    XAPI_ERRNO(ETOOMANYREFS)
#endif
#ifdef ETIMEDOUT
    XAPI_ERRNO(ETIMEDOUT)
#endif
#ifdef ECONNREFUSED
    XAPI_ERRNO(ECONNREFUSED)
#endif
#ifdef EHOSTDOWN
    XAPI_ERRNO(EHOSTDOWN)
#endif
#ifdef EHOSTUNREACH
    XAPI_ERRNO(EHOSTUNREACH)
#endif
#ifdef EALREADY
    XAPI_ERRNO(EALREADY)
#endif
#ifdef EINPROGRESS
    XAPI_ERRNO(EINPROGRESS)
#endif
#ifdef ESTALE
    XAPI_ERRNO(ESTALE)
#endif
#ifdef EUCLEAN
    XAPI_ERRNO(EUCLEAN)
#endif
#ifdef ENOTNAM
    XAPI_ERRNO(ENOTNAM)
#endif
#ifdef ENAVAIL
    XAPI_ERRNO(ENAVAIL)
#endif
#ifdef EISNAM
    XAPI_ERRNO(EISNAM)
#endif
#ifdef EREMOTEIO
    XAPI_ERRNO(EREMOTEIO)
#endif
#ifdef EDQUOT
    XAPI_ERRNO(EDQUOT)
#endif
#ifdef ENOMEDIUM
    XAPI_ERRNO(ENOMEDIUM)
#endif
#ifdef EMEDIUMTYPE
    XAPI_ERRNO(EMEDIUMTYPE)
#endif
#ifdef ECANCELED
    XAPI_ERRNO(ECANCELED)
#endif
#ifdef ENOKEY
    XAPI_ERRNO(ENOKEY)
#endif
#ifdef EKEYEXPIRED
    XAPI_ERRNO(EKEYEXPIRED)
#endif
#ifdef EKEYREVOKED
    XAPI_ERRNO(EKEYREVOKED)
#endif
#ifdef EKEYREJECTED
    XAPI_ERRNO(EKEYREJECTED)
#endif
#ifdef EOWNERDEAD
    XAPI_ERRNO(EOWNERDEAD)
#endif
#ifdef ENOTRECOVERABLE
    XAPI_ERRNO(ENOTRECOVERABLE)
#endif
#ifdef ERFKILL
    XAPI_ERRNO(ERFKILL)
#endif
#ifdef EHWPOISON
    XAPI_ERRNO(EHWPOISON)
#endif
};

const char *xapi_errno_name(int err)
{
    if (err <= 0 || (size_t)err >= sizeof(errno_names) / sizeof(errno_names[0]))
        return NULL;
    return errno_names[err];
}
