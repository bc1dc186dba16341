package org.biasflow.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;

import org.apache.felix.service.command.Descriptor;
import org.junit.jupiter.api.Test;

/** help shows every default: each option with a default names it in its description. */
class HelpDefaultsTest {

    @Test
    void everyOptionWithADefaultNamesItInItsHelp() {
        List<String> silent = new ArrayList<>();
        for (Class<?> commands : List.of(BiasflowCommands.class, SweepCommands.class, AnalysisCommands.class,
                BenchCommands.class)) {
            for (Method method : commands.getMethods()) {
                for (Parameter parameter : method.getParameters()) {
                    org.apache.felix.service.command.Parameter option = parameter.getAnnotation(
                            org.apache.felix.service.command.Parameter.class);
                    Descriptor help = parameter.getAnnotation(Descriptor.class);
                    boolean flag = option != null && !option.presentValue().equals(
                            org.apache.felix.service.command.Parameter.UNSPECIFIED);
                    if (option != null && !option.absentValue().isEmpty() && !flag
                            && !help.value().contains("(default " + option.absentValue())) {
                        silent.add(commands.getSimpleName() + "." + method.getName() + " " + option.names()[0]);
                    }
                }
            }
        }
        assertEquals(List.of(), silent);
    }
}
