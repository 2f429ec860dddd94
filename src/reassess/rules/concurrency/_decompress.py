"""Decompressing and parsing a whole payload in one call: `json.loads(zlib.decompress(blob))`.

Decompression is cheap per byte, but its output is not bounded by its input: a client upload
of a few megabytes (or a crafted one) expands tenfold to a thousandfold, and the parse that
follows builds every row or object of it at once, all of it on the event loop. Bytes handed in
by the caller (an upload, a file, a stored blob), read whole from a request, or fetched whole by a
project coroutine declared to return `bytes` (`raw = await store.get_bytes(bucket, key)`: an
object as large as whoever stored it made it) are of the size the sender chose; a decompress whose result is kept as bytes (a cache entry returned as it is)
is left alone.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ...knowledge.blocking import Blocking
from ...knowledge.clients import canonical

if TYPE_CHECKING:
    from ...facts.types import FunctionFacts
    from ...model.project import Edge, ProjectModel

DECOMPRESS_PARSE = Blocking(
    "cpu", "decompressing and parsing a whole payload",
    "`await asyncio.to_thread(...)`, with a cap on the decompressed size (`zlib.decompressobj().decompress(data, "
    "max_length)`)")
DECOMPRESSORS = frozenset({"gzip.decompress", "zlib.decompress", "bz2.decompress", "lzma.decompress",
                           "brotli.decompress", "zstandard.decompress"})
PARSERS = frozenset({"json.loads", "orjson.loads", "ujson.loads", "simplejson.loads", "csv.reader", "csv.DictReader",
                     "pickle.loads", "msgpack.unpackb", "msgpack.loads", "yaml.safe_load", "yaml.load",
                     "xml.etree.ElementTree.fromstring", "lxml.etree.fromstring", "pandas.read_csv",
                     "pandas.read_json"})
_WHOLE_READS = frozenset({"read", "body"})


def decompress_parse(model: "ProjectModel", edge: "Edge") -> Blocking | None:
    """DECOMPRESS_PARSE when `edge` decompresses bytes of the sender's size (a parameter, or a
    local bound to `await upload.read()` / `await request.body()`) and a parser on the same
    statement turns the result into objects."""
    name = canonical(edge.target.name) if edge.target.kind == "external" else ""
    data = edge.site.args[0] if edge.site.args else edge.site.kwargs.get("data")
    if name not in DECOMPRESSORS or not isinstance(data, dict) or not isinstance(data.get("ref"), str):
        return None
    _, func = model.functions[edge.caller]
    if not _sender_sized(func, data["ref"]) and not fetched_whole(model, edge.caller, data["ref"]):
        return None
    site = edge.site
    parsed = any(other.target.kind == "external" and canonical(other.target.name) in PARSERS
                 and other.site.line <= site.line and site.end_line <= other.site.end_line
                 for other in model.edges.get(edge.caller, ()))
    return DECOMPRESS_PARSE if parsed else None


def _sender_sized(func: "FunctionFacts", local: str) -> bool:
    """`local` is a parameter (bytes the caller hands in), or bound to a whole read of a body."""
    if "." in local:
        return False
    if any(p.name == local for p in func.params) and local not in func.local_types:
        return True
    return bound_to_whole_read(func, local)


def fetched_whole(model: "ProjectModel", fq: str, local: str) -> bool:
    """`local` is bound to an awaited call of a project coroutine declared to return `bytes`
    (`raw = await self._store.get_bytes(bucket, key)`): a whole stored object or download."""
    bound = model.functions[fq][1].local_types.get(local) if "." not in local else None
    if not isinstance(bound, dict) or not bound.get("call"):
        return False
    for edge in model.edges.get(fq, ()):
        site = edge.site
        if site.line == bound.get("line") and site.name == bound["call"] and site.awaited \
                and edge.target.kind == "function" and edge.target.name in model.functions:
            callee = model.functions[edge.target.name][1]
            return callee.is_async and callee.returns.strip().strip("'\"") == "bytes"
    return False


def bound_to_whole_read(func: "FunctionFacts", local: str) -> bool:
    """`local` is bound to an awaited whole read of a body or upload (`await request.body()`,
    `await upload.read()`): as many bytes as the sender chose."""
    bound = func.local_types.get(local)
    call = str(bound.get("call", "")) if isinstance(bound, dict) else ""
    return bool(call) and call.rsplit(".", 1)[-1] in _WHOLE_READS and any(
        s.line == bound.get("line") and s.used_as == "await" and not s.args and not s.kwargs
        for s in func.calls if s.name == call)
