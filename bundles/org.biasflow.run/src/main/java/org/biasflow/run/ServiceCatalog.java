package org.biasflow.run;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/** The biasflow services registered right now; it follows bundles as they come and go. */
@ProviderType
public interface ServiceCatalog {

    /** Every registered model, loss, integrator and analyzer, by kind, then name. */
    List<ServiceInfo> services();

    /**
     * The service of the given type (one of the four service types of {@code org.biasflow.api}) with that name.
     *
     * @throws IllegalArgumentException naming the unknown service and listing the registered ones
     */
    <S> Selected<S> select(Class<S> type, String name);

    /** Whether this service object is still registered; false once its bundle has stopped or left. */
    boolean isRegistered(Object service);

    /**
     * The options the service declares it reads, as key → type, from its
     * {@link org.biasflow.api.ServiceProperties#OPTIONS} property; empty when it does not declare them (it may then
     * read any) or is not registered.
     */
    default Optional<Map<String, String>> declaredOptions(Object service) {
        return Optional.empty();
    }

    /** The names registered for a service type, sorted. */
    List<String> names(Class<?> type);

    /** A service together with what the catalog knows of it. */
    record Selected<S>(S service, ServiceInfo info) {
    }
}
