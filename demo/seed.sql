-- Deterministic demo data for demo/schema.sql (MySQL 8.0+ / MariaDB 10.6+).
--
-- Usage:  SET @events = 200000; source demo/seed.sql
--   @events  number of vaccination events (default 100000 when NULL)
--   payments ~ @events/2, audit entries ~ @events/5,
--   beneficiaries ~ @events/10 (at least 1000), 50 facilities, 200 vaccinators,
--   plus a handful of deliberately awkward rows in every table (ids after the
--   generated ones).
--
-- Generated timestamps spread over 2024-01-01 .. 2024-06-30; for events, payments
-- and audit entries the day grows with the id (like a real auto-increment table),
-- the time of day is pseudo-random. Some beneficiary
-- updates and audit entries fall on CURDATE() and CURDATE() - 1 so the snapshot
-- dump types (bcu, vaud) have data "today". No RAND(): every value derives from
-- the row number n. Control characters and backslashes are built with CHAR() so
-- the script behaves the same with or without NO_BACKSLASH_ESCAPES.
SET NAMES utf8mb4;

SET @events   = COALESCE(@events, 100000);
SET @benef    = GREATEST(1000, @events DIV 10);
SET @payments = @events DIV 2;
SET @audits   = @events DIV 5;

SET @CR    = CHAR(13 USING utf8mb4);
SET @LF    = CHAR(10 USING utf8mb4);
SET @TAB   = CHAR(9  USING utf8mb4);
SET @BS    = CHAR(92 USING utf8mb4);
SET @EMOJI = '👩🏽‍⚕️';

TRUNCATE TABLE vaccinator_audit;
TRUNCATE TABLE cash_transfer_payment;
TRUNCATE TABLE vaccination_event;
TRUNCATE TABLE beneficiary;
TRUNCATE TABLE vaccinator;
TRUNCATE TABLE facility;

-- ---------------------------------------------------------------------------
-- Sequence helpers: digits 0..9 -> _seed_seq 0..9999. Row number n (1-based) is
-- hi.n * 10000 + lo.n + 1 from _seed_seq hi CROSS JOIN _seed_seq lo; the
-- predicate on hi.n is a primary-key range, so at most 9999 surplus rows are
-- produced (supports up to 100 000 000 rows).
-- ---------------------------------------------------------------------------
DROP TABLE IF EXISTS _seed_seq;
DROP TABLE IF EXISTS _seed_digits;
CREATE TABLE _seed_digits (d TINYINT NOT NULL PRIMARY KEY) ENGINE=InnoDB;
INSERT INTO _seed_digits VALUES (0),(1),(2),(3),(4),(5),(6),(7),(8),(9);
CREATE TABLE _seed_seq (n INT NOT NULL PRIMARY KEY) ENGINE=InnoDB;
INSERT INTO _seed_seq (n)
SELECT a.d + 10 * b.d + 100 * c.d + 1000 * e.d
FROM _seed_digits a CROSS JOIN _seed_digits b CROSS JOIN _seed_digits c CROSS JOIN _seed_digits e;

-- ---------------------------------------------------------------------------
-- facility: 50 generated (ids 1..50) + awkward ids 51..54
-- ---------------------------------------------------------------------------
INSERT INTO facility (id, name, district, province)
SELECT n,
       CONCAT(ELT(k, 'Lusaka','Chongwe','Kafue','Ndola','Kitwe','Chingola','Livingstone','Choma',
                     'Mazabuka','Chipata','Katete','Petauke','Kabwe','Kapiri Mposhi','Kasama','Mbala',
                     'Mansa','Samfya','Chinsali','Mpika','Solwezi','Mwinilunga','Mongu','Senanga'),
              ' ',
              ELT(1 + MOD(n, 4), 'Rural Health Centre', 'Urban Health Centre', 'District Hospital', 'Health Post'),
              IF(n DIV 24 = 0, '', CONCAT(' ', ELT(n DIV 24, 'II', 'III')))),
       ELT(k, 'Lusaka','Chongwe','Kafue','Ndola','Kitwe','Chingola','Livingstone','Choma',
              'Mazabuka','Chipata','Katete','Petauke','Kabwe','Kapiri Mposhi','Kasama','Mbala',
              'Mansa','Samfya','Chinsali','Mpika','Solwezi','Mwinilunga','Mongu','Senanga'),
       ELT(k, 'Lusaka','Lusaka','Lusaka','Copperbelt','Copperbelt','Copperbelt','Southern','Southern',
              'Southern','Eastern','Eastern','Eastern','Central','Central','Northern','Northern',
              'Luapula','Luapula','Muchinga','Muchinga','North-Western','North-Western','Western','Western')
