"""Module-level state and who changes it at run time.

A module variable counts as state when something writes into it after import: a
container method (`_cache[k] = v`, `.append`, `.pop`, ...), an attribute store
(`settings.flag = ...`), a `global` rebinding, or a call to a method of a project class
instance that writes its own attributes (`manager.connect(ws)`). Writers are found in the
defining module and through every import of the name."""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ...facts.types import Assign, CallSite, FunctionFacts, ModuleFacts
from ..properties import setter_of
from ..task_starts import TASK_STARTERS
from .blocks import ifs

if TYPE_CHECKING:
    from ..project import ProjectModel

MUTATORS = frozenset({
    "append", "appendleft", "extend", "extendleft", "insert", "remove", "pop", "popleft", "popitem", "clear",
    "update", "setdefault", "add", "discard", "difference_update", "intersection_update",
    "symmetric_difference_update", "sort", "reverse", "rotate", "subtract", "__setitem__", "__delitem__",
})
# Removing from a container stores no data: with task additions, the set only keeps tasks alive.
_REMOVALS = frozenset({"discard", "remove", "pop", "popleft", "popitem", "clear", "difference_update"})
_IGNORED_NAMES = frozenset({"__all__", "logger", "log", "LOGGER", "app", "router", "api_router", "celery_app"})


@dataclass
class Write:
    function: str  # fq of the writer
    path: str
    line: int
    how: str  # "item store", "append()", "attribute store", "global rebinding", "method ConnectionManager.connect"
    locked: bool = False
    task: bool = False  # it adds an asyncio Task (`_tasks.add(asyncio.create_task(...))`)
    fill: bool = False  # a memo fill after a missed lookup (facts `miss_fills`): a value any process can rebuild
    per_call: bool = False  # a `global` rebound at every call to data of that call (`_current_tenant = tenant`)
    alias: bool = False  # through a local naming the container itself (`limits = DEFAULTS; limits.update(...)`)


@dataclass
class ModuleState:
    module: str
    name: str
    facts: ModuleFacts
    assign: Assign
    kind: str  # "container", "instance", "global", "object"
    writes: list[Write] = field(default_factory=list)
    instance_of: str = ""  # project class fq for "instance"

    @property
    def fq(self) -> str:
        return f"{self.module}.{self.name}"

    def writers(self) -> list[str]:
        return sorted({w.function for w in self.writes})

    def to_dict(self, entries: dict[str, list[str]] | None = None) -> dict[str, Any]:
        return {
            "name": self.fq, "path": self.facts.path, "line": self.assign.line, "kind": self.kind,
            "writes": [{"function": w.function, "path": w.path, "line": w.line, "how": w.how, "locked": w.locked}
                       for w in self.writes],
            "entry_points": (entries or {}).get(self.fq, []),
        }


def module_state(model: "ProjectModel") -> list[ModuleState]:
    """Every module-level variable written at run time (by any function), sorted."""
    return model.memo("resilience.module_state", lambda: _collect(model))


def _collect(model: "ProjectModel") -> list[ModuleState]:
    aliases = _aliases(model)
    states: dict[str, ModuleState] = {}
    for module, facts in model.modules.items():
        script_only = facts.extra.get("script_only", ())
        for name, assign in facts.assigns.items():
            if name in _IGNORED_NAMES or name.startswith("__") or name in script_only:
                continue  # a name bound under `if __name__ == "__main__":` exists in that one process only
            kind, cls = _kind(model, facts, assign)
            states[f"{module}.{name}"] = ModuleState(module, name, facts, assign, kind, instance_of=cls)
    stateful_methods = _stateful_methods(model)
    handlers = signal_handlers(model)
    visible: dict[str, dict[str, str]] = {}  # per module, not per function: it is the same for all
    for fq, facts, func in model.iter_functions():
        names = visible.get(facts.module)
        if names is None:
            names = visible[facts.module] = _visible(model, facts, aliases)
        _function_writes(model, states, names, (fq, facts, func), stateful_methods, fq in handlers)
    return sorted((s for s in states.values() if s.writes and not _task_references(s)),
                  key=lambda s: (s.facts.path, s.assign.line))


