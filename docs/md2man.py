#!/usr/bin/env python3
"""md2man.py - turn the Markdown docs of a Tcl package into a man page.

    python3 docs/md2man.py --name xapi --section n --version 0.1.0 \\
        --summary "..." --require "package require xapi ?0.1?" \\
        [--see-also "xapi(3), tclsh(1)"] MAIN.md [MORE.md ...] > xapi.n

The first file's title is dropped (NAME and SYNOPSIS stand for it); what
comes before its first "##" heading is the DESCRIPTION, and its "##" and
"###" headings become .SH and .SS.  Each further file becomes one .SH
section (its title), its own "##" and "###" headings .SS.  SYNOPSIS lists
the package require line and every command of the tables whose first
column is headed "command" (and of fenced blocks holding only xapi::
command lines), set in Tcl's style: command words bold, arguments italic,
?optional? parts as written.

It reads the Markdown subset docs/ is written in: ATX headings, paragraphs,
fenced code blocks (.nf/.fi), pipe tables (each row a .TP entry: the first
cell is the tag, the others follow, named by their column when there are
more than two), "- " lists (.IP \\(bu), `code` (bold), **strong** (bold),
*emphasis* (italic) and [text](target) (the text; a link to another
Markdown file not in the page names it as docs/FILE, a link to a file that
is in the page names that section).  Python 3 standard library only; the
output depends on nothing but the input files and the options, so a build
can regenerate it and compare it with the committed page.
"""

import argparse
import os
import re
import sys

WIDTH = 72


# ---------------------------------------------------------------- parsing

def parse(text):
    """Markdown text -> list of blocks (tuples, first item the kind)."""
    blocks = []
    lines = text.splitlines()
    i = 0
    para = []

    def flush():
        if para:
            blocks.append(("p", " ".join(s.strip() for s in para)))
            para.clear()

    while i < len(lines):
        line = lines[i]
        s = line.strip()
        if s.startswith("```"):
            flush()
            lang = s[3:].strip()
            i += 1
            code = []
            while i < len(lines) and not lines[i].strip().startswith("```"):
                code.append(lines[i].expandtabs())
                i += 1
            blocks.append(("code", lang, code))
            i += 1
            continue
        m = re.match(r"(#{1,6})\s+(.*?)\s*#*\s*$", line)
        if m:
            flush()
            blocks.append(("h", len(m.group(1)), m.group(2)))
            i += 1
            continue
        if s.startswith("|"):
            flush()
            rows = []
            while i < len(lines) and lines[i].strip().startswith("|"):
                rows.append(split_row(lines[i].strip()))
                i += 1
            if len(rows) >= 2 and all(re.fullmatch(r":?-+:?", c.strip())
                                      for c in rows[1]):
                blocks.append(("table", rows[0], rows[2:]))
            else:
                blocks.append(("table", None, rows))
            continue
        if re.match(r"[-*]\s+", line):
            flush()
            items = []
            while i < len(lines):
                cur = lines[i]
                m = re.match(r"[-*]\s+(.*)", cur)
                if m:
                    items.append([m.group(1)])
                elif cur.strip() and cur.startswith(" ") and items:
                    items[-1].append(cur.strip())
                else:
                    break
                i += 1
            blocks.append(("list", [" ".join(it) for it in items]))
            continue
        if not s:
            flush()
        else:
            para.append(line)
        i += 1
    flush()
    return blocks


def split_row(row):
    """'| a | b\\|c |' -> ['a', 'b|c'] (backslash-escaped pipes kept)."""
    row = row.strip()
    if row.startswith("|"):
        row = row[1:]
    if row.endswith("|") and not row.endswith("\\|"):
        row = row[:-1]
    cells, cur, k = [], "", 0
    while k < len(row):
        if row[k] == "\\" and k + 1 < len(row) and row[k + 1] == "|":
            cur += "|"
            k += 2
            continue
        if row[k] == "|":
            cells.append(cur.strip())
            cur = ""
        else:
            cur += row[k]
        k += 1
    cells.append(cur.strip())
    return cells


