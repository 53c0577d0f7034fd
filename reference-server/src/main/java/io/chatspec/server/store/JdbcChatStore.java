package io.chatspec.server.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;

import java.io.UncheckedIOException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Accounts, friendships and groups in an embedded H2 database under a data directory. Every mutating method
 * commits before it returns, and the domain only replies after it returns, so a reply is never sent for a change
 * that a {@code kill -9} could still lose. The schema is migrated by Flyway at open ({@code db/chatstore}).
 */
public final class JdbcChatStore implements ChatStore, AutoCloseable {
    /** H2's duplicate-key state; the unique constraints make "already exists" one atomic statement. */
    private static final String DUPLICATE_KEY = "23505";

    private final HikariDataSource pool;

    private JdbcChatStore(HikariDataSource pool) {
        this.pool = pool;
    }

    /** Opens (creating if need be) the database in {@code dir} and brings its schema up to date. */
    public static JdbcChatStore open(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data directory " + dir, e);
        }
        // WRITE_DELAY=0: H2 writes each commit to the file at once instead of within 500 ms, which is what makes
        // "acknowledged means kept" hold across a process kill. FILE_LOCK=FILE refuses a second server on the dir.
        String url = "jdbc:h2:file:" + dir.toAbsolutePath().resolve("chatspec") + ";WRITE_DELAY=0;FILE_LOCK=FILE";
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl(url);
        cfg.setUsername("chatspec");
        cfg.setPassword("");
        cfg.setPoolName("chatspec-store");
        // The domain calls the store from one thread at a time; a second connection covers diagnostics.
        cfg.setMaximumPoolSize(2);
        cfg.setMinimumIdle(1);
        HikariDataSource ds = new HikariDataSource(cfg);
        try {
            Flyway.configure().dataSource(ds).locations("classpath:db/chatstore").load().migrate();
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
        return new JdbcChatStore(ds);
    }

    @Override
    public boolean createUser(String user, String passwordHash) {
        return insertOnce("INSERT INTO chat_user (name, password_hash) VALUES (?, ?)", user, passwordHash);
    }

    @Override
    public boolean userExists(String user) {
        return exists("SELECT 1 FROM chat_user WHERE name = ?", user);
    }

    @Override
    public Optional<String> passwordHash(String user) {
        List<String> rows = strings("SELECT password_hash FROM chat_user WHERE name = ?", user);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    @Override
    public boolean addFriendship(String a, String b) {
        return inTransaction(c -> {
            if (!insertOnce(c, "INSERT INTO friendship (owner, friend) VALUES (?, ?)", a, b)) {
                return false;
            }
            insertOnce(c, "INSERT INTO friendship (owner, friend) VALUES (?, ?)", b, a);
            return true;
        });
    }

    @Override
    public boolean areFriends(String a, String b) {
        return exists("SELECT 1 FROM friendship WHERE owner = ? AND friend = ?", a, b);
    }

    @Override
    public Set<String> friendsOf(String user) {
        return Collections.unmodifiableSet(new LinkedHashSet<>(
                strings("SELECT friend FROM friendship WHERE owner = ? ORDER BY seq", user)));
    }

    @Override
    public boolean createGroup(String group, String creator) {
        return inTransaction(c -> {
            if (!insertOnce(c, "INSERT INTO chat_group (name) VALUES (?)", group)) {
                return false;
            }
            insertOnce(c, "INSERT INTO membership (group_name, member) VALUES (?, ?)", group, creator);
            return true;
        });
    }

    @Override
    public boolean groupExists(String group) {
        return exists("SELECT 1 FROM chat_group WHERE name = ?", group);
    }

    @Override
    public boolean addMember(String group, String user) {
        if (!groupExists(group)) {
            throw new IllegalArgumentException("no such group: " + group);
        }
        return insertOnce("INSERT INTO membership (group_name, member) VALUES (?, ?)", group, user);
    }

    @Override
    public List<String> membersOf(String group) {
        return List.copyOf(strings("SELECT member FROM membership WHERE group_name = ? ORDER BY seq", group));
    }

    @Override
    public long records() {
        List<String> n = strings("SELECT (SELECT COUNT(*) FROM chat_user) + (SELECT COUNT(*) FROM friendship) / 2"
                + " + (SELECT COUNT(*) FROM chat_group) + (SELECT COUNT(*) FROM membership)");
        return Long.parseLong(n.get(0));
    }

    /** Closes the pool; H2 closes the database with the last connection, writing everything out. */
    @Override
    public void close() {
        pool.close();
    }

    // ---- JDBC plumbing ------------------------------------------------------------------------------------------

    private interface Work {
        boolean apply(Connection c) throws SQLException;
    }

    private boolean inTransaction(Work work) {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                boolean result = work.apply(c);
                if (result) {
                    c.commit();
                } else {
                    c.rollback();
                }
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    private boolean insertOnce(String sql, String... args) {
        try (Connection c = pool.getConnection()) {
            return insertOnce(c, sql, args);
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    private static boolean insertOnce(Connection c, String sql, String... args) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, args)) {
            ps.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (DUPLICATE_KEY.equals(e.getSQLState())) {
                return false;
            }
            throw e;
        }
    }

    private boolean exists(String sql, String... args) {
        return !strings(sql, args).isEmpty();
    }

    private List<String> strings(String sql, String... args) {
        try (Connection c = pool.getConnection(); PreparedStatement ps = prepare(c, sql, args);
             ResultSet rs = ps.executeQuery()) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, String... args) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) {
            ps.setString(i + 1, args[i]);
        }
        return ps;
    }

    /** The database failed (disk full, file locked): the command fails, the server and other sessions go on. */
    public static final class StoreException extends RuntimeException {
        StoreException(SQLException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
