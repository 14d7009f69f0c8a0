package dev.labelport.jobs.delivery;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labelport.jobs.DeliveryReceipt;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Random;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** Uploads to a real S3-protocol server (s3proxy over a transient blob store) on loopback. */
class S3DeliveryTest {
    private static final String ACCESS = "test-access-key";
    private static final String SECRET = "test-secret-key-do-not-log";

    private static S3Proxy proxy;
    private static BlobStoreContext context;
    private static URI endpoint;

    @TempDir
    Path dir;

    @BeforeAll
    static void startS3() throws Exception {
        context = ContextBuilder.newBuilder("transient").credentials("identity", "credential")
                .overrides(new Properties()).build(BlobStoreContext.class);
        BlobStore store = context.getBlobStore();
        store.createContainerInLocation(null, "exports");
        proxy = S3Proxy.builder().blobStore(store).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS, SECRET).build();
        proxy.start();
        while (!"STARTED".equals(proxy.getState())) {
            Thread.onSpinWait();
        }
        endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    @AfterAll
    static void stopS3() throws Exception {
        proxy.stop();
        context.close();
    }

    private S3Delivery.Builder delivery(String target) {
        return S3Delivery.builder().endpoint(endpoint).credentials(S3Credentials.of(ACCESS, SECRET))
                .target(S3Target.parse(target));
    }

    /** A plain client to look at what the server holds. */
    private static S3Client reader() {
        return S3Client.builder().httpClient(UrlConnectionHttpClient.create()).endpointOverride(endpoint)
                .region(Region.US_EAST_1).forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS, SECRET)))
                .build();
    }

    private static byte[] read(String bucket, String key) {
        try (S3Client s3 = reader()) {
            return s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray();
        }
    }

    private Path file(String name, int size) throws IOException {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return Files.write(dir.resolve(name), bytes);
    }

    @Test
    void aFolderTargetKeepsTheFileName() throws IOException {
        Path zip = file("export-1.zip", 1000);
        DeliveryReceipt receipt = delivery("exports/path/to/folder/").build().deliver(null, zip);
        assertEquals(URI.create("s3://exports/path/to/folder/export-1.zip"), receipt.location());
        assertArrayEquals(Files.readAllBytes(zip), read("exports", "path/to/folder/export-1.zip"));
    }

    @Test
    void aTargetWithoutTrailingSlashIsTheObjectItself() throws IOException {
        Path zip = file("export-2.zip", 10);
        delivery("s3://exports/latest.zip").build().deliver(null, zip);
        assertArrayEquals(Files.readAllBytes(zip), read("exports", "latest.zip"));
    }

    @Test
    void aLargeFileGoesUpInParts() throws IOException {
        Path zip = file("big.zip", 12 * 1024 * 1024);
        delivery("exports/big/").partSize(S3Delivery.MIN_PART_SIZE).build().deliver(null, zip);
        assertArrayEquals(Files.readAllBytes(zip), read("exports", "big/big.zip"));
        // three parts: an S3 multipart ETag ends in "-<parts>"
        try (S3Client s3 = reader()) {
            String etag = s3.headObject(r -> r.bucket("exports").key("big/big.zip")).eTag();
            assertTrue(etag.replace("\"", "").endsWith("-3"), etag);
        }
    }

    @Test
    void wrongCredentialsFailWithoutShowingThem() throws IOException {
        Path zip = file("export-3.zip", 10);
        S3Delivery bad = S3Delivery.builder().endpoint(endpoint).credentials(S3Credentials.of(ACCESS, "wrong-secret-123"))
                .target(S3Target.parse("exports/")).build();
        IOException e = assertThrows(IOException.class, () -> bad.deliver(null, zip));
        assertFalse(e.getMessage().contains("wrong-secret-123"), e.getMessage());
        assertFalse(bad.toString().contains("wrong-secret-123"), bad.toString());
        assertFalse(bad.toString().contains(ACCESS), bad.toString());
    }

    @Test
    void aMissingBucketFails() throws IOException {
        Path zip = file("export-4.zip", 10);
        IOException e = assertThrows(IOException.class, () -> delivery("no-such-bucket/").build().deliver(null, zip));
        assertTrue(e.getMessage().contains("s3://no-such-bucket/export-4.zip"), e.getMessage());
    }

    @Test
    void targetsAreParsedAsLabellerrWritesThem() {
        assertEquals(new S3Target("bucket", "path/to/folder/"), S3Target.parse("bucket/path/to/folder/"));
        assertTrue(S3Target.parse("bucket").isFolder());
        assertEquals("a.zip", S3Target.parse("bucket/").objectKey("a.zip"));
        assertFalse(S3Target.parse("bucket/x.zip").isFolder());
        assertThrows(IllegalArgumentException.class, () -> S3Target.parse("Bad_Bucket/x"));
        assertThrows(IllegalArgumentException.class, () -> S3Target.parse("bucket//x"));
        assertThrows(IllegalArgumentException.class, () -> S3Delivery.builder().partSize(1024));
    }
}
