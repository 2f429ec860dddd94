"""Long-lived service objects (one instance per process) and the instance state that
requests change: which attributes are written after construction, by which methods, and
which other methods read them."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ...facts.types import FunctionFacts
from .runtime import entries_reaching, startup_functions
from .state import MUTATORS, handle_typed

if TYPE_CHECKING:
    from ..project import ProjectModel

_ADD_MIDDLEWARE = ("fastapi.FastAPI.add_middleware", "fastapi.applications.FastAPI.add_middleware",
                   "starlette.applications.Starlette.add_middleware", "starlette.middleware.Middleware")
_CONSTRUCTORS = frozenset({"__init__", "__post_init__", "__new__", "__aenter__", "setup", "start", "connect"})
# lifecycle names that are constructors only when startup code calls them: a `start(tenant, plan)`
# that a request handler calls writes request state like any other method
_LIFECYCLE = frozenset({"setup", "start", "connect"})


@dataclass
class InstanceState:
    class_fq: str
    attr: str
    init_path: str = ""
    init_line: int = 0  # where __init__ creates it (0 when it does not)
    writes: list[tuple[str, int]] = field(default_factory=list)  # (method fq, line)
    readers: set[str] = field(default_factory=set)  # method fqs that read it without writing it
    container: bool = False

    @property
    def writers(self) -> set[str]:
        return {fq for fq, _line in self.writes}


def singletons(model: "ProjectModel") -> dict[str, str]:
    """Project classes instantiated once per process: class fq -> where ("lifespan", "module")."""
    return model.memo("resilience.singletons", lambda: _singletons(model))


def _singletons(model: "ProjectModel") -> dict[str, str]:
    found: dict[str, str] = {}
    for fq in _startup_builders(model):
        for edge in model.edges.get(fq, ()):
            if edge.target.kind == "class":
                found.setdefault(edge.target.name, f"created in `{fq.rsplit('.', 1)[-1]}`")
    for module, edges in model.module_edges.items():
        assigned = {str(a.value.get("call")) for a in model.modules[module].assigns.values()
                    if isinstance(a.value, dict)}
        assigned.update(str(value.get("call")) for _target, value, _line in  # `app.state.limiter = Limiter(...)`
                        model.modules[module].extra.get("state_assigns", ()) if isinstance(value, dict))
        for edge in edges:
            if edge.target.kind == "class" and edge.site.name in assigned:
                found.setdefault(edge.target.name, f"a module-level instance in {model.modules[module].path}")
            elif edge.target.kind == "function" and edge.site.name in assigned and edge.target.name in model.functions:
                # `app = create_app()`: the factory runs once at import, and what it builds serves every request
                for built in model.edges.get(edge.target.name, ()):
                    if built.target.kind == "class":
                        found.setdefault(built.target.name, f"created in `{edge.site.name}()` at import")
    for cls, where in _middleware(model):
        found.setdefault(cls, where)
    for cls, where in _lazy_globals(model):
        found.setdefault(cls, where)
    for cls in list(found):
        for built in _built_by(model, cls):
            found.setdefault(built, f"created by `{cls.rsplit('.', 1)[-1]}`")
    return found


def _built_by(model: "ProjectModel", cls: str) -> list[str]:
    """The project classes an instance of `cls` builds for itself: in `__init__`, or as a
    dataclass field's default factory."""
    made = [e.target.name for e in model.edges.get(f"{cls}.__init__", ()) if e.target.kind == "class"]
    return made + _factory_fields(model, cls)


def _factory_fields(model: "ProjectModel", cls_fq: str) -> list[str]:
    """Project classes a dataclass builds for its fields (`hub: TrackingHub =
    field(default_factory=TrackingHub)`): one instance per instance of the container."""
    facts, cls = model.classes[cls_fq]
    out = []
    for attr, value in cls.class_attrs.items():
        name = cls.annotations.get(attr, "") if isinstance(value, dict) and \
            str(value.get("call", "")).rsplit(".", 1)[-1] == "field" else ""
        binding = model.bindings.get(facts.module, {}).get(name) if name.isidentifier() else None
        target = binding.target if binding is not None else f"{facts.module}.{name}"
        if target in model.classes and f"default_factory={name}" in model.line_text(facts.path, value.get("line", 0)):
            out.append(target)
    return out


def _lazy_globals(model: "ProjectModel") -> list[tuple[str, str]]:
    """Project classes a getter builds on first use and keeps in a module global (`global
    _limiter; if _limiter is None: _limiter = RateLimiter(...)`; `return _limiter`): one
    instance per process, serving every caller, like a module-level instance."""
    out = []
    for fq, facts, func in model.iter_functions():
        for name in func.extra.get("globals", ()):
            value = func.local_types.get(name)
            if not isinstance(value, dict) or not isinstance(value.get("call"), str):
                continue
            # a getter returning the global it binds again keeps whichever it built (the real
            # client, or a no-op stand-in when the first is not configured)
            every = name in func.extra.get("rebound", ()) and {"ref": name} in func.returns_values
            for edge in model.edges.get(fq, ()):
                if edge.target.kind == "class" and (edge.site.name == value["call"]
                                                    or every and not edge.site.discarded):
                    out.append((edge.target.name, f"kept in the module global `{name}` by `{func.name}()` "
                                                  f"in {facts.path}"))
    return out


