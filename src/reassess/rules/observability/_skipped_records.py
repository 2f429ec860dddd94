"""Items a background loop drops when they cannot be read or processed (`except (KeyError,
ValueError): continue`): left out of a collected batch, or skipped before their processing.
RA603 reports the processing drop; RA110 the undecodable items, so both ask here."""
from __future__ import annotations

from ...model.project import ProjectModel
from ...model.resilience import blocks as blk
from ...knowledge.exceptions import DECODE_ERRORS, RECORD_DECODE_ERRORS, last_name, only
from ._silent_handlers import enclosing_loop, silent, try_body, try_body_calls, try_calls


# `Decimal("n/a")` raises `decimal.InvalidOperation`: a number field that could not be read
_FIELD_ERRORS = DECODE_ERRORS | {"InvalidOperation"}


def _decode_skip_loop(func, handler: dict, exits: tuple[str, ...] = ("continue",)) -> dict | None:
    """The loop a silent `except (ValueError, KeyError): continue` skips to the next item of."""
    types = handler["types"]
    if not types or handler.get("exit") not in exits or not only(types, _FIELD_ERRORS) \
            or not silent(func, handler):
        return None
    return enclosing_loop(func, handler["line"])


def undecodable_skipped(func, handler: dict):
    """The awaited processing call a skipped item misses: `try: record = _parse(msg.value)
    except (ValueError, KeyError): continue` in a background loop, then `await handle(record)`.
    The loop goes on, but the item is gone with no trace. A handler that logs, substitutes a
    default or sits around the processing itself is not this."""
    loop = _decode_skip_loop(func, handler)
    if loop is None or not try_calls(func, handler):
        return None
    later = [c for c in blk.calls_in(func, handler["end"] + 1, loop["end"]) if c.awaited]
    return later[0] if later else None


_COLLECT = frozenset({"append", "add", "extend", "appendleft"})


def collected_skip(model: ProjectModel, fq: str, func, handler: dict):
    """The project call whose result the loop collects, when a silent `except (KeyError,
    ValueError): continue` leaves the item out of the collection: `try:
    records.append(map_record(raw)) except (KeyError, ValueError): continue`. The batch comes out
    shorter with no trace of what was dropped. Only a record's missing field (`KeyError` caught)
    with the project's own builder is judged: conversions of plain values (`int(v)`, an enum of
    a query key) skipped on `ValueError` are parsing, not lost records. `pass` leaves the item out
    the same way when the `try` holds nothing but the collecting call; and a `continue` skips the
    collection further down the loop of the fields the `try` read (`cost = Decimal(row["cost"])`,
    then `rows.append({"cost": cost, ...})`): that collecting call is answered."""
    loop = _decode_skip_loop(func, handler, ("continue", "pass"))
    if loop is None:
        return None
    fields = "KeyError" in map(last_name, handler["types"])
    if not fields and (later := _record_collected_later(func, handler, loop)) is not None:
        return later
    calls = try_body_calls(func, handler)
    lines = {line for c in calls if _collects(c) for line in range(c.line, c.end_line + 1)}
    body = try_body(func, handler)
    if handler.get("exit") == "pass" and not _only_collecting(body, lines):
        return None
    built = _collected_build(model, fq, calls, lines, fields)
    if not fields:
        return built
    if built is None and handler.get("exit") == "continue" and body is not None:
        built = _collected_later(func, body, handler, loop)
    return built


def _only_collecting(body: dict | None, lines: set[int]) -> bool:
    """The `try` holds nothing but the collecting call (`lines`): only then does `pass` drop the item
    the way `continue` does (with more in the body, `pass` goes on to the rest of the loop)."""
    return bool(body and set(range(body["line"] + 1, body["end"] + 1)) <= lines)


def _collected_build(model: ProjectModel, fq: str, calls: list, lines: set[int], fields: bool):
    """The project call inside a collecting call that builds the item (`map_record(raw)` in
    `records.append(...)`); without `KeyError` caught, only one that reads a record's fields."""
    targets = {(e.site.line, e.site.col): e.target for e in model.edges.get(fq, ())}
    return next((c for c in calls if c.line in lines and not _collects(c)
                 and (t := targets.get((c.line, c.col))) is not None and t.is_project
                 and (fields or _record_of_fields(model, c, t))), None)


def _record_of_fields(model: ProjectModel, call, target) -> bool:
    """`SettlementRow(raw["ref"], Decimal(raw["amount"]), ...)`: a project record (a class, not an enum)
    built from two or more values, so a conversion failing on one field (`ValueError`) drops a whole
    record; `Color(value)` converting one value is parsing."""
    return target.kind == "class" and not model.is_enum(target.name) and len(call.args) + len(call.kwargs) >= 2


def _record_collected_later(func, handler: dict, loop: dict):
    """`try: record = parse(json.loads(fields["payload"])) except json.JSONDecodeError: continue`, then
    `records.append(record)` further down the loop: a message that could not be decoded as a whole is
    left out of the batch with no trace. A plain value's conversion (`int(v)` on `ValueError`) is not."""
    body = try_body(func, handler)
    if handler.get("exit") != "continue" or body is None \
            or not any(last_name(t) in RECORD_DECODE_ERRORS for t in handler["types"]):
        return None
    return _collected_later(func, body, handler, loop)


def _collected_later(func, body: dict, handler: dict, loop: dict):
    """The collecting call after the handler, in the same loop, that takes a name the `try` bound
    (`rows.append({"cost": cost, ...})`): the record the skipped item would have become."""
    read = set().union(*(func.names_bound_on(line) for line in range(body["line"], body["end"] + 1)))
    return next((c for c in blk.calls_in(func, handler["end"] + 1, loop["end"])
                 if _collects(c) and read & _refs((c.args, c.kwargs))), None) if read else None


def _refs(value) -> set[str]:
    """The plain names an argument description refers to (`{"ref": "cost"}` in a dict literal)."""
    if isinstance(value, dict):
        found = {value["ref"]} if isinstance(value.get("ref"), str) else set()
        return found.union(*(_refs(v) for v in value.values()))
    if isinstance(value, (list, tuple)):
        return set().union(*(_refs(v) for v in value))
    return set()


def _collects(call) -> bool:
    """`out.append(...)`, `seen.add(...)`: the call puts an item into a collection."""
    return bool(call.func) and len(call.func) > 1 and call.func[-1] in _COLLECT and not call.awaited


def processing_skipped(model: ProjectModel, fq: str, func, handler: dict):
    """The awaited call into the project's own processing that `except (KeyError, ValueError):
    continue` wraps in a background loop (`try: await self._process(event)`): whatever the item's
    processing raises of those types - a missing record, a bad field, a bug - drops it silently."""
    if _decode_skip_loop(func, handler) is None:
        return None
    targets = {(e.site.line, e.site.col): e.target for e in model.edges.get(fq, ())}
    return next((c for c in try_body_calls(func, handler)
                 if c.awaited and (t := targets.get((c.line, c.col))) is not None and t.is_project), None)
