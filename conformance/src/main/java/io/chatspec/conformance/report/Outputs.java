package io.chatspec.conformance.report;

import io.chatspec.conformance.model.RunResult;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Writes every output file of a run into one directory. */
public final class Outputs {
    private Outputs() {
    }

    public static List<Path> writeAll(RunResult run, Path dir) throws IOException {
        return List.of(JsonReport.write(run, dir), JUnitXmlReport.write(run, dir), AllureReport.write(run, dir));
    }
}
