package org.biasflow.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import java.util.Set;

import org.apache.felix.service.command.Parameter;
import org.biasflow.launcher.CommandOptions.Option;
import org.junit.jupiter.api.Test;

/** A command line Gogo cannot fit is told which of its options the command does not declare. */
class CommandOptionsTest {

    /** Shaped as biasflow's commands are: Gogo's {@code @Parameter} on the arguments of a public method. */
    public static final class SweepCommand {
        public String sweep(@Parameter(names = "--alphas", absentValue = "1") String alphas,
                @Parameter(names = {"--out", "-o"}, absentValue = "") String out,
                @Parameter(names = "--resume", presentValue = "true", absentValue = "false") boolean resume,
                @Parameter(names = "--depth", absentValue = "2") int depth,
                @Parameter(names = "--seed", absentValue = "1") long seed) {
            return "";
        }

        public String other(@Parameter(names = "--elsewhere", absentValue = "") String elsewhere) {
            return "";
        }
    }

    @Test
    void theOptionsAreThoseOfTheMethodsOfTheCommandsNameAndFlagsTakeNoValue() {
        assertEquals(Map.of("--alphas", new Option("--alphas", true, String.class),
                "--out", new Option("--out", true, String.class), "-o", new Option("--out", true, String.class),
                "--resume", new Option("--resume", false, boolean.class), "--depth", new Option("--depth", true, int.class),
                "--seed", new Option("--seed", true, long.class)), CommandOptions.declared(SweepCommand.class, "sweep"));
    }

    @Test
    void anUnknownOptionIsNamedWithTheNearestKnownOne() {
        Map<String, Option> options = CommandOptions.declared(SweepCommand.class, "sweep");

        assertEquals("--alpha is not an option of bf:sweep (did you mean --alphas?)",
                CommandOptions.misfits("bf:sweep --alpha 1 --out s", "bf:sweep", options));
        assertEquals("--width is not an option of bf:sweep; --resum is not an option of bf:sweep (did you mean"
                + " --resume?)", CommandOptions.misfits("bf:sweep --width 2 --resum", "bf:sweep", options));
    }

    @Test
    void anOptionWithoutItsValueIsNamed() {
        Map<String, Option> options = CommandOptions.declared(SweepCommand.class, "sweep");

        assertEquals("--out lacks its value", CommandOptions.misfits("bf:sweep --alphas 1 --out", "bf:sweep", options));
        assertEquals("--alphas lacks its value", CommandOptions.misfits("bf:sweep --alphas --resume", "bf:sweep",
                options));
    }

    @Test
    void anOptionGivenTwiceAWordOfNoOptionAndAValueGogoCannotConvertAreNamed() {
        Map<String, Option> options = CommandOptions.declared(SweepCommand.class, "sweep");

        assertEquals("--alphas is given twice", CommandOptions.misfits("bf:sweep --alphas 1 --out s --alphas 2",
                "bf:sweep", options));
        assertEquals("-o is given twice", CommandOptions.misfits("bf:sweep --out s -o t", "bf:sweep", options));
        assertEquals("extra is the value of no option; 'a b' is the value of no option",
                CommandOptions.misfits("bf:sweep --alphas 1 extra --resume 'a b'", "bf:sweep", options));
        assertEquals("--depth takes a whole number from -2147483648 to 2147483647, not 2.0; --seed takes a whole"
                + " number from -9223372036854775808 to 9223372036854775807, not 18446744073709551616",
                CommandOptions.misfits("bf:sweep --depth 2.0 --seed 18446744073709551616", "bf:sweep", options));
    }

    @Test
    void aMistypedCommandIsAnsweredWithTheNearestOne() {
        Set<String> commands = Set.of("bf:sweep", "bf:run", "bf:sweep-merge");

        assertEquals("bf:sweep", CommandOptions.nearest("bf:swep", commands));
        assertNull(CommandOptions.nearest("ls", commands));
    }

    @Test
    void knownOptionsAndUnknownCommandsAreLeftToTheGeneralMessage() {
        Map<String, Option> options = CommandOptions.declared(SweepCommand.class, "sweep");

        assertNull(CommandOptions.misfits("bf:sweep --alphas x --resume --out s", "bf:sweep", options));
        assertNull(CommandOptions.misfits("nosuch --x 1", "nosuch", Map.of()));
        assertNull(CommandOptions.misfits("bf:sweep --alphas '1, 2' --depth \"3\" --seed -4", "bf:sweep", options));
        assertEquals(1, CommandOptions.distance("--alpha", "--alphas"));
        assertEquals(3, CommandOptions.distance("kitten", "sitting"));
    }
}
