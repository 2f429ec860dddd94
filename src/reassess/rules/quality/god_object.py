"""RA804 god-object."""
from __future__ import annotations

import re
from typing import Iterator

from ...facts.types import ClassFacts, FunctionFacts, ModuleFacts, Param
from ...findings import Finding
from ..api import FileContext, Rule, register
from .responsibilities import Grouping, Member, camel, group_by_subject, sql_tables
from .sizing import hours, over_ratio, plural, severity_for

_DATA_LAYER = re.compile(r"manager|database|db$|^db|repo|store|dao|dal$|storage", re.I)
SHOWN_GROUPS = 6
SHOWN_METHODS = 5


@register
class GodObject(Rule):
    """A class that has grown to do everything.

    What it finds:
        Classes with `god_object_methods` methods or more (default 25), or spanning
        `god_object_lines` lines or more (default 600) with at least a third of that many
        methods. The finding names the groups of responsibilities its methods fall into
        (by the tables their SQL touches, else by the nouns of their names, else by the
        attributes they use) and proposes the classes to split it into. Test classes are
        left out.

    Why it matters:
        Every feature touches the same class, so changes collide, reviews are shallow and
        any edit can break an unrelated caller. Its dependencies are everyone's
        dependencies, it cannot be tested in parts, and new developers cannot tell where a
        piece of logic belongs.

    Example:
        class DataManager:
            async def get_user(self, user_id): ...
            async def create_order(self, order): ...
            async def list_positions(self, user_id): ...
            async def create_alert(self, alert): ...
            ...  # 50 more methods over 7 tables

    Instead:
        One class per responsibility sharing the connection, with the old class kept as a
        facade so that no caller breaks while they move over:

            class OrderRepository(Repository):
                async def create_order(self, order): ...

            class DataManager(OrderRepository, UserRepository):
                \"\"\"Kept for existing callers.\"\"\"
    """

    id = "RA804"
    name = "god-object"
    category = "god-object"
    severity = "MEDIUM"
    scope = "file"
    base_effort = 4.0

    def check(self, ctx: FileContext) -> Iterator[Finding]:
        max_methods = int(self.option("god_object_methods", 25))
        max_lines = int(self.option("god_object_lines", 600))
        if _is_test_file(ctx.path):
            return
        for cls in sorted(ctx.facts.classes.values(), key=lambda c: c.line):
            methods = list(dict.fromkeys(cls.methods))
            lines = cls.end_line - cls.line + 1
            big = len(methods) >= max_methods or (lines >= max_lines and len(methods) >= max(3, max_methods // 3))
            if big and not cls.name.startswith("Test"):
                yield self._finding(ctx, cls, methods, lines, max_methods, max_lines)

    def _finding(self, ctx: FileContext, cls: ClassFacts, methods: list[str], lines: int,
                 max_methods: int, max_lines: int) -> Finding:
        members = [_member(ctx.facts, cls, name) for name in methods]
        grouping, by_collaborator = _grouping(ctx.facts, cls, members)
        tables = sql_tables([s.text for s in ctx.facts.sql if s.function.startswith(cls.qualname + ".")])
        with_sql = sum(1 for m in members if m.tables)
        suffix = "Repository" if with_sql * 3 >= len(members) or _DATA_LAYER.search(cls.name) else "Service"
        by_lines = len(methods) < max_methods
        long_limit = int(self.config.thresholds.get("long_function_lines", 80))
        description = (f"`{cls.qualname}` has {len(methods)} methods over {lines} lines (lines {cls.line}-"
                       f"{cls.end_line}; limits: {max_methods} methods, {max_lines} lines).")
        if tables:
            description += (f" {with_sql} of its methods run SQL against {plural(len(tables), 'table')} "
                            f"({', '.join(tables[:10])}{', ...' if len(tables) > 10 else ''}).")
        description += _groups_text(members, grouping, by_collaborator, by_lines, long_limit)
        ratio = max(over_ratio(len(methods), max_methods), over_ratio(lines, max_lines))
        lead = _lead(members, grouping, by_lines, long_limit)
        return self.finding(
            ctx.line_loc(cls.line),
            f"`{cls.name}` is a god object: {len(methods)} methods, {lines} lines",
            description,
            recommendation=_recommendation(ctx.facts, cls, grouping.groups, grouping.plumbing, suffix, lead),
            severity=severity_for(ratio),
            effort=hours(self.base_effort + lines / 100 + len(methods) / 5),
            extra={"methods": len(methods), "lines": lines, "tables": tables,
                   "groups": {subject: len(items) for subject, items in grouping.groups.items()}},
        )


def _grouping(facts: ModuleFacts, cls: ClassFacts, members: list[Member]) -> tuple[Grouping, bool]:
    """Methods by subject (tables, then name nouns); by the attributes they use when names say nothing."""
    grouping = group_by_subject(members)
    if grouping.groups:
        return grouping, False
    return group_by_subject([_collaborator_member(facts, cls, m) for m in members]), True


def _groups_text(members: list[Member], grouping: Grouping, by_collaborator: bool, by_lines: bool,
                 long_limit: int) -> str:
    text = ""
    if grouping.groups:
        shown = list(grouping.groups.items())[:SHOWN_GROUPS]
        basis = " by the attributes they use" if by_collaborator else ""
        text += (f" Its methods fall into {plural(len(grouping.groups), 'group')} of responsibility{basis}: "
                 + "; ".join(f"{subject} ({_names(items)})" for subject, items in shown) + ".")
    others = [m for m in grouping.single + grouping.plumbing if not m.name.startswith("__")]
    if others:
        text += f" Other methods: {_listing(others)}."
    longest = _longest(members, long_limit)
    if longest and by_lines:
        text += " Most of its size is in long methods: " + ", ".join(
            f"`{m.name}` ({m.lines} lines)" for m in longest) + "."
    return text


def _longest(members: list[Member], long_limit: int) -> list[Member]:
    """The (up to 3) longest methods of at least half the long-function limit."""
    return sorted((m for m in members if 2 * m.lines >= long_limit), key=lambda m: (-m.lines, m.name))[:3]


def _is_test_file(path: str) -> bool:
    name = path.rsplit("/", 1)[-1]
    return name.startswith("test_") or name.endswith("_test.py") or "/tests/" in f"/{path}"


def _member(facts: ModuleFacts, cls: ClassFacts, name: str) -> Member:
    qualname = f"{cls.qualname}.{name}"
    texts = [s.text for s in facts.sql if s.function == qualname or s.function.startswith(qualname + ".<locals>")]
    func = facts.functions.get(qualname)
    return Member(name, tuple(sql_tables(texts)), func.code_lines if func else 0)


def _collaborator_member(facts: ModuleFacts, cls: ClassFacts, member: Member) -> Member:
    """The member with the `self.x` attributes it reads as its subjects (its collaborators)."""
    func = facts.functions.get(f"{cls.qualname}.{member.name}")
    reads = sorted(func.extra.get("self_reads", {})) if func else []
    return Member(member.name, tuple(r for r in reads if not r.startswith("__")), member.lines)


def _names(items: list[Member]) -> str:
    shown = ", ".join(f"`{m.name}`" for m in items[:SHOWN_METHODS])
    return f"{len(items)}: {shown}{', ...' if len(items) > SHOWN_METHODS else ''}"


def _listing(items: list[Member]) -> str:
    shown = ", ".join(f"`{m.name}`" for m in items[:SHOWN_METHODS])
    return shown + (f" and {len(items) - SHOWN_METHODS} more" if len(items) > SHOWN_METHODS else "")


def _param_text(param: Param) -> str:
    stars = {"vararg": "*", "kwarg": "**"}.get(param.kind, "")
    if param.annotation:
        return f"{stars}{param.name}: {param.annotation}" + (" = ..." if param.has_default else "")
    return f"{stars}{param.name}" + ("=..." if param.has_default else "")


def _init_lines(init: FunctionFacts | None) -> tuple[str, list[str]]:
    """The constructor's parameters and `self.x = y` lines, as the class has them."""
    if init is None:
        return "", []
    params = ", ".join(_param_text(p) for p in init.params[1:])
    body = []
    for attr, value in init.self_attrs.items():
        shown = value["ref"] if isinstance(value, dict) and "ref" in value else "...  # as today"
        body.append(f"        self.{attr} = {shown}")
    return params, body


def _lead(members: list[Member], grouping: Grouping, by_lines: bool, long_limit: int) -> str:
    """What to say before the split: long methods first, or that the names group only part of it."""
    text = ""
    longest = _longest(members, long_limit) if by_lines else []
    if longest:
        see = " (see their long-function findings)" if any(m.lines >= long_limit for m in longest) else ""
        text += ("Start with the long methods (" + ", ".join(f"`{m.name}`" for m in longest)
                 + f"): split each into steps{see}. ")
    grouped = sum(len(items) for items in grouping.groups.values())
    ordinary = sum(1 for m in members if not m.name.startswith("__"))
    if grouping.groups and 2 * grouped < ordinary:
        text += (f"These groups cover only {grouped} of {ordinary} methods, so treat the split below as a "
                 f"first step and sort the rest by the data they work on. ")
    return text


def _recommendation(facts: ModuleFacts, cls: ClassFacts, groups: dict[str, list[Member]],
                    rest: list[Member], suffix: str, lead: str) -> str:
    if not groups:
        return lead + (f"Split `{cls.name}` by responsibility: list what each method is for, move each set into "
                       f"its own class, and keep `{cls.name}` as a facade delegating to them so that callers do "
                       f"not break.")
    proposed = [(f"{camel(subject)}{suffix}", items) for subject, items in list(groups.items())[:SHOWN_GROUPS]]
    base = "BaseRepository" if suffix == "Repository" else f"{cls.name}Base"
    params, assigns = _init_lines(facts.functions.get(f"{cls.qualname}.__init__"))
    kept = ", ".join(f"`{m.name}`" for m in rest[:6]) or "the constructor"
    names = ", ".join(f"`{name}` ({len(items)} methods)" for name, items in proposed)
    text = lead + (f"Split `{cls.name}` into {names}. Keep what they all share ({kept}) in a base class they "
                   f"extend, and keep `{cls.name}` as a facade inheriting from the new classes, so every existing "
                   f"caller keeps working while call sites move to the class they need (zero breaking changes):")
    code = [f"class {base}:"]
    if params or assigns:
        code += [f"    def __init__(self{', ' + params if params else ''}) -> None:  # as {cls.name}.__init__ today",
                 *(assigns or ["        ..."])]
    else:
        code.append("    ...")
    for name, items in proposed[:3]:
        code += ["", "", f"class {name}({base}):"]
        code += [f"    {'async def' if _is_async(facts, cls, m.name) else 'def'} {m.name}(self, ...): ...  "
                 f"# moved from {cls.name}" for m in items[:3]]
    code += ["", "", f"class {cls.name}({', '.join(name for name, _ in proposed)}):",
             '    """Kept for existing callers; new code uses the classes above."""']
    return text + "\n\n```python\n" + "\n".join(code) + "\n```"


def _is_async(facts: ModuleFacts, cls: ClassFacts, name: str) -> bool:
    func = facts.functions.get(f"{cls.qualname}.{name}")
    return bool(func and func.is_async)
