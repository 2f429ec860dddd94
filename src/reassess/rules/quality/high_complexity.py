"""RA802 high-complexity."""
from __future__ import annotations

import ast
from typing import Iterator

from ...facts.types import FunctionFacts
from ...facts.visitor import contains, descendants
from ...findings import Finding
from ..api import FileContext, Rule, register
from .function_shape import BranchProfile, branch_profile, find_function
from .sizing import hours, over_ratio, plural, severity_for

DEEP_NESTING = 4
LONG_CHAIN = 4


@register
class HighComplexity(Rule):
    """A function with too many paths through it.

    What it finds:
        Functions whose cyclomatic complexity (decision points + 1, counted as radon does)
        reaches `complexity` (default 15) or whose cognitive complexity (SonarSource:
        branches weighted by how deeply they are nested) reaches `cognitive_complexity`
        (default 20). Nested functions are measured on their own.

    Why it matters:
        Every decision doubles the paths a reader has to follow and a test has to cover;
        past about 15 nobody tests them all, and deep nesting hides which conditions hold at
        a given line. Such functions attract the bugs and are the most expensive to change.

    Example:
        for order in orders:
            if order.side == "sell":
                if not allow_shorts:
                    if qty > held:
                        if held <= 0:
                            continue

    Instead:
        Flatten with guard clauses and move the body of big loops and branches into named
        helpers; replace long if/elif chains on one value by a dict or `match`:

            for order in orders:
                leg = self._size_leg(order)
                if leg is None:
                    continue
    """

    id = "RA802"
    name = "high-complexity"
    category = "high-complexity"
    severity = "MEDIUM"
    scope = "file"
    base_effort = 1.0

    def check(self, ctx: FileContext) -> Iterator[Finding]:
        limit = int(self.option("complexity", 15))
        cognitive_limit = int(self.option("cognitive_complexity", 20))
        for func in sorted(ctx.facts.functions.values(), key=lambda f: f.line):
            if func.complexity >= limit or func.cognitive >= cognitive_limit:
                yield self._finding(ctx, func, limit, cognitive_limit)

    def _finding(self, ctx: FileContext, func: FunctionFacts, limit: int, cognitive_limit: int) -> Finding:
        node = find_function(ctx.tree, func.line)
        profile = branch_profile(node) if node is not None else None
        description = (f"`{func.qualname}` has cyclomatic complexity {func.complexity} (limit {limit}) and "
                       f"cognitive complexity {func.cognitive} (limit {cognitive_limit}) over "
                       f"{func.code_lines} lines.")
        if profile is not None:
            description += " " + _profile_text(profile, ctx.lines)
        ratio = max(over_ratio(func.complexity, limit), over_ratio(func.cognitive, cognitive_limit))
        return self.finding(
            ctx.line_loc(func.line),
            f"`{func.name}` has cyclomatic complexity {func.complexity}, cognitive {func.cognitive}",
            description,
            recommendation=_recommendation(func, node, profile, ctx.lines),
            severity=severity_for(ratio, high=2.5),
            effort=hours(self.base_effort + max(0, func.complexity - limit) / 4 + func.code_lines / 50, cap=24),
            extra={"complexity": func.complexity, "cognitive": func.cognitive, "limit": limit,
                   "cognitive_limit": cognitive_limit},
        )


def _line(lines: list[str], number: int) -> str:
    text = lines[number - 1].strip() if 0 < number <= len(lines) else ""
    return text if len(text) <= 70 else text[:67] + "..."


def _profile_text(profile: BranchProfile, lines: list[str]) -> str:
    parts = [plural(count, kind) for kind, count in profile.decisions.items()]
    text = f"Its decisions: {', '.join(parts)}." if parts else ""
    if profile.deepest >= 2:
        text += (f" Control structures nest {profile.deepest} deep (line {profile.deepest_line}: "
                 f"`{_line(lines, profile.deepest_line)}`).")
    if profile.longest_chain >= 3:
        text += f" The longest if/elif chain has {profile.longest_chain} branches (line {profile.chain_line})."
    return text.strip()


def _biggest_loop(node: ast.AST) -> ast.For | ast.AsyncFor | ast.While | None:
    loops = [n for n in descendants([node]) if isinstance(n, (ast.For, ast.AsyncFor, ast.While)) and n is not node]
    return max(loops, key=lambda n: ((n.end_lineno or n.lineno) - n.lineno, -n.lineno), default=None)


def _singular(word: str) -> str:
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _loop_subject(loop: ast.For | ast.AsyncFor | ast.While) -> str:
    """`for iid, price in prices.items()` -> "price"; `while True` -> "step"."""
    if isinstance(loop, ast.While):
        return "step"
    source = loop.iter
    if isinstance(source, ast.Call) and isinstance(source.func, ast.Attribute) and \
            source.func.attr in ("items", "values", "keys"):
        source = source.func.value
    while isinstance(source, ast.Call):
        source = source.func
    name = source.attr if isinstance(source, ast.Attribute) else getattr(source, "id", "item")
    return _singular(name.lower().lstrip("_")) or "item"


def _recommendation(func: FunctionFacts, node: ast.AST | None, profile: BranchProfile | None,
                    lines: list[str]) -> str:
    advice: list[str] = []
    example: list[str] = []
    loop = _biggest_loop(node) if node is not None else None
    if loop is not None and (loop.end_lineno or loop.lineno) - loop.lineno >= 10:
        subject = _loop_subject(loop)
        helper = f"_handle_{subject}"
        owner = "self." if func.class_name and func.params and func.params[0].name == "self" else ""
        awaited = "await " if func.is_async and contains([loop], ast.Await) else ""
        advice.append(f"move the body of the loop at line {loop.lineno} (`{_line(lines, loop.lineno)}`, "
                      f"{(loop.end_lineno or loop.lineno) - loop.lineno} lines) into `{helper}()`, returning early "
                      f"instead of `continue`")
        example += [_line(lines, loop.lineno), f"    result = {awaited}{owner}{helper}(...)",
                    "    if result is None:", "        continue"]
    if profile is not None and profile.deepest >= DEEP_NESTING:
        advice.append(f"flatten the {profile.deepest}-level nesting at line {profile.deepest_line} with guard "
                      f"clauses (`if not condition: continue` / `return`)")
    if profile is not None and profile.longest_chain >= LONG_CHAIN:
        advice.append(f"replace the {profile.longest_chain}-branch if/elif chain at line {profile.chain_line} "
                      f"with a dict of handlers or a `match` statement")
    if not advice:
        advice.append("split the independent decisions into small predicate helpers with descriptive names "
                      "and combine them")
    text = f"Reduce the paths through `{func.name}`: " + "; ".join(advice) + "."
    if example:
        text += "\n\n```python\n" + "\n".join(example) + "\n```"
    return text
