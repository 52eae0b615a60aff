/* swig/tcl/net.i - the tcl binding's net functions (included by the top file). */
