/*
 * swig/perl/fdpass.i - Perl's one descriptor shape (unix(7) SCM_RIGHTS),
 * both ways:
 *   (const int *FD_LIST, size_t FD_COUNT)  an array ref of descriptors in:
 *       file handles (globs, IO::Handle objects) or integers;
 *   a received SCM_RIGHTS item's value: an array ref of integers, read
 *       from the core's view with xapi_fds_at.  Xapi::recvmsg(...,
 *       fds => 'handle') opens them as file handles (Xapi.pm).
 * Included after msg.i, before swig/xapi.i; msg.i's value writer calls
 * xapi_perl_fds_sv.
 */
%{
static SV *xapi_perl_fds_sv(pTHX_ const xapi_value *v)
{
    AV *av = newAV();
    size_t i;

    av_extend(av, (SSize_t)v->fds.count - 1);
    for (i = 0; i < v->fds.count; i++) {
        int fd = -1;

        (void)xapi_fds_at(v, i, &fd);
        av_push(av, newSViv(fd));
    }
    return newRV_noinc((SV *)av);
}
%}

%typemap(in) (const int *FD_LIST, size_t FD_COUNT) (int fdbuf[XAPI_FDS_MAX]) {
  AV *av;
  SSize_t i, n;

  if (!SvROK($input) || SvTYPE(SvRV($input)) != SVt_PVAV)
    xapi_perl_croak_arg(aTHX_ "$symname", "fds", "not an array reference "
                        "of file handles or descriptors");
  av = (AV *)SvRV($input);
  n = av_len(av) + 1;
  for (i = 0; i < n && i < XAPI_FDS_MAX; i++) {
    SV **e = av_fetch(av, i, 0);
    fdbuf[i] = e ? xapi_perl_fd(aTHX_ *e, "$symname") : -1;
  }
  /* More than XAPI_FDS_MAX: the core refuses the count, reading none. */
  $1 = fdbuf;
  $2 = (size_t)n;
}

%typemap(out) int xapi_typed_creds, int xapi_typed_fds "(void)$1;"
