"""RA801 long-function."""
from __future__ import annotations

from typing import Iterator

from ...facts.types import FunctionFacts
from ...findings import Finding
from .._scope import is_migration
from ..api import FileContext, Rule, register
from .function_shape import Paragraph, find_function, helper_name, paragraphs
from .sizing import hours, over_ratio, severity_for

MIN_STEP_LINES = 5  # a paragraph shorter than this is not worth its own helper
MAX_STEPS = 4


@register
class LongFunction(Rule):
    """A function or method longer than the configured limit.

    What it finds:
        Functions and methods spanning `long_function_lines` lines or more (default 80),
        counted from the `def` line to the last line of the body. A nested function is
        part of the function around it and is not reported again. Schema migrations (an
        Alembic revision's `upgrade`/`downgrade`, a Django `Migration`, modules of a
        `migrations/` folder) are skipped, not lowered: a revision is generated or written once
        as a linear list of `op.` calls, runs once, and is never edited after it ships, so its
        length is the size of the schema change and splitting it buys nothing.

    Why it matters:
        A function longer than a screen mixes several steps: loading, validating,
        computing, writing. Each change needs the whole function in mind, its tests have to
        cover every path through all the steps at once, and bugs hide in the interplay of
        local variables shared across steps.

    Example:
        async def build_plan(self, user_id, targets):
            positions = await self.dm.list_positions(user_id)
            ...   # 120 more lines: value the book, weigh it, size every trade, trim

    Instead:
        Split it along its steps into helpers that take what they need and return what the
        next step uses; the function becomes a short, readable sequence of calls:

            async def build_plan(self, user_id, targets):
                positions, prices = await self._load_book(user_id)
                weights = self._target_weights(targets)
                return self._size_trades(positions, prices, weights)
    """

    id = "RA801"
    name = "long-function"
    category = "long-function"
    severity = "LOW"
    scope = "file"
    base_effort = 1.0

    def check(self, ctx: FileContext) -> Iterator[Finding]:
        if is_migration(ctx.facts):
            return  # a revision's length is its schema change's: run once, never edited, never split
        limit = int(self.option("long_function_lines", 80))
        for func in sorted(ctx.facts.functions.values(), key=lambda f: f.line):
            if not func.is_nested and func.code_lines >= limit:
                yield self._finding(ctx, func, limit)

    def _finding(self, ctx: FileContext, func: FunctionFacts, limit: int) -> Finding:
        node = find_function(ctx.tree, func.line)
        steps = paragraphs(node, ctx.lines) if node is not None else []
        big = sorted(steps, key=lambda p: (-p.size, p.start))[:MAX_STEPS]
        big = sorted((p for p in big if p.size >= MIN_STEP_LINES), key=lambda p: p.start)
        where = f"`{func.qualname}`"
        description = (f"{where} is {func.code_lines} lines long (lines {func.line}-{func.end_line}; the limit is "
                       f"{limit}), with cyclomatic complexity {func.complexity} and cognitive complexity "
                       f"{func.cognitive}.")
        if big:
            parts = ", ".join(f"lines {p.start}-{p.end} ({p.size} lines, `{p.head(ctx.lines)}`)" for p in big)
            description += f" Its body falls into {len(steps)} steps; the largest are {parts}."
        return self.finding(
            ctx.line_loc(func.line),
            f"`{func.name}` is {func.code_lines} lines long",
            description,
            recommendation=self._recommendation(ctx, func, big),
            severity=severity_for(over_ratio(func.code_lines, limit)),
            effort=hours(self.base_effort + func.code_lines / 25),
            extra={"lines": func.code_lines, "limit": limit, "complexity": func.complexity,
                   "cognitive": func.cognitive},
        )

    def _recommendation(self, ctx: FileContext, func: FunctionFacts, big: list[Paragraph]) -> str:
        if not big:
            return (f"Split `{func.name}` into helpers, one per step, each taking what it needs and returning "
                    f"what the next step uses; keep `{func.name}` as the short sequence of calls.")
        moved = [step for step in big if step.nested_function()]
        steps = [step for step in big if not step.nested_function()]
        text = "".join(f"Move the nested `{p.nested_function()}` (lines {p.start}-{p.end}, {p.size} lines) out of "
                       f"`{func.name}` to module level (or a method), passing what it reads from `{func.name}` as "
                       f"arguments, so that it can be tested alone. " for p in moved)
        if not steps:
            return text.strip()
        names = ", ".join(f"lines {p.start}-{p.end}" for p in steps)
        text += (f"Extract the largest steps of `{func.name}` ({names}) into helpers that take the values they "
                 f"read and return the names they bind, so `{func.name}` reads as a sequence of named steps "
                 f"and each step can be tested on its own:")
        return text + "\n\n```python\n" + "\n".join(self._sketch(ctx, func, steps)) + "\n```"

    @staticmethod
    def _sketch(ctx: FileContext, func: FunctionFacts, steps: list[Paragraph]) -> list[str]:
        """The function rewritten as calls to one helper per step (real names, elided bodies)."""
        taken = set(ctx.facts.functions) | {f.name for f in ctx.facts.functions.values()}
        params = [p.name for p in func.params]
        method = bool(func.class_name) and bool(params) and params[0] in ("self", "cls")
        prefix = f"{params[0]}." if method else ""
        head = "async def" if func.is_async else "def"
        ret = f" -> {func.returns}" if func.returns else ""
        body = [f"{head} {func.name}({', '.join(params)}){ret}:"]
        for step in steps:
            name = helper_name(step, ctx.lines, taken)
            results = step.assigned()[:5]
            call = f"{'await ' if step.awaits() and func.is_async else ''}{prefix}{name}(...)"
            target = "return " if step.returns() else (f"{', '.join(results)} = " if results else "")
            body.append(f"    {target}{call}  # lines {step.start}-{step.end}")
        if not steps[-1].returns():
            body.append("    ...")
        return body
