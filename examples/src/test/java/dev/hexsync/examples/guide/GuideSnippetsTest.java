package dev.hexsync.examples.guide;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the documentation's Java samples true: every {@code java} block of the user guide and the README must be
 * announced by a marker {@code <!-- snippet: FILE#REGION -->} on the line before it, and equal that region of a
 * source file of this module's tests (between {@code // tag::REGION[]} and {@code // end::REGION[]}, indentation
 * removed). Those sources compile and run as tests, so a sample that compiles no more, or fails, fails the build,
 * and a sample edited only in the docs fails here.
 *
 * <p>Run with {@code -Dhexsync.guide.update=true} to rewrite the blocks from the sources after changing them.
 */
class GuideSnippetsTest {
    private static final Path SOURCES = Path.of("src/test/java/dev/hexsync/examples");
    private static final Pattern BLOCK = Pattern.compile(
            "(?:<!-- snippet: (?<ref>[^ ]+) -->\\n)?```java\\n(?<body>.*?)```", Pattern.DOTALL);

    /** The documents whose samples are checked: the guide's pages and the README. */
    static List<Path> documents() throws IOException {
        List<Path> documents = new ArrayList<>();
        try (Stream<Path> pages = Files.list(Path.of("../docs/guide"))) {
            pages.filter(p -> p.toString().endsWith(".md")).sorted().forEach(documents::add);
        }
        documents.add(Path.of("../README.md"));
        return documents;
    }

    @Test
    void everyJavaSampleIsARegionOfACompiledSource() throws IOException {
        boolean update = Boolean.getBoolean("hexsync.guide.update");
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Path document : documents()) {
            String text = Files.readString(document);
            Matcher block = BLOCK.matcher(text);
            StringBuilder rewritten = new StringBuilder();
            int number = 0;
            while (block.find()) {
                String ref = block.group("ref");
                String where = document + ", java block " + ++number;
                if (ref == null) {
                    problems.add(where + ": a java block without a snippet marker");
                    block.appendReplacement(rewritten, Matcher.quoteReplacement(block.group()));
                    continue;
                }
                checked++;
                String expected = region(ref);
                if (expected == null) {
                    problems.add(where + ": no region " + ref);
                    block.appendReplacement(rewritten, Matcher.quoteReplacement(block.group()));
                } else {
                    if (!expected.equals(block.group("body"))) {
                        problems.add(where + " (" + ref + ") differs from its source");
                    }
                    block.appendReplacement(rewritten, Matcher.quoteReplacement(
                            "<!-- snippet: " + ref + " -->\n```java\n" + expected + "```"));
                }
            }
            block.appendTail(rewritten);
            if (update && !rewritten.toString().equals(text)) {
                Files.writeString(document, rewritten.toString());
            }
        }
        if (update) {
            problems.removeIf(p -> p.endsWith("differs from its source"));
        }
        assertThat(problems).as("samples out of step with their sources (fix the source, then run with "
                + "-Dhexsync.guide.update=true)").isEmpty();
        assertThat(checked).as("samples checked").isGreaterThan(10);
    }

    /** The region's lines without their common indentation, each ending in a newline; null if there is none. */
    static String region(String ref) throws IOException {
        String[] parts = ref.split("#", 2);
        Path file = SOURCES.resolve(parts[0]);
        if (parts.length != 2 || !Files.isRegularFile(file)) {
            return null;
        }
        List<String> lines = Files.readAllLines(file);
        int start = -1;
        int end = -1;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.equals("// tag::" + parts[1] + "[]")) {
                start = i + 1;
            } else if (line.equals("// end::" + parts[1] + "[]") && start >= 0) {
                end = i;
                break;
            }
        }
        if (start < 0 || end < 0) {
            return null;
        }
        List<String> body = lines.subList(start, end);
        int indent = body.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        StringBuilder out = new StringBuilder();
        for (String line : body) {
            if (!line.trim().startsWith("// tag::") && !line.trim().startsWith("// end::")) {
                out.append(line.isBlank() ? "" : line.substring(indent)).append('\n');
            }
        }
        return out.toString();
    }
}
