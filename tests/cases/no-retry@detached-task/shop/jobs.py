"""arq worker: `arq shop.jobs.WorkerSettings`."""
from typing import Any

from arq import cron

from shop.crm import push_contact
from shop.ledger import export_day
from shop.mail import send_email


async def receipt_job(ctx: dict[str, Any], email: str) -> None:
    await send_email(email, "Your receipt", "<p>Thanks</p>")


async def crm_job(ctx: dict[str, Any], email: str) -> None:
    await push_contact(email)


async def nightly_export(ctx: dict[str, Any]) -> None:
    await export_day("yesterday")


class WorkerSettings:
    functions = [receipt_job, crm_job]
    cron_jobs = [cron(nightly_export, hour=2, minute=0)]
