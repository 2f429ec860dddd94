"""The README stays true: its rule table is the registry's, its commands exist."""
from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _rules_table():
    spec = importlib.util.spec_from_file_location("rules_table", ROOT / "scripts" / "rules_table.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_rule_table_matches_the_registry() -> None:
    module = _rules_table()
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert module.replaced(text) == text, "run `python scripts/rules_table.py --write`"


def test_ci_runs_the_readme_test_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    command = "pip install -e '.[test]' && python -m pytest"
    assert command in readme and command in ci


def test_quick_start_sample_exists() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "reassess assess examples/trading_backend" in readme
    assert (ROOT / "examples" / "trading_backend" / "app" / "main.py").is_file()
