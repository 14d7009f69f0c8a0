package dev.labelport.jobs.delivery;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A Standard Webhooks signing secret ({@code whsec_} followed by the base64 of the key bytes) and
 * the signature it makes: {@code v1,<base64 of HMAC-SHA256 over "id.timestamp.body">}, sent in the
 * {@code webhook-signature} header beside {@code webhook-id} and {@code webhook-timestamp} (Unix
 * seconds). A receiver verifies with the same secret ({@link #verify}).
 *
 * <p>{@link #toString()} never shows the key.
 */
public final class WebhookSecret {
    /** The prefix of a Standard Webhooks secret. */
    public static final String PREFIX = "whsec_";
    private static final String ALGORITHM = "HmacSHA256";

    private final byte[] key;

    private WebhookSecret(byte[] key) {
        if (key.length < 16 || key.length > 64) {
            throw new IllegalArgumentException("a webhook secret holds 16 to 64 bytes, got " + key.length);
        }
        this.key = key.clone();
    }

    /** Reads {@code whsec_<base64>}; the prefix is required so a key cannot be mistaken for another value. */
    public static WebhookSecret parse(String text) {
        if (text == null || !text.startsWith(PREFIX)) {
            throw new IllegalArgumentException("a webhook secret starts with '" + PREFIX + "'");
        }
        try {
            return new WebhookSecret(Base64.getDecoder().decode(text.substring(PREFIX.length())));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a webhook secret is '" + PREFIX + "' followed by base64", e);
        }
    }

    /** A new random 32-byte secret. */
    public static WebhookSecret generate() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return new WebhookSecret(key);
    }

    /** The secret as {@code whsec_<base64>}, to hand to the receiver once. */
    public String encoded() {
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /** The {@code webhook-signature} value for one message: {@code v1,<base64>}. */
    public String sign(String id, long timestampSeconds, byte[] body) {
        Mac mac = mac();
        mac.update((id + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
        return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
    }

    /**
     * Whether {@code signatureHeader} (space-separated {@code v1,<base64>} entries, as Standard
     * Webhooks allows several during key rotation) holds a valid signature of the message. The
     * comparison takes constant time.
     */
    public boolean verify(String id, long timestampSeconds, byte[] body, String signatureHeader) {
        if (signatureHeader == null) {
            return false;
        }
        byte[] expected = sign(id, timestampSeconds, body).getBytes(StandardCharsets.US_ASCII);
        boolean found = false;
        for (String candidate : signatureHeader.trim().split(" +")) {
            found |= MessageDigest.isEqual(expected, candidate.getBytes(StandardCharsets.US_ASCII));
        }
        return found;
    }

    private Mac mac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every Java runtime", e);
        }
    }

    @Override
    public String toString() {
        return "WebhookSecret[" + PREFIX + "<redacted>]";
    }
}
