"""RA702 wrong-call."""
from __future__ import annotations

import difflib
from typing import Iterator

from ...facts.types import CallSite, FunctionFacts, ModuleFacts, Param
from ...findings import Finding, Location
from ...model.project import Edge, ProjectModel
from ...model.resolve import Target
from ..api import ProjectContext, Rule, register
from ...knowledge.retry import BREAKER_CLASSES, BREAKER_DECORATORS, RETRY_DECORATORS
from ...model.resilience.blocks import expects_failure
from ...model.resilience.guards import resolved_name
from .receivers import Receivers, call_edges, has_decorator, receivers_of, transparent
from .signatures import bind_error, signature_text


def stored_attribute_names(model: ProjectModel) -> set[str]:
    """Attribute names assigned from outside a class (`obj.cb = f`, `setattr(obj, "cb", f)`)."""
    names: set[str] = set()
    for facts in model.modules.values():
        names.update(ref[0].rsplit(".", 1)[-1] for ref in facts.attr_refs if ref[3])
        sites = list(facts.module_calls) + [s for f in facts.functions.values() for s in f.calls]
        names.update(s.args[1] for s in sites if s.func == ("setattr",) and len(s.args) > 1
                     and isinstance(s.args[1], str))
    return names


@register
class WrongCall(Rule):
    """A call to a project method that does not exist, or with arguments it cannot accept.

    What it finds:
        Calls on a receiver whose type is proved (a parameter or attribute annotated or
        assigned with a project class, `self`, `cls`) to a method the class does not define,
        when every member of the class is known: all bases are project classes or plain
        builtins, no `__getattr__`, no metaclass, no member-adding decorator, no
        `setattr(self, ...)`. And calls to project functions, methods and classes whose
        arguments cannot bind to the signature: too many positional arguments, an unknown
        keyword, a parameter given twice, a required one missing (not checked when the call
        passes `*args`/`**kwargs`). Functions with decorators that may change the signature
        are skipped (a project decorator whose `functools.wraps` wrapper forwards `*args,
        **kwargs` unchanged does not, and one that supplies leading arguments itself,
        `fn(client, *args, **kwargs)`, typed `Concatenate[Client, P]`, is checked against the
        parameters left to the caller); for a method overridden in a subclass the call must fit none of them.
        Repeated bad calls of one callee in one function are one finding (the others related); a
        call inside `with pytest.raises(...)` / `self.assertRaises(...)` fails on purpose and is skipped.

    Why it matters:
        The line raises `AttributeError` or `TypeError` every time it runs. It usually sits
        on a path the tests do not reach (an error branch, a rarely used endpoint), so the
        first caller to hit it in production gets a 500 instead of the intended behaviour.

    Example:
        order = await self.dm.get_order_by_id(order_id)   # DataManager defines get_order

    Instead:
        Call the method that exists, with the arguments its signature takes:

            order = await self.dm.get_order(order_id)
    """

    id = "RA702"
    name = "wrong-call"
    category = "wrong-call"
    severity = "HIGH"
    scope = "project"
    base_effort = 0.5
    effort_per_location = 0.0

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        model = ctx.model
        receivers = receivers_of(model)
        stored = stored_attribute_names(model)
        checked = 0
        missing: dict[tuple[str, str], list[tuple[Finding, str]]] = {}  # (class fq, member) -> (finding, where)
        bad: dict[tuple[str, str], list[tuple[Finding, str]]] = {}  # (caller, title) -> (finding, where)
        for caller, facts, func, edge in call_edges(model):
            site = edge.site
            fresh = _fresh_instance(model, edge, receivers) if site.func and site.func[0] == "()" else ""
            if site.offloaded or not site.func or "[]" in site.func or site.func[0] == "()" and not fresh \
                    or expects_failure(func, site.line):
                continue
            if edge.target.kind == "unresolved" and len(site.func) >= 2:
                absent = self._missing_member(receivers, stored, caller, facts, func, site, fresh)
                if absent is not None:
                    missing.setdefault(absent[0], []).append((absent[1], _where(caller, func)))
                continue
            if edge.target.is_project:
                checked += 1
                found = self._bad_arguments(receivers, caller, facts, func, edge, fresh)
                if found is not None:  # the same bad call repeated in one function: one fix
                    bad.setdefault((caller, found.title), []).append((found, _where(caller, func)))
        moved = _moved_behind_attribute(receivers, missing)
        yield from (_moved_finding(self, model, key, groups) for key, groups in moved.items())
        yield from (_grouped(_missing_head(model.classes[cls_fq][1].name, attr), group)
                    for (cls_fq, attr), group in missing.items()
                    if not any(key[0] == cls_fq and attr in groups for key, groups in moved.items()))
        yield from (_grouped(title, group) for (_caller, title), group in bad.items())
        ctx.examine("calls to project functions", checked)

    # ----- attributes -----------------------------------------------------------------------
    def _missing_member(self, receivers: Receivers, stored: set[str], caller: str, facts: ModuleFacts,
                        func: FunctionFacts | None, site: CallSite,
                        fresh: str = "") -> tuple[tuple[str, str], Finding] | None:
        """((class fq, member), finding) for a call of a member the receiver's class lacks.
        `fresh`: the class whose new instance is the receiver (`Repo(session).get(...)`)."""
        receiver = ("instance", fresh) if fresh else receivers.chain_type(facts, func, site.func[:-1])
        if receiver is None or receiver[0] not in ("instance", "class"):
            return None
        shape = receivers.shape(receiver[1])
        attr = site.func[-1]
        if shape is None or attr in stored or receivers.has_member(shape, attr, receiver[0] == "instance"):
            return None
        if receivers.subclass_defines(receiver[1], attr):
            return None  # a mixin or base class calling what its subclasses define
        if site.func[0] == "self" and receivers.borrowed(receiver[1]):
            return None  # `Helpers.method(other, ...)`: `self` is whatever the caller passes
        model = receivers.model
        cls_facts, cls = model.classes[receiver[1]]
        chain = f"{site.callee_is_call or cls.name}(...)" if fresh else ".".join(site.func[:-1])
        description = (f"{_where(caller, func)} calls `{site.name}()` on line {site.line}; `{chain}` is "
                       f"{'an instance of ' if receiver[0] == 'instance' else 'the class '}`{cls.name}` "
                       f"({cls_facts.path}), and {_owners(cls.name, shape.mro)} `{attr}`, assign it as an "
                       "attribute or provide `__getattr__`: the call raises `AttributeError`.")
        return (receiver[1], attr), self.finding(
            Location(facts.path, site.line, site.end_line),
            f"{_missing_head(cls.name, attr)} (called in {_where(caller, func)})", description,
            recommendation=_through_holder(receivers, receiver[1], attr) or
            _closest_member(model, shape, attr, model.line_text(facts.path, site.line)),
            related=[Location(cls_facts.path, cls.line, cls.line, f"class {cls.name}: no `{attr}` defined")],
        )

    # ----- arguments ------------------------------------------------------------------------
    def _bad_arguments(self, receivers: Receivers, caller: str, facts: ModuleFacts, func: FunctionFacts | None,
                       edge: Edge, fresh: str = "") -> Finding | None:
        """`fresh`: the class whose new instance the call is made on (`Repo(session).add(...)`)."""
        if _binds_however_read(receivers.model, edge):
            return None  # most calls: no need to prove what the receiver is
        candidates = self._signatures(receivers, facts, func, edge, fresh)
        if not candidates:
            return None
        errors = [bind_error(params, edge.site) for _, params in candidates]
        if not all(errors):
            return None
        target_fq, params = candidates[0]
        model = receivers.model
        target_facts, target = model.functions[target_fq]
        shown = target.qualname.removesuffix(".__init__")
        site = edge.site
        description = (f"{_where(caller, func)} calls `{site.name}()` on line {site.line}, which runs "
                       f"`{target.qualname}`: {errors[0]}. Python raises `TypeError` before the body runs.")
        if len(candidates) > 1:
            description += f" None of the {len(candidates) - 1} override(s) in subclasses accepts it either."
        return self.finding(
            Location(facts.path, site.line, site.end_line),
            f"`{shown}()` called with arguments it cannot accept in {_where(caller, func)}", description,
            recommendation=(f"Match the signature `{signature_text(target.name, params)}` "
                            f"({target_facts.path}:{target.line}): pass exactly the parameters it declares."),
            related=[Location(target_facts.path, target.line, target.line,
                              f"def {signature_text(target.name, target.params)}")],
        )

    def _signatures(self, receivers: Receivers, facts: ModuleFacts, func: FunctionFacts | None,
                    edge: Edge, fresh: str = "") -> list[tuple[str, list[Param]]]:
        """(function fq, parameters the call fills) for the target and its overrides; [] when unsure."""
        model = receivers.model
        chain = edge.site.func
        if edge.target.kind == "class":
            if receivers.chain_type(facts, func, chain) != ("class", edge.target.name):
                return []
            return self._constructor(receivers, edge.target.name, subclasses=chain == ("cls",))
        target_fq = edge.target.name
        target = model.functions[target_fq][1]
        supplied = _supplied_by_decorators(model, target_fq)
        if supplied is None or supplied and target.class_name:
            return []
        # on a fresh instance (`Repo(session).add(...)`) the exact class answers, no subclass override
        receiver = ("instance", fresh) if fresh else receivers.proves_target(facts, func, chain, target_fq)
        if receiver is None:
            return []
        if not target.class_name:
            return [(target_fq, _after_supplied(target.params, supplied))] if receiver[0] == "module" else []
        if receiver[0] not in ("instance", "class"):
            return []
        shape = receivers.shape(receiver[1])
        if shape is None or target_fq.rsplit(".", 1)[0] not in shape.mro:
            return []
        out = []
        overrides = receivers.overrides(receiver[1], target.name) if receiver[0] == "instance" and not fresh else []
        for fq in [target_fq, *overrides]:
            method = model.functions[fq][1]
            params = _bound_params(method, receiver[0] == "instance")
            if params is None or not _keeps_signature(model, fq):
                return []
            out.append((fq, params))
        return out

    def _constructor(self, receivers: Receivers, class_fq: str, subclasses: bool) -> list[tuple[str, list[Param]]]:
        """`__init__` of the class (and, for `cls(...)`, of every subclass that overrides it)."""
        shape = receivers.shape(class_fq)
        if shape is None or "__new__" in shape.members:
            return []
        init = receivers.model.callee_function(Target("class", class_fq))
        if not init:
            return []  # generated (dataclass) or inherited from a builtin: not ours to check
        out = []
        for fq in [init, *(receivers.overrides(class_fq, "__init__") if subclasses else [])]:
            method = receivers.model.functions[fq][1]
            params = _bound_params(method, True)
            if params is None or not _keeps_signature(receivers.model, fq):
                return []
            out.append((fq, params))
        return out