FROM (SELECT n, 1 + MOD(n * 5, 24) AS k FROM _seed_seq WHERE n BETWEEN 1 AND 50) s;

INSERT INTO facility (id, name, district, province) VALUES
  (51, 'Clinic "St. Mary''s", Block A',                              'Lusaka',        'Lusaka'),
  (52, CONCAT('  Kanyama', @TAB, 'Health Post  '),                   ' Kafue ',       'Lusaka'),
  (53, CONCAT('José Mwanza-Ngozi Memorial Clinic ', @EMOJI),         'Chipata',       'Eastern'),
  (54, CONCAT('Line 1', @CR, @LF, 'Line 2', @LF, 'C:', @BS, 'clinics', @BS), 'Kapiri Mposhi', 'Central');

-- ---------------------------------------------------------------------------
-- vaccinator: 200 generated (4 per facility) + awkward ids 201..206
-- ---------------------------------------------------------------------------
INSERT INTO vaccinator (id, full_name, facility_id)
SELECT n,
       CONCAT(IF(MOD(n * 7919, 97) < 68,
                 ELT(1 + MOD(MOD(n * 6007, 9973), 20), 'Chipo','Mwila','Natasha','Bwalya','Chanda','Mutinta','Thandiwe',
                     'Precious','Namukolo','Mulenga','Esther','Grace','Ruth','Memory','Loveness','Chileshe',
                     'Towela','Nchimunya','Inonge','Musonda'),
                 ELT(1 + MOD(MOD(n * 6007, 9973), 20), 'Mwansa','Kelvin','Lubinda','Chisanga','Moses','Joseph','Emmanuel',
                     'Kondwani','Mwape','Brian','Daliso','Evans','Kapembwa','Luka','Mathews','Nathan',
                     'Patrick','Sipho','Tiza','Yotam')),
              ' ',
              ELT(1 + MOD(MOD(n * 104729, 9967), 30), 'Banda','Phiri','Mwale','Zulu','Tembo','Mulenga','Lungu','Daka','Ngoma',
                  'Sakala','Mumba','Chilufya','Bwalya','Kabwe','Musonda','Mwansa','Chanda','Nyirenda','Mbewe',
                  'Siame','Hamoonga','Simasiku','Mubita','Kalaba','Chola','Kapata','Mutale','Nkandu','Sichone',
                  'Hichilema')),
       1 + MOD(n * 13, 50)
FROM _seed_seq WHERE n BETWEEN 1 AND 200;

INSERT INTO vaccinator (id, full_name, facility_id) VALUES
  (201, 'Chipo Mwanza-Ngozi',                                        53),
  (202, 'José Álvarez "Pepe"',                                       51),
  (203, CONCAT(' Nurse ', @EMOJI, ' Tendai '),                       53),
  (204, CONCAT('Mary', @TAB, 'O''Brien, RN'),                        52),
  (205, CONCAT('Trailing backslash ', @BS),                          54),
  (206, CONCAT('Multi', @CR, @LF, 'line', @LF, 'name', @CR, 'end'),  54);

