from fastapi import FastAPI

from clinic import ws

app = FastAPI()
app.include_router(ws.router)
