"""What makes code run, beyond direct calls: callables injected through constructors
(`IngestPipeline(repo, evaluator.evaluate)` then `await self._on_batch(batch)`) and in-process
queues (a request handler puts, a background worker gets). With both, "does this run because a
request came in?" is answered for work handed to workers too: an alert fired by the ingest
writer for a reading that a request submitted still belongs to the process that took the
request. Each answer is computed once per model."""
from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING, Any, Iterable, NamedTuple

from ...knowledge.eventloops import LOOP_RUNNERS
from ..app import is_test_path, scope_facts
from ..origins import positional_params
from ..overrides import protocol_classes
from ..resolve import subscript
from ..statements import is_tooling_path

if TYPE_CHECKING:
    from ..app import EntryPoint
    from ..project import ProjectModel

REQUEST_KINDS = ("http", "websocket", "middleware")
WORKER_KINDS = ("worker", "task", "job")


def injected_calls(model: "ProjectModel") -> dict[str, set[str]]:
    """caller fq -> project functions it calls through `self.<attr>(...)`, where `attr` holds a
    callable passed to the class's constructor."""
    return model.memo("resilience.injected_calls", lambda: _injected_calls(model))


def _injected_calls(model: "ProjectModel") -> dict[str, set[str]]:
    passed: dict[tuple[str, str], set[str]] = {}  # (class fq, parameter) -> functions passed
    called_back: dict[str, set[str]] = {}  # function fq -> project functions passed in that it calls
    param_callers: dict[str, dict[str, set[str]]] = {}  # callee -> `_param_callers`, once per callee
    built: list[_Argument] = []  # the arguments of every project class construction
    for caller, edges in list(model.edges.items()) + list(model.module_edges.items()):
        facts, func = scope_facts(model, caller)
        for edge in edges:
            if edge.target.kind == "class" and (edge.site.args or edge.site.kwargs):
                built += _construction_args(model, facts, func, edges, edge)
            elif edge.target.kind == "function" and edge.site.args:
                _record_called_back(model, facts, func, edge, called_back, param_callers)
    for arg in built:
        _record_passed(model, arg, passed)
    out: dict[str, set[str]] = {fq: set(found) for fq, found in called_back.items()}
    for fq, found in [*_protocol_calls(model, built).items(), *_record_calls(model, built).items()]:
        out.setdefault(fq, set()).update(found)
    for (class_fq, param), functions in passed.items():
        for fq in _methods_calling_param(model, class_fq, param):
            out.setdefault(fq, set()).update(functions)
    return out


def _methods_calling_param(model: "ProjectModel", class_fq: str, param: str) -> list[str]:
    """The methods of the class that call `self.<attr>(...)`, where `__init__` stores `param` in `attr`."""
    attrs = _attrs_from_param(model, class_fq, param)
    methods = [f"{class_fq}.{m}" for m in model.classes[class_fq][1].methods] if attrs else []
    return [fq for fq in methods if fq in model.functions and any(
        site.func and len(site.func) == 2 and site.func[0] == "self" and site.func[1] in attrs
        for site in model.functions[fq][1].calls)]


class _Argument(NamedTuple):
    """One argument of a project class construction (`Job("export", run_export)`), by the
    parameter or field it fills."""
    facts: Any
    func: Any  # None at module level
    edges: list  # the calls of the constructing function
    edge: Any  # the construction
    name: str  # the parameter or field
    annotation: str  # its annotation, "" when none
    value: Any


def _construction_args(model: "ProjectModel", facts: Any, func: Any, edges: list, edge: Any) -> list[_Argument]:
    """The arguments of a construction by `__init__`'s parameters, or by the annotated fields of a
    class without one (a dataclass, in field order)."""
    fields = _fields(model, edge.target.name)
    names = list(fields)
    named = list(zip(names, edge.site.args)) + [(k, v) for k, v in edge.site.kwargs.items() if k in names]
    return [_Argument(facts, func, edges, edge, name, fields[name], value) for name, value in named]


