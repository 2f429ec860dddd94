"""Flattening span fields into exporter attributes."""
from __future__ import annotations

import json


def encode_key(namespace: str, key: str) -> str:
    return f"ag.{namespace}.{key}"


def encode_value(value: object) -> str:
    return json.dumps(value, default=str)


def to_attributes(span: dict) -> dict[str, str]:
    attributes: dict[str, str] = {}
    for key, value in span.get("data", {}).items():
        attributes[encode_key("data", key)] = encode_key(value)  # expect: wrong-call
    for key, value in span.get("metrics", {}).items():
        attributes[encode_key("metrics", key)] = encode_key(value)
    for key, value in span.get("meta", {}).items():
        attributes[encode_key("meta", key)] = encode_key(value)
    return attributes


def to_links(span: dict) -> dict[str, str]:
    return {encode_key("link", name): encode_value(target) for name, target in span.get("links", {}).items()}


def to_refs(span: dict) -> dict[str, str]:
    return {encode_key("refs", name): encode_key(ref) for name, ref in span.get("refs", {}).items()}  # expect: wrong-call
