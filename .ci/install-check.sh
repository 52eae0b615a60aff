#!/bin/bash
# install-check.sh BUILDDIR - `make install` with the prefix BUILDDIR was
# configured with, then load each module the way its users do, in an empty
# environment (no PYTHONPATH, PERL5LIB or TCLLIBPATH), and check that no
# libtool archive landed beside a module; `make uninstall` afterwards.
# Needs write access to the prefix (CI runs it as root).
set -u
build=$1
rc=0
say() { printf 'install-check: %s\n' "$*"; }
make -C "$build" install >/tmp/xapi-install.log 2>&1 || { tail -20 /tmp/xapi-install.log; say "make install failed"; exit 1; }
clean_env() { env -i PATH=/usr/local/bin:/usr/bin:/bin "$@"; }
python=$(sed -n 's/^PYTHON = //p' "$build/Makefile")
if [ -n "$python" ] && [ -d "$build/bindings/python/xapi" ]; then
  if clean_env "$python" -c 'import xapi, xapi.socket_ext, xapi.rfc3542; print("python:", xapi.__file__)'; then :; else say "python: import xapi failed"; rc=1; fi
fi
if [ -f "$build/bindings/perl/Makefile" ] && grep -q '^perlarchdir' "$build/bindings/perl/Makefile"; then
  if clean_env perl -MXapi -e 'print "perl: $INC{q(Xapi.pm)}\n"'; then :; else say "perl: use Xapi failed"; rc=1; fi
fi
if [ -f "$build/bindings/tcl/Makefile" ] && grep -q '^tclpkgdir' "$build/bindings/tcl/Makefile"; then
  if echo 'puts "tcl: xapi [package require xapi]"' | clean_env tclsh; then :; else say "tcl: package require xapi failed"; rc=1; fi
fi
prefix=$(sed -n 's/^prefix = //p' "$build/Makefile")
# One page name per function (core/man-names.sh).
for fn in xapi_recvmsg xapi_inet6_rth_add xapi_batch_recv xapi_socket_netns; do
  if ! clean_env MANPATH="$prefix/share/man" man -w "$fn" >/dev/null 2>&1 &&
     ! [ -f "$prefix/share/man/man3/$fn.3" ]; then
    say "no man page name for $fn"; rc=1
  fi
done
# The Perl POD as man pages (man Xapi, man Xapi::Cmsg).
if [ -f "$build/bindings/perl/Makefile" ] && grep -q '^perlarchdir' "$build/bindings/perl/Makefile"; then
  for page in Xapi Xapi::Cmsg; do
    [ -f "$prefix/share/man/man3/$page.3pm" ] || { say "no man page $page.3pm"; rc=1; }
  done
fi
stray=$(find "$prefix" -name '*.la' -newer "$build/config.status" 2>/dev/null | grep -v '/libxapi\.la$')
if [ -n "$stray" ]; then say "libtool archives beside modules: $stray"; rc=1; fi
make -C "$build" uninstall >/tmp/xapi-uninstall.log 2>&1 || { say "make uninstall failed"; rc=1; }
[ $rc -eq 0 ] && say "all installed modules load with no environment set"
exit $rc
