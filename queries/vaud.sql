-- vaud: vaccinator audit log (for the health ministry) with vaccinator and facility,
-- for logged_at in the requested window.
SELECT
    a.id              AS audit_id,
    a.logged_at       AS logged_at,
    a.vaccinator_id   AS vaccinator_id,
    v.full_name       AS vaccinator_name,
    v.facility_id     AS facility_id,
    f.name            AS facility_name,
    f.district        AS facility_district,
    a.action          AS action,
    a.detail          AS detail,
    a.client_ip       AS client_ip
FROM vaccinator_audit a
LEFT JOIN vaccinator v ON v.id = a.vaccinator_id
LEFT JOIN facility   f ON f.id = v.facility_id
WHERE a.logged_at >= :start AND a.logged_at < :end
ORDER BY a.logged_at, a.id
