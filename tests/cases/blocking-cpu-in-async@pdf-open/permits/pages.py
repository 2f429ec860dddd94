"""Helpers over uploaded PDFs."""
import io

from pypdf import PdfReader


def page_count(data: bytes) -> int:
    return len(PdfReader(io.BytesIO(data)).pages)


def first_lines(data: bytes) -> list[str]:
    reader = PdfReader(io.BytesIO(data))
    text = reader.pages[0].extract_text() or ""
    return text.splitlines()[:5]
