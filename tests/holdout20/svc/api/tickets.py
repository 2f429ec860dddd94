"""Ticket endpoints for the agent console and the public integrations API."""
from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, UploadFile
from pydantic import BaseModel, EmailStr, Field
from sqlalchemy.ext.asyncio import AsyncSession

from svc.api.deps import AgentPrincipal, ApiPrincipal, agent_rate_limit, api_client, current_agent, get_attachment_service
from svc.api.deps import get_presence, get_suggestions, get_tag_catalog, get_ticket_service
from svc.db.orm_repos import MessageRepository
from svc.db.session import get_session
from svc.errors import ValidationFailed
from svc.services.attachments import AttachmentService
from svc.services.presence import PresenceService
from svc.services.reporting import TagCatalog
from svc.services.suggestions import SuggestionService
from svc.services.tickets import NewTicket, TicketService

router = APIRouter(prefix="/tickets", tags=["tickets"], dependencies=[Depends(agent_rate_limit)])
public_router = APIRouter(prefix="/api/v1", tags=["integrations"])

Agent = Annotated[AgentPrincipal, Depends(current_agent)]
Tickets = Annotated[TicketService, Depends(get_ticket_service)]
Presence = Annotated[PresenceService, Depends(get_presence)]
Suggestions = Annotated[SuggestionService, Depends(get_suggestions)]
Session = Annotated[AsyncSession, Depends(get_session)]


class TicketCreate(BaseModel):
    subject: str = Field(min_length=1, max_length=300)
    body: str = Field(max_length=100_000)
    requester_email: EmailStr
    requester_name: str = Field(default="", max_length=200)
    priority: Literal["low", "normal", "high", "urgent"] = "normal"

    def to_new(self) -> NewTicket:
        return NewTicket(self.subject, self.body, str(self.requester_email), self.requester_name, self.priority)


class ReplyCreate(BaseModel):
    body: str = Field(min_length=1, max_length=100_000)


class AssignRequest(BaseModel):
    agent_id: int


@router.get("")
async def list_inbox(agent: Agent, tickets: Tickets, status: Literal["open", "pending", "closed"] = "open",
                     before: datetime | None = None, limit: Annotated[int, Query(ge=1, le=200)] = 50) -> list[dict]:
    items = await tickets.inbox(agent.org_id, status, before, limit)
    return [{"ticket": item.ticket, "customer": item.customer} for item in items]


@router.get("/mine")
async def my_queue(agent: Agent, tickets: Tickets) -> list[dict]:
    items = await tickets.my_queue(agent.id)
    return [{"ticket": item.ticket, "customer": item.customer} for item in items]


@router.get("/search")
async def search(agent: Agent, tickets: Tickets, q: Annotated[str, Query(min_length=2, max_length=200)]) -> list[int]:
    return await tickets.search(agent.org_id, q, limit=25)


@router.get("/requester")
async def requester_history(agent: Agent, tickets: Tickets, email: EmailStr) -> list[dict]:
    return [{"ticket": t} for t in await tickets.requester_history(agent.org_id, str(email))]


@router.post("", status_code=201)
async def create_ticket(body: TicketCreate, agent: Agent, tickets: Tickets) -> dict:
    ticket = await tickets.create(agent.org_id, agent.id, body.to_new())
    return {"id": ticket.id}


@router.post("/claim")
async def claim_next(agent: Agent, tickets: Tickets) -> dict:
    ticket = await tickets.claim_next(agent.org_id, agent.id)
    return {"ticket": ticket}


@router.get("/{ticket_id}")
async def ticket_detail(ticket_id: int, agent: Agent, tickets: Tickets) -> dict:
    detail = await tickets.detail(agent.org_id, ticket_id)
    return {"ticket": detail.ticket, "similar": detail.similar_ids}


@router.post("/{ticket_id}/assign")
async def assign(ticket_id: int, body: AssignRequest, agent: Agent, tickets: Tickets) -> dict:
    ticket = await tickets.assign(agent.org_id, ticket_id, body.agent_id)
    return {"ticket": ticket}


@router.post("/{ticket_id}/reopen")
async def reopen(ticket_id: int, agent: Agent, tickets: Tickets) -> dict:
    return {"ticket": await tickets.reopen(agent.org_id, ticket_id)}


@router.post("/{ticket_id}/snooze")
async def snooze(ticket_id: int, agent: Agent, tickets: Tickets, hours: Annotated[int, Query(ge=1, le=720)] = 24) -> dict:
    return {"until": await tickets.snooze(agent.org_id, ticket_id, hours)}


@router.delete("/{ticket_id}", status_code=204)
async def delete_ticket(ticket_id: int, agent: Agent, tickets: Tickets) -> None:
    await tickets.delete(agent.org_id, ticket_id)


@router.post("/{ticket_id}/messages", status_code=201)
async def reply(ticket_id: int, body: ReplyCreate, agent: Agent, tickets: Tickets) -> dict:
    return {"id": await tickets.add_reply(agent.org_id, ticket_id, agent.id, body.body)}


@router.post("/{ticket_id}/edit-lock")
async def claim_edit_lock(ticket_id: int, agent: Agent, presence: Presence) -> dict:
    return {"granted": await presence.claim_edit(ticket_id, agent.id)}


@router.delete("/{ticket_id}/edit-lock", status_code=204)
async def release_edit_lock(ticket_id: int, agent: Agent, presence: Presence) -> None:
    await presence.release_edit(ticket_id, agent.id)


@router.post("/{ticket_id}/attachments", status_code=201)
async def upload_attachment(ticket_id: int, file: UploadFile, agent: Agent, tickets: Tickets,
                            attachments: Annotated[AttachmentService, Depends(get_attachment_service)]) -> dict:
    if file.size is not None and file.size > attachments.max_bytes:
        raise ValidationFailed("attachment too large")
    ticket = await tickets.get(agent.org_id, ticket_id)
    data = await file.read()
    content_type = file.content_type or "application/octet-stream"
    stored = await attachments.store(agent.org_id, ticket.id, None, file.filename or "upload", content_type, data)
    return {"id": stored.id, "thumbnail": stored.thumbnail_key is not None}


@router.get("/{ticket_id}/suggestion")
async def suggest_reply(ticket_id: int, agent: Agent, tickets: Tickets, suggestions: Suggestions, session: Session) -> dict:
    ticket = await tickets.get(agent.org_id, ticket_id)
    messages = await MessageRepository(session).thread(ticket.id, limit=30)
    thread = [(m.author_kind, m.body) for m in reversed(messages)]
    return {"suggestion": await suggestions.suggest(ticket_id, thread)}


@router.get("/{ticket_id}/summary")
async def summary(ticket_id: int, agent: Agent, tickets: Tickets, suggestions: Suggestions, session: Session) -> dict:
    ticket = await tickets.get(agent.org_id, ticket_id)
    messages = await MessageRepository(session).thread(ticket.id, limit=100)
    thread = [(m.author_kind, m.body) for m in reversed(messages)]
    return {"summary": await suggestions.summary(thread)}


@router.get("/tags/picker")
async def tag_picker(agent: Agent, catalog: Annotated[TagCatalog, Depends(get_tag_catalog)], recent: Annotated[list[str], Query()] = []) -> list[str]:
    return await catalog.picker(agent.org_id, recent)


@public_router.post("/tickets", status_code=201)
async def create_via_api(body: TicketCreate, client: Annotated[ApiPrincipal, Depends(api_client)], tickets: Tickets) -> dict:
    ticket = await tickets.create(client.org_id, None, body.to_new())
    return {"id": ticket.id}
