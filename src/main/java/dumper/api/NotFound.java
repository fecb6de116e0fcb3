package dumper.api;

/** An id or name the API does not know: 404. */
public class NotFound extends RuntimeException {
    public NotFound(String message) {
        super(message);
    }
}
