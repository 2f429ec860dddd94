"""Which loops iterate over data, for model/roundtrips.py: a round trip per turn of a retry,
paging, polling or message loop, or of a loop over a constant, is no N+1."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from ..facts.types import CallSite, FunctionFacts, ModuleFacts
from ..knowledge.queues import MESSAGE_STREAM_ITERATORS
from ..knowledge.retry import SLEEPS
from ..knowledge.servers import SOCKET_STREAMS

if TYPE_CHECKING:
    from .project import ProjectModel

_RETRY_TARGET = re.compile(r"^_?(attempt|attempts|retry|retries|try|tries|n_?try|i_?try)\d*$", re.I)
_PAGED = re.compile(r"(^|_)(page|pages|chunk|chunks|batch|batches|segment|offset|offsets|cursor|window|slice)s?($|_)",
                    re.I)
# `list_for_window(...)`, `rows_in_batch(...)`: the paging word names the filter of a call returning rows, not pages
_FILTERED_BY = re.compile(r"_(for|in|by|of|within|per|during|over)_(\w+_)?(page|chunk|batch|segment|cursor|window|"
                          r"slice)s?($|_)", re.I)
# `for sub in page:` walks the rows of one fetched page: a trip per row is per item, as in any data loop
_ONE_PAGE = re.compile(r"^_?(current_|this_|next_)?page$", re.I)
_CHUNKERS = frozenset({"chunked", "batched", "partition", "grouper"})


def data_loop(model: "ProjectModel", fq: str, loops: dict[int, dict], line: int) -> int:
    """The innermost loop around `line` that iterates over data (0 when every enclosing loop
    is a `while` (or a count of steps the body ends early), a retry loop (also one trying the next
    candidate after a unique-key collision), a paging loop, a polling loop, a consumer of a
    message stream or a loop over a constant)."""
    facts, func = model.functions[fq]
    enclosing = sorted((start for start, info in loops.items() if start <= line <= info.get("end", start)),
                       reverse=True)
    for start in enclosing:
        info = loops[start]
        if info["kind"] == "while" and _drains(func, info, start):
            return start
        if info["kind"] == "while" or info.get("capped") or _bounded(model, facts, func, info, start) \
                or _polls(model, fq, info, start) or _message_stream(info) \
                or _socket_messages(model, facts, func, info):
            continue  # `capped`: `for step in range(max_steps): ... break`, a `while` with a cap (facts)
        if info.get("retry"):
            continue  # `except IntegrityError: continue` then `return`: a turn per refused candidate (facts)
        return start
    return 0


def _message_stream(info: dict) -> bool:
    """`async for message in pubsub.listen():`: a consumer of messages that arrive one at a time,
    like a `while True` reading a queue; what one turn sends cannot be batched with the next."""
    it = info.get("iter")
    return bool(info.get("async")) and isinstance(it, dict) and \
        str(it.get("call", "")).rsplit(".", 1)[-1] in MESSAGE_STREAM_ITERATORS


def _socket_messages(model: "ProjectModel", facts: ModuleFacts, func: FunctionFacts, info: dict) -> bool:
    """`async for msg in ws:` over an aiohttp websocket (`web.WebSocketResponse`, a client's
    `ws_connect`): each turn is a message the peer sent, handled as it arrives."""
    it = info.get("iter")
    ref = it.get("ref") if info.get("async") and isinstance(it, dict) else None
    if not isinstance(ref, str) or "." in ref:
        return False
    found = model.resolver.type_of_name(facts, func, ref)
    return found is not None and found[1] in SOCKET_STREAMS


def _polls(model: "ProjectModel", fq: str, info: dict, line: int) -> bool:
    """`for _ in range(n): ...; await asyncio.sleep(3)`: a count of turns whose number is never
    read, paced by a sleep, repeats the same work over time (a poll or a retry), item by item
    over nothing; like a `while` loop, not a loop over data."""
    if not info.get("unused"):
        return False
    end = info.get("end", line)
    return any(edge.target.name in SLEEPS and line < edge.site.line <= end for edge in model.edges.get(fq, ()))


def _drains(func: FunctionFacts, info: dict, line: int) -> bool:
    """`while pending: item = pending.pop()`: a loop that works through a local collection
    one item per turn iterates over data as surely as a `for` does."""
    test = info.get("iter")
    name = test.get("ref", "") if isinstance(test, dict) else ""
    if not name.isidentifier():
        return False
    end = info.get("end", line)
    return any(site.func == (name, verb) and line < site.line <= end
               for site in func.calls for verb in ("pop", "popleft"))


def graph_walk(func: FunctionFacts, info: dict, line: int) -> str:
    """`while stack: node = stack.pop()` ... `stack.append(child)`: a drained work list the body
    feeds with what each turn finds, a walk over a graph (children, references, links). Each
    turn's round trip depends on the previous one's result, so the turns cannot be batched per
    item as a `for` over known keys can. Returns the work list's name ("" for any other loop)."""
    if info.get("kind") != "while" or not _drains(func, info, line):
        return ""
    name = info["iter"]["ref"]
    end = info.get("end", line)
    fed = any(site.func == (name, verb) and line < site.line <= end
              for site in func.calls for verb in ("append", "extend", "appendleft", "add"))
    return name if fed else ""


