/*
 * swig/tcl/opt.i - tcl's typemaps for the shapes of Hop-by-Hop and Destination options headers
 * (swig/xapi.i declares the calls).
 */
