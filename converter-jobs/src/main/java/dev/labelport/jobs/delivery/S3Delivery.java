package dev.labelport.jobs.delivery;

import dev.labelport.jobs.Delivery;
import dev.labelport.jobs.DeliveryReceipt;
import dev.labelport.jobs.ExportJob;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * {@code EXTERNAL_OBJECT_STORAGE}: uploads the packaged file to an S3-compatible store (AWS S3,
 * MinIO, Ceph, s3proxy...) at an {@link S3Target} such as {@code bucket/exports/}. Files from
 * {@code multipartThreshold} up go as a multipart upload of {@code partSize} parts read straight
 * from the file (no copy in memory); a failed multipart upload is aborted so no half object stays.
 *
 * <p>The client is the AWS SDK v2 with its {@code url-connection-client} (no Netty, no Apache
 * HTTP), path-style addressing and a custom endpoint. Request checksums are computed only where the
 * S3 API requires them: the trailing-checksum encoding newer SDKs send by default is not understood
 * by every S3-compatible server. Credentials come from the caller and are never logged.
 *
 * <pre>{@code
 * Delivery s3 = S3Delivery.builder()
 *         .endpoint(URI.create("https://minio.internal:9000"))
 *         .credentials(S3Credentials.of(accessKey, secretKey))
 *         .target(S3Target.parse("exports/labelport/"))
 *         .build();
 * }</pre>
 */
public final class S3Delivery implements Delivery {
    /** The smallest part S3 accepts (except the last one). */
    public static final long MIN_PART_SIZE = 5L * 1024 * 1024;
    private static final long MAX_PARTS = 10_000;

    private final URI endpoint;
    private final String region;
    private final S3Credentials credentials;
    private final S3Target target;
    private final long partSize;
    private final long multipartThreshold;

