package org.biasflow.data;

import java.io.IOException;

import org.osgi.annotation.versioning.ConsumerType;

/** An action on a value that may fail with an {@link IOException}, such as writing a file's content. */
@ConsumerType
@FunctionalInterface
public interface IOConsumer<T> {
    void accept(T value) throws IOException;
}
