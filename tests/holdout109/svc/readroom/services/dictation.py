from __future__ import annotations

import asyncio
import logging
import time
from collections import defaultdict, deque

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from readroom.cache.redis_client import get_redis
from readroom.clients.resilience import retry_async
from readroom.clients.speech_api import SpeechClient
from readroom.db.engine import SessionFactory
from readroom.errors import InvalidReportState, RateLimited, ReportNotFound
from readroom.repositories.reports import ReportRepository
from readroom.services.notifications import publish_event, spawn
from readroom.utils.audio_store import read_audio_blob, save_audio_blob

log = logging.getLogger(__name__)


class DictationThrottle:
    """Per-radiologist cap on uploaded dictation segments per minute."""

    def __init__(self, per_minute: int) -> None:
        self.per_minute = per_minute
        self._hits: dict[int, deque[float]] = defaultdict(deque)

    def check(self, user_id: int) -> None:
        now = time.monotonic()
        window = self._hits[user_id]
        while window and now - window[0] > 60:
            window.popleft()
        if len(window) >= self.per_minute:
            raise RateLimited("dictation upload rate exceeded")
        window.append(now)


class DictationService:
    def __init__(self, speech: SpeechClient) -> None:
        self.speech = speech
        self._partials: dict[str, str] = {}

    async def upload_segment(self, session: AsyncSession, report_id: int, audio: bytes, suffix: str) -> dict:
        reports = ReportRepository(session)
        report = await reports.get(report_id)
        if report is None:
            raise ReportNotFound(f"report {report_id} not found")
        if report.status != "DRAFT":
            raise InvalidReportState("cannot dictate into a signed report")

        path = await asyncio.to_thread(save_audio_blob, report_id, audio, suffix)

        redis = get_redis()
        key = f"dictation:seq:{report_id}"
        current = await redis.get(key)
        seq = int(current or 0) + 1
        await redis.set(key, seq, ex=86400)

        segment = await reports.add_segment(report_id, seq, path)
        await session.commit()
        spawn(self.transcribe_segment(segment.id, path, report_id), name=f"transcribe-{segment.id}")
        return {"segment_id": segment.id, "seq": seq}

    async def transcribe_segment(self, segment_id: int, path: str, report_id: int) -> None:
        audio = await asyncio.to_thread(read_audio_blob, path)
        result = await retry_async(
            lambda: self.speech.transcribe(audio),
            attempts=3,
            retry_on=(httpx.TransportError,),
        )
        async with SessionFactory() as session:
            await ReportRepository(session).save_transcript(segment_id, result.text, result.confidence)
            await session.commit()
        await publish_event(
            "transcript", {"report_id": report_id, "segment_id": segment_id, "text": result.text}
        )

    async def open_stream(self, report_id: int) -> str:
        session_id = await self.speech.open_stream()
        await get_redis().incr(f"dictation:streams:{report_id}")
        return session_id

    async def stream_chunk(self, session_id: str, chunk: bytes) -> str:
        text = await self.speech.partial(session_id, chunk)
        self._partials[session_id] = text
        return text

    def latest_partial(self, session_id: str) -> str:
        return self._partials.get(session_id, "")

    async def close_stream(self, session_id: str) -> None:
        await self.speech.close_stream(session_id)


_COMMANDS = {
    "next field": ("navigate", 1),
    "previous field": ("navigate", -1),
    "new paragraph": ("insert", "\n\n"),
    "new line": ("insert", "\n"),
    "period": ("insert", ". "),
    "comma": ("insert", ", "),
    "scratch that": ("undo", None),
    "insert normal": ("template", "normal"),
}


def apply_voice_commands(transcript: str) -> tuple[str, list[tuple[str, object]]]:
    """Turns spoken formatting commands into text edits and editor actions."""
    words = transcript.split()
    out: list[str] = []
    actions: list[tuple[str, object]] = []
    i = 0
    while i < len(words):
        matched = False
        for width in (3, 2):
            phrase = " ".join(words[i : i + width]).lower().strip(".,")
            command = _COMMANDS.get(phrase)
            if command is None:
                continue
            kind, arg = command
            if kind == "insert":
                out.append(str(arg))
            elif kind == "undo":
                if out:
                    out.pop()
            else:
                actions.append((kind, arg))
            i += width
            matched = True
            break
        if not matched:
            out.append(words[i] + " ")
            i += 1
    text = "".join(out).replace(" .", ".").replace(" ,", ",").strip()
    return text, actions


def merge_transcripts(segments: list[tuple[int, str]]) -> str:
    ordered = sorted(segments, key=lambda s: s[0])
    return "\n".join(text.strip() for _, text in ordered if text and text.strip())
