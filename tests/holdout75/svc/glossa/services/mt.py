"""Machine translation across providers: DeepL first, Google as the second choice."""
from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence

from glossa.clients.deepl import DeepLClient
from glossa.clients.google_mt import GoogleMTClient
from glossa.db.models import SourceString
from glossa.errors import ProviderError
from glossa.services.metering import QuotaService
from glossa.settings import Settings
from glossa.utils.resilience import CircuitBreaker, CircuitOpen

logger = logging.getLogger(__name__)

PROVIDER_ORDER = ("deepl", "google")


class MTService:
    def __init__(self, settings: Settings, deepl: DeepLClient, google: GoogleMTClient, quotas: QuotaService) -> None:
        self._settings = settings
        self._deepl = deepl
        self._google = google
        self._quotas = quotas
        self._breaker = CircuitBreaker("deepl", failure_threshold=5, reset_after=30.0)
        self._memo: dict[tuple[str, str, str], str] = {}

    async def translate_texts(self, org_id: int, texts: Sequence[str], source: str, target: str) -> list[str]:
        await self._quotas.reserve_mt_chars(org_id, sum(len(t) for t in texts))
        last_error: Exception | None = None
        for provider in PROVIDER_ORDER:
            try:
                return await self._call(provider, list(texts), source, target)
            except (ProviderError, CircuitOpen) as exc:
                logger.warning("mt provider %s failed for %d texts, trying the next: %s", provider, len(texts), exc)
                last_error = exc
        raise ProviderError("mt", "every provider failed") from last_error

    async def _call(self, provider: str, texts: list[str], source: str, target: str) -> list[str]:
        if provider == "deepl":
            return await self._breaker.call(self._deepl.translate, texts, source, target)
        return await self._google.translate(texts, source, target)

    async def suggest(self, org_id: int, text: str, source: str, target: str) -> str:
        key = (text, source, target)
        cached = self._memo.get(key)
        if cached is not None:
            return cached
        [translated] = await self.translate_texts(org_id, [text], source, target)
        self._memo[key] = translated
        return translated

    async def suggest_many(self, org_id: int, segments: Sequence[SourceString], source: str, target: str) -> list[str]:
        """The editor's "suggest for every visible row" action."""
        return await asyncio.gather(*(self.suggest(org_id, s.text, source, target) for s in segments))
