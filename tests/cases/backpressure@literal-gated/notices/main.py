"""HTTP entry points of the notice service."""
from fastapi import FastAPI

from notices.lookups import TemplateLookups

app = FastAPI()
lookups = TemplateLookups()


@app.post("/notices/preview")
async def preview(mentioned: list[str], ref: str) -> dict:
    first = await lookups.for_template(mentioned, ref)
    return {"first": first, "all": await lookups.for_each_mention(mentioned, ref),
            "every": await lookups.for_every_kind(mentioned, ref)}
