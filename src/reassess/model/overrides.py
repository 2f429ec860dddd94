"""Which project methods a call through a base class or a protocol may run: the overrides
(class hierarchy) and the structural implementations (a class defining all of a protocol's
methods). Reachability (`forward`) and the origins of returned values both follow them."""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from ..facts.values import value_refs

if TYPE_CHECKING:
    from .project import Edge, ProjectModel


def overrides_of(model: "ProjectModel") -> dict[str, list[str]]:
    """Base method fq -> the project methods overriding it (calls through the base type may run them)."""
    def build() -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for cls_fq, (_facts, cls) in sorted(model.classes.items()):
            for base in model.mro(cls_fq)[1:]:
                for method in cls.methods:
                    if f"{base}.{method}" in model.functions:
                        found.setdefault(f"{base}.{method}", []).append(f"{cls_fq}.{method}")
        _add_structural(model, found)
        return found
    return model.memo("overrides", build)


def with_dispatching_bases(model: "ProjectModel", seeds: set[str], constructors: bool = True) -> set[str]:
    """`seeds` with each base method one of them overrides (a base added counts as a seed for the
    bases after it in `overrides_of`): a call through the base class may run the override, so
    whatever reaches the base reaches it. With
    `constructors` false a base `__init__` is not added: `ObservableDict()` runs ObservableDict's
    `__init__`, never a subclass's."""
    found = set(seeds)
    for base, subs in overrides_of(model).items():
        if found & set(subs) and (constructors or not base.endswith(".__init__")):
            found.add(base)
    return found


def callers_through_bases(model: "ProjectModel", fq: str) -> frozenset[str]:
    """`fq` and every function whose calls reach it, also through a base-class method a function
    on the way overrides (`inspector.get_objects(schema)` on the interface runs each inspector's
    `get_objects`, and with it the private helper that takes the connection). A fixed point of
    `reach` and `with_dispatching_bases`, kept per fq: several questions about one function ask it."""
    known: dict[str, frozenset[str]] = model.memo("overrides.callers_through_bases", dict)
    if fq not in known:
        chains = set(callers_of(model, fq))
        seeds = with_dispatching_bases(model, chains)
        while len(seeds) > len(chains):
            chains = set(model.reach(dict.fromkeys(seeds), lambda edge: True))
            seeds = with_dispatching_bases(model, chains)
        known[fq] = frozenset(chains)
    return known[fq]


def callers_of(model: "ProjectModel", fq: str) -> frozenset[str]:
    """`fq` and every function whose calls reach it through the call graph alone, kept per fq
    (the first step of `callers_through_bases`, and what it is compared with)."""
    known: dict[str, frozenset[str]] = model.memo("overrides.callers_of", dict)
    if fq not in known:
        known[fq] = frozenset(model.reach({fq: None}, lambda edge: True))
    return known[fq]


def _add_structural(model: "ProjectModel", found: dict[str, list[str]]) -> None:
    """Add the methods of each class defining all of a project protocol's methods."""
    protocols = protocol_classes(model)
    if not protocols:
        return
    classes = [(cls_fq, set(cls.methods)) for cls_fq, (_facts, cls) in sorted(model.classes.items())
               if cls_fq not in protocols]
    for proto, methods in protocols.items():
        ordered = sorted(methods)
        for cls_fq, defined in classes:
            if methods <= defined:
                for method in ordered:
                    found.setdefault(f"{proto}.{method}", []).append(f"{cls_fq}.{method}")


def protocol_classes(model: "ProjectModel") -> dict[str, set[str]]:
    """Project `typing.Protocol` classes that declare methods -> those methods (once per run). A
    class implements one structurally, without naming it as a base: `source.tracking_events(...)`
    typed as the protocol runs the method of every project class that defines all of its methods."""
    def build() -> dict[str, set[str]]:
        return {fq: set(cls.methods) for fq, (_facts, cls) in model.classes.items()
                if cls.methods and any(b.rsplit(".", 1)[-1] == "Protocol" for b in cls.bases)}
    return model.memo("overrides.protocols", build)


