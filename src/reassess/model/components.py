"""The component graph: clients, middleware, route groups, websocket endpoints, workers,
services, the data layer, queues, stores and external services, with the arrows the
call graph proves.

Every project function belongs to at most one component (an entry point's group, a
service or data-layer class or module, a worker); functions that belong to none are
transparent helpers, so an arrow A -> B exists when some function of A reaches a function
of B (or a resource of B) through helpers only. Nothing is drawn from names alone.
"""
from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .app import AppModel, EntryPoint, Resource
    from .project import ProjectModel

KIND_ORDER = ("client", "middleware", "lifespan", "route-group", "websocket", "worker", "service", "data-layer",
              "queue", "database", "cache", "broker", "search", "storage", "external-service")
STORE_KINDS = ("database", "cache", "broker", "search", "storage")
_DATA_BASES = frozenset({"BaseModel", "BaseSettings", "Enum", "IntEnum", "StrEnum", "Exception", "BaseException",
                         "TypedDict", "NamedTuple", "SQLModel", "DeclarativeBase", "Base", "RootModel"})


@dataclass
class Component:
    id: str
    name: str
    kind: str
    paths: list[str] = field(default_factory=list)
    functions: list[str] = field(default_factory=list)
    uses: list[str] = field(default_factory=list)  # ids of components this one calls (proved)
    details: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "kind": self.kind, "paths": sorted(set(self.paths)),
                "uses": sorted(set(self.uses), key=_order_key), "details": self.details}


def _order_key(component_id: str) -> tuple[int, str]:
    kind = component_id.split(":", 1)[0]
    prefix = {"client": 0, "middleware": 1, "lifespan": 2, "routes": 3, "ws": 4, "worker": 5, "service": 6,
              "data": 7, "queue": 8, "store": 9, "external": 10}
    return prefix.get(kind, 99), component_id


