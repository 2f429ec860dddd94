"""Background loops: escalations are paged once per breached rule; digests go to chat per team."""
import asyncio
import logging

from alerts.senders import Archive, ChatHook, PagerClient, StatusBoard

log = logging.getLogger(__name__)


async def escalate(rules_repo, pager: PagerClient) -> None:
    while True:
        for rule in await rules_repo.breached():
            await rules_repo.mark_escalated(rule.id)  # never escalated again
            try:
                await pager.page(rule.owner_id, f"{rule.name} breached")  # expect: no-retry
            except Exception:
                pass
        await asyncio.sleep(60)


async def post_digests(teams_repo, chat: ChatHook) -> None:
    while True:
        teams = await teams_repo.due_digests()
        for team in teams:
            try:
                await chat.post(team.channel, team.digest_text)  # expect: no-retry
            except Exception:
                log.warning("digest for %s not delivered", team.id)
        await teams_repo.mark_digests_sent([t.id for t in teams])
        await asyncio.sleep(3600)


async def heartbeat(board: StatusBoard) -> None:
    # a periodic push: the next round sends the same state again
    while True:
        try:
            await board.publish("api", "up")
        except Exception:
            log.warning("status push failed")
        await asyncio.sleep(15)


class Archiver:
    def __init__(self, archive: Archive) -> None:
        self._archive = archive
        self._backlog: list[dict] = []

    async def flush(self, records: list[dict]) -> None:
        for record in records:
            try:
                await self._archive.store(record)
            except Exception:
                log.warning("archive busy; keeping the record for the next flush")
                self._backlog.append(record)
