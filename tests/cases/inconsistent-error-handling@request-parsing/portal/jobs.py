"""Nightly job: charges the scheduled exports."""
from portal.data.quota import charge


async def nightly(store) -> None:
    for user_id in await store.scheduled_exports():
        await charge(store, user_id, 1)