_MOVED_AT_LEAST = 3  # one missing method is a typo; several found on one attribute are an API moved there


def _holder(receivers: Receivers, class_fq: str, attr: str) -> tuple[str, str] | None:
    """(attribute, class) of an object the class keeps (`self.v1 = ClientV1(session)`) whose class
    defines `attr`: the call was meant to go through that attribute."""
    model = receivers.model
    names = sorted({name for cls_fq in model.mro(class_fq) for name in model.self_attr_writers(cls_fq)})
    for name in names:
        held = receivers.types.attribute_type(("instance", class_fq), name, 0)
        shape = receivers.shape(held[1]) if held and held[0] == "instance" else None
        if shape is not None and receivers.has_member(shape, attr, True):
            return name, model.classes[held[1]][1].name
    return None


def _through_holder(receivers: Receivers, class_fq: str, attr: str) -> str:
    held = _holder(receivers, class_fq, attr)
    return (f"`{held[1]}`, which the class keeps as `self.{held[0]}`, defines `{attr}`: call it through that "
            f"attribute (`.{held[0]}.{attr}(...)`), or add `{attr}` to the class.") if held else ""


def _moved_behind_attribute(receivers: Receivers, missing: dict) -> dict[tuple[str, str, str], dict]:
    """(class fq, holding attribute, holder class) -> {member: calls}: missing members of a class,
    at least `_MOVED_AT_LEAST` of them, that one object the class keeps defines."""
    by_class: dict[str, dict[str, list]] = {}
    for (cls_fq, attr), group in missing.items():
        by_class.setdefault(cls_fq, {})[attr] = group
    moved: dict[tuple[str, str, str], dict] = {}
    for cls_fq, members in by_class.items():
        if len(members) < _MOVED_AT_LEAST:
            continue
        for attr, group in members.items():
            held = _holder(receivers, cls_fq, attr)
            if held is not None:
                moved.setdefault((cls_fq, *held), {})[attr] = group
    return {key: members for key, members in moved.items() if len(members) >= _MOVED_AT_LEAST}