-- ---------------------------------------------------------------------------
-- beneficiary: @benef generated + awkward ids @benef+1 .. @benef+10
-- ---------------------------------------------------------------------------
INSERT INTO beneficiary (id, national_id, full_name, sex, birth_date, phone, district, updated_at, status)
SELECT n,
       CONCAT(IF(n < 1000000, LPAD(n, 6, '0'), n), '/', LPAD(MOD(n * 37, 100), 2, '0'), '/1'),
       CONCAT(IF(female,
                 ELT(1 + MOD(MOD(n * 6007, 9973), 20), 'Chipo','Mwila','Natasha','Bwalya','Chanda','Mutinta','Thandiwe',
                     'Precious','Namukolo','Mulenga','Esther','Grace','Ruth','Memory','Loveness','Chileshe',
                     'Towela','Nchimunya','Inonge','Musonda'),
                 ELT(1 + MOD(MOD(n * 6007, 9973), 20), 'Mwansa','Kelvin','Lubinda','Chisanga','Moses','Joseph','Emmanuel',
                     'Kondwani','Mwape','Brian','Daliso','Evans','Kapembwa','Luka','Mathews','Nathan',
                     'Patrick','Sipho','Tiza','Yotam')),
              ' ',
              ELT(1 + MOD(MOD(n * 104729, 9967), 30), 'Banda','Phiri','Mwale','Zulu','Tembo','Mulenga','Lungu','Daka','Ngoma',
                  'Sakala','Mumba','Chilufya','Bwalya','Kabwe','Musonda','Mwansa','Chanda','Nyirenda','Mbewe',
                  'Siame','Hamoonga','Simasiku','Mubita','Kalaba','Chola','Kapata','Mutale','Nkandu','Sichone',
                  'Hichilema')),
       IF(female, 'F', 'M'),
       DATE('1960-01-01') + INTERVAL MOD(n * 7919, 23000) DAY,
       CASE WHEN MOD(n, 9) = 0  THEN NULL
            WHEN MOD(n, 23) = 0 THEN ''
            ELSE CONCAT('+260', ELT(1 + MOD(n * 7919, 3), '95', '96', '97'), LPAD(MOD(n * 104729, 10000000), 7, '0'))
       END,
       ELT(1 + MOD(MOD(n * 7919, 9941), 24), 'Lusaka','Chongwe','Kafue','Ndola','Kitwe','Chingola','Livingstone','Choma',
           'Mazabuka','Chipata','Katete','Petauke','Kabwe','Kapiri Mposhi','Kasama','Mbala',
           'Mansa','Samfya','Chinsali','Mpika','Solwezi','Mwinilunga','Mongu','Senanga'),
       CASE MOD(n, 20)
            WHEN 0 THEN TIMESTAMP(CURDATE()) + INTERVAL MOD(n * 7919, 86400) SECOND
            WHEN 1 THEN TIMESTAMP(CURDATE() - INTERVAL 1 DAY) + INTERVAL MOD(n * 7919, 86400) SECOND
            ELSE TIMESTAMP('2024-01-01') + INTERVAL MOD(n * 104729, 182) DAY
                                         + INTERVAL (6 * 3600 + MOD(n * 7919, 14 * 3600)) SECOND
       END,
       CASE WHEN MOD(n, 50) = 0  THEN 'exited'
            WHEN MOD(n, 89) = 0  THEN 'suspended'
            WHEN MOD(n, 331) = 0 THEN 'deceased'
            ELSE 'active'
       END
FROM (SELECT hi.n * 10000 + lo.n + 1 AS n, MOD((hi.n * 10000 + lo.n + 1) * 7919, 97) < 68 AS female
      FROM _seed_seq hi CROSS JOIN _seed_seq lo
      WHERE hi.n <= (@benef - 1) DIV 10000 AND hi.n * 10000 + lo.n < @benef) s;

