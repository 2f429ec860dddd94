"""All code-review metrics, computed from the model and the per-file results.

Every figure here comes from the code: line counts from the files, function and
class figures from the facts, duplication from the clone index shared with the
duplicate-code rule. Keys are stable and every list is sorted, so the same tree
gives the same dict.
"""
from __future__ import annotations

import heapq
import math
import re
from typing import TYPE_CHECKING, Any, Iterable

from ..config import DEFAULT_THRESHOLDS
from .clones import find_clones
from .layers import coupling_metrics
from .testsuite import suite_metrics

if TYPE_CHECKING:
    from ..config import Config
    from ..facts.types import FunctionFacts, ModuleFacts
    from ..model.project import ProjectModel
    from ..worker import FileResult

TOP = 10
MAX_CLONE_PAIRS = 50
_ANY = re.compile(r"\bAny\b")


def compute_metrics(model: "ProjectModel", results: list["FileResult"], config: "Config") -> dict[str, Any]:
    """The figures of the code review: files, functions, complexity, classes, type hints,
    docstrings and duplication (see each builder for its keys)."""
    thresholds = {**DEFAULT_THRESHOLDS, **config.thresholds}
    functions = sorted(model.iter_functions(), key=lambda item: item[0])
    return {
        "files": file_metrics(results),
        "functions": function_metrics(functions, thresholds),
        "complexity": complexity_metrics(functions, thresholds),
        "classes": class_metrics(model, thresholds),
        "type_hints": type_hint_metrics(model, functions),
        "docstrings": docstring_metrics(model, functions),
        "duplication": duplication_metrics(model, thresholds),
        "tests": suite_metrics(model, config),
        "coupling": coupling_metrics(model),
        "thresholds": {key: thresholds[key] for key in sorted(thresholds)},
    }


# ----- helpers ----------------------------------------------------------------------------------
def share(part: int, whole: int) -> float:
    """A percentage with one decimal; 0.0 when there is nothing to count."""
    return round(100.0 * part / whole, 1) if whole else 0.0


def distribution(values: list[int]) -> dict[str, float | int]:
    """Mean, median, 90th percentile (nearest rank) and maximum."""
    if not values:
        return {"mean": 0.0, "median": 0.0, "p90": 0, "max": 0}
    ordered = sorted(values)
    size = len(ordered)
    middle = size // 2
    median = ordered[middle] if size % 2 else (ordered[middle - 1] + ordered[middle]) / 2
    return {"mean": round(sum(ordered) / size, 1), "median": float(median),
            "p90": ordered[max(0, math.ceil(0.9 * size) - 1)], "max": ordered[-1]}


def _where(facts: "ModuleFacts", line: int) -> str:
    return f"{facts.path}:{line}"


def _top(items: Iterable[tuple[int, str, dict[str, Any]]]) -> list[dict[str, Any]]:
    """The TOP records with the highest value (ties by name), as given (`nsmallest` is the
    stable `sorted(...)[:TOP]` without sorting every function of the project)."""
    ranked = heapq.nsmallest(TOP, items, key=lambda item: (-item[0], item[1]))
    return [record for _, _, record in ranked[:TOP]]


# ----- files ----------------------------------------------------------------------------------
def file_metrics(results: list["FileResult"]) -> dict[str, Any]:
    per_file = {}
    for result in sorted(results, key=lambda r: r.path):
        if result.facts is None:
            continue
        m = result.facts.metrics
        per_file[result.path] = {"lines": m.lines, "code": m.code, "comment": m.comment, "blank": m.blank}
    totals = {key: sum(v[key] for v in per_file.values()) for key in ("lines", "code", "comment", "blank")}
    largest = _top((v["lines"], path, {"path": path, "lines": v["lines"], "code": v["code"]})
                   for path, v in per_file.items())
    return {"count": len(per_file), **totals, "largest": largest, "per_file": per_file}


# ----- functions and complexity -----------------------------------------------------------------
FunctionItem = tuple[str, "ModuleFacts", "FunctionFacts"]


def function_metrics(functions: list[FunctionItem], thresholds: dict[str, Any]) -> dict[str, Any]:
    limit = thresholds["long_function_lines"]
    lengths = [func.code_lines for _, _, func in functions]
    longest = _top((func.code_lines, fq, {"function": fq, "location": _where(facts, func.line),
                                           "lines": func.code_lines})
                   for fq, facts, func in functions)
    return {
        "count": len(functions),
        "methods": sum(1 for _, _, func in functions if func.class_name),
        "async": sum(1 for _, _, func in functions if func.is_async),
        "length": distribution(lengths),
        "over_threshold": sum(1 for _, _, func in functions if func.code_lines >= limit and not func.is_nested),
        "longest": longest,
    }


def complexity_metrics(functions: list[FunctionItem], thresholds: dict[str, Any]) -> dict[str, Any]:
    def block(attr: str, limit: int) -> dict[str, Any]:
        values = [getattr(func, attr) for _, _, func in functions]
        top = _top((getattr(func, attr), fq, {"function": fq, "location": _where(facts, func.line),
                                               "value": getattr(func, attr), "lines": func.code_lines})
                   for fq, facts, func in functions)
        return {"mean": distribution(values)["mean"], "max": max(values, default=0),
                "threshold": limit, "over_threshold": sum(1 for v in values if v >= limit), "top": top}

    return {"cyclomatic": block("complexity", thresholds["complexity"]),
            "cognitive": block("cognitive", thresholds["cognitive_complexity"])}


