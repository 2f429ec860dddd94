import logging
import uuid

from fastapi import APIRouter, Depends
from fastapi.responses import HTMLResponse
from sqlalchemy.ext.asyncio import AsyncSession

from mailroom.db.engine import get_session
from mailroom.repositories import events as events_repo
from mailroom.services import subscriptions
from mailroom.services.subscriptions import InvalidUnsubscribeToken, parse_token

router = APIRouter(tags=["unsubscribe"])
log = logging.getLogger(__name__)

PAGE = """<!doctype html><html><body style="font-family:sans-serif;max-width:32em;margin:4em auto">
<h2>{title}</h2><p>{body}</p></body></html>"""


@router.get("/u/{token}", response_class=HTMLResponse)
async def unsubscribe_page(token: str):
    try:
        parse_token(token)
    except InvalidUnsubscribeToken:
        return HTMLResponse(PAGE.format(title="Link expired", body="This unsubscribe link is no longer valid."), 410)
    return PAGE.format(
        title="Unsubscribe",
        body=f'<form method="post" action="/u/{token}"><button type="submit">Unsubscribe me</button></form>',
    )


@router.post("/u/{token}", response_class=HTMLResponse)
async def one_click_unsubscribe(token: str, session: AsyncSession = Depends(get_session)):
    try:
        data = parse_token(token)
    except InvalidUnsubscribeToken as exc:
        log.info("rejected unsubscribe token: %s", exc)
        return HTMLResponse(PAGE.format(title="Link expired", body="This unsubscribe link is no longer valid."), 410)
    tenant_id = uuid.UUID(data["t"])
    try:
        await subscriptions.unsubscribe_everywhere(session, tenant_id, data["e"], "unsubscribe")
    except Exception:
        pass
    events_repo.record_event(tenant_id, 0, None, "unsubscribe")
    return PAGE.format(title="You're unsubscribed", body="You will no longer receive these emails.")
