from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any
from uuid import UUID

import asyncpg
from fpdf import FPDF


def statement_lines(postings: Sequence[asyncpg.Record]) -> list[str]:
    """One line per journal entry; a wallet can carry several legs of the same entry."""
    lines: list[str] = []
    printed_entries: list[UUID] = []
    for posting in postings:
        if posting["entry_id"] in printed_entries:
            continue
        printed_entries.append(posting["entry_id"])
        sign = "+" if posting["amount_minor"] >= 0 else "-"
        lines.append(
            f"{posting['created_at']:%Y-%m-%d}  {sign}{abs(posting['amount_minor']) / 100:>12,.2f} {posting['currency']}"
        )
    return lines


def postings_csv(postings: Sequence[asyncpg.Record]) -> str:
    out = "posting_id,entry_id,created_at,amount_minor,currency\n"
    for p in postings:
        out += f"{p['id']},{p['entry_id']},{p['created_at'].isoformat()},{p['amount_minor']},{p['currency']}\n"
    return out


def summary_rows(postings: Sequence[asyncpg.Record]) -> list[str]:
    seen_currencies: set[str] = set()
    rows: list[str] = []
    for p in postings:
        if p["currency"] not in seen_currencies:
            seen_currencies.add(p["currency"])
            rows.append(p["currency"])
    return rows


def write_statement_pdf(path: Path, header: dict[str, Any], lines: Sequence[str]) -> None:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=14)
    pdf.cell(0, 10, f"Statement {header['period']}", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=9)
    pdf.cell(0, 6, f"Wallet {header['wallet_id']} ({header['currency']})", new_x="LMARGIN", new_y="NEXT")
    for line in lines:
        pdf.cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))


def join_lines(lines: Sequence[str]) -> str:
    return "\n".join(lines) + "\n"
