package dev.labelport.jobs.delivery;

import dev.labelport.jobs.Delivery;
import dev.labelport.jobs.DeliveryReceipt;
import dev.labelport.jobs.ExportJob;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

/**
 * {@code CUSTOM_WEBHOOK}: POSTs the job as JSON to a URL, signed per Standard Webhooks
 * ({@code webhook-id}, {@code webhook-timestamp}, {@code webhook-signature}; see {@link WebhookSecret}).
 * A 5xx or 429 answer, a timeout or a failed connection is retried per the {@link RetryPolicy}
 * (the same {@code webhook-id} every time, so the receiver can drop duplicates; a fresh timestamp
 * and signature per attempt); any other non-2xx answer fails at once. The file itself is not sent:
 * the body carries the job with its download URL.
 */
public final class WebhookDelivery implements Delivery {
    private final URI url;
    private final WebhookSecret secret;
    private final RetryPolicy retry;
    private final Duration timeout;
    private final Clock clock;
    private final Function<ExportJob, byte[]> body;
    private final HttpClient client;

    private WebhookDelivery(Builder b) {
        this.url = Objects.requireNonNull(b.url, "url");
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
            throw new IllegalArgumentException("a webhook URL is http or https, got " + url);
        }
        this.secret = Objects.requireNonNull(b.secret, "secret");
        this.retry = b.retry;
        this.timeout = b.timeout;
        this.clock = b.clock;
        this.body = Objects.requireNonNull(b.body, "body");
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public DeliveryReceipt deliver(ExportJob job, Path packagedFile) throws IOException {
        byte[] payload = body.apply(job);
        String id = "msg_" + UUID.randomUUID();
        String last = "";
        for (int attempt = 1; attempt <= retry.maxAttempts(); attempt++) {
            int status;
            try {
                retry.awaitAttempt(attempt);
                status = client.send(request(id, payload), HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("webhook delivery to " + url + " interrupted at attempt " + attempt);
            } catch (IOException e) {
                last = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
                continue;
            }
            if (status / 100 == 2) {
                return new DeliveryReceipt("CUSTOM_WEBHOOK", url, null);
            }
            last = "HTTP " + status;
            if (!retryable(status)) {
                throw new IOException("webhook " + url + " refused the delivery: " + last);
            }
        }
        throw new IOException("webhook " + url + " failed after " + retry.maxAttempts() + " attempt(s), last: " + last);
    }

    private HttpRequest request(String id, byte[] payload) {
        long timestamp = clock.instant().getEpochSecond();
        return HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("content-type", "application/json")
                .header("webhook-id", id)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", secret.sign(id, timestamp, payload))
                .POST(HttpRequest.BodyPublishers.ofByteArray(payload))
                .build();
    }

    private static boolean retryable(int status) {
        return status >= 500 || status == 429 || status == 408;
    }

    @Override
    public String toString() {
        return "WebhookDelivery[url=" + url + ", secret=<redacted>, retry=" + retry + "]";
    }

    /** Settings of a {@link WebhookDelivery}; {@code url}, {@code secret} and {@code body} are required. */
    public static final class Builder {
        private URI url;
        private WebhookSecret secret;
        private RetryPolicy retry = RetryPolicy.DEFAULT;
        private Duration timeout = Duration.ofSeconds(10);
        private Clock clock = Clock.systemUTC();
        private Function<ExportJob, byte[]> body = job -> job.toJson().getBytes(StandardCharsets.UTF_8);

        private Builder() {
        }

        public Builder url(URI url) {
            this.url = url;
            return this;
        }

        public Builder secret(WebhookSecret secret) {
            this.secret = secret;
            return this;
        }

        public Builder retry(RetryPolicy retry) {
            this.retry = Objects.requireNonNull(retry, "retry");
            return this;
        }

        /** How long one attempt (connect and answer) may take; default 10 s. */
        public Builder timeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive");
            }
            this.timeout = timeout;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The request body for a job; default the job's JSON. */
        public Builder body(Function<ExportJob, byte[]> body) {
            this.body = body;
            return this;
        }

        public WebhookDelivery build() {
            return new WebhookDelivery(this);
        }
    }
}
