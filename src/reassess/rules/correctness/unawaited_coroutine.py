"""RA703 unawaited-coroutine."""
from __future__ import annotations

from typing import Iterator

from ...facts.types import KEPT_RETURNS, ArgValue, CallSite, FunctionFacts, ModuleFacts
from ...findings import Finding, Location
from ...model.project import ProjectModel
from ..api import ProjectContext, Rule, register
from ._library_coroutines import library_coroutine
from ...model.resilience.blocks import expects_failure
from .receivers import Receivers, all_transparent, call_edges, receivers_of

_ITERATORS = (("next",), ("anext",))
# Builtins whose result is never awaitable.
_PLAIN_BUILTINS = frozenset({
    "dict", "list", "set", "tuple", "frozenset", "str", "bytes", "int", "float", "bool", "len", "sorted",
    "sum", "min", "max", "round", "abs", "repr", "format", "any", "all", "isinstance", "hash", "id", "divmod",
})
_AWAITABLE_HINTS = ("Awaitable", "Coroutine", "Future", "Task", "Any", "object")
# Declared return types that can never be awaited (builtins and their typing aliases).
_PLAIN_TYPES = frozenset({
    "None", "str", "int", "float", "bool", "bytes", "dict", "list", "tuple", "set", "frozenset",
    "Dict", "List", "Tuple", "Set", "FrozenSet", "Mapping", "Sequence", "Literal",
})