# ---------------------------------------------------------------- escaping

def esc(text, code=False):
    """Plain text -> troff text (no font changes inside)."""
    out = []
    for k, ch in enumerate(text):
        if ch == "\\":
            out.append("\\e")
        elif ch == "-":
            # A minus in code, options (-anc) and numbers (-1) must stay a
            # minus that can be copied; a hyphen inside a word stays one.
            prev = text[k - 1] if k else " "
            nxt = text[k + 1] if k + 1 < len(text) else " "
            if code or not prev.isalnum() or nxt.isdigit() and not prev.isalpha():
                out.append("\\-")
            else:
                out.append("-")
        elif ord(ch) > 127:
            out.append("\\[u%04X]" % ord(ch))
        else:
            out.append(ch)
    return "".join(out)


class Inline:
    """Inline Markdown -> troff, with the page's link rules."""

    def __init__(self, sections):
        self.sections = sections  # Markdown file name -> section title
        self.anchors = {}         # GitHub anchor -> heading text
        self.anchors_shown = {}   # GitHub anchor -> heading as printed

    def add_anchor(self, text, shown):
        slug = re.sub(r"[^\w\- ]", "", text.lower()).replace(" ", "-")
        self.anchors.setdefault(slug, text)
        self.anchors_shown.setdefault(slug, shown)

    def link(self, label, target):
        if target.startswith("#"):
            # A section of this page: its name as the page prints it.
            head = self.anchors.get(target[1:])
            if head and head.lower() == label.strip("`").lower():
                return "\\fB%s\\fR" % esc(self.anchors_shown[target[1:]])
            return self(label)
        base = os.path.basename(target.split("#")[0])
        if base in self.sections:
            # Another file of this page: its section's name (to the colon).
            name = self.sections[base].split(":")[0].upper()
            return "\\fB%s\\fR (below)" % esc(name)
        if base.endswith(".md") and label.strip("`") == base:
            return "\\fIdocs/%s\\fR" % esc(base)
        return self(label)

    def __call__(self, text):
        out = []
        pos = 0
        pat = re.compile(r"`([^`]+)`|(?<![\w*])\*\*(\S.*?)(?<=\S)\*\*(?![\w*])"
                         r"|\[([^\]]+)\]\(([^)]+)\)"
                         r"|(?<![\w*])\*([^*\s][^*]*)\*(?![\w*])")
        for m in pat.finditer(text):
            out.append(esc(text[pos:m.start()]))
            if m.group(1) is not None:
                out.append("\\fB%s\\fR" % esc(m.group(1), code=True))
            elif m.group(2) is not None:
                out.append("\\fB%s\\fR" % self(m.group(2)).replace("\\fR", "\\fB"))
            elif m.group(3) is not None:
                out.append(self.link(m.group(3), m.group(4)))
            else:
                out.append("\\fI%s\\fR" % esc(m.group(5)))
            pos = m.end()
        out.append(esc(text[pos:]))
        return "".join(out)


def tcl_synopsis(cmd, ensembles, literal_all=False):
    """'xapi::rth add HEADER ADDR' -> Tcl-style troff: command and
    subcommand and -options bold, arguments italic, ? and ... roman."""
    words = cmd.split()
    out = []
    for k, w in enumerate(words):
        m = re.fullmatch(r"(\?*)(.*?)((?:\.\.\.)?\?*)", w)
        lead, core, tail = m.groups()
        if not core:
            out.append(esc(w))
            continue
        literal = (literal_all or k == 0
                   or (k == 1 and words[0] in ensembles)
                   or core.startswith("-") or "|" in core)
        font = "B" if literal else "I"
        out.append("%s\\f%s%s\\fR%s" % (lead, font, esc(core, code=True),
                                          esc(tail)))
    return " ".join(out)


