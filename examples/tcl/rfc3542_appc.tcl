#!/usr/bin/env tclsh
# examples/tcl/rfc3542_appc.tcl - RFC 3542 Appendix C ("Examples Using the
# inet6_opt_XXX() Functions") ported to Tcl line by line: build a
# Hop-by-Hop options header holding RFC 2460 Appendix B's options X and Y,
# print it in hex, then walk it back with inet6_opt_next/get_val.  The
# header printed is the 32-byte drawing of RFC 2460 Appendix B (X then Y).
# No socket and no privilege needed.
#
#   TCLLIBPATH=BUILD/bindings/tcl tclsh examples/tcl/rfc3542_appc.tcl

package require xapi

# The RFCs leave the option types open; these are RFC 4727's experimental
# types.  X: a 4-octet and an 8-octet field, alignment 8n+2.  Y: a 1-, a
# 2- and a 4-octet field, alignment 4n+3.
set OPT_X 0x1e
set OPT_Y 0x3e

# ---- build (the first part of Appendix C) ----------------------------------

# Estimate the length: no buffer, lengths only (the RFC's NULL extbuf).
set currentlen [xapi::opt init]
set currentlen [xapi::opt append $currentlen $OPT_X 12 8]
set currentlen [xapi::opt append $currentlen $OPT_Y 7 4]
set currentlen [xapi::opt finish $currentlen]
set extlen $currentlen

# Now for real: the buffer is the variable extbuf (a byte array), and
# databuf is where an option's data lies in it: {offset length}.
set currentlen [xapi::opt init extbuf $extlen]
set currentlen [xapi::opt append extbuf $extlen $currentlen $OPT_X 12 8 databuf]
# The RFC memcpy()s host-order integers; here the byte order is chosen
# with binary format: I, W, S are big-endian (network order).
set offset 0
set offset [xapi::opt setval extbuf $databuf $offset [binary format I 0x12345678]]
set offset [xapi::opt setval extbuf $databuf $offset [binary format W 0x0102030405060708]]

set currentlen [xapi::opt append extbuf $extlen $currentlen $OPT_Y 7 4 databuf]
set offset 0
set offset [xapi::opt setval extbuf $databuf $offset [binary format c 0x01]]
set offset [xapi::opt setval extbuf $databuf $offset [binary format S 0x1331]]
set offset [xapi::opt setval extbuf $databuf $offset [binary format I 0x01020304]]

set currentlen [xapi::opt finish extbuf $extlen $currentlen]
# extbuf is now ready for sendmsg (an IPV6_HOPOPTS item) or
# setsockopt_bytes; both need CAP_NET_RAW on Linux.

puts "header, $extlen bytes (Hdr Ext Len [expr {$extlen / 8 - 1}]):"
for {set i 0} {$i < $extlen} {incr i 8} {
    puts [format "  %2d  %s" $i [regexp -all -inline .. \
        [binary encode hex [string range $extbuf $i [expr {$i + 7}]]]]]
}

# The one-call form builds the same header.
set again [xapi::opt build [list \
    [list $OPT_X 8 -pieces [list [binary format I 0x12345678] \
                                 [binary format W 0x0102030405060708]]] \
    [list $OPT_Y 4 -pieces [list [binary format c 0x01] [binary format S 0x1331] \
                                 [binary format I 0x01020304]]]]]
puts "xapi::opt build gives the same bytes: [expr {$again eq $extbuf ? "yes" : "NO"}]"

# ---- parse (the second part of Appendix C) ----------------------------------

set currentlen 0
while {[set currentlen [xapi::opt next $extbuf $currentlen type len databuf]] != -1} {
    puts [format "received option type 0x%02x, %d data bytes" $type $len]
    switch -- $type {
        30 {
            set offset 0
            set offset [xapi::opt getval $databuf $offset 4 val4]
            binary scan $val4 Iu v4
            set offset [xapi::opt getval $databuf $offset 8 val8]
            binary scan $val8 Wu v8
            puts [format "  X: 4-octet field 0x%08x, 8-octet field 0x%016llx" $v4 $v8]
        }
        62 {
            set offset 0
            set offset [xapi::opt getval $databuf $offset 1 val1]
            set offset [xapi::opt getval $databuf $offset 2 val2]
            set offset [xapi::opt getval $databuf $offset 4 val4]
            binary scan $val1 cu v1
            binary scan $val2 Su v2
            binary scan $val4 Iu v4
            puts [format "  Y: 1-octet 0x%02x, 2-octet 0x%04x, 4-octet 0x%08x" \
                      $v1 $v2 $v4]
        }
        default {
            puts "  unknown option"
        }
    }
}
