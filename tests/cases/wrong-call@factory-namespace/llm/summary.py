"""Summaries through whichever client the factory returns."""
from __future__ import annotations

from llm.clients import Clients, Summarizer


async def summarize(text: str, client: Clients) -> str:
    # the annotation names the factory; the object is the ChatClient that Clients.create returned
    try:
        return await client.complete(f"Summarize: {text}")
    except RuntimeError as exc:
        raise client.handle_error(exc) from exc


async def summarize_with(provider: str, key: str, text: str) -> str:
    return await summarize(text, Clients.create(provider, key))


async def summarize_default(text: str) -> str:
    return await Summarizer(Clients.default()).summarize(text)
