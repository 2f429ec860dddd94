"""RA873 singleton-abuse: hand-made singletons (`__new__`, metaclass, lazy module globals)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Iterator

from ...findings import Finding, Location
from ...model.app import is_test_path
from .._scope import reviewed_modules
from ..api import ProjectContext, Rule, register
from ..quality.sizing import plural

if TYPE_CHECKING:
    from ...facts.types import ClassFacts, FunctionFacts, ModuleFacts
    from ...model.project import ProjectModel

MAX_RELATED = 40


@dataclass
class Singleton:
    kind: str  # "__new__", "metaclass", "global"
    path: str
    line: int
    name: str  # the class, or the getter function
    holds: str  # what the single instance is, e.g. "httpx.AsyncClient" or "Cache"
    store: str  # where it is kept: "Cache._instance", "the module global `_client`"
    users: list[tuple[str, int, str]] = field(default_factory=list)  # (path, line, caller) of call sites


@register
class HiddenSingleton(Rule):
    """A class or getter that forces one shared instance through a hidden global.

    What it finds:
        Three hand-made singleton shapes in the served code: a class whose `__new__`
        stores the instance on the class (`cls._instance = super().__new__(cls)`); a
        metaclass whose `__call__` keeps instances in a class-level registry; and a getter
        function that declares `global x`, where the module binds `x = None`, assigns a
        newly built object to it on first call (`_client = httpx.AsyncClient()`) and
        returns it. Each finding names where the instance is kept and every call site
        that reaches it. A function that sets such a global for a while and resets it is
        not a getter and is not reported.
        Module-level instances created once at import (`settings = Settings()`) are not
        reported: that is Python's ordinary singleton.

    Why it matters:
        Every caller depends on a global it cannot see in any signature, so tests cannot
        substitute it without patching module internals, and state leaks from one test to
        the next. In asyncio code the instance is created inside whichever event loop first
        asks for it and outlives it: under pytest-asyncio or `uvicorn --reload` the next
        loop gets a client bound to a closed loop ("Event loop is closed"), and nothing
        ever closes it at shutdown.

    Example:
        _client: httpx.AsyncClient | None = None

        def get_client() -> httpx.AsyncClient:
            global _client
            if _client is None:
                _client = httpx.AsyncClient(timeout=10)
            return _client

    Instead:
        @asynccontextmanager
        async def lifespan(app: FastAPI):
            async with httpx.AsyncClient(timeout=10) as client:
                app.state.client = client
                yield

        def get_client(request: Request) -> httpx.AsyncClient:
            return request.app.state.client  # injected with Depends(get_client)
    """

    id = "RA873"
    name = "hidden-singleton"
    category = "singleton-abuse"
    severity = "LOW"
    scope = "project"
    base_effort = 1.0
    effort_per_location = 0.25

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        model = ctx.model
        found: list[Singleton] = []
        for facts in reviewed_modules(model):
            for cls in facts.classes.values():
                found += _new_singleton(model, facts, cls) + _meta_singleton(model, facts, cls)
            for func in facts.functions.values():
                found += _global_singleton(model, facts, func)
        for item in sorted(found, key=lambda s: (s.path, s.line)):
            yield self._finding(item)

    def _finding(self, item: Singleton) -> Finding:
        modules = sorted({path for path, _, _ in item.users})
        how = {"__new__": f"`{item.name}.__new__` returns the one instance kept in `{item.store}`",
               "metaclass": f"metaclass `{item.name}` hands out one instance per class from `{item.store}`",
               "global": f"`{item.name}()` builds one `{item.holds}` on first call and keeps it in {item.store}"}
        verb = "reaches" if len(item.users) == 1 else "reach"
        used = (f"; {plural(len(item.users), 'call site')} in {plural(len(modules), 'module')} {verb} it"
                f" ({', '.join(f'`{c}` ({p}:{n})' for p, n, c in item.users[:5])}"
                f"{', ...' if len(item.users) > 5 else ''})") if item.users else ""
        return self.finding(
            Location(item.path, item.line, item.line),
            f"Hand-made singleton: `{item.name}`" + (f" used from {plural(len(modules), 'module')}" if modules else ""),
            f"{how[item.kind]}{used}. Nothing passes it in: callers cannot be given another instance, and its "
            "life is not tied to the application's start-up and shutdown.",
            recommendation=_recommendation(item),
            related=[Location(p, n, n, f"`{c}` gets the shared instance") for p, n, c in item.users[:MAX_RELATED]],
        )


def _stores(func: "FunctionFacts | None") -> list[dict[str, Any]]:
    return list(func.extra.get("stores", ())) if func is not None else []


def _new_singleton(model: "ProjectModel", facts: "ModuleFacts", cls: "ClassFacts") -> list[Singleton]:
    new = facts.functions.get(f"{cls.qualname}.__new__")
    kept = [s["target"] for s in _stores(new) if s["target"].startswith("cls.") and not s["item"]]
    if not kept:
        return []
    store = f"{cls.name}.{kept[0].split('.', 1)[1]}"
    users = _users(model, f"{facts.module}.{cls.qualname}", facts.path)
    return [Singleton("__new__", facts.path, cls.line, cls.name, cls.name, store, users)]


def _meta_singleton(model: "ProjectModel", facts: "ModuleFacts", cls: "ClassFacts") -> list[Singleton]:
    call = facts.functions.get(f"{cls.qualname}.__call__")
    if call is None or not any(b.rsplit(".", 1)[-1] == "type" for b in cls.bases):
        return []
    kept = [s["target"] for s in _stores(call) if s["target"].startswith("cls.") and s["item"]]
    if not kept:
        return []
    store = f"{cls.name}.{kept[0].split('.', 1)[1]}"
    return [Singleton("metaclass", facts.path, cls.line, cls.name, cls.name, store)]


def _global_singleton(model: "ProjectModel", facts: "ModuleFacts", func: "FunctionFacts") -> list[Singleton]:
    out = []
    for name in func.extra.get("globals", ()):
        assign = facts.assigns.get(name)
        value = func.local_types.get(name)
        if assign is None or assign.value is not None or not isinstance(value, dict) or "call" not in value:
            continue
        if {"ref": name} not in func.returns_values:
            continue  # not a getter: the global is set for a while (and reset), not handed out
        fq = f"{facts.module}.{func.qualname}"
        holds = _built(model, facts, func, value)
        if holds:
            out.append(Singleton("global", facts.path, func.line, func.qualname, holds,
                                 f"the module global `{name}`", _users(model, fq, facts.path)))
    return out


def _built(model: "ProjectModel", facts: "ModuleFacts", func: "FunctionFacts", value: dict) -> str:
    """The class (project or external) the getter constructs, or "" when it is not a construction."""
    found = model.resolver.type_of_value(facts, func, value, 1)
    if not found:
        return ""
    if found[0] in ("instance", "ext_instance") and not found[1].startswith("builtins."):
        return found[1]
    return ""  # plain data (a dict loaded once) is a cache, not a service object


def _users(model: "ProjectModel", fq: str, own_path: str) -> list[tuple[str, int, str]]:
    """Call sites (outside tests) of the getter, or constructions of the class, by place."""
    if fq in model.functions:
        edges = list(model.callers.get(fq, ()))
    else:  # a class: every call site resolved to it (its `__init__` may not exist)
        edges = [e for caller_edges in model.edges.values() for e in caller_edges
                 if e.target.kind == "class" and e.target.name == fq]
    out = []
    for edge in edges:
        facts, caller = model.functions[edge.caller]
        if not is_test_path(facts.path):
            out.append((facts.path, edge.site.line, caller.qualname))
    return sorted(set(out))


def _recommendation(item: Singleton) -> str:
    if item.kind == "metaclass":
        return (f"Drop the metaclass from the classes that use it and build one instance of each where the "
                f"application starts, handing it to the code that needs it (a `Depends` provider reading "
                f"`app.state`); a test then simply builds its own:\n\n```python\n"
                f"class ...:  # each class declared with metaclass={item.name}, without it now\n    ...\n\n\n"
                f"@asynccontextmanager\nasync def lifespan(app: FastAPI):\n"
                f"    app.state.... = ...()  # one instance of each such class, built here\n    yield\n```")
    name = item.name.rsplit(".", 1)[-1]
    holder = item.holds.rsplit(".", 1)[-1]
    attr = holder[0].lower() + "".join(f"_{c.lower()}" if c.isupper() else c for c in holder[1:])
    return ("Create the one instance where the application starts, keep it on `app.state` (or pass it to the "
            "objects that need it), and hand it out with a dependency; the getter can stay as the dependency so "
            f"callers do not change:\n\n```python\n@asynccontextmanager\nasync def lifespan(app: FastAPI):\n"
            f"    app.state.{attr} = {holder}(...)\n    yield\n    ...  # close it here if it holds connections\n\n\n"
            f"def {name if item.kind == 'global' else 'get_' + attr}(request: Request) -> {holder}:\n"
            f"    return request.app.state.{attr}\n```")
