from tickets.mutex import mutexes


async def assign(queue_id: int, ticket_id: int, repo) -> None:
    async with mutexes.ticket(ticket_id):
        async with mutexes.queue(queue_id):  # expect: deadlock
            await repo.assign(queue_id, ticket_id)


async def drain(queue_id: int, repo) -> None:
    async with mutexes.queue(queue_id):
        for ticket_id in await repo.open_tickets(queue_id):
            async with mutexes.ticket(ticket_id):
                await repo.close(ticket_id)


async def staff(team_id: int, agent_id: int, repo) -> None:
    async with mutexes.team(team_id):
        async with mutexes.agent(agent_id):
            await repo.add_member(team_id, agent_id)


async def leave(team_id: int, agent_id: int, repo) -> None:
    async with mutexes.team(team_id):
        async with mutexes.agent(agent_id):
            await repo.remove_member(team_id, agent_id)
