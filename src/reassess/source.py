"""Reading source bytes as text the way Python itself would."""
from __future__ import annotations

import io
import tokenize


def decode(data: bytes) -> tuple[str, str | None]:
    """Text of a file and an error message when Python could not decode it.

    Honours PEP 263 coding declarations and BOMs; undecodable files still give a
    best-effort text (latin-1) so that a parse-error finding can quote its lines.
    """
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    except SyntaxError as exc:
        return data.decode("latin-1"), f"unknown encoding: {exc}"
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        return data.decode("latin-1"), f"not valid {encoding}: {exc.reason if hasattr(exc, 'reason') else exc}"
    if text.startswith("\ufeff"):
        text = text[1:]
    return text, None


def split_lines(text: str) -> list[str]:
    """Lines as editors number them (no line terminators); only \\n, \\r\\n and \\r end a line."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
