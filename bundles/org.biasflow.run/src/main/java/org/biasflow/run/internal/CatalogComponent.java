package org.biasflow.run.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.biasflow.api.Analyzer;
import org.biasflow.api.Integrator;
import org.biasflow.api.Loss;
import org.biasflow.api.Model;
import org.biasflow.api.ServiceProperties;
import org.biasflow.run.ServiceCatalog;
import org.biasflow.run.ServiceInfo;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * Collects every biasflow service as it is registered and forgets it when it goes, so bundles dropped in or
 * removed at runtime change the catalog without a restart.
 */
@Component(service = ServiceCatalog.class)
public class CatalogComponent implements ServiceCatalog {

    private static final Map<Class<?>, String> KINDS = Map.of(
            Model.class, ServiceProperties.MODEL,
            Loss.class, ServiceProperties.LOSS,
            Integrator.class, ServiceProperties.INTEGRATOR,
            Analyzer.class, ServiceProperties.ANALYZER);

    private static final List<String> KIND_ORDER = List.of(ServiceProperties.MODEL, ServiceProperties.LOSS,
            ServiceProperties.INTEGRATOR, ServiceProperties.ANALYZER);

    /**
     * kind → services in order of arrival. Of several services under one name the earliest is used, so a later
     * registration under a taken name waits until the first one leaves.
     */
    private final Map<String, List<Entry>> byKind = new ConcurrentHashMap<>();

    /** Knows why a component failed; optional, since a framework may run another DS implementation or none. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile ServiceComponentRuntime runtime;

    private record Entry(Object service, ServiceInfo info, ServiceReference<?> reference,
            Optional<Map<String, String>> options) {
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindModel(Model service, ServiceReference<Model> reference) {
        add(Model.class, service, reference);
    }

    void unbindModel(Model service, ServiceReference<Model> reference) {
        remove(Model.class, reference);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindLoss(Loss service, ServiceReference<Loss> reference) {
        add(Loss.class, service, reference);
    }

    void unbindLoss(Loss service, ServiceReference<Loss> reference) {
        remove(Loss.class, reference);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindIntegrator(Integrator service, ServiceReference<Integrator> reference) {
        add(Integrator.class, service, reference);
    }

    void unbindIntegrator(Integrator service, ServiceReference<Integrator> reference) {
        remove(Integrator.class, reference);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindAnalyzer(Analyzer service, ServiceReference<Analyzer> reference) {
        add(Analyzer.class, service, reference);
    }

    void unbindAnalyzer(Analyzer service, ServiceReference<Analyzer> reference) {
        remove(Analyzer.class, reference);
    }

    void add(Class<?> type, Object service, ServiceReference<?> reference) {
        String kind = KINDS.get(type);
        Object name = reference.getProperty(ServiceProperties.NAME);
        if (name == null) {
            return; // not addressable by users; a service without a name is not part of the workbench
        }
        Bundle bundle = reference.getBundle();
        ServiceInfo info = new ServiceInfo(kind, name.toString(),
                String.valueOf(reference.getProperty(ServiceProperties.DESCRIPTION)),
                bundle == null ? "?" : bundle.getSymbolicName(),
                bundle == null ? "?" : bundle.getVersion().toString());
        entries(kind).add(new Entry(service, info, reference, declaredOptions(reference)));
    }

    /**
     * key → type from the OPTIONS property, a String or String[] of key:type entries (a bare key is text, a blank
     * entry declares nothing); empty when the service has no such property.
     */
    private static Optional<Map<String, String>> declaredOptions(ServiceReference<?> reference) {
        Object property = reference.getProperty(ServiceProperties.OPTIONS);
        if (property == null) {
            return Optional.empty();
        }
        List<String> entries = property instanceof String[] array ? List.of(array) : List.of(property.toString());
        Map<String, String> options = new TreeMap<>();
        for (String entry : entries) {
            int colon = entry.indexOf(':');
            String key = (colon < 0 ? entry : entry.substring(0, colon)).trim();
            if (!key.isEmpty()) {
                options.put(key, colon < 0 ? ServiceProperties.TEXT : entry.substring(colon + 1).trim());
            }
        }
        return Optional.of(Map.copyOf(options));
    }

