package dev.hexsync.adapters.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The product tokens hexsync sends as {@code User-Agent} and {@code x-user-agent}: {@code hexsync/<version>},
 * the Java runtime, then the application's own token if it gave one. The service logs the agent per connection,
 * and it is how a service operator tells SDKs (and their versions) apart.
 */
final class UserAgent {
    private static final String VERSION_RESOURCE = "hexsync-version.properties";

    private UserAgent() {
    }

    /** The header value, with {@code application} (already validated) appended when not null. */
    static String of(String application) {
        String base = "hexsync/" + version() + " java/" + Runtime.version().feature();
        return application == null ? base : base + " " + application;
    }

    /**
     * Validates an application's product token: visible ASCII, so it cannot break the header (no CR/LF
     * injection) and reads the same in every log.
     */
    static String checkApplication(String application) {
        if (application.isBlank()) {
            throw new IllegalArgumentException("User agent must not be blank");
        }
        for (int i = 0; i < application.length(); i++) {
            char c = application.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                throw new IllegalArgumentException("User agent must be printable ASCII; found character 0x"
                        + Integer.toHexString(c) + " at index " + i);
            }
        }
        return application.strip();
    }

    /** hexsync's version, filtered into a resource at build time; "unknown" when run from unfiltered sources. */
    static String version() {
        Properties properties = new Properties();
        try (InputStream in = UserAgent.class.getResourceAsStream(VERSION_RESOURCE)) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + VERSION_RESOURCE, e);
        }
        String version = properties.getProperty("version", "");
        return version.isEmpty() || version.startsWith("${") ? "unknown" : version;
    }
}
