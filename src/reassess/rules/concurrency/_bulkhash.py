"""A digest of a whole reassembled body: `data = b"".join(chunks)`, then `hashlib.sha256(data)`.

A hash is cheap per call; what makes it heavy is its input. Bytes joined from the chunks of a
stream or an upload are the whole body, as large as the client sent (a video, an archive):
hashing them costs about a second per gigabyte, all of it on the event loop. Bytes of unknown
size (a request body checked against a webhook signature, a small file) are left alone.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ...knowledge.blocking import ITERATED_HASHES, Blocking
from ...knowledge.clients import canonical

if TYPE_CHECKING:
    from ...model.project import Edge, ProjectModel

WHOLE_BODY_HASH = Blocking(
    "cpu", "hashing a whole reassembled body",
    "`await asyncio.to_thread(...)`, or a running `hashlib.sha256()` updated with each chunk as it arrives")


def whole_body_hash(model: "ProjectModel", edge: "Edge") -> Blocking | None:
    """WHOLE_BODY_HASH when `edge` hashes a local bound to `b"".join(...)` in the same function."""
    site = edge.site
    if edge.target.kind != "external" or canonical(edge.target.name) not in ITERATED_HASHES or not site.args:
        return None
    data = site.args[0] if canonical(edge.target.name) not in ("hmac.new", "hmac.digest") else (
        site.args[1] if len(site.args) > 1 else site.kwargs.get("msg"))
    if not isinstance(data, dict) or not isinstance(data.get("ref"), str) or "." in data["ref"]:
        return None
    facts, func = model.functions[edge.caller]
    bound = func.local_types.get(data["ref"])
    if not isinstance(bound, dict) or not bound.get("line") or bound.get("call"):
        return None  # `b"".join(...)` has no callee name: its receiver is a literal
    text = model.line_text(facts.path, bound["line"])
    pattern = rf"\b{re.escape(data['ref'])}\s*(?::[^=]+)?=\s*(?:await\s+)?b(['\"])\1\s*\.\s*join\s*\("
    return WHOLE_BODY_HASH if re.search(pattern, text) else None
