package io.chatspec.server.store;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The durable part of the chat: accounts, friendships and groups. Who is online is not here: that dies with the
 * process and lives in the domain. Implementations need not be thread-safe; the domain calls them from one
 * thread at a time. Every method is a single, atomic step so a JDBC store can map each to one statement.
 */
public interface ChatStore {

    /**
     * Creates the account; false if the name is taken. The domain hands over a salted hash (see
     * {@code PasswordHasher}), never the password: a store keeps what it is given and never sees plaintext.
     */
    boolean createUser(String user, String passwordHash);

    boolean userExists(String user);

    /** What {@link #createUser} stored; empty for an unknown user. Accounts never change once created. */
    Optional<String> passwordHash(String user);

    /** Records a mutual friendship; false if it already existed. */
    boolean addFriendship(String a, String b);

    boolean areFriends(String a, String b);

    /** The user's friends in the order the friendships were made. */
    Set<String> friendsOf(String user);

    /** Creates the group with the creator as its first member; false if the group exists. */
    boolean createGroup(String group, String creator);

    boolean groupExists(String group);

    /** Adds a member; false if already a member. The group must exist. */
    boolean addMember(String group, String user);

    /** Members in the order they joined; empty for an unknown group. */
    List<String> membersOf(String group);

    /**
     * How many records it holds: accounts, friendships (one per pair), groups and memberships (a group's creator is
     * its first). The domain's store budget counts in these.
     */
    long records();
}
