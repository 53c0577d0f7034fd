package io.chatspec.conformance.mutation;

import io.chatspec.protocol.Message;

import java.util.List;
import java.util.Set;

/**
 * One deliberate server fault, applied by the {@link FaultProxy}.
 *
 * @see Mutants for the catalogue
 */
public interface Mutant {
    /**
     * How the server writes; STYLED is jsoncpp's toStyledString() (three-space indent, " : ", multi-line), SEMICOLON
     * the seed's examples taken literally ({@code {...};}, no newline).
     */
    enum Output { NORMAL, NO_NEWLINE, SPLIT_BYTES, COALESCED, STYLED, SEMICOLON }

    String name();

    /** Rule IDs of which at least one must FAIL for the mutant to count as caught; empty for tolerated faults. */
    Set<String> expectedRules();

    /** Case globs to run against this mutant (plus the smoke set). */
    List<String> cases();

    /** Tolerated faults must not make any case FAIL. */
    default boolean tolerated() {
        return expectedRules().isEmpty();
    }

    /** For tolerated faults: rules that must show up as NON-STRICT (the deviation is noticed, not failed). */
    default Set<String> nonStrictRules() {
        return Set.of();
    }

    default boolean interceptsClient() {
        return false;
    }

    default boolean keepsUpstreamOpenOnDrop() {
        return false;
    }

    /**
     * The server reads one message per {@code recv()}, as many C servers do: of several client messages arriving
     * in one segment, only the first is processed.
     */
    default boolean oneMessagePerRead() {
        return false;
    }

    /** Client commands to forward in place of {@code m} (may also answer directly via the connection). */
    default List<Message> fromClient(FaultProxy.Conn conn, Message m) {
        return List.of(m);
    }

    /** Messages to deliver to this client in place of the server's {@code m}. */
    default List<Message> fromServer(FaultProxy.Conn conn, Message m) {
        return List.of(m);
    }

    default Output output() {
        return Output.NORMAL;
    }

    /** Bytes the relay passes towards a client, starting at {@code offset} of a transfer of {@code length}. */
    default byte[] relayDown(byte[] chunk, long offset, long length) {
        return chunk;
    }
}
