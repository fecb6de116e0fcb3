package dumper.config;

/** How bytes of binary columns (BLOB, BINARY, VARBINARY, GEOMETRY) become text. */
public enum BinaryEncoding {
    HEX, BASE64
}
