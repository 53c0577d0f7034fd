package io.chatspec.server.store;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Plain maps; insertion-ordered sets keep notification and member order deterministic. Not thread-safe. */
public final class InMemoryChatStore implements ChatStore {
    private final Map<String, String> passwordHashes = new HashMap<>();
    private final Map<String, LinkedHashSet<String>> friends = new HashMap<>();
    private final Map<String, LinkedHashSet<String>> groups = new HashMap<>();
    private long records;

    @Override
    public boolean createUser(String user, String passwordHash) {
        return counted(passwordHashes.putIfAbsent(user, passwordHash) == null, 1);
    }

    @Override
    public boolean userExists(String user) {
        return passwordHashes.containsKey(user);
    }

    @Override
    public Optional<String> passwordHash(String user) {
        return Optional.ofNullable(passwordHashes.get(user));
    }

    @Override
    public boolean addFriendship(String a, String b) {
        boolean added = friends.computeIfAbsent(a, k -> new LinkedHashSet<>()).add(b);
        friends.computeIfAbsent(b, k -> new LinkedHashSet<>()).add(a);
        return counted(added, 1);
    }

    @Override
    public boolean areFriends(String a, String b) {
        Set<String> set = friends.get(a);
        return set != null && set.contains(b);
    }

    @Override
    public Set<String> friendsOf(String user) {
        LinkedHashSet<String> set = friends.get(user);
        return set == null ? Set.of() : Collections.unmodifiableSet(new LinkedHashSet<>(set));
    }

    @Override
    public boolean createGroup(String group, String creator) {
        if (groups.containsKey(group)) {
            return false;
        }
        LinkedHashSet<String> members = new LinkedHashSet<>();
        members.add(creator);
        groups.put(group, members);
        return counted(true, 2);
    }

    @Override
    public boolean groupExists(String group) {
        return groups.containsKey(group);
    }

    @Override
    public boolean addMember(String group, String user) {
        LinkedHashSet<String> members = groups.get(group);
        if (members == null) {
            throw new IllegalArgumentException("no such group: " + group);
        }
        return counted(members.add(user), 1);
    }

    @Override
    public List<String> membersOf(String group) {
        LinkedHashSet<String> members = groups.get(group);
        return members == null ? List.of() : List.copyOf(new ArrayList<>(members));
    }

    @Override
    public long records() {
        return records;
    }

    private boolean counted(boolean added, int n) {
        if (added) {
            records += n;
        }
        return added;
    }
}
