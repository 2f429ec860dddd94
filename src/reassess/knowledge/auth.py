"""Words that name a credential or its check: a name holding one of them (`verify_token`,
`current_user`, `api_key`) takes part in authenticating the caller."""
from __future__ import annotations

AUTH_WORDS = ("auth", "token", "jwt", "verify", "login", "password", "passwd", "secret", "credential", "principal",
              "current_user", "permission", "signature", "cookie", "api_key", "apikey", "bearer", "ticket", "otp",
              "check_access", "require_")


def auth_word(name: str, words: tuple[str, ...] = AUTH_WORDS) -> bool:
    lowered = name.lower()
    return any(word in lowered for word in words)
