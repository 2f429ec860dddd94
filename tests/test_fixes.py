"""Fixes: before/after of each codemod, and diffs that apply to the analysed file."""
from __future__ import annotations

import subprocess
from pathlib import Path

from conftest import assess
from reassess.fixes import raise_from

BEFORE = '''\
from fastapi import HTTPException


async def load(repo, key):
    try:
        return await repo.get(key)
    except LookupError as exc:
        raise HTTPException(status_code=404, detail=str(exc))
    except ValueError:
        raise HTTPException(status_code=400)
    except OSError as err:
        raise err
'''


def test_raise_from_chains_only_named_handlers() -> None:
    after = raise_from.apply(BEFORE, set(range(1, 13)))
    assert after is not None
    assert "raise HTTPException(status_code=404, detail=str(exc)) from exc" in after
    assert "raise HTTPException(status_code=400)\n" in after  # no name to chain: left alone
    assert "raise err\n" in after  # re-raising the caught object: left alone
    assert after.replace(" from exc", "") == BEFORE


def test_raise_from_leaves_other_lines() -> None:
    assert raise_from.apply(BEFORE, {1, 2, 3}) is None


def test_diff_in_findings_applies_cleanly(tmp_path: Path) -> None:
    root = tmp_path / "svc"
    (root / "app").mkdir(parents=True)
    (root / "app" / "api.py").write_text(BEFORE)
    result = assess(root)
    fixed = [f for f in result.findings if f.fix]
    assert [f.rule for f in fixed] == ["RA104"]
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    (root / "fix.diff").write_text(fixed[0].fix["diff"])
    subprocess.run(["git", "apply", "fix.diff"], cwd=root, check=True)
    assert "from exc" in (root / "app" / "api.py").read_text()
