/*
 * swig/perl/rth.i - Perl's typemaps for the shapes of routing headers
 * (type 0 and SRH), the ICMPv6 filter, path MTU and next hop (swig/xapi.i
 * declares the calls and includes this file ahead of them).
 *
 * Only shapes and object builders: the core checks every value and words
 * every error (Xapi::FN: bad argument ARG: REASON, through XAPI_RAISE).
 * Lists are array references; a hole is handed to the core as a missing
 * element, which it names.  Results are strings, array and hash
 * references.  Xapi/RFC3542.pm adds the public names and the in-place
 * calls.
 */
#ifndef XAPI_PERL_RTH_I
#define XAPI_PERL_RTH_I

%{
static SV *xapi_perl_rth_hv(pTHX_ const xapi_rth_info *in,
                            const xapi_in6_text *addrs, size_t n)
{
    HV *hv = newHV();
    AV *segs = newAV();
    size_t i;

    for (i = 0; i < n; i++)
        av_push(segs, newSVpv(addrs[i].s, 0));
    (void)hv_stores(hv, "type", newSViv(in->type));
    (void)hv_stores(hv, "next_header", newSVuv(in->next_header));
    (void)hv_stores(hv, "hdr_ext_len", newSVuv(in->hdr_ext_len));
    (void)hv_stores(hv, "segments_left", newSVuv(in->segments_left));
    (void)hv_stores(hv, "last_entry", newSVuv(in->last_entry));
    (void)hv_stores(hv, "flags", newSVuv(in->flags));
    (void)hv_stores(hv, "tag", newSVuv(in->tag));
    (void)hv_stores(hv, "reserved", newSVuv(in->reserved));
    (void)hv_stores(hv, "length", newSVuv(in->length));
    (void)hv_stores(hv, "segments", newRV_noinc((SV *)segs));
    (void)hv_stores(hv, "tlv", newSVpvn((const char *)in->tlv, in->tlv_len));
    return newRV_noinc((SV *)hv);
}
%}

/* $! untouched by a wrong value, as every Perl argument error promises,
 * and by a call that succeeds, as Perl's own calls leave it: the errno
 * table clears errno before the call (and the raise leaves it 0), so the
 * caller's errno is kept here and put back unless the call failed with
 * an OS error (at the fail label, before the croak).  Scoped to this block: the shared
 * shape is saved here and put back by XAPI_RTH_END.  (The shared raise
 * could do this for every call.) */
%apply xapi_error *err { xapi_error *xapi_rth_shared_err };
%typemap(in, numinputs=0) xapi_error *err %{
  xapi_error xapi_err_ = { 0, NULL, "" };
  int xapi_errno_caller_ = errno;
  $1 = &xapi_err_;
%}
%typemap(freearg) xapi_error *err %{
  if (xapi_err_.code == 0 || xapi_error_is_value(&xapi_err_))
    errno = xapi_errno_caller_;
%}
%define XAPI_RTH_END
%apply xapi_error *xapi_rth_shared_err { xapi_error *err };
%clear xapi_error *xapi_rth_shared_err;
%enddef

/* Status calls: nothing, or what their argouts give. */
%define XAPI_RTH_STATUS(fn)
%typemap(out) int fn "(void)$1;"
%enddef
%define XAPI_RTH_BOOL(fn)
%typemap(out) int fn "$result = boolSV($1); argvi++;"
%enddef

/* ---- lists in ------------------------------------------------------------ */
/* Address texts are pointed into while the later ones are read: a tied
 * array or element (whose FETCH could change or free an earlier one) is
 * refused, a hole too (xapi_perl_elem_plain, in the core's words).  More
 * than 127, the most either call takes, are neither read nor made room
 * for (a tied list's FETCHSIZE may claim 2**31 - 1): the core refuses the
 * count before it reads any. */
%typemap(in) (const char *const *addrs, size_t naddrs),
             (const char *const *segments, size_t nsegments) {
  AV *av = xapi_perl_av(aTHX_ $input, "$symname", "$1_name");
  SSize_t n = av_len(av) + 1, nread = n > 127 ? 0 : n, i;
  const char **v = (const char **)xapi_perl_scratch(aTHX_ (size_t)nread *
                                                    sizeof *v);
  for (i = 0; i < nread; i++)
    v[i] = xapi_perl_cstr(aTHX_ xapi_perl_elem_plain(aTHX_ av, i, "$symname",
                                                     "$1_name"),
                          "$symname", "$1_name");
  $1 = ($1_ltype)v;
  $2 = (size_t)n;
}

