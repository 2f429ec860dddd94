"""The code-review analyses behind sections 2, 4, 6 and 7: coverage data readers, the test
suite index, coupling figures, and the metric blocks and related locations they feed."""
from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

from conftest import assess
from reassess.findings import Finding, Location
from reassess.metrics.coverage import FileCoverage, function_ran, load_coverage, numbits_to_lines
from reassess.metrics.layers import coupling_metrics
from reassess.metrics.testsuite import suite_index, suite_metrics
from reassess.report import code_review, review_metrics
from reassess.result import Result, Target

CASES = Path(__file__).parent / "cases"


def numbits(lines: set[int]) -> bytes:
    data = bytearray(max(lines) // 8 + 1)
    for line in lines:
        data[line // 8] |= 1 << (line % 8)
    return bytes(data)


def write_coverage_db(path: Path, files: dict[str, set[int]], arcs: bool = False) -> None:
    """A `.coverage` file in coverage.py's schema (the tables this reader uses)."""
    db = sqlite3.connect(path)
    db.execute("create table file (id integer primary key, path text, unique (path))")
    db.execute("create table line_bits (file_id integer, context_id integer, numbits blob)")
    db.execute("create table arc (file_id integer, context_id integer, fromno integer, tono integer)")
    for number, (name, lines) in enumerate(sorted(files.items()), 1):
        db.execute("insert into file values (?, ?)", (number, name))
        if arcs:
            ordered = sorted(lines)
            pairs = [(-ordered[0], ordered[0])] + list(zip(ordered, ordered[1:])) + [(ordered[-1], -ordered[0])]
            db.executemany("insert into arc values (?, 1, ?, ?)", [(number, a, b) for a, b in pairs])
        else:
            db.execute("insert into line_bits values (?, 1, ?)", (number, numbits(lines)))
    db.commit()
    db.close()


# ----- coverage data -----------------------------------------------------------------------------
def test_numbits_decode_like_coverage_py() -> None:
    assert list(numbits_to_lines(bytes([0b00000110, 0, 0b10000000]))) == [1, 2, 23]


def test_sqlite_data_matches_absolute_paths_and_reads_lines(tmp_path: Path) -> None:
    write_coverage_db(tmp_path / ".coverage", {"/ci/build/app/routes/orders.py": {1, 3, 9},
                                               "/ci/build/other/util.py": {1}})
    data = load_coverage(tmp_path, {"app/routes/orders.py": 40, "app/util.py": 10})
    assert data is not None and data.source == ".coverage" and not data.exact
    assert data.files["app/routes/orders.py"].executed == {1, 3, 9}
    assert "app/util.py" not in data.files  # other/util.py is another file
    assert (data.recorded, data.unmatched) == (2, 1)


def test_sqlite_arcs_give_executed_lines(tmp_path: Path) -> None:
    write_coverage_db(tmp_path / ".coverage", {"app/jobs.py": {2, 5, 6}}, arcs=True)
    data = load_coverage(tmp_path, {"app/jobs.py": 10})
    assert data.files["app/jobs.py"].executed == {2, 5, 6}


def test_xml_gives_statements_and_marks_stale_files(tmp_path: Path) -> None:
    (tmp_path / "coverage.xml").write_text(
        '<?xml version="1.0" ?><coverage><packages><package name="app"><classes>'
        '<class name="a.py" filename="app/a.py"><lines><line number="1" hits="1"/><line number="2" hits="0"/>'
        '<line number="4" hits="3"/><line number="5" hits="0"/></lines></class>'
        '<class name="b.py" filename="app/b.py"><lines><line number="90" hits="1"/></lines></class>'
        '</classes></package></packages></coverage>')
    data = load_coverage(tmp_path, {"app/a.py": 6, "app/b.py": 20})
    assert data.files["app/a.py"].percent == 50.0
    assert data.stale == ["app/b.py"] and "app/b.py" not in data.files


def test_ambiguous_file_name_is_not_matched(tmp_path: Path) -> None:
    (tmp_path / "coverage.json").write_text(json.dumps({"files": {"util.py": {"executed_lines": [1]}}}))
    data = load_coverage(tmp_path, {"app/util.py": 5, "lib/util.py": 5})
    assert data.files == {} and data.unmatched == 1


def test_unreadable_data_is_reported_not_raised(tmp_path: Path) -> None:
    (tmp_path / "coverage.json").write_text("{not json")
    data = load_coverage(tmp_path, {"app/a.py": 5})
    assert data is not None and data.problem.startswith("coverage.json could not be read")


def test_function_ran_ignores_the_def_line() -> None:
    from reassess.facts.types import FunctionFacts

    func = FunctionFacts("f", "f", line=3, end_line=6, is_async=False, body_line=4)
    data = type("D", (), {"files": {"m.py": FileCoverage({3})}})()
    assert function_ran(data, "m.py", func) is False
    data.files["m.py"] = FileCoverage({3, 5})
    assert function_ran(data, "m.py", func) is True


def test_low_coverage_from_the_data_file_alone(tmp_path: Path) -> None:
    root = tmp_path / "project"
    shutil.copytree(CASES / "low-coverage", root)
    (root / "coverage.json").unlink()
    write_coverage_db(root / ".coverage", {"app/routes/orders.py": {1, 3, 4, 7, 8, 9, 12, 13, 19, 20, 26, 27},
                                           "app/routes/health.py": {1, 3, 6, 7, 8}})
    result = assess(root)
    found = [f for f in result.findings if f.category == "low-coverage"]
    assert [(f.location.path, f.location.start_line) for f in found] == [("app/routes/orders.py", 13)]
    assert found[0].title == "3 of 4 entry points in `app/routes/orders.py` never ran under the tests"
    assert [loc.start_line for loc in found[0].related_locations] == [20, 27]


# ----- the test suite ----------------------------------------------------------------------------
def test_suite_index_of_the_test_gap_case() -> None:
    result = assess(CASES / "test-gap")
    tests = suite_metrics(_model(CASES / "test-gap"))
    assert tests["suite"]["test_modules"] == 3 and tests["suite"]["test_functions"] == 5
    assert tests["suite"]["parametrized_test_functions"] == 1
    assert tests["suite"]["test_cases_counting_parameter_sets"] == 6
    assert tests["quality"] == {"tests_driving_the_app_over_http": 1, "tests_checking_errors": 1,
                                "tests_using_mocks": 0, "test_modules_driving_the_app_over_http": 1}
    routes = next(g for g in tests["reach"]["groups"] if g["entry_points"] == "routes")
    assert (routes["total"], routes["reached_by_tests"]) == (5, 3)
    gap = next(f for f in result.findings if f.rule == "RA850" and f.extra["group"] == "routes")
    assert [loc.start_line for loc in gap.related_locations] == [12]


def test_tests_outside_the_focus_are_still_read() -> None:
    """The sample's focus is `app`, but its tests/ folder is read for the Testing section."""
    tests = suite_metrics(_model(Path(__file__).parent.parent / "examples" / "trading_backend"),
                          type("C", (), {"focus": ["app"]})())
    assert tests["suite"]["test_modules"] == 2 and tests["suite"]["test_functions"] == 21


def test_http_tests_reach_routes_through_the_app(tmp_path: Path) -> None:
    root = tmp_path / "project"
    shutil.copytree(CASES / "test-gap", root)
    (root / "tests" / "test_api.py").write_text(
        "from fastapi.testclient import TestClient\n\nfrom app.main import app\n\n\n"
        "def test_stats():\n    with TestClient(app) as client:\n        client.get('/api/admin/stats')\n")
    suite = suite_index(_model(root))
    assert "app.routes.admin" in suite.through_app and "tests.test_api" in suite.http_modules
    result = assess(root)
    assert not [f for f in result.findings if f.rule == "RA850" and f.extra.get("group") == "routes"]


def test_a_package_analysed_beside_its_tests_claims_no_test_gap(tmp_path: Path) -> None:
    """`reassess assess project/app` with `project/tests/` beside it: the tests import the package
    but are not analysed, so no gap is claimed and the metrics say why; alone, the gap is reported."""
    root = tmp_path / "project"
    shutil.copytree(CASES / "test-gap", root)
    inside = assess(root / "app")
    assert not [f for f in inside.findings if f.rule == "RA850"]
    assert "`../tests`" in inside.metrics["tests"]["note"]
    alone = tmp_path / "alone" / "app"
    shutil.copytree(CASES / "test-gap" / "app", alone)
    assert [f for f in assess(alone).findings if f.rule == "RA850"]


# ----- coupling, and findings' related locations -------------------------------------------------
def test_coupling_figures_of_the_tight_coupling_case() -> None:
    coupling = coupling_metrics(_model(CASES / "tight-coupling"))
    rows = {r["module"]: r for r in coupling["most_dependent"]}
    assert rows["app/main.py"]["imports"] == 5 and rows["app/main.py"]["instability"] == 1.0
    # the TYPE_CHECKING import counts as a dependency here (the rule only reports the runtime one)
    assert {"from": "services", "to": "HTTP layer (routes, websockets)", "imports": 2} in coupling["between_layers"]


def test_unused_imports_lists_every_unused_name() -> None:
    result = assess(CASES / "import-organization")
    found = next(f for f in result.findings if f.rule == "RA861")
    assert [(loc.start_line, loc.note) for loc in found.related_locations] == [
        (7, "`Optional` unused"), (18, "`ROUND_DOWN` unused")]


# ----- rendering ---------------------------------------------------------------------------------
def test_testing_section_renders_figures_and_findings() -> None:
    metrics = {"files": {"count": 1, "lines": 10, "code": 8, "comment": 0, "blank": 2},
               "tests": {"suite": {"test_modules": 2, "test_functions": 7, "parametrized_test_functions": 1,
                                   "test_cases_counting_parameter_sets": 9},
                         "quality": {"tests_checking_errors": 3, "tests_driving_the_app_over_http": 0},
                         "reach": {"served_modules": 4, "groups": [
                             {"entry_points": "routes", "total": 4, "reached_by_tests": 1,
                              "in_modules_no_test_imports": 3}],
                             "untested_entry_modules": [{"module": "app/routes/a.py", "entry_points": 3}]},
                         "coverage": "no coverage data at the analysed root"},
               "coupling": {"modules": 4, "import_edges": 5, "layer_modules": {"services": 1},
                            "most_dependent": [{"module": "app/main.py", "imports": 3}]}}
    finding = Finding(rule="RA850", category="test-gap", severity="MEDIUM", title="3 of 4 routes untested",
                      location=Location("app/routes/a.py", 3, 3), description="d", report="code-review",
                      fingerprint="f1", evidence="def a():")
    result = Result(Target("t", None, 1, 10), [finding], metrics, rules_run=["RA850", "RA851"])
    text = code_review.render(result)
    testing = text[text.index("## 7. Testing"):text.index("## 8. Best Practices")]
    assert "3 of 7 test functions check a failure path" in testing
    assert "| routes | 4 | 1 | 3 |" in testing
    assert testing.index("### Integration test gaps") < testing.index("3 of 4 routes untested")
    assert "Not assessed" not in testing
    assert "| app/main.py | 3 |" in review_metrics.coupling_block(result)


def _model(root: Path):
    from reassess.cache import Cache
    from reassess.config import load_config
    from reassess.discovery import discover
    from reassess.model.project import ProjectModel
    from reassess.pipeline import _analyse_files, _read_files

    config = load_config(root)
    config.use_cache = False
    sources, _ = _read_files(config, discover(config).files)
    results = _analyse_files(config, sources, Cache(None, config.digest(), False), lambda *a: None)
    return ProjectModel([r.facts for r in results if r.facts is not None], sources, config.root)
