"""RA861 import-organization: imports whose name the module never uses and nobody re-imports."""
from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING, Iterator

from ...findings import Finding, Location
from ...model.symbols import imported_module, resolve_relative
from .._scope import reviewed_modules
from ..api import ProjectContext, Rule, register
from ..quality.sizing import plural

if TYPE_CHECKING:
    from ...facts.types import ImportFact, ModuleFacts
    from ...model.project import ProjectModel

MAX_RELATED = 40


@register
class UnusedImport(Rule):
    """Imports that bind a name the module never uses.

    What it finds:
        Per module of the served code, `import x` / `from m import x` whose bound name is
        used nowhere in the module: not in code, not in an annotation (quoted ones
        included: any mention of the name outside import statements counts as a use), not
        in `__all__`, and not imported from this module by any other module of the project
        (a re-export). Left alone: package `__init__.py` files, `from __future__`, imports
        marked `# noqa`, imports inside `try`/`except` blocks (optional dependencies),
        names bound by two imports (fallbacks), and imports of project modules, which may
        be there for their side effects (registering models, routes or tasks). One finding
        per module.

    Why it matters:
        Each unused import is a dependency the module claims but does not have: it costs
        start-up time, can create import cycles, keeps dead packages in requirements, and
        misleads readers about what the module relies on.

    Example:
        import json
        from typing import Optional
        from app.database import DataManager  # used nowhere in this module

    Instead:
        Delete the imports (or, when one is deliberate, say so:
        `from app.database import DataManager  # noqa: F401  (re-exported)`).
    """

    id = "RA861"
    name = "unused-import"
    category = "import-organization"
    severity = "LOW"
    scope = "project"
    base_effort = 0.25
    effort_per_location = 0.1

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        model = ctx.model
        exported = reexported(model)
        names = set(model.modules)
        checked = 0
        for facts in reviewed_modules(model):
            if facts.is_package:
                continue
            checked += len(facts.imports)
            unused = _unused(model, facts, exported, names)
            if unused:
                yield self._finding(facts, unused)
        ctx.examine("imports checked", checked)

    def _finding(self, facts: "ModuleFacts", unused: list["ImportFact"]) -> Finding:
        first = unused[0]
        listed = ", ".join(f"`{_text(i)}` (line {i.line})" for i in unused[:10])
        more = f" and {len(unused) - 10} more" if len(unused) > 10 else ""
        return self.finding(
            Location(facts.path, first.line, first.line),
            f"`{facts.path}`: {plural(len(unused), 'unused import')}",
            f"`{facts.path}` imports {listed}{more}, and never uses {'it' if len(unused) == 1 else 'them'}: the "
            f"name{'s appear' if len(unused) > 1 else ' appears'} nowhere else in the module, not in `__all__`, "
            f"and no other module imports {'it' if len(unused) == 1 else 'them'} from here.",
            recommendation=(f"Delete {'it' if len(unused) == 1 else 'them'} (`ruff check --select F401 --fix "
                            f"{facts.path}` does it safely). If one is kept on purpose, mark it:\n\n```python\n"
                            f"{_statement(first)}  # noqa: F401  (re-exported / imported for its side effects)\n```"),
            related=[Location(facts.path, i.line, i.line, f"`{_text(i)}` unused") for i in unused[1:MAX_RELATED]],
        )


def reexported(model: "ProjectModel") -> set[tuple[str, str]]:
    """(module, name) pairs other modules import by name (`from m import name`) or read as `m.name`."""
    out: set[tuple[str, str]] = set()
    for facts in model.modules.values():
        for imp in facts.imports:
            if imp.name and imp.name != "*":
                source = resolve_relative(facts.module, facts.is_package, imp)
                if source in model.modules:
                    out.add((source, imp.name))
        bindings = model.bindings.get(facts.module, {})
        for chain, _line, _col, _store in facts.attr_refs:
            parts = chain.split(".")
            binding = bindings.get(parts[0])
            current = binding.target if binding is not None and binding.kind == "import" else ""
            if current not in model.modules:
                continue
            for part in parts[1:]:
                if f"{current}.{part}" in model.modules:
                    current = f"{current}.{part}"
                    continue
                out.add((current, part))
                break
    return out


def _unused(model: "ProjectModel", facts: "ModuleFacts", exported: set[tuple[str, str]],
            names: set[str]) -> list["ImportFact"]:
    candidates = _unread(facts, exported, names)
    if not candidates:
        return []
    lines = model.lines(facts.path)
    spans = {imp.line: _span(lines, imp.line) for imp in facts.imports}
    covered = {n for start, end in spans.values() for n in range(start, end + 1)}
    rest = "\n".join(text for number, text in enumerate(lines, 1) if number not in covered)
    out = []
    for imp in candidates:
        start, end = spans[imp.line]
        if any("noqa" in lines[n - 1] for n in range(start, end + 1) if n <= len(lines)):
            continue
        if _in_try(lines, imp.line) or re.search(rf"\b{re.escape(imp.bound)}\b", rest):
            continue
        out.append(imp)
    return sorted(out, key=lambda i: (i.line, i.bound))


def _unread(facts: "ModuleFacts", exported: set[tuple[str, str]], names: set[str]) -> list["ImportFact"]:
    """Imports whose name the code never reads, re-exports and project-module bindings aside."""
    bound_count = Counter(imp.bound for imp in facts.imports)
    exports = set(facts.dunder_all or ()) | {"__all__"}
    return [imp for imp in facts.imports
            if not (imp.name == "*" or imp.module == "__future__" or imp.bound in facts.name_uses
                    or bound_count[imp.bound] > 1 or imp.bound in exports or (facts.module, imp.bound) in exported
                    or _binds_project_module(facts, imp, names))]


def _binds_project_module(facts: "ModuleFacts", imp: "ImportFact", names: set[str]) -> bool:
    """`import app.models` or `from app import models`: the name is a project module."""
    target = imported_module(facts, imp, names)
    if target is None:
        return False
    if not imp.name:
        return True
    return target == f"{resolve_relative(facts.module, facts.is_package, imp)}.{imp.name}".lstrip(".")


def _span(lines: list[str], line: int) -> tuple[int, int]:
    """First and last line of the import statement starting at `line` (parentheses, backslashes)."""
    end = line
    if line > len(lines):
        return line, line
    text = lines[line - 1]
    depth = text.count("(") - text.count(")")
    while (depth > 0 or lines[end - 1].rstrip().endswith("\\")) and end < len(lines):
        end += 1
        depth += lines[end - 1].count("(") - lines[end - 1].count(")")
    return line, end


def _in_try(lines: list[str], line: int) -> bool:
    """The import sits in a `try:` body or an `except` clause (an optional dependency)."""
    if line > len(lines):
        return False
    text = lines[line - 1]
    indent = len(text) - len(text.lstrip())
    for number in range(line - 1, 0, -1):
        above = lines[number - 1]
        stripped = above.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if len(above) - len(above.lstrip()) < indent:
            return stripped.startswith(("try:", "except", "else:"))
    return False


def _text(imp: "ImportFact") -> str:
    if imp.name:
        return imp.name + (f" as {imp.alias}" if imp.alias else "")
    return imp.module + (f" as {imp.alias}" if imp.alias else "")


def _statement(imp: "ImportFact") -> str:
    if imp.name:
        return f"from {'.' * imp.level}{imp.module} import {_text(imp)}"
    return f"import {_text(imp)}"
