/*
 * swig/tcl/rth.i - tcl's typemaps for the shapes of routing headers (type 0 and SRH), the ICMPv6 filter, path MTU and next hop
 * (swig/xapi.i declares the calls).
 */