def _function_writes(model: "ProjectModel", states: dict[str, ModuleState], names: dict[str, str],
                     where: tuple[str, ModuleFacts, FunctionFacts], stateful_methods: dict[str, set[str]],
                     signal_handler: bool) -> None:
    """Record the writes one function makes to module state: calls on it (or on an item held
    from it), stores into it, `global` rebindings. What a signal handler or a first-use
    initialiser sets is per process by nature and is left out."""
    fq, facts, func = where
    local = _locals(func)
    _call_writes(model, states, names, where, stateful_methods, local)
    once = {name for name in func.extra.get("globals", ()) if signal_handler or lazy_init(func, name)}
    for store in func.extra.get("stores", ()):  # `_lib.api_key = ...` set up by the lazy initialiser is part of it
        if store["target"].split(".", 1)[0] not in local | once:
            _store_write(states, names, where, store, model)
    for name in set(func.extra.get("globals", ())) - once:
        _global_write(states, facts, fq, func, name)


def _call_writes(model: "ProjectModel", states: dict[str, ModuleState], names: dict[str, str],
                 where: tuple[str, ModuleFacts, FunctionFacts], stateful_methods: dict[str, set[str]],
                 local: set[str]) -> None:
    """Mutating calls on module state, or on an item the function holds from it."""
    fq, facts, func = where
    held = _held_items(states, names, func, local)
    for site in func.calls:
        if site.func and site.func[0] in names and site.func[0] not in local:
            _call_write(model, states, names, where, site, stateful_methods)
        elif held and site.func and len(site.func) == 2 and site.func[0] in held and site.func[1] in MUTATORS:
            alias = not str(func.local_types[site.func[0]].get("ref", "")).endswith(".[]")
            held[site.func[0]].writes.append(Write(fq, facts.path, site.line, f"`{site.func[1]}()` on " + (
                f"`{site.func[0]}`, another name for it, not a copy" if alias else f"an item held in `{site.func[0]}`"),
                bool(site.locks_held), alias=alias))


def _task_references(state: ModuleState) -> bool:
    """`_background_tasks.add(task)` then `task.add_done_callback(_background_tasks.discard)`: a set
    that only keeps running tasks from being garbage-collected. A task exists only in the process
    that created it, so the container is per process by nature and holds no data to share."""
    return state.kind == "container" and any(w.task for w in state.writes) and \
        all(w.task or w.how.strip("`()") in _REMOVALS for w in state.writes)


def _task_value(func: FunctionFacts, site: CallSite) -> bool:
    """The call's first argument is an asyncio Task: a task starter's result, inline or kept in a
    local (`task = asyncio.create_task(...)`, a project wrapper named `safe_create_task`)."""
    arg = site.args[0] if len(site.args) == 1 else None
    if isinstance(arg, dict) and isinstance(arg.get("ref"), str):
        arg = func.local_types.get(arg["ref"])
    call = arg.get("call") if isinstance(arg, dict) else None
    return isinstance(call, str) and call.rsplit(".", 1)[-1].endswith(TASK_STARTERS)


def _locals(func: FunctionFacts) -> set[str]:
    """Names the function binds itself (parameters, assignments, loop and `with` targets):
    they shadow a module variable of the same name unless declared `global`."""
    declared = set(func.extra.get("globals", ()))
    return ({p.name for p in func.params} | set(func.local_types)) - declared


def _held_items(states: dict[str, ModuleState], names: dict[str, str], func: FunctionFacts,
                local: set[str]) -> dict[str, ModuleState]:
    """Locals bound to an item of a module-level container (`window = _log[user_id]`), or to the
    container itself (`limits = DEFAULT_LIMITS`, an alias, not a copy): a mutating method called on
    them (`window.append(now)`, `limits.update(overrides)`) changes the container's contents."""
    out: dict[str, ModuleState] = {}
    for name, value in func.local_types.items():
        ref = value.get("ref", "") if isinstance(value, dict) else ""
        if not ref:
            continue
        chain = tuple(ref.removesuffix(".[]").split("."))
        if chain[0] in local:
            continue
        found = _target(states, names, chain)
        if found is not None and found[1] == len(chain) and found[0].kind == "container":
            out[name] = found[0]
    return out


