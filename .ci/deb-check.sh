#!/bin/bash
# deb-check.sh TARBALL OUTDIR - builds the Debian packages (debian/) from a
# dist tarball with dpkg-buildpackage -us -uc -b in a scratch directory,
# runs lintian on them, and, as root, installs them, loads each module the
# way its users do in an empty environment, and purges them again.  The
# .deb files are copied to OUTDIR.
set -u
tarball=$(readlink -f "$1")
out=$2
say() { printf 'deb-check: %s\n' "$*"; }
work=$(mktemp -d /tmp/xapi-deb.XXXXXX)
trap 'rm -rf "$work"' EXIT
tar -C "$work" -xzf "$tarball" || { say "cannot unpack $tarball"; exit 1; }
src=$(ls -d "$work"/xapi-*/ | head -n 1)
[ -d "$src/debian" ] || { say "no debian/ in the tarball"; exit 1; }
( cd "$src" && dpkg-buildpackage -us -uc -b ) >"$work/build.log" 2>&1 ||
  { tail -40 "$work/build.log"; say "dpkg-buildpackage failed"; exit 1; }
mkdir -p "$out"
cp "$work"/*.deb "$out"/
say "built: $(cd "$out" && ls *.deb | tr '\n' ' ')"
rc=0
if command -v lintian >/dev/null 2>&1; then
  # Errors fail the check; warnings are printed.  The license is not chosen
  # yet (debian/copyright says so), which lintian reports as a warning.
  lintian --tag-display-limit 0 "$work"/*.changes | tee "$work/lintian.log"
  if grep -q '^E:' "$work/lintian.log"; then say "lintian errors"; rc=1; fi
else
  say "lintian is not installed: packages not linted"
fi
if [ "$(id -u)" -ne 0 ]; then
  say "not root: the packages are not installed and loaded (SKIP)"
  exit $rc
fi
pkgs="libxapi0 libxapi-dev python3-xapi libxapi-perl tcl-xapi"
apt-get install -y -qq --no-install-recommends "$work"/*.deb >"$work/install.log" 2>&1 ||
  { tail -20 "$work/install.log"; say "installing the packages failed"; exit 1; }
clean_env() { env -i PATH=/usr/bin:/bin "$@"; }
clean_env python3 -c 'import xapi, xapi.socket_ext, xapi.rfc3542; print("python3-xapi:", xapi.__file__)' || { say "python3-xapi: import failed"; rc=1; }
clean_env perl -MXapi -e 'print "libxapi-perl: $INC{q(Xapi.pm)}\n"' || { say "libxapi-perl: use Xapi failed"; rc=1; }
echo 'puts "tcl-xapi: [package require xapi]"' | clean_env tclsh || { say "tcl-xapi: package require failed"; rc=1; }
printf '#include <xapi.h>\nint main(void){return xapi_cmsg_space(4) > 0 ? 0 : 1;}\n' >"$work/t.c"
if cc -o "$work/t" "$work/t.c" $(pkg-config --cflags --libs xapi) && "$work/t"; then
  say "libxapi-dev: a program builds with pkg-config and runs"
else
  say "libxapi-dev: building against the installed library failed"; rc=1
fi
clean_env man -w xapi_recvmsg >/dev/null 2>&1 || { say "libxapi-dev: no man page for xapi_recvmsg"; rc=1; }
apt-get purge -y -qq $pkgs >/dev/null 2>&1 || { say "purge failed"; rc=1; }
[ $rc -eq 0 ] && say "all packages build, install and load"
exit $rc
