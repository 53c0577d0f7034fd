package io.chatspec.conformance.cases;

import java.util.ArrayList;
import java.util.List;

/** Every case of the suite, in report order (by protocol area, extensions last). */
public final class CaseCatalog {
    private static final List<ConformanceCase> ALL = build();

    private CaseCatalog() {
    }

    private static List<ConformanceCase> build() {
        List<ConformanceCase> all = new ArrayList<>();
        all.addAll(RegisterLoginCases.register());
        all.addAll(RegisterLoginCases.login());
        all.addAll(FriendGroupCases.add());
        all.addAll(FriendGroupCases.groups());
        all.addAll(ChatCases.privateChat());
        all.addAll(ChatCases.groupChat());
        all.addAll(ChatCases.members());
        all.addAll(ChatCases.offline());
        all.addAll(FileCases.files());
        all.addAll(FramingMessageCases.messages());
        all.addAll(FramingMessageCases.framing());
        all.addAll(ExtensionCases.errors());
        all.addAll(ExtensionCases.session());
        all.addAll(ExtensionCases.edge());
        return List.copyOf(all);
    }

    public static List<ConformanceCase> all() {
        return ALL;
    }
}
