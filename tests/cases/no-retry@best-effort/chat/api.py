from fastapi import FastAPI

from chat.clients import Directory, Unfurler

app = FastAPI()
directory = Directory()
unfurler = Unfurler()


@app.get("/users/{user_id}")
async def user(user_id: int) -> dict:
    return await directory.profile(user_id)


@app.get("/users/{user_id}/card")
async def card(user_id: int, link: str) -> dict:
    return {"user": await directory.profile(user_id), "preview": await unfurler.preview(link)}


@app.get("/preview")
async def preview(link: str) -> dict:
    return {"preview": await unfurler.preview(link)}
