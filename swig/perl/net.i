/* swig/perl/net.i - the perl binding's net functions (included by the top file). */
