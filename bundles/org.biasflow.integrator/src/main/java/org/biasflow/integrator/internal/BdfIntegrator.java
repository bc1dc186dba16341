package org.biasflow.integrator.internal;

import org.biasflow.api.FlowProblem;
import org.biasflow.api.Integrator;
import org.biasflow.api.RunControl;
import org.biasflow.api.ServiceProperties;
import org.biasflow.api.Trajectory;
import org.osgi.service.component.annotations.Component;

/** The default integrator: stiff, error-controlled, with an exact Jacobian when the network has a mirror map. */
@Component(service = Integrator.class, property = {
        ServiceProperties.OPTIONS + "=max-evaluations:count",
        ServiceProperties.OPTIONS + "=formulation:auto|mirror|parameters",
        ServiceProperties.OPTIONS + "=linear-solver:auto|dense|krylov",
        ServiceProperties.NAME + "=bdf",
        ServiceProperties.KIND + "=" + ServiceProperties.INTEGRATOR,
        ServiceProperties.DESCRIPTION + "=Variable-order BDF/NDF on the loss-reparametrized flow (stiff; the default)",
        "service.ranking:Integer=100" })
public class BdfIntegrator implements Integrator {

    @Override
    public Trajectory integrate(FlowProblem problem, RunControl control) {
        return FlowRun.integrate(problem, control, BdfStepper::new);
    }
}