def _startup_builders(model: "ProjectModel", depth: int = 3) -> list[str]:
    """The startup functions and the functions only they call (`container = await
    build_container(settings)` in the lifespan, and the factories it calls in turn): what
    these construct is built once per process, like what the lifespan constructs itself."""
    found = set(startup_functions(model))
    mains = _process_programs(model, _module_level_calls(model))
    frontier = sorted(found)
    for _ in range(depth):
        nxt = []
        for fq in frontier:
            for edge in model.edges.get(fq, ()):
                target = edge.target.name
                if edge.target.kind != "function" or target in found or target not in model.functions:
                    continue
                callers = model.callers.get(target, ())
                if callers and all(e.caller in found or e.caller in mains for e in callers):
                    found.add(target)
                    nxt.append(target)
        frontier = sorted(set(nxt))
    return sorted(found)


def _process_programs(model: "ProjectModel", mains: set[str], depth: int = 2) -> set[str]:
    """`mains` and the functions only they run (`def main(): asyncio.run(_run(args.worker))`): a
    worker program's body, which runs once per process like the main that starts it."""
    found = set(mains)
    for _ in range(depth):
        more = {e.target.name for fq in sorted(found) for e in model.edges.get(fq, ())
                if e.target.kind == "function" and e.target.name in model.functions and e.target.name not in found
                and all(c.caller in found for c in model.callers.get(e.target.name, ()))}
        if not more:
            break
        found |= more
    return found


def _module_level_calls(model: "ProjectModel") -> set[str]:
    """Project functions a module's top-level code calls (`asyncio.run(main())` of a worker
    process): they run once per process. A builder the lifespan shares with such a main
    (`build_services()` called by both) still builds once per process; a function only a
    script's main calls is left alone (a one-shot CLI is no long-lived server)."""
    from ..app import is_test_path
    return {edge.target.name for module, edges in model.module_edges.items()
            if not is_test_path(model.modules[module].path)
            for edge in edges if edge.target.kind == "function" and edge.target.name in model.functions}


def _middleware(model: "ProjectModel") -> list[tuple[str, str]]:
    """Project classes registered as ASGI middleware (`app.add_middleware(Cls, ...)`,
    `Middleware(Cls, ...)`): the application builds one instance per process that serves
    every request."""
    from .guards import resolved_name
    out = []
    edges = [(model.functions[e.caller][0], model.functions[e.caller][1], e) for e in model.calls_to(*_ADD_MIDDLEWARE)]
    for module, module_edges in model.module_edges.items():
        edges += [(model.modules[module], None, e) for e in module_edges if e.target.name in _ADD_MIDDLEWARE]
    for facts, func, edge in edges:
        first = edge.site.args[0] if edge.site.args else None
        ref = first.get("ref", "") if isinstance(first, dict) else ""
        cls = resolved_name(model, facts, func, ref) if ref else ""
        if cls in model.classes:
            out.append((cls, f"ASGI middleware registered at {facts.path}:{edge.site.line}"))
    return out


def instance_state(model: "ProjectModel", class_fq: str) -> list[InstanceState]:
    """Attributes of `class_fq` written by methods other than constructors. Kept per class for
    the run (several rules ask about every singleton); callers only read the result."""
    known = model.memo("resilience.instance_state", dict)
    if class_fq not in known:
        known[class_fq] = _instance_state(model, class_fq)
    return known[class_fq]


def _instance_state(model: "ProjectModel", class_fq: str) -> list[InstanceState]:
    states: dict[str, InstanceState] = {}
    methods = class_methods(model, class_fq)
    for fq in methods:
        facts, func = model.functions[fq]
        constructor = _constructor(model, fq, func.name)
        _stored(states, class_fq, fq, facts.path, func, constructor)
        if not constructor:
            _mutated(model, states, class_fq, fq)
    _class_level(model, class_fq, states)
    for fq in methods:
        func = model.functions[fq][1]
        for attr in func.extra.get("self_reads", {}):
            if attr in states and fq not in states[attr].writers and not _constructor(model, fq, func.name):
                states[attr].readers.add(fq)
    return [s for s in sorted(states.values(), key=lambda s: s.attr) if s.writes]


