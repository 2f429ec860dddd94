from fastapi import FastAPI

from live.sockets import router

app = FastAPI()
app.include_router(router)
