class LabelRefused(Exception):
    """The carrier refused to print a label for this parcel."""


class ShipmentNotBooked(Exception):
    """The parcel could not be booked with any carrier."""
