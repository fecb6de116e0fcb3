package dumper.plan;

/**
 * One query execution. {@code window} is null for a type whose query takes no window.
 * {@code number} counts from 1 and names the batch in progress output and staging files.
 */
public record Batch(int number, Window window) {
}
