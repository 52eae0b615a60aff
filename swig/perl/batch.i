/* swig/perl/batch.i - the perl binding's batch functions (included by the top file). */
