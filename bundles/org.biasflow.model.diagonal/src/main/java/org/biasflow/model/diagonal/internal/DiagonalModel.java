package org.biasflow.model.diagonal.internal;

import org.biasflow.api.Model;
import org.biasflow.api.ModelSpec;
import org.biasflow.api.Network;
import org.biasflow.api.ServiceProperties;
import org.osgi.service.component.annotations.Component;

/** Builds diagonal linear networks β = w₊^D − w₋^D with w₊(0) = α·shape and w₋(0) = α·negativeShape. */
@Component(service = Model.class, property = {
        ServiceProperties.OPTIONS + "=",
        ServiceProperties.NAME + "=diagonal",
        ServiceProperties.KIND + "=" + ServiceProperties.MODEL,
        ServiceProperties.DESCRIPTION + "=Diagonal linear network beta = w+^D - w-^D of depth D >= 2, with its exact mirror"
                + " map; initialization w+(0) = w-(0) = alpha*shape (shape 1 unless --shape), w-(0) = alpha*negative"
                + " shape when unbalanced" })
public class DiagonalModel implements Model {

    @Override
    public Network create(ModelSpec spec, int dimension) {
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension must be positive, got " + dimension);
        }
        if (spec.depth() < 2) {
            throw new IllegalArgumentException("depth must be at least 2 for a diagonal network, got " + spec.depth());
        }
        double alpha = spec.alpha();
        if (!(alpha > 0) || !Double.isFinite(alpha)) {
            throw new IllegalArgumentException("alpha must be positive and finite, got " + alpha);
        }
        double[] positive = scaledShape("shape", spec.shape(), alpha, dimension);
        double[] negativeShape = spec.negativeShape();
        double[] negative = negativeShape == null ? positive.clone()
                : scaledShape("negative shape", negativeShape, alpha, dimension);
        return new DiagonalNetwork(spec.depth(), positive, negative);
    }

    private static double[] scaledShape(String setting, double[] shape, double alpha, int dimension) {
        if (shape.length != 1 && shape.length != dimension) {
            throw new IllegalArgumentException(setting + " must have 1 or " + dimension + " entries, got "
                    + shape.length);
        }
        double[] scaled = new double[dimension];
        for (int i = 0; i < dimension; i++) {
            double entry = ModelSpec.entry(shape, i);
            if (!(entry > 0) || !Double.isFinite(entry)) {
                throw new IllegalArgumentException(setting + " entries must be positive and finite, entry "
                        + (shape.length == 1 ? 1 : i + 1) + " is " + entry);
            }
            scaled[i] = alpha * entry;
            if (!(scaled[i] > 0) || !Double.isFinite(scaled[i])) {
                throw new IllegalArgumentException("alpha times " + setting + " entry " + (i + 1)
                        + " is not a positive double: " + alpha + " * " + entry);
            }
        }
        return scaled;
    }
}
