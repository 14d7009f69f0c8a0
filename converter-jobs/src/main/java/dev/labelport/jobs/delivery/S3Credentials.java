package dev.labelport.jobs.delivery;

import java.util.Objects;

/**
 * Credentials for an S3-compatible store, supplied by the caller for each delivery. They are used
 * to sign requests and nothing else: {@link #toString()} redacts them, and no message of this
 * package contains them.
 *
 * @param accessKeyId     the access key id
 * @param secretAccessKey the secret key
 * @param sessionToken    a temporary session token, or {@code null}
 */
public record S3Credentials(String accessKeyId, String secretAccessKey, String sessionToken) {
    public S3Credentials {
        if (Objects.requireNonNull(accessKeyId, "accessKeyId").isBlank()) {
            throw new IllegalArgumentException("accessKeyId is empty");
        }
        if (Objects.requireNonNull(secretAccessKey, "secretAccessKey").isEmpty()) {
            throw new IllegalArgumentException("secretAccessKey is empty");
        }
    }

    /** Long-term credentials without a session token. */
    public static S3Credentials of(String accessKeyId, String secretAccessKey) {
        return new S3Credentials(accessKeyId, secretAccessKey, null);
    }

    @Override
    public String toString() {
        return "S3Credentials[accessKeyId=<redacted>, secretAccessKey=<redacted>"
                + (sessionToken == null ? "" : ", sessionToken=<redacted>") + "]";
    }
}
