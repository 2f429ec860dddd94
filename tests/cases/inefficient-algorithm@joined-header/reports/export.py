"""CSV and text exports built from query results."""
from __future__ import annotations

COLUMNS = ("id", "meter", "quantity", "occurred_at")


def to_csv(rows: list[dict]) -> str:
    text = ",".join(COLUMNS) + "\n"
    for row in rows:
        text += ",".join(str(row[c]) for c in COLUMNS) + "\n"  # expect: inefficient-algorithm
    return text


def to_report(rows: list[dict]) -> str:
    report = "Usage for {}\n".format(len(rows))
    for row in rows:
        report += f"{row['meter']}: {row['quantity']}\n"  # expect: inefficient-algorithm
    return report


def total_quantity(rows: list[dict]) -> float:
    total = len(rows) * 0.0 + 1
    for row in rows:
        total += row["quantity"]
    return total


def to_lines(rows: list[dict]) -> str:
    header = ",".join(COLUMNS)
    parts = [header]
    for row in rows:
        parts.append(",".join(str(row[c]) for c in COLUMNS))
    return "\n".join(parts)


def padded_id(prefix: str, count: int, alphabet: str) -> str:
    ident = prefix + str(count)
    for _ in range(64 - len(ident)):
        ident += alphabet[len(ident) % len(alphabet)]
    return ident
