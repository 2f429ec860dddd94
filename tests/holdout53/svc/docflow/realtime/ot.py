"""Operational transform for the block tree.

An operation is {"t": "ins"|"del"|"set", "path": [int, ...], "text"?, "len"?, "attrs"?}.
"""
from __future__ import annotations

from typing import Any


def _node_at(content: dict, path: list[int]) -> dict:
    node = content
    for idx in path[:-1]:
        node = node["children"][idx]
    return node


def apply_op(content: dict, op: dict[str, Any]) -> dict:
    path = op["path"]
    parent = _node_at(content, path)
    children = parent.setdefault("children", [])
    idx = path[-1] if path else 0
    kind = op["t"]
    if kind == "ins":
        children.insert(idx, {"type": op.get("block", "paragraph"), "text": op.get("text", "")})
    elif kind == "del":
        del children[idx : idx + op.get("len", 1)]
    elif kind == "set":
        if idx < len(children):
            children[idx].update(op.get("attrs", {}))
            if "text" in op:
                children[idx]["text"] = op["text"]
    return content


def _shift(op: dict, against: dict) -> dict | None:
    if op["path"][:-1] != against["path"][:-1]:
        return op
    mine, theirs = op["path"][-1], against["path"][-1]
    if against["t"] == "ins" and theirs <= mine:
        return {**op, "path": op["path"][:-1] + [mine + 1]}
    if against["t"] == "del":
        span = against.get("len", 1)
        if theirs + span <= mine:
            return {**op, "path": op["path"][:-1] + [mine - span]}
        if theirs <= mine < theirs + span:
            return None if op["t"] != "ins" else {**op, "path": op["path"][:-1] + [theirs]}
    return op


def transform_batch(ops: list[dict], concurrent: list[dict]) -> list[dict]:
    out: list[dict] = []
    for op in ops:
        current: dict | None = op
        for other in concurrent:
            if current is None:
                break
            current = _shift(current, other)
        if current is not None:
            out.append(current)
    return out


def dedupe_client_ops(ops: list[dict], seen_ids: list[str]) -> list[dict]:
    fresh = []
    for op in ops:
        if op.get("id") in seen_ids:
            continue
        seen_ids.append(op["id"])
        fresh.append(op)
    return fresh