@register
class UnawaitedCoroutine(Rule):
    """A coroutine that is created and never awaited, or an `await` on something not awaitable.

    What it finds:
        Calls to a project `async def` (resolved through the call graph, closures included)
        whose result is dropped as a statement, iterated with `for`, or passed to
        `next()`/`anext()`; `async for` over a call to a coroutine function (an `async def`
        without `yield`) or to a sync generator; and `await` on a call to a plain (sync,
        non-generator, undecorated) project function that visibly returns plain values
        or is declared to return a builtin value type (`str | None`, `int`; a declared
        `dict[str, Any]` is a dict; a bare `Any`, `object` or awaitable type may be awaitable
        and is left alone). A coroutine assigned and awaited later, collected
        into a list for `gather`, passed to `create_task` or returned from a sync wrapper is
        fine and not reported; neither are methods overridden in a subclass with a different
        kind of function. Also a coroutine method of a known async library dropped as a
        statement (`self._redis.publish(...)` on a `redis.asyncio.Redis`, asyncpg `conn.execute`,
        `AsyncSession.commit`, `httpx.AsyncClient.post`, `websocket.send_json`, `asyncio.sleep`)
        when the receiver's type is known; redis pipeline commands (queued synchronously),
        `put_nowait` and the sync clients are not coroutines and are left alone. A call inside
        `with pytest.raises(...)` / `self.assertRaises(...)` is made to fail and is skipped.

    Why it matters:
        Calling an `async def` only creates a coroutine object: without `await` its body
        never runs. The missing work (an audit row, a cache write, a notification) is lost
        silently, apart from a "coroutine ... was never awaited" RuntimeWarning in the logs.
        Awaiting a plain value, or `async for` over a coroutine, raises `TypeError` at that
        line, on every call.

    Example:
        self.dm.log_audit(user_id, "order.submitted", {...})   # log_audit is async def

    Instead:
        Await it, or schedule it and keep a reference to the task:

            await self.dm.log_audit(user_id, "order.submitted", {...})
    """

    id = "RA703"
    name = "unawaited-coroutine"
    category = "unawaited-coroutine"
    severity = "HIGH"
    scope = "project"
    base_effort = 0.25
    effort_per_location = 0.0

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        model = ctx.model
        receivers = receivers_of(model)
        iterated = _iterator_arguments(model)
        checked = 0
        for caller, facts, func, edge in call_edges(model):
            site = edge.site
            if expects_failure(func, site.line):
                continue  # the test makes the call to see it fail
            if edge.target.kind == "external" and site.discarded and not site.offloaded \
                    and library_coroutine(edge.target.name):
                yield self._library_dropped(model, facts, func, caller, site, edge.target.name)
                continue
            if edge.target.kind != "function" or site.offloaded:
                continue
            target_facts, target = model.functions[edge.target.name]
            checked += target.is_async
            if not site.func:
                continue
            # proving the receiver is the costly test: asked only of calls that would be wrong
            if target.is_async and not site.awaited:
                misuse = _coroutine_misuse(site, iterated.get((caller, site.line, site.name), "")) \
                    or _used_as_object(func, site)
                if misuse and receivers.proves_target(facts, func, site.func, edge.target.name,
                                                      site.callee_is_call) is not None \
                        and _overrides_async(receivers, edge.target.name, exact=site.func[0] == "()"):
                    yield self._unawaited(model, facts, func, caller, site, target_facts, target, misuse)
            elif site.used_as == "await" and receivers.proves_target(facts, func, site.func, edge.target.name,
                                                                     site.callee_is_call) \
                    is not None and _returns_plain(receivers, edge.target.name):
                yield self._awaits_plain(model, facts, func, caller, site, target_facts, target)
            elif site.used_as == "async-for" and _not_async_iterable(receivers, edge.target.name) \
                    and receivers.proves_target(facts, func, site.func, edge.target.name) is not None:
                yield self._async_for_plain(facts, func, caller, site, target_facts, target)
        ctx.examine("calls to project coroutines", checked)

    def _unawaited(self, model: ProjectModel, facts: ModuleFacts, func: FunctionFacts | None, caller: str,
                   site: CallSite, target_facts: ModuleFacts, target: FunctionFacts, misuse: str) -> Finding:
        where = f"`{func.qualname}`" if func else f"module `{caller}`"
        called = _called(site)
        line = model.line_text(facts.path, site.line)
        if misuse == "dropped":
            title = f"`{called}()` is never awaited in {where}"
            description = (f"{where} calls `{called}()` on line {site.line} as a statement, but "
                           f"`{target.qualname}` is `async def`: the call only creates a coroutine, which is "
                           "dropped, so its body never runs (Python only warns \"coroutine ... was never "
                           "awaited\").")
            fixed = f"await {line}" if func is not None and func.is_async else line
            recommendation = ("Await it (or, to run it in the background, schedule it with "
                              "`asyncio.create_task` and keep a reference to the task):\n\n"
                              f"```python\n{fixed}\n```")
            if func is not None and not func.is_async:
                recommendation = (f"`{func.qualname}` is synchronous: make it `async def` and await the call, "
                                  f"or run the coroutine with `asyncio.run(...)` where no loop is running.")
        elif misuse.startswith("binds"):
            name, use_line, chain = misuse.split(" ", 3)[1:]
            title = f"`{called}()` is never awaited in {where}: `{name}` holds a coroutine"
            description = (f"{where} assigns `{name} = {called}(...)` on line {site.line} without `await`, "
                           f"but `{target.qualname}` is `async def`: `{name}` is a coroutine object, not its "
                           f"result. Line {use_line} uses `{chain}` on it, which raises `AttributeError`, and the "
                           "coroutine's body never runs.")
            recommendation = f"Await the call:\n\n```python\n{_awaited(line)}\n```"
        else:
            title = f"Coroutine `{called}()` used as an iterator in {where}"
            description = (f"{where} {misuse} the result of `{called}()` on line {site.line}, but "
                           f"`{target.qualname}` is a coroutine function, not a generator: this raises "
                           "`TypeError` and the coroutine is never awaited.")
            recommendation = (f"Await the call and iterate over its result (`for item in await "
                              f"{called}(...)`), or make `{target.name}` an async generator (`yield`) "
                              "and use `async for`.")
        return self.finding(
            Location(facts.path, site.line, site.end_line), title, description, recommendation=recommendation,
            related=[Location(target_facts.path, target.line, target.line, f"async def {target.name}")],
        )

    def _library_dropped(self, model: ProjectModel, facts: ModuleFacts, func: FunctionFacts | None, caller: str,
                         site: CallSite, target: str) -> Finding:
        where = f"`{func.qualname}`" if func else f"module `{caller}`"
        called = _called(site)
        line = model.line_text(facts.path, site.line)
        description = (f"{where} calls `{called}()` on line {site.line} as a statement, but `{target}` is a "
                       "coroutine function: the call only creates a coroutine, which is dropped, so the "
                       "operation never happens (Python only warns \"coroutine ... was never awaited\").")
        if func is not None and func.is_async:
            recommendation = f"Await it:\n\n```python\nawait {line}\n```"
        else:
            recommendation = (f"`{func.qualname if func else caller}` is synchronous: make it `async def` and "
                              "await the call, or use the library's synchronous client here.")
        return self.finding(Location(facts.path, site.line, site.end_line),
                            f"`{called}()` is never awaited in {where}", description,
                            recommendation=recommendation)

    def _awaits_plain(self, model: ProjectModel, facts: ModuleFacts, func: FunctionFacts | None, caller: str,
                      site: CallSite, target_facts: ModuleFacts, target: FunctionFacts) -> Finding:
        where = f"`{func.qualname}`" if func else f"module `{caller}`"
        called = _called(site)
        description = (f"{where} awaits `{called}()` on line {site.line}, but `{target.qualname}` is a plain "
                       "function that returns " + _returned_text(target) + ": `await` on it raises "
                       "`TypeError: object ... can't be used in 'await' expression`.")
        return self.finding(
            Location(facts.path, site.line, site.end_line), f"`await` on non-awaitable `{called}()` in {where}",
            description,
            recommendation=(f"Drop the `await` (`{called}(...)` runs synchronously), or make "
                            f"`{target.name}` an `async def` if it is meant to do I/O."),
            related=[Location(target_facts.path, target.line, target.line, f"def {target.name} (not async)")],
        )

    def _async_for_plain(self, facts: ModuleFacts, func: FunctionFacts | None, caller: str, site: CallSite,
                         target_facts: ModuleFacts, target: FunctionFacts) -> Finding:
        where = f"`{func.qualname}`" if func else f"module `{caller}`"
        called = _called(site)
        if target.is_async:
            what, got = "a coroutine function (`async def` without `yield`)", "coroutine"
            recommendation = (f"Await the call and iterate over its result:\n\n    for row in await {called}(...):"
                              f"\n\nor make `{target.name}` an async generator (`yield` each item) to stream.")
        else:
            what, got = "a synchronous generator", "generator"
            recommendation = (f"Iterate with a plain `for` (`for row in {called}(...)`), or make `{target.name}` "
                              "an `async def` generator.")
        description = (f"{where} runs `async for` over `{called}()` on line {site.line}, but `{target.qualname}` "
                       f"is {what}: its result has no `__aiter__`, so the loop raises `TypeError: 'async for' "
                       f"requires an object with __aiter__ method, got {got}`"
                       + (" and the coroutine is never awaited." if target.is_async else "."))
        return self.finding(
            Location(facts.path, site.line, site.end_line),
            f"`async for` over non-async-iterable `{called}()` in {where}", description,
            recommendation=recommendation,
            related=[Location(target_facts.path, target.line, target.line,
                              f"{'async ' if target.is_async else ''}def {target.name} (no async iterator)")],
        )


