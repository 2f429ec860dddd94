"""RA862 import-organization: `from module import *` outside package `__init__` files."""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from ...findings import Finding, Location
from ...model.symbols import resolve_relative
from .._scope import reviewed_modules
from ..api import ProjectContext, Rule, register

if TYPE_CHECKING:
    from ...facts.types import ImportFact, ModuleFacts
    from ...model.project import ProjectModel


@register
class StarImport(Rule):
    """`from module import *` in an ordinary module.

    What it finds:
        Wildcard imports in the served code, outside package `__init__.py` files and
        settings modules (where `from .base import *` is the convention). For a project
        module the finding lists the names the wildcard brings in that this module really
        uses, which is the explicit import to write instead.

    Why it matters:
        Nobody can tell where a name comes from without opening every starred module;
        linters cannot report undefined or unused names; and a new name added to the
        source module can silently shadow a local one.

    Example:
        from app.models import *

    Instead:
        from app.models import Order, OrderStatus
    """

    id = "RA862"
    name = "star-import"
    category = "import-organization"
    severity = "LOW"
    scope = "project"
    base_effort = 0.25
    effort_per_location = 0.25

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        model = ctx.model
        for facts in reviewed_modules(model):
            if not facts.has_star_import or facts.is_package or "settings" in facts.path.split("/")[-1]:
                continue
            stars = sorted((i for i in facts.imports if i.name == "*"), key=lambda i: i.line)
            for imp in stars:
                yield self._finding(model, facts, imp)

    def _finding(self, model: "ProjectModel", facts: "ModuleFacts", imp: "ImportFact") -> Finding:
        source = resolve_relative(facts.module, facts.is_package, imp)
        written = f"from {'.' * imp.level}{imp.module} import *"
        provided = _public_names(model, source)
        if provided is None:
            used_text = "it is not a project module, so the names it brings in are not known here"
            explicit = f"from {'.' * imp.level}{imp.module} import ...  # the names this module uses"
        else:
            used = sorted(n for n in provided if n in facts.name_uses and n not in _own_names(facts))
            used_text = (f"it brings in {len(provided)} names, of which this module uses {len(used)}"
                         + (f": {', '.join(f'`{n}`' for n in used[:12])}" if used else ""))
            explicit = (f"from {'.' * imp.level}{imp.module} import {', '.join(used)}" if used
                        else "# (delete the import: nothing from it is used)")
        return self.finding(
            Location(facts.path, imp.line, imp.line),
            f"Wildcard import `{written}` in `{facts.path}`",
            f"`{facts.path}` line {imp.line} imports everything from `{source}`: {used_text}.",
            recommendation=f"Import the names explicitly:\n\n```python\n{explicit}\n```",
        )


def _public_names(model: "ProjectModel", module: str) -> list[str] | None:
    """What `import *` takes from a project module: `__all__`, else its public top-level names."""
    facts = model.modules.get(module)
    if facts is None:
        return None
    if facts.dunder_all is not None:
        return sorted(facts.dunder_all)
    return sorted(n for n in model.bindings.get(module, {}) if not n.startswith("_"))


def _own_names(facts: "ModuleFacts") -> set[str]:
    own = {i.bound for i in facts.imports if i.name != "*"} | set(facts.assigns)
    own |= {q for q in facts.classes if "." not in q} | {q for q in facts.functions if "." not in q}
    return own
