"""Writes report tables into a zip of CSV files."""
from __future__ import annotations

import copy
import csv
import io
import zipfile
from pathlib import Path
from typing import Any


def rows_to_csv(rows: list[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    if rows:
        writer = csv.DictWriter(buffer, fieldnames=list(rows[0].keys()))
        writer.writeheader()
        writer.writerows(rows)
    return buffer.getvalue()


def rows_to_csv_stamped(rows: list[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    if rows:
        rows[0]["exported"] = "yes"
        writer = csv.DictWriter(buffer, fieldnames=list(rows[0].keys()))
        writer.writeheader()
        writer.writerows(rows)
    return buffer.getvalue()


def write_tables(target: Path, tables: dict[str, list[dict[str, Any]]]) -> None:
    with zipfile.ZipFile(target, "w") as archive:
        for name, rows in tables.items():
            archive.writestr(f"{name}.csv", rows_to_csv(rows))


def write_stamped_tables(target: Path, tables: dict[str, list[dict[str, Any]]]) -> None:
    with zipfile.ZipFile(target, "w") as archive:
        for name, rows in tables.items():
            archive.writestr(f"{name}.csv", rows_to_csv_stamped(rows))


class ReportPackager:
    def package(self, target: Path, tables: dict[str, list[dict[str, Any]]]) -> None:
        snapshot = copy.deepcopy(tables)  # expect: unnecessary-copy
        write_tables(target, snapshot)

    def package_stamped(self, target: Path, tables: dict[str, list[dict[str, Any]]]) -> None:
        snapshot = copy.deepcopy(tables)
        write_stamped_tables(target, snapshot)
