"""Celery tasks: they run in the worker processes, each with its own engine pool."""
from celery import Celery

from ledger import entries
from ledger.db import SessionLocal
from ledger.settings import BROKER_URL


def make_celery() -> Celery:
    app = Celery("ledger", broker=BROKER_URL)
    app.conf.task_acks_late = True
    return app


celery = make_celery()


@celery.task
def settle_day(day: str) -> int:
    with SessionLocal() as session:
        return entries.settle(session, day)
