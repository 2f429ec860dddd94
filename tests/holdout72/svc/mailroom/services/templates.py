"""Template rendering (jinja2 sandbox) and link rewriting."""
from __future__ import annotations

import copy
import logging
import re
from dataclasses import dataclass
from typing import Any

import httpx
import requests
from jinja2 import StrictUndefined, TemplateSyntaxError, UndefinedError
from jinja2.sandbox import SandboxedEnvironment

from mailroom.config import get_settings

log = logging.getLogger(__name__)

_env = SandboxedEnvironment(undefined=StrictUndefined, autoescape=True)
_compiled: dict[tuple[int, int, str], Any] = {}

PARTIAL_RE = re.compile(r"\{\%\s*remote\s+\"([^\"]+)\"\s*\%\}")


class TemplateRenderError(Exception):
    pass


@dataclass
class RenderedMessage:
    subject: str
    html: str
    text: str | None


def _title_case(value: Any) -> str:
    try:
        return str(value).title()
    except:
        return ""


_env.filters["titlecase"] = _title_case


def _compile(template_id: int, version: int, part: str, source: str):
    key = (template_id, version, part)
    tpl = _compiled.get(key)
    if tpl is None:
        try:
            tpl = _env.from_string(source)
        except TemplateSyntaxError as exc:
            raise TemplateRenderError(f"template {template_id} v{version} {part}: {exc}") from exc
        _compiled[key] = tpl
    return tpl


def _fetch_remote_partial(url: str) -> str:
    resp = requests.get(url, timeout=5)
    resp.raise_for_status()
    return resp.text


def _expand_partials(source: str) -> str:
    base = get_settings().asset_base_url
    return PARTIAL_RE.sub(lambda m: _fetch_remote_partial(f"{base}/partials/{m.group(1)}"), source)


async def prepare_source(html: str) -> str:
    """Inline remote partials before a template version is saved."""
    if "{% remote" not in html:
        return html
    return _expand_partials(html)


def render(template, context: dict[str, Any]) -> RenderedMessage:
    try:
        subject = _compile(template.id, template.version, "subject", template.subject).render(context)
        html = _compile(template.id, template.version, "html", template.html_body).render(context)
        text = None
        if template.text_body:
            text = _compile(template.id, template.version, "text", template.text_body).render(context)
    except UndefinedError as exc:
        raise TemplateRenderError(f"undefined variable in template {template.id}: {exc.message}")
    return RenderedMessage(subject=subject, html=html, text=text)


def personalise(base_context: dict[str, Any], subscriber) -> dict[str, Any]:
    ctx = copy.deepcopy(base_context)
    ctx["subscriber"] = {
        "email": subscriber.email,
        "first_name": subscriber.first_name or "",
        "last_name": subscriber.last_name or "",
        **(subscriber.attributes or {}),
    }
    return ctx


class BrandAssets:
    """Tenant header/footer snippets from the asset service, with a plain default."""

    DEFAULT_FOOTER = "<p style='font-size:11px;color:#888'>You received this because you subscribed.</p>"

    def __init__(self, client: httpx.AsyncClient) -> None:
        self._client = client

    async def footer(self, tenant_id) -> str:
        try:
            resp = await self._client.get(f"/brand/{tenant_id}/footer.html")
            resp.raise_for_status()
            return resp.text
        except httpx.HTTPError:
            log.warning("brand footer unavailable for %s, using default", tenant_id)
            return self.DEFAULT_FOOTER
