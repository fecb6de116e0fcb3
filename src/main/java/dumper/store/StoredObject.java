package dumper.store;

import java.util.Map;

/** An object as HEAD shows it: its size and its user metadata (the {@code x-amz-meta-*} headers, without the prefix). */
public record StoredObject(long bytes, Map<String, String> metadata) {
}
