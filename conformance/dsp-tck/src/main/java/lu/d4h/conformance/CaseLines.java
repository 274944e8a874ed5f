package lu.d4h.conformance;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/**
 * Prints one line per TCK case, "TCK-CASE <SUCCESSFUL|FAILED|ABORTED|SKIPPED> <display name> | <reason>",
 * so the npm test stage need not parse the TCK's human-readable console output. JUnit's LauncherFactory
 * registers it through META-INF/services, next to the listeners TckRuntime adds itself.
 */
public final class CaseLines implements TestExecutionListener {
    @Override
    public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
        if (!isCase(identifier)) {
            return;
        }
        var reason = result.getThrowable().map(t -> String.valueOf(t.getMessage()).replaceAll("\\s+", " ")).orElse("");
        System.out.println("TCK-CASE " + result.getStatus() + " " + identifier.getDisplayName() + " | " + reason);
    }

    @Override
    public void executionSkipped(TestIdentifier identifier, String reason) {
        if (isCase(identifier)) {
            System.out.println("TCK-CASE SKIPPED " + identifier.getDisplayName() + " | " + reason);
        }
    }

    private static boolean isCase(TestIdentifier identifier) {
        return identifier.getSource().filter(MethodSource.class::isInstance).isPresent();
    }
}
