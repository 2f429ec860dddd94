from __future__ import annotations

import logging
from dataclasses import dataclass

import httpx

from readroom.errors import TranscriptionError
from readroom.settings import get_settings

log = logging.getLogger(__name__)


@dataclass
class Transcript:
    text: str
    confidence: float
    words: list[dict]


class SpeechClient:
    """Vendor speech-recognition API with a radiology language model."""

    def __init__(self) -> None:
        s = get_settings()
        self._client = httpx.AsyncClient(
            base_url=s.speech_base_url,
            headers={"Authorization": f"Bearer {s.speech_api_key}"},
            timeout=None,
        )

    async def transcribe(self, audio: bytes, *, content_type: str = "audio/wav", language: str = "en-US") -> Transcript:
        try:
            resp = await self._client.post(
                "/recognize",
                params={"model": "medical-radiology", "language": language},
                content=audio,
                headers={"Content-Type": content_type},
            )
            resp.raise_for_status()
        except httpx.HTTPStatusError as exc:
            log.warning("speech api status %s", exc.response.status_code)
            raise TranscriptionError("speech vendor rejected audio")
        body = resp.json()
        best = body["results"][0]["alternatives"][0]
        return Transcript(text=best["transcript"], confidence=best.get("confidence", 0.0), words=best.get("words", []))

    async def partial(self, session_id: str, chunk: bytes) -> str:
        resp = await self._client.post(f"/streams/{session_id}/chunks", content=chunk)
        resp.raise_for_status()
        return resp.json().get("partial", "")

    async def open_stream(self, language: str = "en-US") -> str:
        resp = await self._client.post("/streams", json={"model": "medical-radiology", "language": language})
        resp.raise_for_status()
        return resp.json()["id"]

    async def close_stream(self, session_id: str) -> None:
        resp = await self._client.delete(f"/streams/{session_id}")
        if resp.status_code not in (200, 204, 404):
            resp.raise_for_status()

    async def aclose(self) -> None:
        await self._client.aclose()
