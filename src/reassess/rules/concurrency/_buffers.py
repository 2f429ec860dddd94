"""Hand-rolled queues: a list or deque kept on an instance, filled by some methods and
drained from the front by another, with nothing that caps its length.

Found from the call sites that take from the front (`self.x.pop(0)`, `self.x.popleft()`),
then read against every method of the class: what binds the attribute (a list, a deque
without `maxlen`, nothing else), who adds to it, and whether an adder looks at `len()`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ...facts.types import CallSite, FunctionFacts, ModuleFacts
from ...findings import Location
from ...model.app import is_test_path
from ...model.resilience.blocks import logs

if TYPE_CHECKING:
    from ...model.project import ProjectModel

_ADD = frozenset({"append", "extend", "appendleft", "insert"})
_LIST_ANNOTATIONS = ("list", "List", "typing.List")


@dataclass
class Buffer:
    """`self.<attr>` of a class used as an unbounded FIFO between its methods."""

    owner: str  # class fq
    attr: str
    kind: str  # "list" or "deque"
    path: str
    line: int  # where it is bound
    producers: list[Location] = field(default_factory=list)
    consumers: list[Location] = field(default_factory=list)
    in_loop: bool = False  # some producer adds inside a loop
    adders: list[str] = field(default_factory=list)  # qualnames of the methods that add
    takers: list[str] = field(default_factory=list)  # qualnames of the methods that take from the front


_FRONT = "takes from its front"
_SWAP = "swaps it out for an empty one, and only when a condition on other state holds"


def hand_rolled_buffers(model: "ProjectModel") -> list[Buffer]:
    takers: dict[tuple[str, str], list[tuple[str, int, str]]] = {}
    for edge in model.calls_named("pop", "popleft"):
        site = edge.site
        chain = site.func or ()
        if len(chain) != 3 or chain[0] != "self" or (chain[2] == "pop" and site.args != (0,)):
            continue
        facts, func = model.functions[edge.caller]
        if func.class_name and not is_test_path(facts.path):
            takers.setdefault((f"{facts.module}.{func.class_name}", chain[1]), []).append(
                (edge.caller, site.line, _FRONT))
    for fq, facts, func in model.iter_functions():
        if not func.class_name or is_test_path(facts.path):
            continue
        for attr, line in _gated_swaps(func):
            takers.setdefault((f"{facts.module}.{func.class_name}", attr), []).append((fq, line, _SWAP))
    found = []
    for (owner, attr), sites in sorted(takers.items()):
        buffer = _buffer(model, owner, attr, sites)
        if buffer is not None:
            found.append(buffer)
    return found


def _gated_swaps(func: FunctionFacts) -> list[tuple[str, int]]:
    """(attr, line) where a method drains `self.<attr>` by swapping it for a fresh one (`batch,
    self.x = self.x, []`, or `batch = self.x` then `self.x = []`) only past a test of other state
    (`if not self._clients: continue`): while the test fails, nothing drains it. A test of the
    buffer itself (`if not self.x: continue`) skips only an empty one."""
    found = []
    for store in func.extra.get("stores", ()):
        target, line = store["target"], store["line"]
        if not _emptied(func, store):
            continue
        loops = [b for b in func.extra.get("blocks", ()) if b.get("kind") == "loop" and b["line"] < line <= b["end"]]
        start = max((b["line"] for b in loops), default=func.line)
        gates = [b for b in func.extra.get("blocks", ()) if b.get("kind") == "if" and start < b["line"] < line
                 and (b["line"] < line <= b["end"] or b.get("skips") or b.get("exits"))
                 and target not in b.get("chains", ())]
        if gates:
            found.append((target[5:], line))
    return found


def _emptied(func: FunctionFacts, store: dict) -> bool:
    """The store rebinds `self.<attr>` to an empty list after a local took the old one (`batch =
    self.x` or `batch, self.x = self.x, []`)."""
    target = store["target"]
    return store["kind"] == "set" and not store["item"] and target.startswith("self.") and target.count(".") == 1 \
        and {"ref": target} in func.local_types.values() and func.self_attrs.get(target[5:]) == []


def _buffer(model: "ProjectModel", owner: str, attr: str, takers: list[tuple[str, int, str]]) -> Buffer | None:
    if owner not in model.classes:
        return None
    methods = class_methods(model, owner)
    kind, path, line = _binding(methods, attr)
    if not kind:
        return None
    ref = {"ref": f"self.{attr}"}
    if any(_capacity_test(func, ref) for _facts, func in methods):
        return None  # producers' callers can ask whether it is full before adding: a bound they enforce
    producers: list[Location] = []
    adders: dict[str, FunctionFacts] = {}
    for facts, func in methods:
        adds = [s for s in func.calls if s.func and len(s.func) == 3 and s.func[:2] == ("self", attr)
                and s.func[2] in _ADD]
        if not adds:
            continue
        if any(s.func == ("len",) and ref in s.args for s in func.calls):
            return None  # an adder looks at the length: a cap, a drop policy
        adders[f"{facts.module}.{func.qualname}"] = func
        producers += [Location(facts.path, s.line, s.end_line, f"`{func.qualname}` adds to it"
                               + (" in a loop" if s.loop_line else "")) for s in adds]
    taking = {fq: model.functions[fq][1] for fq, _, _ in takers}
    if not set(adders) - set(taking) or not any(f.is_async for f in [*adders.values(), *taking.values()]):
        return None  # not a hand-off between methods, or nothing runs as a task
    consumers = [Location(model.functions[fq][0].path, number, number,
                          f"`{taking[fq].qualname}` {how}") for fq, number, how in takers]
    return Buffer(owner, attr, kind, path, line, producers, consumers, any("loop" in p.note for p in producers),
                  sorted(f.qualname for f in adders.values()), sorted(f.qualname for f in taking.values()))


def _capacity_test(func: FunctionFacts, ref: dict) -> bool:
    """A method answering yes or no from the buffer's length (`def is_full(self) -> bool: return
    len(self.items) >= self.limit`): the class publishes its bound for whoever adds to consult. A
    length only written into a log line (`logger.debug("evals=%d", len(self.items))`) decides nothing."""
    if func.returns != "bool":
        return False
    logged = [(s.line, s.end_line) for s in func.calls if logs(s)]
    return any(s.func == ("len",) and ref in s.args and not any(a <= s.line <= b for a, b in logged)
               for s in func.calls)


def class_methods(model: "ProjectModel", owner: str) -> list[tuple[ModuleFacts, FunctionFacts]]:
    """The facts of the methods the class `owner` defines itself (inherited ones not included)."""
    return [model.functions[f"{owner}.{name}"] for name in model.classes[owner][1].methods
            if f"{owner}.{name}" in model.functions]


def _binding(methods: list[tuple[ModuleFacts, FunctionFacts]], attr: str) -> tuple[str, str, int]:
    """(kind, path, line) of the attribute's binding when every binding in the class is an
    empty list or an unbounded deque; ("", "", 0) otherwise."""
    kind, path, line = "", "", 0
    for facts, func in methods:
        if attr not in func.self_attrs:
            continue
        found = _kind(func, func.self_attrs[attr])
        if not found or (kind and found != kind):
            return "", "", 0
        stored = next((s["line"] for s in func.extra.get("stores", ()) if s.get("target") == f"self.{attr}"
                       and not s.get("item")), 0)
        if not line or func.name == "__init__":
            kind, path, line = found, facts.path, stored or func.line
    return kind, path, line


def _kind(func: FunctionFacts, value: Any) -> str:
    if isinstance(value, list):  # a list display of literals, `[]` included
        return "list"
    if not isinstance(value, dict):
        return ""
    if "ann" in value:
        return "list" if value["ann"].split("[", 1)[0] in _LIST_ANNOTATIONS else ""
    if value.get("literal") == "list" or value.get("call") == "list":
        return "list"
    if value.get("call", "").rsplit(".", 1)[-1] == "deque":
        site = next((s for s in func.calls if s.line == value.get("line") and s.func and s.func[-1] == "deque"), None)
        if site is not None and "maxlen" not in site.kwargs and len(site.args) < 2 and not site.star_args:
            return "deque"
    return ""


def unbounded(site: CallSite) -> bool:
    """`asyncio.Queue()` built with no `maxsize` (or `maxsize <= 0`): `put()` never waits."""
    size = site.kwargs.get("maxsize", site.args[0] if site.args else None)
    if "maxsize" not in site.kwargs and not site.args:
        return not site.star_args
    return isinstance(size, (int, float)) and not isinstance(size, bool) and size <= 0