    void remove(Class<?> type, ServiceReference<?> reference) {
        entries(KINDS.get(type)).removeIf(entry -> entry.reference().equals(reference));
    }

    private List<Entry> entries(String kind) {
        return byKind.computeIfAbsent(kind, k -> new CopyOnWriteArrayList<>());
    }

    /** The service in use under each name of a kind, by name. */
    private Map<String, Entry> active(String kind) {
        Map<String, Entry> byName = new TreeMap<>();
        entries(kind).forEach(entry -> byName.putIfAbsent(entry.info().name(), entry));
        return byName;
    }

    @Override
    public List<ServiceInfo> services() {
        List<ServiceInfo> all = new ArrayList<>();
        for (String kind : KIND_ORDER) {
            active(kind).values().forEach(entry -> all.add(entry.info()));
        }
        return all;
    }

    @Override
    public <S> Selected<S> select(Class<S> type, String name) {
        Map<String, Entry> byName = active(kindOf(type));
        Entry entry = byName.get(name);
        if (entry == null) {
            String broken = brokenComponent(kindOf(type), name);
            throw new IllegalArgumentException((broken != null ? broken : "unknown " + kindOf(type) + " '" + name
                    + "'") + "; registered: " + (byName.isEmpty() ? "none" : String.join(", ", byName.keySet())));
        }
        return new Selected<>(type.cast(entry.service()), entry.info());
    }

    /**
     * Why a component that would offer this service is not registered, from the component runtime: its activate
     * method threw, or a reference or configuration it needs is missing; null when no component declares it.
     */
    private String brokenComponent(String kind, String name) {
        ServiceComponentRuntime components = runtime;
        if (components == null) {
            return null;
        }
        for (ComponentDescriptionDTO description : components.getComponentDescriptionDTOs()) {
            if (!name.equals(String.valueOf(description.properties.get(ServiceProperties.NAME)))
                    || !kind.equals(String.valueOf(description.properties.get(ServiceProperties.KIND)))) {
                continue;
            }
            String component = kind + " '" + name + "' of bundle " + description.bundle.symbolicName;
            for (ComponentConfigurationDTO configuration : components.getComponentConfigurationDTOs(description)) {
                if (configuration.state == ComponentConfigurationDTO.FAILED_ACTIVATION) {
                    return component + " failed to activate: " + firstLine(configuration.failure);
                }
                if (configuration.state == ComponentConfigurationDTO.UNSATISFIED_REFERENCE) {
                    return component + " is waiting for a service it references";
                }
                if (configuration.state == ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION) {
                    return component + " is waiting for its configuration";
                }
            }
            if (!components.isComponentEnabled(description)) {
                return component + " is disabled";
            }
        }
        return null;
    }

    /** The exception line of a stack trace, without the trace. */
    private static String firstLine(String failure) {
        return failure == null ? "no reason given" : failure.lines().findFirst().orElse("").strip();
    }

    @Override
    public boolean isRegistered(Object service) {
        // A plain loop: the run engine asks this at every step of every running trajectory.
        for (List<Entry> entries : byKind.values()) {
            for (Entry entry : entries) {
                if (entry.service() == service) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public Optional<Map<String, String>> declaredOptions(Object service) {
        return byKind.values().stream().flatMap(List::stream).filter(entry -> entry.service() == service)
                .findFirst().flatMap(Entry::options);
    }

    @Override
    public List<String> names(Class<?> type) {
        return List.copyOf(active(kindOf(type)).keySet());
    }

    private static String kindOf(Class<?> type) {
        String kind = KINDS.get(type);
        if (kind == null) {
            throw new IllegalArgumentException(type.getName() + " is not a biasflow service type");
        }
        return kind;
    }
}
