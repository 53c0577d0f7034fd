package io.chatspec.reports.chart;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import static io.chatspec.reports.html.Html.esc;

/**
 * Apache ECharts from its webjar, inlined into the page: a report folder is archived by CI and opened from disk,
 * often offline, so a page must not load scripts from anywhere. Options are built as Jackson trees and embedded
 * as JSON, never concatenated as script text, so run names and request names cannot break out of the script.
 */
public final class ECharts {
    public static final String VERSION = "5.3.1";
    private static final String RESOURCE = "/META-INF/resources/webjars/echarts/" + VERSION + "/dist/echarts.min.js";
    public static final ObjectMapper JSON = new ObjectMapper();

    private static volatile String library;

    private ECharts() {
    }

    /** The library in one {@code <script>} element; put it once per page, before any {@link #chart}. */
    public static String script() {
        String js = library;
        if (js == null) {
            try (InputStream in = ECharts.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("ECharts " + VERSION + " missing from the classpath (" + RESOURCE + ")");
                }
                js = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                library = js;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return "<script>/* Apache ECharts " + VERSION + ", Apache License 2.0 */\n" + js + "\n</script>\n";
    }

    /** A chart container and the script that draws {@code option} into it. */
    public static String chart(String id, int heightPx, ObjectNode option, String attributes) {
        String json = option.toString().replace("</", "<\\/");
        return "<div class=\"chart\" id=\"" + esc(id) + "\" style=\"height:" + heightPx + "px\"" + attributes + "></div>\n"
                + "<script>(function(){var el=document.getElementById('" + esc(id) + "');"
                + "echarts.init(el,null,{renderer:'canvas'}).setOption(" + json + ");})();</script>\n";
    }

    public static ObjectNode object() {
        return JSON.createObjectNode();
    }
}
