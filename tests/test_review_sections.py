"""The code review's Python idioms and unsafe conversions sections, on the rule cases."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import assess
from reassess.report import code_review, review_metrics

CASES = Path(__file__).parent / "cases"


@pytest.fixture(scope="module")
def idioms():
    return assess(CASES / "python-idiom")


@pytest.fixture(scope="module")
def conversions():
    return assess(CASES / "unsafe-conversion")


def _section(report: str, heading: str) -> str:
    start = report.index(f"### {heading}\n")
    end = report.index("\n### ", start + 1)
    return report[start:end]


def test_idiom_section_counts_each_construct(idioms) -> None:
    block = review_metrics.idiom_block(idioms)
    assert "| `for i in range(len(xs))` used only to index `xs[i]` | 2 | 1 |" in block
    assert "| mutable default argument mutated, stored or returned | 3 | 1 |" in block
    assert "| mutable default argument, read only | 1 | 1 |" in block
    section = _section(code_review.render(idioms), "Python idioms")
    assert "Not assessed" not in section and section.count("#### R-") == 3


def test_mutable_defaults_that_leak_are_medium(idioms) -> None:
    severities = {(f.rule, f.severity) for f in idioms.findings if f.category == "python-idiom"}
    assert severities == {("RA890", "MEDIUM"), ("RA891", "LOW")}


def test_conversion_section_counts_traced_and_unguarded(conversions) -> None:
    found = [f for f in conversions.findings if f.rule == "RA858"]
    unguarded = sum(f.extra["conversions"] for f in found)
    traced = conversions.examined["conversions of external input"]
    assert traced > unguarded > len(found)  # guarded look-alikes were traced too; one function has two
    block = review_metrics.conversion_block(conversions)
    assert f"{traced} conversions" in block and f"{unguarded} of them" in block
    section = _section(code_review.render(conversions), "Unsafe type conversions")
    assert "Not assessed" not in section and section.count("#### R-") == len(found) + 2


def test_deserialisation_and_eval_are_high(conversions) -> None:
    high = sorted((f.location.path, f.location.start_line) for f in conversions.findings if f.rule == "RA859")
    assert [f.severity for f in conversions.findings if f.rule == "RA859"] == ["HIGH", "HIGH"]
    assert [path for path, _ in high] == ["app/routes/webhooks.py", "app/routes/webhooks.py"]


def test_evals_of_one_function_are_one_finding() -> None:
    result = assess(CASES / "unsafe-conversion@one-function-many-evals")
    found = {f.location.start_line: f for f in result.findings if f.rule == "RA859"}
    assert sorted(found) == [7, 13]
    assert [loc.start_line for loc in found[13].related_locations] == [14, 16]
    assert "(and 2 more times, at lines 14, 16)" in found[13].description
    assert found[7].related_locations == []
    assert {f.severity for f in found.values()} == {"MEDIUM"}  # origin unproved: HIGH needs outside data


def test_interprocedural_conversion_cites_the_read_and_the_hand_over(conversions) -> None:
    finding = next(f for f in conversions.findings if f.location.path == "app/ws/handlers.py")
    notes = {(loc.path, loc.note) for loc in finding.related_locations}
    assert ("app/ws/prices.py", "the websocket message is read here") in notes
    assert ("app/ws/prices.py", "`orders` passes the websocket message on here") in notes


def test_an_app_wide_value_error_handler_answers_http_conversions(tmp_path: Path) -> None:
    shutil.copytree(CASES / "unsafe-conversion", tmp_path / "svc")
    main = tmp_path / "svc" / "app" / "main.py"
    main.write_text(main.read_text() + (
        "\n\n@app.exception_handler(ValueError)\n"
        "async def bad_value(request: Request, exc: ValueError) -> JSONResponse:\n"
        "    return JSONResponse({\"detail\": str(exc)}, status_code=422)\n"))
    found = [f for f in assess(tmp_path / "svc").findings if f.rule == "RA858"]
    assert found and all(f.location.path.startswith("app/ws/") for f in found)
