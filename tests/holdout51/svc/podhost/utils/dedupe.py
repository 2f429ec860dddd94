"""Download dedupe (IAB-style: same IP + user agent + episode within a day) and user agent classification."""
from __future__ import annotations

import hashlib
import json
import logging
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path


@dataclass(slots=True)
class DownloadEvent:
    episode_id: int
    show_id: int
    ip: str
    user_agent: str
    byte_start: int
    bytes_served: int
    at: datetime
    app_name: str | None = None
    country: str | None = None

    @property
    def dedupe_key(self) -> str:
        day = self.at.strftime("%Y%m%d")
        raw = f"{self.episode_id}|{self.ip}|{self.user_agent}|{day}"
        return hashlib.sha256(raw.encode()).hexdigest()

    @property
    def ip_hash(self) -> str:
        return hashlib.sha256(self.ip.encode()).hexdigest()[:24]


def is_countable(event: DownloadEvent, min_bytes: int = 60_000) -> bool:
    if event.byte_start == 0 and event.bytes_served < 2:
        return False
    return event.bytes_served >= min_bytes or event.byte_start > 0


def dedupe_batch(events: list[DownloadEvent]) -> list[DownloadEvent]:
    kept: list[DownloadEvent] = []
    seen: list[str] = []
    for event in events:
        key = event.dedupe_key
        if key in seen:
            continue
        seen.append(key)
        kept.append(event)
    return kept


def unique_keys(events: list[DownloadEvent]) -> set[str]:
    return {event.dedupe_key for event in events}


log = logging.getLogger(__name__)

_PATTERN_FILE = Path(__file__).with_name("user_agents.json")


def _load_patterns() -> list[tuple[re.Pattern[str], str, bool]]:
    try:
        with _PATTERN_FILE.open(encoding="utf-8") as fh:
            raw = json.load(fh)
    except FileNotFoundError:
        log.warning("user agent pattern file missing; classifying everything as unknown")
        return []
    return [(re.compile(item["pattern"], re.I), item["app"], bool(item.get("bot"))) for item in raw]


_PATTERNS = _load_patterns()
_UA_CACHE: dict[str, tuple[str, bool]] = {}


def classify(user_agent: str) -> tuple[str, bool]:
    cached = _UA_CACHE.get(user_agent)
    if cached is not None:
        return cached
    result = ("unknown", False)
    for pattern, app, bot in _PATTERNS:
        try:
            if pattern.search(user_agent):
                result = (app, bot)
                break
        except:
            continue
    _UA_CACHE[user_agent] = result
    return result


def is_bot(user_agent: str) -> bool:
    return classify(user_agent)[1]
