/*
 * swig/tcl/opt.i - Tcl's typemaps for the shapes of Hop-by-Hop and
 * Destination options headers (swig/xapi.i names the shapes and declares
 * the calls; this file is included before it).  The commands SWIG makes
 * are private: bindings/tcl/rfc3542.tcl moves them into ::xapi::rfc3542
 * and gives them the xapi::opt ensemble's words (variables, optional
 * arguments).
 *
 *   option list in   {{type align ?data?} ...} or {type align -pieces
 *                    {piece ...}}; type an integer or a constant name
 *   option list out  {{type data} ...}
 *   one option out   {type data offset}, or {} for none
 *   header out       a byte array
 *   header in place  a byte array in, the changed copy out after the
 *                    result ("" for the RFC's lengths-only NULL)
 *   bytes in         a byte array (a character above U+00FF refused)
 *   value out        a length in (0..2048), a byte array out
 *
 * Outputs follow the result as a list: a call that only says "no error"
 * (OPT_STATUS) has its one output as the result itself.  Bytes are taken
 * after every other word is converted (the shimmering rule of commands.i).
 */

#define XAPI_OPT_SHAPES

%{
/* An output of an options call: the result itself when the call has no
 * other result, else appended to the result list. */
static void xapi_tcl_opt_out(Tcl_Interp *interp, Tcl_Obj *o)
{
    Tcl_Obj *r = Tcl_GetObjResult(interp);

    if (Tcl_GetCharLength(r) == 0) {
        Tcl_SetObjResult(interp, o);
        return;
    }
    if (Tcl_IsShared(r)) {
        r = Tcl_DuplicateObj(r);
        Tcl_SetObjResult(interp, r);
    }
    Tcl_ListObjAppendElement(NULL, r, o);
}

/* The option list: each option's data copied to its own 255-byte place
 * after the options, in one block the caller frees (*len counts every
 * byte: a total past 255 reaches the core, which refuses it before
 * reading the data).  More options than a header holds are passed on
 * uncopied: the core refuses their number first. */
static int xapi_tcl_optlist_in(Tcl_Interp *interp, Tcl_Obj *obj,
                               const char *cmd, xapi_opt **optsp, size_t *n)
{
    Tcl_Obj **ov;
    int count, i;

    *optsp = NULL;
    if (Tcl_ListObjGetElements(interp, obj, &count, &ov) != TCL_OK)
        return TCL_ERROR;
    *n = (size_t)count;
    *optsp = (xapi_opt *)ckalloc((unsigned)((sizeof(xapi_opt) + 255) *
        (count > 0 && count <= XAPI_OPT_MAXOPTS ? (size_t)count : 1)));
    if (count > XAPI_OPT_MAXOPTS)
        return TCL_OK;
    for (i = 0; i < count; i++) {
        xapi_opt *o = &(*optsp)[i];
        unsigned char *place = (unsigned char *)(*optsp + count) +
                               (size_t)i * 255;
        Tcl_Obj **f, **pv;
        Tcl_WideInt align;
        int nf, np = 0, k;

        if (Tcl_ListObjGetElements(NULL, ov[i], &nf, &f) != TCL_OK ||
            nf < 2 || nf > 4 ||
            (nf == 4 && strcmp(Tcl_GetString(f[2]), "-pieces") != 0))
            return xapi_tcl_arg_error(interp, cmd, "options",
                "option %d must be {type align data} or {type align -pieces "
                "list}, got \"%.60s\"", i, Tcl_GetString(ov[i]));
        if (xapi_tcl_get_const(interp, f[0], cmd, "type", &o->type) != TCL_OK ||
            xapi_tcl_get_range(interp, f[1], cmd, "align", 0, UINT_MAX,
                               &align) != TCL_OK)
            return TCL_ERROR;
        o->align = (unsigned)align;
        o->data = place;
        o->len = 0;
        o->offset = 0;
        /* the data: one piece (f[2]), or the list of pieces after
         * -pieces */
        pv = &f[2];
        if (nf == 3)
            np = 1;
        else if (nf == 4 &&
                 Tcl_ListObjGetElements(interp, f[3], &np, &pv) != TCL_OK)
            return TCL_ERROR;
        for (k = 0; k < np; k++) {
            const unsigned char *bp;
            size_t bl;

            if (xapi_tcl_get_bytes(interp, pv[k], cmd, "data", &bp,
                                   &bl) != TCL_OK)
                return TCL_ERROR;
            if (o->len < 255)
                memcpy(place + o->len, bp,
                       bl < 255 - o->len ? bl : 255 - o->len);
            o->len += bl;
        }
    }
    return TCL_OK;
}

/* {type data} (with_offset: {type data offset}); {} for none. */
static Tcl_Obj *xapi_tcl_opt_obj(const xapi_opt *o, int with_offset)
{
    Tcl_Obj *e[3];

    if (o->data == NULL)
        return Tcl_NewObj();
    e[0] = Tcl_NewIntObj(o->type);
    e[1] = Tcl_NewByteArrayObj(o->data, (int)o->len);
    if (!with_offset)
        return Tcl_NewListObj(2, e);
    e[2] = Tcl_NewWideIntObj((Tcl_WideInt)o->offset);
    return Tcl_NewListObj(3, e);
}
%}

