"""A fuzzy match of one string against every item of a loaded collection, in pure Python.

`difflib.SequenceMatcher(None, a, b).ratio()` is an O(len(a) * len(b)) Python loop: a few tens
of microseconds for short strings, but once per candidate it scales with the collection (every
active plate of a city, every customer name). `get_close_matches(word, possibilities)` does the
same over its second argument. Only a collection the function loaded (an awaited call's result)
counts: the parts of a name or the URLs of one message are a handful.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ...knowledge.blocking import FUZZY_MATCH, FUZZY_SCAN, Blocking
from ...knowledge.clients import canonical

if TYPE_CHECKING:
    from ...model.project import Edge, ProjectModel


def fuzzy_scan(model: "ProjectModel", edge: "Edge") -> Blocking | None:
    """FUZZY_SCAN for a `SequenceMatcher` built per item of a loop, or `get_close_matches`, over a
    collection the function loaded (a local bound to an awaited call: rows, a remote list)."""
    if edge.target.kind != "external":
        return None
    name = canonical(edge.target.name)
    if name not in FUZZY_MATCH:
        return None
    site = edge.site
    if name == "difflib.get_close_matches":
        pool = site.args[1] if len(site.args) > 1 else site.kwargs.get("possibilities")
        collection = str(pool.get("ref", "")) if isinstance(pool, dict) else ""
    else:
        collection = site.loop_iter if site.loop_line else ""
    return FUZZY_SCAN if collection and fetched(model, edge.caller, collection.split(".")[0]) else None


def fetched(model: "ProjectModel", caller: str, local: str) -> bool:
    """`local` holds what an awaited call returned (`plates = await repo.active_plates()`): data
    of the size of a table or a remote list, not a handful of items built in the code."""
    func = model.functions[caller][1]
    value = func.local_types.get(local)
    if not isinstance(value, dict) or not value.get("call"):
        return False
    return any(s.awaited and s.line == value.get("line") and ".".join(s.func or ()) == value["call"]
               for s in func.calls)
