#!/bin/bash
# cpan-check.sh TARBALL - the CPAN-style Perl build of a release, as a CPAN
# user does it: unpack TARBALL, then in its bindings/perl, with no autotools,
#   perl Makefile.PL && make && make test && make install DESTDIR=...
# and check that Xapi, its sub-modules and their man pages (Xapi.3pm,
# Xapi::Cmsg.3pm, ...) were installed, that the installed module loads, and
# that `prove -l` works in the built tree.  Prints "cpan-check: PASS" or
# "cpan-check: FAIL: why" last and exits non-zero on failure.
set -u
tarball=${1:?usage: cpan-check.sh TARBALL}
tarball=$(cd "$(dirname "$tarball")" && pwd)/$(basename "$tarball")
work=$(mktemp -d /tmp/xapi-cpan.XXXXXX)
log=$work/log
fail() { tail -30 "$log"; echo "cpan-check: FAIL: $*"; exit 1; }
step() { echo "cpan-check: $*"; echo "=== $*" >>"$log"; }

step "unpack $(basename "$tarball") in $work"
tar -C "$work" -xzf "$tarball" >>"$log" 2>&1 || fail "cannot unpack $tarball"
perldir=$(echo "$work"/xapi-*/bindings/perl)
[ -f "$perldir/Makefile.PL" ] || fail "no bindings/perl/Makefile.PL in the tarball"
[ -f "$perldir/Makefile" ] && fail "the tarball ships a bindings/perl/Makefile"
cd "$perldir" || fail "cd $perldir"
# Nothing from the environment: the build must stand on the tarball alone.
unset PERL5LIB PERL_MM_OPT PERL_MB_OPT

step "perl Makefile.PL"
perl Makefile.PL >>"$log" 2>&1 || fail "perl Makefile.PL"
step "make"
make -j2 >>"$log" 2>&1 || fail "make"
step "make test"
make test >>"$log" 2>&1 || fail "make test"
grep -q '^Result: PASS' "$log" || fail "make test did not say Result: PASS"
step "prove -l t/00-load.t t/20-cmsg.t (blib through .proverc)"
prove -l t/00-load.t t/20-cmsg.t >>"$log" 2>&1 || fail "prove -l"

dest=$work/dest
step "make install DESTDIR=$dest"
make install DESTDIR="$dest" >>"$log" 2>&1 || fail "make install"
for page in Xapi Xapi::Cmsg Xapi::RFC3542 Xapi::Net Xapi::Batch; do
    found=$(find "$dest" -path '*/man3/*' -name "$page.3*" | head -n 1)
    [ -n "$found" ] || fail "no man page $page.3pm under $dest"
    echo "  man page: ${found#"$dest"}" >>"$log"
done
so=$(find "$dest" -path '*/auto/Xapi/Raw/Raw.so' | head -n 1)
[ -n "$so" ] || fail "no auto/Xapi/Raw/Raw.so under $dest"
pm=$(find "$dest" -name Xapi.pm | head -n 1)
[ -n "$pm" ] || fail "no Xapi.pm under $dest"
step "the installed module loads (from DESTDIR)"
# The installed tree, not blib: another directory, both roots on @INC.
(cd / && perl -I"$(dirname "$pm")" -I"${so%/auto/Xapi/Raw/Raw.so}" \
    -MXapi=:constants -e 'die "no constant\n" unless AF_INET6() > 0;
        print "Xapi $Xapi::VERSION from $INC{q(Xapi.pm)}\n"' >>"$log" 2>&1) \
    || fail "the installed Xapi does not load"

cd / && rm -rf "$work"
echo "cpan-check: PASS (perl Makefile.PL, make, make test, prove -l, make install with man pages)"
