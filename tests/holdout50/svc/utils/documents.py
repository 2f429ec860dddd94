from __future__ import annotations

import os
from datetime import datetime
from decimal import Decimal
from pathlib import Path


def render_agreement(contract_id: int, customer_name: str, lines: list[tuple[str, int, Decimal]], due_at: datetime) -> str:
    rows = "\n".join(f"  {qty} x {desc:<40} {rate:>8}/day" for desc, qty, rate in lines)
    return (
        f"RENTAL AGREEMENT #{contract_id}\n"
        f"Customer: {customer_name}\n"
        f"Due back: {due_at:%Y-%m-%d %H:%M}\n\n"
        f"{rows}\n\n"
        "Equipment is the responsibility of the renter until returned to a rental desk.\n"
    )


def write_agreement(directory: str, contract_id: int, body: str) -> str:
    path = Path(directory) / f"{contract_id // 1000:04d}" / f"agreement-{contract_id}.txt"
    os.makedirs(path.parent, exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(body)
        fh.flush()
        os.fsync(fh.fileno())
    return str(path)
