"""RA870 tight-coupling: a lower layer importing a higher one (services or data importing routes)."""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from ...findings import Finding, Location
from ...metrics.layers import Layers, layers_of
from ...model.symbols import imported_module
from ..api import ProjectContext, Rule, register
from ..quality.sizing import plural

if TYPE_CHECKING:
    from ...facts.types import ImportFact, ModuleFacts
    from ...model.project import ProjectModel

# (importing layer, imported layer) pairs that point upwards. Services and the data layer are
# not ordered here: where both are modules of functions their split is too fuzzy to judge.
UPWARD = {("service", "http"), ("data", "http"), ("worker", "http")}
LAYER_NAMES = {"http": "HTTP layer", "worker": "worker layer", "service": "service layer", "data": "data layer"}


@register
class UpwardLayerImport(Rule):
    """A service, data-layer or worker module that imports a module of a higher layer.

    What it finds:
        Layers are proved from the code, never guessed from names: route and websocket
        modules (they define handlers), worker modules (they define background loops or
        jobs), the data layer (its code runs database operations) and services (classes
        and modules between the two, see the architecture report's components). It reports
        imports that point the wrong way: a service, data-layer or worker module importing
        a route or websocket module (the app module included). `if TYPE_CHECKING:` imports
        do not count. Services importing each other, or the data layer importing a service
        module, are not judged: where both are plain modules of functions the line between
        them is not sharp enough. One finding per importing module, naming what it takes
        from above.

    Why it matters:
        The lower layer can no longer be used or tested without the web layer (importing a
        route module builds its router and pulls in FastAPI and every dependency of the
        routes), import cycles appear as soon as the higher layer imports it back, and a
        change to an endpoint can break a worker.

    Example:
        # app/services/order_service.py
        from app.routes.orders import OrderOut  # a response schema defined in the route module
        from app.main import app  # to reach app.state

    Instead:
        Move what both need into a module below both (schemas into `app/models.py`,
        shared helpers into a service) and import it from there in both places.
    """

    id = "RA870"
    name = "upward-layer-import"
    category = "tight-coupling"
    severity = "MEDIUM"
    scope = "project"
    base_effort = 1.0
    effort_per_location = 0.5

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        model = ctx.model
        layers = layers_of(model)
        names = set(model.modules)
        checked = 0
        for module in layers.served:
            source = layers.layer(module)
            if source not in ("service", "data", "worker"):
                continue
            facts = model.modules[module]
            upward = []
            for imp in sorted(facts.imports, key=lambda i: i.line):
                target = imported_module(facts, imp, names)
                checked += target is not None
                if target and not imp.type_checking and (source, layers.layer(target)) in UPWARD:
                    upward.append((imp, target))
            if upward:
                yield self._finding(model, layers, facts, source, upward)
        ctx.examine("imports between layers", checked)

    def _finding(self, model: "ProjectModel", layers: Layers, facts: "ModuleFacts", source: str,
                 upward: list[tuple["ImportFact", str]]) -> Finding:
        imp, target = upward[0]
        targets = sorted({t for _, t in upward})
        listed = "; ".join(f"line {i.line}: {_taken(i, t)} from `{model.modules[t].path}` "
                           f"({LAYER_NAMES[layers.layer(t)]})" for i, t in upward[:8])
        return self.finding(
            Location(facts.path, imp.line, imp.line),
            f"`{facts.path}` ({LAYER_NAMES[source]}) imports {plural(len(targets), 'module')} of a higher layer",
            f"`{facts.path}` belongs to the {LAYER_NAMES[source]} but imports upwards: {listed}. Importing it now "
            f"loads {', '.join(f'`{model.modules[t].path}`' for t in targets[:4])} and everything "
            f"{'that module imports' if len(targets) == 1 else 'those modules import'}.",
            recommendation=_recommendation(model, facts, upward),
            related=[Location(facts.path, i.line, i.line, f"imports {_taken(i, t)} from {model.modules[t].path}")
                     for i, t in upward[1:]],
            extra={"layer": source, "targets": targets},
        )


def _taken(imp: "ImportFact", target: str) -> str:
    if imp.name and not target.endswith("." + imp.name):
        return f"`{imp.name}`"
    return f"module `{target}`"


def _recommendation(model: "ProjectModel", facts: "ModuleFacts", upward: list) -> str:
    imp, target = upward[0]
    name = imp.name if imp.name and not target.endswith("." + imp.name) else ""
    home = facts.module.rsplit(".", 1)[0] + ".shared" if "." in facts.module else "shared"
    if name:
        code = (f"# {home.replace('.', '/')}.py (or an existing module both layers may import)\n"
                f"{name} = ...  # moved here from {target}\n\n# {model.modules[target].path}\n"
                f"from {home} import {name}  # the route module keeps the name for its callers\n\n"
                f"# {facts.path}\nfrom {home} import {name}")
        return ("Move what the lower layer needs out of the higher one into a module both may import, and "
                f"re-import it where it was so nothing breaks:\n\n```python\n{code}\n```")
    return (f"Take out the dependency on `{target}`: move the functions or types `{facts.path}` uses from it into "
            "a module below both layers, or pass them in (a callback or an interface) from the higher layer.")
