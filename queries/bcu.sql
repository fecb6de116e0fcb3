-- bcu: beneficiary case updates (current beneficiary record) for updated_at in the requested window.
SELECT
    b.id              AS beneficiary_id,
    b.national_id     AS national_id,
    b.full_name       AS full_name,
    b.sex             AS sex,
    b.birth_date      AS birth_date,
    b.phone           AS phone,
    b.district        AS district,
    b.status          AS status,
    b.updated_at      AS updated_at
FROM beneficiary b
WHERE b.updated_at >= :start AND b.updated_at < :end
ORDER BY b.updated_at, b.id
