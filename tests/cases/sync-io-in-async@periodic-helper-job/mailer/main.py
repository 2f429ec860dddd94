from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI

from mailer.background import Background, periodically
from mailer.jobs import Newsletter, export_stats

COUNTERS: dict[str, int] = {}


@asynccontextmanager
async def lifespan(app: FastAPI):
    bg = Background()
    newsletter = Newsletter(Path("/srv/templates"), [])
    bg.add(periodically("newsletter", 3600, newsletter.send_round), "newsletter")
    bg.add(periodically("stats", 60, lambda: export_stats("/var/run/stats.json", COUNTERS)), "stats")
    app.state.newsletter = newsletter
    yield
    bg.cancel_all()


app = FastAPI(lifespan=lifespan)
