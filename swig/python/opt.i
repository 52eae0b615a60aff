/*
 * swig/python/opt.i - python's typemaps for the shapes of Hop-by-Hop and Destination options headers
 * (swig/xapi.i declares the calls).
 */