def _moved_finding(rule: Rule, model: ProjectModel, key: tuple[str, str, str], members: dict) -> Finding:
    """One finding for the calls of an API that lives one attribute further down (`client.get_x()`
    where the class keeps `self.v1` whose class defines `get_x`): one fix, through the attribute."""
    cls_fq, name, holder_class = key
    calls = sorted((f for group in members.values() for f, _ in group),
                   key=lambda f: (f.location.path, f.location.start_line))
    first = calls[0]
    cls_name = model.classes[cls_fq][1].name
    listed = ", ".join(f"`{m}`" for m in sorted(members)[:6]) + (", ..." if len(members) > 6 else "")
    first.title = f"{len(members)} methods called on `{cls_name}` are defined on its `{name}` attribute " \
                  f"(`{holder_class}`), not on `{cls_name}`"
    first.description = (
        f"{len(calls)} calls ask `{cls_name}` for {len(members)} methods it does not define ({listed}); every one of "
        f"them is defined by `{holder_class}`, the object `{cls_name}` keeps as `self.{name}`. Each call raises "
        f"`AttributeError` when it runs: the API moved behind that attribute and these callers were not updated.")
    first.recommendation = (f"Call the methods through the attribute (`client.{name}.{sorted(members)[0]}(...)`), "
                            f"or have `{cls_name}` delegate them to `self.{name}`.")
    first.related_locations = [Location(f.location.path, f.location.start_line, f.location.end_line,
                                        f"also calls a `{holder_class}` method on `{cls_name}`") for f in calls[1:]]
    cls_facts, cls = model.classes[cls_fq]
    first.related_locations.append(Location(cls_facts.path, cls.line, cls.line,
                                            f"class {cls_name}: keeps a `{holder_class}` as `self.{name}`"))
    return first


