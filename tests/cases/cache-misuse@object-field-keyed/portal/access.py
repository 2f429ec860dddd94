from dataclasses import dataclass

from fastapi import HTTPException


@dataclass
class Viewer:
    id: str
    role: str
    team_ids: list[int]


async def require_project_access(project_id: int, viewer: Viewer, cache, projects) -> None:
    key = f"access:{project_id}:{viewer.role}"  # expect: cache-misuse
    allowed = await cache.get(key)
    if allowed is None:
        teams = await projects.list_teams(project_id)
        allowed = any(team.id in viewer.team_ids for team in teams)
        await cache.set(key, allowed, ttl=300)
    if not allowed:
        raise HTTPException(status_code=403)


async def require_project_access_per_viewer(project_id: int, viewer: Viewer, cache, projects) -> None:
    key = f"access:{project_id}:{viewer.id}"
    allowed = await cache.get(key)
    if allowed is None:
        teams = await projects.list_teams(project_id)
        allowed = any(team.id in viewer.team_ids for team in teams)
        await cache.set(key, allowed, ttl=300)
    if not allowed:
        raise HTTPException(status_code=403)


async def role_defaults(project_id: int, viewer: Viewer, cache, projects) -> dict:
    key = f"defaults:{project_id}:{viewer.role}"
    found = await cache.get(key)
    if found is None:
        found = await projects.defaults_for_role(project_id, viewer.role)
        await cache.set(key, found, ttl=300)
    return found