INSERT INTO beneficiary (id, national_id, full_name, sex, birth_date, phone, district, updated_at, status) VALUES
  (@benef + 1, '900001/10/1', 'Chipo Mwanza-Ngozi',                         'F', '1994-05-17', NULL,              'Lusaka',        '2024-01-07 23:59:59', 'active'),
  (@benef + 2, '900002/10/1', 'José Ñúñez Müller',                          'M', '1988-11-30', '',                'Kapiri Mposhi', '2024-01-08 00:00:00', 'active'),
  (@benef + 3, '900003/10/1', CONCAT('Mother ', @EMOJI, ' "Baby" Banda, Jr.'), 'F', '2000-02-29', '+260 97 123 4567', 'Chipata',     TIMESTAMP(CURDATE()), 'active'),
  (@benef + 4, '900004/10/1', CONCAT('Line', @LF, 'Feed'),                  'F', '1999-01-01', ' +260971234567 ',  'Ndola',         TIMESTAMP(CURDATE()) + INTERVAL 12 HOUR, 'suspended'),
  (@benef + 5, '900005/10/1', CONCAT('Carriage', @CR, 'Return, Jr.'),       'M', '1975-07-04', NULL,              'North-Western', '2024-02-29 12:00:00', 'exited'),
  (@benef + 6, '900006/10/1', CONCAT('CR', @CR, @LF, 'LF', @TAB, 'Tab', @BS), 'F', '2010-12-31', '',              'Mongu',         TIMESTAMP(CURDATE()) + INTERVAL 86399 SECOND, 'active'),
  (@benef + 7, ' 900007/10/1 ', '  Leading and trailing  ',                 'F', '1990-06-15', 'NULL',            'Kitwe',         '2024-01-01 00:00:00', 'active'),
  (@benef + 8, '900008/10/1', CONCAT('Back', @BS, 'N ', @BS, 'N'),          'M', '1985-03-03', CONCAT(@BS, 'N'),  'Kasama',        TIMESTAMP(CURDATE() - INTERVAL 1 DAY) + INTERVAL 8 HOUR, 'deceased'),
  (@benef + 9, '900009/10/1', 'Ngozi O''Connor-Mwale',                      'F', '2024-02-29', '+260955000000',   'Solwezi',       TIMESTAMP(CURDATE()) + INTERVAL 8 HOUR, 'active');

-- One zero DATE (birth_date '0000-00-00'), only insertable with a permissive sql_mode.
SET @old_mode = @@sql_mode;
SET SESSION sql_mode = '';
INSERT INTO beneficiary (id, national_id, full_name, sex, birth_date, phone, district, updated_at, status) VALUES
  (@benef + 10, '900010/10/1', 'Zero Birthdate', 'M', '0000-00-00', NULL, 'Mansa', '2024-01-03 10:00:00', 'active');
SET SESSION sql_mode = @old_mode;

-- ---------------------------------------------------------------------------
-- vaccination_event: @events generated (ids 1..@events) + awkward rows after
-- Generated event_time is between 07:00 and 16:59:59, so only awkward rows sit
-- exactly on midnight week boundaries.
-- ---------------------------------------------------------------------------
INSERT INTO vaccination_event (id, event_time, beneficiary_id, facility_id, vaccinator_id, vaccine,
                               dose_number, batch_no, notes, recorded_at)
SELECT n,
       et,
       1 + MOD(n * 6007, @benef),
       1 + MOD(v * 13, 50),
       v,
       ELT(1 + MOD(n * 5, 9), 'BCG','bOPV','Penta','PCV13','Rotavirus','Measles-Rubella','HPV','COVID-19','Td'),
       1 + MOD(n * 7, 3),
       CASE WHEN MOD(n, 13) = 0  THEN NULL
            WHEN MOD(n, 101) = 0 THEN ''
            ELSE CONCAT(ELT(1 + MOD(n * 5, 9), 'BCG','OPV','PEN','PCV','ROT','MR','HPV','COV','TD'),
                        '-24', LPAD(MOD(n * 31, 10000), 4, '0'))
       END,
       CASE WHEN MOD(n, 17) = 0 THEN ELT(1 + MOD(n, 4), 'Mild fever reported after previous dose',
                                         'Caregiver requested reminder SMS', 'Catch-up dose', 'Outreach session')
            WHEN MOD(n, 29) = 0 THEN ''
            ELSE NULL
       END,
       et + INTERVAL MOD(n * 13, 7200) SECOND + INTERVAL MOD(n * 7, 1000) * 1000 MICROSECOND
