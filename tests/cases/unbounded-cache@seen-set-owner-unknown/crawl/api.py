from fastapi import FastAPI

from crawl.sources import events

app = FastAPI()


@app.post("/events/{event_id}")
def receive(event_id: str) -> dict:
    return {"new": events.first_time(event_id)}
