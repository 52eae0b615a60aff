/* swig/python/records.i - the record-list shape (swig/xapi.i):
 *   (const void *RECORDS_IN, size_t RECORDS_IN_LEN, xapi_value *RECORDS_OUT,
 *    size_t RECORDS_CAP, size_t *RECORDS_COUNT)
 * any bytes-like object in; a list of record struct sequences out, each
 * made by msg.i's one generic builder (xapi_py_record) from the core's
 * field table.  The core promises at most RECORDS_IN_LEN / 4 records. */
#define XAPI_RECORD_LIST_SHAPE

%typemap(in) (const void *RECORDS_IN, size_t RECORDS_IN_LEN,
              xapi_value *RECORDS_OUT, size_t RECORDS_CAP,
              size_t *RECORDS_COUNT)
    (Py_buffer view, int have_view = 0, size_t count = 0) {
  if (PyObject_GetBuffer($input, &view, PyBUF_SIMPLE) < 0) {
    PyErr_Clear();
    PyErr_Format(PyExc_TypeError, "$symname(): argument 'data' must be a "
                 "contiguous bytes-like object, not %.100s",
                 Py_TYPE($input)->tp_name);
    SWIG_fail;
  }
  have_view = 1;
  $1 = view.buf;
  $2 = (size_t)view.len;
  $4 = $2 / 4 + 1;
  $3 = PyMem_Malloc($4 * sizeof(xapi_value));
  if ($3 == NULL) {
    PyErr_NoMemory();
    SWIG_fail;
  }
  $5 = &count;
}
%typemap(argout) (const void *RECORDS_IN, size_t RECORDS_IN_LEN,
                  xapi_value *RECORDS_OUT, size_t RECORDS_CAP,
                  size_t *RECORDS_COUNT) {
  PyObject *records_list = PyList_New((Py_ssize_t)*$5);
  size_t records_i;
  if (records_list == NULL) SWIG_fail;
  for (records_i = 0; records_i < *$5; records_i++) {
    PyObject *rec = xapi_py_record(&$3[records_i]);
    if (rec == NULL) {
      Py_DECREF(records_list);
      SWIG_fail;
    }
    PyList_SET_ITEM(records_list, (Py_ssize_t)records_i, rec);
  }
  $result = SWIG_Python_AppendOutput($result, records_list);
}
%typemap(freearg) (const void *RECORDS_IN, size_t RECORDS_IN_LEN,
                   xapi_value *RECORDS_OUT, size_t RECORDS_CAP,
                   size_t *RECORDS_COUNT) {
  PyMem_Free($3);
  if (have_view$argnum) PyBuffer_Release(&view$argnum);
}