    private S3Delivery(Builder b) {
        this.endpoint = b.endpoint;
        this.region = b.region;
        this.credentials = Objects.requireNonNull(b.credentials, "credentials");
        this.target = Objects.requireNonNull(b.target, "target");
        this.partSize = b.partSize;
        this.multipartThreshold = b.multipartThreshold < 0 ? b.partSize : b.multipartThreshold;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public DeliveryReceipt deliver(ExportJob job, Path packagedFile) throws IOException {
        String key = target.objectKey(packagedFile.getFileName().toString());
        long size = Files.size(packagedFile);
        try (S3Client s3 = client()) {
            if (size < multipartThreshold) {
                s3.putObject(r -> r.bucket(target.bucket()).key(key).contentType(contentType(key)),
                        RequestBody.fromFile(packagedFile));
            } else {
                uploadInParts(s3, key, packagedFile, size);
            }
        } catch (SdkException e) {
            throw new IOException("upload to s3://" + target.bucket() + "/" + key + " failed: " + e.getMessage(), e);
        }
        return new DeliveryReceipt("EXTERNAL_OBJECT_STORAGE", URI.create("s3://" + target.bucket() + "/" + key), null);
    }

    private void uploadInParts(S3Client s3, String key, Path file, long size) throws IOException {
        long parts = (size + partSize - 1) / partSize;
        if (parts > MAX_PARTS) {
            throw new IOException(size + " bytes in parts of " + partSize + " would need " + parts
                    + " parts; S3 allows " + MAX_PARTS + ": raise the part size");
        }
        String uploadId = s3.createMultipartUpload(r -> r.bucket(target.bucket()).key(key).contentType(contentType(key)))
                .uploadId();
        try {
            List<CompletedPart> done = new ArrayList<>();
            for (int n = 1; n <= parts; n++) {
                long offset = (n - 1) * partSize;
                long length = Math.min(partSize, size - offset);
                int partNumber = n;
                String etag = s3.uploadPart(r -> r.bucket(target.bucket()).key(key).uploadId(uploadId)
                                .partNumber(partNumber).contentLength(length),
                        RequestBody.fromContentProvider(region(file, offset, length), length, "application/octet-stream"))
                        .eTag();
                done.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
                if (Thread.currentThread().isInterrupted()) {
                    throw new java.io.InterruptedIOException("upload interrupted after part " + n + " of " + parts);
                }
            }
            s3.completeMultipartUpload(r -> r.bucket(target.bucket()).key(key).uploadId(uploadId)
                    .multipartUpload(CompletedMultipartUpload.builder().parts(done).build()));
        } catch (IOException | RuntimeException e) {
            abortQuietly(s3, key, uploadId, e);
            throw e;
        }
    }

    private void abortQuietly(S3Client s3, String key, String uploadId, Exception cause) {
        try {
            s3.abortMultipartUpload(r -> r.bucket(target.bucket()).key(key).uploadId(uploadId));
        } catch (SdkException abort) {
            cause.addSuppressed(abort);
        }
    }

    /** A part read from the file on demand; the SDK may open it again to retry. */
    private static ContentStreamProvider region(Path file, long offset, long length) {
        return () -> {
            try {
                return new RegionStream(FileChannel.open(file, StandardOpenOption.READ), offset, length);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
    }

    private S3Client client() {
        AwsCredentials aws = credentials.sessionToken() == null
                ? AwsBasicCredentials.create(credentials.accessKeyId(), credentials.secretAccessKey())
                : AwsSessionCredentials.create(credentials.accessKeyId(), credentials.secretAccessKey(),
                        credentials.sessionToken());
        var builder = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(aws))
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder.build();
    }

    private static String contentType(String key) {
        return key.endsWith(".zip") ? "application/zip" : "application/octet-stream";
    }

    @Override
    public String toString() {
        return "S3Delivery[endpoint=" + (endpoint == null ? "aws" : endpoint) + ", region=" + region
                + ", target=" + target + ", credentials=" + credentials + ", partSize=" + partSize + "]";
    }

    /** A window of a file channel as a stream; closing it closes the channel. */
    private static final class RegionStream extends InputStream {
        private final FileChannel channel;
        private long position;
        private final long end;

        RegionStream(FileChannel channel, long offset, long length) {
            this.channel = channel;
            this.position = offset;
            this.end = offset + length;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (position >= end) {
                return -1;
            }
            int n = channel.read(ByteBuffer.wrap(b, off, (int) Math.min(len, end - position)), position);
            if (n > 0) {
                position += n;
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    /** Settings of an {@link S3Delivery}; {@code credentials} and {@code target} are required. */
    public static final class Builder {
        private URI endpoint;
        private String region = "us-east-1";
        private S3Credentials credentials;
        private S3Target target;
        private long partSize = 8L * 1024 * 1024;
        private long multipartThreshold = -1;

        private Builder() {
        }

        /** The store's endpoint, e.g. {@code http://127.0.0.1:9000}; default AWS for the region. */
        public Builder endpoint(URI endpoint) {
            this.endpoint = endpoint;
            return this;
        }

        /** The signing region; default {@code us-east-1} (what most S3-compatible stores expect). */
        public Builder region(String region) {
            this.region = Objects.requireNonNull(region, "region");
            return this;
        }

        public Builder credentials(S3Credentials credentials) {
            this.credentials = credentials;
            return this;
        }

        public Builder target(S3Target target) {
            this.target = target;
            return this;
        }

        /** The size of each part of a multipart upload; at least 5 MiB, default 8 MiB. */
        public Builder partSize(long bytes) {
            if (bytes < MIN_PART_SIZE) {
                throw new IllegalArgumentException("S3 parts are at least 5 MiB, got " + bytes + " bytes");
            }
            this.partSize = bytes;
            return this;
        }

        /** The file size from which a multipart upload is used; default the part size. */
        public Builder multipartThreshold(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("multipartThreshold must not be negative");
            }
            this.multipartThreshold = bytes;
            return this;
        }

        public S3Delivery build() {
            return new S3Delivery(this);
        }
    }
}
