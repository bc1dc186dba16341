package org.biasflow.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.biasflow.api.DataSet;
import org.biasflow.data.DataFiles;

import org.biasflow.run.ServiceCatalog;
import org.biasflow.run.ServiceInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BiasflowCommandsTest {

    @Test
    void servicesAreTabulatedWithBundleAndVersion() {
        BiasflowCommands commands = new BiasflowCommands();
        commands.catalog = new ServiceCatalog() {
            @Override
            public List<ServiceInfo> services() {
                return List.of(new ServiceInfo("model", "diagonal", "diagonal linear network",
                        "org.biasflow.model.diagonal", "0.1.0.SNAPSHOT"));
            }

            @Override
            public <S> Selected<S> select(Class<S> type, String name) {
                throw new UnsupportedOperationException();
            }

            @Override
            public boolean isRegistered(Object service) {
                return true;
            }

            @Override
            public List<String> names(Class<?> type) {
                return List.of();
            }
        };

        assertEquals("""
                KIND   NAME      BUNDLE                       VERSION         DESCRIPTION
                model  diagonal  org.biasflow.model.diagonal  0.1.0.SNAPSHOT  diagonal linear network
                """, commands.services());
    }

    /** An existing data file (or its teacher) is replaced only with --overwrite. */
    @Test
    void dataReplacesAnExistingFileOnlyWhenAsked(@TempDir Path folder) throws IOException {
        Path out = folder.resolve("mine.csv");
        Files.writeString(out, "y,x1\n1,2\n");
        Files.writeString(folder.resolve("other.teacher.csv"), "feature,teacher\n1,1\n");
        BiasflowCommands commands = new BiasflowCommands();

        assertEquals(out + " already exists; add --overwrite to replace it, or name another --out", assertThrows(
                IllegalArgumentException.class, () -> commands.data("sparse-teacher", "4", "3", "1", "1",
                        out.toString(), false)).getMessage());
        assertEquals("y,x1\n1,2\n", Files.readString(out));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> commands.data("sparse-teacher", "4", "3", "1",
                "1", folder.resolve("other.csv").toString(), false)).getMessage().startsWith(
                        folder.resolve("other.teacher.csv") + " already exists"));
        assertFalse(Files.exists(folder.resolve("other.csv")), "nothing written");

        commands.data("sparse-teacher", "4", "3", "1", "1", out.toString(), true);
        assertEquals(4, DataFiles.read(out).size());
    }

    @Test
    void dataIsWrittenWithItsTeacherWhichSeparatesEveryPoint(@TempDir Path folder) throws IOException {
        Path out = folder.resolve("teacher-data.csv");

        String text = new BiasflowCommands().data("sparse-teacher", "12", "9", "3", "5", out.toString(), false);

        Path teacherFile = folder.resolve("teacher-data.teacher.csv");
        assertTrue(text.contains(teacherFile.toString()), text);
        List<String> lines = Files.readAllLines(teacherFile);
        assertEquals("feature,teacher", lines.get(0));
        double[] teacher = lines.subList(1, lines.size()).stream()
                .mapToDouble(line -> Double.parseDouble(line.split(",")[1])).toArray();
        assertEquals(9, teacher.length);
        assertEquals(3, Arrays.stream(teacher).filter(w -> w != 0).count());
        assertEquals(1.0, Math.sqrt(Arrays.stream(teacher).map(w -> w * w).sum()), 1e-15);
        DataSet data = DataFiles.read(out);
        for (int n = 0; n < data.size(); n++) {
            double score = 0;
            for (int i = 0; i < teacher.length; i++) {
                score += teacher[i] * data.point(n)[i];
            }
            assertTrue(data.label(n) * score > 0, "point " + (n + 1));
        }
        assertEquals(Path.of("runs/plain.teacher.csv"), BiasflowCommands.teacherFile(Path.of("runs/plain")));
        assertEquals(Path.of("runs/big.teacher.csv"), BiasflowCommands.teacherFile(Path.of("runs/big.csv.gz")));
        assertEquals(Path.of("runs/big.teacher.csv"), BiasflowCommands.teacherFile(Path.of("runs/big.svm.GZ")));
    }
}