FROM (SELECT hi.n * 10000 + lo.n + 1 AS n,
             1 + MOD((hi.n * 10000 + lo.n + 1) * 17, 200) AS v,
             TIMESTAMP('2024-01-01') + INTERVAL ((hi.n * 10000 + lo.n) * 182 DIV @events) DAY
                                     + INTERVAL (7 * 3600 + MOD((hi.n * 10000 + lo.n + 1) * 104729, 10 * 3600)) SECOND AS et
      FROM _seed_seq hi CROSS JOIN _seed_seq lo
      WHERE hi.n <= (@events - 1) DIV 10000 AND hi.n * 10000 + lo.n < @events) s;

INSERT INTO vaccination_event (id, event_time, beneficiary_id, facility_id, vaccinator_id, vaccine,
                               dose_number, batch_no, notes, recorded_at) VALUES
  (@events + 1,  '2024-01-01 00:00:00', @benef + 7, 51, 202, 'BCG',   1, 'BCG-240001',        'Window start',                                     '2024-01-01 00:00:00.000'),
  (@events + 2,  '2024-01-07 23:59:59', @benef + 1, 53, 201, 'Penta', 2, NULL,                'Child cried, mother said "next time"',             '2024-01-07 23:59:59.999'),
  (@events + 3,  '2024-01-08 00:00:00', @benef + 2, 52, 204, 'bOPV',  1, '',                  CONCAT('Line one', @CR, @LF, 'Line two (CRLF)'),    '2024-01-08 00:00:00.000'),
  (@events + 4,  '2024-01-08 00:00:00', @benef + 2, 52, 204, 'PCV13', 1, 'PCV-240002',        CONCAT('Same time as previous row; ', @LF, 'LF only'), '2024-01-08 00:00:00.001'),
  (@events + 5,  '2024-02-29 12:00:00', @benef + 3, 53, 203, 'HPV',   1, 'HPV-240229',        CONCAT('Leap day ', @EMOJI, ' José, Ñandú, naïve café'), '2024-02-29 12:00:00.000'),
  (@events + 6,  '2024-01-03 09:15:00', @benef + 4, 51, 202, 'Td',    2, ' BN-001 ',          CONCAT('Tab', @TAB, 'separated', @TAB, 'values'),   '2024-01-03 09:15:00.000'),
  (@events + 7,  '2024-01-03 09:15:00', @benef + 6, 54, 205, 'Td',    3, CONCAT(@BS, 'N'),    CONCAT('Ends with backslash ', @BS),                '2024-01-03 09:15:00.000'),
  (@events + 8,  '2024-01-04 10:00:00', @benef + 8, 54, 206, 'BCG',   1, 'NULL',              '',                                                 '2024-01-04 10:00:00.000'),
  (@events + 9,  '2024-01-05 11:00:00', @benef + 5, 52, 204, 'Rotavirus', 2, NULL,            CONCAT('CR only', @CR, 'then "quote" at end"'),     '2024-01-05 11:00:00.000'),
  (@events + 10, '2024-01-05 11:30:00', @benef + 9, 53, 203, 'Measles-Rubella', 1, 'MR-24,0001', CONCAT('   leading/trailing spaces   ', @TAB), '2024-01-05 11:30:00.000'),
  (@events + 11, '2024-01-06 08:00:00', @benef + 10, 51, 201, 'COVID-19', 1, 'COV-240003',    CONCAT('Long note: ', REPEAT('lorem ipsum, "dolor" ', 400)), '2024-01-06 08:00:00.000'),
  (@events + 12, '2024-01-02 07:30:00', 1, 1, 1, 'BCG', 1, 'BCG-240004',                       CONCAT('a,b;c|d', @BS, '"e"', @BS, @BS, '''f'''),   '2024-01-02 07:30:00.000');

