package lu.d4h.conformance;

import org.eclipse.dataspacetck.core.system.ConsoleMonitor;
import org.eclipse.dataspacetck.runtime.ConsoleResultWriter;
import org.eclipse.dataspacetck.runtime.TckRuntime;

import java.io.FileReader;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Runs the DSP TCK's verification package against the connector a .properties file names.
 *
 * The TCK's own main class (DspTckSuite) is not published to Maven Central, so this does the same through
 * the published tck-runtime API (dsp-tck README §3.1). It exits 1 when a case failed, so that a run by hand
 * says so too; CaseLines prints the per-case lines the npm test stage reads.
 */
public final class RunDspTck {
    private static final String LAUNCHER_PROPERTY = "dataspacetck.launcher";
    private static final String DSP_LAUNCHER = "org.eclipse.dataspacetck.dsp.system.DspSystemLauncher";
    private static final String TEST_PACKAGE = "org.eclipse.dataspacetck.dsp.verification";
    /** Ours, not the TCK's: a regular expression on the case display names ("CN:01-01: ..."), default all. */
    private static final String CASES_PROPERTY = "d4h.tck.cases";

    private RunDspTck() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: RunDspTck <tck.properties>");
            System.exit(2);
        }
        var properties = new Properties();
        try (var reader = new FileReader(args[0])) {
            properties.load(reader);
        }
        Map<String, String> config = new HashMap<>();
        properties.forEach((key, value) -> config.put(key.toString(), value.toString()));
        config.putIfAbsent(LAUNCHER_PROPERTY, DSP_LAUNCHER);

        var cases = config.getOrDefault(CASES_PROPERTY, ".*");
        var monitor = new ConsoleMonitor(Boolean.parseBoolean(config.getOrDefault("dataspacetck.debug", "false")), false);
        var summary = TckRuntime.Builder.newInstance()
                .properties(config)
                .addPackage(TEST_PACKAGE)
                .monitor(monitor)
                .displayNameMatching(name -> name.matches(cases))
                .build()
                .execute();
        new ConsoleResultWriter(monitor).output(summary);
        System.out.flush();
        System.exit(summary.getTotalFailureCount() > 0 ? 1 : 0);
    }
}
