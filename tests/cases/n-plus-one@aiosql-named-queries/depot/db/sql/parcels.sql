-- name: list-parcels-for-route
SELECT id, route_id, recipient_id, weight_grams
FROM parcels
WHERE route_id = :route_id;

-- name: get-recipient-by-id^
SELECT id, name, street, city
FROM recipients
WHERE id = :recipient_id;

-- name: get-recipients-by-ids
SELECT id, name, street, city
FROM recipients
WHERE id = ANY(:recipient_ids);

-- name: mark-parcels-loaded*!
UPDATE parcels SET loaded_at = now() WHERE id = :parcel_id;
