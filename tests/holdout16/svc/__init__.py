"""Ad platform backend: campaign API, real-time bidding, event ingestion and reporting."""