def _missing_head(class_name: str, attr: str) -> str:
    return f"`{class_name}` has no method `{attr}`"


def _grouped(head: str, group: list[tuple[Finding, str]]) -> Finding:
    """One finding for every call of the same missing member, or for one function's repeated bad
    calls of the same callee ((finding, where it is called) each): the first call is the primary
    location, the others are related (one fix, usually a rename or a changed signature, mends them all)."""
    group = sorted(group, key=lambda pair: (pair[0].location.path, pair[0].location.start_line))
    first = group[0][0]
    if len(group) == 1:
        return first
    first.title = f"{head} (called {len(group)} times)"
    first.description += f" The same call is made {len(group) - 1} more times (related locations)."
    first.related_locations += [Location(f.location.path, f.location.start_line, f.location.end_line,
                                         f"also called in {where}") for f, where in group[1:]]
    return first


def _fresh_instance(model: ProjectModel, edge: Edge, receivers: Receivers) -> str:
    """The project class constructed right before the call (`Repo(session).method(...)`), or
    the one a project helper called there is declared to return (`_service(request).approve(...)`,
    `def _service(...) -> TimesheetService`) when no project class derives from it; or ""."""
    site = edge.site
    if len(site.func) != 2 or site.func[0] != "()" or not site.callee_is_call:
        return ""
    called = tuple(site.callee_is_call.split("."))  # the call whose result receives this one
    inner = [e.target for e in model.edges.get(edge.caller, ()) if e.site.line == site.line
             and e.site.col == site.col and e.site.func == called and e.target.kind in ("class", "function")]
    if len(inner) != 1:
        return ""
    if inner[0].kind == "class":
        return inner[0].name if receivers.constructs(inner[0].name) else ""
    made = receivers.returned_instance(inner[0].name)
    return made if made and not receivers.children().get(made) else ""


def _binds_however_read(model: ProjectModel, edge: Edge) -> bool:
    """A call of a plain function or a class that binds to the signature it runs: the first
    signature `_signatures` would check, so no finding can follow. (A method's reading
    depends on whether its receiver is an instance or the class, which only proving tells.)"""
    fq = model.callee_function(edge.target)
    if not fq:
        return True
    method = model.functions[fq][1]
    if edge.target.kind == "class":
        params = _bound_params(method, True)
        return params is not None and not bind_error(params, edge.site)
    return not method.class_name and not bind_error(method.params, edge.site) \
        and not (method.decorators and _supplied_by_decorators(model, fq))


# Library decorators whose wrapper passes `*args, **kwargs` through unchanged (functools.wraps):
# a retried or breaker-guarded method takes exactly the arguments it declares.
_WRAPPING = RETRY_DECORATORS | BREAKER_DECORATORS | BREAKER_CLASSES


def _keeps_signature(model: ProjectModel, fq: str) -> bool:
    """Every decorator of `fq` leaves its parameters as declared (see `_supplied_by_decorators`)."""
    return _supplied_by_decorators(model, fq) == 0


