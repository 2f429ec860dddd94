"""RA245 unbounded-cache: a dict of lists kept for the process, appended to per key and never trimmed."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterator

from ...findings import Finding, Location
from ...model.lifetime import instance_lifetime
from ..api import ProjectContext, Rule, register
from ._common import is_test_path, short

_GROW = frozenset({"append", "appendleft", "extend", "extendleft", "insert"})
_TRIM = frozenset({"pop", "popleft", "popitem", "remove", "clear", "__delitem__"})
_FETCH = frozenset({"get", "setdefault", "pop"})  # `lines = history.get(key)`: a local holding one list
_DEFAULTDICTS = frozenset({"defaultdict", "collections.defaultdict"})
_SEQUENCES = frozenset({"list", "deque", "collections.deque"})  # a plain `deque` keeps every item too
# live things kept per key (a room's sockets, a topic's subscriber queues): a registry whose leak is a
# lifecycle defect (never taken out when they end), not a history of data
_LIVE_TYPE = re.compile(r"(WebSocket\w*|Connection|Protocol|Queue|Task|Future|Event|Stream\w*)$")
_LIVE_NAME = re.compile(r"^(ws|websocket|socket|sock|conn|connection|queue|q|task|future|waiter|sid|subscriber)$")


@dataclass
class _History:
    owner: str  # class fq, or the module of a module-level dict
    attr: str  # "self._history" or "_history"
    path: str
    line: int
    grows: list[tuple[str, int]] = field(default_factory=list)  # (function fq, line) of each append
    trimmed: bool = False  # anything removes a key, trims a list, replaces one or measures one


@register
class UnboundedKeyedHistory(Rule):
    """A dict of lists on an object that lives for the process, appended to per key
    (`self._history[job_id].append(line)`), where nothing ever removes a key or trims a list.

    What it finds:
        `defaultdict(list)` (or `defaultdict(deque)` without a `maxlen`) assigned in `__init__` of a
        class whose instances live for the process (built at import, in the lifespan, kept on
        `app.state`), or at module level, that run-time code appends to under a key, when no
        function pops or deletes a key, clears the dict, trims a list (`pop`, `popleft`, `del
        lines[:-n]`, `remove`), stores a new list under a key, rebinds the dict or checks a list's
        length. The append is cited: every call adds an item that stays. A dict on an object built
        per call or per request is not reported, nor a rate limiter that drops old timestamps, nor a
        registry of live objects (a room's sockets, a topic's queues), whose leak is that they are
        not taken out when they end.

    Why it matters:
        Every key ever seen keeps its list, and every list keeps every item: memory grows with the
        traffic in two directions (more keys, longer lists) until the process restarts, and a
        reader that only wants the last lines still holds all of them. Each replica also keeps
        its own partial history.

    Example:
        self._history: dict[str, list[str]] = defaultdict(list)

        def append(self, job_id: str, line: str) -> None:
            self._history[job_id].append(line)

    Instead:
        Bound each list and drop finished keys (or keep the history in a shared store with a
        length cap and an expiry, e.g. a Redis list with `LTRIM` and `EXPIRE`):

            self._history = defaultdict(lambda: deque(maxlen=500))
            ...
            def finish(self, job_id): self._history.pop(job_id, None)
    """

    id = "RA245"
    name = "unbounded-keyed-history"
    category = "unbounded-cache"
    severity = "MEDIUM"
    scope = "project"
    base_effort = 1.0

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        model = ctx.model
        histories = _declared(model)
        ctx.examine("dicts of lists kept per key", len(histories))
        _note_uses(model, list(histories.values()))
        for history in histories.values():
            if not history.grows or history.trimmed or is_test_path(history.path):
                continue
            if history.attr.startswith("self.") and instance_lifetime(model, history.owner) != "process":
                continue
            yield self._finding(model, history)

    def _finding(self, model, history: _History) -> Finding:
        fq, line = min(history.grows, key=lambda g: (model.functions[g[0]][0].path, g[1]))
        path = model.functions[fq][0].path
        name = short(history.owner, 1)
        related = [Location(history.path, history.line, history.line, f"`{history.attr}` created here")]
        related += [Location(model.functions[f][0].path, ln, ln, f"also appends to `{history.attr}`")
                    for f, ln in history.grows if (f, ln) != (fq, line)][:4]
        return self.finding(
            Location(path, line, line),
            f"`{history.attr}` in `{name}` keeps every item appended per key for the life of the process",
            f"`{short(fq)}` appends to the list `{history.attr}` keeps under each key, and nothing removes a key "
            "or trims a list (no `pop`/`del`/`clear`, no `maxlen`, no length check). The object lives for the "
            "process, so every key ever seen keeps its list and every list keeps every item: memory grows "
            "with the traffic until a restart.",
            related=related,
            recommendation=("Cap each list and drop keys that are done, e.g.:\n\n"
                            f"    {history.attr} = defaultdict(lambda: deque(maxlen=500))\n"
                            f"    ...\n    {history.attr}.pop(key, None)  # when the key's work ends"),
        )


def _declared(model) -> dict[tuple[str, str], _History]:
    """`self.x = defaultdict(list)` in `__init__`, and module-level `X = defaultdict(list)`."""
    found: dict[tuple[str, str], _History] = {}
    for _fq, facts, func in model.iter_functions():
        if not (func.class_name and func.name == "__init__"):
            continue
        owner = f"{facts.module}.{func.class_name}"
        for attr, value in func.self_attrs.items():
            if _of_lists(value, func.calls):
                found[(owner, f"self.{attr}")] = _History(owner, f"self.{attr}", facts.path, value["line"])
    for module, facts in model.modules.items():
        for name, assign in facts.assigns.items():
            if _of_lists(assign.value, facts.module_calls):
                found[(module, name)] = _History(module, name, facts.path, assign.line)
    return found


def _of_lists(value, calls) -> bool:
    """A `defaultdict` call whose factory is `list` (or an unbounded `deque`)."""
    if not isinstance(value, dict) or value.get("call") not in _DEFAULTDICTS:
        return False
    site = next((s for s in calls if s.line == value.get("line") and s.name == value["call"]), None)
    factory = site.args[0] if site is not None and len(site.args) == 1 else None
    return isinstance(factory, dict) and factory.get("ref") in _SEQUENCES


def _note_uses(model, histories: list[_History]) -> None:
    """The appends under a key, and anything that keeps the dict or its lists from growing: one walk
    of the functions for all the dicts, each function matched to those it can reach."""
    if not histories:
        return
    reaching = _Reaching(histories)
    for fq, facts, func in model.iter_functions():
        for history in reaching.of(facts, func):
            if func.name == "__init__" and history.attr.startswith("self."):
                continue
            chain = tuple(history.attr.split("."))
            lists = _list_locals(func, history.attr)
            for site in func.calls:
                _note_call(history, fq, func, site, chain, lists)
            history.trimmed |= any(store["target"] in (history.attr, f"{history.attr}.[]", *lists)
                                   for store in func.extra.get("stores", ()))


def _note_call(history: _History, fq: str, func, site, chain: tuple[str, ...], lists: set[str]) -> None:
    if site.func == ("len",):
        ref = site.args[0].get("ref") if site.args and isinstance(site.args[0], dict) else None
        history.trimmed |= ref in lists or ref == f"{history.attr}.[]"
        return
    if not site.func or len(site.func) < 2:
        return
    receiver, method = site.func[:-1], site.func[-1]
    one_list = receiver == (*chain, "[]") or len(receiver) == 1 and receiver[0] in lists
    if receiver == chain and method in _TRIM or one_list and method in _TRIM:
        history.trimmed = True
    elif one_list and method in _GROW and func.name != "__init__" and not _live(func, site):
        history.grows.append((fq, site.line))


def _live(func, site) -> bool:
    """The item appended is a live object (`self._sockets[room].append(ws)` with `ws: WebSocket`)."""
    ref = site.args[0].get("ref") if site.args and isinstance(site.args[0], dict) else None
    if not isinstance(ref, str) or "." in ref:
        return False
    param = next((p for p in func.params if p.name == ref), None)
    annotation = param.annotation.replace('"', "").rsplit(".", 1)[-1] if param is not None else ""
    return bool(_LIVE_NAME.match(ref) or annotation and _LIVE_TYPE.search(annotation))


def _list_locals(func, attr: str) -> set[str]:
    """Locals holding one of the lists: `lines = self._history[key]`, `= self._history.get(key)`."""
    names = set()
    for name, value in func.local_types.items():
        if not isinstance(value, dict):
            continue
        call = value.get("call")
        owner, _, method = call.rpartition(".") if isinstance(call, str) else ("", "", "")
        if value.get("ref") == f"{attr}.[]" or owner == attr and method in _FETCH:
            names.add(name)
    return names


class _Reaching:
    """Which dicts a function can reach: those on its class's instances, and the module-level ones of
    its module or imported by name."""

    def __init__(self, histories: list[_History]) -> None:
        self.on_class: dict[str, list[_History]] = {}
        self.in_module: dict[str, list[_History]] = {}
        self.by_name: dict[str, list[_History]] = {}
        for history in histories:
            if history.attr.startswith("self."):
                self.on_class.setdefault(history.owner, []).append(history)
            else:
                self.in_module.setdefault(history.owner, []).append(history)
                self.by_name.setdefault(history.attr, []).append(history)

    def of(self, facts, func) -> list[_History]:
        found = [*self.on_class.get(f"{facts.module}.{func.class_name}", ()), *self.in_module.get(facts.module, ())]
        for history in (h for imp in facts.imports for h in self.by_name.get(imp.name, ())):
            if all(history is not other for other in found):  # once, however many imports name it
                found.append(history)
        return found
