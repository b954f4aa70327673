package dev.hexsync.testkit.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A scenario and the result the real engine produced for it, read from the classpath under
 * {@code conformance/<suite>/} (an {@code INDEX} file lists the case names, one per line).
 */
public record ConformanceCase(String suite, String name, String scenario, String expectedResult) {

    /** Every case of a suite, in the order of its INDEX. */
    public static List<ConformanceCase> load(String suite) {
        String index = resource("conformance/" + suite + "/INDEX");
        List<ConformanceCase> cases = new ArrayList<>();
        for (String line : index.split("\n")) {
            String name = line.trim();
            if (name.isEmpty() || name.startsWith("#")) {
                continue;
            }
            cases.add(new ConformanceCase(suite, name,
                    resource("conformance/" + suite + "/" + name + ".scenario.json"),
                    resource("conformance/" + suite + "/" + name + ".result.json")));
        }
        return cases;
    }

    private static String resource(String path) {
        try (InputStream in = ConformanceCase.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("Missing conformance resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
