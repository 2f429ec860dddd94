from fastapi import FastAPI

from vaultclient.api import AuditClient, SecretsClient

app = FastAPI()
secrets = SecretsClient("https://vault.internal", None)
audit = AuditClient("https://audit.internal")


@app.get("/secrets/{name}")
def read_secret(name: str) -> dict:
    audit.record({"read": name})
    return secrets.read(name)
