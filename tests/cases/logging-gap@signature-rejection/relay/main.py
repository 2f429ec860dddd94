from fastapi import FastAPI

from relay.routes import router

app = FastAPI()
app.include_router(router)
