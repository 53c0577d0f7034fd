package io.chatspec.conformance.dsl;

import io.chatspec.protocol.Message;
import io.chatspec.protocol.Results;
import org.apache.commons.text.similarity.LevenshteinDistance;

import java.util.List;
import java.util.Optional;

/**
 * Spots a name the server sent that is a typo away from the one expected ({@code login_replay} for
 * {@code login_reply}), so the finding can say so and suggest the {@code --alias} that lets the rest of the suite
 * run. Only names that are not protocol words count: {@code offline} for {@code success} is a wrong result, not a typo.
 */
public final class Misspelling {
    private static final LevenshteinDistance DISTANCE = new LevenshteinDistance(3);

    private Misspelling() {
    }

    /** A hint for the first observed message that misspells what {@code e} expects. */
    public static Optional<String> hint(Expect e, List<Message> observed) {
        for (Message m : observed) {
            String want = e.expectedCmd();
            String got = m.cmd();
            if (want != null && got != null && !got.equals(want) && !Expect.SPEC_SERVER_CMDS.contains(got)
                    && close(got, want)) {
                return Optional.of(say("cmd", got, want));
            }
            if (want != null && want.equals(got)) {
                String wantResult = e.expectedText("result");
                String gotResult = m.has("result") && m.get("result").isTextual() ? m.text("result") : null;
                if (wantResult != null && gotResult != null && !gotResult.equals(wantResult)
                        && !Results.ALL.contains(gotResult) && close(gotResult, wantResult)) {
                    return Optional.of(say("result", gotResult, wantResult));
                }
            }
        }
        return Optional.empty();
    }

    /** Is {@code got} a misspelling of {@code want}: at most two edits apart, and not the same word. */
    public static boolean close(String got, String want) {
        Integer d = DISTANCE.apply(got, want);
        return d >= 1 && d <= 2;
    }

    private static String say(String what, String got, String want) {
        return "the server sent " + what + " \"" + got + "\", a misspelling of \"" + want + "\"? (MSG-1) To judge the"
                + " rest of the suite, run with --alias " + got + "=" + want;
    }
}