def protocol_implementations(model: "ProjectModel") -> dict[str, list[str]]:
    """Protocol method fq -> the methods of the project classes implementing the protocol: what a
    call on a value typed as the protocol (`await job.tick()` on a `Job`) runs. Narrower than
    `overrides_of`, which also fans a call on a base class out to every subclass. A structural match
    (every protocol method defined); `model.resilience.triggers` instead links a protocol to the classes
    whose instances are passed where it is expected, which needs no complete match but a construction seen."""
    def build() -> dict[str, list[str]]:
        protocols = protocol_classes(model)
        return {base: subs for base, subs in overrides_of(model).items() if base.rsplit(".", 1)[0] in protocols}
    return model.memo("overrides.protocol-implementations", build)


def invoked_indirectly(model: "ProjectModel", fq: str) -> bool:
    """Something runs `fq` though no call names it: a call through a base class whose method it
    overrides (`self._on_item_dropped(item)` in the base's loop), or the function handed over as
    a callable (`add_shutdown_callback(partial(dispose, key))`, `fut.add_done_callback(self._done)`),
    or a call on a receiver typed as a base that lacks the method (`called_through_base_type`)."""
    bases = model.memo("overridden_by", lambda: _overridden_by(model))
    if any(model.callers.get(base) for base in bases.get(fq, ())) or called_through_base_type(model, fq):
        return True
    return fq in model.memo("handed_over", lambda: _handed_over(model))


def called_through_base_type(model: "ProjectModel", fq: str) -> bool:
    """A call the resolver left open names this method on a receiver typed as one of its class's
    bases (`self.transport.handshake()` with `transport: TransportBase`, under an `isinstance`
    test for the subclass that defines `handshake`): the base has no such method, so the call can
    only land on a subclass's, and this one may be it."""
    facts, func = model.functions[fq]
    if not func.class_name:
        return False
    cls_fq, name = f"{facts.module}.{func.class_name}", fq.rsplit(".", 1)[-1]
    bases = set(model.mro(cls_fq))
    for edge in model.memo("overrides.open_calls", lambda: _open_calls_by_name(model)).get(name, ()):
        caller_facts, caller = model.functions[edge.caller]
        receiver = model.resolver.type_of_chain(caller_facts, caller, edge.site.func[:-1])
        if receiver is not None and receiver[0] in ("instance", "class") and receiver[1] in bases:
            return True
    return False


def _open_calls_by_name(model: "ProjectModel") -> dict[str, list["Edge"]]:
    """Unresolved method calls of project functions (`a.b.method()`), by the method's name."""
    found: dict[str, list["Edge"]] = {}
    for edges in model.edges.values():
        for edge in edges:
            chain = edge.site.func or ()
            if edge.target.kind == "unresolved" and chain and len(chain) > 1 and chain[0] != "()":
                found.setdefault(chain[-1], []).append(edge)
    return found


def _overridden_by(model: "ProjectModel") -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for base, subs in overrides_of(model).items():
        for sub in subs:
            found.setdefault(sub, []).append(base)
    return found


def _handed_over(model: "ProjectModel") -> frozenset[str]:
    """Functions passed as an argument: nested functions by name in their enclosing function,
    methods as `self.<name>` in a method of their class."""
    out: set[str] = set()
    for fq, (facts, func) in model.functions.items():
        refs = {arg["ref"] for site in func.calls for arg in (*site.args, *site.kwargs.values())
                if isinstance(arg, dict) and isinstance(arg.get("ref"), str)}
        for ref in refs:
            if ref.startswith("self.") and func.class_name:
                out.add(f"{facts.module}.{func.class_name}.{ref[5:]}")
            elif "." not in ref:
                out.add(f"{fq}.<locals>.{ref}")
    return frozenset(out)


