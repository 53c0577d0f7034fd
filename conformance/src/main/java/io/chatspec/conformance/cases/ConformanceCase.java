package io.chatspec.conformance.cases;

import java.util.List;

/**
 * One scripted scenario.
 *
 * @param id       stable, dotted, lower-case (e.g. {@code login.friend-login.online-friends}); used by --include
 * @param category the area shown in reports (register, login, ..., framing, ext-errors)
 * @param rules    the PROTOCOL.md rule IDs the case checks; the coverage check counts these
 */
public record ConformanceCase(String id, String title, String category, List<String> rules, Phase phase,
                              Script script) {
}
