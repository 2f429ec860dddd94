-- Materialised daily summary read by the nightly NFIRS/NENA export.
CREATE MATERIALIZED VIEW IF NOT EXISTS daily_incident_summary AS
SELECT date_trunc('day', created_at) AS day,
       agency,
       nature_code,
       count(*) AS incidents
FROM incidents
GROUP BY 1, 2, 3;

CREATE UNIQUE INDEX IF NOT EXISTS ux_daily_incident_summary
    ON daily_incident_summary (day, agency, nature_code);