def never_runs(model: "ProjectModel", fq: str, depth: int = 3) -> str:
    """Why the project method `fq` cannot run, or "". "overridden": a default of an abstract base
    class that every project subclass replaces, so a call through the base never lands on it.
    "uncalled": nothing calls it, directly or through a base method, nor hands it over, and it
    is no entry point, `__dunder__`, decorated hook, or override of a library class's method
    (frameworks call those). Findings in such code describe a defect that cannot happen today.
    Kept per run: the rules ask once per finding, and the test of each caller asks again."""
    known = model.memo("overrides.never_runs", dict)
    if (fq, depth) not in known:
        known[fq, depth] = _never_runs(model, fq, depth)
    return known[fq, depth]


def _never_runs(model: "ProjectModel", fq: str, depth: int) -> str:
    facts, func = model.functions[fq]
    name = fq.rsplit(".", 1)[-1]
    if _framework_hook(func, name):
        return ""
    cls_fq = f"{facts.module}.{func.class_name}" if func.class_name else ""
    if cls_fq in model.classes and _replaced_everywhere(model, cls_fq, name) and not _super_called(model, cls_fq, name):
        return "overridden"
    if _reached(model, fq, name, depth) or cls_fq and (cls_fq not in model.classes or _library_base(model, cls_fq)):
        return ""
    return "uncalled"


_PLAIN_DECORATORS = frozenset({"staticmethod", "classmethod", "property"})


def _framework_hook(func, name: str) -> bool:
    """A `__dunder__` or a function decorated beyond static/class/property: the interpreter or
    a framework calls it."""
    return name.startswith("__") or bool(func.decorators) and not all(
        d.func in _PLAIN_DECORATORS for d in func.decorators)


def _reached(model: "ProjectModel", fq: str, name: str, depth: int) -> bool:
    """Called from code that runs (code only dead code calls is dead too), handed over as a
    value, or an entry point."""
    callers = {edge.caller for edge in model.callers.get(fq, ())}
    if callers and (depth == 0 or any(c == fq or c not in model.functions or not never_runs(model, c, depth - 1)
                                      for c in callers)):
        return True
    return invoked_indirectly(model, fq) or fq in model.app.entry_functions() or name in _named_as_value(model)


def _replaced_everywhere(model: "ProjectModel", cls_fq: str, method: str) -> bool:
    """`cls_fq` is abstract and each concrete project subclass resolves `method` to a definition
    of its own or of a class between them (abstract classes in between are never instantiated)."""
    subs = [sub for sub in model.subclasses(cls_fq) if not _abstract(model, sub)]
    return _abstract(model, cls_fq) and bool(subs) and all(
        next((c for c in model.mro(sub) if f"{c}.{method}" in model.functions), cls_fq) != cls_fq for sub in subs)


def _super_called(model: "ProjectModel", cls_fq: str, method: str) -> bool:
    """A subclass method calls `super().<method>(...)`: the default runs after all."""
    return any(site.func == ("()", method) and any(s.name == "super" for s in func.calls)
               for sub in model.subclasses(cls_fq)
               for m in model.classes[sub][1].methods if f"{sub}.{m}" in model.functions
               for func in (model.functions[f"{sub}.{m}"][1],) for site in func.calls)


def _abstract(model: "ProjectModel", cls_fq: str) -> bool:
    """An `ABC`/`Protocol` base named, or an `@abstractmethod` of its own."""
    cls = model.classes[cls_fq][1]
    return any(b.rsplit(".", 1)[-1] in ("ABC", "Protocol") for b in cls.bases) or any(
        d.func.rsplit(".", 1)[-1] == "abstractmethod"
        for m in cls.methods if f"{cls_fq}.{m}" in model.functions
        for d in model.functions[f"{cls_fq}.{m}"][1].decorators)


def _library_base(model: "ProjectModel", cls_fq: str) -> bool:
    """A class of the hierarchy names a base that is not a project class (a framework's base,
    whose machinery may call the method), besides the plain `ABC`/`Generic`/`Protocol`/`object`."""
    return any(head.rsplit(".", 1)[-1] not in ("ABC", "Generic", "Protocol", "object", "")
               and not (found and found[0] == "class")
               for current in model.mro(cls_fq) for head, found in model.written_bases(current))


