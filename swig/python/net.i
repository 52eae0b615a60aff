/* swig/python/net.i - the python binding's net functions (included by the top file). */
