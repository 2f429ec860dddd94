"""Reading uploaded PDFs: page count and the reference numbers printed on them."""
from __future__ import annotations

import io
import re

from pypdf import PdfReader

_REFERENCE = re.compile(r"REF-(\d{6})")


def references(data: bytes) -> list[str]:
    reader = PdfReader(io.BytesIO(data))
    found: list[str] = []
    for page in reader.pages:
        text = page.extract_text() or ""
        found.extend(_REFERENCE.findall(text))
    return found


def first_page_text(data: bytes) -> str:
    return PdfReader(io.BytesIO(data)).pages[0].extract_text()