UNCALLED_NOTE = (" No call the analysis could resolve reaches this function (no direct call, no call through a base "
                 "method, not handed over as a callback, not an entry point), so the defect may not happen today: "
                 "it is reported at LOW and becomes real once something calls it.")


def _named_as_value(model: "ProjectModel") -> frozenset[str]:
    """Last parts of every name passed as an argument or stored in a module-level value
    (`Thread(target=warm)`, `HANDLERS = {"run": run_job}`): such a function may run through that
    reference, which the call graph does not follow."""
    def build() -> frozenset[str]:
        out: set[str] = set()
        for _fq, _facts, func in model.iter_functions():
            for site in func.calls:
                out.update(_last(value_refs([*site.args, *site.kwargs.values()])))
        for facts in model.modules.values():
            for assign in facts.assigns.values():
                out.update(_last(value_refs(assign.value)))
        return frozenset(out)
    return model.memo("overrides.named_as_value", build)


def _last(refs: Iterator[str]) -> Iterator[str]:
    return (ref.rsplit(".", 1)[-1] for ref in refs)


def self_dispatch(model: "ProjectModel") -> dict[str, list["Edge"]]:
    """Method fq -> edges from each of its `self.method()` calls to the overrides of that method in
    the project subclasses of its class that the code constructs (outside tests), built once per run.
    A base class's template method (`run` looping over `await self.run_once()`) runs the override
    of the instance it is called on: reaching the base's `run` reaches each constructed worker's
    `run_once`. Calls on other receivers are not fanned out (see `protocol_implementations`)."""
    def build() -> dict[str, list["Edge"]]:
        from .app import is_test_path
        from .project import Edge
        from .resolve import Target

        overrides = overrides_of(model)
        built = {edge.target.name for scope in (model.edges, model.module_edges) for caller, edges in scope.items()
                 for edge in edges if edge.target.kind == "class" and not _in_tests(model, caller, is_test_path)}
        built |= _registered_classes(model, is_test_path)
        found: dict[str, list[Edge]] = {}
        for fq, edges in model.edges.items():
            facts, func = model.functions[fq]
            owner = f"{facts.module}.{func.class_name}" if func.class_name else ""
            for edge in edges if owner else ():
                callee = model.callee_function(edge.target) if len(edge.site.func or ()) == 2 \
                    and edge.site.func[0] == "self" else ""
                for target in overrides.get(callee, ()) if callee else ():
                    cls = target.rsplit(".", 1)[0]
                    if cls in built and owner in model.mro(cls):
                        found.setdefault(fq, []).append(Edge(fq, edge.site, Target("function", target)))
        return found
    return model.memo("overrides.self-dispatch", build)


_CONTAINERS = frozenset({"dict", "list", "tuple", "set"})


def _registered_classes(model: "ProjectModel", is_test_path) -> set[str]:
    """Project classes listed in a module-level registry (`WORKERS = {"invoicing": InvoicingWorker}`,
    `HANDLERS = [A, B]`): code looks one up and constructs it (`WORKERS[name](ctx)`), a
    construction the call graph cannot name."""
    found: set[str] = set()
    for facts in model.modules.values():
        if is_test_path(facts.path):
            continue
        for assign in facts.assigns.values():
            value = assign.value
            if not (isinstance(value, dict) and value.get("literal") in _CONTAINERS):
                continue
            for ref in value_refs(value.get("items", ())):
                kind = model.resolver.type_of_chain(facts, None, tuple(ref.split(".")))
                if kind and kind[0] == "class" and kind[1] in model.classes:
                    found.add(kind[1])
    return found


def _in_tests(model: "ProjectModel", scope: str, is_test_path) -> bool:
    """The function or module `scope` lies in a test file."""
    facts = model.functions[scope][0] if scope in model.functions else model.modules.get(scope)
    return facts is not None and is_test_path(facts.path)
