"""Statements and payouts over ledger entries: copies of values nobody else holds."""
import copy
import json

from sqlalchemy import select

from .views import entry_view


class StatementService:
    def __init__(self, session, repo, accounts, notifier) -> None:
        self._session = session
        self._repo = repo
        self._accounts = accounts
        self._notifier = notifier
        self._recent: list = []

    async def export(self, member_id: int) -> str:
        views = [entry_view(e) for e in await self._repo.entries_for(member_id)]
        frozen = copy.deepcopy(views)  # expect: unnecessary-copy
        owner = await self._accounts.owner_of(member_id)
        return json.dumps({"owner": owner, "entries": frozen})

    async def settle(self, model, ids: list[int]) -> int:
        rows = {r.id: r for r in (await self._session.execute(select(model).where(model.id.in_(ids)))).scalars()}
        working = copy.deepcopy(rows)  # expect: unnecessary-copy
        sent = 0
        for row_id in ids:
            row = working.get(row_id)
            if row is None:
                continue
            await self._notifier.send(row.account, row.amount)
            sent += 1
        return sent

    async def lines(self, member_id: int) -> list[list]:
        entries = await self._repo.entries_for(member_id)
        out = []
        for entry in copy.deepcopy(entries):  # expect: unnecessary-copy
            label = await self._accounts.label_for(entry.kind)
            out.append([entry.booked_at.date().isoformat(), label, entry.amount])
        return out

    async def recent_lines(self) -> list[list]:
        """Look-alike: the instance's list, which other tasks change while this one waits."""
        out = []
        for entry in copy.deepcopy(self._recent):
            label = await self._accounts.label_for(entry.kind)
            out.append([entry.booked_at.date().isoformat(), label])
        return out

    async def with_original(self, member_id: int) -> tuple[list, list]:
        """Look-alike: the original is kept next to the copy and returned too."""
        views = [entry_view(e) for e in await self._repo.entries_for(member_id)]
        frozen = copy.deepcopy(views)
        await self._accounts.touch(member_id)
        return views, frozen
