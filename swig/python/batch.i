/* swig/python/batch.i - the python binding's batch functions (included by the top file). */
