"""RA805 circular-import."""
from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterator

import networkx as nx

from ...facts.types import ImportFact, ModuleFacts
from ...findings import Finding, Location
from ...metrics.tokens import CODE, token_lines
from ...model.symbols import imported_module, resolve_relative
from ..api import ProjectContext, Rule, register

if TYPE_CHECKING:
    from ...model.project import ProjectModel


@dataclass
class EdgeUse:
    """How module `source` uses what it imports from `target`."""

    source: str
    target: str
    path: str
    line: int  # the module-level import
    bound: list[str] = field(default_factory=list)  # names the import binds
    import_time: list[int] = field(default_factory=list)  # lines using them at import time
    in_functions: list[int] = field(default_factory=list)  # lines using them inside functions
    in_annotations: int = 0
    used: list[str] = field(default_factory=list)  # what is used, e.g. "order_service.estimate_fees"
    first_function: str = ""  # the function holding the first use inside a function
    statement: str = ""  # the import as written
    binds_modules: bool = False  # every name the import binds is a module (no attribute is read)

    @property
    def deferrable(self) -> bool:
        """Nothing needs the target while the module itself is being imported."""
        return not self.import_time


@register
class CircularImport(Rule):
    """Modules that import each other at import time.

    What it finds:
        Groups of project modules whose module-level imports form a cycle (a imports b,
        b imports a, possibly through others). Imports inside functions, under
        `if TYPE_CHECKING:` and under `if __name__ == "__main__":` do not count: they do
        not run while the module is imported. One
        finding per group: the location is the import by which the most widely imported
        module of the cycle pulls the rest in; the other imports of the cycle are related
        locations, and the recommendation names the import that is cheapest to remove. A cycle
        that closes only through a submodule referring to its own package as a module, inside
        functions, cannot fail while loading (the package always initialises first): it is LOW,
        and any cycle left among the submodules without the package is reported on its own.

    Why it matters:
        Which module finishes loading first depends on who imports what first, so an
        unrelated new import elsewhere can turn a working cycle into
        `ImportError: cannot import name ... (most likely due to a circular import)` or an
        `AttributeError` on a half-initialised module at start-up. Cycles also mean the
        modules cannot be understood, tested or reused apart.

    Example:
        # order_service.py
        from app.services import risk
        # risk.py
        from app.services import order_service   # only for order_service.estimate_fees

    Instead:
        Move what both need into a third module, or defer the weaker import to where it
        is used (inside the function) or to `if TYPE_CHECKING:` when only annotations
        need it:

            def check_buying_power(...):
                from app.services.order_service import estimate_fees
    """

    id = "RA805"
    name = "circular-import"
    category = "circular-import"
    severity = "MEDIUM"
    scope = "project"
    base_effort = 1.0
    effort_per_location = 0.5

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        model = ctx.model
        ctx.examine("import edges", model.import_graph.number_of_edges())
        for group in model.import_cycles():
            yield from self._group(model, group)

    def _group(self, model: "ProjectModel", group: list[str]) -> Iterator[Finding]:
        """The group's finding; when its cycle only closes through the package itself, also the
        cycles left among the submodules without the package (those can fail while loading)."""
        anchor = _anchor(model, group)
        cycle = _shortest_cycle(model, anchor, set(group))
        if len(cycle) < 2:
            return
        uses = [_edge_use(model, cycle[n], cycle[(n + 1) % len(cycle)]) for n in range(len(cycle))]
        closing = _package_closing(cycle, uses)
        yield self._finding(model, group, cycle, uses, closing)
        if closing is not None:
            for inner in _cycles_without(model, group, closing.target):
                yield from self._group(model, inner)

    def _finding(self, model: "ProjectModel", group: list[str], cycle: list[str], uses: list[EdgeUse],
                 closing: EdgeUse | None) -> Finding:
        first = uses[0]
        chain = " -> ".join([*cycle, cycle[0]])
        related = [Location(u.path, u.line, u.line, f"`{u.source}` imports `{u.target}`"
                            + (" back: the cycle closes here" if n == len(uses) - 1 else ""))
                   for n, u in enumerate(uses[1:], 1)]
        description = (f"`{first.source}` imports `{first.target}` at module level, and the import chain leads back: "
                       f"{chain}.")
        others = sorted(set(group) - set(cycle))
        if others:
            description += (f" {len(group)} modules are tied in this import cycle; besides the chain above: "
                            + ", ".join(f"`{m}`" for m in others[:8]) + ("..." if len(others) > 8 else "") + ".")
        description += " " + " ".join(_use_text(u) for u in uses)
        all_import_time = all(u.import_time for u in uses)
        # a large group is worse only if some link is needed while loading (the cycle can then fail)
        severity = "HIGH" if all_import_time or len(group) >= 5 and any(u.import_time for u in uses) else "MEDIUM"
        if closing is not None:
            description += " " + _package_text(closing)
            severity = "LOW"
        return self.finding(
            Location(first.path, first.line, first.line),
            f"Import cycle: {chain}",
            description,
            recommendation=_recommendation(uses),
            severity=severity,
            related=related,
            extra={"cycle": cycle, "modules": group},
        )


