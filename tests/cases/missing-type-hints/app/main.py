from fastapi import FastAPI

from app.routes import quotes

app = FastAPI()
app.include_router(quotes.router)
