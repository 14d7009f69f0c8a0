package dev.labelport.jobs.delivery;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where an export goes in an S3-compatible store, written as Labellerr documents it:
 * {@code bucket/path/to/folder/}. A trailing slash (or the bucket alone) names a folder, and the
 * export keeps its file name inside it; without one the last segment is the object's own name.
 * An {@code s3://} prefix is accepted.
 *
 * @param bucket the bucket name (3–63 lower-case letters, digits, dots and hyphens)
 * @param key    the object key, or the folder prefix ending in {@code /} ({@code ""} for the bucket root)
 */
public record S3Target(String bucket, String key) {
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    public S3Target {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
        if (!BUCKET.matcher(bucket).matches()) {
            throw new IllegalArgumentException("not a valid S3 bucket name: '" + bucket + "'");
        }
        if (key.startsWith("/") || key.contains("//")) {
            throw new IllegalArgumentException("an S3 path has no empty segment: '" + bucket + "/" + key + "'");
        }
    }

    /** Reads {@code bucket/path/to/folder/}, {@code bucket/path/file.zip} or {@code s3://bucket/...}. */
    public static S3Target parse(String path) {
        Objects.requireNonNull(path, "path");
        String p = path.startsWith("s3://") ? path.substring("s3://".length()) : path;
        int slash = p.indexOf('/');
        return slash < 0 ? new S3Target(p, "") : new S3Target(p.substring(0, slash), p.substring(slash + 1));
    }

    /** Whether the target is a folder (the export's file name is appended). */
    public boolean isFolder() {
        return key.isEmpty() || key.endsWith("/");
    }

    /** The object key for a file named {@code fileName}. */
    public String objectKey(String fileName) {
        return isFolder() ? key + fileName : key;
    }

    @Override
    public String toString() {
        return bucket + "/" + key;
    }
}
