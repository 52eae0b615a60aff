/*
 * swig/tcl/rth.i - Tcl's typemaps for the shapes of routing headers (type
 * 0 and SRH), the ICMPv6 filter, path MTU and next hop (swig/xapi.i
 * declares the calls and includes this file ahead of them).
 *
 * Only shapes and object builders: the core checks every value and words
 * every error (XAPI_RAISE: {XAPI ARG arg reason} or {POSIX ENAME msg}).
 * Lists are Tcl lists (Tcl's own error for one that does not parse); ICMPv6
 * types may be constant names (ICMP6_ECHO_REPLY).  Results are byte arrays,
 * strings, lists and dicts.  rfc3542.tcl gives them their public names
 * (the ensembles xapi::rth, xapi::srh, xapi::icmp6filter).
 */
#ifndef XAPI_TCL_RTH_I
#define XAPI_TCL_RTH_I

%{
static void xapi_tcl_rth_put(Tcl_Obj *d, const char *key, Tcl_Obj *v)
{
    Tcl_DictObjPut(NULL, d, Tcl_NewStringObj(key, -1), v);
}

/* A whole routing header as a dict: its fields, segments (the address
 * texts in the order the call gives them) and tlv (bytes). */
static Tcl_Obj *xapi_tcl_rth_dict(const xapi_rth_info *in,
                                  const xapi_in6_text *addrs, size_t n)
{
    Tcl_Obj *d = Tcl_NewDictObj(), *segs = Tcl_NewListObj(0, NULL);
    size_t i;

    for (i = 0; i < n; i++)
        Tcl_ListObjAppendElement(NULL, segs, Tcl_NewStringObj(addrs[i].s, -1));
    xapi_tcl_rth_put(d, "type", Tcl_NewIntObj(in->type));
    xapi_tcl_rth_put(d, "next_header", Tcl_NewWideIntObj(in->next_header));
    xapi_tcl_rth_put(d, "hdr_ext_len", Tcl_NewWideIntObj(in->hdr_ext_len));
    xapi_tcl_rth_put(d, "segments_left", Tcl_NewWideIntObj(in->segments_left));
    xapi_tcl_rth_put(d, "last_entry", Tcl_NewWideIntObj(in->last_entry));
    xapi_tcl_rth_put(d, "flags", Tcl_NewWideIntObj(in->flags));
    xapi_tcl_rth_put(d, "tag", Tcl_NewWideIntObj(in->tag));
    xapi_tcl_rth_put(d, "reserved", Tcl_NewWideIntObj(in->reserved));
    xapi_tcl_rth_put(d, "length", Tcl_NewWideIntObj((Tcl_WideInt)in->length));
    xapi_tcl_rth_put(d, "segments", segs);
    xapi_tcl_rth_put(d, "tlv", Tcl_NewByteArrayObj(in->tlv, (int)in->tlv_len));
    return d;
}
%}

/* Nothing to put back at the end of the block. */
%define XAPI_RTH_END
%enddef

/* Status calls: an empty result, or what their argouts set. */
%define XAPI_RTH_STATUS(fn)
%typemap(out) int fn "";
%enddef
%define XAPI_RTH_BOOL(fn)
%typemap(out) int fn "Tcl_SetObjResult(interp, Tcl_NewBooleanObj($1));";
%enddef

/* ---- lists in ------------------------------------------------------------ */
%typemap(in) (const char *const *addrs, size_t naddrs)
                 (const char **texts = NULL),
             (const char *const *segments, size_t nsegments)
                 (const char **texts = NULL) {
  Tcl_Obj **elems;
  int n, i;
  if (Tcl_ListObjGetElements(interp, $input, &n, &elems) != TCL_OK)
    SWIG_fail;
  texts = (const char **)ckalloc((unsigned)(sizeof *texts * (n > 0 ? n : 1)));
  for (i = 0; i < n; i++)
    texts[i] = Tcl_GetString(elems[i]);
  $1 = ($1_ltype)texts;
  $2 = (size_t)n;
}
%typemap(freearg) (const char *const *addrs, size_t naddrs),
                  (const char *const *segments, size_t nsegments) {
  if (texts$argnum) ckfree((char *)texts$argnum);
}

