package org.biasflow.run.internal;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;

import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

/** A service reference carrying only properties, as the catalog sees a service outside a framework. */
final class StubReference<S> implements ServiceReference<S> {
    private final Map<String, Object> properties;

    StubReference(Map<String, Object> properties) {
        this.properties = properties;
    }

    static <S> StubReference<S> named(String name) {
        return new StubReference<>(Map.of("biasflow.name", name, "biasflow.description", "the " + name));
    }

    @Override
    public Object getProperty(String key) {
        return properties.get(key);
    }

    @Override
    public String[] getPropertyKeys() {
        return properties.keySet().toArray(String[]::new);
    }

    @Override
    public Bundle getBundle() {
        return null;
    }

    @Override
    public Bundle[] getUsingBundles() {
        return null;
    }

    @Override
    public boolean isAssignableTo(Bundle bundle, String className) {
        return true;
    }

    @Override
    public int compareTo(Object reference) {
        return 0;
    }

    @Override
    public Dictionary<String, Object> getProperties() {
        return new Hashtable<>(properties);
    }

    @Override
    public <A> A adapt(Class<A> type) {
        return null;
    }
}
