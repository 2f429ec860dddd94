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


# OAuth 2 token requests spending a credential that works once (RFC 6749 4.1.2: an authorization code is
# used once; a PKCE `code_verifier` goes with it): sent again, the second exchange is refused
SINGLE_USE_GRANTS = frozenset({"authorization_code"})


def single_use_grant(body: list) -> bool:
    """A request body's (key, value) pairs exchange a single-use credential."""
    return any(key == "grant_type" and value in SINGLE_USE_GRANTS or key == "code_verifier" for key, value in body)
