/* swig/perl/rfc3542.i - the perl binding's rfc3542 functions (included by the top file). */
