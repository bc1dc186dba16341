package org.biasflow.integrator.internal;

import org.biasflow.api.FlowProblem;
import org.biasflow.api.Integrator;
import org.biasflow.api.RunControl;
import org.biasflow.api.ServiceProperties;
import org.biasflow.api.Trajectory;
import org.osgi.service.component.annotations.Component;

/** An explicit, error-controlled reference for the stiff integrator; its cost grows linearly in log(1/ε). */
@Component(service = Integrator.class, property = {
        ServiceProperties.OPTIONS + "=max-evaluations:count",
        ServiceProperties.OPTIONS + "=formulation:auto|mirror|parameters",
        ServiceProperties.OPTIONS + "=linear-solver:auto|dense|krylov",
        ServiceProperties.NAME + "=dormand-prince",
        ServiceProperties.KIND + "=" + ServiceProperties.INTEGRATOR,
        ServiceProperties.DESCRIPTION + "=Explicit Dormand-Prince 8(5,3) (Commons Math) on the loss-reparametrized flow" })
public class DormandPrinceIntegrator implements Integrator {

    @Override
    public Trajectory integrate(FlowProblem problem, RunControl control) {
        return FlowRun.integrate(problem, control, DormandPrinceStepper::new);
    }
}
