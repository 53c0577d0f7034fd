package io.chatspec.reports.html;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The few HTML primitives the pages share: escaping, the page shell and the one stylesheet. */
public final class Html {
    public static final String STYLESHEET = "assets/report.css";

    private Html() {
    }

    public static String esc(Object value) {
        if (value == null) {
            return "";
        }
        String s = value.toString();
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * A complete page. {@code root} is the relative path from the page to the report root ("" or "../../"), so
     * the folder can be moved or zipped and still opens from disk.
     */
    public static String page(String title, String root, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + esc(title) + "</title>\n"
                + "<link rel=\"stylesheet\" href=\"" + root + STYLESHEET + "\">\n"
                + "</head>\n<body>\n" + body + "\n</body>\n</html>\n";
    }

    public static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Copies the shared stylesheet into the report root. */
    public static void writeStylesheet(Path reportRoot) {
        try (InputStream css = Html.class.getResourceAsStream("/io/chatspec/reports/report.css")) {
            if (css == null) {
                throw new IllegalStateException("report.css missing from the classpath");
            }
            Path target = reportRoot.resolve(STYLESHEET);
            Files.createDirectories(target.getParent());
            Files.write(target, css.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
