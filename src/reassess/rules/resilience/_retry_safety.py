"""Whether a request may be sent again: its method, an idempotency key or dedupe field it
carries, a POST that only reads, or a single-use credential it spends. Judged per call, apart
from the grouping of calls into dependencies."""
from __future__ import annotations

import re
from ...knowledge.auth import single_use_grant
from ...knowledge.identifiers import MINTED_IDS
from ...model.resilience.calls import ExternalCall


IDEMPOTENT = frozenset({"get", "head", "options", "put", "delete", "urlopen"})

_IDEMPOTENCY_HEADER = re.compile(r"^idempotency[-_]key$", re.I)


# the last path segment of a POST that only computes an answer (a ranking, a search, a
# prediction) and changes nothing: POST only because the question is too big for a query string
_READ_ONLY_POST = re.compile(
    r"(?:^|[/:])(?:_?search|_msearch|_count|query|rank|rerank|score|predict|classify|recommend(?:ations)?"
    r"|embed(?:dings)?|lookups?|estimates?|preview|simulate"
    r"|solve|optimi[sz]e|matrix|directions|isochrones?)/?$", re.I)


def read_only_post(call: ExternalCall) -> bool:
    """A POST to an endpoint named for a read (`/v1/rank`, `/_search`, `/models/x:predict`)."""
    if call.method != "post" or not call.site.args:
        return False
    url = call.site.args[0]
    text = url.get("fstring", "") if isinstance(url, dict) else url if isinstance(url, str) else ""
    return bool(text) and bool(_READ_ONLY_POST.search(text.split("?", 1)[0]))


def fetches(call: ExternalCall) -> bool:
    """A call that fetches data (GET, a POST to a search endpoint): a degraded answer (a cached
    copy, the page without that panel) exists for it, while a failed write can only be reported."""
    return call.method in ("get", "head") or read_only_post(call)


def retry_safe(call: ExternalCall) -> bool:
    """An idempotent method, a request that sends an idempotency key, or a POST that only reads
    (safe to send again). A call lifted out of a shared request helper (`_helpers`) is judged by
    its verb and by the headers and body the helper itself sends (`headers={"Idempotency-Key": key}`)."""
    if call.method in IDEMPOTENT or call.operation.endswith(".get") or read_only_post(call):
        return True
    inner = call.details.get("helper_call")
    if inner is not None and _keyed(inner):
        return True
    return _keyed(call)


def _keyed(call: ExternalCall) -> bool:
    """The request carries an idempotency key header, or a dedupe field derived from the item sent."""
    if any(isinstance(key, str) and _IDEMPOTENCY_HEADER.match(key) for key, _value in _dict_items(call, "headers")):
        return True
    return any(isinstance(key, str) and _DEDUPE_FIELD.match(key) and _stable(value)
               for kw in _BODY_KWARGS for key, value in _dict_items(call, kw))


# a request body field the receiver deduplicates on (Stripe-style `idempotency_key`, an
# `external_ref` or `client_reference` naming the caller's own record): sent again, the same
# request is recognised instead of applied twice
_DEDUPE_FIELD = re.compile(
    r"^(?:idempotency_?key|dedupe?_?key|deduplication_?id|external_?(?:ref|reference|id)"
    r"|client_?(?:ref|reference|request_?id)|request_?id)$", re.I)
_BODY_KWARGS = ("json", "data")
# values that change on every attempt, so a resend carries a new key and is not deduplicated
_FRESH_VALUES = MINTED_IDS | {"time", "time_ns", "now", "utcnow", "random", "randint", "monotonic"}


def fresh_dedupe_key(call: ExternalCall) -> bool:
    """The body carries a dedupe field minted per attempt (`"request_id": uuid4().hex`): each send
    is made distinct on purpose, so a retry would be applied twice."""
    return any(isinstance(key, str) and _DEDUPE_FIELD.match(key) and not _stable(value)
               for kw in _BODY_KWARGS for key, value in _dict_items(call, kw))


def single_use_request(call: ExternalCall) -> bool:
    """The request's body spends a single-use credential (an OAuth authorization code): never sent twice."""
    return any(single_use_grant(_dict_items(call, kw)) for kw in _BODY_KWARGS)


def _dict_items(call: ExternalCall, kwarg: str) -> list:
    value = call.site.kwargs.get(kwarg)
    if isinstance(value, dict) and isinstance(value.get("ref"), str) and "." not in value["ref"]:
        value = call.func.local_types.get(value["ref"])  # `headers = {...}; post(..., headers=headers)`
    return value.get("items", []) if isinstance(value, dict) and value.get("literal") == "dict" else []


def _stable(value: object) -> bool:
    """The key is derived from the item sent (`str(report.id)`, a field), not minted per attempt."""
    if not isinstance(value, dict):
        return value is not None
    return (value.get("call") or "").rsplit(".", 1)[-1] not in _FRESH_VALUES
