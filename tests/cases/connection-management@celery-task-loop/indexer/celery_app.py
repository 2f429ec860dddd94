"""The Celery application the indexing tasks are registered on."""
from celery import Celery

celery_app = Celery("indexer", broker="redis://redis:6379/0")
