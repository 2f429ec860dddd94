"""Reads uploaded sample sheets row by row."""
from __future__ import annotations

import logging

from pydantic import BaseModel, ValidationError

log = logging.getLogger(__name__)


class Row(BaseModel):
    name: str
    index: str
    conc: float


def _normalise(record: dict) -> dict:
    return {"name": record["name"].strip(), "index": record["index"].upper(), "conc": float(record["conc"])}


def parse(records: list[dict]) -> tuple[list[Row], list[dict]]:
    accepted: list[Row] = []
    rejected: list[dict] = []
    for n, record in enumerate(records, start=2):
        try:
            row = _normalise(record)
        except (KeyError, ValueError):  # expect: swallowed-exception
            continue
        try:
            accepted.append(Row(**row))
        except ValidationError as exc:
            rejected.append({"line": n, "errors": exc.errors()})
    return accepted, rejected


def parse_logged(records: list[dict]) -> list[Row]:
    accepted: list[Row] = []
    for n, record in enumerate(records, start=2):
        try:
            row = _normalise(record)
        except (KeyError, ValueError):
            log.warning("line %d unreadable", n)
            continue
        try:
            accepted.append(Row(**row))
        except ValidationError:
            log.warning("line %d invalid", n)
    return accepted


def parse_lenient(records: list[dict]) -> list[Row]:
    accepted: list[Row] = []
    for record in records:
        try:
            row = _normalise(record)
        except (KeyError, ValueError):
            continue
        accepted.append(Row(**row))
    return accepted


def parse_explained(records: list[dict]) -> tuple[list[Row], list[dict]]:
    accepted: list[Row] = []
    rejected: list[dict] = []
    for n, record in enumerate(records, start=2):
        try:
            row = _normalise(record)
        except (KeyError, ValueError):
            # blank spacer rows of the template: not samples
            continue
        try:
            accepted.append(Row(**row))
        except ValidationError as exc:
            rejected.append({"line": n, "errors": exc.errors()})
    return accepted, rejected


def parse_quiet_skip(records: list[dict]) -> list[Row]:
    accepted: list[Row] = []
    for n, record in enumerate(records, start=2):
        try:
            row = _normalise(record)
        except (KeyError, ValueError):
            continue
        try:
            accepted.append(Row(**row))
        except ValidationError:
            log.warning("line %d invalid", n)
    return accepted
