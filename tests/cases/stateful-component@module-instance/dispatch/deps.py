"""Shared service objects, handed to the routes."""
from dispatch.offers import OfferBook, RouteCache, SocketHub

offers = OfferBook()
hub = SocketHub()
routes = RouteCache()
