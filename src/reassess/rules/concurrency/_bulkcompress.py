"""Compressing a whole export in one call: `gzip.compress(csv_text.encode())` after a loop built `csv_text`.

One compress call is cheap or slow depending on its input alone. Text added up row by row over
a result set (`for row in rows: csv_text += ...`), joined from its parts or written row by row
into an in-memory buffer (`csv.writer(buf)`) is as large as the data it was built from: gzip at
level 9 runs at some tens of MB/s, bz2 and lzma slower still, all of it on the event loop. So is
the serialisation of a comprehension over fetched rows (`json.dumps([r.model_dump() for r in rows])`).
Data of unknown size (one JSON payload) is left alone.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Callable

from ...knowledge.blocking import MEMORY_FILES, Blocking
from ...knowledge.clients import canonical
from ._calls import bound_site
from ._fuzzy import fetched
from ._stretching import constant_value

if TYPE_CHECKING:
    from ...facts.types import CallSite, FunctionFacts
    from ...model.project import Edge, ProjectModel

BULK_COMPRESS = Blocking(
    "cpu", "compressing data built from a whole result set",
    "`await asyncio.to_thread(...)`, or a streaming response that compresses chunk by chunk")
COMPRESSORS = frozenset({"gzip.compress", "zlib.compress", "bz2.compress", "lzma.compress", "brotli.compress",
                         "zstandard.ZstdCompressor.compress"})
_JOINED = r"\b{local}\s*(?::[^=]+)?=\s*(?:b|rb|br)?(['\"])(?:\\n|,|\s)?\1\s*\.\s*join\s*\("


BULK_ARCHIVE = Blocking(
    "cpu", "compressing an archive of every item of a collection",
    "`await asyncio.to_thread(build_archive, ...)`, or a streaming archive that compresses entry by entry")
_COMPRESSED_ZIPS = frozenset({"ZIP_DEFLATED", "ZIP_BZIP2", "ZIP_LZMA"})
_ZIP_ENTRIES = frozenset({"zipfile.ZipFile.writestr", "zipfile.ZipFile.write"})


def bulk_compress(model: "ProjectModel", edge: "Edge") -> Blocking | None:
    """BULK_COMPRESS when `edge` compresses a local (or `local.encode()`) that a loop of the same
    function added to with `+=`, or that was bound to a join of parts, before the call; BULK_ARCHIVE
    for a compressing `zipfile.ZipFile` the function then fills entry by entry in a loop."""
    site = edge.site
    name = canonical(edge.target.name) if edge.target.kind == "external" else ""
    if name == "zipfile.ZipFile":
        return BULK_ARCHIVE if _archive_filled_in_loop(model, edge) else None
    data = site.args[0] if site.args else site.kwargs.get("data")
    if name not in COMPRESSORS or not isinstance(data, dict):
        return None
    if _buffer_filled_in_loop(model, edge):
        return BULK_COMPRESS
    if _joins_many_parts(model, edge, data):
        return BULK_JOIN
    if _serialised_result_set(model, edge, data):
        return BULK_COMPRESS
    local = _local_of(data)
    if not local:
        return None
    facts, func = model.functions[edge.caller]
    if _accumulated(func, local, site.line):
        return BULK_COMPRESS
    bound = _bound(func, local)
    if isinstance(bound, dict) and bound.get("call") and _built_by_callee(model, edge.caller, bound):
        return BULK_COMPRESS
    if not isinstance(bound, dict) or not bound.get("line") or bound.get("call"):
        return None  # a join's receiver is a literal: no callee name is recorded
    text = model.line_text(facts.path, bound["line"])
    return BULK_COMPRESS if re.search(_JOINED.format(local=re.escape(local)), text) else None


BULK_JOIN = Blocking(
    "cpu", "compressing text joined from the tens of thousands of parts a fixed loop built",
    "`await asyncio.to_thread(...)`, or build the repeated part once instead of per cell")
_JOIN_OF = re.compile(r"(['\"])(?:\\n|\\t|,|;|\||\s)?\1\s*\.\s*join\s*\(\s*(\w+)\s*\)")
_FILLS = frozenset({"append", "extend", "insert"})
_MANY_PARTS = 10_000  # parts of a joined text: hundreds of kilobytes for a level-9 deflate


def _joins_many_parts(model: "ProjectModel", edge: "Edge", data: dict) -> bool:
    """`zlib.compress("\\n".join(ops).encode(), level=9)` where `ops.append(...)` ran in nested
    `range` loops with constant bounds adding up to tens of thousands of parts (a watermark grid:
    `for gx in range(0, 595, 2): for gy in range(0, 200, 2)`): the size is in the code, and it is
    large. Parts a loop over data collected are of unknown count (a label's few fields) and left alone."""
    if "call" not in data:
        return False
    facts, func = model.functions[edge.caller]
    site = edge.site
    text = " ".join(model.line_text(facts.path, n) for n in range(site.line, site.end_line + 1))
    joined = {match.group(2) for match in _JOIN_OF.finditer(text)}
    return any(s.loop_line and s.line < site.line and s.func is not None and len(s.func) == 2
               and s.func[0] in joined and s.func[1] in _FILLS
               and _fixed_turns(model, edge.caller, s.line) >= _MANY_PARTS for s in func.calls)


_SERIALISERS = frozenset({"json.dumps", "orjson.dumps", "ujson.dumps", "msgpack.packb", "pickle.dumps"})
_COMPREHENSIONS = frozenset({"listcomp", "dictcomp", "setcomp", "genexp"})


def _serialised_result_set(model: "ProjectModel", edge: "Edge", data: dict) -> bool:
    """`zlib.compress(json.dumps(payload).encode(), 9)` with `payload = [r.model_dump() for r in rows]`
    and `rows = await repo.history(...)`: every row of a fetched result set, serialised, then
    compressed in one call, as large as the result set (a handful of fields it was built from would be
    a dict display, not a comprehension over fetched rows)."""
    if "call" not in data or data["call"] not in ("", *_SERIALISERS):
        return False  # the serialiser's output itself, or its `.encode()`
    func = model.functions[edge.caller][1]
    for other in model.edges.get(edge.caller, ()):
        site = other.site
        if site.line != data.get("line") or other.target.kind != "external" or not site.args \
                or canonical(other.target.name) not in _SERIALISERS:
            continue
        local = site.args[0].get("ref") if isinstance(site.args[0], dict) else None
        bound = func.local_types.get(local) if isinstance(local, str) else None
        over = bound.get("over") if isinstance(bound, dict) and bound.get("literal") in _COMPREHENSIONS else None
        rows = over.get("ref") if isinstance(over, dict) else None
        if isinstance(rows, str) and "." not in rows and fetched(model, edge.caller, rows):
            return True
    return False


def _fixed_turns(model: "ProjectModel", fq: str, line: int) -> int:
    """How many times the statement on `line` runs, from the constant bounds of the `range` loops
    around it (0 when any of them walks data or a bound that is not a constant)."""
    func = model.functions[fq][1]
    turns = 1
    for start, info in func.extra.get("loops", {}).items():
        if not start < line <= info["end"]:
            continue
        iterable = info.get("iter")
        if info.get("kind") != "for" or not isinstance(iterable, dict) or iterable.get("call") != "range":
            return 0
        loop = next((s for s in func.calls if s.line == start and s.func == ("range",)), None)
        bounds = [constant_value(model, fq, arg) for arg in loop.args] if loop is not None else []
        if not 1 <= len(bounds) <= 3 or not all(type(b) is int for b in bounds) or bounds[-1] == 0 and len(bounds) == 3:
            return 0
        turns *= len(range(*bounds))
    return turns


def _archive_filled_in_loop(model: "ProjectModel", edge: "Edge") -> bool:
    """`with zipfile.ZipFile(buf, "w", compression=ZIP_DEFLATED) as archive:` on an in-memory buffer
    and then `archive.writestr(...)` in a loop over data (photos, rows): one deflate over the whole
    collection, CPU work alone."""
    site = edge.site
    mode = site.kwargs.get("compression", site.args[2] if len(site.args) > 2 else None)
    if not (isinstance(mode, dict) and str(mode.get("ref", "")).rsplit(".", 1)[-1] in _COMPRESSED_ZIPS):
        return False
    func = model.functions[edge.caller][1]
    if not _in_memory(func, site.kwargs.get("file", site.args[0] if site.args else None)):
        return False  # an archive written to disk is blocking file I/O, reported as such
    loops = func.extra.get("loops", {})
    return any(e.site.line > site.line and e.site.loop_line and canonical(e.target.name) in _ZIP_ENTRIES
               and _over_data(loops.get(e.site.loop_line, {})) for e in model.edges.get(edge.caller, ())
               if e.target.kind == "external")


def _in_memory(func: "FunctionFacts", target: object) -> bool:
    """The archive is written to an in-memory buffer (`buffer = io.BytesIO()`): no disk is touched."""
    if isinstance(target, dict) and isinstance(target.get("ref"), str) and "." not in target["ref"]:
        target = func.local_types.get(target["ref"])
    return isinstance(target, dict) and target.get("call") in MEMORY_FILES


def _over_data(loop: dict) -> bool:
    """A `for` loop over a name or a call's result, not over literals written in the code."""
    value = loop.get("iter")
    return loop.get("kind") == "for" and isinstance(value, dict) and ("ref" in value or "call" in value)


def _bound(func: "FunctionFacts", local: str) -> object:
    """What the local was bound to: a value, or its part of a call's tuple (`body, n = build(rows)`)."""
    return func.local_types.get(local) or func.extra.get("unpacked", {}).get(local)


def _local_of(data: dict) -> str:
    """`csv_text` for the argument `csv_text` or `csv_text.encode()`."""
    ref = data.get("ref")
    if isinstance(ref, str) and "." not in ref:
        return ref
    call = str(data.get("call") or "")
    receiver, _, method = call.rpartition(".")
    return receiver if method == "encode" and receiver and "." not in receiver else ""


def augmented_in_loop(func: "FunctionFacts", local: str, line: int, accepts: Callable[[int, dict], bool]) -> bool:
    """`local += ...` inside a `for` loop that ends before `line` and that `accepts(start line, loop info)`."""
    loops = func.extra.get("loops", {})
    for store in func.extra.get("stores", ()):
        if store["target"] != local or store["kind"] != "aug":
            continue
        for start, info in loops.items():
            if info["kind"] == "for" and start <= store["line"] <= info["end"] < line and accepts(start, info):
                return True
    return False


def _accumulated(func: "FunctionFacts", local: str, line: int) -> bool:
    """`local += ...` inside a `for` loop over a name or a call's result that ends before `line`."""
    return augmented_in_loop(func, local, line, lambda _, info: isinstance(info.get("iter"), dict)
                             and ("ref" in info["iter"] or "call" in info["iter"]))


def _built_by_callee(model: "ProjectModel", caller: str, bound: dict) -> bool:
    """`body = postings_csv(rows)` where the project function returns a local it added to
    row by row (`out += ...` in a loop over its input): the same export, built one call down."""
    edge = next((e for e in model.edges.get(caller, ()) if e.site.line == bound.get("line")
                 and e.target.kind == "function" and e.site.func and e.site.func[-1] == bound["call"].split(".")[-1]),
                None)
    if edge is None or edge.target.name not in model.functions:
        return False
    _, callee = model.functions[edge.target.name]
    values = [_part(v, bound.get("index")) for v in callee.returns_values]
    return len(values) == 1 and isinstance(values[0], dict) and _built_row_by_row(callee, values[0])


def _built_row_by_row(func: "FunctionFacts", value: dict) -> bool:
    """The function returns a local it added to in a loop over its input, or the contents of an
    in-memory buffer a loop wrote its rows into (`return buf.getvalue().encode()`)."""
    returned, line = value.get("ref"), value.get("line")
    if isinstance(returned, str) and "." not in returned and _accumulated(func, returned, func.end_line + 1):
        return True
    return isinstance(line, int) and _buffer_filled_before(func, line)


def _part(value: object, index: object) -> object:
    """The item at `index` of a returned tuple (`return body, ids` read as `body, _ = build()`)."""
    if not isinstance(index, int):
        return value
    items = value.get("items", ()) if isinstance(value, dict) and value.get("literal") == "tuple" else ()
    return items[index] if index < len(items) else None


_WRITES = frozenset({"write", "writelines", "writerow", "writerows"})


def _buffer_filled_in_loop(model: "ProjectModel", edge: "Edge") -> bool:
    """`gzip.compress(buf.getvalue().encode())` where a loop before the call wrote the rows into the
    in-memory buffer `buf`, itself or through a writer made on it (`csv.writer(buf).writerow(row)`)."""
    return _buffer_filled_before(model.functions[edge.caller][1], edge.site.line)


def _buffer_filled_before(func: "FunctionFacts", line: int) -> bool:
    """The in-memory buffer whose `getvalue()` is read on `line` got its rows in a loop before it."""
    buffers = _buffers_read(func, line)
    if not buffers:
        return False
    writers = buffers | {name for name, bound in func.local_types.items() if isinstance(bound, dict)
                         and bound.get("call") and _made_on(func, bound, buffers)}
    return any(_written_in_loop(func, site, writers, line) for site in func.calls)


def _buffers_read(func: "FunctionFacts", line: int) -> set[str]:
    """The in-memory buffers (`buf = io.StringIO()`) whose `getvalue()` the call on `line` reads."""
    read = {s.func[0] for s in func.calls if s.line == line and s.func and len(s.func) == 2
            and s.func[1] == "getvalue"}
    return {b for b in read if (func.local_types.get(b) or {}).get("call") in MEMORY_FILES}


def _written_in_loop(func: "FunctionFacts", site: "CallSite", writers: set[str], line: int) -> bool:
    """`site` writes into one of `writers` (`writer.writerow(row)`) in a loop that ends before `line`."""
    return bool(site.loop_line) and site.line < line and site.func is not None and len(site.func) == 2 \
        and site.func[0] in writers and site.func[1] in _WRITES and _loop_ends_before(func, site.loop_line, line)


def _made_on(func: "FunctionFacts", bound: dict, buffers: set[str]) -> bool:
    """The local was made by a call given one of the buffers first (`writer = csv.writer(buf)`)."""
    site = bound_site(func, bound)
    return site is not None and bool(site.args) and isinstance(site.args[0], dict) \
        and site.args[0].get("ref") in buffers


def _loop_ends_before(func: "FunctionFacts", loop_line: int, line: int) -> bool:
    info = func.extra.get("loops", {}).get(loop_line)
    return bool(info) and info["end"] < line
