from lexdesk.api.routes import documents, filings, health, invoices, matters, time

ROUTERS = (
    health.router,
    matters.router,
    time.router,
    invoices.router,
    documents.router,
    filings.router,
)
