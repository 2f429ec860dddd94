"""Model clients, built by a factory from the configured provider."""
from __future__ import annotations


class ChatClient:
    """What every provider client can do."""

    def __init__(self, api_key: str) -> None:
        self.api_key = api_key

    async def complete(self, prompt: str) -> str:
        raise NotImplementedError

    def handle_error(self, exc: Exception) -> Exception:
        return exc


class OpenAIChat(ChatClient):
    async def complete(self, prompt: str) -> str:
        return prompt.upper()


class LocalChat(ChatClient):
    async def complete(self, prompt: str) -> str:
        return prompt


class Clients:
    """Picks the client class for a provider."""

    @staticmethod
    def create(provider: str, api_key: str) -> ChatClient:
        if provider == "openai":
            return OpenAIChat(api_key)
        return LocalChat(api_key)

    @classmethod
    def default(cls) -> ChatClient:
        return cls.create("local", "")


class Summarizer:
    """Summaries of long conversations."""

    def __init__(self, client: ChatClient) -> None:
        self.client = client

    async def summarize(self, text: str) -> str:
        return await self.client.summarise(text)  # expect: wrong-call
