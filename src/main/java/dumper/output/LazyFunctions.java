package dumper.output;

import java.util.function.Supplier;

/**
 * A native library's bound functions, loaded on first use. A failed load (the library is not
 * installed) is not kept: it throws again on the next call, so each caller sees the reason.
 */
final class LazyFunctions<T> {

    private final Supplier<T> load;
    private volatile T loaded;

    LazyFunctions(Supplier<T> load) {
        this.load = load;
    }

    T get() {
        T functions = loaded;
        if (functions == null) {
            synchronized (this) {
                if (loaded == null) {
                    loaded = load.get();
                }
                functions = loaded;
            }
        }
        return functions;
    }
}