-- ---------------------------------------------------------------------------
-- cash_transfer_payment: @payments generated + awkward rows after
-- ---------------------------------------------------------------------------
INSERT INTO cash_transfer_payment (id, paid_at, beneficiary_id, amount, currency, channel, reference, is_reversed)
SELECT n,
       pa,
       1 + MOD(n * 6007, @benef),
       150 * (1 + MOD(n * 7, 5)) + IF(MOD(n, 53) = 0, MOD(n * 7919, 10000) / 100, 0),
       IF(MOD(n, 41) = 0, 'USD', 'ZMW'),
       CASE WHEN MOD(n, 10) < 6 THEN 'mobile' WHEN MOD(n, 10) < 9 THEN 'bank' ELSE 'cash' END,
       CONCAT('MCCT-', DATE_FORMAT(pa, '%Y%m%d'), '-', LPAD(n, 9, '0')),
       IF(MOD(n, 97) = 0, 1, 0)
FROM (SELECT hi.n * 10000 + lo.n + 1 AS n,
             TIMESTAMP('2024-01-01') + INTERVAL ((hi.n * 10000 + lo.n) * 182 DIV @payments) DAY
                                     + INTERVAL MOD((hi.n * 10000 + lo.n + 1) * 104729, 86400) SECOND
                                     + INTERVAL MOD((hi.n * 10000 + lo.n + 1) * 31, 1000) * 1000 MICROSECOND AS pa
      FROM _seed_seq hi CROSS JOIN _seed_seq lo
      WHERE hi.n <= (@payments - 1) DIV 10000 AND hi.n * 10000 + lo.n < @payments) s;

INSERT INTO cash_transfer_payment (id, paid_at, beneficiary_id, amount, currency, channel, reference, is_reversed) VALUES
  (@payments + 1, '2024-01-01 00:00:00.000', @benef + 7, 0.00,          'ZMW', 'mobile', 'MCCT-ZERO-AMOUNT',                      0),
  (@payments + 2, '2024-01-07 23:59:59.999', @benef + 1, 9999999999.99, 'ZMW', 'bank',   'MCCT-MAX-AMOUNT',                       0),
  (@payments + 3, '2024-01-08 00:00:00.000', @benef + 2, -150.00,       'ZMW', 'mobile', 'MCCT-REVERSAL-0001',                    1),
  (@payments + 4, '2024-02-29 12:00:00.000', @benef + 5, -0.01,         'USD', 'cash',   'MCCT-LEAPDAY',                          0),
  (@payments + 5, '2024-01-02 08:00:00.500', @benef + 3, 0.01,          'ZMW', 'mobile', 'REF "quoted", with comma',              0),
  (@payments + 6, '2024-01-02 08:00:00.500', @benef + 4, 1234567.50,    'USD', 'bank',   CONCAT('REF', @CR, @LF, 'multi', @TAB, 'line', @BS), 0),
  (@payments + 7, '2024-01-03 14:00:00.000', @benef + 6, 300.00,        'ZMW', 'mobile', '  padded reference  ',                  0),
  (@payments + 8, '2024-01-04 09:00:00.000', @benef + 9, 450.00,        'ZMW', 'mobile', CONCAT('MoMo ', @EMOJI, ' José'),        0),
  (@payments + 9, '2024-01-05 23:59:59.999', @benef + 8, -9999999999.99, 'ZMW', 'bank',  CONCAT(@BS, 'N'),                        1);

