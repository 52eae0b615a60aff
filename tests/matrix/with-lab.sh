#!/bin/sh
# with-lab.sh CMD [ARG...] - run a matrix runner with the network lab up.
#
# As root (and unless XAPI_LAB is already set), builds a lab of its own
# with tests/lab/lab.sh under a prefix unique to this process, exports
# XAPI_LAB=PREFIX to CMD and removes the lab when CMD ends, however it
# ends.  Otherwise runs CMD as it is, and the cases that say `needs lab`
# skip with their printed reason.  CMD's standard output (TAP) is left
# alone: the lab's own messages go to standard error.
lab="$(dirname "$0")/../lab/lab.sh"

if [ -n "${XAPI_LAB:-}" ] || [ "$(id -u)" != 0 ]; then
    exec "$@"
fi

prefix="xm$$"
if ! bash "$lab" up "$prefix" >&2; then
    echo "with-lab.sh: lab.sh up $prefix failed: the lab cases will skip" >&2
    exec "$@"
fi
trap 'bash "$lab" down "$prefix" >/dev/null 2>&1' EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM
XAPI_LAB=$prefix
export XAPI_LAB
"$@"
exit $?
