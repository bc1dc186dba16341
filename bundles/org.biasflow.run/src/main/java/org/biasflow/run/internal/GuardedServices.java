package org.biasflow.run.internal;

import java.util.Optional;
import java.util.function.Supplier;

import org.biasflow.api.Loss;
import org.biasflow.api.Model;
import org.biasflow.api.ModelSpec;
import org.biasflow.api.MirrorMap;
import org.biasflow.api.Tangents;
import org.biasflow.api.Network;
import org.biasflow.run.ServiceCatalog;
import org.biasflow.run.ServiceInfo;

/**
 * Wraps the model's network and the loss of one run so that a failure inside a third-party service is reported
 * with the name of the bundle it came from. An exception is rethrown with that name. A non-finite result from
 * finite input is remembered rather than thrown: an integrator may legitimately reject a trial step on it, and
 * only if the run then fails is the service named as the cause.
 */
final class GuardedServices {
    /** How many calls of each method of a service are checked for writing into the arrays it is given to read. */
    private static final int READ_ONLY_CHECKS = 3;

    /** A service threw: the message names it and its bundle. */
    static final class ServiceFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ServiceFailure(ServiceInfo service, Throwable cause) {
            super(describe(service) + " threw " + cause + hint(cause), cause);
        }

        ServiceFailure(ServiceInfo service, String problem) {
            super(describe(service) + " " + problem);
        }

        /** The message alone: integrators report failures as "…: " + exception. */
        @Override
        public String toString() {
            return getMessage();
        }

