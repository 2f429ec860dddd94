"""Clients for chat and issue-tracker integrations."""
from __future__ import annotations

import aiohttp
import httpx

from ..logging_setup import get_logger
from ..utils.retry import CircuitBreaker, CircuitOpen, with_retries

logger = get_logger(__name__)


class SlackClient:
    def __init__(self, api_url: str, token: str) -> None:
        self._api_url = api_url.rstrip("/")
        self._token = token
        self._session: aiohttp.ClientSession | None = None
        self._breaker = CircuitBreaker("slack", threshold=5, reset_after=60.0)

    def _get_session(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(
                timeout=aiohttp.ClientTimeout(total=None, sock_connect=5),
                headers={"Authorization": f"Bearer {self._token}"},
            )
        return self._session

    async def _post(self, method: str, payload: dict) -> dict:
        async with self._get_session().post(f"{self._api_url}/{method}", json=payload) as resp:
            resp.raise_for_status()
            return await resp.json()

    async def post_message(self, channel: str, text: str, blocks: list[dict] | None = None) -> bool:
        try:
            self._breaker.before_call()
        except CircuitOpen:
            logger.warning("slack_circuit_open", channel=channel)
            return False
        try:
            body = await with_retries(
                lambda: self._post("chat.postMessage", {"channel": channel, "text": text, "blocks": blocks or []}),
                attempts=3,
                retry_on=(aiohttp.ClientError,),
            )
        except aiohttp.ClientError:
            self._breaker.record_failure()
            logger.exception("slack_post_failed", channel=channel)
            return False
        self._breaker.record_success()
        return bool(body.get("ok"))

    async def aclose(self) -> None:
        if self._session is not None:
            await self._session.close()


class JiraClient:
    def __init__(self, base_url: str, token: str) -> None:
        self._http = httpx.AsyncClient(
            base_url=base_url,
            headers={"Authorization": f"Bearer {token}", "Accept": "application/json"},
            timeout=None,
        )

    async def create_issue(self, project_key: str, summary: str, description: str) -> str:
        payload = {
            "fields": {
                "project": {"key": project_key},
                "summary": summary[:250],
                "description": description,
                "issuetype": {"name": "Task"},
            }
        }
        response = await self._http.post("/rest/api/2/issue", json=payload)
        response.raise_for_status()
        key = response.json()["key"]
        logger.info("jira_issue_created", issue=key)
        return key

    async def aclose(self) -> None:
        await self._http.aclose()
