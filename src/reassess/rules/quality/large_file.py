"""RA803 large-file."""
from __future__ import annotations

from typing import Iterator

from ...facts.types import ModuleFacts
from ...findings import Finding
from ..api import FileContext, Rule, register
from ...metrics.tokens import ROW
from .responsibilities import Member, group_by_subject
from .sizing import hours, over_ratio, plural, severity_for

DOMINANT_SHARE = 0.6  # a definition holding this share of the file is why the file is large


@register
class LargeFile(Rule):
    """A module too large to hold in one's head.

    What it finds:
        Python files of `large_file_lines` lines or more (default 1000). The finding names
        the largest definitions in the file and proposes how to split it into a package.
        Data modules (mostly rows of literals, such as generated lookup tables) are left out.

    Why it matters:
        A very large module collects unrelated code: every change risks merge conflicts,
        its imports pull in everything it needs for any of its parts, and readers cannot
        find where something lives. It is usually the symptom of a god object or of a
        "utils" module that kept growing.

    Example:
        app/database.py   # 3,500 lines: connection setup, every query, row mapping

    Instead:
        Turn the module into a package with one module per responsibility and re-export
        the public names from `__init__.py`, so `from app.database import DataManager`
        keeps working:

            app/database/__init__.py   # from .orders import OrderRepository ...
            app/database/orders.py
            app/database/users.py
    """

    id = "RA803"
    name = "large-file"
    category = "large-file"
    severity = "LOW"
    scope = "file"
    base_effort = 2.0

    def check(self, ctx: FileContext) -> Iterator[Finding]:
        limit = int(self.option("large_file_lines", 1000))
        lines = ctx.facts.metrics.lines
        if lines < limit or _data_module(ctx.facts):
            return
        facts = ctx.facts
        definitions = _top_level(facts)
        description = (f"`{ctx.path}` has {lines} lines ({facts.metrics.code} of code; the limit is {limit}) "
                       f"with {plural(sum(1 for d in definitions if d[0] == 'class'), 'class', 'classes')} and "
                       f"{plural(sum(1 for d in definitions if d[0] != 'class'), 'top-level function')}.")
        largest = sorted(definitions, key=lambda d: (-(d[3] - d[2] + 1), d[2]))[:3]
        if largest:
            description += " The largest definitions: " + ", ".join(
                f"`{name}` (lines {start}-{end}, {_share(end - start + 1, lines)}% of the file)"
                for _, name, start, end in largest) + "."
        yield self.finding(
            ctx.line_loc(1),
            f"`{ctx.path}` is {lines} lines long",
            description,
            recommendation=_recommendation(ctx.path, facts, definitions, lines),
            severity=severity_for(over_ratio(lines, limit)),
            effort=hours(self.base_effort + lines / 250),
            extra={"lines": lines, "code": facts.metrics.code, "limit": limit},
        )


def _data_module(facts: ModuleFacts) -> bool:
    """Mostly rows of literals (a lookup table, generated data): large, but not a design problem."""
    flags = facts.metrics.data.get("dup", {}).get("flags", [])
    return bool(flags) and 2 * sum(1 for flag in flags if flag & ROW) >= len(flags)


def _top_level(facts: ModuleFacts) -> list[tuple[str, str, int, int]]:
    """(kind, name, first line, last line) of the module's top-level classes and functions."""
    items = [("class", c.name, c.line, c.end_line) for q, c in facts.classes.items() if "." not in q]
    items += [("function", f.name, f.line, f.end_line) for q, f in facts.functions.items() if "." not in q]
    return sorted(items, key=lambda d: d[2])


def _share(part: int, whole: int) -> int:
    return round(100 * part / whole) if whole else 0


def _recommendation(path: str, facts: ModuleFacts, definitions: list[tuple[str, str, int, int]], lines: int) -> str:
    package = path[:-3] if path.endswith(".py") and not path.endswith("__init__.py") else path.rsplit("/", 1)[0]
    dotted = facts.module
    dominant = [d for d in definitions if (d[3] - d[2] + 1) >= DOMINANT_SHARE * lines]
    if dominant:
        kind, name, start, end = dominant[0]
        return (f"Most of the file is `{name}` (lines {start}-{end}): splitting it by responsibility splits the "
                f"file (see its god-object finding, if reported). Put each class extracted from `{name}` in its own "
                f"module of the package `{package}/` and re-export from `{package}/__init__.py`, so that "
                f"`from {dotted} import {name}` keeps working.")
    members = [Member(name, (), end - start + 1) for _, name, start, end in definitions]
    grouping = group_by_subject(members)
    groups, rest = grouping.groups, grouping.single + grouping.plumbing
    if not groups:
        return (f"Split `{path}` into the package `{package}/` with one module per responsibility and re-export "
                f"the public names from `{package}/__init__.py` so existing imports keep working.")
    modules = [(f"{package}/{subject}.py", items) for subject, items in list(groups.items())[:6]]
    listing = [f"{module}: " + ", ".join(m.name for m in items[:5]) + (", ..." if len(items) > 5 else "")
               for module, items in modules]
    if rest:
        shown = ", ".join(m.name for m in rest[:5]) + (", ..." if len(rest) > 5 else "")
        listing.append(f"{package}/common.py: {shown}")
    exports = ", ".join(m.name for m in modules[0][1][:3])
    first_module = modules[0][0].rsplit("/", 1)[-1][:-3]
    return (f"Split `{path}` into the package `{package}/` along the groups its definitions fall into, and "
            f"re-export from `{package}/__init__.py` so existing imports keep working:\n\n```text\n"
            + "\n".join(listing) + f"\n{package}/__init__.py: from .{first_module} import {exports}  # ...\n```")
