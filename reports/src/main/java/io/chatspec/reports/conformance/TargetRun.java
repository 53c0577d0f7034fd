package io.chatspec.reports.conformance;

import java.nio.file.Path;

/**
 * One column of the matrix: a conformance run, its label and where its pages live inside the report.
 * All paths are relative to the report root.
 */
public record TargetRun(int index, String label, Path source, ConformanceRun run, boolean withAllure) {

    public String slug() {
        return "target-" + index;
    }

    public String casePage(String caseId) {
        return "cases/" + slug() + "/" + fileName(caseId) + ".html";
    }

    public String allureIndex() {
        return "allure/" + slug() + "/index.html";
    }

    public String resultsCopy() {
        return "data/" + slug() + "/results.json";
    }

    /** Case IDs are dotted words today; anything else is replaced so a hostile ID cannot leave the folder. */
    static String fileName(String caseId) {
        String safe = caseId.replaceAll("[^A-Za-z0-9._-]", "_");
        return safe.startsWith(".") ? "_" + safe : safe;
    }
}
