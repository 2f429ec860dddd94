from __future__ import annotations

BANK_URL = "https://bank.example.com"
FX_URL = "https://fx.example.com"
