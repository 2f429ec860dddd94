"""GNU gettext PO files."""
from __future__ import annotations

import re

from glossa.errors import ParseError
from glossa.parsers.base import Catalog, CatalogEntry

_ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}
_KEYWORDS = ("msgctxt", "msgid_plural", "msgid", "msgstr")


def _unquote(token: str, line_no: int) -> str:
    token = token.strip()
    if len(token) < 2 or token[0] != '"' or token[-1] != '"':
        raise ParseError("expected a quoted string", line=line_no)
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(1)), token[1:-1])


def _header_language(text: str) -> str | None:
    match = _LANGUAGE_RE.search(text)
    return match.group(1).replace("_", "-") if match else None


def parse_po(data: bytes) -> Catalog:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ParseError(f"PO files must be UTF-8: {exc}") from exc
    catalog = Catalog.empty("po", locale=_header_language(text))
    fields: dict[str, str] = {}
    comment: list[str] = []
    current: str | None = None

    def flush() -> None:
        msgid = fields.get("msgid", "")
        if msgid:
            key = unicodedata.normalize("NFC", msgid)
            catalog.entries.append(
                CatalogEntry(
                    key=key,
                    source=msgid,
                    target=fields.get("msgstr") or None,
                    context=fields.get("msgctxt", ""),
                    comment="\n".join(comment) or None,
                )
            )
        fields.clear()
        comment.clear()

    for line_no, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line:
            flush()
            current = None
            continue
        if line.startswith("#."):
            comment.append(line[2:].strip())
            continue
        if line.startswith("#"):
            continue
        if line.startswith('"'):
            if current is None:
                raise ParseError("continuation line without a keyword", line=line_no)
            fields[current] += _unquote(line, line_no)
            continue
        keyword, _, rest = line.partition(" ")
        if keyword.startswith("msgstr["):
            keyword = "msgstr" if keyword == "msgstr[0]" else keyword
        if keyword not in _KEYWORDS and not keyword.startswith("msgstr["):
            raise ParseError(f"unknown keyword {keyword!r}", line=line_no)
        if keyword == "msgctxt" and "msgid" in fields:
            flush()
        current = keyword
        fields[keyword] = _unquote(rest, line_no)
    flush()
    return catalog


_LANGUAGE_RE = re.compile(r'^"Language: ([A-Za-z_\-@]+)\\n"$', re.M)
