-- mcct: cash-transfer payments with beneficiary details, for paid_at in the requested window.
SELECT
    p.id              AS payment_id,
    p.paid_at         AS paid_at,
    p.beneficiary_id  AS beneficiary_id,
    b.national_id     AS beneficiary_national_id,
    b.full_name       AS beneficiary_name,
    b.district        AS beneficiary_district,
    p.amount          AS amount,
    p.currency        AS currency,
    p.channel         AS channel,
    p.reference       AS reference,
    p.is_reversed     AS is_reversed
FROM cash_transfer_payment p
LEFT JOIN beneficiary b ON b.id = p.beneficiary_id
WHERE p.paid_at >= :start AND p.paid_at < :end
ORDER BY p.paid_at, p.id
