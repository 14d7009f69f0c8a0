package dev.labelport.jobs.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Delivers to a JDK HttpServer on loopback that verifies each Standard Webhooks signature. */
class WebhookDeliveryTest {
    private static final RetryPolicy FAST = new RetryPolicy(4, Duration.ofMillis(10), 2.0, Duration.ofMillis(50));
    private final WebhookSecret secret = WebhookSecret.generate();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private HttpServer server;

    record Received(String id, long timestamp, String body, boolean signatureValid) {
    }

    /** Starts a receiver whose n-th request (from 1) is answered with {@code status.applyAsInt}. */
    private URI receiver(IntSupplier status) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hook", exchange -> answer(exchange, status));
        server.setExecutor(pool);
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    }

    private void answer(HttpExchange exchange, IntSupplier status) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String id = exchange.getRequestHeaders().getFirst("webhook-id");
        long timestamp = Long.parseLong(exchange.getRequestHeaders().getFirst("webhook-timestamp"));
        boolean valid = secret.verify(id, timestamp, body, exchange.getRequestHeaders().getFirst("webhook-signature"));
        received.add(new Received(id, timestamp, new String(body, StandardCharsets.UTF_8), valid));
        exchange.sendResponseHeaders(valid ? status.getAsInt() : 401, -1);
        exchange.close();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
        pool.shutdownNow();
    }

    private WebhookDelivery.Builder delivery(URI url) {
        return WebhookDelivery.builder().url(url).secret(secret).retry(FAST)
                .body(job -> "{\"uid\":\"42\",\"status\":\"exported\"}".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aSignedPostIsRetriedOverServerErrorsUntilAccepted() throws IOException {
        AtomicInteger calls = new AtomicInteger();
        URI url = receiver(() -> calls.incrementAndGet() < 3 ? 503 : 204);
        delivery(url).build().deliver(null, null);
        assertEquals(3, received.size());
        assertTrue(received.stream().allMatch(Received::signatureValid), received.toString());
        assertEquals(1, received.stream().map(Received::id).distinct().count(), "one webhook-id for every attempt");
        assertTrue(received.get(0).id().startsWith("msg_"));
        assertEquals("{\"uid\":\"42\",\"status\":\"exported\"}", received.get(2).body());
    }

    @Test
    void attemptsAreBounded() throws IOException {
        URI url = receiver(() -> 500);
        IOException e = assertThrows(IOException.class, () -> delivery(url).build().deliver(null, null));
        assertEquals(4, received.size());
        assertTrue(e.getMessage().contains("after 4 attempt(s), last: HTTP 500"), e.getMessage());
    }

    @Test
    void aClientErrorIsNotRetried() throws IOException {
        URI url = receiver(() -> 404);
        IOException e = assertThrows(IOException.class, () -> delivery(url).build().deliver(null, null));
        assertEquals(1, received.size());
        assertTrue(e.getMessage().contains("refused the delivery: HTTP 404"), e.getMessage());
    }

    @Test
    void aSignatureWithAnotherSecretIsRejectedByTheReceiver() throws IOException {
        URI url = receiver(() -> 200);
        WebhookDelivery wrong = delivery(url).secret(WebhookSecret.generate()).build();
        assertThrows(IOException.class, () -> wrong.deliver(null, null));
        assertFalse(received.get(0).signatureValid());
    }

    @Test
    void aTimeoutIsRetried() throws IOException {
        AtomicInteger calls = new AtomicInteger();
        URI url = receiver(() -> {
            if (calls.incrementAndGet() == 1) {
                try {
                    Thread.sleep(2_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return 200;
        });
        delivery(url).timeout(Duration.ofMillis(300)).build().deliver(null, null);
        assertEquals(2, calls.get());
    }

    @Test
    void signaturesFollowTheStandardWebhooksExample() {
        // the example of the Standard Webhooks specification's reference libraries
        WebhookSecret s = WebhookSecret.parse("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        assertEquals("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
                s.sign("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L,
                        "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8)));
        assertTrue(s.verify("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L,
                "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8),
                "v1,bm9ldHUjKzFob2xpbmVz v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="));
        assertFalse(s.toString().contains("MfKQ9r8"));
        assertThrows(IllegalArgumentException.class, () -> WebhookSecret.parse("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"));
    }

    @Test
    void backoffGrowsAndIsCapped() {
        RetryPolicy p = new RetryPolicy(6, Duration.ofMillis(100), 2.0, Duration.ofMillis(500));
        assertEquals(List.of(0L, 100L, 200L, 400L, 500L, 500L),
                java.util.stream.IntStream.rangeClosed(1, 6).mapToObj(n -> p.delayBefore(n).toMillis()).toList());
    }
}
