from __future__ import annotations

import re
from functools import lru_cache

from jinja2 import Environment, StrictUndefined, Template

_env = Environment(undefined=StrictUndefined, autoescape=False, trim_blocks=True, lstrip_blocks=True)

CRITICAL_PATTERNS = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"\b(acute|new)\s+(intracranial|subarachnoid|subdural|epidural)\s+h(a)?emorrhage\b",
        r"\btension\s+pneumothorax\b",
        r"\b(pulmonary|saddle)\s+embol(us|ism)\b",
        r"\baortic\s+dissection\b",
        r"\bfree\s+(intraperitoneal\s+)?air\b",
        r"\bcord\s+compression\b",
        r"\bmalpositioned\s+(endotracheal|ett)\b",
    )
]


@lru_cache(maxsize=128)
def compiled(template_id: int, version: int, body: str) -> Template:
    return _env.from_string(body)


def render(template_id: int, version: int, body: str, sections: dict) -> str:
    return compiled(template_id, version, body).render(**sections)


def detect_critical(text: str) -> list[str]:
    hits = []
    for pattern in CRITICAL_PATTERNS:
        m = pattern.search(text)
        if m:
            hits.append(m.group(0).lower())
    return hits


def finding_code(phrase: str) -> str:
    return re.sub(r"[^a-z]+", "_", phrase.lower()).strip("_")[:32]


# Structured-report section validation.  Section definitions live in ReportTemplate.sections:
#   {"key": "birads", "type": "enum", "values": ["0", "1", "2", "3", "4A", "4B", "4C", "5", "6"], "required": true}
#   {"key": "lesion_size_mm", "type": "number", "min": 0, "max": 400}
#   {"key": "comparison", "type": "text", "max_length": 500}

_BOOL_TRUE = {"true", "yes", "y", "1"}
_BOOL_FALSE = {"false", "no", "n", "0"}


def _coerce(section: dict, raw: object) -> tuple[object, str | None]:
    kind = section.get("type", "text")
    if kind == "number":
        try:
            value = float(raw)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return None, "must be a number"
        lo, hi = section.get("min"), section.get("max")
        if lo is not None and value < lo:
            return None, f"must be >= {lo}"
        if hi is not None and value > hi:
            return None, f"must be <= {hi}"
        return value, None
    if kind == "enum":
        allowed = [str(v) for v in section.get("values", [])]
        if str(raw) not in allowed:
            return None, f"must be one of {', '.join(allowed)}"
        return str(raw), None
    if kind == "bool":
        text = str(raw).strip().lower()
        if text in _BOOL_TRUE:
            return True, None
        if text in _BOOL_FALSE:
            return False, None
        return None, "must be yes/no"
    text = str(raw)
    limit = section.get("max_length")
    if limit and len(text) > limit:
        return None, f"must be at most {limit} characters"
    return text, None


def validate_structured(sections: list[dict], values: dict) -> tuple[dict, dict[str, str]]:
    clean: dict = {}
    errors: dict[str, str] = {}
    known = {s["key"] for s in sections}
    for section in sections:
        key = section["key"]
        if key not in values or values[key] in (None, ""):
            if section.get("required"):
                errors[key] = "required"
            continue
        value, error = _coerce(section, values[key])
        if error:
            errors[key] = error
        else:
            clean[key] = value
    for key in values:
        if key not in known and not key.startswith("_"):
            errors[key] = "unknown field"
    return clean, errors


def impression_from_structured(template_code: str, clean: dict) -> str | None:
    if template_code.startswith("MG") and "birads" in clean:
        return f"BI-RADS {clean['birads']}."
    if template_code.startswith("LIVER") and "lirads" in clean:
        return f"LI-RADS {clean['lirads']} observation."
    if template_code.startswith("LUNG") and "lungrads" in clean:
        return f"Lung-RADS {clean['lungrads']}."
    return None
