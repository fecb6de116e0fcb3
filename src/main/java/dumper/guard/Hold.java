package dumper.guard;

/**
 * Why batches wait: {@code reason} names it in metrics ({@code threads_running}, {@code operator},
 * {@code pause_file}, {@code ddl}, {@code critical}, ...), {@code text} for people
 * ({@code Threads_running 41 > 30}).
 */
record Hold(String reason, String text) {
}
