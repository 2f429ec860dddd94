"""Background work: in-process loops started by the API and the arq worker."""
