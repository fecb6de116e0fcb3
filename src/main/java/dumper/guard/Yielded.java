package dumper.guard;

/**
 * A batch ended by the guard before its end: a DDL statement waits for its table, or a hold
 * lasted longer than a batch may stand still. Its part is discarded and the batch is read again
 * once the guard lets it; it is not a failure and costs no retry attempt.
 */
public final class Yielded extends RuntimeException {

    Yielded(String reason) {
        super(reason, null, false, false);
    }
}
