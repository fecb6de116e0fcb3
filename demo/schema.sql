-- Demo schema for the dumper examples (health-programme reporting platform).
-- Works on MySQL 8.0+ and MariaDB 10.6+. No foreign-key constraints on purpose:
-- the demo seeds millions of rows quickly and includes deliberately orphaned rows.
SET NAMES utf8mb4;

DROP TABLE IF EXISTS vaccinator_audit;
DROP TABLE IF EXISTS cash_transfer_payment;
DROP TABLE IF EXISTS vaccination_event;
DROP TABLE IF EXISTS beneficiary;
DROP TABLE IF EXISTS vaccinator;
DROP TABLE IF EXISTS facility;

CREATE TABLE facility (
  id        INT          NOT NULL,
  name      VARCHAR(150) NOT NULL,
  district  VARCHAR(80)  NOT NULL,
  province  VARCHAR(80)  NOT NULL,
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE vaccinator (
  id           INT          NOT NULL,
  full_name    VARCHAR(150) NOT NULL,
  facility_id  INT          NOT NULL,
  PRIMARY KEY (id),
  KEY idx_vaccinator_facility (facility_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE beneficiary (
  id           INT          NOT NULL,
  national_id  VARCHAR(32)  NOT NULL,
  full_name    VARCHAR(150) NOT NULL,
  sex          ENUM('F','M') NOT NULL,
  birth_date   DATE         NOT NULL,
  phone        VARCHAR(32)  NULL,
  district     VARCHAR(80)  NOT NULL,
  updated_at   DATETIME     NOT NULL,
  status       ENUM('active','suspended','exited','deceased') NOT NULL DEFAULT 'active',
  PRIMARY KEY (id),
  UNIQUE KEY uq_beneficiary_national_id (national_id),
  KEY idx_beneficiary_updated_at (updated_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE vaccination_event (
  id              BIGINT       NOT NULL AUTO_INCREMENT,
  event_time      DATETIME     NOT NULL,
  beneficiary_id  INT          NOT NULL,
  facility_id     INT          NOT NULL,
  vaccinator_id   INT          NOT NULL,
  vaccine         VARCHAR(40)  NOT NULL,
  dose_number     TINYINT      NOT NULL,
  batch_no        VARCHAR(32)  NULL,
  notes           TEXT         NULL,
  recorded_at     TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (id),
  KEY idx_vaccination_event_time (event_time),
  KEY idx_vaccination_event_beneficiary (beneficiary_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE cash_transfer_payment (
  id              BIGINT        NOT NULL AUTO_INCREMENT,
  paid_at         DATETIME(3)   NOT NULL,
  beneficiary_id  INT           NOT NULL,
  amount          DECIMAL(12,2) NOT NULL,
  currency        CHAR(3)       NOT NULL,
  channel         ENUM('mobile','bank','cash') NOT NULL,
  reference       VARCHAR(64)   NOT NULL,
  is_reversed     TINYINT(1)    NOT NULL DEFAULT 0,
  PRIMARY KEY (id),
  KEY idx_cash_transfer_payment_paid_at (paid_at),
  KEY idx_cash_transfer_payment_beneficiary (beneficiary_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE vaccinator_audit (
  id             BIGINT       NOT NULL AUTO_INCREMENT,
  logged_at      DATETIME(6)  NOT NULL,
  vaccinator_id  INT          NOT NULL,
  action         VARCHAR(40)  NOT NULL,
  detail         JSON         NULL,
  client_ip      VARCHAR(45)  NULL,
  PRIMARY KEY (id),
  KEY idx_vaccinator_audit_logged_at (logged_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
