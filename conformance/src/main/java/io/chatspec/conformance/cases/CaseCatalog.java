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
        // one file per PROTOCOL.md section, named by its rule prefix (as h2spec keeps one per RFC section)
        all.addAll(RegCases.cases());
        all.addAll(LoginCases.cases());
        all.addAll(AddCases.cases());
        all.addAll(CgroupCases.cases());
        all.addAll(JoinCases.cases());
        all.addAll(PrivCases.cases());
        all.addAll(GchatCases.cases());
        all.addAll(MemberCases.cases());
        all.addAll(OffCases.cases());
        all.addAll(FileCases.files());
        all.addAll(MsgCases.cases());
        all.addAll(FrameCases.cases());
        all.addAll(ErrCases.cases());
        all.addAll(SessCases.cases());
        all.addAll(EdgeCases.cases());
        all.addAll(DurableCases.cases());
        all.addAll(LimitCases.cases());
        return List.copyOf(all);
    }

    public static List<ConformanceCase> all() {
        return ALL;
    }
}
