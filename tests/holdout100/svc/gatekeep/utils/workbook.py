from __future__ import annotations

import io
from collections.abc import Iterable, Mapping

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

COLUMNS = ("badge_number", "holder_kind", "holder_id", "door", "kind", "occurred_at")


def build_workbook(rows: Iterable[Mapping[str, object]], title: str = "Access review") -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = title[:31]
    ws.append(COLUMNS)
    widths = [len(c) for c in COLUMNS]
    for row in rows:
        values = [str(row.get(c, "")) for c in COLUMNS]
        ws.append(values)
        widths = [max(w, len(v)) for w, v in zip(widths, values)]
    for idx, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(idx)].width = min(width + 2, 60)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
