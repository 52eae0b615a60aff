/* swig/tcl/rfc3542.i - the tcl binding's rfc3542 functions (included by the top file). */
