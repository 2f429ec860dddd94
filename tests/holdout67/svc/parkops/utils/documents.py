"""Permit evidence storage and penalty charge notice rendering."""
from __future__ import annotations

import asyncio
import contextlib
import hashlib
import os
import subprocess
import tempfile
from pathlib import Path
from string import Template

from ..config import get_settings


def _path_for(key: str) -> Path:
    root = Path(get_settings().document_root)
    return root / key[:2] / key


def blob_key(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write_blob(key: str, data: bytes) -> Path:
    path = _path_for(key)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".part")
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


def read_blob(key: str) -> bytes:
    return _path_for(key).read_bytes()


def remove_blob(key: str) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.remove(_path_for(key))


_NOTICE = Template(
    "<html><body><h1>Penalty Charge Notice $reference</h1>"
    "<p>Vehicle $plate in zone $zone on $issued.</p><p>Amount due: $amount by $due.</p></body></html>"
)


def _render_pdf(html: str) -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "notice.html"
        out = Path(tmp) / "notice.pdf"
        src.write_text(html, encoding="utf-8")
        subprocess.run(["wkhtmltopdf", "--quiet", str(src), str(out)], check=True, timeout=30)
        return out.read_bytes()


async def render_notice(**fields: str) -> bytes:
    html = _NOTICE.substitute(**fields)
    return await asyncio.to_thread(_render_pdf, html)
