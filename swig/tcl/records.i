/* swig/tcl/records.i - the record-list shape (swig/xapi.i):
 *   (const void *RECORDS_IN, size_t RECORDS_IN_LEN, xapi_value *RECORDS_OUT,
 *    size_t RECORDS_CAP, size_t *RECORDS_COUNT)
 * a byte array in; a list of dicts out, each made by commands.i's one
 * generic builder (xapi_tcl_record) from the core's field table.  The
 * core promises at most RECORDS_IN_LEN / 4 records. */
#define XAPI_RECORD_LIST_SHAPE

%typemap(in) (const void *RECORDS_IN, size_t RECORDS_IN_LEN,
              xapi_value *RECORDS_OUT, size_t RECORDS_CAP,
              size_t *RECORDS_COUNT) (size_t count = 0) {
  const unsigned char *bytes_p;
  size_t bytes_n;
  if (xapi_tcl_get_bytes(interp, $input, "xapi::$symname", "bytes",
                         &bytes_p, &bytes_n) != TCL_OK)
    SWIG_fail;
  $1 = (void *)bytes_p;
  $2 = bytes_n;
  $4 = $2 / 4 + 1;
  $3 = (xapi_value *)ckalloc((unsigned)($4 * sizeof(xapi_value)));
  $5 = &count;
}
%typemap(argout) (const void *RECORDS_IN, size_t RECORDS_IN_LEN,
                  xapi_value *RECORDS_OUT, size_t RECORDS_CAP,
                  size_t *RECORDS_COUNT) {
  xapi_tcl_keys *records_k = xapi_tcl_get_keys(interp);
  Tcl_Obj *records_list = Tcl_NewListObj(0, NULL);
  size_t records_i;
  for (records_i = 0; records_i < *$5; records_i++) {
    Tcl_Obj *rec = xapi_tcl_record(records_k, &$3[records_i]);
    Tcl_ListObjAppendElement(NULL, records_list,
                             rec != NULL ? rec : Tcl_NewObj());
  }
  Tcl_SetObjResult(interp, records_list);
}
%typemap(freearg) (const void *RECORDS_IN, size_t RECORDS_IN_LEN,
                   xapi_value *RECORDS_OUT, size_t RECORDS_CAP,
                   size_t *RECORDS_COUNT) {
  if ($3) ckfree((char *)$3);
}
