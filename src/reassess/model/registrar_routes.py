"""aiohttp routes registered through the project's own registrar: `add_route(method, path, handler)`
(or `add_get(path, handler)`) called in a loop whose variables unpack the tuples of a project
collection. The tuples are read where they are written, and each becomes a route:

- a collection passed in as a parameter (`setup(routes=[("GET", "/x", self.x), ...])`, or a local
  list the caller fills with `routes.append(("GET", "/ws", self.ws))`), possibly kept on `self` first;
- a class-level list (`cls._routes`, directly or returned by a classmethod) appended to by a
  decorator factory's inner `register(func)` (`cls._routes.append((method, path, wrapper))`): each
  function decorated with that factory (or a method returning a call of it, `Route.get(path)` ->
  `cls._route("GET", path)`) is a route, method and path read from the decorator's arguments.

A loop over tuples nobody passes to `add_route`, or a decorator whose list nobody routes, adds nothing.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterator

from .origins import passed_argument, positional_params
from .passed import call_arguments, tuple_parts

if TYPE_CHECKING:
    from .project import Edge
    from .routing import RoutingBuilder

_MAX_DEPTH = 3


def loop_routes(builder: "RoutingBuilder", scope: str, edge: "Edge", positions: dict[str, Any]
                ) -> list[tuple[Any, Any, str, str, int, str]]:
    """(method value, path value, handler fq, file, line, scope the path is written in) for each tuple the loop around `edge` walks;
    `positions` maps "method"/"path"/"handler" to the registration's argument there (a fixed method
    given as a plain string). Empty when the handler is not a loop variable or nothing is found."""
    site = edge.site
    facts, func = builder.origins.scope_facts(scope)
    info = func.extra.get("loops", {}).get(site.loop_line) if func is not None and site.loop_line else None
    if not info or info.get("kind") != "for":
        return []
    targets = info.get("target", "").split(",")
    index = {part: targets.index(v["ref"]) for part, v in positions.items()
             if isinstance(v, dict) and v.get("ref") in targets}
    if "handler" not in index or len(targets) < 2:
        return []
    found = []
    for writer, item in _walked(builder, scope, info.get("iter"), 0):
        parts = tuple_parts(item)
        if not isinstance(parts, list) or len(parts) != len(targets):
            continue
        picked = {part: parts[i] for part, i in index.items()}
        method = picked.get("method", positions.get("method"))
        found.extend(_routes_of(builder, writer, picked["handler"], method, picked.get("path")))
    return found


def _walked(builder: "RoutingBuilder", scope: str, iterable: Any, depth: int) -> Iterator[tuple[str, Any]]:
    """(scope that wrote it, item) for each item a loop over `iterable` in `scope` walks."""
    if depth > _MAX_DEPTH or not isinstance(iterable, dict):
        return
    facts, func = builder.origins.scope_facts(scope)
    if func is None:
        return
    if "call" in iterable:  # `for m, p, h in Registry.get_routes():` - what that function returns
        callee = builder.origins.edge_at(scope, iterable.get("line", 0), iterable["call"])
        if callee is not None and callee.target.kind == "function" and callee.target.name in builder.model.functions:
            returned = builder.model.functions[callee.target.name][1].returns_values
            if len(returned) == 1:
                yield from _walked(builder, callee.target.name, returned[0], depth + 1)
        return
    if "literal" in iterable:
        for item in iterable.get("items") or ():
            yield scope, item
        return
    ref = iterable.get("ref")
    if not isinstance(ref, str):
        return
    root, _, attr = ref.partition(".")
    if not attr:
        yield from _local(builder, scope, func, root, depth)
    elif "." not in attr and root == "self" and isinstance(func.self_attrs.get(attr), dict):
        yield from _walked(builder, scope, func.self_attrs[attr], depth + 1)  # `self._routes = routes` here
    elif "." not in attr:
        yield from _class_list(builder, scope, func, root, attr)


def _local(builder: "RoutingBuilder", scope: str, func: Any, name: str, depth: int) -> Iterator[tuple[str, Any]]:
    """A parameter: what each caller passes for it; a local: its literal and the tuples appended to it."""
    param = next((p for p in func.params if p.name == name), None)
    if param is not None:
        params = positional_params(func)
        for call in builder.model.callers.get(scope, ()):
            passed = passed_argument(call.site, name, params.index(name) if name in params else -1, param.kind)
            if passed is not None and call.caller in builder.model.functions:
                yield from _walked(builder, call.caller, passed, depth + 1)
        return
    bound = func.local_types.get(name)
    if isinstance(bound, dict) and "literal" in bound:
        yield from _walked(builder, scope, bound, depth + 1)
    for edge in builder.model.edges.get(scope, ()):
        if edge.site.func == (name, "append") and edge.site.args:
            yield scope, edge.site.args[0]


def _class_list(builder: "RoutingBuilder", scope: str, func: Any, root: str, attr: str
                ) -> Iterator[tuple[str, Any]]:
    """`cls._routes` / `self._routes` / `Registry._routes`: the tuples appended to that attribute
    anywhere in the class (its methods and the functions nested in them)."""
    owner = scope.rpartition(".")[0] if func.class_name else ""
    while ".<locals>." in owner:
        owner = owner.rpartition(".<locals>.")[0].rpartition(".")[0]
    if root not in ("cls", "self"):
        facts, _ = builder.origins.scope_facts(scope)
        found = builder.model.resolver.type_of_value(facts, func, {"ref": root}, 1)
        owner = found[1] if found and found[0] == "class" else ""
    if owner not in builder.model.classes:
        return
    short = owner.rpartition(".")[2]
    for fq in builder.model.functions_under(owner + "."):
        for edge in builder.model.edges.get(fq, ()):
            chain = edge.site.func
            if chain and len(chain) == 3 and chain[1:] == (attr, "append") and chain[0] in ("cls", "self", short) \
                    and edge.site.args:
                yield fq, edge.site.args[0]


def _routes_of(builder: "RoutingBuilder", writer: str, handler: Any, method: Any, path: Any
               ) -> list[tuple[Any, Any, str, str, int, str]]:
    """The routes one tuple stands for: its handler resolved where the tuple was written, or - the
    tuple written by a decorator's `register(func)` about `func` or a wrapper it defines - each
    function that decorator decorates."""
    facts, func = builder.origins.scope_facts(writer)
    if isinstance(handler, dict) and handler.get("call") in ("cast", "typing.cast"):  # `cast(Handler, self.serve)`
        cast = builder.origins.edge_at(writer, handler.get("line", 0), handler["call"])
        handler = cast.site.args[1] if cast is not None and len(cast.site.args) == 2 else None
    ref = handler.get("ref") if isinstance(handler, dict) else None
    if not isinstance(ref, str):
        return []
    nested = f"{writer}.<locals>.{ref}"
    if func is not None and (_is_decorator_param(func, ref) or (nested in builder.model.functions and
                                                                _one_param(func))):
        return list(_decorated(builder, writer, method, path))
    found = builder.model.resolver.type_of_value(facts, func, handler, 1)
    if found and found[0] == "function":
        return [(method, path, found[1], facts.path, _line(builder, writer, handler), writer)]
    return []


def _is_decorator_param(func: Any, name: str) -> bool:
    return _one_param(func) and func.params[0].name == name


def _one_param(func: Any) -> bool:
    """`def register(func):` nested in a factory."""
    return func.is_nested and len(func.params) == 1 and func.params[0].kind in ("pos", "posonly")


def _line(builder: "RoutingBuilder", writer: str, value: Any) -> int:
    facts, func = builder.origins.scope_facts(writer)
    for edge in builder.model.edges.get(writer, ()):
        if value in edge.site.args or any(isinstance(a, dict) and value in (a.get("items") or ())
                                           for a in edge.site.args):
            return edge.site.line
    return func.line if func is not None else 0


def _decorated(builder: "RoutingBuilder", register: str, method: Any, path: Any
               ) -> Iterator[tuple[Any, Any, str, str, int, str]]:
    """The functions decorated by the factory `register` is nested in (when it returns it), or by a
    method returning a call of that factory; method and path bound from the decorator's arguments."""
    factory = register.rpartition(".<locals>.")[0]
    if factory not in builder.model.functions:
        return
    short = register.rpartition(".")[2]
    factory_func = builder.model.functions[factory][1]
    if {"ref": short} not in factory_func.returns_values:
        return
    in_functions = builder.model.callers.get(factory, ())
    indirect = []
    for call in in_functions:  # `def get(cls, path): return cls._route("GET", path)`
        caller = builder.model.functions.get(call.caller)
        if caller is not None and any(isinstance(v, dict) and v.get("line") == call.site.line and "call" in v
                                      for v in caller[1].returns_values):
            bound = _bindings(factory_func, call.site)
            indirect.extend((outer, bound) for outer in builder.origins.callers(call.caller))
    direct = [(call, {}) for call in builder.origins.callers(factory)]  # function callers, then module level
    sites = direct[:len(in_functions)] + indirect + direct[len(in_functions):]
    for call, bound in sites:
        facts, _ = builder.origins.scope_facts(call.caller)
        target = builder.decorated.get((facts.path, call.site.line, call.site.name), "")
        if not target or target not in builder.model.functions:
            continue
        callee = builder.model.functions[call.target.name][1]
        outer = _bindings(callee, call.site)
        values = {name: (outer.get(v["ref"], v) if isinstance(v, dict) and "ref" in v else v)
                  for name, v in bound.items()} if bound else outer
        yield (_bound(values, method), _bound(values, path) if _bound(values, path) is not None else _path_arg(values),
               target, facts.path, call.site.line, call.caller)


def _bindings(func: Any, site: Any) -> dict[str, Any]:
    """Parameter name -> the value a call passes for it."""
    return dict(call_arguments(func, site))


def _bound(values: dict[str, Any], part: Any) -> Any:
    """A tuple part as the decorator call fills it: a literal as is, a factory parameter by its argument."""
    if isinstance(part, dict) and isinstance(part.get("ref"), str):
        return values.get(part["ref"])
    return part


def _path_arg(values: dict[str, Any]) -> Any:
    """The path the decorator call names when the tuple holds one built from it (`"/v2" + path`)."""
    return next((v for v in values.values() if isinstance(v, str) and v.startswith("/")), None)
