package dev.labelport.jobs;

import java.net.URI;
import java.time.Instant;

/**
 * What a delivery did: its method ({@code FILE_STORAGE}, {@code EXTERNAL_OBJECT_STORAGE},
 * {@code CUSTOM_WEBHOOK}, {@code EMAIL}), where the export now is (a download URI, an
 * {@code s3://} URI, the webhook URL, {@code mailto:}), and when that location expires ({@code null}: never).
 */
public record DeliveryReceipt(String method, URI location, Instant expiresAt) {
}