def _protocol_calls(model: "ProjectModel", built: list[_Argument]) -> dict[str, set[str]]:
    """caller fq -> the methods its calls of a `typing.Protocol` method run: those of the project
    classes whose instances are handed where that protocol is expected (`Daily(NightlyExport(...))`
    for a field `job: Job`, then `await entry.job.run()` runs `NightlyExport.run`). Structural
    implementations inherit nothing, so no override links them to the protocol (the structural
    match of `model.overrides.protocol_implementations` asks for every protocol method defined in
    the class itself; this one asks for an instance handed over)."""
    impls = _protocol_implementations(model, built)
    out: dict[str, set[str]] = {}
    for caller, edges in model.edges.items() if impls else ():
        for edge in edges:
            owner, _, method = edge.target.name.rpartition(".")
            if edge.target.kind != "function" or owner not in impls:
                continue
            found = {m for cls in impls[owner] if (m := model.method_of(cls, method))}
            if found:
                out.setdefault(caller, set()).update(found)
    return out


def _record_calls(model: "ProjectModel", built: list[_Argument]) -> dict[str, set[str]]:
    """caller fq -> the project functions it runs by calling a callable field of a record handed to it
    (`Job("export", run_export)` or `Job("pump", lambda: pump(queue))`, then `await job.fn()` in a
    function taking `job: Job`)."""
    held = _record_callables(model, built)
    fields = {field for _cls, field in held}
    out: dict[str, set[str]] = {}
    for fq, (facts, func) in model.functions.items() if held else ():
        params = {p.name: p.annotation for p in func.params if p.annotation}
        for site in func.calls:
            if not site.func or len(site.func) != 2 or site.func[1] not in fields or site.func[0] not in params:
                continue
            typed = model.resolver.instance_of_annotation(facts, params[site.func[0]])
            found = held.get((typed[1], site.func[1])) if typed and typed[0] == "instance" else None
            if found:
                out.setdefault(fq, set()).update(found)
    return out


def _record_callables(model: "ProjectModel", built: list[_Argument]) -> dict[tuple[str, str], set[str]]:
    """(class fq, field) -> project functions passed for that field where the class is built: a
    function named, or the ones a lambda calls."""
    out: dict[tuple[str, str], set[str]] = {}
    for arg in built:
        found = _runs(model, arg)
        if found:
            out.setdefault((arg.edge.target.name, arg.name), set()).update(found)
    return out


def _runs(model: "ProjectModel", arg: _Argument) -> set[str]:
    """The project functions a callable argument runs: the function it names, or those its lambda calls."""
    value = arg.value
    if not isinstance(value, dict):
        return set()
    if "lambda" in value:
        return {e.target.name for e in arg.edges if e.site.line == value["lambda"] and e.target.kind == "function"
                and e.target.name in model.functions}
    return _named_function(model, arg) if "ref" in value else set()


def _named_function(model: "ProjectModel", arg: _Argument) -> set[str]:
    """The project function an argument names (`run_export`, `service.run`), if it is one."""
    found = model.resolver.type_of_value(arg.facts, arg.func, arg.value, 1)
    return {found[1]} if found and found[0] == "function" and found[1] in model.functions else set()


def _protocol_implementations(model: "ProjectModel", built: list[_Argument]) -> dict[str, set[str]]:
    """protocol class fq -> project classes whose instances are passed to a constructor parameter or
    dataclass field annotated with it."""
    protocols = protocol_classes(model)  # one without methods has no calls to follow
    out: dict[str, set[str]] = {}
    for arg in built if protocols else ():
        if not arg.annotation:
            continue
        annotation, values = _elements_of(arg)
        expected = model.resolver.instance_of_annotation(model.classes[arg.edge.target.name][0], annotation)
        if not expected or expected[1] not in protocols:
            continue
        for value in values:
            given = model.resolver.type_of_value(arg.facts, arg.func, value, 1)
            if given and given[0] == "instance":
                out.setdefault(expected[1], set()).add(given[1])
    return out


_SEQUENCES = frozenset({"list", "List", "tuple", "Tuple", "Sequence", "Iterable", "Collection", "set", "Set"})


def _elements_of(arg: _Argument) -> tuple[str, list[Any]]:
    """(annotation, values) of what an argument hands over: for a collection parameter
    (`workers: list[Worker]` given `[Sweeper(db), Exporter(s3)]`) the element type and each item."""
    head, args = subscript(arg.annotation.strip().strip("'\""))
    items = arg.value.get("items") if isinstance(arg.value, dict) else None
    if head.rsplit(".", 1)[-1] in _SEQUENCES and args and isinstance(items, list):
        return args[0], items
    return arg.annotation, [arg.value]


