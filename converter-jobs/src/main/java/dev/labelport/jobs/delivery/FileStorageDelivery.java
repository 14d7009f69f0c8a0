package dev.labelport.jobs.delivery;

import dev.labelport.jobs.Delivery;
import dev.labelport.jobs.DeliveryReceipt;
import dev.labelport.jobs.ExportJob;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.UUID;

/**
 * {@code FILE_STORAGE}: keeps the packaged file in a local store and hands out a download URI
 * that expires after a TTL. The store answers three ways ({@link #lookup}): the file is
 * {@link Lookup.Ready}, its link has {@link Lookup.Gone expired} (the server answers 410 Gone),
 * or nothing was stored for that export ({@link Lookup.Missing}, a 404 that means "not ready or
 * unknown"). Expired files are deleted by {@link #purgeExpired()}; the expiry record stays, so an
 * old link still answers "gone".
 *
 * <p>Layout: {@code <root>/<export uid>/<file name>} beside {@code <root>/<export uid>/expires}
 * (an ISO 8601 instant). The file is hard-linked from the packaged file where the file system
 * allows, copied otherwise; the packaged file itself is left alone.
 */
public final class FileStorageDelivery implements Delivery {
    private static final String EXPIRES = "expires";

    private final Path root;
    private final Duration ttl;
    private final URI baseUri;
    private final Clock clock;

    /** What the store holds for one export. */
    public sealed interface Lookup {
        /** The file, downloadable until {@code expiresAt}. */
        record Ready(Path file, Instant expiresAt) implements Lookup {
        }

        /** The link expired at {@code expiredAt}; the file is or will be deleted. */
        record Gone(Instant expiredAt) implements Lookup {
        }

        /** Nothing stored for this export (not finished, not delivered here, or unknown). */
        record Missing() implements Lookup {
        }
    }

    private FileStorageDelivery(Builder b) {
        this.root = Objects.requireNonNull(b.root, "root");
        this.ttl = b.ttl;
        this.baseUri = b.baseUri;
        this.clock = b.clock;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The store's folder. */
    public Path root() {
        return root;
    }

    /** How long a download link lives. */
    public Duration ttl() {
        return ttl;
    }

    /** The download URI of an export: {@code <base>/api/v1/exports/<uid>/download}. */
    public URI downloadUri(UUID uid) {
        return baseUri.resolve("api/v1/exports/" + uid + "/download");
    }

    @Override
    public DeliveryReceipt deliver(ExportJob job, Path packagedFile) throws IOException {
        UUID uid = job.uid();
        Path folder = Files.createDirectories(root.resolve(uid.toString()));
        Path target = folder.resolve(packagedFile.getFileName().toString());
        Path partial = Files.createTempFile(folder, ".partial-", "");
        try {
            Files.delete(partial);
            try {
                Files.createLink(partial, packagedFile);
            } catch (IOException | UnsupportedOperationException e) {
                Files.copy(packagedFile, partial);
            }
            Instant expiresAt = clock.instant().plus(ttl);
            Files.writeString(folder.resolve(EXPIRES), expiresAt.toString(), StandardCharsets.UTF_8);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return new DeliveryReceipt("FILE_STORAGE", downloadUri(uid), expiresAt);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /** What the store holds for export {@code uid} now. */
    public Lookup lookup(UUID uid) {
        Path folder = root.resolve(uid.toString());
        Instant expiresAt;
        try {
            expiresAt = Instant.parse(Files.readString(folder.resolve(EXPIRES), StandardCharsets.UTF_8).trim());
        } catch (NoSuchFileException e) {
            return new Lookup.Missing();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (DateTimeParseException e) {
            throw new IllegalStateException("damaged expiry record in " + folder, e);
        }
        if (!clock.instant().isBefore(expiresAt)) {
            return new Lookup.Gone(expiresAt);
        }
        Path file = storedFile(folder);
        return file == null ? new Lookup.Missing() : new Lookup.Ready(file, expiresAt);
    }

    /** Deletes every expired file, keeping its expiry record; returns how many were deleted. */
    public int purgeExpired() throws IOException {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        int deleted = 0;
        try (DirectoryStream<Path> exports = Files.newDirectoryStream(root, Files::isDirectory)) {
            for (Path folder : exports) {
                UUID uid;
                try {
                    uid = UUID.fromString(folder.getFileName().toString());
                } catch (IllegalArgumentException notOurs) {
                    continue;
                }
                Path file = storedFile(folder);
                if (file != null && lookup(uid) instanceof Lookup.Gone) {
                    Files.deleteIfExists(file);
                    deleted++;
                }
            }
        }
        return deleted;
    }

    private static Path storedFile(Path folder) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder,
                p -> !p.getFileName().toString().equals(EXPIRES) && !p.getFileName().toString().startsWith("."))) {
            for (Path p : files) {
                return p;
            }
            return null;
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return "FileStorageDelivery[root=" + root + ", ttl=" + ttl + ", base=" + baseUri + "]";
    }

    /** Settings of a {@link FileStorageDelivery}; {@code root} is required. */
    public static final class Builder {
        private Path root;
        private Duration ttl = Duration.ofDays(1);
        private URI baseUri = URI.create("http://127.0.0.1:8080/");
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** The store's folder (created on first delivery). */
        public Builder root(Path root) {
            this.root = root;
            return this;
        }

        /** How long a download link lives; default one day. */
        public Builder ttl(Duration ttl) {
            if (ttl.isNegative() || ttl.isZero()) {
                throw new IllegalArgumentException("ttl must be positive, got " + ttl);
            }
            this.ttl = ttl;
            return this;
        }

        /** Where the server answers, e.g. {@code https://labels.example.com/}; default {@code http://127.0.0.1:8080/}. */
        public Builder baseUri(URI baseUri) {
            String s = baseUri.toString();
            this.baseUri = s.endsWith("/") ? baseUri : URI.create(s + "/");
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public FileStorageDelivery build() {
            return new FileStorageDelivery(this);
        }
    }
}