def _stored(states: dict[str, InstanceState], class_fq: str, fq: str, path: str, func: FunctionFacts,
            constructor: bool) -> None:
    """The method's assignments to `self.<attr>` (or through a local alias of it): where a
    constructor creates the state, or a write of it at run time."""
    for store in func.extra.get("stores", ()):
        parts = store["target"].split(".")
        if parts[0] != "self" and store["item"] and len(parts) == 1 and _aliased(func, (parts[0], "")):
            parts = ["self", _aliased(func, (parts[0], "")), "[]"]  # `users = self._online[ws]; users[uid] = n`
        if parts[0] != "self" or len(parts) < 2:
            continue
        state = states.setdefault(parts[1], InstanceState(class_fq, parts[1]))
        if constructor:
            if not state.init_line:
                state.init_path, state.init_line = path, store["line"]
            continue
        state.container = state.container or store["item"] or len(parts) > 2
        state.writes.append((fq, store["line"]))


def _mutated(model: "ProjectModel", states: dict[str, InstanceState], class_fq: str, fq: str) -> None:
    """The method's mutating calls on a container attribute (`self._seen.add(k)`): not calls into
    project code (`self._repo.append()`) or on a handle (`self.session.add()`)."""
    facts, func = model.functions[fq]
    project_calls = {id(e.site) for e in model.edges.get(fq, ()) if e.target.is_project}
    for site in func.calls:
        chain = site.func or ()
        attr = chain[1] if len(chain) >= 3 and chain[0] == "self" else _aliased(func, chain)
        if attr and chain[-1] in MUTATORS and id(site) not in project_calls \
                and not handle_typed(model, facts, func, attr):
            state = states.setdefault(attr, InstanceState(class_fq, attr))
            state.container = True
            state.writes.append((fq, site.line))


def _constructor(model: "ProjectModel", fq: str, name: str) -> bool:
    if name not in _CONSTRUCTORS:
        return False
    if name not in _LIFECYCLE or not model.callers.get(fq):
        return True
    known = model.memo("resilience.lifecycle_constructors", dict)
    if fq not in known:
        known[fq] = not any(e.kind in ("http", "websocket") for e, _c in entries_reaching(model, {fq}, limit=50))
    return known[fq]


def _class_level(model: "ProjectModel", class_fq: str, states: dict[str, InstanceState]) -> None:
    """State no constructor creates but the class body does (`hits: dict[...] = defaultdict(deque)`):
    its declaration is where it is created, shared by every instance."""
    for state in states.values():
        if state.init_line:
            continue
        for cls in model.mro(class_fq):
            facts, body = model.classes[cls]
            line = body.attr_lines.get(state.attr)
            if line:
                state.init_path, state.init_line = facts.path, line
                break


def _aliased(func: FunctionFacts, chain: tuple[str, ...]) -> str:
    """`hits = self._hits[key]` (or `self._hits.get(key)`) then `hits.append(now)` or
    `hits[k] = v`: the attribute a local name is (or holds an item of), when that name is changed."""
    if len(chain) != 2:
        return ""
    value = func.local_types.get(chain[0])
    ref = value.get("ref", "") if isinstance(value, dict) else ""
    call = value.get("call", "") if isinstance(value, dict) else ""
    if not ref and call.count(".") == 2 and call.endswith((".get", ".setdefault")):
        ref = call.rsplit(".", 1)[0] + ".[]"  # `users = self._online.get(ws)`: an item of the attribute
    parts = ref.split(".")
    if parts[0] != "self" or len(parts) not in (2, 3) or len(parts) == 3 and parts[2] != "[]":
        return ""
    return parts[1]


def class_methods(model: "ProjectModel", class_fq: str) -> list[str]:
    """The fqs of the methods the class defines or inherits from a project class, along its MRO."""
    out = []
    for cls in model.mro(class_fq):
        for method in model.classes[cls][1].methods:
            fq = f"{cls}.{method}"
            if fq in model.functions:
                out.append(fq)
    return out


def uncalled_methods(model: "ProjectModel") -> dict[str, str]:
    """Public methods of the classes the app keeps one instance of (`singletons`) that nothing
    in the project calls: method fq -> where the instance is made. Their callers lie outside the
    call graph (a route not wired yet, a task queue that registers them by name, an admin
    script), and they serve repeated calls like any method of a long-lived service."""
    return model.memo("resilience.uncalled_methods", lambda: _uncalled_methods(model))


def _uncalled_methods(model: "ProjectModel") -> dict[str, str]:
    from ..app import is_test_path
    found: dict[str, str] = {}
    for cls, where in singletons(model).items():
        entry = model.classes.get(cls)
        if entry is None or is_test_path(entry[0].path):
            continue
        for name in entry[1].methods:
            fq = f"{cls}.{name}"
            if not name.startswith("_") and fq in model.functions and not model.callers.get(fq):
                found[fq] = where
    return found


def uncalled_roots(model: "ProjectModel", fqs: set[str]) -> dict[str, list]:
    """The `uncalled_methods` that reach one of `fqs` (themselves included): root fq -> chain."""
    uncalled = uncalled_methods(model)
    if not uncalled:
        return {}
    chains = model.reach({fq: None for fq in fqs}, lambda edge: True)
    return {fq: chain for fq, chain in chains.items() if fq in uncalled}
