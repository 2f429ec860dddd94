"""RA863 missing-docstring: the public API of services and the data layer without docstrings."""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from ...findings import Finding, Location
from ...metrics.layers import LAYER_NAMES, layers_of
from .._scope import reviewed_modules
from ..api import ProjectContext, Rule, register
from ..quality.sizing import plural
from ..typehints._signatures import is_dunder, is_public

if TYPE_CHECKING:
    from ...facts.types import ModuleFacts

MIN_LINES = 5  # functions shorter than this (def line included) are left alone
MAX_RELATED = 40
MAX_MODULE_FINDINGS = 10  # more modules than this: one finding for all of them


@register
class UndocumentedServiceApi(Rule):
    """Service and data-layer modules whose public classes and functions have no docstring.

    What it finds:
        Modules the model places in the service or data layer (they hold the classes and
        functions entry points call to reach the database and other resources): the
        public classes, and the public functions and methods of at least five lines, that
        have no docstring, plus a missing module docstring. Private names, dunder methods,
        nested functions, short helpers, routes and workers are left alone. One finding
        per module.

    Why it matters:
        The service and data layers are the API the rest of the code is written against:
        what a method guarantees (transactions, which exceptions, whether it returns
        `None` for a missing row, the units of its numbers) is what callers need and cannot
        see from a signature.

    Example:
        class DataManager:
            async def fill_order(self, order_id, quantity, price):
                ...

    Instead:
        class DataManager:
            async def fill_order(self, order_id: int, quantity: Decimal, price: Decimal) -> Record:
                \"\"\"Record a fill and update the position in one transaction.

                Raises LookupError if the order does not exist or is not open.
                \"\"\"
    """

    id = "RA863"
    name = "missing-docstring"
    category = "missing-docstring"
    severity = "LOW"
    scope = "project"
    base_effort = 0.25
    effort_per_location = 0.15

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        model = ctx.model
        layers = layers_of(model)
        checked = 0
        gaps = []
        for facts in reviewed_modules(model):
            layer = layers.layer(facts.module)
            if layer not in ("service", "data"):
                continue
            items, missing = _undocumented(facts)
            checked += items
            if missing:
                gaps.append((facts, LAYER_NAMES[layer], items, missing))
        ctx.examine("service and data-layer definitions checked for docstrings", checked)
        if len(gaps) > MAX_MODULE_FINDINGS:
            yield self._project(gaps, checked)
            return
        for facts, layer, items, missing in gaps:
            yield self._finding(facts, layer, items, missing)

    def _project(self, gaps: list, checked: int) -> Finding:
        ranked = sorted(gaps, key=lambda g: (-len(g[3]), g[0].path))
        missing = sum(len(g[3]) for g in gaps)
        facts, _, _, first = ranked[0]
        shown = ", ".join(f"`{f.path}` ({len(m)} of {i})" for f, _, i, m in ranked[:6])
        return self.finding(
            Location(facts.path, first[0][0], first[0][0]),
            f"{missing} of {checked} public definitions in {len(gaps)} service and data-layer modules undocumented",
            f"{missing} of the {checked} public classes and functions of {MIN_LINES}+ lines in the service and "
            f"data-layer modules have no docstring, spread over {len(gaps)} modules. Most: {shown}.",
            recommendation=_recommendation(first[0][1].split("`")[1]),
            related=[Location(f.path, m[0][0], m[0][0], f"{len(m)} of {i} public definitions undocumented")
                     for f, _, i, m in ranked[1:MAX_RELATED]],
            effort=min(self.max_effort, 1.0 + 0.15 * missing),
        )

    def _finding(self, facts: "ModuleFacts", layer: str, items: int, missing: list[tuple[int, str]]) -> Finding:
        module_doc = bool(facts.metrics.data.get("module_docstring"))
        line, what = missing[0]
        listed = ", ".join(w for _, w in missing[:10]) + (f" and {len(missing) - 10} more" if len(missing) > 10 else "")
        description = (f"`{facts.path}` belongs to the {layer}; {len(missing)} of its {items} public classes and "
                       f"functions of {MIN_LINES}+ lines have no docstring: {listed}.")
        if not module_doc:
            description += " The module has no docstring either."
        name = what.split("`")[1]
        return self.finding(
            Location(facts.path, line, line),
            f"`{facts.path}`: {len(missing)} of {plural(items, 'public definition')} undocumented",
            description,
            recommendation=_recommendation(name),
            related=[Location(facts.path, n, n, f"{w} has no docstring") for n, w in missing[1:MAX_RELATED]],
        )


def _undocumented(facts: "ModuleFacts") -> tuple[int, list[tuple[int, str]]]:
    """How many public definitions count, and those without a docstring as (line, description)."""
    items = 0
    missing: list[tuple[int, str]] = []
    for cls in facts.classes.values():
        if all(not part.startswith("_") for part in cls.qualname.split(".")):
            items += 1
            if not cls.has_docstring:
                missing.append((cls.line, f"class `{cls.qualname}`"))
    for func in facts.functions.values():
        if not is_public(func) or is_dunder(func.name) or func.end_line - func.line + 1 < MIN_LINES:
            continue
        items += 1
        if not func.has_docstring:
            kind = "method" if func.class_name else "function"
            missing.append((func.line, f"{kind} `{func.qualname.split('@')[0]}`"))
    return items, sorted(missing)


def _recommendation(name: str) -> str:
    return (f"Document what callers rely on, starting with `{name}`: what it returns when nothing is found, what "
            f"it raises, side effects and transactions:\n\n```python\n"
            f"\"\"\"One line on what `{name.rsplit('.', 1)[-1]}` does.\n\n"
            f"Returns ... (None when ...). Raises ... when ....\n\"\"\"\n```")
