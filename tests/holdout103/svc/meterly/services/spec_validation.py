"""Structural and semantic checks for uploaded OpenAPI 3.x documents.

Everything here is synchronous and CPU-bound: documents from larger tenants run to
tens of thousands of schema nodes once references are resolved.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from jsonschema import Draft202012Validator

_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_PATH_PARAM = re.compile(r"{([^}/]+)}")


@dataclass
class ValidationReport:
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    operation_count: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


def resolve_refs(doc: dict) -> dict:
    """Inline every local $ref. Cycles are cut at the second visit."""

    def walk(node: Any, stack: tuple[str, ...]) -> Any:
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/"):
                if ref in stack:
                    return {"$recursive": ref}
                target: Any = doc
                for part in ref[2:].split("/"):
                    target = target[part.replace("~1", "/").replace("~0", "~")]
                return walk(target, stack + (ref,))
            return {k: walk(v, stack) for k, v in node.items()}
        if isinstance(node, list):
            return [walk(item, stack) for item in node]
        return node

    return walk(doc, ())


def _coerce_example(schema: dict, example: Any) -> Any:
    if schema.get("type") == "integer" and isinstance(example, str):
        try:
            return int(example)
        except:
            return example
    return example


def _check_examples(path: str, method: str, op: dict, report: ValidationReport) -> None:
    for status, response in (op.get("responses") or {}).items():
        for media, body in (response.get("content") or {}).items():
            schema = body.get("schema")
            example = body.get("example")
            if schema is None or example is None:
                continue
            validator = Draft202012Validator(schema)
            for err in validator.iter_errors(_coerce_example(schema, example)):
                report.warnings.append(f"{method.upper()} {path} {status} {media}: example {err.message}")


def validate_document(doc: dict) -> ValidationReport:
    report = ValidationReport()
    version = str(doc.get("openapi", ""))
    if not version.startswith("3."):
        report.errors.append(f"unsupported openapi version {version!r}")
        return report
    resolved = resolve_refs(doc)
    seen_ids: set[str] = set()
    for path, item in (resolved.get("paths") or {}).items():
        declared = set(_PATH_PARAM.findall(path))
        for method in _METHODS:
            op = item.get(method)
            if not isinstance(op, dict):
                continue
            report.operation_count += 1
            op_id = op.get("operationId")
            if op_id:
                if op_id in seen_ids:
                    report.errors.append(f"duplicate operationId {op_id}")
                seen_ids.add(op_id)
            params = {p.get("name") for p in op.get("parameters", []) + item.get("parameters", [])
                      if isinstance(p, dict) and p.get("in") == "path"}
            for missing in declared - params:
                report.errors.append(f"{method.upper()} {path}: path parameter {missing} not declared")
            _check_examples(path, method, op, report)
    if report.operation_count == 0:
        report.warnings.append("document declares no operations")
    return report
