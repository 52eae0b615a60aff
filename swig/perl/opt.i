/*
 * swig/perl/opt.i - Perl's typemaps for the shapes of Hop-by-Hop and
 * Destination options headers (swig/xapi.i names the shapes and declares
 * the calls; this file is included before it).
 *
 *   option list in   [[type, align, data], ...]; data is bytes or an array
 *                    of byte pieces written one after another
 *   option list out  a list of [type, data]
 *   one option out   [type, data, offset], or undef
 *   header out       bytes
 *   header in place  \$buffer (changed in place, through its magic), or
 *                    undef (or \undef) for the RFC's lengths-only NULL
 *   bytes in         a byte string (or a number's text)
 *   value out        a length in (0..2048), bytes out
 *
 * Bytes are pointed into only after every other argument was read
 * ("check" typemaps run after all "in" ones): reading a number may run
 * code (a tied FETCH) that changes the string the bytes are in.  Scratch
 * space is mortal, so a croak frees it.
 */

#define XAPI_OPT_SHAPES

%{
/* The option list, copied into mortal scratch: each option's data in its
 * own 255-byte place, *len counting every byte (a total past 255 reaches
 * the core, which refuses it before reading the data).  More options than
 * a header holds are passed on uncopied: the core refuses their number
 * before reading any. */
static xapi_opt *xapi_perl_optlist_in(pTHX_ SV *sv, const char *fn,
                                      size_t *n)
{
    xapi_opt *opts;
    unsigned char *store;
    SSize_t i, count;
    AV *av;

    av = xapi_perl_untied(aTHX_ xapi_perl_av(aTHX_ sv, fn, "options"), fn,
                          "options");
    count = av_len(av) + 1;
    *n = (size_t)count;
    opts = (xapi_opt *)xapi_perl_scratch(aTHX_ sizeof *opts *
        (count <= XAPI_OPT_MAXOPTS ? (size_t)count : 1));
    if (count > XAPI_OPT_MAXOPTS)
        return opts;
    store = (unsigned char *)xapi_perl_scratch(aTHX_ 255 * (size_t)count);
    for (i = 0; i < count; i++) {
        SV *e = xapi_perl_elem_plain(aTHX_ av, i, fn, "options"), *data;
        xapi_opt *o = &opts[i];
        AV *ov;

        if (!SvROK(e) || SvTYPE(SvRV(e)) != SVt_PVAV ||
            av_len((AV *)SvRV(e)) != 2)
            xapi_perl_croak_arg(aTHX_ fn, "options", "element %ld is not "
                                "[type, align, data]", (long)i);
        ov = (AV *)SvRV(e);
        o->type = (int)xapi_perl_iv(aTHX_ xapi_perl_elem_plain(aTHX_ ov, 0, fn,
                                    "options"), INT_MIN, INT_MAX, fn, "type");
        o->align = (unsigned)xapi_perl_iv(aTHX_ xapi_perl_elem_plain(aTHX_ ov, 1,
                                          fn, "options"), 0, UINT_MAX, fn,
                                          "align");
        o->data = store + (size_t)i * 255;
        o->len = 0;
        o->offset = 0;
        data = xapi_perl_elem_plain(aTHX_ ov, 2, fn, "options");
        if (SvROK(data) && SvTYPE(SvRV(data)) == SVt_PVAV) {
            AV *pieces = (AV *)SvRV(data);
            SSize_t k, np = av_len(pieces) + 1;

            if (np > 255)
                xapi_perl_croak_arg(aTHX_ fn, "data", "option %ld: %ld "
                                    "pieces, an option holds at most 255 "
                                    "bytes", (long)i, (long)np);
            for (k = 0; k < np; k++) {
                STRLEN plen;
                const char *p = xapi_perl_bytes(
                    aTHX_ xapi_perl_elem_plain(aTHX_ pieces, k, fn, "data"),
                    &plen, fn, "data");

                if (o->len < 255)
                    memcpy(store + (size_t)i * 255 + o->len, p,
                           plen < 255 - o->len ? plen : 255 - o->len);
                o->len += plen;
            }
        } else {
            STRLEN plen;
            const char *p = xapi_perl_bytes(aTHX_ data, &plen, fn, "data");

            memcpy(store + (size_t)i * 255, p, plen < 255 ? plen : 255);
            o->len = plen;
        }
    }
    return opts;
}

/* [type, data] (with_offset: [type, data, offset]); undef for none. */
static SV *xapi_perl_opt_sv(pTHX_ const xapi_opt *o, int with_offset)
{
    AV *av;

    if (o->data == NULL)
        return &PL_sv_undef;
    av = newAV();
    av_push(av, newSViv(o->type));
    av_push(av, newSVpvn((const char *)o->data, o->len));
    if (with_offset)
        av_push(av, newSVuv(o->offset));
    return sv_2mortal(newRV_noinc((SV *)av));
}

/* The scalar behind \$buffer, made a writable byte string; NULL for undef
 * or \undef (read through the magic: a tied scalar that is not read yet
 * is not undef). */
static SV *xapi_perl_opt_target(pTHX_ SV *ref, const char *fn)
{
    SV *sv;

    SvGETMAGIC(ref);
    if (!SvOK(ref))
        return NULL;
    if (!SvROK(ref) || SvOBJECT(SvRV(ref)) || SvTYPE(SvRV(ref)) >= SVt_PVAV ||
        isGV_with_GP(SvRV(ref)))
        xapi_perl_croak_arg(aTHX_ fn, "extbuf", "not a reference to a "
                            "scalar");
    sv = SvRV(ref);
    SvGETMAGIC(sv);
    if (!SvOK(sv))
        return NULL;
    if (xapi_perl_readonly(sv))
        xapi_perl_croak_arg(aTHX_ fn, "extbuf", "refers to a read-only "
                            "value");
    if (SvROK(sv))
        xapi_perl_croak_arg(aTHX_ fn, "extbuf", "refers to a reference, a "
                            "byte string is needed");
    if (SvUTF8(sv) && !sv_utf8_downgrade(sv, TRUE))
        xapi_perl_croak_arg(aTHX_ fn, "extbuf", "Wide character (above "
                            "0xFF) where bytes are needed");
    return sv;
}
%}

