import secrets
import uuid


def new_correlation_id() -> str:
    return f"cmd-{uuid.uuid4().hex}"


def new_api_key() -> str:
    return "hg_" + secrets.token_urlsafe(32)
