"""Words that name a credential or its check: a name holding one of them (`verify_token`,
`current_user`, `api_key`) takes part in authenticating the caller."""
from __future__ import annotations

AUTH_WORDS = ("auth", "token", "jwt", "verify", "login", "password", "passwd", "secret", "credential", "principal",
              "current_user", "permission", "signature", "cookie", "api_key", "apikey", "bearer", "ticket", "otp",
              "check_access", "require_")


def auth_word(name: str, words: tuple[str, ...] = AUTH_WORDS) -> bool:
    lowered = name.lower()
    return any(word in lowered for word in words)


# route path segments of a sign-in step: run once per login by a person, not per request
LOGIN_ROUTE_WORDS = ("login", "logout", "oauth", "signin", "sign-in", "sso", "callback", "authorize")


def login_route(name: str) -> bool:
    """`GET /auth/oauth/{provider}/callback`: an entry point a user reaches once per sign-in."""
    return name.startswith(("GET ", "POST ")) and auth_word(name.split(" ", 1)[1], LOGIN_ROUTE_WORDS)
