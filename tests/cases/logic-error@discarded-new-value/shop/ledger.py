from decimal import Decimal


def sorted(entries, key=None):  # the project's own helper: sorts in place and logs
    entries.sort(key=key)
    return entries


class Ledger:
    def __init__(self, repo):
        self._repo = repo

    async def statement(self, account_id: int) -> list[dict]:
        lines = list(await self._repo.lines_for(account_id))
        sorted(lines, key=lambda line: line.booked_on)  # project helper, changes the list
        return [{"on": line.booked_on.isoformat(), "amount": str(line.amount)} for line in lines]
