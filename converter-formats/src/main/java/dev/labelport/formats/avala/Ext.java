package dev.labelport.formats.avala;

/** Keys of the {@code "avala"} extension objects the reader fills and the writer reads back. */
final class Ext {
    private Ext() {
    }

    // header
    static final String EXPORT_INFO = "export_info";
    static final String DATASETS = "datasets";
    static final String PROJECTS = "projects";
    // header, item, annotation, dataset/project/result entries: unknown keys as read
    static final String EXTRA = "extra";
    // dataset/project/result entries
    static final String UID = "uid";
    static final String NAME = "name";
    // item
    static final String DATASET_UID = "dataset_uid";
    static final String RESULTS = "results";
    // result entry
    static final String PROJECT_UID = "project_uid";
    // category
    static final String PROJECT_NAME = "project_name";
    static final String LABEL_EXTRA = "label_extra";
    static final String UNDECLARED = "undeclared";
    // annotation
    static final String RESULT = "result";
    static final String POINT_NAMES = "point_names";
    /** Suffix of the keys holding unknown members of {@code coordinates}, {@code center}... */
    static final String EXTRA_SUFFIX = "_extra";
}
