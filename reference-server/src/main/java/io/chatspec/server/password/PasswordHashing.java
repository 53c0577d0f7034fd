package io.chatspec.server.password;

/**
 * What the server needs from a password hasher. {@link PasswordHasher} is the one the server ships; the seam lets a
 * test stand in a hasher that fails, to check that a client still gets its reply when hashing throws.
 */
public interface PasswordHashing {
    /** A salted hash to store, self-describing (it keeps the parameters it was made with). */
    String hash(String password);

    /** Whether {@code password} matches the stored {@code encoded} hash; false for a malformed stored value. */
    boolean verify(String password, String encoded);
}
