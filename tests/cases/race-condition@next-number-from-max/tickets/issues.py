"""Issues are numbered per project: #1, #2, ..."""
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from tickets.models import Issue


class IssueStore:
    def __init__(self, db: AsyncSession) -> None:
        self.db = db

    async def last_seq(self, project_id: int) -> int:
        top = await self.db.scalar(select(func.max(Issue.seq)).where(Issue.project_id == project_id))
        return top or 0

    async def next_seq(self, project_id: int) -> int:
        return (await self.last_seq(project_id)) + 1

    def add(self, issue: Issue) -> None:
        self.db.add(issue)


async def open_issue(db: AsyncSession, project_id: int, title: str) -> Issue:
    store = IssueStore(db)
    last = await store.last_seq(project_id)
    seq = (last or 0) + 1  # expect: race-condition
    issue = Issue(project_id=project_id, seq=seq, title=title)
    store.add(issue)
    await db.commit()
    return issue


async def open_issue_retrying(db: AsyncSession, project_id: int, title: str) -> Issue:
    store = IssueStore(db)
    for _ in range(5):
        last = await store.last_seq(project_id)
        issue = Issue(project_id=project_id, seq=last + 1, title=title)
        try:
            store.add(issue)
            await db.commit()
            return issue
        except IntegrityError:
            await db.rollback()
    raise RuntimeError("could not number the issue")


async def file_issue(db: AsyncSession, project_id: int, title: str) -> Issue:
    store = IssueStore(db)
    issue = Issue(project_id=project_id,
                  seq=await store.next_seq(project_id),  # expect: race-condition
                  title=title)
    store.add(issue)
    await db.commit()
    return issue


async def file_issue_retrying(db: AsyncSession, project_id: int, title: str) -> Issue:
    store = IssueStore(db)
    for _ in range(5):
        issue = Issue(project_id=project_id, seq=await store.next_seq(project_id), title=title)
        try:
            store.add(issue)
            await db.commit()
            return issue
        except IntegrityError:
            await db.rollback()
    raise RuntimeError("could not number the issue")