def _not_async_iterable(receivers: Receivers, target_fq: str) -> bool:
    """A call whose result `async for` cannot iterate: a coroutine function (async, no yield) or a
    sync generator function, undecorated (a decorator could wrap it into an async iterator),
    with every project override of the same kind."""
    model = receivers.model
    _, target = model.functions[target_fq]
    if target.is_async == target.has_yield or not all_transparent(target):
        return False
    if not target.class_name:
        return True
    owner = target_fq.rsplit(".", 1)[0]
    return all((m := model.functions[fq][1]).is_async == target.is_async and m.has_yield == target.has_yield
               and all_transparent(m) for fq in receivers.overrides(owner, target.name))


_COROUTINE_MEMBERS = frozenset({"send", "throw", "close", "cr_frame", "cr_running", "cr_code", "cr_await",
                                "cr_origin", "cr_suspended", "__await__"})


def _used_as_object(func: FunctionFacts | None, site: CallSite) -> str:
    """`message = repo.get(id)` (not awaited) whose local is then used like the result: an
    attribute read in an `if` test, an attribute store, or a method call on it. A coroutine has
    none of these, so the line after raises `AttributeError`. -> "binds NAME LINE CHAIN"."""
    if func is None or not func.is_async:
        return ""
    name = next((n for n, v in func.bound_on(site.line) if v.get("call") == site.name and not v.get("entered")), "")
    if not name:
        return ""
    uses = [(line, chain) for line, chain in _object_uses(func, name, site.line)
            if chain.split(".")[1] not in _COROUTINE_MEMBERS]
    if not uses:
        return ""
    line, chain = min(uses)
    return f"binds {name} {line} {chain}"