-- ---------------------------------------------------------------------------
-- vaccinator_audit: @audits generated + awkward rows after
-- Every 25th entry is logged today, the next one yesterday.
-- ---------------------------------------------------------------------------
INSERT INTO vaccinator_audit (id, logged_at, vaccinator_id, action, detail, client_ip)
SELECT n,
       CASE MOD(n, 25)
            WHEN 0 THEN TIMESTAMP(CURDATE()) + INTERVAL MOD(n * 7919, 86400) SECOND
            WHEN 1 THEN TIMESTAMP(CURDATE() - INTERVAL 1 DAY) + INTERVAL MOD(n * 7919, 86400) SECOND
            ELSE TIMESTAMP('2024-01-01') + INTERVAL ((n - 1) * 182 DIV @audits) DAY
                                         + INTERVAL (6 * 3600 + MOD(n * 6007, 14 * 3600)) SECOND
       END + INTERVAL MOD(n * 104729, 1000000) MICROSECOND,
       1 + MOD(MOD(n * 6007, 9973), 200),
       act,
       CASE WHEN act IN ('record_dose', 'edit_dose', 'void_dose')
                 THEN JSON_OBJECT('event_id', 1 + MOD(n * 7919, @events),
                                  'device_id', CONCAT('TAB-', LPAD(1 + MOD(n * 31, 400), 4, '0')),
                                  'app_version', ELT(1 + MOD(n, 3), '2.3.1', '2.4.0', '2.4.1'))
            WHEN act = 'sync'
                 THEN JSON_OBJECT('records', MOD(n * 13, 250), 'duration_ms', 100 + MOD(n * 7919, 30000))
            ELSE NULL
       END,
       CASE WHEN MOD(n, 19) = 0 THEN NULL
            WHEN MOD(n, 53) = 0 THEN ''
            ELSE CONCAT('10.', MOD(n, 8), '.', MOD(n * 7, 256), '.', 1 + MOD(n * 13, 254))
       END
FROM (SELECT hi.n * 10000 + lo.n + 1 AS n,
             ELT(1 + MOD(MOD((hi.n * 10000 + lo.n + 1) * 7919, 997), 10), 'login', 'record_dose', 'record_dose', 'record_dose',
                 'edit_dose', 'sync', 'sync', 'logout', 'void_dose', 'password_reset') AS act
      FROM _seed_seq hi CROSS JOIN _seed_seq lo
      WHERE hi.n <= (@audits - 1) DIV 10000 AND hi.n * 10000 + lo.n < @audits) s;

INSERT INTO vaccinator_audit (id, logged_at, vaccinator_id, action, detail, client_ip) VALUES
  (@audits + 1,  '2024-01-01 00:00:00.000000', 201, 'login', NULL, NULL),
  (@audits + 2,  '2024-01-07 23:59:59.999999', 202, 'record_dose',
                 JSON_OBJECT('note', CONCAT('He said "hi", then left', @LF, 'next line', @CR, @LF, 'tab', @TAB, 'end'),
                             'emoji', @EMOJI, 'path', CONCAT('C:', @BS, 'tmp', @BS), 'name', 'José'), ''),
  (@audits + 3,  '2024-01-08 00:00:00.000000', 203, 'edit_dose', '{}', '2001:db8::1'),
  (@audits + 4,  '2024-02-29 12:00:00.123456', 204, 'sync', 'null', ' 10.0.0.1 '),
  (@audits + 5,  '2024-01-03 12:00:00.000000', 205, 'void_dose', '[]', ''),
  (@audits + 6,  '2024-01-04 12:00:00.000000', 206, 'login, "forced"', JSON_OBJECT('reason', CONCAT('comma, quote " backslash ', @BS)), NULL),
  (@audits + 7,  TIMESTAMP(CURDATE()),                                        201, 'login', NULL, '10.0.0.7'),
  (@audits + 8,  TIMESTAMP(CURDATE()) + INTERVAL 28799999999 MICROSECOND,     202, 'record_dose', JSON_OBJECT('note', 'one microsecond before 08:00'), '10.0.0.8'),
  (@audits + 9,  TIMESTAMP(CURDATE()) + INTERVAL 8 HOUR,                      203, 'record_dose', JSON_OBJECT('note', CONCAT('exactly 08:00 ', @EMOJI)), '10.0.0.9'),
  (@audits + 10, TIMESTAMP(CURDATE()) + INTERVAL 16 HOUR,                     204, 'sync', JSON_OBJECT('records', 0), NULL),
  (@audits + 11, TIMESTAMP(CURDATE()) + INTERVAL 86399999999 MICROSECOND,     205, 'logout', NULL, ''),
  (@audits + 12, TIMESTAMP(CURDATE()) + INTERVAL 10 HOUR,                     9999, 'password_reset', JSON_OBJECT('note', 'vaccinator 9999 does not exist (orphan row)'), '10.9.9.9');

DROP TABLE _seed_seq;
DROP TABLE _seed_digits;
