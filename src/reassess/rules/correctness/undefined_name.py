"""RA701 undefined-name."""
from __future__ import annotations

import builtins
import difflib
import re
import sys
from typing import Iterator

from pyflakes import messages
from pyflakes.checker import Checker

from ...facts.types import FunctionFacts
from ...findings import Finding
from ..api import FileContext, Rule, register

_WANTED = (messages.UndefinedName, messages.UndefinedLocal, messages.UndefinedExport)
_ATTR_AFTER = re.compile(r"\.\s*([A-Za-z_]\w*)")


class _Checker(Checker):
    """pyflakes' checker, remembering which reports were made inside an annotation."""

    def __init__(self, *args, **kwargs) -> None:
        self.in_annotation: set[int] = set()
        super().__init__(*args, **kwargs)

    def report(self, messageClass, *args, **kwargs) -> None:
        super().report(messageClass, *args, **kwargs)
        if messageClass in _WANTED and getattr(self, "_in_annotation", False):
            self.in_annotation.add(id(self.messages[-1]))


@register
class UndefinedName(Rule):
    """A name used where no binding can reach it.

    What it finds:
        Names that are never imported, defined or assigned where they are used (a missing
        import, a typo, a variable deleted or renamed), local variables read before they are
        assigned, and names in `__all__` that the module does not define. It uses pyflakes'
        scope analysis on the tree already parsed; files with `from x import *` are only
        checked for what pyflakes can prove.

    Why it matters:
        The line raises `NameError` (or `UnboundLocalError`) the first time it runs. Such
        lines are typically on rarely taken branches (error paths, fallbacks, stale-data
        warnings), so tests pass and production crashes exactly when something else is
        already going wrong.

    Example:
        age = datetime.utcnow() - last_seen   # datetime never imported

    Instead:
        Import or define the name (`from datetime import datetime, timezone`), fix the
        typo, or assign the variable on every path before it is read.
    """

    id = "RA701"
    name = "undefined-name"
    category = "undefined-name"
    severity = "HIGH"
    scope = "file"
    base_effort = 0.25
    effort_per_location = 0.1

    def check(self, ctx: FileContext) -> Iterator[Finding]:
        extra = self.option("builtins", [])
        checker = _Checker(ctx.tree, filename=ctx.path, builtins=set(extra) if extra else None)
        for message in sorted(checker.messages, key=lambda m: (m.lineno, m.col)):
            if not isinstance(message, _WANTED):
                continue
            if isinstance(message, messages.UndefinedExport) and ctx.facts.is_package:
                continue  # `__all__` in a package may list submodules
            yield self._finding(ctx, message, id(message) in checker.in_annotation)

    def _finding(self, ctx: FileContext, message: messages.Message, in_annotation: bool) -> Finding:
        name = message.message_args[0]
        function = _enclosing(ctx, message.lineno)
        where = f"`{function.qualname}`" if function else "module level"
        if isinstance(message, messages.UndefinedLocal):
            title = f"`{name}` read before assignment in {where}"
            description = (f"{where} reads the local variable `{name}` on line {message.lineno} before any "
                           f"assignment to it in that scope; Python treats `{name}` as local to the whole "
                           "function, so this raises `UnboundLocalError`.")
            recommendation = (f"Assign `{name}` before line {message.lineno} on every path, or rename the local "
                              "so that it no longer shadows the outer name.")
        elif isinstance(message, messages.UndefinedExport):
            title = f"`__all__` lists `{name}`, which {ctx.path} does not define"
            description = (f"`{name}` is in `__all__` but the module never defines or imports it, so "
                           f"`from {ctx.facts.module} import *` raises `AttributeError`.")
            recommendation = f"Define or import `{name}` in {ctx.path}, or remove it from `__all__`."
        else:
            title = f"Undefined name `{name}` in {where}"
            description = (f"{where} uses `{name}` on line {message.lineno}, but nothing in {ctx.path} imports, "
                           "defines or assigns it: the line raises `NameError` whenever it runs.")
            recommendation = _suggestion(ctx, name, message, function)
        severity = self.severity
        if in_annotation:
            severity = "MEDIUM"
            description += (" The use is in an annotation, which fails when it is evaluated (at import "
                            "time without `from __future__ import annotations`, or when FastAPI, pydantic "
                            "or `typing.get_type_hints` resolve it).")
        return self.finding(ctx.line_loc(message.lineno), title, description,
                            recommendation=recommendation, severity=severity)


def _enclosing(ctx: FileContext, line: int) -> FunctionFacts | None:
    found = None
    for func in ctx.facts.functions.values():
        if func.line <= line <= func.end_line and (found is None or func.line >= found.line):
            found = func
    return found


def _known_names(ctx: FileContext, function: FunctionFacts | None) -> list[str]:
    names = {imp.bound for imp in ctx.facts.imports} | set(ctx.facts.assigns)
    names |= {q for q in list(ctx.facts.functions) + list(ctx.facts.classes) if "." not in q}
    if function is not None:
        names |= {p.name for p in function.params} | set(function.local_types)
    return sorted(names | set(dir(builtins)))


def _suggestion(ctx: FileContext, name: str, message: messages.Message, function: FunctionFacts | None) -> str:
    close = difflib.get_close_matches(name, _known_names(ctx, function), n=1, cutoff=0.8)
    if close:
        return f"Did you mean `{close[0]}`? Otherwise import or define `{name}`."
    if name in sys.stdlib_module_names:
        return f"Add the missing import at the top of {ctx.path}:\n\n```python\n{_stdlib_import(ctx, name, message)}\n```"
    return f"Import or define `{name}` in {ctx.path} (or fix the name if it is a typo)."


def _stdlib_import(ctx: FileContext, name: str, message: messages.Message) -> str:
    """`from datetime import datetime` when the code uses an attribute of the same-named class,
    judged only from modules already loaded here (nothing is imported for the check)."""
    module = sys.modules.get(name)
    line = ctx.lines[message.lineno - 1] if message.lineno <= len(ctx.lines) else ""
    after = _ATTR_AFTER.match(line[message.col + len(name):])
    if module is not None and after:
        attr = after.group(1)
        member = getattr(module, name, None)
        if not hasattr(module, attr) and member is not None and hasattr(member, attr):
            return f"from {name} import {name}"
    return f"import {name}"
