package io.github.mwaatrigger.mwaa;

import java.util.Objects;
import java.util.function.Supplier;

/** A value made on first use, once, even when several threads ask at the same time. */
final class Lazy<T> implements Supplier<T> {
    private final Supplier<T> factory;
    private volatile T value;

    Lazy(Supplier<T> factory) {
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    @Override
    public T get() {
        T current = value;
        if (current == null) {
            synchronized (this) {
                current = value;
                if (current == null) {
                    current = Objects.requireNonNull(factory.get(), "factory result");
                    value = current;
                }
            }
        }
        return current;
    }
}
