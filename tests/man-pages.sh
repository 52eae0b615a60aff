#!/bin/sh
# Every function core/xapi.h exports is declared in the SYNOPSIS of one of
# the core's man pages, so that it gets a page name of its own at install
# time (core/man-names.sh, core/Makefile.am) and `man FUNCTION` opens it.
top=${srcdir:-.}/..
names=$(sh "$top/core/man-names.sh" "$top"/core/*.3 | cut -d' ' -f1 | sort -u)
exported=$(grep -o 'XAPI_EXPORT[^;(]*\bxapi_[a-z0-9_]*' "$top/core/xapi.h" |
           grep -o 'xapi_[a-z0-9_]*$' | sort -u)
missing=$(printf '%s\n' "$exported" | while read -r fn; do
    printf '%s\n' "$names" | grep -qx "$fn" || echo "$fn"; done)
if [ -n "$missing" ]; then
    echo "exported but in no man page's SYNOPSIS:" $missing
    exit 1
fi
echo "all $(printf '%s\n' "$exported" | wc -l) exported functions have a man page name"