%typemap(in) (const int *types, size_t ntypes) (int *ints = NULL) {
  Tcl_Obj **elems;
  int n, i;
  if (Tcl_ListObjGetElements(interp, $input, &n, &elems) != TCL_OK)
    SWIG_fail;
  ints = (int *)ckalloc((unsigned)(sizeof *ints * (n > 0 ? n : 1)));
  for (i = 0; i < n; i++)
    if (xapi_tcl_get_const(interp, elems[i], "xapi::$symname", "type",
                           &ints[i]) != TCL_OK)
      SWIG_fail;
  $1 = ints;
  $2 = (size_t)n;
}
%typemap(freearg) (const int *types, size_t ntypes) {
  if (ints$argnum) ckfree((char *)ints$argnum);
}

/* ---- out ------------------------------------------------------------------ */
%typemap(in, numinputs=0) (void *hdr_out, size_t hdr_cap, size_t *hdr_len)
    (unsigned char bytes[XAPI_RTH_MAX], size_t got = 0) {
  $1 = bytes;
  $2 = sizeof bytes;
  $3 = &got;
}
%typemap(argout) (void *hdr_out, size_t hdr_cap, size_t *hdr_len) {
  Tcl_SetObjResult(interp, Tcl_NewByteArrayObj((unsigned char *)$1, (int)*$3));
}

%typemap(in, numinputs=0) xapi_in6_text *addr_out (xapi_in6_text text) {
  text.s[0] = '\0';
  $1 = &text;
}
%typemap(argout) xapi_in6_text *addr_out {
  Tcl_SetObjResult(interp, Tcl_NewStringObj($1->s, -1));
}

%typemap(in, numinputs=0) unsigned *ifindex_out (unsigned u = 0) "$1 = &u;"
%typemap(argout) unsigned *ifindex_out {
  /* (appended to the address before it: opt.i's second output) */
  xapi_tcl_opt_out(interp, Tcl_NewWideIntObj((Tcl_WideInt)*$1));
}

/* dict addr ifindex mtu */
%typemap(in, numinputs=0) xapi_mtuinfo *mtu_out (xapi_mtuinfo m) {
  memset(&m, 0, sizeof m);
  $1 = &m;
}
%typemap(argout) xapi_mtuinfo *mtu_out {
  Tcl_Obj *d = Tcl_NewDictObj();
  xapi_tcl_rth_put(d, "addr", Tcl_NewStringObj($1->addr, -1));
  xapi_tcl_rth_put(d, "ifindex", Tcl_NewWideIntObj((Tcl_WideInt)$1->ifindex));
  xapi_tcl_rth_put(d, "mtu", Tcl_NewWideIntObj((Tcl_WideInt)$1->mtu));
  Tcl_SetObjResult(interp, d);
}

/* A whole routing header: a dict (fields, segments, tlv). */
%typemap(in, numinputs=0)
    (xapi_rth_info *info_out, xapi_in6_text *addrs_out, size_t addrs_cap,
     size_t *naddrs)
    (xapi_rth_info info, xapi_in6_text addrs[127], size_t n = 0) {
  $1 = &info;
  $2 = addrs;
  $3 = sizeof addrs / sizeof addrs[0];
  $4 = &n;
}
%typemap(argout)
    (xapi_rth_info *info_out, xapi_in6_text *addrs_out, size_t addrs_cap,
     size_t *naddrs) {
  Tcl_SetObjResult(interp, xapi_tcl_rth_dict($1, $2, *$4));
}

/* A list of types. */
%typemap(in, numinputs=0) (int *types_out, size_t types_cap, size_t *ntypes)
    (int types[256], size_t n = 0) {
  $1 = types;
  $2 = 256;
  $3 = &n;
}
%typemap(argout) (int *types_out, size_t types_cap, size_t *ntypes) {
  Tcl_Obj *l = Tcl_NewListObj(0, NULL);
  size_t i;
  for (i = 0; i < *$3; i++)
    Tcl_ListObjAppendElement(NULL, l, Tcl_NewIntObj($1[i]));
  Tcl_SetObjResult(interp, l);
}

#endif
