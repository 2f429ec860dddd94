"""HTTP client for the LLM gateway that drafts reply suggestions and summaries."""
from __future__ import annotations

from collections.abc import Sequence

import aiohttp

from svc.clients.resilience import CircuitBreaker, transient_retry

SYSTEM_PROMPT = (
    "You are a support assistant. Draft a concise, friendly reply for the agent to review. "
    "Never promise refunds or timelines that are not stated in the thread."
)
SUMMARY_PROMPT = "Summarise this support conversation in at most five bullet points."


class LlmClient:
    def __init__(self, base_url: str, api_key: str, model: str) -> None:
        self._base_url = base_url
        self._api_key = api_key
        self._model = model
        self._session: aiohttp.ClientSession | None = None
        self._breaker = CircuitBreaker("llm-gateway", failure_threshold=3, reset_timeout=60.0)

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(base_url=self._base_url, headers={"Authorization": f"Bearer {self._api_key}"})

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    @property
    def session(self) -> aiohttp.ClientSession:
        if self._session is None:
            raise RuntimeError("LlmClient.start() was not awaited")
        return self._session

    def _messages(self, system: str, thread: Sequence[tuple[str, str]]) -> list[dict[str, str]]:
        messages = [{"role": "system", "content": system}]
        for author_kind, body in thread:
            messages.append({"role": "assistant" if author_kind == "agent" else "user", "content": body[:4000]})
        return messages

    async def _complete(self, messages: list[dict[str, str]], max_tokens: int) -> str:
        payload = {"model": self._model, "messages": messages, "max_tokens": max_tokens, "temperature": 0.3}
        async with self.session.post("/v1/chat/completions", json=payload) as response:
            response.raise_for_status()
            data = await response.json()
        return data["choices"][0]["message"]["content"]

    @transient_retry(attempts=2)
    async def suggest_reply(self, thread: Sequence[tuple[str, str]]) -> str:
        return await self._breaker.call(self._complete, self._messages(SYSTEM_PROMPT, thread), 400)

    @transient_retry(attempts=2)
    async def summarize(self, thread: Sequence[tuple[str, str]]) -> str:
        return await self._complete(self._messages(SUMMARY_PROMPT, thread), 250)
