"""Websocket endpoints: OCPP for charge points, live feeds for the driver app and the operations dashboard."""