def _anchor(model: "ProjectModel", group: list[str]) -> str:
    """The module of the cycle the rest of the project imports most (ties: most importers, name)."""
    members = set(group)
    graph = model.import_graph

    def rank(module: str) -> tuple[int, int, str]:
        importers = set(graph.predecessors(module))
        return (-len(importers - members), -len(importers), module)

    return min(group, key=rank)


def _shortest_cycle(model: "ProjectModel", anchor: str, members: set[str]) -> list[str]:
    """anchor -> ... -> (back to anchor), shortest over runtime imports inside the group."""
    graph = model.import_graph
    parent: dict[str, str] = {}
    queue = deque([anchor])
    seen = {anchor}
    while queue:
        current = queue.popleft()
        for nxt in sorted(graph.successors(current)):
            if nxt not in members or not graph.edges[current, nxt]["runtime"]:
                continue
            if nxt == anchor:
                path = [current]
                while path[-1] != anchor:
                    path.append(parent[path[-1]])
                return list(reversed(path))
            if nxt not in seen:
                seen.add(nxt)
                parent[nxt] = current
                queue.append(nxt)
    return [anchor]


def _bodies(facts: ModuleFacts) -> list[tuple[int, int, int]]:
    """(def line, first body line, last line) of the module's functions."""
    return sorted((f.line, f.body_line or f.line, f.end_line) for f in facts.functions.values() if not f.is_nested)


def _place(bodies: list[tuple[int, int, int]], line: int) -> str:
    """"body" inside a function body, "signature" in a def line, "module" anywhere else."""
    for start, body, end in bodies:
        if body <= line <= end:
            return "body"
        if start <= line < body:
            return "signature"
    return "module"


def _import_text(imp: ImportFact) -> str:
    alias = f" as {imp.alias}" if imp.alias else ""
    if imp.name:
        return f"from {'.' * imp.level}{imp.module} import {imp.name}{alias}"
    return f"import {imp.module}{alias}"


def _edge_use(model: "ProjectModel", source: str, target: str) -> EdgeUse:
    """Where `source` uses the names its module-level import of `target` binds: read from the
    source's code lines (names in strings and comments ignored)."""
    facts = model.modules[source]
    line = model.import_graph.edges[source, target]["line_runtime"]
    names = set(model.modules)
    imports = [imp for imp in facts.imports if _load_time(imp) and imported_module(facts, imp, names) == target]
    bound = sorted({imp.bound for imp in imports})
    modules = {imp.bound for imp in imports if not imp.name or imported_module(facts, imp, names) ==
               f"{resolve_relative(facts.module, facts.is_package, imp)}.{imp.name}"}
    use = EdgeUse(source, target, facts.path, line, bound, statement=_import_text(imports[0]) if imports else "",
                  binds_modules=_all_in(bound, modules))
    lazy_annotations = facts.postpones_annotations()
    bodies = _bodies(facts)
    for number, text in _uses(_code_tokens(model, facts.path), set(bound), modules):
        place = _place(bodies, number)
        if place == "body":
            use.in_functions.append(number)
        elif place == "signature" and lazy_annotations:
            use.in_annotations += 1
        else:
            use.import_time.append(number)
        if text not in use.used:
            use.used.append(text)
    use.import_time = sorted(set(use.import_time))
    use.in_functions = sorted(set(use.in_functions))
    if use.in_functions:
        holders = [f for f in facts.functions.values() if f.line <= use.in_functions[0] <= f.end_line]
        use.first_function = max(holders, key=lambda f: f.line).name if holders else ""
    return use


def _uses(token_lines: list, wanted: set[str], modules: set[str]) -> Iterator[tuple[int, str]]:
    """(line, text) of each use of a bound name in code: `name`, or `module.attr` when the name
    is a module (attribute reads `x.name` of other objects are not uses)."""
    for token_line in token_lines:
        if token_line.kind != CODE:
            continue
        raw = token_line.raw
        for position, token in enumerate(raw):
            if token not in wanted or (position and raw[position - 1] == "."):
                continue
            text = token
            if token in modules and position + 2 < len(raw) and raw[position + 1] == ".":
                text = f"{token}.{raw[position + 2]}"
            yield token_line.number, text


