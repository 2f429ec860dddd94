import json
import logging

log = logging.getLogger(__name__)


class Ledger:
    async def credit(self, account: str, cents: int) -> None:
        ...


async def apply_statement(ledger: Ledger, lines: list[str]) -> int:
    applied = 0
    for line in lines:
        try:
            entry = json.loads(line)
            account, cents = entry["account"], int(entry["cents"])
        except (ValueError, KeyError, TypeError):  # expect: swallowed-exception
            continue
        await ledger.credit(account, cents)
        applied += 1
    return applied


async def apply_statement_logged(ledger: Ledger, lines: list[str]) -> int:
    applied = 0
    for number, line in enumerate(lines, 1):
        try:
            entry = json.loads(line)
            account, cents = entry["account"], int(entry["cents"])
        except (ValueError, KeyError) as exc:
            # look-alike: the skip is logged
            log.warning("statement line %d unreadable: %r", number, exc)
            continue
        await ledger.credit(account, cents)
        applied += 1
    return applied
