"""The Celery app the web process sends jobs through: it releases its own broker pool."""
from celery import Celery

celery_app = Celery("shop", broker="redis://cache:6379/1")


def enqueue_receipt(order_id: int) -> None:
    celery_app.send_task("shop.receipts.send", args=[order_id])