def _fields(model: "ProjectModel", class_fq: str) -> dict[str, str]:
    """parameter -> annotation of what the class is built from, in order."""
    init = model.method_of(class_fq, "__init__")
    if init:
        params = [p for p in model.functions[init][1].params if p.kind in ("posonly", "pos", "kwonly")][1:]
        return {p.name: p.annotation for p in params}
    return dict(model.classes[class_fq][1].annotations)


def _record_called_back(model: "ProjectModel", facts: Any, func: Any, edge: Any,
                        called_back: dict[str, set[str]], param_callers: dict[str, dict[str, set[str]]]) -> None:
    """A project function handed to another as a positional argument that the callee calls
    (`supervise("sms", service.run_dispatcher)` -> `await factory()`): it runs there."""
    callee = edge.target.name
    entry = model.functions.get(callee)
    if entry is None:
        return
    params = positional_params(entry[1])
    if callee not in param_callers:
        param_callers[callee] = _param_callers(model, callee)
    callers = param_callers[callee]
    for name, value in zip(params, edge.site.args):
        if name in callers and isinstance(value, dict) and "ref" in value:
            found = model.resolver.type_of_value(facts, func, value, 1)
            if found is not None and found[0] == "function" and found[1] in model.functions:
                for holder in callers[name]:
                    called_back.setdefault(holder, set()).add(found[1])


def _param_callers(model: "ProjectModel", fq: str, depth: int = 0) -> dict[str, set[str]]:
    """Positional parameter -> the functions that call it: the function itself, or one it hands
    the parameter on to (`spawn(name, factory)` starts `self._run(name, factory)`, which awaits
    `factory()`: the callable runs in `_run`, the worker)."""
    func = model.functions[fq][1]
    params = positional_params(func)
    out = {name: {fq} for name in {s.func[0] for s in func.calls if s.func and len(s.func) == 1} if name in params}
    for edge in model.edges.get(fq, ()) if depth < 2 else ():
        target = edge.target.name
        if edge.target.kind != "function" or target == fq or target not in model.functions or not edge.site.args:
            continue
        inner = _param_callers(model, target, depth + 1)
        for name, value in zip(positional_params(model.functions[target][1]), edge.site.args):
            ref = value.get("ref") if isinstance(value, dict) else None
            if name in inner and ref in params:
                out.setdefault(ref, set()).update(inner[name])
    return out


def _record_passed(model: "ProjectModel", arg: _Argument, passed: dict[tuple[str, str], set[str]]) -> None:
    """A project function named for a parameter of a class's `__init__` (`IngestPipeline(repo,
    evaluator.evaluate)`), kept for the attribute the constructor stores it in."""
    if isinstance(arg.value, dict) and "ref" in arg.value and model.method_of(arg.edge.target.name, "__init__"):
        for found in _named_function(model, arg):
            passed.setdefault((arg.edge.target.name, arg.name), set()).add(found)


def _attrs_from_param(model: "ProjectModel", class_fq: str, param: str) -> set[str]:
    init = model.method_of(class_fq, "__init__")
    if not init:
        return set()
    attrs = model.functions[init][1].self_attrs
    return {attr for attr, value in attrs.items() if isinstance(value, dict) and value.get("ref") == param}


def reach(model: "ProjectModel", roots: Iterable[str]) -> set[str]:
    """Functions reachable from the roots through calls and injected callables."""
    injected = injected_calls(model)
    seen = {r for r in roots if r in model.functions}
    queue = deque(sorted(seen))
    while queue:
        fq = queue.popleft()
        for callee in _callees(model, injected, fq):
            if callee not in seen:
                seen.add(callee)
                queue.append(callee)
    return seen


def _callees(model: "ProjectModel", injected: dict[str, set[str]], fq: str) -> list[str]:
    out = [c for c in (model.callee_function(e.target) for e in model.edges.get(fq, ())) if c]
    return out + sorted(injected.get(fq, ()))


def worker_reach(model: "ProjectModel", worker: str) -> set[str]:
    """The functions a background worker runs (calls and injected callables), kept per worker."""
    known = model.memo("resilience.worker_reach", dict)
    if worker not in known:
        known[worker] = reach(model, [worker])
    return known[worker]


def background(model: "ProjectModel") -> set[str]:
    """Every function some background worker, task or job runs (one walk for all of them)."""
    return model.memo("resilience.background", lambda: reach(model, [
        e.function for e in model.app.of_kind(*WORKER_KINDS) if not is_test_path(e.path)]))


