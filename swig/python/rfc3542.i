/* swig/python/rfc3542.i - the python binding's rfc3542 functions (included by the top file). */
