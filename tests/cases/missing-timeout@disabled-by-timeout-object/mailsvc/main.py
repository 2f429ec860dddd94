from fastapi import FastAPI

from mailsvc.clients import Bounded, Mailer, Pusher, subscriber

app = FastAPI()
mailer = Mailer("https://mail.internal")
pusher = Pusher("https://push.internal")
bounded = Bounded("https://kv.internal")
events = subscriber("redis://redis:6379/0")


@app.post("/notify/{user}")
async def notify(user: int) -> dict:
    await mailer.send(f"{user}@example.com", "hi")
    await pusher.push(user)
    return await bounded.get(str(user))


@app.get("/listen")
async def listen() -> dict:
    pubsub = events.pubsub()
    await pubsub.subscribe("news")
    return {"ok": True}