        private static String hint(Throwable cause) {
            if (cause instanceof StackOverflowError) {
                return " (a recursion that does not end, or one deeper than the thread's stack)";
            }
            if (cause instanceof OutOfMemoryError) {
                return " (" + heapLimit() + "; raise it with java -Xmx…)";
            }
            return "";
        }
    }

    /** "the JVM may use N MB": the heap an out-of-memory failure ran into. */
    static String heapLimit() {
        return "the JVM may use " + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB";
    }

    /**
     * The model's network for this run. A model's own refusal of the settings (IllegalArgumentException) passes as
     * it is; any other failure, an Error included, is named with the model and its bundle.
     */
    static Network create(ServiceCatalog.Selected<Model> model, ModelSpec spec, int dimension) {
        Network network;
        try {
            network = model.service().create(spec, dimension);
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError | LinkageError e) {
            throw new ServiceFailure(model.info(), e);
        }
        if (network == null) {
            throw new ServiceFailure(model.info(), "returned no network (null) from create()");
        }
        return network;
    }

    private final ServiceInfo model;
    private final ServiceInfo loss;
    private volatile String firstNonFinite;
    private volatile boolean outOfMemory;

    GuardedServices(ServiceInfo model, ServiceInfo loss) {
        this.model = model;
        this.loss = loss;
    }

    static String describe(ServiceInfo service) {
        return service.kind() + " '" + service.name() + "' of bundle " + service.bundle() + " " + service.version();
    }

    /** The first non-finite result a service returned from finite input, or {@code null}. */
    String firstNonFinite() {
        return firstNonFinite;
    }

    /** Whether a service ran out of memory: a failure of the machine, not of the trajectory. */
    boolean outOfMemory() {
        return outOfMemory;
    }

    private <T> T call(ServiceInfo service, Supplier<T> action) {
        try {
            return action.get();
        } catch (ServiceFailure e) {
            throw e;
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError | LinkageError e) {
            outOfMemory |= e instanceof OutOfMemoryError;
            throw new ServiceFailure(service, e);
        }
    }

    private void check(ServiceInfo service, String what, double[] input, double[]... outputs) {
        if (firstNonFinite != null || !allFinite(input)) {
            return;
        }
        for (double[] output : outputs) {
            if (output != null && !allFinite(output)) {
                firstNonFinite = describe(service) + " returned a non-finite " + what + " for finite input";
                return;
            }
        }
    }

    private static boolean allFinite(double[] values) {
        for (double value : values) {
            if (!Double.isFinite(value)) {
                return false;
            }
        }
        return true;
    }

    Loss guard(Loss delegate) {
        ReadOnly evaluated = new ReadOnly(loss, "margins");
        return (margins, weights, curvature) -> {
            double[][] given = evaluated.before(margins);
            double logLoss = call(loss, () -> delegate.evaluate(margins, weights, curvature));
            evaluated.after(given, margins);
            check(loss, "value", margins, new double[] {logLoss}, weights, curvature);
            return logLoss;
        };
    }

    /**
     * Checks the first calls of one method for changes to the arrays it is given to read: a loss that shifts its
     * margins in place, or a network that works on its parameters, computes its own results right and corrupts the
     * caller's, which the integrator goes on with (a shifting exponential loss moved β's direction by 0.05 and took
     * four times the evaluations). Such a service writes into them at every call, so a few calls find it, and the
     * later ones are not copied.
     */
    private static final class ReadOnly {
        private final ServiceInfo service;
        private final String[] names;
        private int left = READ_ONLY_CHECKS;

        ReadOnly(ServiceInfo service, String... names) {
            this.service = service;
            this.names = names;
        }

        /** Copies of {@code inputs} while calls are still checked, else null. */
        double[][] before(double[]... inputs) {
            if (left <= 0) {
                return null;
            }
            left--;
            double[][] copies = new double[inputs.length][];
            for (int i = 0; i < inputs.length; i++) {
                copies[i] = inputs[i] == null ? null : inputs[i].clone();
            }
            return copies;
        }

        void after(double[][] copies, double[]... inputs) {
            for (int i = 0; copies != null && i < inputs.length; i++) {
                if (!java.util.Arrays.equals(copies[i], inputs[i])) {
                    throw new ServiceFailure(service, "changed the " + names[i] + " it was given, which are the"
                            + " caller's to keep: it may only read them (and work on a copy)");
                }
            }
        }
    }

    Network guard(Network delegate) {
        ReadOnly predicted = new ReadOnly(model, "parameters");
        ReadOnly pulledBack = new ReadOnly(model, "parameters", "predictor gradient");
        return new Network() {
            @Override
            public int parameterCount() {
                return call(model, delegate::parameterCount);
            }

            @Override
            public double[] initialParameters() {
                double[] parameters = call(model, delegate::initialParameters);
                int count = parameterCount();
                if (parameters == null || parameters.length != count) {
                    throw new ServiceFailure(model, "returned " + (parameters == null ? "no" : parameters.length)
                            + " initial parameters, but its parameterCount() is " + count);
                }
                return parameters;
            }

            @Override
            public void predictor(double[] parameters, double[] beta) {
                double[][] given = predicted.before(parameters);
                call(model, () -> {
                    delegate.predictor(parameters, beta);
                    return null;
                });
                predicted.after(given, parameters);
                check(model, "predictor", parameters, beta);
            }

            @Override
            public void pullback(double[] parameters, double[] predictorGradient, double[] parameterGradient) {
                double[][] given = pulledBack.before(parameters, predictorGradient);
                call(model, () -> {
                    delegate.pullback(parameters, predictorGradient, parameterGradient);
                    return null;
                });
                pulledBack.after(given, parameters, predictorGradient);
                check(model, "gradient", predictorGradient, parameterGradient);
            }

            @Override
            public <C> Optional<C> capability(Class<C> type) {
                Optional<C> offered = call(model, () -> delegate.capability(type));
                if (type == MirrorMap.class) {
                    return offered.map(map -> type.cast(guard((MirrorMap) map)));
                }
                if (type == Tangents.class) {
                    return offered.map(tangents -> type.cast(guard((Tangents) tangents)));
                }
                return offered;
            }
        };
    }

    private Tangents guard(Tangents delegate) {
        ReadOnly tangents = new ReadOnly(model, "parameters", "direction");
        ReadOnly pulledBack = new ReadOnly(model, "parameters", "predictor gradient", "direction");
        return new Tangents() {
            @Override
            public void tangent(double[] parameters, double[] direction, double[] betaTangent) {
                double[][] given = tangents.before(parameters, direction);
                call(model, () -> {
                    delegate.tangent(parameters, direction, betaTangent);
                    return null;
                });
                tangents.after(given, parameters, direction);
                check(model, "tangent", direction, betaTangent);
            }

            @Override
            public void pullbackTangent(double[] parameters, double[] predictorGradient, double[] direction,
                    double[] out) {
                double[][] given = pulledBack.before(parameters, predictorGradient, direction);
                call(model, () -> {
                    delegate.pullbackTangent(parameters, predictorGradient, direction, out);
                    return null;
                });
                pulledBack.after(given, parameters, predictorGradient, direction);
                check(model, "pullback tangent", direction, out);
            }
        };
    }

    private MirrorMap guard(MirrorMap delegate) {
        ReadOnly mapped = new ReadOnly(model, "s");
        ReadOnly mappedInTwo = new ReadOnly(model, "s (its high part)", "s (its low part)");
        ReadOnly inverted = new ReadOnly(model, "s");
        return new MirrorMap() {
            @Override
            public boolean predictor(double[] s, double[] beta, double[] slope, double[] curvature) {
                double[][] given = mapped.before(s);
                boolean inside = call(model, () -> delegate.predictor(s, beta, slope, curvature));
                mapped.after(given, s);
                if (inside) {
                    check(model, "predictor", s, beta, slope, curvature);
                }
                return inside;
            }

            @Override
            public boolean predictor(double[] sHigh, double[] sLow, double[] beta, double[] slope,
                    double[] curvature) {
                double[][] given = mappedInTwo.before(sHigh, sLow);
                boolean inside = call(model, () -> delegate.predictor(sHigh, sLow, beta, slope, curvature));
                mappedInTwo.after(given, sHigh, sLow);
                if (inside) {
                    check(model, "predictor", sHigh, beta, slope, curvature);
                }
                return inside;
            }

            @Override
            public void parameters(double[] s, double[] parameters) {
                double[][] given = inverted.before(s);
                call(model, () -> {
                    delegate.parameters(s, parameters);
                    return null;
                });
                inverted.after(given, s);
            }
        };
    }
}