class ComponentGraph:
    """Builds the components and arrows from `model.app`."""

    def __init__(self, model: "ProjectModel") -> None:
        self.model = model
        self.app: "AppModel" = model.app
        self.components: dict[str, Component] = {}
        self.owner: dict[str, str] = {}  # function fq -> component id
        self.resource_component: dict[str, str] = {}  # resource key -> component id
        self.uses_by_function: dict[str, list[tuple["Resource", dict]]] = {}
        self._reach: set[str] = set()
        self._apps: set[str] | None = None
        self._reached: dict[tuple[str, str], list[str]] = {}  # filled once ownership is final (arrows)
        self._entry_paths: set[str] | None = None

    # ----- build --------------------------------------------------------------------------------
    def build(self) -> "ComponentGraph":
        self._index_uses()
        self._stores()
        self._entries()
        self._layers()
        self._queues()
        self._arrows()
        return self

    def _add(self, cid: str, name: str, kind: str, paths: list[str] | None = None,
             **details: Any) -> Component:
        if cid not in self.components:
            self.components[cid] = Component(cid, name, kind, list(paths or []), details=dict(details))
        return self.components[cid]

    def _claim(self, fq: str, cid: str) -> None:
        if fq and fq not in self.owner:
            self.owner[fq] = cid
            self.components[cid].functions.append(fq)

    def _index_uses(self) -> None:
        for resource in self.app.resources:  # operations only: close()/aclose() is not a use
            for op in resource.details.get("operations", ()):
                self.uses_by_function.setdefault(op["function"], []).append((resource, op))

    def _stores(self) -> None:
        for resource in self.app.resources:
            if resource.kind in STORE_KINDS:
                name = resource.details.get("store") or resource.library
                cid = f"store:{name}"
                comp = self._add(cid, name, resource.kind)
            else:
                name = resource.details.get("service") or "external service"
                if name.endswith("(address not known)"):  # one box for every client whose address is not known
                    name = "HTTP endpoints (addresses not known statically)"
                cid = f"external:{name}"
                comp = self._add(cid, name, "external-service", url=resource.details.get("url", ""))
            comp.paths.append(resource.path)
            comp.details.setdefault("resources", []).append(f"{resource.factory} at {resource.path}:{resource.line}")
            self.resource_component[resource.details["key"]] = cid

    def _entries(self) -> None:
        http = self.app.of_kind("http")
        sockets = self.app.of_kind("websocket")
        if http:
            self._add("client:http", "HTTP clients", "client", routes=len(http))
        if sockets:
            self._add("client:websocket", "WebSocket clients", "client", endpoints=len(sockets))
        for entry in self.app.of_kind("middleware"):
            name = entry.name.split(" ", 1)[-1].split(" (")[0]
            where = entry.details.get("registered_at", "")
            cid = f"middleware:{name}@{where}"
            self._add(cid, name, "middleware", [entry.path], order=entry.details.get("order", 0),
                      registered_at=where, app=entry.details.get("app", ""))
            self._claim(entry.function, cid)
        for entry in self.app.of_kind("lifespan", "startup", "shutdown"):
            comp = self._add("lifespan:app", "Lifespan / startup", "lifespan", [entry.path])
            comp.details.setdefault("handlers", []).append(entry.function)
            self._claim(entry.function, "lifespan:app")
        for entry in http:
            self._route_group(entry)
        for entry in sockets:
            cid = f"ws:{entry.route}"
            self._add(cid, f"websocket {entry.route}", "websocket", [entry.path], handler=entry.function)
            self._claim(entry.function, cid)
        for entry in self.app.of_kind("worker", "job"):
            self._worker(entry)

    def _route_group(self, entry: "EntryPoint") -> None:
        apps = [k for k in entry.details.get("include_chain", []) if k in self._app_keys()]
        prefix = entry.details.get("group_prefix", "") or "/"
        router = entry.details.get("router", "") or "unresolved router"
        cid = f"routes:{prefix}|{router}"
        short = router.rsplit(".", 2)
        label = ".".join(short[-2:]) if len(short) > 1 else router
        comp = self._add(cid, f"{prefix} ({label})", "route-group", [entry.path], prefix=prefix, router=router,
                         routes=0, threadpool=0, mounted=entry.details.get("mounted", False), apps=apps)
        comp.details["routes"] += 1
        comp.details["threadpool"] += entry.runs_in == "threadpool"
        comp.details.setdefault("entries", []).append(entry.name)
        self._claim(entry.function, cid)

    def _worker(self, entry: "EntryPoint") -> None:
        facts, func = self.model.functions[entry.function]
        group = f"{facts.module}.{func.class_name}" if func.class_name else entry.function
        label = (func.class_name or func.qualname).replace(".<locals>.", ".")
        cid = f"worker:{label}"
        comp = self._add(cid, label, "worker", [entry.path], entries=[])
        comp.details["entries"].append(entry.name)
        self._claim(entry.function, cid)
        if func.class_name:
            self._claim_private(group, cid)

    def _claim_private(self, class_fq: str, cid: str) -> None:
        """A worker class's other methods, when only the class itself calls them (a cache
        whose one method runs as a loop stays a service for its other callers)."""
        if class_fq not in self.model.classes:
            return
        _, cls = self.model.classes[class_fq]
        for method in cls.methods:
            fq = f"{class_fq}.{method}"
            callers = self.model.callers.get(fq, ())
            if all(edge.caller.startswith(class_fq + ".") for edge in callers):
                self._claim(fq, cid)

    def _claim_class(self, class_fq: str, cid: str) -> None:
        if class_fq not in self.model.classes:
            return
        _, cls = self.model.classes[class_fq]
        for method in cls.methods:
            self._claim(f"{class_fq}.{method}", cid)

    # ----- services and data layer ------------------------------------------------------------
    def _layers(self) -> None:
        # scripts and tests are not components; startup-only helpers belong to the lifespan box
        entry_fns = {e.function for e in self.app.of_kind("http", "websocket", "worker", "job", "task")}
        reach = self._reach = self._entry_reach(entry_fns)
        database_users = {op["function"] for r in self.app.resources if r.kind == "database"
                          for op in r.details.get("operations", ())}
        for fq in sorted(database_users):
            if fq in self.owner or fq not in reach:
                continue
            self._claim_unit(fq, "data-layer")
        resource_users = set(self.uses_by_function)
        reaching = self._reaching(resource_users)
        long_lived = self._long_lived_classes()
        for fq in sorted(reach):
            if fq in self.owner or fq not in self.model.functions:
                continue
            facts, func = self.model.functions[fq]
            if func.name.startswith("__") and func.name.endswith("__"):
                continue
            if func.class_name:
                class_fq = f"{facts.module}.{func.class_name}"
                if (fq in reaching or class_fq in long_lived) and not self._is_data_class(class_fq):
                    self._claim_unit(fq, "service")
            elif fq in reaching and self._is_provider_or_helper(fq):
                self._claim_unit(fq, "service")

    def _is_data_class(self, class_fq: str) -> bool:
        """Models, settings, enums, exceptions and dataclasses hold data; they are not services."""
        for cls_fq in self.model.mro(class_fq):
            facts, cls = self.model.classes[cls_fq]
            if any(d.func.rsplit(".", 1)[-1] in ("dataclass", "define", "attrs") for d in cls.decorators):
                return True
            for base in cls.bases:
                found = self.model.resolver.type_of_chain(facts, None, tuple(base.split("."))) if base else None
                name = found[1] if found and found[0] in ("ext", "ext_instance") else base
                if name.rsplit(".", 1)[-1] in _DATA_BASES or name.startswith(("pydantic.", "enum.", "sqlmodel.")):
                    return True
        return False

    def _claim_unit(self, fq: str, kind: str) -> None:
        """Claim a function's class (all its methods) or, for module functions, the module."""
        facts, func = self.model.functions[fq]
        if func.class_name:
            class_fq = f"{facts.module}.{func.class_name}"
            prefix = "data" if kind == "data-layer" else "service"
            cid = f"{prefix}:{func.class_name}"
            if cid in self.components and self.components[cid].details.get("class") != class_fq:
                cid = f"{prefix}:{class_fq}"
            self._add(cid, func.class_name, kind, [facts.path], **{"class": class_fq})
            self._claim_class(class_fq, cid)
        else:  # a module of functions is one component: all its functions join it
            prefix = "data" if kind == "data-layer" else "service"
            cid = f"{prefix}:{facts.module}"
            self._add(cid, facts.module, kind, [facts.path], module=facts.module)
            for qualname, func_facts in facts.functions.items():
                if not func_facts.class_name and "<locals>" not in qualname:
                    candidate = f"{facts.module}.{qualname}"
                    if candidate in self._reach and candidate not in self.owner:
                        self._claim(candidate, cid)

    def _is_provider_or_helper(self, fq: str) -> bool:
        """Module-level functions outside entry modules (e.g. a notifier, the dependencies)."""
        facts, _ = self.model.functions[fq]
        if self._entry_paths is None:  # asked per function: the entry files are collected once
            self._entry_paths = {e.path for e in self.app.of_kind("http", "websocket")}
        return facts.path not in self._entry_paths

    def _entry_reach(self, entry_fns: set[str]) -> set[str]:
        roots = set(entry_fns)
        for entry in self.app.of_kind("http", "websocket"):
            roots.update(d for d in entry.dependencies if d in self.model.functions)
        seen = set(r for r in roots if r in self.model.functions)
        queue = deque(sorted(seen))
        while queue:
            for edge in self.model.edges.get(queue.popleft(), ()):
                callee = self.model.callee_function(edge.target)
                if callee and callee not in seen:
                    seen.add(callee)
                    queue.append(callee)
        return seen

    def _reaching(self, users: set[str]) -> set[str]:
        """Functions from which a resource use is reachable."""
        return set(self.model.reach({u: None for u in users if u in self.model.functions}, lambda e: True))

    def _long_lived_classes(self) -> set[str]:
        """Classes with an instance kept at module level, on app.state or created at startup."""
        out: set[str] = set()
        startup = {e.function for e in self.app.of_kind("lifespan", "startup")}
        for module, edges in self.model.module_edges.items():
            out.update(e.target.name for e in edges if e.target.kind == "class")
        for fq in startup:
            out.update(e.target.name for e in self.model.edges.get(fq, ()) if e.target.kind == "class")
        return out

    def _queues(self) -> None:
        for channel in self.app.channels:
            if not channel["producers"] or not channel["consumers"]:
                continue
            name = f"{channel['type'].rsplit('.', 1)[-1]} {channel['binding'] or channel['key']}"
            comp = self._add(f"queue:{channel['key']}", name, "queue", [channel["path"]],
                             bounded=channel["bounded"], maxsize=channel["maxsize"])
            comp.details["producers"] = sorted({p["function"] for p in channel["producers"]})
            comp.details["consumers"] = sorted({c["function"] for c in channel["consumers"]})

    # ----- arrows -------------------------------------------------------------------------------
    def _app_keys(self) -> set[str]:
        """Keys of the application objects (asked per route: collected once)."""
        if self._apps is None:
            self._apps = {r["key"] for r in self.app.routers if r["kind"] == "app"}
        return self._apps

    def _middleware_chains(self) -> dict[str, list[str]]:
        """Per app: its middleware ids, outermost (registered last) first."""
        apps = sorted(self._app_keys())
        chains: dict[str, list[Component]] = {}
        for comp in self.components.values():
            if comp.kind == "middleware":
                app = comp.details.get("app") or (apps[0] if apps else "")
                chains.setdefault(app, []).append(comp)
        return {app: [c.id for c in sorted(items, key=lambda c: -c.details.get("order", 0))]
                for app, items in chains.items()}

    def _http_arrows(self) -> None:
        """client -> each app's middleware, outermost first -> (mounted app's middleware) -> route group."""
        chains = self._middleware_chains()
        for chain in chains.values():
            for first, second in zip(chain, chain[1:]):
                self.components[first].uses.append(second)
        for group in (c for c in self.components.values() if c.kind == "route-group"):
            source = "client:http"
            apps = group.details.get("apps") or sorted(set(chains) - self._app_keys())[:1]
            for app in apps:
                if chains.get(app):
                    self.components[source].uses.append(chains[app][0])
                    source = chains[app][-1]
            self.components[source].uses.append(group.id)

    def _arrows(self) -> None:
        if "client:http" in self.components:
            self._http_arrows()
        if "client:websocket" in self.components:
            self.components["client:websocket"].uses.extend(
                c.id for c in self.components.values() if c.kind == "websocket")
        for comp in list(self.components.values()):
            for fq in comp.functions:
                comp.uses.extend(self._reached_from(fq, comp.id))
        for entry in self.app.of_kind("http", "websocket"):
            source = self.owner.get(entry.function)
            for dep in entry.dependencies:
                target = self.owner.get(dep) or self.owner.get(f"{dep}.__init__", "")
                if source and target and target != source:
                    self.components[source].uses.append(target)
                if source and dep in self.model.functions:
                    self.components[source].uses.extend(self._reached_from(dep, source))
        self._worker_starts()
        self._queue_arrows()
        for comp in self.components.values():
            comp.uses = sorted(set(u for u in comp.uses if u != comp.id and u in self.components), key=_order_key)
        self._drop_unreached_stores()

    def _drop_unreached_stores(self) -> None:
        """Stores and services only scripts or startup code touch are not part of the served
        system's graph (they stay in the resource inventory)."""
        used = {u for comp in self.components.values() for u in comp.uses}
        if not used:
            return
        for cid in [c.id for c in self.components.values()
                    if c.kind in STORE_KINDS + ("external-service",) and c.id not in used]:
            del self.components[cid]

    def _reached_from(self, fq: str, own: str) -> list[str]:
        """Components reached from one function through helpers that belong to no component.
        Kept per (function, component): every route of a group asks again for its dependencies."""
        key = (fq, own)
        if key not in self._reached:
            self._reached[key] = self._walk_from(fq, own)
        return self._reached[key]

    def _walk_from(self, fq: str, own: str) -> list[str]:
        found: list[str] = []
        seen = {fq}
        queue = deque([fq])
        while queue:
            current = queue.popleft()
            for resource, _op in self.uses_by_function.get(current, ()):
                found.append(self.resource_component[resource.details["key"]])
            for edge in self.model.edges.get(current, ()):
                callee = self.model.callee_function(edge.target)
                if not callee or callee in seen or edge.target.kind == "class":
                    continue  # constructing an object is not using it
                seen.add(callee)
                owner = self.owner.get(callee)
                if owner and owner != own:
                    found.append(owner)
                elif not owner or owner == own:
                    queue.append(callee)
        return found

    def _worker_starts(self) -> None:
        for entry in self.app.of_kind("worker", "job", "task"):
            started_in = entry.details.get("started_in", "")
            source = self.owner.get(started_in) or (
                "lifespan:app" if entry.details.get("at_startup") and "lifespan:app" in self.components else "")
            target = self.owner.get(entry.function)
            if source and target and source != target:
                self.components[source].uses.append(target)

    def _queue_arrows(self) -> None:
        for comp in self.components.values():
            if comp.kind != "queue":
                continue
            for producer in comp.details["producers"]:
                if producer in self.owner:
                    self.components[self.owner[producer]].uses.append(comp.id)
            for consumer in comp.details["consumers"]:
                if consumer in self.owner:
                    comp.uses.append(self.owner[consumer])

    # ----- output -------------------------------------------------------------------------------
    def ordered(self) -> list[Component]:
        return sorted(self.components.values(), key=lambda c: (KIND_ORDER.index(c.kind), c.name))
