"""`_call` puts the primary provider behind the breaker and calls the backup bare; the geocoder
service hands both of its lookups to its breaker (closures and methods alike), so nothing there is bare."""
from aiobreaker import CircuitBreaker

from mt.providers import BackupMT, Geocoder, PrimaryMT

ORDER = ("primary", "backup")


class TranslationService:
    def __init__(self, primary: PrimaryMT, backup: BackupMT) -> None:
        self._primary = primary
        self._backup = backup
        self._breaker = CircuitBreaker(fail_max=5)

    async def translate(self, texts: list[str], target: str) -> list[str]:
        last: Exception | None = None
        for provider in ORDER:
            try:
                return await self._call(provider, texts, target)
            except Exception as exc:  # noqa: BLE001 - next provider
                last = exc
        raise RuntimeError("every provider failed") from last

    async def _call(self, provider: str, texts: list[str], target: str) -> list[str]:
        if provider == "primary":
            return await self._breaker.call_async(self._primary.translate, texts, target)
        return await self._backup.translate(texts, target)  # expect: no-circuit-breaker


class PlaceService:
    def __init__(self, geocoder: Geocoder) -> None:
        self._geocoder = geocoder
        self._breaker = CircuitBreaker(fail_max=5)

    async def place(self, address: str) -> dict:
        found = await self._breaker.call_async(self._geocoder.locate, address)

        async def _reverse() -> dict:
            return await self._geocoder.reverse(found["lat"], found["lon"])

        return {**found, **await self._breaker.call_async(_reverse)}
