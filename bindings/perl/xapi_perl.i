/*
 * bindings/perl/xapi_perl.i - the Perl module's SWIG top file.
 *
 * The generated module is Xapi::Raw (Xapi/Raw.pm and auto/Xapi/Raw/Raw.so):
 * the native layer only.  Users write `use Xapi;`: Xapi.pm aliases these
 * calls into Xapi:: (no Perl frame in between, so a croak names the user's
 * line) and adds what is Perl's own (handles, constants, Xapi::Cmsg).
 */
%module "Xapi::Raw"

/* Perl-side names drop the C prefix: Xapi::Raw::bind, not xapi_bind. */
%rename("%(strip:[xapi_])s") "";

%include "swig/perl/typemaps.i"
/* The helpers and builders behind the shapes (C only, no declarations);
 * swig/xapi.i includes batch.i (found through -I swig/perl), and opt.i and
 * rth.i use them too. */
%include "swig/perl/msg.i"
/* Shape typemaps a block of xapi.i applies must come before it. */
%include "swig/perl/opt.i"
%include "swig/perl/fdpass.i"
%include "swig/xapi.i"

/* One file per topic: RFC 3542, the lab (error queue, netns). */
%include "swig/perl/rth.i"
%include "swig/perl/net.i"