def _object_uses(func: FunctionFacts, name: str, after: int) -> list[tuple[int, str]]:
    """(line, `name.attr`) of each use of `name` after line `after` that needs an object: an
    attribute read in an `if` test, an attribute store, a method call."""
    prefix = name + "."
    uses = [(b["line"], c) for b in func.extra.get("blocks", ()) if b.get("kind") == "if" and b["line"] > after
            for c in b.get("chains", ()) if c.startswith(prefix)]
    uses += [(st["line"], st["target"]) for st in func.extra.get("stores", ())
             if st["line"] > after and st["target"].startswith(prefix)]
    uses += [(c.line, ".".join(c.func[:2])) for c in func.calls if c.line > after and c.func
             and len(c.func) > 1 and c.func[0] == name]
    return uses


def _awaited(line: str) -> str:
    """`message = repo.get(id)` -> `message = await repo.get(id)`."""
    target, sep, value = line.partition("=")
    return f"{target}= await {value.strip()}" if sep else f"await {line}"


def _coroutine_misuse(site: CallSite, iterator: str) -> str:
    if site.discarded:
        return "dropped"
    if site.used_as == "for":
        return "iterates over"
    if iterator:
        return f"passes to `{iterator}()`"
    return ""


def _iterator_arguments(model: ProjectModel) -> dict[tuple[str, int, str], str]:
    """(caller, line, callee) of calls passed directly to `next()` / `anext()` -> which of the two."""
    found: dict[tuple[str, int, str], str] = {}
    at_module = (edge for module in sorted(model.module_edges) for edge in model.module_edges[module])
    for edge in [*model.calls_named(*(name for name, in _ITERATORS)), *at_module]:  # call_edges' order
        caller, site = edge.caller, edge.site
        if site.func in _ITERATORS and site.args and isinstance(site.args[0], dict) and "call" in site.args[0]:
            found[(caller, site.args[0].get("line", site.line), site.args[0]["call"])] = site.func[0]
    return found


def _overrides_async(receivers: Receivers, target_fq: str, exact: bool = False) -> bool:
    """The target and every override in project subclasses are plain coroutine functions (only the
    target when the receiver is `exact`, made on the spot as in `Repo(session).save(...)`)."""
    model = receivers.model
    _, target = model.functions[target_fq]
    if not all_transparent(target) or target.has_yield:
        return False
    if not target.class_name or exact:
        return True
    owner = target_fq.rsplit(".", 1)[0]
    for fq in receivers.overrides(owner, target.name):
        method = model.functions[fq][1]
        if not method.is_async or method.has_yield or not all_transparent(method):
            return False
    return True


