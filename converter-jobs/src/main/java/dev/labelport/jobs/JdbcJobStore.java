package dev.labelport.jobs;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A {@link JobStore} over JDBC: one table, {@code labelport_export_jobs}, created when missing,
 * with the columns listings sort on and the job's JSON. Runs on H2 ({@link #h2(Path)}, an
 * embedded file database that needs no setup) and on PostgreSQL ({@link #open(String, String,
 * String)} with a {@code jdbc:postgresql:} URL); the SQL is the common subset of both.
 *
 * <p>Listings use keyset pagination: a cursor names the last row seen (its sort value and uid),
 * so pages stay stable while jobs are added. One connection is shared and every call holds it
 * briefly; the engine writes a running job's counts at most a few times a second.
 */
public final class JdbcJobStore implements JobStore {
    private static final String TABLE = "labelport_export_jobs";
    private final Connection connection;

    private JdbcJobStore(Connection connection) {
        this.connection = connection;
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (uid VARCHAR(36) PRIMARY KEY, name VARCHAR(255) NOT NULL, "
                    + "status VARCHAR(16) NOT NULL, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL, "
                    + "body VARCHAR(1000000) NOT NULL)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the job table: " + e.getMessage(), e);
        }
    }

    /**
     * The embedded default: an H2 database in the files {@code <folder>/jobs.*}. Commits are
     * written at once ({@code WRITE_DELAY=0}), so a job's state survives a killed JVM.
     */
    public static JdbcJobStore h2(Path folder) {
        String url = "jdbc:h2:file:" + folder.toAbsolutePath().resolve("jobs") + ";WRITE_DELAY=0";
        return open(url, "sa", "");
    }

    /** A database whose URL carries its credentials, if any ({@code jdbc:postgresql://host/db?user=u&password=p}). */
    public static JdbcJobStore open(String url) {
        try {
            Connection c = DriverManager.getConnection(url);
            c.setAutoCommit(true);
            return new JdbcJobStore(c);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the job store at " + redact(url) + ": " + e.getMessage(), e);
        }
    }

    /** The URL without a {@code password=} parameter's value, for messages. */
    static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    /** Any JDBC database, e.g. {@code jdbc:postgresql://127.0.0.1:5432/labelport}. The password is not logged. */
    public static JdbcJobStore open(String url, String user, String password) {
        try {
            Connection c = DriverManager.getConnection(url, user, password);
            c.setAutoCommit(true);
            return new JdbcJobStore(c);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the job store at " + redact(url) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void save(ExportJob job) {
        try {
            String body = job.toJson();
            try (PreparedStatement u = connection.prepareStatement(
                    "UPDATE " + TABLE + " SET name = ?, status = ?, created_at = ?, updated_at = ?, body = ? WHERE uid = ?")) {
                bind(u, job, body);
                u.setString(6, job.uid().toString());
                if (u.executeUpdate() > 0) {
                    return;
                }
            }
            try (PreparedStatement i = connection.prepareStatement(
                    "INSERT INTO " + TABLE + " (name, status, created_at, updated_at, body, uid) VALUES (?, ?, ?, ?, ?, ?)")) {
                bind(i, job, body);
                i.setString(6, job.uid().toString());
                i.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot save job " + job.uid() + ": " + e.getMessage(), e);
        }
    }

    private static void bind(PreparedStatement s, ExportJob job, String body) throws SQLException {
        s.setString(1, job.name());
        s.setString(2, job.status().apiName());
        s.setLong(3, micros(job.createdAt()));
        s.setLong(4, micros(job.updatedAt()));
        s.setString(5, body);
    }

    static long micros(Instant t) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, t);
    }

    @Override
    public synchronized Optional<ExportJob> find(UUID uid) {
        try (PreparedStatement s = connection.prepareStatement("SELECT body FROM " + TABLE + " WHERE uid = ?")) {
            s.setString(1, uid.toString());
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(ExportJob.fromJson(r.getString(1))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read job " + uid + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized List<ExportJob> unfinished() {
        try (PreparedStatement s = connection.prepareStatement(
                "SELECT body FROM " + TABLE + " WHERE status IN ('requested', 'exporting') ORDER BY created_at, uid")) {
            List<ExportJob> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(ExportJob.fromJson(r.getString(1)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the unfinished jobs: " + e.getMessage(), e);
        }
    }

    /** A position in a listing: which way, which ordering, the sort value and the uid of the row. */
    record Cursor(boolean forward, String ordering, String value, String uid) {
        String encode() {
            String raw = (forward ? "n" : "p") + "|" + ordering + "|" + value + "|" + uid;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String s, String ordering) {
            String raw;
            try {
                raw = new String(Base64.getUrlDecoder().decode(s), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw invalid();
            }
            int a = raw.indexOf('|');
            int b = a < 0 ? -1 : raw.indexOf('|', a + 1);
            int c = raw.lastIndexOf('|');
            if (a != 1 || b < 0 || c <= b || !(raw.startsWith("n") || raw.startsWith("p"))) {
                throw invalid();
            }
            Cursor cur = new Cursor(raw.charAt(0) == 'n', raw.substring(a + 1, b), raw.substring(b + 1, c), raw.substring(c + 1));
            if (!cur.ordering.equals(ordering)) {
                throw new ValidationException(Map.of("cursor", List.of("This cursor belongs to the ordering " + cur.ordering + ".")));
            }
            return cur;
        }

        private static ValidationException invalid() {
            return new ValidationException(Map.of("cursor", List.of("Invalid cursor")));
        }
    }

    @Override
    public synchronized Page<ExportJob> list(ListQuery q) {
        String col = q.field();
        boolean numeric = col.endsWith("_at");
        Cursor cursor = q.cursor() == null ? null : Cursor.decode(q.cursor(), q.ordering());
        boolean forward = cursor == null || cursor.forward();
        // reading forward in a descending listing means reading the column downwards
        boolean down = q.descending() == forward;
        String cmp = down ? "<" : ">";
        String dir = down ? "DESC" : "ASC";
        StringBuilder sql = new StringBuilder("SELECT body, " + col + ", uid FROM " + TABLE);
        if (cursor != null) {
            sql.append(" WHERE (").append(col).append(' ').append(cmp).append(" ? OR (").append(col).append(" = ? AND uid ")
                    .append(cmp).append(" ?))");
        }
        sql.append(" ORDER BY ").append(col).append(' ').append(dir).append(", uid ").append(dir).append(" LIMIT ?");
        List<ExportJob> rows = new ArrayList<>();
        List<String> values = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement(sql.toString())) {
            int i = 1;
            if (cursor != null) {
                for (int k = 0; k < 2; k++) {
                    if (numeric) {
                        s.setLong(i++, parseLong(cursor.value()));
                    } else {
                        s.setString(i++, cursor.value());
                    }
                }
                s.setString(i++, cursor.uid());
            }
            s.setInt(i, q.limit() + 1);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.add(ExportJob.fromJson(r.getString(1)));
                    values.add(numeric ? Long.toString(r.getLong(2)) : r.getString(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot list jobs: " + e.getMessage(), e);
        }
        boolean more = rows.size() > q.limit();
        if (more) {
            rows.remove(rows.size() - 1);
            values.remove(values.size() - 1);
        }
        if (!forward) {
            Collections.reverse(rows);
            Collections.reverse(values);
        }
        if (rows.isEmpty()) {
            return new Page<>(rows, null, cursor == null ? null : q.cursor(), false);
        }
        Cursor after = new Cursor(true, q.ordering(), values.get(values.size() - 1), rows.get(rows.size() - 1).uid().toString());
        Cursor before = new Cursor(false, q.ordering(), values.get(0), rows.get(0).uid().toString());
        String next = forward ? (more ? after.encode() : null) : after.encode();
        String previous = forward ? (cursor == null ? null : before.encode()) : (more ? before.encode() : null);
        return new Page<>(rows, next, previous, forward ? more : true);
    }

    private static long parseLong(String v) {
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new ValidationException(Map.of("cursor", List.of("Invalid cursor")));
        }
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            // closing a store at shutdown: nothing left to save
        }
    }
}
