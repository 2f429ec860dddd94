"""SMS gateway client."""
from __future__ import annotations

import logging
import re

import httpx

from svc.config import get_settings
from svc.utils.resilience import with_retry

log = logging.getLogger(__name__)

_DIGITS = re.compile(r"\D+")

_http = httpx.AsyncClient(timeout=httpx.Timeout(8.0, connect=2.0))


def to_e164(raw: str | None, default_country: str = "44") -> str | None:
    if not raw:
        return None
    digits = _DIGITS.sub("", raw)
    if raw.strip().startswith("+"):
        return "+" + digits
    if digits.startswith("00"):
        return "+" + digits[2:]
    if digits.startswith("0"):
        return "+" + default_country + digits[1:]
    return "+" + digits


class SmsError(RuntimeError):
    pass


async def send_sms(phone: str, text: str) -> str:
    settings = get_settings()
    number = to_e164(phone)
    if number is None:
        raise SmsError("no phone number")

    async def _post() -> httpx.Response:
        r = await _http.post(
            settings.sms_gateway_url,
            headers={"Authorization": f"Token {settings.sms_token}"},
            json={"to": number, "body": text[:459]},
        )
        if r.status_code >= 500:
            r.raise_for_status()
        return r

    resp = await with_retry(_post, attempts=3, retry_on=(httpx.TransportError, httpx.HTTPStatusError))
    if resp.status_code != 200:
        raise SmsError(f"gateway refused message: {resp.status_code}")
    try:
        return resp.json()["id"]
    except (ValueError, KeyError):
        raise SmsError("gateway response had no message id")


async def send_sms_once(phone: str, text: str) -> str:
    settings = get_settings()
    async with httpx.AsyncClient() as client:
        r = await client.post(
            settings.sms_gateway_url,
            headers={"Authorization": f"Token {settings.sms_token}"},
            json={"to": to_e164(phone), "body": text[:459]},
        )
    r.raise_for_status()
    return r.json()["id"]
