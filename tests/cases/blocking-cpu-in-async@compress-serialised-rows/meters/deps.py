"""Dependencies."""


async def get_repo():
    from meters.repo import TelemetryRepo

    return TelemetryRepo()
