from __future__ import annotations

import re
import unicodedata

_WS = re.compile(r"\s+")
_PHONE_DIGITS = re.compile(r"\D+")


def normalize_email(email: str) -> str:
    local, _, domain = email.strip().lower().partition("@")
    if domain in ("gmail.com", "googlemail.com"):
        local = local.split("+", 1)[0].replace(".", "")
        domain = "gmail.com"
    return f"{local}@{domain}"


def normalize_name(name: str) -> str:
    stripped = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return _WS.sub(" ", stripped).strip().lower()


def normalize_phone(raw: str | None, default_region: str = "US") -> str | None:
    if not raw:
        return None
    try:
        import phonenumbers

        parsed = phonenumbers.parse(raw, default_region)
        return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    except:
        digits = _PHONE_DIGITS.sub("", raw)
        return f"+{digits}" if digits else None


def similarity(a: str, b: str) -> float:
    """Jaccard similarity on character trigrams."""
    if not a or not b:
        return 0.0
    ta = {a[i : i + 3] for i in range(max(1, len(a) - 2))}
    tb = {b[i : i + 3] for i in range(max(1, len(b) - 2))}
    return len(ta & tb) / len(ta | tb)


def snippet(text: str, limit: int = 280) -> str:
    text = _WS.sub(" ", text).strip()
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"
