from . import credentials, doors, events, health, kiosk, realtime, reports, sites, visitors, zones

ALL = (health, sites, doors, credentials, visitors, kiosk, events, zones, reports, realtime)
