#!/bin/sh
# grid.sh - the test matrix as a grid: one row per case, one column per
# language, from the runners' TAP logs.
#
# Usage: grid.sh [-d LOGDIR] [-c CASEDIR] [LANG...]
#   LANGs (c, python, perl, tcl) default to $XAPI_MATRIX_LANGS: the
#   languages configure enabled.  LOGDIR (default $XAPI_MATRIX_LOGDIR, else
#   ./matrix, else .) holds runner-c.log, runner-py.log, runner-pl.log and
#   runner-tcl.log.  CASEDIR (default $XAPI_MATRIX_CASES, else cases/
#   beside this script) gives the case IDs, so a case that no runner
#   printed still shows, as MISSING.
#
# Cells are PASS, FAIL, SKIP or MISSING.  The last line is exactly
# "matrix: N passed, N failed" (", N skipped" follows when N > 0), counting
# cells, MISSING as failed.  Exit status 1 if a cell failed or is missing,
# 99 (automake's hard error) for a usage problem.  The report goes to
# stdout and, when fd 9 is open (AM_TESTS_FD_REDIRECT = 9>&2), to fd 9 as
# well, so that make check shows it on the terminal.

logdir=${XAPI_MATRIX_LOGDIR-}
casedir=${XAPI_MATRIX_CASES-}
while test $# -gt 0; do
  case $1 in
    -d) test $# -ge 2 || { echo "grid.sh: -d needs a directory" >&2; exit 99; }
        logdir=$2; shift 2 ;;
    -c) test $# -ge 2 || { echo "grid.sh: -c needs a directory" >&2; exit 99; }
        casedir=$2; shift 2 ;;
    --) shift; break ;;
    -*) echo "grid.sh: unknown option $1" >&2; exit 99 ;;
    *) break ;;
  esac
done
if test $# -gt 0; then
  langs=$*
else
  langs=${XAPI_MATRIX_LANGS-}
fi
if test -z "$langs"; then
  echo "grid.sh: no languages given (arguments or XAPI_MATRIX_LANGS)" >&2
  exit 99
fi
if test -z "$logdir"; then
  if test -d matrix; then logdir=matrix; else logdir=.; fi
fi
if test -z "$casedir"; then
  here=`dirname "$0"`
  casedir=$here/cases
fi
if test ! -d "$casedir"; then
  echo "grid.sh: no case directory $casedir" >&2
  exit 99
fi

# awk operands: the case files, then for each language "lang=NAME" and its
# log when the log exists (a language without a log is all MISSING).
set --
for f in "$casedir"/*.cases; do
  test -f "$f" && set -- "$@" "$f"
done
for lang in $langs; do
  case $lang in
    c) log=runner-c.log ;;
    python) log=runner-py.log ;;
    perl) log=runner-pl.log ;;
    tcl) log=runner-tcl.log ;;
    *) echo "grid.sh: unknown language $lang" >&2; exit 99 ;;
  esac
  set -- "$@" "lang=$lang"
  test -f "$logdir/$log" && set -- "$@" "$logdir/$log"
done
# Never let awk fall back to reading stdin.
set -- "$@" /dev/null

report=`awk -v langlist="$langs" '
BEGIN {
  nl = split(langlist, langs, " ")
  nids = 0
  lang = ""
}
function add_id(id) {
  if (!(id in known)) {
    known[id] = 1
    ids[++nids] = id
  }
}
# The case files: lines "case ID ...".
lang == "" && $1 == "case" && NF >= 2 { add_id($2); next }
lang == "" { next }
# A TAP stream: after "Bail out!" nothing more counts.
/^[ \t]*Bail out!/ { bailed[lang] = 1; next }
bailed[lang] { next }
/^(not )?ok([ \t]|$)/ {
  line = $0
  res = "PASS"
  if (line ~ /^not ok/) {
    res = "FAIL"
    sub(/^not ok[ \t]*/, "", line)
  } else {
    sub(/^ok[ \t]*/, "", line)
  }
  sub(/^[0-9]+[ \t]*/, "", line)
  sub(/^-[ \t]*/, "", line)
  id = line
  sub(/[ \t#].*$/, "", id)
  if (id == "")
    next
  rest = substr(line, length(id) + 1)
  if (res == "PASS" && rest ~ /^[ \t]*#[ \t]*[Ss][Kk][Ii][Pp]([^A-Za-z]|$)/)
    res = "SKIP"
  add_id(id)
  key = lang SUBSEP id
  # A case reported twice is a runner bug: it fails.
  if (key in cell)
    res = "FAIL"
  cell[key] = res
  next
}
END {
  width = 4
  for (i = 1; i <= nids; i++)
    if (length(ids[i]) > width)
      width = length(ids[i])
  colw = 8
  for (j = 1; j <= nl; j++)
    if (length(langs[j]) + 1 > colw)
      colw = length(langs[j]) + 1
  line = sprintf("%-" width "s", "case")
  for (j = 1; j <= nl; j++)
    line = line sprintf("  %-" colw "s", langs[j])
  sub(/[ ]+$/, "", line)
  print line
  passed = failed = skipped = 0
  for (i = 1; i <= nids; i++) {
    line = sprintf("%-" width "s", ids[i])
    for (j = 1; j <= nl; j++) {
      key = langs[j] SUBSEP ids[i]
      res = (key in cell) ? cell[key] : "MISSING"
      count[langs[j], res]++
      if (res == "PASS") passed++
      else if (res == "SKIP") skipped++
      else failed++
      line = line sprintf("  %-" colw "s", res)
    }
    sub(/[ ]+$/, "", line)
    print line
  }
  print ""
  for (j = 1; j <= nl; j++)
    printf "%s: %d passed, %d failed, %d skipped, %d missing\n", langs[j],
      count[langs[j], "PASS"], count[langs[j], "FAIL"],
      count[langs[j], "SKIP"], count[langs[j], "MISSING"]
  summary = sprintf("matrix: %d passed, %d failed", passed, failed)
  if (skipped > 0)
    summary = summary sprintf(", %d skipped", skipped)
  print summary
  exit failed > 0 ? 1 : 0
}' "$@"`
status=$?

printf '%s\n' "$report"
# fd 9 is the terminal under make check; a subshell probes it, because a
# failed redirection would end a non-interactive shell otherwise.
if (true >&9) 2>/dev/null; then
  printf '%s\n' "$report" >&9
fi
exit $status
