"""Why a file that does not parse does not: a defect in the file, or a limit of this run.

Two causes are not defects of the analysed code, and are told as notes rather than
parse-error findings: a template that only carries a `.py` name (Jinja/cookiecutter
`{{ ... }}` and `{% ... %}` markers), and syntax newer than the Python running reassess
(a `type` alias or `def f[T]` from 3.12, `except A, B:` from 3.14). Anything else is a
syntax error in the file.
"""
from __future__ import annotations

import re
import sys

_TEMPLATE = re.compile(r"\{%-?\s*(?:if|for|endif|endfor|else|elif|set|include|raw|block|macro)\b|\{\{-?\s*[\w.]+")
# (pattern on the failing line, Python version that accepts it, what it is)
_NEWER = (
    (re.compile(r"^\s*type\s+[A-Za-z_]\w*\s*(?:\[[^\]]*\])?\s*="), (3, 12), "a `type` alias statement (PEP 695)"),
    (re.compile(r"^\s*(?:async\s+def|def|class)\s+[A-Za-z_]\w*\s*\["), (3, 12), "type parameters (PEP 695)"),
    (re.compile(r"^\s*except\*?\s+[^():]+,[^:]*:"), (3, 14), "`except` without brackets (PEP 758)"),
    (re.compile(r"""\b[rRbB]?[fF][rR]?(["'])(?:(?!\1).)*\{[^}]*$"""), (3, 12),
     "an f-string whose replacement field spans lines (PEP 701)"),
    (re.compile(r"""\b[rRbB]?[fF][rR]?(["'])(?:(?!\1).)*\{[^}\n]*\1"""), (3, 12),
     "an f-string that reuses its quote inside a replacement field (PEP 701)"),
)
# (fragment of the error message of an older parser, Python version that accepts it, what it is):
# f-string forms only the older parser names, whatever the line looks like.
_NEWER_MESSAGES = (
    ("f-string expression part cannot include a backslash", (3, 12),
     "a backslash inside an f-string replacement field (PEP 701)"),
    ("f-string expression part cannot include '#'", (3, 12), "a comment inside an f-string replacement field (PEP 701)"),
    ("f-string: expressions nested too deeply", (3, 12), "f-strings nested more than two deep (PEP 701)"),
)


def template_marker(lines: list[str], error_line: int) -> str:
    """The template marker on the failing line, or "" (a marker elsewhere may sit in a
    string of a real Python file whose syntax error is its own)."""
    line = lines[error_line - 1] if 0 < error_line <= len(lines) else ""
    match = _TEMPLATE.search(line)
    return match.group() if match else ""


def newer_syntax(lines: list[str], error_line: int, running: tuple[int, int] | None = None,
                 message: str = "") -> str:
    """"Python 3.12 syntax: ..." when the failing line uses syntax newer than the running
    interpreter (told by the line, or by the parser's message), else ""."""
    running = running or sys.version_info[:2]
    line = lines[error_line - 1] if 0 < error_line <= len(lines) else ""
    for pattern, version, what in _NEWER:
        if running < version and pattern.search(line):
            return f"Python {version[0]}.{version[1]} syntax: {what}"
    for fragment, version, what in _NEWER_MESSAGES:
        if running < version and fragment in message:
            return f"Python {version[0]}.{version[1]} syntax: {what}"
    return ""


def why_not_parsed(path: str, lines: list[str], error_line: int, message: str = "") -> str:
    """A note for a file that fails to parse for a reason outside the file, else ""."""
    marker = template_marker(lines, error_line)
    if marker:
        return f"{path}: skipped (a template, not Python source: `{marker}` markers)"
    newer = newer_syntax(lines, error_line, message=message)
    if newer and "backslash" in newer:
        error_line = _backslash_field_line(lines, error_line)
    if newer:
        running = ".".join(map(str, sys.version_info[:2]))
        return (f"{path}: not analysed, line {error_line} uses {newer}, which this run's Python {running} "
                f"cannot parse (run reassess under a newer Python to analyse it)")
    return ""


_BACKSLASH_FIELD = re.compile(r"""\b[rRbB]?[fF][rR]?(["']).*\{[^}]*\\""")


def _backslash_field_line(lines: list[str], error_line: int) -> int:
    """The line holding the f-string with a backslash in a replacement field: the older parser
    names the end of the bracketed expression around it, a few lines further down."""
    for line in range(error_line, max(error_line - 20, 0), -1):
        if _BACKSLASH_FIELD.search(lines[line - 1] if line <= len(lines) else ""):
            return line
    return error_line
