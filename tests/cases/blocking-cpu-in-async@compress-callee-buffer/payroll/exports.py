"""Payroll exports: rows written into in-memory buffers."""
import csv
import io
import json


async def ledger_csv(rows: list[dict]) -> tuple[bytes, int]:
    buffer = io.StringIO()
    out = csv.writer(buffer)
    for row in rows:
        out.writerow([row["employee"], row["gross"], row["net"]])
    return buffer.getvalue().encode(), len(rows)


def timesheet_lines(entries: list[dict]) -> bytes:
    sink = io.StringIO()
    for entry in entries:
        sink.write(f"{entry['employee']}\t{entry['hours']}\n")
    return sink.getvalue().encode("utf-8")


def summary_json(totals: dict) -> bytes:
    return json.dumps(totals).encode()
