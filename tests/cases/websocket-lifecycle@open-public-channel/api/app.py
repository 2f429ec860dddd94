from fastapi import FastAPI

from live import boards, chat, rooms, status

app = FastAPI()
for module in (boards, chat, rooms, status):
    app.include_router(module.router)