/* ---- option list in --------------------------------------------------- */
%typemap(in) (const xapi_opt *OPT_LIST_IN, size_t OPT_LIST_LEN)
    (xapi_opt *opts = NULL) {
  if (xapi_tcl_optlist_in(interp, $input, "xapi::$symname", &opts,
                          &$2) != TCL_OK)
    SWIG_fail;
  $1 = opts;
}
%typemap(freearg) (const xapi_opt *OPT_LIST_IN, size_t OPT_LIST_LEN) {
  if (opts$argnum) ckfree((char *)opts$argnum);
}

/* ---- option list out: {{type data} ...} ------------------------------- */
/* (On the stack: SWIG's Tcl module emits no freearg for a shape that
 * takes no argument.) */
%typemap(in, numinputs=0) (xapi_opt *OPT_LIST_OUT, size_t OPT_LIST_CAP,
                           size_t *OPT_LIST_COUNT)
    (xapi_opt opts[XAPI_OPT_MAXOPTS], size_t count = 0) {
  $1 = opts;
  $2 = XAPI_OPT_MAXOPTS;
  $3 = &count;
}
%typemap(argout) (xapi_opt *OPT_LIST_OUT, size_t OPT_LIST_CAP,
                  size_t *OPT_LIST_COUNT) {
  Tcl_Obj *list = Tcl_NewListObj(0, NULL);
  size_t i;
  for (i = 0; i < count$argnum; i++)
    Tcl_ListObjAppendElement(NULL, list, xapi_tcl_opt_obj(&$1[i], 0));
  xapi_tcl_opt_out(interp, list);
}

/* ---- one option out: {type data offset} or {} ------------------------- */
%typemap(in, numinputs=0) xapi_opt *OPT_OUT (xapi_opt tmp) {
  memset(&tmp, 0, sizeof tmp);
  $1 = &tmp;
}
%typemap(argout) xapi_opt *OPT_OUT {
  xapi_tcl_opt_out(interp, xapi_tcl_opt_obj($1, 1));
}

/* ---- a whole header out, as a byte array ------------------------------ */
%typemap(in, numinputs=0) (void *OPT_HDR_OUT, size_t OPT_HDR_CAP,
                           size_t *OPT_HDR_LEN)
    (unsigned char hdr[XAPI_OPT_HDR_MAX], size_t hdrlen = 0) {
  $1 = hdr;
  $2 = sizeof hdr;
  $3 = &hdrlen;
}
%typemap(argout) (void *OPT_HDR_OUT, size_t OPT_HDR_CAP, size_t *OPT_HDR_LEN) {
  xapi_tcl_opt_out(interp, Tcl_NewByteArrayObj((const unsigned char *)$1,
                                               (int)hdrlen$argnum));
}

