from contextlib import asynccontextmanager

from fastapi import FastAPI, Request

from notify.directory import Audit, Directory
from notify.providers import EmailProvider, SmsProvider


@asynccontextmanager
async def lifespan(app: FastAPI):
    app.state.email = EmailProvider("https://mail.example.com")
    app.state.sms = SmsProvider("https://sms.example.com")
    app.state.directory = Directory("https://directory.example.com")
    app.state.audit = Audit("https://audit.example.com")
    yield


app = FastAPI(lifespan=lifespan)


@app.post("/users/{user_id}/code")
async def send_code(user_id: str, request: Request) -> dict:
    contact = await request.app.state.directory.contact(user_id)
    sid = await request.app.state.sms.send(contact["phone"], "Your code is 123456")
    await request.app.state.audit.record(user_id, "code-sent")
    return {"sid": sid}


@app.post("/users/{user_id}/welcome")
async def welcome(user_id: str, request: Request) -> dict:
    contact = await request.app.state.directory.contact(user_id)
    return {"id": await request.app.state.email.send(contact["email"], "Welcome", "Hello")}
