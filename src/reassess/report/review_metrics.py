"""Metric tables for the code review, rendered from `Result.metrics` as computed."""
from __future__ import annotations

from typing import Any

from ..result import Result
from .markdown import table


def _scalars(data: dict[str, Any]) -> list[tuple[str, Any]]:
    return [(key.replace("_", " "), _fmt(value)) for key, value in data.items()
            if isinstance(value, (int, float, str)) and not isinstance(value, bool)]


def _fmt(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value)


def _records(items: list[dict[str, Any]], limit: int = 10) -> str:
    """A list of flat dicts as a table, columns in first-seen order."""
    items = [i for i in items if isinstance(i, dict)][:limit]
    if not items:
        return ""
    columns: list[str] = []
    for item in items:
        for key, value in item.items():
            if key not in columns and not isinstance(value, (dict, list)):
                columns.append(key)
    return table([c.replace("_", " ") for c in columns], ([_fmt(i.get(c, "")) for c in columns] for i in items))


def _section(data: Any, title: str = "") -> str:
    """Scalars as a two-column table, then each list of records as its own table."""
    if not isinstance(data, dict) or not data:
        return ""
    parts = []
    scalars = _scalars(data)
    if scalars:
        parts.append(table(["Metric", "Value"], scalars))
    for key, value in data.items():
        if isinstance(value, list) and value and isinstance(value[0], dict):
            parts.append(f"{key.replace('_', ' ').capitalize()}:\n\n{_records(value)}")
        elif isinstance(value, dict) and key != "per_file":
            nested = _section(value)
            if nested:
                parts.append(f"{key.replace('_', ' ').capitalize()}:\n\n{nested}")
    text = "\n\n".join(parts)
    return f"{title}\n\n{text}" if title and text else text


def overview(result: Result) -> str:
    metrics = result.metrics
    files = metrics.get("files", {})
    if not files:
        return "No Python file could be analysed, so no metric was computed."
    rows = [("Python files", files.get("count", 0)), ("Lines (total)", files.get("lines", 0)),
            ("Code lines", files.get("code", 0)), ("Comment lines", files.get("comment", 0)),
            ("Blank lines", files.get("blank", 0))]
    for key, label in (("functions", "Functions and methods"), ("classes", "Classes")):
        count = metrics.get(key, {}).get("count") if isinstance(metrics.get(key), dict) else None
        if count is not None:
            rows.append((label, count))
    dup = metrics.get("duplication", {})
    for key in ("duplicated_pct", "duplicated_lines_pct", "percent"):
        if key in dup:
            rows.append(("Duplicated lines (%)", _fmt(dup[key])))
            break
    parts = [table(["Metric", "Value"], rows)]
    largest = files.get("largest")
    if largest:
        parts.append("Largest files:\n\n" + _records(largest))
    complexity = metrics.get("complexity")
    if complexity:
        parts.append(_section(complexity, "Complexity (cyclomatic as radon counts it; cognitive per SonarSource):"))
    return "\n\n".join(p for p in parts if p)


def size_block(result: Result) -> str:
    parts = [_section(result.metrics.get("functions", {}), "Function sizes:"),
             _section(result.metrics.get("classes", {}), "Class sizes:")]
    return "\n\n".join(p for p in parts if p)


def duplication_block(result: Result) -> str:
    return _section(result.metrics.get("duplication", {}),
                    "Duplication (token-based, identifiers and literals ignored):")


def type_hint_block(result: Result) -> str:
    return _section(result.metrics.get("type_hints", {}), "Type-hint coverage:")


def docstring_block(result: Result) -> str:
    return _section(result.metrics.get("docstrings", {}), "Docstring coverage:")


def comment_block(result: Result) -> str:
    files = result.metrics.get("files", {})
    code, comment = files.get("code", 0), files.get("comment", 0)
    if not code:
        return ""
    return (f"Comment lines: {comment} against {code} code lines "
            f"({100 * comment / code:.1f} comment lines per 100 code lines). "
            "Comment content is not judged by this version.")


def module_block(result: Result) -> str:
    model = result.run_info.get("model", {}) if result.run_info else {}
    modules = result.examined.get("modules") or model.get("modules")
    rows = [(k.replace("_", " "), v) for k, v in sorted(model.items())] if model else []
    if not rows and modules:
        rows = [("modules", modules)]
    return table(["Figure", "Value"], rows) if rows else ""


