"""Rendered conversation transcripts."""

_transcript_cache: dict[str, str] = {}  # expect: unbounded-cache


async def transcript(conversation_id: str, text: str) -> str:
    cached = _transcript_cache.get(conversation_id)
    if cached is None:
        cached = _render(text)
        _transcript_cache[conversation_id] = cached
    return cached


def _render(text: str) -> str:
    return text.strip()