# `DEFAULTS: dict[str, Any] = Preferences().model_dump()`: a container whatever call builds it
_CONTAINER_TYPE = re.compile(r"(typing\.|collections\.)?(dict|list|set|Dict|List|Set|defaultdict|deque|"
                             r"OrderedDict|Counter|MutableMapping|MutableSequence|MutableSet)(\[|$)")


def _kind(model: "ProjectModel", facts: ModuleFacts, assign: Assign) -> tuple[str, str]:
    if assign.mutable or _CONTAINER_TYPE.match(assign.annotation or ""):
        return "container", ""
    value = assign.value
    if isinstance(value, dict) and value.get("call"):
        found = model.resolver.type_of_chain(facts, None, tuple(value["call"].split(".")))
        if found and found[0] == "class":
            return "instance", found[1]
        return "object", ""
    return "global", ""


def _aliases(model: "ProjectModel") -> dict[str, dict[str, str]]:
    """module -> {local name or module alias -> fq it stands for} for imported module state."""
    out: dict[str, dict[str, str]] = defaultdict(dict)
    for module, bindings in model.bindings.items():
        for local, binding in bindings.items():
            if binding.kind == "import":
                out[module][local] = binding.target
    return out


def _visible(model: "ProjectModel", facts: ModuleFacts, aliases: dict[str, dict[str, str]]) -> dict[str, str]:
    names = {name: f"{facts.module}.{name}" for name in facts.assigns}
    names.update(aliases.get(facts.module, {}))
    return names


def _target(states: dict[str, ModuleState], names: dict[str, str],
            chain: tuple[str, ...]) -> tuple[ModuleState, int] | None:
    """The module state a dotted chain starts with (`cache`, `state_mod.cache`), and how many
    parts of the chain name it."""
    if not chain or chain[0] in ("self", "cls"):
        return None
    fq = names.get(chain[0])
    if fq in states:
        return states[fq], 1
    if fq and len(chain) > 1 and f"{fq}.{chain[1]}" in states:
        return states[f"{fq}.{chain[1]}"], 2
    return None


def _call_write(model: "ProjectModel", states: dict[str, ModuleState], names: dict[str, str],
                where: tuple[str, ModuleFacts, FunctionFacts], site: CallSite, stateful: dict[str, set[str]]) -> None:
    fq, facts, func = where
    found = _target(states, names, site.func or ())
    if found is None:
        return
    state, used = found
    rest = (site.func or ())[used:]
    if not rest:
        return
    locked = bool(site.locks_held)
    if state.kind == "container" and rest[-1] in MUTATORS:
        state.writes.append(Write(fq, facts.path, site.line, f"`{rest[-1]}()`", locked,
                                  rest[-1] not in _REMOVALS and _task_value(func, site)))
    elif state.kind == "instance" and len(rest) == 1:
        for cls in model.mro(state.instance_of):
            attrs = stateful.get(f"{cls}.{rest[0]}")
            if attrs:
                shown = ", ".join(f"`self.{a}`" for a in sorted(attrs))
                state.writes.append(Write(fq, facts.path, site.line, f"`{state.name}.{rest[0]}()` writes {shown}",
                                          locked))
                break


def _store_write(states: dict[str, ModuleState], names: dict[str, str],
                 where: tuple[str, ModuleFacts, FunctionFacts], store: dict[str, Any],
                 model: "ProjectModel") -> None:
    fq, facts, func = where
    chain = tuple(store["target"].split("."))
    found = _target(states, names, chain)
    if found is None:
        return
    state, used = found
    if len(chain) == used + 1 and not store["item"] and state.kind == "instance" \
            and state.instance_of and not _lands_on_instance(model, state.instance_of, chain[-1]):
        return  # its `__setattr__` or the property's setter stores elsewhere (what that code writes is its own)
    if store["item"] and len(chain) == used:
        how = {"del": "`del` of an item", "aug": "in-place update of an item"}.get(store["kind"], "item assignment")
    elif len(chain) > used:
        how = f"assignment to `{'.'.join(chain)}`"
    else:
        return
    locked = any(use.line <= store["line"] <= use.end_line for use in func.locks)  # `with _lock: X[k] = v`
    state.writes.append(Write(fq, facts.path, store["line"], how, locked,
                              fill=how == "item assignment" and store["line"] in func.extra.get("miss_fills", ())))


