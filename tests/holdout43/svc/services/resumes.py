"""Resume storage on the shared volume and local text extraction."""
from __future__ import annotations

import asyncio
import hashlib
import io
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from pdfminer.high_level import extract_text as pdf_extract_text

from svc.config import get_settings


class ResumeStorage:
    def __init__(self, root: str | None = None) -> None:
        self.root = Path(root or get_settings().resume_dir)

    def _path_for(self, company_id: int, digest: str, suffix: str) -> Path:
        return self.root / str(company_id) / digest[:2] / f"{digest}{suffix}"

    async def save(self, company_id: int, filename: str, data: bytes) -> str:
        digest = hashlib.sha256(data).hexdigest()
        suffix = Path(filename).suffix.lower() or ".bin"
        path = self._path_for(company_id, digest, suffix)
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "wb") as fh:
            fh.write(data)
        return str(path.relative_to(self.root))

    async def read(self, relative: str) -> bytes:
        return await asyncio.to_thread((self.root / relative).read_bytes)

    async def delete(self, relative: str) -> None:
        path = self.root / relative
        await asyncio.to_thread(self._unlink_quietly, path)

    @staticmethod
    def _unlink_quietly(path: Path) -> None:
        try:
            os.unlink(path)
        except FileNotFoundError:
            pass


EMAIL_RE = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
PHONE_RE = re.compile(r"\+?\d[\d\s().-]{7,}\d")
SKILL_WORDS = {
    "python", "java", "go", "rust", "sql", "postgres", "kubernetes", "aws", "gcp", "react",
    "typescript", "django", "fastapi", "spark", "airflow", "terraform", "kafka", "redis",
}


@dataclass
class ParsedResume:
    text: str
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    skills: list[str] = field(default_factory=list)


_parsed_cache: dict[str, ParsedResume] = {}


def _extract_text(data: bytes, filename: str) -> str:
    if filename.lower().endswith(".pdf"):
        return pdf_extract_text(io.BytesIO(data))
    return data.decode("utf-8", errors="replace")


def parse_resume_bytes(data: bytes, filename: str) -> ParsedResume:
    key = hashlib.sha1(data).hexdigest()
    cached = _parsed_cache.get(key)
    if cached is not None:
        return cached
    text = _extract_text(data, filename)
    words = {w.lower() for w in re.findall(r"[A-Za-z+#]+", text)}
    parsed = ParsedResume(
        text=text,
        emails=sorted(set(EMAIL_RE.findall(text))),
        phones=sorted(set(PHONE_RE.findall(text))),
        skills=sorted(words & SKILL_WORDS),
    )
    _parsed_cache[key] = parsed
    return parsed
