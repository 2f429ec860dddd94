"""A nightly job closing dormant accounts."""
from ledger.accounts import AccountService, Archiver, ColdArchiver, Counter, QuietCounter, SyncArchiver


class DormantCloser:
    def __init__(self, sessions, cold: bool) -> None:
        self._sessions = sessions
        self._cold = cold

    def _accounts(self, session) -> AccountService:
        return AccountService(session)

    def _archiver(self, session) -> Archiver:
        return ColdArchiver(session) if self._cold else SyncArchiver()

    def _maybe_accounts(self, session) -> AccountService | None:
        return AccountService(session) if session is not None else None

    def _counter(self) -> Counter:
        return QuietCounter()

    async def close_all(self, account_ids: list[int]) -> int:
        closed = 0
        async with self._sessions() as session:
            accounts = self._accounts(session)
            archiver = self._archiver(session)
            maybe = self._maybe_accounts(session)
            counter = self._counter()
            for account_id in account_ids:
                accounts.close_account(account_id)  # expect: unawaited-coroutine
                archiver.archive(account_id)
                if maybe is not None:
                    maybe.close_account(account_id)
                counter.bump()
                closed += 1
        return closed
