from __future__ import annotations

import logging
from datetime import date

from ..clients import notifier
from ..clients.refdata import is_trading_day
from ..db.engine import SessionFactory
from ..repositories import accounts as accounts_repo
from ..repositories import margin as margin_repo
from ..services.margin import margin_status

log = logging.getLogger(__name__)


async def run_margin_cycle() -> None:
    today = date.today()
    if not is_trading_day(today):
        return
    issued = 0
    async with SessionFactory() as session:
        async for batch in accounts_repo.iter_active_accounts(session):
            margin_accounts = [a for a in batch if a.account_type == "margin"]
            already_called = await margin_repo.open_calls_for([a.id for a in margin_accounts])
            for account in margin_accounts:
                status = await margin_status(account.id)
                if status.action == "ok" or account.id in already_called:
                    continue
                await margin_repo.create_call(account.id, status.deficit)
                issued += 1
                try:
                    await notifier.send_push(
                        account.customer_id,
                        "Margin call",
                        f"Deposit {status.deficit:.2f} to restore your margin on account {account.account_number}.",
                    )
                except Exception:
                    pass
    log.info("margin cycle issued %d calls", issued)
