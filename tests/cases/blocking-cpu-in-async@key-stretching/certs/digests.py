"""Serial numbers for issued certificates, and checksums of uploaded files."""
import hashlib
import hmac

STRETCH_ROUNDS = 120_000
SECRET = b"change-me"


def fingerprint(pdf_bytes: bytes, rounds: int = 200_000) -> str:
    digest = pdf_bytes
    for _ in range(rounds):
        digest = hashlib.sha256(digest).digest()
    return digest.hex()


def sealed(token: str) -> str:
    mac = token.encode()
    for _ in range(0, STRETCH_ROUNDS):
        mac = hmac.new(SECRET, mac, hashlib.sha256).digest()
    return mac.hex()


def short_id(value: str) -> str:
    digest = value.encode()
    for _ in range(3):
        digest = hashlib.sha1(digest).digest()
    return digest.hex()[:12]


def chunk_digests(chunks: list[bytes]) -> list[str]:
    return [hashlib.sha256(chunk).hexdigest() for chunk in chunks]