def process_mains(model: "ProjectModel") -> set[str]:
    """What a worker process runs as its main program (`asyncio.run(main())` at module level,
    outside scripts and tests): its loops are as much background work as a task's. Only a runner
    the call resolves to counts: a `loop.run_until_complete(...)` here is as often a one-off step."""
    def build() -> set[str]:
        roots: set[str] = set()
        for module, edges in model.module_edges.items():
            facts = model.modules[module]
            if is_test_path(facts.path) or is_tooling_path(facts.path):
                continue
            lines = {e.site.line for e in edges if e.target.kind == "external" and e.target.name in LOOP_RUNNERS}
            roots |= {model.callee_function(e.target) for e in edges if e.site.line in lines} - {""}
        return reach(model, roots) if roots else set()
    return model.memo("observability.process_mains", build)


def background_or_main(model: "ProjectModel") -> set[str]:
    """Every function that runs outside a request: a worker, task or job, or a process's main program."""
    return background(model) | process_mains(model)


def queue_workers(model: "ProjectModel") -> dict[str, list[dict[str, Any]]]:
    """Background worker function -> the in-process queues (model.app.channels) it consumes."""
    def build() -> dict[str, list[dict[str, Any]]]:
        consumers: dict[str, list[dict[str, Any]]] = {}
        for channel in model.app.channels:
            for use in channel.get("consumers", ()):
                consumers.setdefault(use["function"], []).append(channel)
        if not consumers:
            return {}
        reaching = model.reach({fq: None for fq in consumers}, lambda edge: True)
        reaching = set(reaching) | set(injected_calls(model))  # callables handed in are not edges
        out: dict[str, list[dict[str, Any]]] = {}
        for entry in model.app.of_kind(*WORKER_KINDS):
            if entry.function not in reaching or is_test_path(entry.path):
                continue
            reached = worker_reach(model, entry.function)
            found = {c["key"]: c for fq in sorted(reached & set(consumers)) for c in consumers[fq]}
            if found:
                out[entry.function] = [found[key] for key in sorted(found)]
        return out
    return model.memo("resilience.queue_workers", build)


def request_driven(model: "ProjectModel") -> dict[str, str]:
    """fq -> why it runs for a request: the entry point's name, followed by the queues the work
    was handed through ("POST /readings, then the queue at svc/services/ingest.py:100")."""
    return model.memo("resilience.request_driven", lambda: _request_driven(model))[0]


def request_entry(model: "ProjectModel") -> dict[str, EntryPoint]:
    """fq -> the entry point `request_driven` names for it (the first request that runs it)."""
    return model.memo("resilience.request_driven", lambda: _request_driven(model))[1]


def _request_driven(model: "ProjectModel") -> tuple[dict[str, str], dict[str, EntryPoint]]:
    injected = injected_calls(model)
    feeds = _feeds(model)
    why: dict[str, str] = {}
    entry_of: dict[str, EntryPoint] = {}
    queue: deque[str] = deque()
    for entry in sorted(model.app.of_kind(*REQUEST_KINDS), key=lambda e: (e.path, e.line)):
        if entry.function in model.functions and entry.function not in why and not is_test_path(entry.path):
            why[entry.function], entry_of[entry.function] = entry.name, entry
            queue.append(entry.function)
    while queue:
        fq = queue.popleft()
        for callee in _callees(model, injected, fq):
            if callee not in why:
                why[callee], entry_of[callee] = why[fq], entry_of[fq]
                queue.append(callee)
        for worker, channel in feeds.get(fq, ()):
            if worker not in why:
                why[worker] = f"{why[fq]}, then the queue at {channel['path']}:{channel['line']}"
                entry_of[worker] = entry_of[fq]
                queue.append(worker)
    return why, entry_of


def queue_feeds(model: "ProjectModel") -> dict[str, list[str]]:
    """Producer fq -> the background workers consuming an in-process queue it puts into: where work
    a function hands off goes on running."""
    return model.memo("resilience.queue_feeds",
                      lambda: {fq: [worker for worker, _c in pairs] for fq, pairs in _feeds(model).items()})


def _feeds(model: "ProjectModel") -> dict[str, list[tuple[str, dict[str, Any]]]]:
    """Producer fq -> (worker fq, channel) for every worker consuming a queue it puts into."""
    out: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    for worker, channels in queue_workers(model).items():
        for channel in channels:
            for use in channel.get("producers", ()):
                out.setdefault(use["function"], []).append((worker, channel))
    return out
