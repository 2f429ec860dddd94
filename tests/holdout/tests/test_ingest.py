from svc.services.geocoding import normalize_address, parse_coordinates
from svc.services.tracking_ingest import normalize_carrier_payload


def test_dhl_payload_is_normalized_and_sorted():
    payload = {
        "shipments": [
            {
                "trackingNumber": "JD014600003828",
                "events": [
                    {"statusCode": "OK", "timestamp": "2024-05-02T14:10:00Z", "id": "e2",
                     "proofOfDelivery": {"signedBy": "M. Weber"}},
                    {"statusCode": "PU", "timestamp": "2024-05-01T09:00:00Z", "id": "e1",
                     "location": {"address": {"addressLocality": "Leipzig", "countryCode": "DE"}}},
                ],
            }
        ]
    }
    events = normalize_carrier_payload("dhl", payload)
    assert [e.status for e in events] == ["picked_up", "delivered"]
    assert events[0].location == "Leipzig, DE"
    assert events[1].signed_by == "M. Weber"


def test_address_normalization():
    assert normalize_address("HAUPTSTRASSE 5,\n 10115  Berlin, de", "de") == "Hauptstrasse 5, 10115 Berlin, DE"


def test_parse_coordinates():
    assert parse_coordinates("52.52,13.405") == (52.52, 13.405)
    assert parse_coordinates("north") is None
    assert parse_coordinates("95,0") is None
