"""Blocking client for the bank's statement API.

The bank ships a synchronous SDK-style API; everything here is meant to be
called from a worker thread.
"""
from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

import requests

from svc.config import Settings


@dataclass(frozen=True, slots=True)
class StatementRef:
    statement_id: str
    iban: str
    booking_date: str


def new_session(settings: Settings) -> requests.Session:
    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {settings.bank_api_token}"
    return session


def list_new_statements(session: requests.Session, base_url: str, since: str) -> list[StatementRef]:
    resp = session.get(f"{base_url}/accounts/statements", params={"since": since}, timeout=(3.05, 20))
    resp.raise_for_status()
    return [StatementRef(**item) for item in resp.json()["statements"]]


def download_statement(session: requests.Session, base_url: str, statement_id: str) -> bytes:
    resp = session.get(f"{base_url}/statements/{statement_id}/camt053")
    resp.raise_for_status()
    return resp.content


def decrypt_statement(gpg_binary: str, encrypted: bytes) -> bytes:
    proc = subprocess.run(
        [gpg_binary, "--batch", "--quiet", "--decrypt"],
        input=encrypted,
        capture_output=True,
        check=True,
        timeout=30,
    )
    return proc.stdout


def archive_raw_statement(directory: str, statement_id: str, payload: bytes) -> Path:
    path = Path(directory) / "statements" / f"{statement_id}.xml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(payload)
    return path
