package dev.hexsync.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Where {@code hexsync sync} takes its token from: {@code --token}, {@code --token-file} or the environment
 * variable {@value #ENVIRONMENT}, exactly one of them (a file or the environment keep the token out of the
 * process list).
 */
final class TokenSource {
    static final String ENVIRONMENT = "HEXSYNC_TOKEN";

    private TokenSource() {
    }

    static String resolve(String option, Path file, Function<String, String> environment) {
        String fromEnvironment = environment.apply(ENVIRONMENT);
        List<String> given = new ArrayList<>();
        if (option != null) {
            given.add("--token");
        }
        if (file != null) {
            given.add("--token-file");
        }
        if (given.isEmpty()) {
            if (fromEnvironment == null || fromEnvironment.isBlank()) {
                throw CliException.usage("a token is needed: --token-file FILE, the environment variable " + ENVIRONMENT
                        + ", or --token JWT");
            }
            return fromEnvironment.strip();
        }
        if (given.size() > 1) {
            throw CliException.usage("give the token once: " + String.join(" or ", given));
        }
        String token = option != null ? option : read(file);
        if (token.isBlank()) {
            throw CliException.usage(given.get(0) + " gave an empty token");
        }
        return token.strip();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw CliException.usage("--token-file " + file + ": no such file");
        } catch (IOException e) {
            throw CliException.usage("--token-file " + file + ": cannot be read (" + e.getMessage() + ")");
        }
    }
}