def _lands_on_instance(model: "ProjectModel", class_fq: str, attr: str) -> bool:
    """`obj.attr = v` stores on the instance: unless the class's `__setattr__` never does (it
    writes a per-request context instead: no `object.__setattr__(self, ...)`, `super().__setattr__`
    or `self.__dict__[...]`), or `attr` is a property whose setter stores nothing on `self`
    (`ctx.language = v`): that code's own writes are judged where it is."""
    hooks = (model.method_of(class_fq, "__setattr__"), setter_of(model, class_fq, attr))
    return not any(hook and not _stores_on_self(model.functions[hook][1]) for hook in hooks)


def _stores_on_self(func: FunctionFacts) -> bool:
    """The method stores on its instance: `self.x = ...`, `self.__dict__[k] = ...`,
    `object.__setattr__(self, ...)` / `super().__setattr__(...)` / `setattr(self, ...)`."""
    if any(s["target"].split(".", 1)[0] == "self" for s in func.extra.get("stores", ())):
        return True
    return any(site.func and site.func[-1] in ("__setattr__", "setattr") for site in func.calls)


def _global_write(states: dict[str, ModuleState], facts: ModuleFacts, fq: str, func: FunctionFacts,
                  name: str) -> None:
    state = states.get(f"{facts.module}.{name}")
    if state is None:
        return
    lines = [s["line"] for s in func.extra.get("stores", ()) if s["target"] == name and not s.get("item")]
    value = func.local_types.get(name, 0)  # (`X[k] = v` under `global X` changes X; it does not rebind it)
    if value is None and not lines or resource_built(func, value):
        return  # a lazy getter building the process's semaphore or client, or a reset to None
    if name in func.local_types or lines:
        lines = lines or func.extra.get("global_lines", {}).get(name, [])
        state.writes.append(Write(fq, facts.path, lines[0] if lines else func.line, "`global` rebinding",
                                  per_call=not _set_once(func, name) and _from_params(func, name, locals_too=True)))


def lazy_init(func: FunctionFacts, name: str) -> bool:
    """`if _config is None: _config = load_from_env()`, or `if _flag is not None: return` before
    `_flag = False`: the function sets the variable once, when it is still unset, to a value that
    takes nothing from its parameters (an imported library, settings read from the environment).
    Every process computes the same value, so each keeping its own copy loses nothing."""
    return _set_once(func, name) and not _from_params(func, name)


def _set_once(func: FunctionFacts, name: str) -> bool:
    """An `if` on `name` alone guards the store (it runs while unset, or returns once set), and
    no `+=` follows (a counter started on first use is state). A flag the function sets and clears
    again in a `finally` (`_running = run_id` ... `finally: _running = None`) marks work in flight,
    a process-local lock, not a first-use initialisation."""
    finals = [(b["line"], b["end"]) for b in func.extra.get("blocks", ()) if b["kind"] == "finally"]
    if any(start <= line <= end for line in func.extra.get("rebound_lines", {}).get(name, ()) for start, end in finals):
        return False
    guarded = any(_tests_only(b, name) and (name in b.get("absent", ()) and not b.get("exits")
                                            or b.get("exits") and name in b.get("present", ())) for b in ifs(func))
    return guarded and not any(s["target"] == name and s["kind"] == "aug" for s in func.extra.get("stores", ()))


def _from_params(func: FunctionFacts, name: str, locals_too: bool = False) -> bool:
    """The value stored in `name` is built from the function's parameters (data of the call);
    with `locals_too`, also through one local built from them (`tenant = await authenticate(session,
    key)`, then `_current_tenant = tenant`)."""
    value = func.local_types.get(name)
    params = {p.name for p in func.params} - {"self", "cls"}
    if not isinstance(value, dict) or not params:
        return False
    refs = [value.get("ref")] if "ref" in value else [
        arg.get("ref") or arg.get("call") for site in func.calls if site.line == value.get("line")
        for arg in (*site.args, *site.kwargs.values()) if isinstance(arg, dict)]
    roots = {str(ref or "").split(".", 1)[0] for ref in refs}
    return bool(roots & params) or locals_too and any(
        root != name and root in func.local_types and _from_params(func, root) for root in roots)


