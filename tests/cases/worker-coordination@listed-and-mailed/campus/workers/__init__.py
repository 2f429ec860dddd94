from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

from campus.mail import MailClient


@dataclass
class Context:
    sessions: async_sessionmaker[AsyncSession]
    mail: MailClient


def build_context() -> Context:
    engine = create_async_engine("postgresql+asyncpg://campus@db/campus")
    return Context(async_sessionmaker(engine), MailClient("https://mail.example", "token"))
