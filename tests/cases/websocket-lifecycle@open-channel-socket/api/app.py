from fastapi import FastAPI

from live import chat, tickets

app = FastAPI()
app.include_router(chat.router)
app.include_router(tickets.router)
