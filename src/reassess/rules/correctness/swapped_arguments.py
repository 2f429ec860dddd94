"""RA733 logic-error: `minutes_between(report.signed_at, study.received_at)` where the project's other
calls pass the same two fields the other way round."""
from __future__ import annotations

import re
from collections import defaultdict
from typing import Iterator

from ...facts.types import CallSite
from ...findings import Finding, Location
from ..api import ProjectContext, Rule, register
from .class_shapes import call_edges

_MAX_POSITIONS = 4  # positional arguments compared pairwise


@register
class SwappedArguments(Rule):
    """A call passing two fields in the reverse of the order every other call of that function uses.

    What it finds:
        Calls of one project function that pass the same two named values (by their own name:
        `report.signed_at` and `r.signed_at` are both `signed_at`) as two positional arguments,
        where at least two calls pass them in one order and exactly one call in the other, and
        the function subtracts one of those parameters from the other (`end - start`): the
        order decides the result. Cited at the odd call.

    Why it matters:
        The odd call computes the opposite of what the others do: a negative duration, a
        reversed difference. Thresholds on it never trip (a turnaround time that is always
        negative never breaches its target), and nothing fails loudly.

    Example:
        minutes = minutes_between(report.signed_at, study.received_at)   # elsewhere: (received_at, signed_at)

    Instead:
        Pass the arguments in the order the parameters name:

            minutes = minutes_between(study.received_at, report.signed_at)
    """

    id = "RA733"
    name = "swapped-arguments"
    category = "logic-error"
    severity = "HIGH"
    scope = "project"
    base_effort = 0.25
    effort_per_location = 0.0

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        model = ctx.model
        orders: dict[tuple[str, int, int], dict[tuple[str, str], list]] = defaultdict(lambda: defaultdict(list))
        for _caller, facts, _func, edge in call_edges(model):
            if edge.target.kind != "function" or edge.target.name not in model.functions or edge.site.star_args:
                continue
            names = [_own(arg) for arg in edge.site.args[:_MAX_POSITIONS]]
            for i, first in enumerate(names):
                for j in range(i + 1, len(names)):
                    if first and names[j] and first != names[j]:
                        orders[(edge.target.name, i, j)][(first, names[j])].append((facts.path, edge.site))
        for (target, i, j), seen in sorted(orders.items()):
            for (a, b), odd in sorted(seen.items()):
                usual = seen.get((b, a), [])
                if len(odd) == 1 and len(usual) >= 2:
                    params = _subtracted(model, target, i, j)
                    if params:
                        yield self._finding(model, target, odd[0], usual, params, (a, b))

    def _finding(self, model, target: str, odd: tuple[str, CallSite], usual: list, params: tuple[str, str],
                 names: tuple[str, str]) -> Finding:
        path, site = odd
        func = model.functions[target][1]
        text = model.line_text(path, site.line)
        lines = ", ".join(f"{p}:{s.line}" for p, s in usual[:3])
        description = (f"`{text}` passes `{names[0]}` as `{params[0]}` and `{names[1]}` as `{params[1]}` of "
                       f"`{func.qualname}`, which subtracts one from the other; the other {len(usual)} calls "
                       f"pass them the other way round ({lines}). The result here has the opposite sign: a "
                       "duration comes out negative and every threshold on it decides the other way.")
        related = [Location(p, s.line, s.end_line, "the same arguments in the usual order") for p, s in usual[:3]]
        return self.finding(Location(path, site.line, site.end_line),
                            f"`{site.name}()` is given `{names[0]}` and `{names[1]}` in the reverse order",
                            description, related=related,
                            recommendation=f"Swap the two arguments: `{params[0]}` takes `{names[1]}`, "
                                           f"`{params[1]}` takes `{names[0]}`.")


def _own(arg: object) -> str:
    """The own name of a name or attribute chain argument (`report.signed_at` -> `signed_at`)."""
    ref = arg.get("ref") if isinstance(arg, dict) and len(arg) == 1 else None
    return ref.rsplit(".", 1)[-1] if isinstance(ref, str) and ref.rsplit(".", 1)[-1] != "[]" else ""


def _subtracted(model, target: str, i: int, j: int) -> tuple[str, str] | None:
    """The parameters at positions `i` and `j` (self left out) when the body subtracts one from the other."""
    facts, func = model.functions[target]
    params = [p.name for p in func.params if p.kind in ("posonly", "pos")]
    if func.class_name and params and params[0] in ("self", "cls"):
        params = params[1:]
    if j >= len(params):
        return None
    first, second = params[i], params[j]
    body = "\n".join(model.line_text(facts.path, line) for line in range(func.line, func.end_line + 1))
    # the bare names, not attributes (`self.end - start`) or longer names, and not in a comment
    body = "\n".join(line.split("#", 1)[0] for line in body.splitlines())
    a, b = re.escape(first), re.escape(second)
    pattern = rf"(?<![.\w]){b}\s*-\s*{a}(?![\w(])|(?<![.\w]){a}\s*-\s*{b}(?![\w(])"
    return (first, second) if re.search(pattern, body) else None
