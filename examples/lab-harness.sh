# lab-harness.sh - what every language's test_examples.sh needs to run its
# examples against the network lab (tests/lab/lab.sh, docs/lab.md).
# Sourced by bash:   . "$here/../lab-harness.sh"; lab_start TAG
#
# lab_start TAG   exits 77 (automake's SKIP) with the reason unless root;
#                 builds a lab named TAG$$ (removed on exit, however the
#                 script ends) and sets: prefix, tmp (a scratch directory,
#                 also removed), in_a / in_b ("ip netns exec" into A / B).
# check NAME REGEX OUTPUT   one TAP-like line; counts a failure when no
#                           line of OUTPUT matches the extended REGEX
# status NAME WANT GOT      the same for an exit status
# run_bg FILE CMD...        CMD in the background, output to FILE, given
#                           half a second to bind before the sender runs
# lab_finish      the summary line; exits 1 if anything failed
failed=0
lab_sh="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/../tests/lab/lab.sh"

lab_start() {
    if [ "$(id -u)" != 0 ]; then
        echo "SKIP: the examples run against the network lab, which needs root"
        exit 77
    fi
    prefix="$1$$"
    tmp=$(mktemp -d)
    trap 'bash "$lab_sh" down "$prefix" >/dev/null 2>&1; rm -rf "$tmp"' EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    bash "$lab_sh" up "$prefix" >/dev/null
    case $? in
    0) ;;
    77) echo "SKIP: lab.sh cannot build the lab on this machine"; exit 77 ;;
    *) echo "FAIL: lab.sh up $prefix"; exit 1 ;;
    esac
    in_a="ip netns exec $prefix-a"
    in_b="ip netns exec $prefix-b"
}

check() {
    if printf '%s\n' "$3" | grep -Eq -- "$2"; then
        echo "ok - $1"
    else
        echo "not ok - $1: expected /$2/, got:"
        printf '%s\n' "$3" | sed 's/^/    /'
        failed=$((failed + 1))
    fi
}

status() {
    if [ "$3" -eq "$2" ]; then
        echo "ok - $1"
    else
        echo "not ok - $1: exit status $3, expected $2"
        failed=$((failed + 1))
    fi
}

run_bg() {
    local out=$1
    shift
    "$@" > "$out" 2>&1 &
    sleep 0.5
}

lab_finish() {
    [ "$failed" -eq 0 ] || { echo "FAIL: $failed check(s)"; exit 1; }
    echo "PASS: every check passed"
}