def command_spans(cell):
    """The commands in a table cell: '`a x`, `y z`' -> ['a x', 'a y z']."""
    spans = re.findall(r"`([^`]+)`", cell)
    cmds = []
    for sp in spans:
        if not sp.startswith("xapi::") and cmds:
            sp = cmds[-1].split()[0] + " " + sp
        cmds.append(sp)
    return cmds


# ---------------------------------------------------------------- output

def fill(text):
    """Wrap troff text at WIDTH; no output line may start with . or '."""
    lines, cur = [], ""
    for word in text.split(" "):
        if not word:
            continue
        if cur and len(cur) + 1 + len(word) > WIDTH:
            lines.append(cur)
            cur = word
        else:
            cur = cur + " " + word if cur else word
    if cur:
        lines.append(cur)
    return [("\\&" + ln) if ln[:1] in (".", "'") else ln for ln in lines]


class Page:
    def __init__(self, opts, docs):
        self.opts = opts
        self.docs = docs  # [(file name, blocks)]
        titles = {}
        for name, blocks in docs[1:]:
            titles[name] = self.title(blocks)
        self.inline = Inline(titles)
        for idx, (_, blocks) in enumerate(docs):
            for b in blocks:
                if b[0] == "h" and b[1] > 1:
                    text = re.sub(r"`([^`]+)`", r"\1", b[2])
                    sh = idx == 0 and b[1] == 2
                    self.inline.add_anchor(text, text.upper() if sh else text)
        self.out = []
        self.ensembles = set()
        self.commands = []

    @staticmethod
    def title(blocks):
        for b in blocks:
            if b[0] == "h" and b[1] == 1:
                return b[2]
        return ""

    def emit(self, *lines):
        self.out.extend(lines)

    def collect_commands(self):
        cmds = []
        for _, blocks in self.docs:
            for b in blocks:
                if b[0] == "table" and b[1] and b[1][0].strip().lower() == "command":
                    for row in b[2]:
                        cmds.extend(command_spans(row[0]))
                elif (b[0] == "code" and not b[1] and b[2]
                      and all(ln.startswith("xapi::") for ln in b[2])):
                    cmds.extend(ln.strip() for ln in b[2])
        seconds = {}
        for c in cmds:
            w = c.split()
            if len(w) > 1 and re.fullmatch(r"[a-z_0-9]+", w[1]):
                seconds.setdefault(w[0], set()).add(w[1])
        self.ensembles = {k for k, v in seconds.items() if len(v) > 1}
        seen = set()
        for c in cmds:
            if c not in seen:
                seen.add(c)
                self.commands.append(c)

    def render(self):
        o = self.opts
        self.collect_commands()
        self.emit(
            ".\\\" Generated by docs/md2man.py from %s: edit those, then run"
            % ", ".join("docs/" + n for n, _ in self.docs),
            ".\\\" `make -C bindings/tcl update-man` (make check compares).",
            '.TH %s %s "" "%s %s" "Tcl Extensions"'
            % (o.name, o.section, o.name, o.version),
            # No hyphenation: most words here are identifiers and options.
            ".nh",
            ".SH NAME",
            "%s \\- %s" % (o.name, esc(o.summary)),
            ".SH SYNOPSIS",
            tcl_synopsis(o.require, set(), literal_all=True),
            ".sp",
            # One command a line; a long one wraps, indented under itself.
            ".ad l",
            ".in +4n",
        )
        for c in self.commands:
            self.emit(".ti -4n", tcl_synopsis(c, self.ensembles), ".br")
        self.out.pop()
        self.emit(".in", ".ad", ".SH DESCRIPTION")
        for idx, (name, blocks) in enumerate(self.docs):
            self.body(blocks, first=(idx == 0))
        if o.see_also:
            self.emit(".SH \"SEE ALSO\"")
            refs = [r.strip() for r in o.see_also.split(",")]
            for k, r in enumerate(refs):
                m = re.fullmatch(r"(.+)\((\w+)\)", r)
                sep = "," if k + 1 < len(refs) else ""
                if m:
                    self.emit(".BR %s (%s)%s" % (esc(m.group(1), code=True),
                                                 m.group(2), sep))
                else:
                    self.emit(esc(r) + sep)
        self.emit(".SH KEYWORDS", esc(o.keywords) if o.keywords else o.name)
        return "\n".join(self.out) + "\n"

    def body(self, blocks, first):
        prev = None  # the kind of the block before, None after a heading
        for b in blocks:
            kind = b[0]
            if kind == "h":
                level, text = b[1], b[2]
                if level == 1:
                    if first:
                        continue
                    self.emit(".SH \"%s\"" % self.heading(text).upper())
                elif level == 2 and first:
                    self.emit(".SH \"%s\"" % self.heading(text).upper())
                else:
                    self.emit(".SS \"%s\"" % self.heading(text))
                prev = None
                continue
            # .TP and .IP start paragraphs of their own; text and code
            # after anything else need .PP (which also ends an indent).
            if kind in ("p", "code") and prev is not None:
                self.emit(".PP")
            prev = kind
            if kind == "p":
                self.emit(*fill(self.inline(b[1])))
            elif kind == "code":
                self.emit(".RS 4", ".nf")
                for ln in b[2]:
                    t = esc(ln, code=True)
                    if not t.strip():
                        t = "\\&"
                    elif t[:1] in (".", "'"):
                        t = "\\&" + t
                    self.emit(t)
                self.emit(".fi", ".RE")
            elif kind == "list":
                for item in b[1]:
                    self.emit(".IP \\(bu 2", *fill(self.inline(item)))
            elif kind == "table":
                self.table(b[1], b[2])

    def heading(self, text):
        # Headings are plain: no font changes; quotes doubled for .SH "...".
        t = re.sub(r"`([^`]+)`", r"\1", text)
        return esc(t).replace('"', '""')

    def table(self, header, rows):
        is_cmd = bool(header) and header[0].strip().lower() == "command"
        for row in rows:
            if is_cmd and "`" in row[0]:
                tag = ", ".join(tcl_synopsis(c, self.ensembles)
                                for c in command_spans(row[0]))
            else:
                tag = self.inline(row[0])
            self.emit(".TP", "\\&" + tag if tag[:1] in (".", "'") else tag)
            rest = row[1:]
            if len(rest) == 1 or not header:
                self.emit(*fill(self.inline(" ".join(rest))))
                continue
            # More than two columns: each further cell on a line of its
            # own, named by its column.
            for k, cell in enumerate(rest):
                if k:
                    self.emit(".br")
                name = header[k + 1] if k + 1 < len(header) else ""
                self.emit(*fill("%s: %s" % (self.inline(name),
                                            self.inline(cell))))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--name", required=True)
    ap.add_argument("--section", default="n")
    ap.add_argument("--version", required=True)
    ap.add_argument("--summary", required=True)
    ap.add_argument("--require", required=True,
                    help='the first SYNOPSIS line, e.g. "package require xapi ?0.1?"')
    ap.add_argument("--see-also", default="")
    ap.add_argument("--keywords", default="")
    ap.add_argument("-o", "--output", default="-")
    ap.add_argument("files", nargs="+")
    o = ap.parse_args(argv)
    docs = []
    for f in o.files:
        with open(f, encoding="utf-8") as fh:
            docs.append((os.path.basename(f), parse(fh.read())))
    page = Page(o, docs).render()
    if o.output == "-":
        sys.stdout.write(page)
    else:
        with open(o.output, "w", encoding="ascii") as fh:
            fh.write(page)
    return 0


if __name__ == "__main__":
    sys.exit(main())
