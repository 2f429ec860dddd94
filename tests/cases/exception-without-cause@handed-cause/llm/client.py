"""A model client: rate limits handed to the retrying caller, a sync stream read from async code."""
from typing import Iterator

from .errors import ModelConfigError, RetryableModelError


class RateLimited(Exception):
    status = 429


def complete(sdk, prompt: str, settings: dict) -> str:
    try:
        model = settings["model"]
    except KeyError:
        raise ModelConfigError("no model configured")  # expect: exception-without-cause
    try:
        return sdk.generate(model=model, prompt=prompt)
    except RateLimited as exc:
        raise RetryableModelError(exc, "The model is busy, please try again shortly.")


class AsyncChunks:
    def __init__(self, chunks: Iterator[str]) -> None:
        self._chunks = chunks

    def __aiter__(self) -> "AsyncChunks":
        return self

    async def __anext__(self) -> str:
        try:
            return next(self._chunks)
        except StopIteration:
            raise StopAsyncIteration
