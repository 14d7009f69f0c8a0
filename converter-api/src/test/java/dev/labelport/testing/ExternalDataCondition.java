package dev.labelport.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Disables {@link ExternalSamples} classes when the external sample folder is not there. */
public final class ExternalDataCondition implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        String p = System.getProperty(ExternalData.PROPERTY);
        if (p != null && Files.isDirectory(Path.of(p))) {
            return ConditionEvaluationResult.enabled("external test data at " + p);
        }
        return ConditionEvaluationResult.disabled("external test data not found (system property "
                + ExternalData.PROPERTY + "=" + p + "); skipping the tests that read third-party samples");
    }
}
