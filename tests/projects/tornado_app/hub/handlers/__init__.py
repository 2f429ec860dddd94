from . import users

default_handlers = []
default_handlers.extend(users.default_handlers)
