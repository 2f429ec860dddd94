"""An XML document read whole and parsed into a tree on the event loop.

`ET.fromstring(raw)` builds an element object per tag of the document at once. When `raw` is a
whole request body or upload (`await request.body()`, `await upload.read()`) or a whole file the
coroutine just read (`await asyncio.to_thread(path.read_bytes)`), the tree is as large as the
sender or the file made it: a batch import of megabytes costs hundreds of ms on the loop, often
right after the read itself was carefully sent to a thread. Documents handed in as parameters
(a helper parsing a small push message) are left alone: their size is not visible here.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ...facts.extract import OFFLOADERS
from ...knowledge.blocking import Blocking
from ...knowledge.clients import canonical
from ._decompress import bound_to_whole_read

if TYPE_CHECKING:
    from ...facts.types import FunctionFacts
    from ...model.project import Edge, ProjectModel

XML_TREE_PARSE = Blocking("cpu", "parsing a whole XML document into a tree",
                          "`await asyncio.to_thread(ET.fromstring, raw)`, or an incremental parser "
                          "(`ET.iterparse` in a thread) for large files")
TREE_PARSERS = frozenset({f"{lib}.{fn}" for lib in ("xml.etree.ElementTree", "xml.etree.cElementTree", "lxml.etree",
                                                    "defusedxml.ElementTree", "defusedxml.lxml")
                          for fn in ("fromstring", "XML")}
                         | {"xml.dom.minidom.parseString", "defusedxml.minidom.parseString"})
_FILE_READS = frozenset({"read_bytes", "read_text", "read"})  # handed to a thread: `to_thread(path.read_bytes)`
_BODIES = frozenset({"content", "text"})  # a response's whole body, `return resp.content`


def xml_tree_parse(model: "ProjectModel", edge: "Edge") -> Blocking | None:
    """XML_TREE_PARSE when a coroutine parses, on the loop, a local it bound to a whole read."""
    name = canonical(edge.target.name) if edge.target.kind == "external" else ""
    data = edge.site.args[0] if edge.site.args else edge.site.kwargs.get("text")
    if name not in TREE_PARSERS or edge.site.offloaded or not isinstance(data, dict) \
            or not isinstance(data.get("ref"), str) or "." in data["ref"]:
        return None
    _, func = model.functions[edge.caller]
    return XML_TREE_PARSE if func.is_async and _read_whole(model, edge.caller, func, data["ref"]) else None


def _read_whole(model: "ProjectModel", caller: str, func: "FunctionFacts", local: str) -> bool:
    """`local` is bound, in this coroutine, to an awaited read of a whole body, upload or file, or to
    what a project helper handed to a thread returns when that is a whole download or file read."""
    if bound_to_whole_read(func, local):
        return True
    bound = func.local_types.get(local)
    call = str(bound.get("call", "")) if isinstance(bound, dict) else ""
    if OFFLOADERS.get(call.rsplit(".", 1)[-1]) != 0:  # `to_thread(fn, ...)`, `run_in_threadpool(fn, ...)`
        return False
    for site in func.calls:
        if site.name != call or site.line != bound.get("line") or site.used_as != "await":
            continue
        handed = site.args[0] if site.args else None
        if isinstance(handed, dict) and isinstance(handed.get("ref"), str) \
                and handed["ref"].rsplit(".", 1)[-1] in _FILE_READS and len(site.args) == 1:
            return True
        if any(_returns_whole_read(model, e.target.name) for e in model.edges.get(caller, ())
               if e.site.line == site.line and e.site.offloaded and e.target.kind == "function"):
            return True
    return False


def _returns_whole_read(model: "ProjectModel", helper: str) -> bool:
    """Every value the sync helper returns is a whole response body (`return resp.content`, `resp.text`
    of a local bound to a call) or a whole file read (`return fh.read()`, `path.read_bytes()`): a
    download or file handed to a thread (`raw = await asyncio.to_thread(download_feed, url)`)."""
    found = model.functions.get(helper)
    if found is None or found[1].is_async or not found[1].returns_values:
        return False
    func = found[1]
    return all(isinstance(value, dict) and (_body_of_response(func, value.get("ref"))
                                            or str(value.get("call", "")).rsplit(".", 1)[-1] in _FILE_READS)
               for value in func.returns_values)


def _body_of_response(func: "FunctionFacts", ref: object) -> bool:
    """`resp.content` / `resp.text` where `resp` is bound to a call in the helper."""
    if not isinstance(ref, str) or ref.count(".") != 1:
        return False
    local, attr = ref.split(".")
    bound = func.local_types.get(local)
    return attr in _BODIES and isinstance(bound, dict) and bool(bound.get("call"))
