package dev.labelport.jobs;

/** A request names a dataset, project or slice the data provider does not have (the REST API's 404). */
public final class ScopeNotFoundException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final DataProvider.ScopeKind kind;
    private final String uid;

    public ScopeNotFoundException(DataProvider.ScopeKind kind, String uid) {
        super("no " + kind.name().toLowerCase(java.util.Locale.ROOT) + " " + uid);
        this.kind = kind;
        this.uid = uid;
    }

    public DataProvider.ScopeKind kind() {
        return kind;
    }

    public String uid() {
        return uid;
    }
}
