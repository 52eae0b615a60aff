/* swig/perl/records.i - the record-list shape (swig/xapi.i):
 *   (const void *RECORDS_IN, size_t RECORDS_IN_LEN, xapi_value *RECORDS_OUT,
 *    size_t RECORDS_CAP, size_t *RECORDS_COUNT)
 * a byte string in; the records out as a list of hash references, each
 * made by msg.i's one generic builder (xapi_perl_record) from the core's
 * field table.  The core promises at most RECORDS_IN_LEN / 4 records. */
#define XAPI_RECORD_LIST_SHAPE

%typemap(in) (const void *RECORDS_IN, size_t RECORDS_IN_LEN,
              xapi_value *RECORDS_OUT, size_t RECORDS_CAP,
              size_t *RECORDS_COUNT) (size_t count = 0) {
  STRLEN n;
  $1 = ($1_ltype)xapi_perl_bytes(aTHX_ $input, &n, "$symname", "bytes");
  $2 = (size_t)n;
  $4 = $2 / 4 + 1;
  $3 = (xapi_value *)SvPVX(sv_2mortal(newSV($4 * sizeof(xapi_value) + 1)));
  $5 = &count;
}
%typemap(argout) (const void *RECORDS_IN, size_t RECORDS_IN_LEN,
                  xapi_value *RECORDS_OUT, size_t RECORDS_CAP,
                  size_t *RECORDS_COUNT) {
  struct xapi_perl_ctx x;
  size_t i;
  (void)$input;
  xapi_perl_ctx_init(aTHX_ &x);
  EXTEND(sp, argvi + (SSize_t)*$5);
  for (i = 0; i < *$5; i++)
    ST(argvi++) = sv_2mortal(xapi_perl_record(aTHX_ &x, &$3[i]));
}
