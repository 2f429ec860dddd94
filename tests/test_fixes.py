"""Fixes: before/after of each edit, and diffs that apply to the analysed file with git."""
from __future__ import annotations

import ast
import subprocess
from pathlib import Path

from conftest import assess
from reassess.fixes import raise_from
from reassess.fixes.edits import apply

BEFORE = '''\
from fastapi import HTTPException


async def load(repo, key):
    try:
        return await repo.get(key)
    except LookupError as exc:
        raise HTTPException(status_code=404, detail=f"{key} – {exc}")  # not found
    except ValueError:
        raise HTTPException(status_code=400)
    except OSError as err:
        raise err
'''


def _raises(source: str) -> list[tuple[ast.Raise, str]]:
    tree = ast.parse(source)
    return [(node, handler.name or "") for handler in ast.walk(tree) if isinstance(handler, ast.ExceptHandler)
            for node in handler.body if isinstance(node, ast.Raise)]


def test_raise_from_chains_only_named_handlers() -> None:
    lines = BEFORE.split("\n")
    after = "\n".join(apply(lines, raise_from.insertions(_raises(BEFORE))))
    assert 'raise HTTPException(status_code=404, detail=f"{key} – {exc}") from exc  # not found' in after
    assert "raise HTTPException(status_code=400)\n" in after  # no name to chain: left alone
    assert "raise err\n" in after  # re-raising the caught object: left alone
    assert after.replace(" from exc", "") == BEFORE
    ast.parse(after)


def test_multiline_raise_is_chained_after_its_last_line() -> None:
    source = "try:\n    f()\nexcept E as e:\n    raise X(\n        1,\n    )\n"
    after = "\n".join(apply(source.split("\n"), raise_from.insertions(_raises(source))))
    assert after.endswith("    ) from e\n")


def test_diff_in_findings_applies_cleanly(tmp_path: Path) -> None:
    root = tmp_path / "svc"
    (root / "app").mkdir(parents=True)
    (root / "app" / "api.py").write_text(BEFORE, encoding="utf-8")
    result = assess(root)
    fixed = [f for f in result.findings if f.fix]
    assert [f.rule for f in fixed] == ["RA104"]
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    (root / "fix.diff").write_text(fixed[0].fix["diff"], encoding="utf-8")
    subprocess.run(["git", "apply", "fix.diff"], cwd=root, check=True)
    assert "from exc  # not found" in (root / "app" / "api.py").read_text(encoding="utf-8")
