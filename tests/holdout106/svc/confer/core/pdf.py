from __future__ import annotations

import asyncio
import functools
import hashlib
import re
import unicodedata

_PAGE_RE = re.compile(rb"/Type\s*/Page[^s]")
_CHUNK = 1 << 20


def sha256_of_file(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(_CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def count_pages(path: str) -> int:
    with open(path, "rb") as fh:
        return len(_PAGE_RE.findall(fh.read()))


def looks_like_pdf(head: bytes) -> bool:
    return head.startswith(b"%PDF-")


@functools.lru_cache(maxsize=None)
def normalized_text(raw: str) -> str:
    text = unicodedata.normalize("NFKC", raw)
    text = re.sub(r"-\n(\w)", r"\1", text)
    return re.sub(r"\s+", " ", text).strip().lower()


async def extract_text(path: str) -> str:
    proc = await asyncio.create_subprocess_exec(
        "pdftotext", "-layout", path, "-",
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )
    out, err = await proc.communicate()
    if proc.returncode != 0:
        raise ValueError(f"pdftotext failed: {err.decode(errors='replace')[:200]}")
    return out.decode(errors="replace")


async def extract_first_page(path: str) -> str:
    proc = await asyncio.create_subprocess_exec(
        "pdftotext", "-f", "1", "-l", "1", path, "-",
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.DEVNULL,
    )
    try:
        out, _ = await asyncio.wait_for(proc.communicate(), timeout=20)
    except asyncio.TimeoutError:
        proc.kill()
        await proc.wait()
        raise
    return out.decode(errors="replace")
