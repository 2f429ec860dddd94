from __future__ import annotations

from prometheus_client import Counter, Gauge, Histogram

EDI_DELIVERED = Counter("edi_messages_delivered_total", "EDI messages accepted by the VAN")
EDI_FAILED = Counter("edi_messages_failed_total", "EDI delivery attempts that failed")
CATALOGUE_ROWS = Counter("catalogue_rows_synced_total", "Catalogue rows upserted from partner feeds", ["supplier"])
DUNNING_SENT = Counter("dunning_reminders_sent_total", "Reminder emails sent for unconfirmed POs")
BID_BOARD_CONNECTIONS = Gauge("bid_board_connections", "Open bid-board websocket connections")
FX_LATENCY = Histogram("fx_request_seconds", "Latency of FX provider requests")
