package io.chatspec.reports.conformance;

import net.sourceforge.plantuml.FileFormat;
import net.sourceforge.plantuml.FileFormatOption;
import net.sourceforge.plantuml.SourceStringReader;
import net.sourceforge.plantuml.core.DiagramDescription;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Renders PlantUML source to an SVG string in-process (sequence diagrams need no Graphviz). */
public final class SvgRenderer {
    static {
        // PlantUML measures text with AWT; a CI box has no display.
        System.setProperty("java.awt.headless", "true");
    }

    private SvgRenderer() {
    }

    /** The {@code <svg>} element, ready to inline into HTML. */
    public static String render(String plantUml) {
        SourceStringReader reader = new SourceStringReader(plantUml);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            DiagramDescription description = reader.outputImage(out, new FileFormatOption(FileFormat.SVG));
            if (description == null || description.getDescription().toLowerCase().contains("error")) {
                throw new IllegalStateException("PlantUML could not render the diagram: "
                        + (description == null ? "no diagram" : description.getDescription()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String svg = out.toString(StandardCharsets.UTF_8);
        // PlantUML does not throw when it crashes mid-export: it draws the stack trace into the image instead.
        if (svg.contains("An error has occured") || svg.contains("has crashed")) {
            throw new IllegalStateException("PlantUML crashed while rendering the diagram; source:\n" + plantUml);
        }
        int start = svg.indexOf("<svg");
        // Drop the XML prolog / processing instruction: they are not allowed inside an HTML document.
        return start > 0 ? svg.substring(start) : svg;
    }
}