def _supplied_by_decorators(model: ProjectModel, fq: str) -> int | None:
    """How many leading parameters of `fq` its decorators fill themselves, so callers omit them
    (`@client_injector` whose wrapper runs `fn(client, *args, **kwargs)`: 1); 0 when every
    decorator is transparent, a retry/breaker one applied directly or through a module-level
    name (`_transient = retry(...)`, then `@_transient`) or a plain forwarder; None when one may
    reshape the signature in a way not modelled. Resolved once per (module, decorator)."""
    facts, func = model.functions[fq]
    known = model.memo("wrong_call.wrapping", dict)
    supplied = 0
    for deco in func.decorators:
        if transparent(deco):
            continue
        key = (facts.module, deco.func)
        if key not in known:
            name = resolved_name(model, facts, None, deco.func)
            wrapping = name in _WRAPPING or (deco.is_call and _returns_wrapping(model, name))
            known[key] = 0 if wrapping else _forwarding_decorator(model, name, deco.is_call)
        if known[key] is None:
            return None
        supplied += known[key]
    return supplied


def _returns_wrapping(model: ProjectModel, fq: str) -> bool:
    """A project decorator factory that returns a retry/breaker decorator
    (`def transient_retry(...): return retry(stop=..., wait=...)`, used as `@transient_retry()`)."""
    entry = model.functions.get(fq)
    if entry is None:
        return False
    facts, func = entry
    calls = [v.get("call") for v in func.returns_values if isinstance(v, dict)]
    return bool(calls) and len(calls) == len(func.returns_values) and all(
        call and resolved_name(model, facts, func, call) in _WRAPPING for call in calls)


def _forwarding_decorator(model: ProjectModel, fq: str, factory: bool) -> int | None:
    """For a project decorator (or, with `factory`, one returned by a factory: `@with_retry(attempts=3)`)
    whose wrapper is `@functools.wraps(fn) def wrapper(*args, **kwargs)` calling `fn(..., *args, **kwargs)`:
    how many positional arguments the wrapper puts before the forwarded ones (0 for a pure
    forwarder, 1 for an injector `fn(client, *args, **kwargs)`, typed `Concatenate[Client, P]`);
    None for any other decorator."""
    fn, func = model.decorator_wrapper(fq, factory) or ("", None)
    if not fn or func is None:
        return None
    if not any(d.func.rsplit(".", 1)[-1] == "wraps" for d in func.decorators) \
            or [p.kind for p in func.params] != ["vararg", "kwarg"]:
        return None
    forwards = {len(site.args) for site in func.calls if site.name == fn and site.star_args and not site.kwargs}
    return forwards.pop() if len(forwards) == 1 else None


def _after_supplied(params: list[Param], supplied: int) -> list[Param]:
    """The parameters callers fill once a decorator has supplied the first `supplied` positional ones."""
    return params[supplied:] if all(p.kind in ("pos", "posonly") for p in params[:supplied]) else params


def _bound_params(method: FunctionFacts, instance: bool) -> list[Param] | None:
    """The parameters a call fills, `self`/`cls` removed when the call binds it; None if unclear."""
    if has_decorator(method, "staticmethod"):
        return list(method.params)
    if has_decorator(method, "classmethod") or instance:
        first = method.params[0] if method.params else None
        if first is None or first.kind not in ("pos", "posonly"):
            return None
        return list(method.params[1:])
    return list(method.params)


def _where(caller: str, func: FunctionFacts | None) -> str:
    return f"`{func.qualname}`" if func is not None else f"module `{caller}`"


def _owners(name: str, mro: list[str]) -> str:
    return f"neither `{name}` nor its bases define" if len(mro) > 1 else f"`{name}` does not define"


def _closest_member(model: ProjectModel, shape, attr: str, line: str) -> str:
    methods = sorted({m for cls_fq in shape.mro for m in model.classes[cls_fq][1].methods if not m.startswith("__")})
    close = difflib.get_close_matches(attr, methods, n=1, cutoff=0.6)
    if not close:
        return f"Call a method the class defines ({', '.join(f'`{m}`' for m in methods[:8])}), or add `{attr}` to it."
    for cls_fq in shape.mro:
        found = model.functions.get(f"{cls_fq}.{close[0]}")
        if found:
            params = _bound_params(found[1], True) or found[1].params
            fixed = line.replace(f".{attr}(", f".{close[0]}(") if f".{attr}(" in line else ""
            example = f":\n\n```python\n{fixed}\n```\n\n" if fixed else ", "
            return (f"The closest existing method is `{signature_text(close[0], params)}`{example}"
                    f"or add `{attr}` to the class if it is meant to exist.")
    return f"The closest existing method is `{close[0]}`."
