-- The portal's table of published dump files: one row per file, written by dumper after the
-- file and its manifest are in place (dumper.report.enabled=true). The unique key makes a
-- second row for the same file impossible even if two tools raced; dumper itself checks first.
CREATE TABLE IF NOT EXISTS dump_report (
  id           BIGINT AUTO_INCREMENT PRIMARY KEY,
  dump_type    VARCHAR(64)   NOT NULL,
  file_name    VARCHAR(255)  NOT NULL,
  file_path    VARCHAR(1024) NOT NULL,
  row_count    BIGINT        NOT NULL,
  byte_count   BIGINT        NOT NULL,
  sha256       CHAR(64)      NOT NULL,
  window_start DATETIME      NULL,
  window_end   DATETIME      NULL,
  created_at   DATETIME      NOT NULL,
  run_id       VARCHAR(64)   NOT NULL,
  UNIQUE KEY uq_dump_report_file (file_name, sha256),
  KEY ix_dump_report_type_end (dump_type, window_end)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
