package org.biasflow.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * An architecture: builds the {@link Network} whose parameters gradient flow moves.
 *
 * <p>Publish as a service with {@link ServiceProperties#KIND} = {@value ServiceProperties#MODEL}. The service
 * itself holds no run state: each call returns a new network.
 */
@ConsumerType
public interface Model {

    /**
     * @param spec depth, scale and shape asked for
     * @param dimension the number of features d of the data
     * @throws IllegalArgumentException with a message naming the offending setting (such as α ≤ 0 or an
     *         unsupported depth)
     */
    Network create(ModelSpec spec, int dimension);
}
