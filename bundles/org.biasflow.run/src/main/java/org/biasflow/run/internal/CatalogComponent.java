package org.biasflow.run.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

    private record Entry(Object service, ServiceInfo info, ServiceReference<?> reference) {
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
        entries(kind).add(new Entry(service, info, reference));
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
            throw new IllegalArgumentException("unknown " + kindOf(type) + " '" + name + "'; registered: "
                    + (byName.isEmpty() ? "none" : String.join(", ", byName.keySet())));
        }
        return new Selected<>(type.cast(entry.service()), entry.info());
    }

    @Override
    public boolean isRegistered(Object service) {
        return byKind.values().stream().flatMap(List::stream).anyMatch(entry -> entry.service() == service);
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
