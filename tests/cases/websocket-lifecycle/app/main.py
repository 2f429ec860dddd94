from fastapi import FastAPI

from app.ws import chat, feeds

app = FastAPI()
app.include_router(chat.router)
app.include_router(feeds.router)