%typemap(in) (const int *types, size_t ntypes) {
  AV *av = xapi_perl_av(aTHX_ $input, "$symname", "type");
  SSize_t n = av_len(av) + 1, i;
  int *v = (int *)xapi_perl_scratch(aTHX_ (size_t)n * sizeof *v);
  for (i = 0; i < n; i++) {
    SV **e = av_fetch(av, i, 0);
    v[i] = e == NULL ? -1 : (int)xapi_perl_iv(aTHX_ *e, INT_MIN, INT_MAX,
                                               "$symname", "type");
  }
  $1 = v;
  $2 = (size_t)n;
}

/* ---- out ------------------------------------------------------------------ */
%typemap(in, numinputs=0) (void *hdr_out, size_t hdr_cap, size_t *hdr_len)
    (unsigned char bytes[XAPI_RTH_MAX], size_t got = 0) {
  $1 = bytes;
  $2 = sizeof bytes;
  $3 = &got;
}
%typemap(argout) (void *hdr_out, size_t hdr_cap, size_t *hdr_len) {
  if (argvi >= items) EXTEND(sp, argvi + 1);
  $result = sv_2mortal(newSVpvn((const char *)$1, *$3));
  argvi++;
}

%typemap(in, numinputs=0) xapi_in6_text *addr_out (xapi_in6_text text) {
  text.s[0] = '\0';
  $1 = &text;
}
%typemap(argout) xapi_in6_text *addr_out {
  if (argvi >= items) EXTEND(sp, argvi + 1);
  $result = sv_2mortal(newSVpv($1->s, 0));
  argvi++;
}

%typemap(in, numinputs=0) unsigned *ifindex_out (unsigned u = 0) "$1 = &u;"
%typemap(argout) unsigned *ifindex_out {
  if (argvi >= items) EXTEND(sp, argvi + 1);
  $result = sv_2mortal(newSVuv(*$1));
  argvi++;
}

/* {addr, ifindex, mtu} */
%typemap(in, numinputs=0) xapi_mtuinfo *mtu_out (xapi_mtuinfo m) {
  memset(&m, 0, sizeof m);
  $1 = &m;
}
%typemap(argout) xapi_mtuinfo *mtu_out {
  HV *hv = newHV();
  (void)hv_stores(hv, "addr", newSVpv($1->addr, 0));
  (void)hv_stores(hv, "ifindex", newSVuv($1->ifindex));
  (void)hv_stores(hv, "mtu", newSVuv($1->mtu));
  if (argvi >= items) EXTEND(sp, argvi + 1);
  $result = sv_2mortal(newRV_noinc((SV *)hv));
  argvi++;
}

/* A whole routing header: a hash reference (fields, segments, tlv). */
%typemap(in, numinputs=0)
    (xapi_rth_info *info_out, xapi_in6_text *addrs_out, size_t addrs_cap,
     size_t *naddrs) (size_t n = 0) {
  $1 = (xapi_rth_info *)xapi_perl_scratch(aTHX_ sizeof(xapi_rth_info));
  $2 = (xapi_in6_text *)xapi_perl_scratch(aTHX_ 127 * sizeof(xapi_in6_text));
  $3 = 127;
  $4 = &n;
}
%typemap(argout)
    (xapi_rth_info *info_out, xapi_in6_text *addrs_out, size_t addrs_cap,
     size_t *naddrs) {
  if (argvi >= items) EXTEND(sp, argvi + 1);
  $result = sv_2mortal(xapi_perl_rth_hv(aTHX_ $1, $2, *$4));
  argvi++;
}

/* A list of types: an array reference. */
%typemap(in, numinputs=0) (int *types_out, size_t types_cap, size_t *ntypes)
    (int types[256], size_t n = 0) {
  $1 = types;
  $2 = 256;
  $3 = &n;
}
%typemap(argout) (int *types_out, size_t types_cap, size_t *ntypes) {
  AV *av = newAV();
  size_t i;
  for (i = 0; i < *$3; i++)
    av_push(av, newSViv($1[i]));
  if (argvi >= items) EXTEND(sp, argvi + 1);
  $result = sv_2mortal(newRV_noinc((SV *)av));
  argvi++;
}

#endif
