"""Commands a websocket or HTTP endpoint runs out of a project registry.

An API of named commands keeps its handlers in a dict (`self.handlers[name] = handler`, or a module
global) and one endpoint looks the name a client sent up in it and calls what it finds. The
handlers are then entry points reached from that endpoint, though no call in the code names them.
Three things are read from the facts:

- a registrar: a function that stores a parameter (or a call wrapping it, `Command(self, path,
  func)`) into a dict attribute or module global under a key that is another parameter (or, in a
  decorator, an argument of its factory, or the function's `__name__`);
- what is registered: each call of the registrar (the handler resolved, the key a literal or
  f-string), each function decorated with a decorator that is itself a registrar, and - where a
  registrar call's key is an attribute read (`self.add(obj.api_cmd, obj)` over `dir(...)`) - each
  function decorated with a decorator that marks functions with that attribute (`func.api_cmd =
  name`, `wrapper.__dict__["api_cmd"] = name`);
- the dispatch: a function reading the same dict with a lookup (`registry.get(name)`,
  `registry[name]`), reached from a websocket or HTTP entry point.

Each registered function becomes an entry of that endpoint's kind and route, `details["command"]`
its name ("?" when not written as text).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterator

from .app import is_offline_module
from .import_graph import runtime_import_graph
from .overrides import callers_of
from .passed import call_arguments

if TYPE_CHECKING:
    from ..facts.types import FunctionFacts, ModuleFacts
    from .app import EntryPoint
    from .project import ProjectModel

_ENDPOINT_KINDS = ("websocket", "http")
_MAX_COMMANDS = 500


@dataclass(frozen=True)
class Registrar:
    """A function storing its `handler` parameter under its `key` parameter into `registry`
    ((owner class or module, attribute or global name))."""

    fq: str
    registry: tuple[str, str]
    key: str  # the parameter (or factory parameter) naming the command; "" for the handler's __name__
    handler: str


def command_entries(model: "ProjectModel", endpoints: list["EntryPoint"]) -> list["EntryPoint"]:
    """An entry per function registered in a registry some endpoint dispatches from."""
    registrars = _registrars(model)
    if not registrars:
        return []
    registries = {r.registry for r in registrars}
    dispatched = _dispatching_endpoints(model, registries, endpoints)
    out: list["EntryPoint"] = []
    seen: set[tuple[str, str, str]] = set()
    for registry, name, fq, at in _registered(model, registrars):
        for endpoint in dispatched.get(registry, ()):
            key = (fq, name, endpoint.function)
            if key not in seen and fq in model.functions and len(out) < _MAX_COMMANDS and \
                    model.functions[fq][0].module in _loaded_with(model, endpoint.function):
                seen.add(key)
                out.append(_entry(model, fq, name, at, endpoint))
    return out


def _loaded_with(model: "ProjectModel", fq: str) -> frozenset[str]:
    """The modules a process serving the endpoint has loaded: those importing its module at import
    time (up to the program's main), and everything they import at import time. A registry filled
    by code of another program of the project (a console tool beside a web one, both registering
    into the same kind of registry) is not what this endpoint looks up."""
    import networkx as nx

    module = model.functions[fq][0].module
    known: dict[str, frozenset[str]] = model.memo("command_registry.loaded_with", dict)
    if module not in known:
        runtime = runtime_import_graph(model)
        roots = nx.ancestors(runtime, module) | {module}
        loaded = set(roots)
        for root in roots:
            loaded |= nx.descendants(runtime, root)
        known[module] = frozenset(loaded)
    return known[module]


# ----- registrars ------------------------------------------------------------------------------
def _registrars(model: "ProjectModel") -> list[Registrar]:
    out = []
    for fq, facts, func in model.iter_functions():
        for store in func.extra.get("stores", ()):
            if store.get("item") and store.get("kind") == "set":
                found = _registrar(model, fq, facts, func, store)
                if found is not None:
                    out.append(found)
    return out


def _registrar(model: "ProjectModel", fq: str, facts: "ModuleFacts", func: "FunctionFacts",
               store: dict[str, Any]) -> Registrar | None:
    """`self.X[key] = handler` (or `= Wrap(..., handler)`) with key and handler parameters."""
    registry = _registry_of(model, fq, facts, func, store["target"])
    key = store.get("key")
    ref = key.get("ref") if isinstance(key, dict) else None
    params = {p.name for p in func.params if p.kind in ("pos", "posonly", "kwonly")} - {"self", "cls", ref}
    handler = _stored_param(func, store.get("value"), params)
    if registry is None or not handler:
        return None
    if ref == f"{handler}.__name__":
        return Registrar(fq, registry, "", handler)
    if isinstance(ref, str) and (ref in {p.name for p in func.params} or ref in _factory_params(model, fq)):
        return Registrar(fq, registry, ref, handler)
    return None


def _registry_of(model: "ProjectModel", fq: str, facts: "ModuleFacts", func: "FunctionFacts",
                 target: str) -> tuple[str, str] | None:
    """(class, attribute) for `self.X`/`cls.X` in a method, (module, name) for a module global."""
    head, _, attr = target.partition(".")
    if attr and "." not in attr and head in ("self", "cls") and func.class_name:
        return f"{facts.module}.{func.class_name}", attr
    if not attr and target in facts.assigns and target not in {p.name for p in func.params}:
        return facts.module, target
    return None


def _stored_param(func: "FunctionFacts", value: Any, params: set[str]) -> str:
    """The parameter the stored value is (or the call building it is passed)."""
    if not isinstance(value, dict):
        return ""
    if value.get("ref") in params:
        return value["ref"]
    if "call" in value:
        for site in func.calls:
            if site.line == value.get("line") and site.name == value["call"]:
                return next((a["ref"] for a in site.args if isinstance(a, dict) and a.get("ref") in params), "")
    return ""


def _factory_params(model: "ProjectModel", fq: str) -> set[str]:
    """The parameters of the decorator factory a nested `deco(func)` is defined in."""
    factory = fq.rpartition(".<locals>.")[0]
    return {p.name for p in model.functions[factory][1].params} if factory in model.functions else set()


# ----- what is registered ----------------------------------------------------------------------
def _registered(model: "ProjectModel", registrars: list[Registrar]
                ) -> Iterator[tuple[tuple[str, str], str, str, str]]:
    """(registry, command name, handler fq, where registered) per registration."""
    markers = _markers(model)
    for registrar in registrars:
        if ".<locals>." in registrar.fq or _is_decorator(model, registrar):
            yield from _decorated_by(model, registrar)
        else:
            yield from _called_with(model, registrar, markers)


def _called_with(model: "ProjectModel", registrar: Registrar, markers: dict[str, set[str]]
                 ) -> Iterator[tuple[tuple[str, str], str, str, str]]:
    """The registrations made by calling a plain registrar, one call site at a time (callers
    outside the project's functions register nothing we can resolve)."""
    for edge in model.callers.get(registrar.fq, ()):
        if edge.caller in model.functions:
            yield from _registered_at(model, registrar, edge, markers)


def _registered_at(model: "ProjectModel", registrar: Registrar, edge: Any, markers: dict[str, set[str]]
                   ) -> Iterator[tuple[tuple[str, str], str, str, str]]:
    """What one call of the registrar stores: the handler it is given under the key it is given, or
    - when the key is an attribute read (`self.add(obj.api_cmd, obj)` over the marked functions) -
    every function a decorator marked with that attribute."""
    facts, func = model.functions[edge.caller]
    bound = dict(call_arguments(model.functions[registrar.fq][1], edge.site))
    at = f"{facts.path}:{edge.site.line}"
    attr = _attribute_read(bound.get(registrar.key))
    if attr in markers:
        for fq, name in _marked(model, markers[attr]):
            yield registrar.registry, name, fq, at
        return
    found = model.resolver.type_of_value(facts, func, bound.get(registrar.handler), 1)
    if found and found[0] == "function":
        yield registrar.registry, _command_text(bound.get(registrar.key)), found[1], at


def _is_decorator(model: "ProjectModel", registrar: Registrar) -> bool:
    """`def register(fn): HANDLERS[fn.__name__] = fn; return fn`."""
    func = model.functions[registrar.fq][1]
    return not registrar.key and {"ref": registrar.handler} in func.returns_values


def _decorated_by(model: "ProjectModel", registrar: Registrar) -> Iterator[tuple[tuple[str, str], str, str, str]]:
    """The functions decorated with the registrar (or with the factory it is nested in)."""
    factory = registrar.fq.rpartition(".<locals>.")[0] or registrar.fq
    for fq, facts, func, deco in _decorations(model, {factory}):
        if factory == registrar.fq:
            name = func.name
        else:
            bound = dict(call_arguments(model.functions[factory][1], deco)) if deco.is_call else {}
            name = _command_text(bound.get(registrar.key)) if registrar.key else func.name
        yield registrar.registry, name, fq, f"{facts.path}:{deco.line}"


def _decorations(model: "ProjectModel", decorators: set[str]) -> Iterator[tuple[str, Any, Any, Any]]:
    """(fq, facts, function, decorator) for each function outside tests decorated with one of
    `decorators` (project functions, by fq), in function order then decorator order."""
    index = _decoration_index(model)
    found = sorted((row for decorator in decorators for row in index.get(decorator, ())), key=lambda row: row[0])
    for _position, fq, facts, func, deco in found:
        yield fq, facts, func, deco


def _decoration_index(model: "ProjectModel") -> dict[str, list[tuple[int, str, Any, Any, Any]]]:
    """Decorator fq -> (position, fq, facts, function, decorator) of each function outside tests
    it decorates, the position counting (function, decorator) pairs in function order."""
    def build() -> dict[str, list[tuple[int, str, Any, Any, Any]]]:
        out: dict[str, list[tuple[int, str, Any, Any, Any]]] = {}
        position = 0
        for fq, facts, func in model.iter_functions():
            if not func.decorators or is_offline_module(facts):
                continue
            for deco in func.decorators:
                found = model.resolver.type_of_chain(facts, None, tuple(deco.func.split(".")))
                if found and found[0] == "function":
                    out.setdefault(found[1], []).append((position, fq, facts, func, deco))
                position += 1
        return out
    return model.memo("command_registry.decorations", build)


def _markers(model: "ProjectModel") -> dict[str, set[str]]:
    """Attribute -> the decorator factories whose nested function sets it on the function it
    decorates (`func.api_cmd = name`, `wrapper.__dict__["api_cmd"] = name`)."""
    out: dict[str, set[str]] = {}
    for fq, _facts, func in model.iter_functions():
        if ".<locals>." not in fq:
            continue
        names = {p.name for p in func.params} | {n.rpartition(".")[2] for n in model.functions_under(fq + ".<locals>.")}
        for store in func.extra.get("stores", ()):
            head, _, attr = store.get("target", "").partition(".")
            if store.get("kind") != "set" or head not in names:
                continue
            if attr == "__dict__" and isinstance(store.get("key"), str):
                attr = store["key"]
            elif store.get("item") or "." in attr or attr.startswith("__"):
                continue
            out.setdefault(attr, set()).add(fq.rpartition(".<locals>.")[0])
    return out


def _marked(model: "ProjectModel", factories: set[str]) -> Iterator[tuple[str, str]]:
    """(fq, command name) of each function decorated with a marking factory: the factory's first
    argument when it is text, else the function's name."""
    for fq, _facts, func, deco in _decorations(model, factories):
        first = deco.args[0] if deco.args else next(iter(deco.kwargs.values()), None)
        yield fq, _command_text(first) if first is not None else func.name


def _attribute_read(value: Any) -> str:
    """`obj.api_cmd` -> "api_cmd"."""
    ref = value.get("ref") if isinstance(value, dict) else None
    return ref.split(".")[1] if isinstance(ref, str) and ref.count(".") == 1 else ""


def _command_text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, dict) and isinstance(value.get("fstring"), str):
        return value["fstring"]
    return "?"


# ----- dispatch --------------------------------------------------------------------------------
def _dispatching_endpoints(model: "ProjectModel", registries: set[tuple[str, str]], endpoints: list["EntryPoint"]
                           ) -> dict[tuple[str, str], list["EntryPoint"]]:
    """Registry -> the websocket/HTTP entry points reaching a lookup in it."""
    by_function: dict[str, list["EntryPoint"]] = {}
    for entry in endpoints:
        if entry.kind in _ENDPOINT_KINDS and not entry.details.get("command"):
            by_function.setdefault(entry.function, []).append(entry)
    out: dict[tuple[str, str], list["EntryPoint"]] = {}
    for fq, registry in _lookups(model, registries):
        for caller in sorted(callers_of(model, fq)):
            for entry in by_function.get(caller, ()):
                if entry not in out.setdefault(registry, []):
                    out[registry].append(entry)
    return out


def _lookups(model: "ProjectModel", registries: set[tuple[str, str]]) -> Iterator[tuple[str, tuple[str, str]]]:
    """(function, registry) per function looking a name up in a registry: `<r>.get(...)` or
    `<r>[...]` where `<r>` is the registry's attribute on an instance of its class (or a
    subclass), or its module global."""
    attrs = {attr for _, attr in registries}
    imported_in: dict[str, set[str]] = {}  # module -> names it imports under a registry's name
    for fq, facts, func in model.iter_functions():
        imported = _imported_registry_names(model, facts.module, attrs, imported_in)
        for site in func.calls:
            chain = site.func or ()
            at = _lookup_index(chain, attrs, imported)
            registry = _receiver_registry(model, facts, func, chain[:at], chain[at], registries) if at >= 0 else None
            if registry is not None:
                yield fq, registry


def _imported_registry_names(model: "ProjectModel", module: str, attrs: set[str],
                             cache: dict[str, set[str]]) -> set[str]:
    """The names `module` imports under a registry's name (`from .handlers import HANDLERS`),
    computed once per module since every function of the module asks."""
    if module not in cache:
        cache[module] = {name for name, b in model.bindings.get(module, {}).items()
                         if b.kind == "import" and b.target.rpartition(".")[2] in attrs}
    return cache[module]


def _lookup_index(chain: tuple[str, ...], attrs: set[str], imported: set[str]) -> int:
    """The position of the first registry name in a call chain that is looked up (`<r>.get`,
    `<r>[]`); a bare imported name counts only at the head. -1 when there is none."""
    return next((i for i in range(len(chain) - 1)
                 if (chain[i] in attrs or i == 0 and chain[0] in imported) and chain[i + 1] in ("get", "[]")), -1)


def _receiver_registry(model: "ProjectModel", facts: "ModuleFacts", func: "FunctionFacts", owner: tuple[str, ...],
                       attr: str, registries: set[tuple[str, str]]) -> tuple[str, str] | None:
    if not owner:
        binding = model.bindings.get(facts.module, {}).get(attr)
        module, _, name = binding.target.rpartition(".") if binding is not None and binding.kind == "import" \
            else (facts.module, "", attr)
        return (module, name) if (module, name) in registries else None
    found = model.resolver.type_of_chain(facts, func, owner)
    if found and found[0] == "module" and (found[1], attr) in registries:
        return found[1], attr
    if not found or found[0] not in ("instance", "class") or found[1] not in model.classes:
        return None
    return next(((cls, attr) for cls in model.mro(found[1]) if (cls, attr) in registries), None)


def _entry(model: "ProjectModel", fq: str, name: str, at: str, endpoint: "EntryPoint") -> "EntryPoint":
    from .app import EntryPoint

    facts, func = model.functions[fq]
    label = f"{endpoint.kind} command {name} ({endpoint.route or endpoint.name})"
    details = {"framework": endpoint.details.get("framework", ""), "command": name, "endpoint": endpoint.name,
               "handler_class": endpoint.details.get("handler_class") or endpoint.function,
               "registered_at": at, "how": "command registry", "mounted": endpoint.details.get("mounted", True),
               "router": endpoint.details.get("router", ""), "group_prefix": endpoint.details.get("group_prefix", "")}
    return EntryPoint(endpoint.kind, fq, facts.path, func.line, label, runs_in=endpoint.runs_in,
                      methods=list(endpoint.methods), route=endpoint.route, details=details)
