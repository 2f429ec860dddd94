from __future__ import annotations

import time
from pathlib import Path

from stacks.utils.files import write_csv_rows


def export_branch_report(export_dir: str, branch_code: str, rows: list[dict]) -> Path:
    path = Path(export_dir) / f"circulation-{branch_code}-{int(time.time())}.csv"
    header = ["loan_id", "barcode", "due_at", "status"]
    write_csv_rows(path, header, [[str(r[h]) for h in header] for r in rows])
    return path


def list_exports(export_dir: str) -> list[str]:
    return sorted(p.name for p in Path(export_dir).glob("circulation-*.csv"))
