/* swig/tcl/batch.i - the tcl binding's batch functions (included by the top file). */