def _tests_only(block: dict, name: str) -> bool:
    """The `if` reads nothing but `name`: `if _token is None or time.time() > _expires:` refreshes
    an expiring value, which is not a first-use initialisation."""
    return block.get("names") == [name] and not block.get("chains") and not block.get("calls")


_SIGNAL_REGISTRARS = frozenset({"signal", "add_signal_handler"})


def signal_handlers(model: "ProjectModel") -> frozenset[str]:
    """Functions registered as signal handlers (`signal.signal(SIGTERM, on_stop)`,
    `loop.add_signal_handler(SIGINT, stop)`): what they write (a stop flag) belongs to the process
    the signal was delivered to, per process by nature."""
    def build() -> frozenset[str]:
        found = set()
        for fq, facts, func in model.iter_functions():
            for site in func.calls:
                ref = site.args[1].get("ref") if len(site.args) > 1 and isinstance(site.args[1], dict) else None
                if (site.func or ("",))[-1] in _SIGNAL_REGISTRARS and isinstance(ref, str):
                    found.update(c for c in (f"{fq}.<locals>.{ref}", f"{facts.module}.{ref}") if c in model.functions)
        return frozenset(found)
    return model.memo("resilience.signal_handlers", build)


def resource_built(func: FunctionFacts, value: object) -> bool:
    """`asyncio.Semaphore(settings.MAX)`, `_Client(config, dims=settings.DIMS)`: an object built
    from configuration, none of its arguments taken from the function's parameters: a resource
    made on first use (one per process), not data of the call that happens to make it."""
    call = value.get("call") if isinstance(value, dict) else None
    if not isinstance(call, str) or not call.rsplit(".", 1)[-1].lstrip("_")[:1].isupper():
        return False
    site = next((s for s in func.calls if s.line == value.get("line") and s.name == call), None)
    params = {p.name for p in func.params} - {"self", "cls"}
    return site is not None and not any(
        isinstance(arg, dict) and str(arg.get("ref") or arg.get("call") or "").split(".", 1)[0] in params
        for arg in (*site.args, *site.kwargs.values()))


# library objects that are handles to a service, not containers of data: `session.add(row)`
# stages a row in the database session, `db.close()` closes a connection
_HANDLE_TYPES = re.compile(r"(?:Session|Connection|Client|Database|Engine|Pool|Cursor|Producer|Consumer)$")


def handle_typed(model: "ProjectModel", facts: ModuleFacts, func: FunctionFacts, attr: str) -> bool:
    """`self.<attr>` is typed (annotated or assigned) as a library session, connection, client or
    database handle (`session: Optional[AsyncSession]`, `self.db: PostgresqlExtDatabase`): calling
    its methods uses the resource, it does not write request data into the object."""
    found = model.resolver.type_of_chain(facts, func, ("self", attr))
    return bool(found) and found[0] == "ext_instance" and bool(_HANDLE_TYPES.search(found[1].rsplit(".", 1)[-1]))


def _stateful_methods(model: "ProjectModel") -> dict[str, set[str]]:
    """Methods that write their instance's attributes after construction: fq -> attributes."""
    out: dict[str, set[str]] = {}
    for fq, (facts, func) in model.functions.items():
        if not func.class_name or func.name in ("__init__", "__post_init__", "__new__"):
            continue
        attrs = {s["target"].split(".")[1] for s in func.extra.get("stores", ())
                 if s["target"].startswith("self.") and s["target"].count(".") >= 1}
        for site in func.calls:  # `self.session.add(row)` uses a session, it writes no state
            if site.func and len(site.func) >= 3 and site.func[0] == "self" and site.func[-1] in MUTATORS \
                    and not handle_typed(model, facts, func, site.func[1]):
                attrs.add(site.func[1])
        if attrs:
            out[fq] = attrs
    return out
