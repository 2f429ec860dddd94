from fastapi import FastAPI

from library.errors import LibraryError, library_error
from library.routes import holds, loans

app = FastAPI()
app.add_exception_handler(LibraryError, library_error)
app.include_router(loans.router)
app.include_router(holds.router)
