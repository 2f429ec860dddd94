from __future__ import annotations

import httpx

from glossa.errors import ProviderError
from glossa.utils.resilience import retry_async

# DeepL wants its own locale codes for a few targets
_TARGET_CODES = {"en": "EN-US", "pt": "PT-PT", "pt-br": "PT-BR", "zh": "ZH-HANS"}


class TransientStatus(httpx.HTTPStatusError):
    """429 and 5xx answers: worth another attempt."""


def deepl_code(locale: str, *, target: bool) -> str:
    code = locale.lower()
    if target and code in _TARGET_CODES:
        return _TARGET_CODES[code]
    return code.split("-")[0].upper()


class DeepLClient:
    def __init__(self, base_url: str, api_key: str, client: httpx.AsyncClient | None = None) -> None:
        self._client = client or httpx.AsyncClient(
            base_url=base_url,
            headers={"Authorization": f"DeepL-Auth-Key {api_key}"},
        )

    async def aclose(self) -> None:
        await self._client.aclose()

    async def _post_translate(self, payload: dict) -> dict:
        response = await self._client.post("/v2/translate", json=payload)
        if response.status_code == 429 or response.status_code >= 500:
            raise TransientStatus(f"HTTP {response.status_code}", request=response.request, response=response)
        response.raise_for_status()
        return response.json()

    async def translate(self, texts: list[str], source: str, target: str) -> list[str]:
        payload = {
            "text": texts,
            "source_lang": deepl_code(source, target=False),
            "target_lang": deepl_code(target, target=True),
            "tag_handling": "xml",
            "ignore_tags": ["x"],
        }
        try:
            body = await retry_async(self._post_translate, payload, attempts=3, base_delay=0.5, retry_on=(httpx.TransportError, TransientStatus))
        except httpx.HTTPStatusError as exc:
            raise ProviderError("deepl", f"HTTP {exc.response.status_code}")
        except httpx.TransportError as exc:
            raise ProviderError("deepl", "transport failure", retryable=True) from exc
        return [item["text"] for item in body["translations"]]
