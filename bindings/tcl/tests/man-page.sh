#!/bin/sh
# The Tcl man page, xapi.n, is generated from docs/tcl.md and
# docs/tcl-rfc3542.md by docs/md2man.py and committed, so that building
# needs no converter.  As a test (make check), this regenerates it into the
# build tree and fails if it differs from the committed page, then lints
# the committed page with groff.  With --update (make update-man) it
# rewrites the committed page instead.
#
# Environment: srcdir (this directory's source, set by automake's test
# harness), PACKAGE_VERSION.
set -u
srcdir=${srcdir:-.}
top=$srcdir/../..
: "${PACKAGE_VERSION:?PACKAGE_VERSION must be set}"
page=$srcdir/xapi.n

python=$(command -v python3 2>/dev/null)
regen() {
    # `package require xapi 0.1` accepts any 0.x release from 0.1 on.
    req=$(echo "$PACKAGE_VERSION" | cut -d. -f1-2)
    "$python" "$top/docs/md2man.py" --name xapi --section n \
        --version "$PACKAGE_VERSION" \
        --summary "advanced sockets for Tcl: sendmsg and recvmsg with ancillary data, RFC 3542" \
        --require "package require xapi ?$req?" \
        --see-also "xapi(3), xapi_rfc3542(3), tclsh(1), socket(n), chan(n), fconfigure(n)" \
        --keywords "socket, IPv6, RFC 3542, ancillary data, sendmsg, recvmsg, UDP, raw socket, routing header" \
        -o "$1" "$top/docs/tcl.md" "$top/docs/tcl-rfc3542.md"
}

if [ "${1:-}" = --update ]; then
    [ -n "$python" ] || { echo "man-page.sh: python3 is needed to regenerate xapi.n" >&2; exit 1; }
    regen "$page" && echo "man-page.sh: wrote $page"
    exit
fi

rc=0
if [ -z "$python" ]; then
    echo "SKIP: no python3 to regenerate xapi.n (docs/md2man.py)"
else
    regen xapi.n-regen || exit 1
    if cmp -s xapi.n-regen "$page"; then
        echo "xapi.n is what docs/md2man.py makes of docs/tcl.md and docs/tcl-rfc3542.md"
        rm -f xapi.n-regen
    else
        diff -u "$page" xapi.n-regen | head -40
        echo "FAIL: xapi.n is out of step with docs/tcl.md or docs/tcl-rfc3542.md:"
        echo "      run 'make -C bindings/tcl update-man' and commit bindings/tcl/xapi.n"
        rc=1
    fi
fi

if command -v groff >/dev/null 2>&1; then
    warnings=$(groff -man -Tutf8 -ww -z "$page" 2>&1)
    if [ -n "$warnings" ]; then
        echo "$warnings"
        echo "FAIL: groff -man -ww warns about xapi.n"
        rc=1
    else
        echo "groff -man -Tutf8 -ww: no warnings"
    fi
else
    echo "SKIP lint: no groff (Debian package groff-base)"
fi
# No python3: skipped (77), unless the lint found something.
[ $rc -eq 0 ] && [ -z "$python" ] && exit 77
exit $rc
