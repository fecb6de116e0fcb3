-- Every column type the exporter must write faithfully, with edge values.
DROP TABLE IF EXISTS alltypes;
CREATE TABLE alltypes (
  id INT PRIMARY KEY,
  c_tinyint TINYINT,
  c_bool TINYINT(1),
  c_smallint SMALLINT,
  c_mediumint MEDIUMINT,
  c_int INT,
  c_bigint BIGINT,
  c_ubigint BIGINT UNSIGNED,
  c_decimal DECIMAL(65,30),
  c_money DECIMAL(12,2),
  c_float FLOAT,
  c_double DOUBLE,
  c_bit1 BIT(1),
  c_bit64 BIT(64),
  c_date DATE,
  c_datetime DATETIME,
  c_datetime3 DATETIME(3),
  c_datetime6 DATETIME(6),
  c_timestamp TIMESTAMP NULL DEFAULT NULL,
  c_time TIME(6),
  c_year YEAR,
  c_char CHAR(10),
  c_varchar VARCHAR(255),
  c_text TEXT,
  c_binary BINARY(4),
  c_varbinary VARBINARY(16),
  c_blob BLOB,
  c_enum ENUM('a','b','c d'),
  c_set SET('x','y','z'),
  c_json JSON,
  c_latin1 VARCHAR(40) CHARACTER SET latin1,
  c_cp1251 VARCHAR(40) CHARACTER SET cp1251
) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

SET @saved_mode = @@SESSION.sql_mode;
SET SESSION sql_mode = '';

INSERT INTO alltypes VALUES
 (1, -128, 1, -32768, -8388608, -2147483648, -9223372036854775808, 18446744073709551615,
  '-99999999999999999999999999999999999.999999999999999999999999999999', '-1234567890.12', -3.40282e38, -1.7976931348623157e308,
  b'1', b'1111111111111111111111111111111111111111111111111111111111111111',
  '1000-01-01', '1000-01-01 00:00:00', '2024-01-01 10:00:00.000', '2024-02-29 23:59:59.999999', '1970-01-01 00:00:01', '-838:59:59.000000', 1901,
  'plain', 'comma, "quote" and ''apostrophe''', 'line1\nline2\r\nline3\rend', 0x00FF10, 0x00, 0x00010203FF, 'a', 'x,z', '{"k": "v, \\"q\\"", "n": [1, 2.5, null]}', 'Crème brûlée, façade', 'Москва'),
 (2, 127, 0, 32767, 8388607, 2147483647, 9223372036854775807, 0,
  '99999999999999999999999999999999999.999999999999999999999999999999', '0.00', 1.5, 2.2250738585072014e-308,
  b'0', b'0',
  '9999-12-31', '9999-12-31 23:59:59', '2024-06-30 12:34:56.789', '2024-12-31 23:59:59.000001', '2038-01-19 03:14:07', '838:59:59.999999', 2155,
  '', '', '', '', '', '', 'b', '', '[]', '', ''),
 (3, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  NULL, NULL, NULL, NULL,
  NULL, NULL,
  NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
 (4, 0, 0, 0, 0, 0, 0, 1,
  '0.000000000000000000000000000001', '-0.01', 0, 0,
  b'1', b'1010',
  '0000-00-00', '0000-00-00 00:00:00', '0000-00-00 00:00:00.000', '2024-03-10 02:30:00.000000', '0000-00-00 00:00:00', '00:00:00', 0000,
  'emoji', '👩🏽‍⚕️ Chipo Mwanza-Ngozi, José — 日本語', 'tab\there\\backslash \\N NULL', 'ab', 'NULL', '\\N', 'c d', 'x,y,z', '"just a string"', 'José', 'Жж'),
 (5, 1, 1, 1, 1, 1, 1, 2,
  '12345.678900000000000000000000000000', '9999999999.99', 0.1, 0.1,
  b'0', b'11111111',
  '2024-02-29', '2024-02-29 12:00:00', '2024-02-29 12:00:00.100', '2024-01-08 00:00:00.000000', '2024-02-29 12:00:00', '12:00:00.5', 2024,
  ' padded ', '  leading and trailing  ', '"', '"', '=1+1', '\'', 'a', 'y', 'null', 'ÿ', 'ё');

SET SESSION sql_mode = @saved_mode;
