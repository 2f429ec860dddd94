"""Converts HTML documents with an external binary."""
import asyncio
import subprocess
import tempfile
from pathlib import Path


def convert(html: str, binary: str) -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "doc.html"
        target = Path(tmp) / "doc.pdf"
        source.write_text(html, encoding="utf-8")
        subprocess.run([binary, str(source), str(target)], check=True, timeout=120)  # expect: sync-io-in-async
        return target.read_bytes()


def strip(html: str, binary: str) -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "doc.html"
        source.write_text(html, encoding="utf-8")
        subprocess.run([binary, str(source)], check=True, timeout=30)
        return (Path(tmp) / "doc.txt").read_bytes()


class DocumentService:
    async def pdf(self, doc_id: int, html: str) -> bytes:
        return convert(html, "wkhtmltopdf")

    async def text(self, doc_id: int, html: str) -> bytes:
        return await asyncio.to_thread(strip, html, "html2text")
