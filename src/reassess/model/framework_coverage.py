"""Which frameworks serve the code, as far as the model knows: the entry points found per framework,
the recognised frameworks imported with no entry point found, and the frameworks imported whose entry
points this version does not recognise. Read from the imports in the facts (non-test modules), never
by running code; vocabulary in `knowledge.webframes`."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..knowledge.webframes import (
    COVERAGE_KINDS,
    ENTRY_FRAMEWORKS,
    RECOGNISED_FRAMEWORKS,
    UNRECOGNISED_FRAMEWORKS,
)
from .app import is_test_path, under

if TYPE_CHECKING:
    from ..facts.types import ModuleFacts
    from .project import ProjectModel


def framework_coverage(model: "ProjectModel") -> dict[str, Any]:
    """{"served_by": [{"name", "entries": {kind: n}, "imported_at"}],
        "imported_without_entries": [{"name", "package", "modules", "imported_at"}],
        "unrecognised": [{"name", "package", "what", "modules", "imported_at"}]}, sorted by name."""
    own = {name.split(".", 1)[0] for name in model.modules}
    imported: dict[str, list[str]] = {}  # package -> ["path:line" of the first import in each module]
    for facts in sorted(model.modules.values(), key=lambda f: f.path):
        if is_test_path(facts.path):
            continue
        for package, line in _packages(facts, own).items():
            imported.setdefault(package, []).append(f"{facts.path}:{line}")
    asgi = _asgi_name(imported)
    counts: dict[str, dict[str, int]] = {}
    sockets: set[tuple[str, str, str]] = set()  # websocket endpoints already counted
    for entry in model.app.entrypoints:
        if entry.kind in COVERAGE_KINDS:
            framework = str(entry.details.get("framework", ""))
            name = asgi if framework == "" else ENTRY_FRAMEWORKS.get(framework, framework)
            kinds = counts.setdefault(name, {})
            if entry.details.get("command"):  # looked up in a registry: counted apart from its endpoint
                kinds["command"] = kinds.get("command", 0) + 1
                continue
            if entry.kind == "websocket":
                if (name, *websocket_endpoint(entry)) in sockets:
                    continue  # another method (`on_message`, `on_close`) of an endpoint counted
                sockets.add((name, *websocket_endpoint(entry)))
            kinds[entry.kind] = kinds.get(entry.kind, 0) + 1
    first = {}
    for package, sites in imported.items():
        name = _display(package, asgi)
        first[name] = min(first.get(name, sites[0]), sites[0])
    served = [{"name": name, "entries": dict(sorted(kinds.items())), "imported_at": first.get(name, "")}
              for name, kinds in sorted(counts.items())]
    quiet: dict[str, dict[str, Any]] = {}
    for package, sites in sorted(imported.items()):
        if package in RECOGNISED_FRAMEWORKS and _display(package, asgi) not in counts:
            name = _display(package, asgi)
            row = quiet.setdefault(name, {"name": name, "package": package, "modules": set(), "imported_at": sites[0]})
            row["modules"] |= {site.rsplit(":", 1)[0] for site in sites}
            row["imported_at"] = min(row["imported_at"], sites[0])
    unrecognised = [{"name": UNRECOGNISED_FRAMEWORKS[package][0], "package": package,
                     "what": UNRECOGNISED_FRAMEWORKS[package][1], "modules": len(sites), "imported_at": sites[0]}
                    for package, sites in sorted(imported.items()) if package in UNRECOGNISED_FRAMEWORKS]
    return {"served_by": served,
            "imported_without_entries": [{**row, "modules": len(row["modules"])}
                                         for _, row in sorted(quiet.items())],
            "unrecognised": sorted(unrecognised, key=lambda r: r["name"])}


def websocket_endpoint(entry) -> tuple[str, str]:
    """(handler, path) naming the websocket endpoint an entry belongs to: a handler class's
    `open`, `on_message` and `on_close` are one endpoint (per path), a function is one itself."""
    return str(entry.details.get("handler_class") or entry.function), entry.route


def _asgi_name(imported: dict[str, list[str]]) -> str:
    """What serves the entries that carry no framework: FastAPI, or Starlette when the project
    imports Starlette's application or routing but not FastAPI."""
    return "FastAPI" if "fastapi" in imported or not any(p.startswith("starlette.") for p in imported) \
        else "Starlette"


def _display(package: str, asgi: str) -> str:
    """The name a reader knows the imported framework package by."""
    recognised = RECOGNISED_FRAMEWORKS.get(package)
    if recognised is not None:
        return asgi if recognised[1] == "" else recognised[0]
    return UNRECOGNISED_FRAMEWORKS[package][0]


def _packages(facts: "ModuleFacts", own: set[str]) -> dict[str, int]:
    """The framework packages this module imports (and uses to serve, where a package has markers)
    -> the line of its first import."""
    bound: dict[str, str] = {}
    names: list[tuple[str, int]] = []
    for imp in facts.imports:
        if imp.level or imp.type_checking or imp.module.split(".", 1)[0] in own:
            continue
        full = f"{imp.module}.{imp.name}" if imp.name else imp.module
        bound[imp.bound] = full if imp.name or imp.alias else imp.module.split(".", 1)[0]
        names.append((full, imp.line))
    used = {full for full, _ in names}
    for chain, *_ in facts.attr_refs:
        head, _, rest = chain.partition(".")
        if head in bound:
            used.add(f"{bound[head]}.{rest}" if rest else bound[head])
    found: dict[str, int] = {}
    for vocabulary in (RECOGNISED_FRAMEWORKS, UNRECOGNISED_FRAMEWORKS):
        for package, (_, _, markers) in vocabulary.items():
            lines = [line for full, line in names if full == package or full.startswith(package + ".")]
            if lines and (not markers or any(under(name, markers) for name in used)):
                found[package] = min(lines)
    return found