def test_block(result: Result) -> str:
    """The suite's size, then the coverage data found at the root (or why there is none)."""
    tests = result.metrics.get("tests", {})
    if not isinstance(tests, dict) or "suite" not in tests:
        return _section(tests, "Test suite:")
    parts = [_section(tests["suite"], "Test suite (test modules are `tests/` folders, `test_*.py`, "
                                      "`*_test.py` and `conftest.py`):")]
    if not tests["suite"].get("test_modules"):
        parts.append(tests.get("note") or "No test module is among the analysed files.")
    coverage = tests.get("coverage")
    if isinstance(coverage, str):
        parts.append(f"Coverage: {coverage}.")
    elif isinstance(coverage, dict):
        parts.append(_section(coverage, f"Coverage recorded in `{coverage.get('source', '')}` (read, never re-run):"))
    return "\n\n".join(p for p in parts if p)


def test_quality_block(result: Result) -> str:
    tests = result.metrics.get("tests", {})
    if not isinstance(tests, dict) or "suite" not in tests:
        return ""
    if not tests["suite"].get("test_functions"):
        return "No test function among the analysed files, so there is no test quality to judge."
    return _section(tests.get("quality", {}), "How the tests test (counts of test functions):")


def edge_case_block(result: Result) -> str:
    tests = result.metrics.get("tests", {})
    suite = tests.get("suite", {}) if isinstance(tests, dict) else {}
    quality = tests.get("quality", {}) if isinstance(tests, dict) else {}
    total = suite.get("test_functions", 0)
    if not total:
        return "No test function among the analysed files." if suite else ""
    return (f"{quality.get('tests_checking_errors', 0)} of {total} test functions check a failure path "
            f"(`pytest.raises` / `assertRaises`); {suite.get('parametrized_test_functions', 0)} are parametrized, "
            f"{suite.get('test_cases_counting_parameter_sets', total)} test cases in all counting parameter sets. "
            "Which inputs are missing is not judged; the untested entry points and services are listed below.")


def integration_block(result: Result) -> str:
    tests = result.metrics.get("tests", {})
    reach = tests.get("reach") if isinstance(tests, dict) else None
    if not isinstance(reach, dict):
        return ""
    if not tests.get("suite", {}).get("test_modules"):
        totals = [{"entry_points": g["entry_points"], "total": g["total"]} for g in reach.get("groups", [])]
        return (tests.get("note") or "No test module is among the analysed files.") + (
            "\n\nEntry points that integration tests would cover:\n\n" + _records(totals) if totals else "")
    parts = [_section({k: v for k, v in reach.items() if k != "groups" and k != "untested_entry_modules"},
                      "What the tests import:")]
    if reach.get("groups"):
        parts.append("Entry points and the tests (tested: a test imports the module, calls the handler, or drives "
                     "the app over HTTP with the module loaded):\n\n" + _records(reach["groups"]))
    if reach.get("untested_entry_modules"):
        parts.append("Modules with entry points no test reaches (most first):\n\n"
                     + _records(reach["untested_entry_modules"]))
    return "\n\n".join(p for p in parts if p)


def coupling_block(result: Result) -> str:
    """Fan-in/fan-out per module and the imports between layers (from `metrics["coupling"]`)."""
    coupling = result.metrics.get("coupling")
    if not isinstance(coupling, dict) or not coupling.get("modules"):
        return ""
    scalars = {k: v for k, v in coupling.items() if not isinstance(v, (dict, list))}
    parts = [_section(scalars, "Coupling between served modules (project imports; instability = imports / "
                               "(imports + imported by)):")]
    layers = coupling.get("layer_modules") or {}
    if layers:
        parts.append("Modules per layer (proved from the code: handlers, workers, database use):\n\n"
                     + table(["Layer", "Modules"], sorted(layers.items())))
    for key, title in (("between_layers", "Imports between layers:"),
                       ("most_dependent", "Modules importing the most project modules:"),
                       ("most_depended_on", "Modules imported by the most project modules:")):
        if coupling.get(key):
            parts.append(f"{title}\n\n{_records(coupling[key])}")
    return "\n\n".join(p for p in parts if p)


def n1_docs_block(result: Result) -> str:
    docs = result.metrics.get("docs", {}).get("n1_notes") if isinstance(result.metrics.get("docs"), dict) else None
    if docs:
        return ("Earlier N+1 work is documented in " + ", ".join(f"`{d}`" for d in docs)
                + "; compare the findings below.")
    return ""


