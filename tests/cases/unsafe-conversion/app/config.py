import os
from decimal import Decimal

PORT = int(os.environ.get("PORT", "8000"))
FEE_RATE = Decimal(os.environ.get("FEE_RATE", "0.001"))