/* ---- a header changed in place: bytes in, the changed copy out --------- */
%typemap(in) (void *OPT_HDR_INOUT, size_t OPT_HDR_INOUT_LEN)
    (Tcl_Obj *copy = NULL, Tcl_Obj *word = NULL) {
  word = $input; /* taken in "check", after the numbers */
  $1 = NULL;
  $2 = 0;
}
%typemap(check) (void *OPT_HDR_INOUT, size_t OPT_HDR_INOUT_LEN) {
  if (Tcl_GetCharLength(word$argnum) > 0) {
    const unsigned char *bp;
    size_t bl;
    if (xapi_tcl_get_bytes(interp, word$argnum, "xapi::$symname", "buffer",
                           &bp, &bl) != TCL_OK)
      SWIG_fail;
    copy$argnum = Tcl_NewByteArrayObj(bp, (int)bl);
    Tcl_IncrRefCount(copy$argnum);
    $1 = Tcl_GetByteArrayFromObj(copy$argnum, NULL);
    $2 = bl;
  }
}
%typemap(argout) (void *OPT_HDR_INOUT, size_t OPT_HDR_INOUT_LEN) {
  if (copy$argnum != NULL) {
    Tcl_InvalidateStringRep(copy$argnum);
    xapi_tcl_opt_out(interp, copy$argnum);
  }
}
%typemap(freearg) (void *OPT_HDR_INOUT, size_t OPT_HDR_INOUT_LEN) {
  if (copy$argnum != NULL) Tcl_DecrRefCount(copy$argnum);
}

/* ---- bytes in, taken last ---------------------------------------------- */
%typemap(in) (const void *OPT_BYTES_IN, size_t OPT_BYTES_LEN)
    (Tcl_Obj *word = NULL) {
  word = $input;
  $1 = NULL;
  $2 = 0;
}
%typemap(check) (const void *OPT_BYTES_IN, size_t OPT_BYTES_LEN) {
  const unsigned char *bp;
  size_t bl;
  if (xapi_tcl_get_bytes(interp, word$argnum, "xapi::$symname",
                         strcmp("$1_name", "val") == 0 ? "value"
                         : strcmp("$1_name", "buf") == 0 ? "bytes"
                         : "$1_name", &bp, &bl) != TCL_OK)
    SWIG_fail;
  $1 = ($1_ltype)bp;
  $2 = bl;
}

/* ---- a value out: its length in (0..2048), a byte array out ------------ */
%typemap(in) (void *OPT_VAL_OUT, size_t OPT_VAL_LEN)
    (Tcl_Obj *val = NULL) {
  Tcl_WideInt w;
  if (xapi_tcl_get_range(interp, $input, "xapi::$symname", "len", 0,
                         XAPI_OPT_HDR_MAX, &w) != TCL_OK)
    SWIG_fail;
  val = Tcl_NewByteArrayObj(NULL, 0);
  Tcl_IncrRefCount(val);
  $1 = Tcl_SetByteArrayLength(val, (int)w);
  $2 = (size_t)w;
}
%typemap(argout) (void *OPT_VAL_OUT, size_t OPT_VAL_LEN) {
  xapi_tcl_opt_out(interp, val$argnum);
}
%typemap(freearg) (void *OPT_VAL_OUT, size_t OPT_VAL_LEN) {
  if (val$argnum != NULL) Tcl_DecrRefCount(val$argnum);
}

/* ---- an offset out ----------------------------------------------------- */
%typemap(in, numinputs=0) size_t *OPT_OFFSET_OUT (size_t tmp = 0) "$1 = &tmp;"
%typemap(argout) size_t *OPT_OFFSET_OUT {
  xapi_tcl_opt_out(interp, Tcl_NewWideIntObj((Tcl_WideInt)*$1));
}

/* ---- sizes and option types -------------------------------------------- */
%typemap(in) size_t OPT_SIZE {
  Tcl_WideInt w;
  if (xapi_tcl_get_range(interp, $input, "xapi::$symname", "$1_name", 0,
                         (Tcl_WideInt)INT_MAX, &w) != TCL_OK)
    SWIG_fail;
  $1 = (size_t)w;
}
%typemap(in) int OPT_TYPE {
  if (xapi_tcl_get_const(interp, $input, "xapi::$symname", "$1_name",
                         &$1) != TCL_OK)
    SWIG_fail;
}

/* ---- a result that only says "no error": the outputs are the result ---- */
%typemap(out) int OPT_STATUS "Tcl_ResetResult(interp);"
