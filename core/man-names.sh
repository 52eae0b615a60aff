#!/bin/sh
# man-names.sh PAGE... - prints "FUNCTION PAGE" for every function a man
# page declares in its SYNOPSIS, so that each gets a page name of its own
# (core/Makefile.am installs FUNCTION.3 as ".so man3/PAGE") and the tests
# can check that every exported function is documented.
for page in "$@"; do
    sed -n '/^\.SH SYNOPSIS/,/^\.SH DESCRIPTION/p' "$page" |
        grep -o 'xapi_[a-z0-9_]*(' | tr -d '(' | sort -u |
        while read -r fn; do printf '%s %s\n' "$fn" "${page##*/}"; done
done
