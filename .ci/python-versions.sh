#!/bin/bash
# python-versions.sh SRCDIR WORKDIR - builds the Python module against each
# supported CPython (3.10 to 3.13, from pyenv, which every machine of this
# kind has) and runs its make check: the C unit tests, the Python suite and
# the matrix in C and Python.  Perl and Tcl are left out: the main build
# covers them.  Prints one line per version and exits non-zero if any
# version is missing or fails.
set -u
src=$1
work=$2
root=${PYENV_ROOT:-$HOME/.pyenv}
rc=0
for v in 3.10 3.11 3.12 3.13; do
  py=$(ls -d "$root"/versions/"$v".*/bin/python"$v" 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$py" ]; then
    echo "python $v: MISSING (no $root/versions/$v.*/bin/python$v)"; rc=1; continue
  fi
  b=$work/py$v
  rm -rf "$b"; mkdir -p "$b"
  if ! ( cd "$b" && "$src/configure" --enable-werror --without-perl --without-tcl \
           PYTHON="$py" >configure.out 2>&1 ); then
    tail -5 "$b/configure.out"; echo "python $v: FAIL (configure)"; rc=1; continue
  fi
  if ! make -C "$b" -j2 >"$b/make.out" 2>&1; then
    grep -E 'error|Error' "$b/make.out" | head -10; echo "python $v: FAIL (build)"; rc=1; continue
  fi
  if make -C "$b" -j2 check >"$b/check.out" 2>&1; then
    echo "python $v: PASS ($("$py" -c 'import sys; print(sys.version.split()[0])'), $(grep -h '^matrix: ' "$b/tests/matrix/grid.log"))"
  else
    grep -E '^(FAIL|ERROR):' "$b/check.out" | head -10
    for log in $(grep -lE '^(not ok|FAIL)|Traceback|Assertion' "$b"/bindings/python/../../tests/python/*.log "$b"/tests/matrix/*.log 2>/dev/null | head -3); do
      echo "--- $log"; grep -nE 'not ok|FAIL|Error|Assertion' "$log" | head -8
    done
    echo "python $v: FAIL (make check)"; rc=1
  fi
done

# configure must refuse a Python older than 3.10 with a clear message (3.9
# would build and then fail to import: no Py_NewRef).  Debian 12 and pyenv
# here have no 3.9, so a stand-in interpreter reports 3.9.18 as its
# version_info and is otherwise the system python3.
old=$work/py3.9-standin
rm -rf "$old"; mkdir -p "$old/build"
cat >"$old/python3.9" <<'SH'
#!/bin/sh
# Runs python3 with sys.version_info, version and hexversion of a 3.9.18.
[ "$1" = -c ] || exec /usr/bin/python3 "$@"
code=$2; shift 2
exec /usr/bin/python3 -c 'import sys, collections
V = collections.namedtuple("version_info", "major minor micro releaselevel serial")
sys.version_info = V(3, 9, 18, "final", 0); sys.version = "3.9.18"; sys.hexversion = 0x030912f0
code = sys.argv[1]; del sys.argv[1]; exec(compile(code, "<string>", "exec"))' "$code" "$@"
SH
chmod +x "$old/python3.9"
if ( cd "$old/build" && "$src/configure" --without-perl --without-tcl \
       PYTHON="$old/python3.9" >configure.out 2>&1 ); then
  echo "python 3.9: FAIL (configure accepted it)"; rc=1
elif grep -q 'older than Python 3.10' "$old/build/configure.out"; then
  echo "python 3.9: PASS (configure refuses it: $(grep -o 'error: .*older than Python 3.10' "$old/build/configure.out" | head -n 1))"
else
  tail -3 "$old/build/configure.out"; echo "python 3.9: FAIL (configure failed for another reason)"; rc=1
fi
exit $rc