def _bounded(model: "ProjectModel", facts: ModuleFacts, func: FunctionFacts, info: dict, line: int) -> bool:
    """A loop over a literal, a module constant, an enum, `range(<literal>)`, retry attempts,
    pages/chunks or an endless `itertools.count()` tick: the number of round trips does not
    grow with the data."""
    target = info.get("target", "")
    if _RETRY_TARGET.match(target) or any(_PAGED.search(part) for part in target.split(",") if part):
        return True
    return _bounded_value(model, facts, func, info.get("iter"), line, depth=0)


def _bounded_value(model: "ProjectModel", facts: ModuleFacts, func: FunctionFacts | None, value: Any,
                   line: int, depth: int) -> bool:
    if depth > 3:
        return False
    if isinstance(value, (list, str)):
        return True
    if not isinstance(value, dict):
        return False
    if "literal" in value:
        return value["literal"] in ("tuple", "list", "set", "dict") and 0 <= value.get("size", -1) <= 20
    if "ref" in value:
        name = value["ref"]
        tail = name.rsplit(".", 1)[-1]
        if _PAGED.search(tail) and not _ONE_PAGE.match(tail):
            return True
        return _constant_ref(model, facts, func, name, depth)
    if "call" in value:
        name = value["call"]
        tail = name.rsplit(".", 1)[-1]
        if tail in ("items", "keys", "values") and "." in name:
            return _constant_ref(model, facts, func, name.rsplit(".", 1)[0], depth)
        site = _call_at(func, value.get("line", line), tail) if func else None
        if tail == "range" and site is not None:
            if _strided(site):
                return True
            return bool(site.args) and all(_fixed_count(model, facts, func, a, line, depth) for a in site.args)
        if tail in ("enumerate", "sorted", "reversed", "list", "tuple", "set", "zip") and site is not None \
                and site.args:
            return all(_bounded_value(model, facts, func, a, line, depth + 1) for a in site.args)
        if tail == "cast" and site is not None and len(site.args) == 2:  # `cast(list[Block], [A, B, C])`
            return _bounded_value(model, facts, func, site.args[1], line, depth + 1)
        if (_PAGED.search(tail) and not _FILTERED_BY.search(tail)) or tail in _CHUNKERS:
            return True
        if _counter(facts, name):
            return True  # `for cycle in itertools.count():` is a polling loop, like `while True`
        return _fixed_listing(model, facts, func, name, depth)
    return False


def _fixed_listing(model: "ProjectModel", facts: ModuleFacts, func: FunctionFacts | None, name: str,
                   depth: int) -> bool:
    """`for key, cls in get_builtin_evaluators():` where the project function takes nothing and
    returns a comprehension over a module constant (`[(c.key, c) for c in _REGISTRY.values()]`):
    the loop walks what the code registered, as a loop over that constant itself would."""
    callee = model.resolver.project_function(facts, func, tuple(name.split(".")))
    if not callee or callee not in model.functions:
        return False
    owner, target = model.functions[callee]
    if target.params or not target.returns_values:
        return False
    return all(isinstance(v, dict) and "over" in v
               and _bounded_value(model, owner, target, v["over"], v["over"].get("line", target.line)
                                  if isinstance(v["over"], dict) else target.line, depth + 1)
               for v in target.returns_values)


def _fixed_count(model: "ProjectModel", facts: ModuleFacts, func: FunctionFacts | None, value: Any, line: int,
                 depth: int) -> bool:
    """A bound of `range()` fixed by the code: a literal, a constant, or the length of a fixed
    collection (`range(len(Priority))` over an Enum class's members, `len(KINDS)`)."""
    if isinstance(value, int):
        return True
    if not isinstance(value, dict):
        return False
    if "ref" in value:
        return _constant_ref(model, facts, func, value["ref"], depth)
    site = _call_at(func, value.get("line", line), "len") if func and value.get("call") == "len" else None
    return site is not None and len(site.args) == 1 and _bounded_value(model, facts, func, site.args[0], line,
                                                                         depth + 1)


