"""Invoice line labels and the CSV export of an invoice."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass
class TaxLine:
    name: str
    country: str | None
    rate: float | None
    amount: int


def tax_labels(lines: list[TaxLine]) -> list[str]:
    """One label per tax line; each label starts afresh, so `+=` only touches a short string."""
    labels = []
    for line in lines:
        label = line.name
        if line.country is not None:
            label += f" ({line.country})"
        if line.rate is not None:
            label += f" {line.rate:.1%}"
        labels.append(label)
    return labels


def export_csv(lines: list[TaxLine]) -> str:
    """The whole export grows by one row per line."""
    body = "name,amount\n"
    for line in lines:
        body += f"{line.name},{line.amount}\n"  # expect: inefficient-algorithm
    return body


def nested_cells(rows: list[list[str]]) -> list[str]:
    """Each row's text is reset per row, but grows by one cell per pass of the inner loop."""
    out = []
    for row in rows:
        text = ""
        for cell in row:
            text += cell + ";"  # expect: inefficient-algorithm
        out.append(text)
    return out