def _code_tokens(model: "ProjectModel", path: str) -> list:
    """The file's token lines, tokenised once per run: a module in several cycles is read
    for each of its import edges."""
    tokens = model.memo("circular_import.token_lines", dict)
    if path not in tokens:
        tokens[path] = token_lines(model.lines(path), keep_raw=True)
    return tokens[path]


def _load_time(imp: ImportFact) -> bool:
    """The import runs while the module loads (not in a function, a `TYPE_CHECKING` or `__main__` block)."""
    return not (imp.in_function or imp.type_checking or imp.main_guard)


def _all_in(names: list[str], wanted: set[str]) -> bool:
    """Some names, and every one of them among `wanted`."""
    return bool(names) and set(names) <= wanted


def _package_closing(cycle: list[str], uses: list[EdgeUse]) -> EdgeUse | None:
    """The import by which a submodule refers back, as a module and only inside functions, to the
    package holding the whole cycle. Python initialises a package before any of its submodules,
    so whichever module is imported first the order is the same and that import only finds the
    half-loaded package object, whose attributes nothing reads until a function runs: the cycle
    cannot fail while loading."""
    for use in uses:
        inside = all(m == use.target or m.startswith(use.target + ".") for m in cycle)
        if inside and use.binds_modules and use.deferrable and use.source.startswith(use.target + "."):
            return use
    return None


def _cycles_without(model: "ProjectModel", group: list[str], package: str) -> list[list[str]]:
    """Import cycles among the group's modules once the package itself is left out."""
    members = set(group) - {package}
    graph = model.import_graph.subgraph(members)
    runtime = graph.edge_subgraph([(a, b) for a, b, d in graph.edges(data=True) if d["runtime"]])
    return sorted(sorted(c) for c in nx.strongly_connected_components(runtime) if len(c) > 1)


def _package_text(use: EdgeUse) -> str:
    short = use.source.rsplit(".", 1)[-1]
    return (f"The cycle closes through the package itself: `{short}` refers to its own package `{use.target}` "
            "as a module and reads it only inside functions. Python always initialises a package before its "
            "submodules, so the cycle cannot fail while the modules load; it only ties them together "
            "(a design smell, not a start-up hazard).")


def _use_text(use: EdgeUse) -> str:
    short = use.source.rsplit(".", 1)[-1]
    if use.import_time:
        return (f"`{short}` needs `{use.target}` while it loads (line {', '.join(map(str, use.import_time[:5]))}).")
    if use.in_functions:
        used = ", ".join(f"`{u}`" for u in use.used[:4])
        return (f"`{short}` uses {used} only inside functions "
                f"(line {', '.join(map(str, use.in_functions[:5]))}).")
    if use.in_annotations:
        return f"`{short}` uses `{use.target}` only in type annotations."
    return f"`{short}` imports `{use.target}` without using it at module level."


def _cut(uses: list[EdgeUse]) -> EdgeUse:
    """The import cheapest to remove: one nothing needs at import time, with the fewest uses."""
    return min(uses, key=lambda u: (not u.deferrable, len(u.in_functions) + len(u.import_time), u.path, u.line))


def _recommendation(uses: list[EdgeUse]) -> str:
    cut = _cut(uses)
    short = cut.source.rsplit(".", 1)[-1]
    target_short = cut.target.rsplit(".", 1)[-1]
    where = f"`{cut.path}` line {cut.line}"
    if not cut.deferrable:
        return (f"Every import of the cycle is needed while the modules load, so the shared code has to move: "
                f"put what `{short}` takes from `{cut.target}` ({', '.join(f'`{u}`' for u in cut.used[:4]) or 'it'}) "
                f"into a new module that both import, and import that instead ({where}).")
    if not cut.in_functions and cut.in_annotations:
        return (f"Break the cycle at {where}: `{short}` needs `{cut.target}` only for type annotations, so import "
                f"it for the type checker only:\n\n```python\nfrom typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n"
                f"    {cut.statement}\n```")
    used = [u.rsplit(".", 1)[-1] for u in cut.used]
    moved = ", ".join(f"`{name}`" for name in used[:3]) or f"what it uses from `{target_short}`"
    if not cut.in_functions:
        return (f"Break the cycle at {where}: `{short}` imports `{cut.target}` but nothing in it runs while the "
                f"module loads; remove the import if it is unused, or move it into the functions that need it.")
    places = f"{len(cut.in_functions)} place{'s' if len(cut.in_functions) != 1 else ''}"
    return (f"Break the cycle at {where}: `{short}` uses {moved} from `{target_short}` only inside functions "
            f"({places}, first at line {cut.in_functions[0]}). Move {moved} into `{short}` or into a small module "
            f"both import, or defer the import to where it is used:\n\n```python\ndef {cut.first_function or '...'}"
            f"(...):\n    {cut.statement}  # deferred: imported when called, which breaks the cycle\n```")
