package io.chatspec.server.password;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Argon2id (RFC 9106) through Bouncy Castle, encoded as a PHC string
 * ({@code $argon2id$v=19$m=7168,t=5,p=1$SALT$HASH}) so that a stored hash keeps the parameters it was made with
 * and the defaults can be raised later without invalidating accounts. Thread-safe; every call is CPU- and
 * memory-bound (about {@code memoryKiB} of heap while it runs), so callers keep it off event loops.
 */
public final class PasswordHasher implements PasswordHashing {
    /** OWASP's Argon2id option "m=7 MiB, t=5, p=1": the least memory per concurrent hash of its equivalent set. */
    public static final int DEFAULT_MEMORY_KIB = 7 * 1024;
    public static final int DEFAULT_ITERATIONS = 5;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final String PREFIX = "$argon2id$v=19$";
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();

    private final int memoryKiB;
    private final int iterations;
    private final SecureRandom random = new SecureRandom();

    public PasswordHasher(int memoryKiB, int iterations) {
        if (memoryKiB < 8 || iterations < 1) {
            throw new IllegalArgumentException("argon2id needs m >= 8 KiB and t >= 1");
        }
        this.memoryKiB = memoryKiB;
        this.iterations = iterations;
    }

    /** The standalone server's default (ServerMain): about 60 ms per hash on a busy 2-core test machine. */
    public static PasswordHasher defaults() {
        return new PasswordHasher(DEFAULT_MEMORY_KIB, DEFAULT_ITERATIONS);
    }

    /**
     * For servers embedded in tests and tools (the conformance harness's default target, load simulations):
     * still salted Argon2id, but about 2 ms, so a suite that registers thousands of users is judged on the
     * protocol and not on hash cost. Not for accounts anyone cares about.
     */
    public static PasswordHasher light() {
        return new PasswordHasher(1024, 2);
    }

    /** Argon2id memory per hash in KiB, as {@code --password-memory} takes it. */
    public int memoryKiB() {
        return memoryKiB;
    }

    /** Argon2id passes per hash, as {@code --password-iterations} takes it. */
    public int iterations() {
        return iterations;
    }

    /** A fresh salt every time: two accounts with one password get different hashes. */
    @Override
    public String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = derive(password, salt, memoryKiB, iterations, 1, HASH_BYTES);
        return PREFIX + "m=" + memoryKiB + ",t=" + iterations + ",p=1$" + B64.encodeToString(salt) + "$"
                + B64.encodeToString(hash);
    }

    /** False for a malformed stored value too: a corrupt row must not let anyone in. */
    @Override
    public boolean verify(String password, String encoded) {
        if (encoded == null || !encoded.startsWith(PREFIX)) {
            return false;
        }
        String[] parts = encoded.substring(PREFIX.length()).split("\\$");
        if (parts.length != 3) {
            return false;
        }
        try {
            int m = 0;
            int t = 0;
            int p = 0;
            for (String kv : parts[0].split(",")) {
                String[] pair = kv.split("=", 2);
                int v = Integer.parseInt(pair[1]);
                switch (pair[0]) {
                    case "m" -> m = v;
                    case "t" -> t = v;
                    case "p" -> p = v;
                    default -> {
                        return false;
                    }
                }
            }
            byte[] salt = B64D.decode(parts[1]);
            byte[] expected = B64D.decode(parts[2]);
            if (m < 8 || t < 1 || p < 1 || expected.length == 0) {
                return false;
            }
            return MessageDigest.isEqual(expected, derive(password, salt, m, t, p, expected.length));
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static byte[] derive(String password, byte[] salt, int m, int t, int p, int length) {
        Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withSalt(salt).withMemoryAsKB(m).withIterations(t).withParallelism(p)
                .build();
        Argon2BytesGenerator gen = new Argon2BytesGenerator();
        gen.init(params);
        byte[] out = new byte[length];
        gen.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }

    @Override
    public String toString() {
        return "argon2id m=" + memoryKiB + "KiB t=" + iterations + " p=1";
    }
}
