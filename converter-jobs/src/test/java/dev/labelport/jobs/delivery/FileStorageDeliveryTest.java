package dev.labelport.jobs.delivery;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labelport.jobs.DeliveryReceipt;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileStorageDeliveryTest {
    @TempDir
    Path dir;

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-12-05T10:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void aLinkIsReadyUntilItsTtlThenGoneNotMissing() throws IOException {
        ManualClock clock = new ManualClock();
        FileStorageDelivery store = FileStorageDelivery.builder().root(dir.resolve("store")).ttl(Duration.ofHours(2))
                .baseUri(URI.create("http://127.0.0.1:9999")).clock(clock).build();
        Path packaged = Files.writeString(dir.resolve("export.zip"), "zip bytes");
        UUID uid = UUID.randomUUID();

        assertInstanceOf(FileStorageDelivery.Lookup.Missing.class, store.lookup(uid));
        DeliveryReceipt receipt = store.deliver(Jobs.job(uid), packaged);
        assertEquals(URI.create("http://127.0.0.1:9999/api/v1/exports/" + uid + "/download"), receipt.location());
        assertEquals(Instant.parse("2026-12-05T12:00:00Z"), receipt.expiresAt());

        var ready = assertInstanceOf(FileStorageDelivery.Lookup.Ready.class, store.lookup(uid));
        assertArrayEquals(Files.readAllBytes(packaged), Files.readAllBytes(ready.file()));
        assertEquals("export.zip", ready.file().getFileName().toString());

        clock.now = Instant.parse("2026-12-05T12:00:00Z");
        assertInstanceOf(FileStorageDelivery.Lookup.Gone.class, store.lookup(uid));
        assertEquals(1, store.purgeExpired());
        assertFalse(Files.exists(ready.file()));
        assertInstanceOf(FileStorageDelivery.Lookup.Gone.class, store.lookup(uid), "an old link stays gone after the purge");
        assertTrue(Files.exists(packaged), "the packaged file is left alone");
        assertInstanceOf(FileStorageDelivery.Lookup.Missing.class, store.lookup(UUID.randomUUID()));
    }
}
