"""Secrets and documents on local disk."""
from __future__ import annotations

import asyncio
from pathlib import Path

from fpdf import FPDF


def _read_secret_file(path: str) -> bytes:
    return Path(path).read_bytes().strip()  # expect: sync-io-in-async


def _read_config_file(path: str) -> str:
    return Path(path).read_text()


def load_webhook_secret() -> bytes:
    return _read_secret_file("/run/secrets/webhook")


async def load_config() -> str:
    return await asyncio.to_thread(_read_config_file, "/etc/app.toml")


def write_statement_pdf(path: Path, lines: list[str]) -> None:
    pdf = FPDF()
    pdf.add_page()
    for line in lines:
        pdf.cell(0, 5, line)
    pdf.output(str(path))


def render_statement_bytes(lines: list[str]) -> bytes:
    pdf = FPDF()
    pdf.add_page()
    for line in lines:
        pdf.cell(0, 5, line)
    return bytes(pdf.output())