def _strided(site: CallSite) -> bool:
    """`range(0, len(rows), BATCH)`: a step other than 1 walks a collection chunk by chunk, one
    round trip per chunk of items (the batching itself, like a loop over `chunks`)."""
    if len(site.args) != 3:
        return False
    step = site.args[2]
    return not (isinstance(step, int) and abs(step) <= 1) and not (isinstance(step, dict) and "literal" in step)


def _counter(facts: ModuleFacts, name: str) -> bool:
    """`itertools.count()` (or `count()` imported from itertools): an endless tick counter."""
    if name == "itertools.count":
        return True
    return name == "count" and any(i.module == "itertools" and i.name == "count" and i.bound == "count"
                                   for i in facts.imports)


def _call_at(func: FunctionFacts, line: int, tail: str) -> CallSite | None:
    for site in func.calls:
        if site.line == line and site.func and site.func[-1] == tail:
            return site
    return None


_GROWS = frozenset({"append", "appendleft", "extend", "insert", "add", "update"})


def _grown(func: FunctionFacts, name: str) -> bool:
    """The local literal gets more items later in the function: its written-out size bounds nothing."""
    return any(site.func and len(site.func) == 2 and site.func[0] == name and site.func[1] in _GROWS
               for site in func.calls)


def _built_from_literal(model: "ProjectModel", module: str, value: Any) -> bool:
    """A module constant bound at import to what a project function without parameters returns,
    and that is a literal or a comprehension over one (`REGISTRY = _build()` where `_build` returns
    `{cls.kind: cls for cls in (A, B, C)}`): its size is fixed by the code, not by data."""
    name = value.get("call", "") if isinstance(value, dict) else ""
    if not name or "." in name:
        return False
    binding = model.bindings.get(module, {}).get(name)
    fq = binding.target if binding is not None else f"{module}.{name}"
    func = model.functions[fq][1] if fq in model.functions else None
    if func is None or func.params or not func.returns_values:
        return False
    return all(_fixed_literal(v) for v in func.returns_values)


def _fixed_literal(value: Any, depth: int = 0) -> bool:
    """A written-out collection of at most 20 items, or a comprehension over one."""
    if not isinstance(value, dict) or depth > 2:
        return False
    if "over" in value:
        return _fixed_literal(value["over"], depth + 1)
    return value.get("literal") in ("tuple", "list", "set", "dict") and 0 <= value.get("size", -1) <= 20


def _constant_ref(model: "ProjectModel", facts: ModuleFacts, func: FunctionFacts | None, name: str,
                  depth: int) -> bool:
    """A name bound to a literal collection: a local literal, an UPPER_CASE module constant or
    class attribute, or an Enum class."""
    if not name:
        return False
    parts = name.split(".")
    if func is not None and len(parts) == 1 and name in func.local_types:
        value = func.local_types[name]
        # `rows = []` filled further down is data, not a constant: only a written-out literal bounds a loop
        literal = isinstance(value, dict) and value.get("literal") in ("tuple", "list", "set")
        if isinstance(value, dict) and value.get("call", "").rsplit(".", 1)[-1] == "cast":
            # `kinds = cast(list[type[Block]], [A, B, C])`: the literal under the type hint
            return _bounded_value(model, facts, func, value, value.get("line", 0), depth + 1)
        if literal and _grown(func, name):
            return False  # `docs = [await inbox.get()]`, then `docs.append(...)` while more is waiting: data
        return (isinstance(value, list) and bool(value)) or (literal and 0 < value.get("size", -1) <= 20)
    found = model.resolver.type_of_chain(facts, func, tuple(parts)) if parts[0] else None
    if found and found[0] == "class":
        return model.is_enum(found[1])
    tail = parts[-1]
    if tail.isupper() or tail.lstrip("_").isupper():
        module = model.modules.get(facts.module)
        assign = module.assigns.get(tail) if module and len(parts) == 1 else None
        owner = facts.module  # where the constant is bound: here, or the module it is imported from
        if assign is None and len(parts) == 1:
            binding = model.bindings.get(facts.module, {}).get(tail)
            target = binding.target if binding is not None else ""
            owner, _, attr = target.rpartition(".")
            assign = model.modules[owner].assigns.get(attr) if owner in model.modules else None
        if assign is not None:
            return _bounded_value(model, facts, None, assign.value, assign.line, depth + 1) or (
                isinstance(assign.value, dict) and assign.value.get("literal") == "dict") or \
                _built_from_literal(model, owner, assign.value)
        return len(parts) > 1  # Class.CONSTANT / module.CONSTANT: a constant by convention
    return False
