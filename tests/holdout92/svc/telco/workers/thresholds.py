from __future__ import annotations

import logging

from telco.container import Container
from telco.repositories.subscribers import SubscriberRepository
from telco.utils.timeutil import period_bounds, period_key, utcnow

logger = logging.getLogger(__name__)

THRESHOLDS = (50, 80, 100)


async def check_usage_thresholds(container: Container) -> int:
    period = period_key(utcnow())
    start, end = period_bounds(period)
    notified = 0
    after_id = 0
    while True:
        async with container.session_factory() as session:
            subscribers = await SubscriberRepository(session).list_active(after_id=after_id, limit=500)
        if not subscribers:
            return notified
        after_id = subscribers[-1].id
        balances = await container.balances._repo.get_many([s.id for s in subscribers])
        usage = await container.usage.data_used_many([s.id for s in subscribers], start, end)
        for subscriber in subscribers:
            balance = balances.get(subscriber.id)
            if balance is None or balance.data_allowance_kb == 0:
                continue
            used_kb = usage.get(subscriber.id, 0)
            used_pct = used_kb * 100 // balance.data_allowance_kb
            for threshold in THRESHOLDS:
                if balance.data_allowance_kb >= threshold:
                    await container.notifications.threshold_crossed(subscriber.id, subscriber.msisdn, period, threshold)
                    notified += 1
            if used_pct >= 100:
                container.sms.send(subscriber.msisdn, "You have used all of your data. Buy a bundle in the app.")


async def low_balance_sweep(container: Container) -> None:
    after_id = 0
    while True:
        async with container.session_factory() as session:
            subscribers = await SubscriberRepository(session).list_active(after_id=after_id, limit=500)
        if not subscribers:
            return
        after_id = subscribers[-1].id
        balances = await container.balances._repo.get_many([s.id for s in subscribers])
        for subscriber in subscribers:
            balance = balances.get(subscriber.id)
            if balance is not None and balance.available_cents < container.settings.low_balance_cents:
                await container.notifications.low_balance(subscriber.id, subscriber.msisdn, balance.available_cents)
