from __future__ import annotations

import asyncio
import hashlib
from pathlib import Path
from string import Template

TEMPLATE_DIR = Path(__file__).resolve().parent.parent / "templates"


def _read_template(name: str) -> Template:
    with open(TEMPLATE_DIR / name, encoding="utf-8") as fh:
        return Template(fh.read())


def render_visit_summary(context: dict[str, str]) -> str:
    return _read_template("visit_summary.txt").safe_substitute(context)


async def render_visit_summary_async(context: dict[str, str]) -> str:
    return await asyncio.to_thread(render_visit_summary, context)


def render_superbill(context: dict[str, str]) -> str:
    return _read_template("superbill.txt").safe_substitute(context)


def document_digest(body: str) -> str:
    return hashlib.sha256(body.encode()).hexdigest()