# ----- classes ----------------------------------------------------------------------------------
def class_metrics(model: "ProjectModel", thresholds: dict[str, Any]) -> dict[str, Any]:
    sizes = []
    for fq in sorted(model.classes):
        facts, cls = model.classes[fq]
        sizes.append((fq, facts, cls, len(cls.methods), cls.end_line - cls.line + 1))
    over = sum(1 for *_, methods, lines in sizes
               if methods >= thresholds["god_object_methods"] or lines >= thresholds["god_object_lines"])
    return {
        "count": len(sizes),
        "methods": distribution([methods for *_, methods, _ in sizes]),
        "lines": distribution([lines for *_, lines in sizes]),
        "over_threshold": over,
        "largest": _top((lines, fq, {"class": fq, "location": _where(facts, cls.line), "methods": methods,
                                     "lines": lines})
                        for fq, facts, cls, methods, lines in sizes),
    }


# ----- type hints -------------------------------------------------------------------------------
def counted_params(func: "FunctionFacts") -> list:
    """Parameters that should carry a hint: all but a method's `self`/`cls`."""
    params = list(func.params)
    static = any(d.func.endswith("staticmethod") for d in func.decorators)
    if func.class_name and not static and params and params[0].kind in ("posonly", "pos"):
        params = params[1:]
    return params


def type_hint_metrics(model: "ProjectModel", functions: list[FunctionItem]) -> dict[str, Any]:
    params = annotated = returns = returns_annotated = full = 0
    any_count = 0
    for _, _, func in functions:
        counted = counted_params(func)
        hinted = sum(1 for p in counted if p.annotation)
        params += len(counted)
        annotated += hinted
        any_count += sum(len(_ANY.findall(p.annotation)) for p in counted) + len(_ANY.findall(func.returns))
        needs_return = func.name not in ("__init__", "__new__")
        returns += needs_return
        returns_annotated += needs_return and bool(func.returns)
        full += hinted == len(counted) and (bool(func.returns) or not needs_return)
    for facts in model.modules.values():
        any_count += sum(len(_ANY.findall(a.annotation)) for a in facts.assigns.values())
        any_count += sum(len(_ANY.findall(text)) for cls in facts.classes.values() for text in cls.annotations.values())
    return {
        "parameters": params, "parameters_annotated": annotated, "parameters_pct": share(annotated, params),
        "returns": returns, "returns_annotated": returns_annotated, "returns_pct": share(returns_annotated, returns),
        "functions": len(functions), "functions_fully_annotated": full,
        "functions_fully_annotated_pct": share(full, len(functions)),
        "any_count": any_count,
    }


# ----- docstrings -------------------------------------------------------------------------------
def docstring_metrics(model: "ProjectModel", functions: list[FunctionItem]) -> dict[str, Any]:
    modules = [f for f in model.modules.values() if f.metrics.code > 0]
    module_docs = sum(1 for f in modules if f.metrics.data.get("module_docstring"))
    classes = [cls for _, cls in model.classes.values() if _public(cls.qualname)]
    public = [func for fq, _, func in functions if not func.is_nested and _public(func.qualname)]
    return {
        "modules": _coverage(len(modules), module_docs),
        "classes": _coverage(len(classes), sum(1 for c in classes if c.has_docstring)),
        "public_functions": _coverage(len(public), sum(1 for f in public if f.has_docstring)),
    }


def _public(qualname: str) -> bool:
    """Public: no part of the dotted name is private (`_x`) or local (`<locals>`)."""
    return all(not part.startswith(("_", "<")) for part in qualname.split("."))


def _coverage(count: int, documented: int) -> dict[str, Any]:
    return {"count": count, "documented": documented, "pct": share(documented, count)}


# ----- duplication ------------------------------------------------------------------------------
def duplication_metrics(model: "ProjectModel", thresholds: dict[str, Any]) -> dict[str, Any]:
    index = find_clones(model, thresholds["duplicate_min_lines"], thresholds["duplicate_min_tokens"])
    code_lines = sum(f.metrics.code for f in model.by_path.values())
    duplicated = sum(_code_lines_in(model.lines(path), ranges) for path, ranges in index.covered.items())
    pairs = [{"lines": c.lines, "tokens": c.tokens, "first": c.a.text(), "second": c.b.text()}
             for c in index.pairs[:MAX_CLONE_PAIRS]]
    return {
        "duplicated_lines": duplicated, "code_lines": code_lines,
        "duplicated_lines_pct": share(duplicated, code_lines),
        "clone_groups": len(index.groups), "clone_pairs_count": len(index.pairs),
        "min_lines": thresholds["duplicate_min_lines"], "min_tokens": thresholds["duplicate_min_tokens"],
        "clone_pairs": pairs,
    }


def _code_lines_in(lines: list[str], ranges: list[tuple[int, int]]) -> int:
    """Lines of the ranges that are neither blank nor comment-only (as in `file_line_metrics`)."""
    count = 0
    for start, end in ranges:
        for text in lines[start - 1:end]:
            stripped = text.strip()
            count += bool(stripped) and stripped[0] != "#"
    return count
