"""Code snippets for recommendations, made from the cited call itself so the example uses
the project's own names."""
from __future__ import annotations

import re

from ...facts.types import CallSite
from ...model.project import ProjectModel


def call_text(model: ProjectModel, path: str, site: CallSite) -> str:
    """The call's source lines, stripped of their common indentation."""
    lines = model.lines(path)[site.line - 1: site.end_line]
    if not lines:
        return site.name + "(...)"
    indent = min((len(line) - len(line.lstrip()) for line in lines if line.strip()), default=0)
    return "\n".join(line[indent:].rstrip() for line in lines)


def with_keyword(model: ProjectModel, path: str, site: CallSite, keyword: str, value: str) -> str:
    """The cited statement with `keyword=value` set (replacing a written value, or added
    before the call's closing parenthesis)."""
    text = call_text(model, path, site)
    pattern = re.compile(rf"\b{re.escape(keyword)}\s*=\s*[^,)\n]+(\([^)]*\))?")
    if pattern.search(text):
        return pattern.sub(f"{keyword}={value}", text, count=1)
    name = site.func[-1] if site.func else ""
    start = text.find(name + "(") if name else -1
    close = _closing_paren(text, start + len(name)) if start >= 0 else -1
    if close < 0:
        return f"{site.name}(..., {keyword}={value})"
    head = text[:close].rstrip()
    separator = "" if head.endswith("(") else (" " if head.endswith(",") else ", ")
    if "\n" in text[start:close]:
        indent = re.match(r"\s*", text[start:close].splitlines()[-1]).group(0) or "    "
        return f"{head}{'' if head.endswith(',') else ','}\n{indent}{keyword}={value},\n{text[close:].lstrip()}"
    return f"{head}{separator}{keyword}={value}{text[close:]}"


def _closing_paren(text: str, open_index: int) -> int:
    depth = 0
    quote = ""
    for index in range(open_index, len(text)):
        char = text[index]
        if quote:
            if char == quote:
                quote = ""
            continue
        if char in "\"'":
            quote = char
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return index
    return -1


def indent(text: str, prefix: str = "    ") -> str:
    return "\n".join(prefix + line if line else line for line in text.splitlines())


# a comment recording that a send is made once on purpose (`# sent once; the reconciler resolves
# a lost answer`, `# do not retry: not idempotent`); a note to add one (`TODO: retry`) is not a decision
_SINGLE_SEND_NOTE = re.compile(r"\b(?:once|retr(?:y|ies|ied|ying)|single attempt)\b", re.I)
_PENDING_NOTE = re.compile(r"\b(?:todo|fixme|xxx)\b", re.I)


def single_send_documented(model: ProjectModel, path: str, line: int) -> bool:
    """The comment block right above the statement at `line` says the call is made once on purpose:
    the author weighed a retry and wrote the decision down."""
    lines = model.lines(path)
    notes: list[str] = []
    index = line - 2
    while 0 <= index < len(lines) and lines[index].lstrip().startswith("#"):
        notes.append(lines[index])
        index -= 1
    return any(_SINGLE_SEND_NOTE.search(note) and not _PENDING_NOTE.search(note) for note in notes)
