package dev.labelport.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * The API keys a server accepts in the {@code X-Avala-Api-Key} header, each with its scope: a
 * read-only key may list, get and download, not create or cancel (403). Keys are compared in
 * constant time: every configured key is checked (no early exit) by {@link MessageDigest#isEqual}
 * over SHA-256 digests, so neither the key's content nor its length shows in the timing.
 */
public final class ApiKeys {
    /** What a key may do. */
    public enum Scope {
        /** list, get, download */
        READ,
        /** also create and cancel */
        READ_WRITE
    }

    /** The result of checking a request's key. */
    public enum Check {
        MISSING, INVALID, READ, READ_WRITE
    }

    private record Key(byte[] digest, Scope scope) {
    }

    private final List<Key> keys;

    private ApiKeys(List<Key> keys) {
        this.keys = List.copyOf(keys);
    }

    /** Keys with full access. */
    public static ApiKeys of(Collection<String> readWrite) {
        return of(readWrite, List.of());
    }

    /** Keys with full access and read-only keys. */
    public static ApiKeys of(Collection<String> readWrite, Collection<String> readOnly) {
        List<Key> keys = new ArrayList<>();
        readWrite.forEach(k -> keys.add(new Key(digest(checked(k)), Scope.READ_WRITE)));
        readOnly.forEach(k -> keys.add(new Key(digest(checked(k)), Scope.READ)));
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("a server needs at least one API key");
        }
        return new ApiKeys(keys);
    }

    /** Checks the header value of a request ({@code null} when absent). */
    public Check check(String presented) {
        if (presented == null || presented.isEmpty()) {
            return Check.MISSING;
        }
        byte[] d = digest(presented);
        Scope found = null;
        for (Key k : keys) {
            if (MessageDigest.isEqual(k.digest(), d) && found != Scope.READ_WRITE) {
                found = k.scope();
            }
        }
        if (found == null) {
            return Check.INVALID;
        }
        return found == Scope.READ_WRITE ? Check.READ_WRITE : Check.READ;
    }

    private static String checked(String key) {
        Objects.requireNonNull(key, "key");
        if (key.length() < 8 || key.chars().anyMatch(c -> c <= ' ' || c > '~')) {
            throw new IllegalArgumentException("an API key is at least 8 printable ASCII characters without spaces");
        }
        return key;
    }

    private static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    @Override
    public String toString() {
        return "ApiKeys[" + keys.size() + " key(s), values redacted]";
    }
}
