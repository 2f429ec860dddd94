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
from ._bulkcompress import augmented_in_loop

if TYPE_CHECKING:
    from ...facts.types import FunctionFacts
    from ...model.project import Edge, ProjectModel

WHOLE_BODY_HASH = Blocking(
    "cpu", "hashing a whole reassembled body",
    "`await asyncio.to_thread(...)`, or a running `hashlib.sha256()` updated with each chunk as it arrives")
WHOLE_UPLOAD_HASH = Blocking(
    "cpu", "hashing a whole upload",
    "a running `hashlib.sha256()` updated with each chunk as it is read (`await upload.read(1 << 20)`), or "
    "`await asyncio.to_thread(...)`")
_UPLOAD = re.compile(r"(?:Optional\[)?(?:\w+\.)*UploadFile\]?(?:\s*\|\s*None)?")
_UPLOADS = re.compile(r"(?:list|List|Sequence)\[(?:\w+\.)*UploadFile\]")
_STREAMS = re.compile(r"stream|bytes|chunk|raw")


def whole_body_hash(model: "ProjectModel", edge: "Edge") -> Blocking | None:
    """WHOLE_BODY_HASH when `edge` hashes a local bound to `b"".join(...)` in the same function,
    WHOLE_UPLOAD_HASH when it hashes `await upload.read()` of an `UploadFile` (no size: the whole
    file) or bytes added up with `+=` over an `async for` on a stream. HMACs over the latter two
    (a webhook signature over its request body) are left alone."""
    site = edge.site
    name = canonical(edge.target.name) if edge.target.kind == "external" else ""
    if name not in ITERATED_HASHES or not site.args:
        return None
    data = site.args[0] if name not in ("hmac.new", "hmac.digest") else (
        site.args[1] if len(site.args) > 1 else site.kwargs.get("msg"))
    if not isinstance(data, dict) or not isinstance(data.get("ref"), str) or "." in data["ref"]:
        return None
    facts, func = model.functions[edge.caller]
    local = data["ref"]
    bound = func.local_types.get(local)
    if not name.startswith("hmac.") and _whole_upload(func, bound, local, site.line):
        return WHOLE_UPLOAD_HASH
    if not isinstance(bound, dict) or not bound.get("line") or bound.get("call"):
        return None  # `b"".join(...)` has no callee name: its receiver is a literal
    text = model.line_text(facts.path, bound["line"])
    pattern = rf"\b{re.escape(local)}\s*(?::[^=]+)?=\s*(?:await\s+)?b(['\"])\1\s*\.\s*join\s*\("
    return WHOLE_BODY_HASH if re.search(pattern, text) else None


def _whole_upload(func: "FunctionFacts", bound: object, local: str, line: int) -> bool:
    if isinstance(bound, dict) and bound.get("call"):
        return _upload_read(func, bound)
    return bound is None and _stream_accumulated(func, local, line)


def _upload_read(func: "FunctionFacts", bound: dict) -> bool:
    """`data = await upload.read()` with no size on an `UploadFile` parameter (or an item of a
    `list[UploadFile]` parameter): the whole file, as large as the client sent."""
    parts = tuple(bound["call"].split("."))
    if len(parts) != 2 or parts[1] != "read":
        return False
    if not any(s.func == parts and s.line == bound.get("line") and s.used_as == "await" and not s.args
               and not s.kwargs for s in func.calls):
        return False
    annotations = {p.name: p.annotation for p in func.params}
    if _UPLOAD.fullmatch(annotations.get(parts[0], "")):
        return True
    loop = next((info for info in func.extra.get("loops", {}).values() if info.get("target") == parts[0]), None)
    iterated = loop.get("iter") if loop else None
    return isinstance(iterated, dict) and bool(_UPLOADS.fullmatch(annotations.get(str(iterated.get("ref")), "")))


def _stream_accumulated(func: "FunctionFacts", local: str, line: int) -> bool:
    """`body += chunk` inside `async for chunk in request.stream():` that ends before `line`."""
    return augmented_in_loop(func, local, line, lambda start, _: any(
        s.line == start and s.used_as == "async-for" and s.func and _STREAMS.search(s.func[-1]) for s in func.calls))
