#!/bin/bash
# pip-check.sh TARBALL - the pip build of a release, as a pip user does it
# offline: unpack TARBALL, make a venv (--system-site-packages, for Debian's
# setuptools) and, at the top of the unpacked tree,
#   pip install --no-build-isolation --no-index .
# with no SWIG (the shipped bindings/python/xapi_wrap.c is used), then check
# that the distribution is xapi-sockets, that "import xapi" finds it in the
# venv with no environment, that the stubs and py.typed are installed, and
# run the Python suite against the installed module.  Prints
# "pip-check: PASS" or "pip-check: FAIL: why" last; exits non-zero on
# failure.
set -u
tarball=${1:?usage: pip-check.sh TARBALL}
tarball=$(cd "$(dirname "$tarball")" && pwd)/$(basename "$tarball")
python=${PIP_CHECK_PYTHON:-/usr/bin/python3}
work=$(mktemp -d /tmp/xapi-pip.XXXXXX)
log=$work/log
fail() { tail -30 "$log"; echo "pip-check: FAIL: $*"; exit 1; }
step() { echo "pip-check: $*"; echo "=== $*" >>"$log"; }

step "unpack $(basename "$tarball") in $work"
tar -C "$work" -xzf "$tarball" >>"$log" 2>&1 || fail "cannot unpack $tarball"
src=$(echo "$work"/xapi-*/)
for f in pyproject.toml setup.py bindings/python/xapi_wrap.c \
         bindings/python/stubs/gen_stubs.py; do
    [ -f "$src/$f" ] || fail "the tarball has no $f"
done

step "venv ($python -m venv --system-site-packages)"
"$python" -m venv --system-site-packages "$work/venv" >>"$log" 2>&1 \
    || fail "venv (Debian: python3-venv)"
venv=$work/venv

step "pip install --no-build-isolation --no-index . (offline, no SWIG)"
# The shipped wrapper must be what is built: setup.py runs SWIG only when
# bindings/python/xapi_wrap.c is missing, into build/swig-out.
(cd "$src" && env -u PYTHONPATH "$venv/bin/pip" install --no-build-isolation \
    --no-index . ) >>"$log" 2>&1 || fail "pip install"
[ -d "$src/build/swig-out" ] && fail "SWIG ran: the shipped wrapper was not used"

step "installed as xapi-sockets, imported as xapi from the venv"
"$venv/bin/pip" show xapi-sockets >>"$log" 2>&1 || fail "pip show xapi-sockets"
where=$(cd / && env -i "$venv/bin/python" -c \
    'import xapi, xapi.socket_ext, xapi.rfc3542, xapi.aio; print(xapi.__file__)' 2>>"$log") \
    || fail "import xapi from the venv"
case $where in "$venv"/*) ;; *) fail "xapi imported from $where, not the venv" ;; esac
pkg=$(dirname "$where")
for f in __init__.pyi _constants.pyi aio.pyi rfc3542.pyi socket_ext.pyi py.typed; do
    [ -f "$pkg/$f" ] || fail "no $f installed beside the module"
done

step "the Python suite against the installed module"
for t in test_xapi test_socket_ext test_rfc3542 test_batch test_bad_input \
         test_timeouts test_aio test_typing; do
    (cd "$work" && env -u PYTHONPATH PYTHONDONTWRITEBYTECODE=1 \
        "$venv/bin/python" "$src/tests/python/$t.py") >>"$log" 2>&1 \
        || fail "$t.py"
done

step "pip uninstall"
"$venv/bin/pip" uninstall -y xapi-sockets >>"$log" 2>&1 || fail "pip uninstall"
rm -rf "$work"
echo "pip-check: PASS"
