-- zm: vaccination events (one row per dose given) with beneficiary, facility and
-- vaccinator names, for event_time in the requested window.
SELECT
    e.id              AS event_id,
    e.event_time      AS event_time,
    e.vaccine         AS vaccine,
    e.dose_number     AS dose_number,
    e.batch_no        AS batch_no,
    e.beneficiary_id  AS beneficiary_id,
    b.national_id     AS beneficiary_national_id,
    b.full_name       AS beneficiary_name,
    b.sex             AS beneficiary_sex,
    e.facility_id     AS facility_id,
    f.name            AS facility_name,
    f.district        AS facility_district,
    f.province        AS facility_province,
    e.vaccinator_id   AS vaccinator_id,
    v.full_name       AS vaccinator_name,
    e.notes           AS notes,
    e.recorded_at     AS recorded_at
FROM vaccination_event e
LEFT JOIN beneficiary b ON b.id = e.beneficiary_id
LEFT JOIN facility    f ON f.id = e.facility_id
LEFT JOIN vaccinator  v ON v.id = e.vaccinator_id
WHERE e.event_time >= :start AND e.event_time < :end
ORDER BY e.event_time, e.id