/* ---- option list in --------------------------------------------------- */
%typemap(in) (const xapi_opt *OPT_LIST_IN, size_t OPT_LIST_LEN) {
  $1 = xapi_perl_optlist_in(aTHX_ $input, "$symname", &$2);
}

/* ---- option list out: a list of [type, data] -------------------------- */
%typemap(in, numinputs=0) (xapi_opt *OPT_LIST_OUT, size_t OPT_LIST_CAP,
                           size_t *OPT_LIST_COUNT) (size_t count = 0) {
  $1 = (xapi_opt *)SvPVX(sv_2mortal(newSV(sizeof(xapi_opt) *
                                          XAPI_OPT_MAXOPTS)));
  $2 = XAPI_OPT_MAXOPTS;
  $3 = &count;
}
%typemap(argout) (xapi_opt *OPT_LIST_OUT, size_t OPT_LIST_CAP,
                  size_t *OPT_LIST_COUNT) {
  size_t i;
  EXTEND(sp, argvi + (SSize_t)count$argnum + 1);
  for (i = 0; i < count$argnum; i++)
    ST(argvi++) = xapi_perl_opt_sv(aTHX_ &$1[i], 0);
}

/* ---- one option out: [type, data, offset] or undef --------------------- */
%typemap(in, numinputs=0) xapi_opt *OPT_OUT (xapi_opt tmp) {
  memset(&tmp, 0, sizeof tmp);
  $1 = &tmp;
}
%typemap(argout) xapi_opt *OPT_OUT {
  if (argvi >= items) EXTEND(sp, argvi + 1);
  ST(argvi) = xapi_perl_opt_sv(aTHX_ $1, 1);
  argvi++;
}

