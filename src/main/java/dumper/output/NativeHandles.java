package dumper.output;

import java.lang.foreign.MemorySegment;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Native compressor states (one per thread compressing at a time) kept for reuse: a state is
 * not thread-safe, and creating one per block would allocate its tables again every megabyte.
 * Also turns the checked {@link Throwable} of a downcall into an unchecked exception.
 */
final class NativeHandles {

    /** A downcall that may throw what {@code MethodHandle.invokeExact} declares. */
    interface Call<T> {
        T apply(MemorySegment handle) throws Throwable;
    }

    interface Create {
        MemorySegment create() throws Throwable;
    }

    private final Create create;
    private final Call<?> free;
    private final ConcurrentLinkedQueue<MemorySegment> idle = new ConcurrentLinkedQueue<>();

    NativeHandles(Create create, Call<?> free) {
        this.create = create;
        this.free = free;
    }

    /** Runs {@code call} with a state of its own, created if none is idle. */
    <T> T with(Call<T> call) {
        MemorySegment handle = idle.poll();
        try {
            if (handle == null) {
                handle = create.create();
                if (handle.equals(MemorySegment.NULL)) {
                    handle = null;
                    throw new OutOfMemoryError("the native compressor could not allocate its state");
                }
            }
            return call.apply(handle);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        } finally {
            if (handle != null) {
                idle.offer(handle);
            }
        }
    }

    /** Frees the idle states; call once no block is compressing. */
    void freeAll() {
        for (MemorySegment handle; (handle = idle.poll()) != null;) {
            try {
                free.apply(handle);
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
