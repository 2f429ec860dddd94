"""An agent step: the model's reply read by a method of the agent, a sandbox stop on timeout."""
import asyncio
import logging

import httpx

logger = logging.getLogger(__name__)


class Agent:
    def __init__(self, client: httpx.AsyncClient) -> None:
        self._client = client
        self.history: list[str] = []

    def parse_reply(self, reply: str) -> list[str]:
        self.history.append(reply)
        return [line for line in reply.splitlines() if line.startswith("ACTION")]

    def actions(self, reply: str) -> list[str]:
        try:
            return self.parse_reply(reply)
        except Exception as exc:  # expect: broad-except
            logger.debug("reply not usable: %s", exc)
            return []

    async def run(self, code: str, sandbox: str) -> dict:
        try:
            response = await asyncio.wait_for(self._client.post(f"{sandbox}/run", json={"code": code}), 30)
            return dict(response.json())
        except asyncio.TimeoutError as exc:
            error = f"code run timed out: {exc}"
            try:
                await self._client.get(f"{sandbox}/stop", timeout=5)
            except Exception as stop_error:
                error += f"; the sandbox did not stop either: {stop_error}"
            raise ValueError(error)

    async def pointer(self, screen) -> tuple[int, int]:
        width, height = await screen.size()
        try:
            x, y = await screen.position()
            self.pos = (x, y)
        except Exception:  # expect: broad-except
            self.pos = (width // 2, height // 2)
        return self.pos
