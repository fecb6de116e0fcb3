package dumper.export;

/** A result column: the label it gets in the header, and how its values are written. */
public record Column(String label, ColumnKind kind) {
}
