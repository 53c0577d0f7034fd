package io.chatspec.conformance.runner;

import io.chatspec.conformance.cases.ConformanceCase;

import java.util.List;
import java.util.regex.Pattern;

/**
 * --include / --exclude: each pattern is a glob ({@code *}, {@code ?}) matched against the case ID, its category
 * and each rule ID it checks, so {@code file.*}, {@code LOGIN-4} and {@code ext-*} all work. The run records the
 * selection that chose its cases (results.json {@code options}).
 *
 * @param include patterns of which one must match; empty selects every case
 * @param exclude patterns none of which may match
 */
public record Selection(List<String> include, List<String> exclude) {
    /** Every case. */
    public static final Selection ALL = new Selection(List.of(), List.of());

    public Selection {
        include = List.copyOf(include);
        exclude = List.copyOf(exclude);
    }

    /** Only the cases matching any of these patterns. */
    public static Selection including(List<String> include) {
        return new Selection(include, List.of());
    }

    /** The selected cases of {@code all}, in their order. */
    public List<ConformanceCase> from(List<ConformanceCase> all) {
        return all.stream()
                .filter(c -> include.isEmpty() || include.stream().anyMatch(p -> matches(c, p)))
                .filter(c -> exclude.stream().noneMatch(p -> matches(c, p)))
                .toList();
    }

    public static boolean matches(ConformanceCase c, String glob) {
        Pattern p = toRegex(glob.trim());
        return p.matcher(c.id()).matches() || p.matcher(c.category()).matches()
                || c.rules().stream().anyMatch(r -> p.matcher(r).matches());
    }

    static Pattern toRegex(String glob) {
        StringBuilder sb = new StringBuilder();
        for (char ch : glob.toCharArray()) {
            switch (ch) {
                case '*' -> sb.append(".*");
                case '?' -> sb.append('.');
                default -> sb.append(Pattern.quote(String.valueOf(ch)));
            }
        }
        return Pattern.compile(sb.toString(), Pattern.CASE_INSENSITIVE);
    }
}
