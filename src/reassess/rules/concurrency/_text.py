"""Small text helpers: the source of a call, the same call moved to a thread, a redis key as written, and
the pattern of a value stepped by arithmetic (`count + 1`)."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Callable

from ...model.project import Edge

if TYPE_CHECKING:
    from ...model.project import ProjectModel


def call_source(model: "ProjectModel", edge: Edge, whole_chain: bool = False) -> str:
    """The call expression as written (from its column to the matching parenthesis), one line.
    `whole_chain`: on to the end of the method chain it starts (`session.query(User).filter(...).first()`),
    for a builder whose work runs at the chain's last call."""
    path = model.site_path(edge) if edge.caller in model.functions else model.modules[edge.caller].path
    lines = model.lines(path)
    site = edge.site
    text = "\n".join(lines[site.line - 1: site.end_line if not whole_chain else len(lines)])[site.col:] if lines else ""
    chained = bool(site.func) and site.func[0] == "()"  # `get_event_loop().create_task(...)`: the outer call
    depth, end = 0, -1
    for index, char in enumerate(text):
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                end = index + 1
                if not (chained and text[end:end + 1] in (".", "(")
                        or whole_chain and re.match(r"\s*\.\s*\w+\s*\(", text[end:])):
                    break
    if end < 0:
        return site.name + "(...)"
    return " ".join(text[:end].split())


def split_call(source: str) -> tuple[str, str]:
    """`notifier.notify(order, "placed")` -> ("notifier.notify", 'order, "placed"'). The arguments are
    those of the outermost call, the last parentheses: `Report(db).build(day)` -> ("Report(db).build",
    "day"), the bound method of the object built first, not the constructor."""
    text = source.strip()
    if text.endswith(")"):
        depth = 0
        for index in range(len(text) - 1, -1, -1):
            depth += {")": 1, "(": -1}.get(text[index], 0)
            if depth == 0:
                return text[:index].strip(), text[index + 1:-1].strip()
    head, _, rest = text.partition("(")
    return head.strip(), rest[:-1].strip() if rest.endswith(")") else rest.strip()


def to_thread(source: str) -> str:
    """The call rewritten to run in a worker thread without blocking the loop."""
    func, args = split_call(source)
    return f"await asyncio.to_thread({func}{', ' + args if args else ''})"


def where(path: str, line: int) -> str:
    return f"{path}:{line}"


def key_text(site) -> str:
    """The key a redis command names (its first argument or `name=`), as written for messages."""
    value = site.args[0] if site.args else site.kwargs.get("name")
    if isinstance(value, dict) and "ref" in value:
        return value["ref"]
    return repr(value) if isinstance(value, str) else "key"


def arithmetic_on(name: str) -> str:
    """`name` plus or minus a step, also through the conversion a raw redis reply needs first
    (`current + 1`, `int(current or 0) + 1`, `max(int(raw.decode()) - 1, 0)`, `1 + int(current)`)."""
    word = re.escape(name)
    converted = rf"\b{word}\b(?:\s+or\s+[\w.'\"]+|\.decode\(\))?\s*\)*"
    return rf"{converted}\s*[-+]|[-+]\s*(?:\w+\()?\b{word}\b"


_ASSIGN = re.compile(r"^\s*(\w+)\s*(?::[^=]+)?=(?!=)(.*)$")


def locals_assigned_from(start: int, end: int, pattern: str, text: Callable[[int], str]) -> list[str]:
    """Locals assigned on the lines strictly between `start` and `end` (one-line `name = ...` or
    `name: T = ...`) from a value matching `pattern`: `spent = max(current - amount, 0)` for
    `arithmetic_on("current")`, the stepped value handed on under another name."""
    return [name for _line, name in assignments_from(start, end, pattern, text)]


def assignments_from(start: int, end: int, pattern: str, text: Callable[[int], str]) -> list[tuple[int, str]]:
    """(line, local) of each assignment `locals_assigned_from` finds."""
    found = []
    for line in range(start + 1, end):
        match = _ASSIGN.match(text(line))
        if match and re.search(pattern, match.group(2)):
            found.append((line, match.group(1)))
    return found
