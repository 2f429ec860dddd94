"""The whole-run cache serves a result again only when no input of the run changed."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reassess.config import load_config
from reassess.pipeline import run
from reassess.report import json_report

SAMPLE = Path(__file__).resolve().parent.parent / "examples" / "trading_backend"


@pytest.fixture()
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "backend"
    shutil.copytree(SAMPLE, root)
    (root / "schema.sql").write_text("CREATE TABLE orders (id serial PRIMARY KEY, status text);\n")
    return root


def _run(root: Path, cache: Path | None):
    overrides = {"cache_dir": str(cache)} if cache else {"use_cache": False}
    return run(load_config(root, overrides))


def test_an_unchanged_tree_is_served_again(tree: Path, tmp_path: Path) -> None:
    first = _run(tree, tmp_path / "cache")
    again = _run(tree, tmp_path / "cache")
    assert not first.run_info.get("whole_run_cached")
    assert again.run_info["whole_run_cached"] is True
    assert json_report.render(again) == json_report.render(first)


def test_an_edited_python_file_runs_the_project_phase_again(tree: Path, tmp_path: Path) -> None:
    _run(tree, tmp_path / "cache")
    routes = tree / "app" / "routes" / "orders.py"
    routes.write_text(routes.read_text() + "\n\ndef added_later():\n    try:\n        return 1\n    except:\n        pass\n")
    edited = _run(tree, tmp_path / "cache")
    assert not edited.run_info.get("whole_run_cached")
    assert edited.run_info["cache_misses"] == 1, "only the edited file is analysed again"
    assert json_report.render(edited) == json_report.render(_run(tree, None))
    assert any(f.location.path == "app/routes/orders.py" and f.category == "bare-except" for f in edited.findings)


@pytest.mark.parametrize("edit", ["sql", "coverage", "new-file"])
def test_other_inputs_invalidate_the_whole_run(tree: Path, tmp_path: Path, edit: str) -> None:
    _run(tree, tmp_path / "cache")
    if edit == "sql":
        (tree / "schema.sql").write_text("CREATE TABLE orders (id serial PRIMARY KEY);\nCREATE INDEX ix ON orders (status);\n")
    elif edit == "coverage":
        (tree / "coverage.json").write_text('{"files": {}}')
    else:
        (tree / "app" / "extra.py").write_text("X = 1\n")
    assert not _run(tree, tmp_path / "cache").run_info.get("whole_run_cached")
