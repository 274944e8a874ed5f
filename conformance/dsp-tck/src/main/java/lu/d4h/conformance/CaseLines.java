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
        var reason = result.getThrowable().map(CaseLines::describe).orElse("");
        if (isCase(identifier)) {
            System.out.println("TCK-CASE " + result.getStatus() + " " + identifier.getDisplayName() + " | " + reason);
        } else if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
            // A class-level failure (set-up) fails its cases without a line of their own: say why.
            System.out.println("TCK-GROUP " + result.getStatus() + " " + identifier.getDisplayName() + " | " + reason);
            result.getThrowable().ifPresent(Throwable::printStackTrace);
        }
    }

    @Override
    public void executionSkipped(TestIdentifier identifier, String reason) {
        if (isCase(identifier)) {
            System.out.println("TCK-CASE SKIPPED " + identifier.getDisplayName() + " | " + reason);
        }
    }

    /** The message and its causes, on one line. */
    private static String describe(Throwable t) {
        var out = new StringBuilder();
        for (var c = t; c != null; c = c.getCause()) {
            out.append(out.length() == 0 ? "" : " <- ").append(c.getClass().getSimpleName()).append(": ").append(String.valueOf(c.getMessage()).replaceAll("\\s+", " "));
        }
        return out.toString();
    }

    private static boolean isCase(TestIdentifier identifier) {
        return identifier.getSource().filter(MethodSource.class::isInstance).isPresent();
    }
}