def pep8_block(result: Result) -> str:
    """ruff's PEP 8 counts (`metrics["pep8"]`), or why there are none."""
    from ..metrics.pep8 import FINDING_DENSITY, FINDING_MINIMUM

    pep8 = result.metrics.get("pep8")
    if not isinstance(pep8, dict) or not pep8:
        return ""
    if "violations" not in pep8:
        return f"PEP 8 was not measured: {pep8.get('status', 'ruff gave no result')}."
    rows = [("Files checked", pep8["files_checked"]), ("Lines checked", pep8["lines_checked"]),
            ("Violations", pep8["violations"]), ("Violations per 1,000 lines", _fmt(pep8["violations_per_1000_lines"])),
            ("Files with violations", pep8["files_with_violations"]), ("Distinct rule codes", pep8["codes"])]
    parts = [f"Measured by {pep8['tool']} ({pep8['checked']}); names are judged under Naming conventions. "
             f"A finding is raised from {FINDING_DENSITY:g} violations per 1,000 lines (and {FINDING_MINIMUM} in all).",
             table(["Metric", "Value"], rows)]
    if pep8["by_code"]:
        parts.append("Most frequent rule codes:\n\n" + table(
            ["Code", "Rule", "Violations", "Files"],
            ((c["code"], c["description"], c["count"], c["files"]) for c in pep8["by_code"])))
    if pep8["top_files"]:
        parts.append("Files with the most violations:\n\n" + table(
            ["File", "Violations", "Lines", "Per 1,000 lines", "Main codes"],
            ((f"`{f['path']}`", f["violations"], f["lines"], _fmt(f["per_1000_lines"]), f["main_codes"])
             for f in pep8["top_files"])))
    return "\n\n".join(parts)


IDIOM_LABELS = {
    "range-len": "`for i in range(len(xs))` used only to index `xs[i]`",
    "none-compare": "`== None` / `!= None` in a test",
    "type-compare": "`type(x) == T` in a test",
    "keys-membership": "`k in d.keys()` on a dict",
    "mutable-default": "mutable default argument, read only",
    "mutable-default-shared": "mutable default argument mutated, stored or returned",
    "mutable-default-cache": "cache kept in a default argument",
}


def idiom_block(result: Result) -> str:
    """Instances per idiom over the python-idiom findings (each finding groups one file)."""
    counts: dict[str, list[int]] = {}
    for finding in result.by_category("python-idiom"):
        for kind, count in (finding.extra.get("idioms") or {}).items():
            entry = counts.setdefault(kind, [0, 0])
            entry[0] += count
            entry[1] += 1
    if not counts:
        return ""
    rows = [(IDIOM_LABELS.get(kind, kind), n, files) for kind, (n, files) in
            sorted(counts.items(), key=lambda kv: (-kv[1][0], kv[0]))]
    return "Non-idiomatic constructs in the served code:\n\n" + table(["Construct", "Instances", "Files"], rows)


def conversion_block(result: Result) -> str:
    """How many conversions of external input were traced, and how many are unguarded."""
    examined = result.examined.get("conversions of external input")
    if examined is None:
        return ""
    found = result.by_category("unsafe-conversion")
    unguarded = sum(f.extra.get("conversions", 0) for f in found)
    risky = sum(1 for f in found if f.rule == "RA859")
    kinds = ("`int()`, `float()`, `Decimal()`, `UUID()`, `fromisoformat()`, `json.loads()` and `receive_json()` "
             "in a websocket loop")
    text = (f"{examined} conversions of request data or websocket messages were traced ({kinds}); "
            f"{unguarded} of them have nothing to catch malformed input." if examined else
            f"No conversion of request data or websocket messages ({kinds}) was found in the served code.")
    return text + (f" {risky} calls run or deserialise untrusted data." if risky else "")


def refactoring_block(result: Result, numbers: dict[str, str]) -> str:
    """Files ranked by how many code-quality findings they carry, with the findings to act on."""
    quality = {"god-object", "long-function", "high-complexity", "large-file", "duplicate-code", "circular-import",
               "tight-coupling", "magic-number"}
    per_file: dict[str, list] = {}
    for f in result.findings:
        if f.category in quality and f.fingerprint in numbers:
            per_file.setdefault(f.location.path, []).append(f)
    if not per_file:
        return "No structural refactoring is indicated by the size, complexity and duplication checks."
    ranked = sorted(per_file.items(), key=lambda kv: (-sum(x.effort_hours for x in kv[1]), kv[0]))[:15]
    lines_of = result.metrics.get("files", {}).get("per_file", {})
    rows = []
    for path, items in ranked:
        rows.append((path, lines_of.get(path, {}).get("lines", ""), len(items),
                     ", ".join(numbers[x.fingerprint] for x in items[:8]) + (" ..." if len(items) > 8 else ""),
                     f"{sum(x.effort_hours for x in items):g} h"))
    return ("Refactor in this order (most effort-weighted structural findings first); each finding above carries "
            "its own recommendation:\n\n" + table(["File", "Lines", "Findings", "See", "Effort"], rows))