/* ---- a whole header out, as bytes ------------------------------------- */
%typemap(in, numinputs=0) (void *OPT_HDR_OUT, size_t OPT_HDR_CAP,
                           size_t *OPT_HDR_LEN)
    (unsigned char hdr[XAPI_OPT_HDR_MAX], size_t hdrlen = 0) {
  $1 = hdr;
  $2 = sizeof hdr;
  $3 = &hdrlen;
}
%typemap(argout) (void *OPT_HDR_OUT, size_t OPT_HDR_CAP, size_t *OPT_HDR_LEN) {
  if (argvi >= items) EXTEND(sp, argvi + 1);
  ST(argvi) = sv_2mortal(newSVpvn((const char *)$1, hdrlen$argnum));
  argvi++;
}

/* ---- a header changed in place: \$buffer or undef ---------------------- */
%typemap(in) (void *OPT_HDR_INOUT, size_t OPT_HDR_INOUT_LEN)
    (SV *target = NULL, SV *optsv = NULL) {
  optsv = $input; /* taken in "check", after the numbers */
  $1 = NULL;
  $2 = 0;
}
%typemap(check) (void *OPT_HDR_INOUT, size_t OPT_HDR_INOUT_LEN) {
  target$argnum = xapi_perl_opt_target(aTHX_ optsv$argnum, "$symname");
  if (target$argnum != NULL) {
    STRLEN n;
    $1 = SvPV_force_nomg(target$argnum, n);
    $2 = (size_t)n;
  }
}
%typemap(argout) (void *OPT_HDR_INOUT, size_t OPT_HDR_INOUT_LEN) {
  (void)$input; /* SWIG keeps the argument for argouts; it is not needed */
  if (target$argnum != NULL) SvSETMAGIC(target$argnum);
}

/* ---- bytes in, pointed into last --------------------------------------- */
%typemap(in) (const void *OPT_BYTES_IN, size_t OPT_BYTES_LEN) (SV *optsv = NULL) {
  optsv = $input;
  $1 = NULL;
  $2 = 0;
}
%typemap(check) (const void *OPT_BYTES_IN, size_t OPT_BYTES_LEN) {
  STRLEN n;
  $1 = ($1_ltype)xapi_perl_bytes(aTHX_ optsv$argnum, &n, "$symname", "$1_name");
  $2 = (size_t)n;
}

/* ---- a value out: its length in (0..2048), bytes out ------------------- */
%typemap(in) (void *OPT_VAL_OUT, size_t OPT_VAL_LEN) {
  $2 = (size_t)xapi_perl_iv(aTHX_ $input, 0, XAPI_OPT_HDR_MAX, "$symname",
                            "$2_name");
  $1 = SvPVX(sv_2mortal(newSV($2 + 1)));
}
%typemap(argout) (void *OPT_VAL_OUT, size_t OPT_VAL_LEN) {
  (void)$input;
  if (argvi >= items) EXTEND(sp, argvi + 1);
  ST(argvi) = sv_2mortal(newSVpvn((const char *)$1, $2));
  argvi++;
}

/* ---- an offset out ----------------------------------------------------- */
%typemap(in, numinputs=0) size_t *OPT_OFFSET_OUT (size_t tmp = 0) "$1 = &tmp;"
%typemap(argout) size_t *OPT_OFFSET_OUT {
  if (argvi >= items) EXTEND(sp, argvi + 1);
  ST(argvi) = sv_2mortal(newSVuv(*$1));
  argvi++;
}

/* ---- sizes and option types: plain integers --------------------------- */
%apply size_t { size_t OPT_SIZE };
%apply int { int OPT_TYPE };

/* ---- a result that only says "no error": the outputs are the result ---- */
%typemap(out) int OPT_STATUS ""
