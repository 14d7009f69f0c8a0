package dev.labelport.formats.azure;

/**
 * An {@code image_url} split into the model's URI and file name. A value with a scheme is the
 * item's URI; the file name is the datastore path of {@code azureml://.../paths/<path>} and
 * {@code AmlDatastore://<path>} URLs, and absent for other URLs. A value without a scheme is a
 * path relative to the data (the file name, no URI).
 */
record ImageUrl(String uri, String fileName) {
    private static final String PATHS = "/paths/";
    private static final String AML_DATASTORE = "AmlDatastore://";

    static ImageUrl parse(String url) {
        if (!url.contains("://")) {
            return new ImageUrl(null, url);
        }
        return new ImageUrl(url, datastorePath(url));
    }

    /** The path inside the datastore, or {@code null} when the URL is not a datastore URL. */
    static String datastorePath(String url) {
        if (url.startsWith("azureml://")) {
            int at = url.indexOf(PATHS);
            return at < 0 || at + PATHS.length() == url.length() ? null : url.substring(at + PATHS.length());
        }
        if (url.regionMatches(true, 0, AML_DATASTORE, 0, AML_DATASTORE.length()) && url.length() > AML_DATASTORE.length()) {
            return url.substring(AML_DATASTORE.length());
        }
        return null;
    }

    /**
     * What to write for an item: its URI when that is a datastore URL or there is no file name,
     * else the file name. {@link #dropped} names what the choice leaves out.
     */
    static String choose(String uri, String fileName) {
        if (uri != null && (fileName == null || datastorePath(uri) != null)) {
            return uri;
        }
        return fileName;
    }

    /** The field that {@link #choose} leaves out and cannot be recomputed, or {@code null}. */
    static String dropped(String uri, String fileName) {
        String written = choose(uri, fileName);
        if (written == null) {
            return null;
        }
        ImageUrl back = parse(written);
        if (uri != null && !uri.equals(back.uri())) {
            return "uri " + uri;
        }
        if (fileName != null && !fileName.equals(back.fileName())) {
            return "file name " + fileName;
        }
        return null;
    }
}