def _returns_plain(receivers: Receivers, target_fq: str) -> bool:
    """A sync, undecorated, non-generator function whose every return value is plainly not awaitable."""
    model = receivers.model
    facts, target = model.functions[target_fq]
    if target.is_async or target.has_yield or any(not _static(d.func) for d in target.decorators):
        return False
    if _may_be_awaitable(target.returns) or len(target.returns_values) >= KEPT_RETURNS:
        return False
    if target.class_name:
        owner = target_fq.rsplit(".", 1)[0]
        shape = receivers.shape(owner)
        if shape is None or shape.builtin_bases or receivers.overrides(owner, target.name):
            return False
    return _declared_plain(target.returns) or all(_plain(receivers, facts, target, v) for v in target.returns_values)


def _declared_plain(annotation: str) -> bool:
    """The declared return type is a builtin value type (or a union of them): `str | None`,
    `Optional[int]`, `dict[str, Any]`. None of them has `__await__`."""
    text = annotation.strip().strip("'\"")
    return bool(text) and all(_head(member) in _PLAIN_TYPES for member in _members(text))


def _may_be_awaitable(annotation: str) -> bool:
    """The declared return type could be awaitable: one of its top-level members (of a union or
    `Optional`) is an awaitable, `Any` or `object`. `dict[str, Any]` is a dict, never awaitable."""
    return any(_head(member) in _AWAITABLE_HINTS for member in _members(annotation.strip().strip("'\"")))


def _members(text: str) -> list[str]:
    """Top-level members of `A | B`, `Union[A, B]`, `Optional[A]` (brackets respected)."""
    head, _, rest = text.partition("[")
    if head.rsplit(".", 1)[-1] in ("Union", "Optional") and rest.endswith("]"):
        return [m for part in _split(rest[:-1], ",") for m in _members(part.strip())]
    parts = _split(text, "|")
    return parts if len(parts) == 1 else [m for part in parts for m in _members(part.strip())]


def _split(text: str, separator: str) -> list[str]:
    parts, depth, start = [], 0, 0
    for index, char in enumerate(text):
        depth += {"[": 1, "]": -1}.get(char, 0)
        if char == separator and depth == 0:
            parts.append(text[start:index])
            start = index + 1
    return [*parts, text[start:]]


def _head(member: str) -> str:
    return member.strip().split("[", 1)[0].rsplit(".", 1)[-1]


def _static(decorator: str) -> bool:
    return decorator in ("staticmethod", "classmethod")


def _plain(receivers: Receivers, facts: ModuleFacts, func: FunctionFacts, value: ArgValue) -> bool:
    if value is None or isinstance(value, (str, int, float, bool, list)):
        return True
    if not isinstance(value, dict):
        return False
    if "literal" in value or "fstring" in value or "lambda" in value:
        return True
    callee = value.get("call")
    if not callee:
        return False
    if callee in _PLAIN_BUILTINS:
        shadowed = callee in func.local_types or any(p.name == callee for p in func.params)
        return not shadowed and callee not in receivers.model.bindings.get(facts.module, {})
    found = receivers.chain_type(facts, func, tuple(callee.split(".")))
    if found and found[0] == "class":
        shape = receivers.shape(found[1])
        return shape is not None and not shape.builtin_bases and "__await__" not in shape.members
    return False


def _returned_text(target: FunctionFacts) -> str:
    if _declared_plain(target.returns):
        return f"`{target.returns.strip()}`"
    if not target.returns_values:
        return "`None`"
    return "plain values (not a coroutine, future or task)"


def _called(site: CallSite) -> str:
    """The call as written: `container(...).commands.resolve_ack` rather than `().commands.resolve_ack`."""
    if site.func and site.func[0] == "()" and site.callee_is_call:
        return f"{site.callee_is_call}(...)." + ".".join(site.func[1:])
    return site.name
